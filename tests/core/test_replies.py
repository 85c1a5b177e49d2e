"""Sending replies from a case: refused without back channel, written atomically, recorded."""

from __future__ import annotations

import base64
import random
from datetime import date, timedelta

import pytest
from lxml import etree

from ab_inbox.demo import build_message
from ab_inbox.export import replies as export_replies
from ab_inbox.export.replies import OutboxError, send_reply
from ab_inbox.store.replies import list_replies, reply_bytes
from ab_inbox.xauslaender.outbound import Office, ReplyRefused, validate_reply
from tests.messages import set_text, valid_message

XA = "http://www.osci.de/xauslaender2611"
OFFICE = Office(
    dvdv_ids=("abh:00000001",),
    name="Ausländerbehörde Musterstadt",
    street="Rathausplatz 1",
    postcode="12345",
    city="Musterstadt",
    phone="+49 30 1234567",
)
QUESTION = {
    "frage": "Bitte reichen Sie Ihren Mietvertrag nach, Frau Świątek.",
    "fristdatum": date.today() + timedelta(days=14),
}


def receive(inbox, data: bytes, name: str):
    outcome = inbox.receive_bytes(data, name)
    assert outcome.kind == "accepted", outcome.text_en
    return outcome


def send(inbox, outbox, case_id, type_code="130102", content=QUESTION, **kw):
    return send_reply(
        inbox.db,
        inbox.packs,
        case_id,
        type_code,
        content,
        office=OFFICE,
        outbox_dir=outbox,
        actor="sachbearbeitung",
        **kw,
    )


@pytest.fixture
def outbox(tmp_path):
    return tmp_path / "outbox"


@pytest.fixture
def application(inbox):
    return receive(inbox, valid_message("130101", seed=21, rueckkanal=True), "antrag.xml")


def test_reply_is_written_to_the_outbox_and_recorded(inbox, outbox, application):
    receipt = send(inbox, outbox, application.case_id)

    assert [p.name for p in outbox.iterdir()] == [receipt.path.name]
    assert receipt.path.name == f"OZG.RueckkanalFrage.130102_{receipt.nachrichten_uuid}.xml"
    data = receipt.path.read_bytes()
    pack = inbox.packs.pack_for_version("26.11")
    assert validate_reply(data, pack) == []
    root = etree.fromstring(data)
    answered = inbox.message(application.message_id)
    assert root.findtext(f"{{{XA}}}ausloeserUUID") == answered["nachrichten_uuid"]
    assert root.findtext(f"{{{XA}}}antragsidentifikation") == answered["antragsidentifikation"]
    assert "Świątek" in root.findtext(f"{{{XA}}}frage")

    [row] = list_replies(inbox.db, application.case_id)
    assert row["id"] == receipt.reply_id and row["type_code"] == "130102"
    assert row["answers_message_id"] == application.message_id
    assert row["nachrichten_uuid"] == receipt.nachrichten_uuid
    assert row["outbox_path"] == str(receipt.path) and row["sent_by"] == "sachbearbeitung"
    assert row["sha256"] == receipt.sha256
    assert reply_bytes(inbox.db, receipt.reply_id) == data


def test_sending_is_audited_without_personal_data(inbox, outbox, application):
    receipt = send(inbox, outbox, application.case_id)

    [audit] = inbox.db.query("SELECT * FROM audit WHERE action = 'reply_sent'")
    assert audit["case_id"] == application.case_id
    assert audit["message_id"] == application.message_id
    assert audit["result"] == "ok" and receipt.nachrichten_uuid in audit["detail"]
    applicant = inbox.message(application.message_id)["applicant_name"]
    for private in ("Świątek", "Mietvertrag", applicant.split(",")[0]):
        assert private not in audit["detail"]


def test_refused_when_the_application_has_no_back_channel(inbox, outbox):
    data = set_text(valid_message("130101", seed=22), "rueckkanalVorhanden", "false")
    outcome = receive(inbox, data, "ohne-rueckkanal.xml")

    with pytest.raises(ReplyRefused) as caught:
        send(inbox, outbox, outcome.case_id)

    assert "kein Rückkanal" in caught.value.text_de
    assert "no back channel" in caught.value.text_en
    assert not outbox.exists() or not list(outbox.iterdir())
    assert list_replies(inbox.db, outcome.case_id) == []
    assert not list(inbox.db.query("SELECT * FROM audit WHERE action = 'reply_sent'"))


def test_a_resend_of_the_same_content_is_a_new_message(inbox, outbox, application):
    one = send(inbox, outbox, application.case_id)
    two = send(inbox, outbox, application.case_id)

    assert one.nachrichten_uuid != two.nachrichten_uuid
    assert len(list(outbox.iterdir())) == 2
    assert [r["id"] for r in list_replies(inbox.db, application.case_id)] == [
        one.reply_id,
        two.reply_id,
    ]


def test_withdrawal_reaction_answers_the_withdrawal(inbox, outbox, application):
    ident = inbox.message(application.message_id)["antragsidentifikation"]
    with pytest.raises(ReplyRefused) as caught:  # nothing withdrawn yet
        send(inbox, outbox, application.case_id, "130107", {})
    assert "Erklärung der Rücknahme" in caught.value.text_de

    withdrawal = build_message("130111", random.Random(23))
    withdrawal = receive(inbox, set_text(withdrawal, "antragsidentifikation", ident), "r.xml")
    assert withdrawal.case_id == application.case_id

    receipt = send(inbox, outbox, application.case_id, "130107", {})

    root = etree.fromstring(receipt.path.read_bytes())
    withdrawn = inbox.message(withdrawal.message_id)["nachrichten_uuid"]
    assert root.findtext(f"{{{XA}}}ausloeserUUID") == withdrawn
    assert receipt.answers_message_id == withdrawal.message_id


def test_a_message_of_another_case_cannot_be_answered(inbox, outbox, application):
    other = receive(inbox, valid_message("130101", seed=24, rueckkanal=True), "b.xml")
    with pytest.raises(ReplyRefused):
        send(inbox, outbox, application.case_id, answers_message_id=other.message_id)


def test_letter_text_becomes_a_pdf_document(inbox, outbox, application):
    letter = "Sehr geehrte Damen und Herren,\n\nwir beabsichtigen, Ihren Antrag abzulehnen."
    receipt = send(inbox, outbox, application.case_id, "130110", {"mitteilung": letter})

    root = etree.fromstring(receipt.path.read_bytes())
    document = root.find(f"{{{XA}}}mitteilung/{{{XA}}}dokument")
    assert base64.b64decode(document.text).startswith(b"%PDF-")


def test_no_outbox_folder_set_is_refused(inbox, application):
    with pytest.raises(ReplyRefused) as caught:
        send(inbox, "", application.case_id)
    assert "Postausgangsordner" in caught.value.text_de


def test_a_failed_record_takes_the_file_back(inbox, outbox, application, monkeypatch):
    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(export_replies, "insert_reply", fail)
    with pytest.raises(OSError):
        send(inbox, outbox, application.case_id)

    assert list(outbox.iterdir()) == []
    assert list_replies(inbox.db, application.case_id) == []


def test_an_unwritable_outbox_sends_nothing(inbox, tmp_path, application):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")

    with pytest.raises(OutboxError) as caught:
        send(inbox, blocked / "outbox", application.case_id)

    assert "Es wurde nichts versandt" in caught.value.text_de
    assert list_replies(inbox.db, application.case_id) == []
