"""Packaged document deliveries: packets collected in any order, assembled safely, never lost."""

from __future__ import annotations

import io
import random
import zipfile
from datetime import UTC, datetime, timedelta

from ab_inbox.demo.delivery import build_packaged_delivery, zip_documents
from ab_inbox.ingest.pipeline import Delivery, receive
from ab_inbox.store.delivery_status import case_deliveries, incomplete_deliveries
from tests.messages import edit, first, follow_up_to, set_text, valid_message

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
JPEG = b"\xff\xd8\xff\xe0" + b"\0\x10JFIF" + b"\0" * 200


def _at(moment: datetime) -> Delivery:
    return Delivery(received_at=moment.isoformat().replace("+00:00", "Z"))


def send(inbox, data: bytes, name: str = "m.xml", at: datetime = T0):
    return receive(inbox.db, data, inbox.packs, source_name=name, delivery=_at(at))


def delivery(seed: int = 1, packets: int = 3, **kw):
    return build_packaged_delivery(random.Random(seed), packets=packets, **kw)


def attachments(inbox, message_id: int) -> list[dict]:
    return inbox.message(message_id)["attachments"]


def the_delivery(inbox, case_id: int) -> dict:
    [row] = case_deliveries(inbox.db, case_id)
    return row


def assert_filled(inbox, message_id: int, built) -> None:
    referenced = [a for a in attachments(inbox, message_id) if a["dokumentuuid"]]
    assert referenced and all(a["state"] == "stored" for a in referenced)
    for a in referenced:
        [content] = [v for k, v in built.documents.items() if k.startswith(a["dokumentuuid"])]
        assert inbox.attachment(message_id, a["position"])["data"] == content


def rezip(documents: dict[str, bytes], extra: dict[str, bytes]) -> bytes:
    """The documents plus entries a well-behaved zipfile would refuse to write by name."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in {**documents, **extra}.items():
            archive.writestr(zipfile.ZipInfo(name), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def test_packets_in_order_fill_the_awaited_documents_of_the_one_case(inbox):
    built = delivery()
    message = send(inbox, built.message, "antrag.xml")
    assert message.kind == "accepted" and "0 von 3" in message.text_de

    outcomes = [send(inbox, p, f"p{i}.xml") for i, p in enumerate(built.packets, 1)]

    assert [o.kind for o in outcomes] == ["accepted"] * 3
    assert {o.case_id for o in outcomes} == {message.case_id}
    assert "vollständig" in outcomes[-1].text_de and "complete" in outcomes[-1].text_en
    assert_filled(inbox, message.message_id, built)
    assert inbox.db.execute("SELECT count(*) FROM cases").fetchone()[0] == 1
    case = inbox.case(message.case_id)
    assert [m["type_code"] for m in case["messages"]] == ["130101", "000040", "000040", "000040"]
    assert case["validation"] == "valid"
    assert case["attachments"] == len(attachments(inbox, message.message_id))
    assert the_delivery(inbox, message.case_id)["state"] == "complete"
    for outcome, packet in zip(outcomes, built.packets, strict=True):
        assert inbox.message_bytes(outcome.message_id) == packet
    actions = [r[0] for r in inbox.db.execute("SELECT action FROM audit")]
    assert actions.count("delivery_completed") == 1


def test_packets_out_of_order(inbox):
    built = delivery(seed=2)
    message = send(inbox, built.message)
    third, first, second = (send(inbox, built.packets[i]) for i in (2, 0, 1))

    assert "Nr. 1, 2" in third.text_de and "Nr. 2" in first.text_de
    assert "vollständig" in second.text_de
    assert_filled(inbox, message.message_id, built)


def test_packets_before_their_message_wait_without_a_case(inbox):
    built = delivery(seed=3, packets=2)
    early = [send(inbox, p) for p in built.packets]

    assert [o.case_id for o in early] == [None, None]
    assert "noch nicht eingegangen" in early[1].text_de
    assert inbox.db.execute("SELECT count(*) FROM cases").fetchone()[0] == 0
    [waiting] = incomplete_deliveries(inbox.db, now=T0, wait=timedelta(hours=24))
    assert waiting.case_id is None and waiting.received == (1, 2)

    message = send(inbox, built.message)

    assert message.kind == "accepted" and "vollständig" in message.text_de
    assert_filled(inbox, message.message_id, built)
    types = [m["type_code"] for m in inbox.case(message.case_id)["messages"]]
    assert sorted(types) == ["000040", "000040", "130101"]
    assert incomplete_deliveries(inbox.db, now=T0, wait=timedelta(hours=24)) == []


def test_a_duplicate_packet_is_recognised(inbox):
    built = delivery(seed=4, packets=2)
    send(inbox, built.message)
    first = send(inbox, built.packets[0])

    again = send(inbox, built.packets[0], "copy.xml")
    commented = built.packets[0].replace(
        b"<xauslaender:paketnummer>", b"<!-- x --><xauslaender:paketnummer>"
    )
    same_uuid = send(inbox, commented)

    assert again.kind == "duplicate" and again.reason_code == "same_bytes"
    assert same_uuid.kind == "duplicate" and same_uuid.reason_code == "same_uuid"
    assert again.message_id == first.message_id
    assert "vollständig" in send(inbox, built.packets[1]).text_de


def test_missing_packets_are_a_warning_after_the_wait_time(inbox):
    built = delivery(seed=5, packets=3)
    message = send(inbox, built.message, at=T0)
    send(inbox, built.packets[1], at=T0 + timedelta(hours=1))
    wait = timedelta(hours=24)

    [early] = incomplete_deliveries(inbox.db, now=T0 + timedelta(hours=2), wait=wait)
    assert not early.overdue and early.missing == (1, 3) and early.received == (2,)
    assert (
        incomplete_deliveries(inbox.db, now=T0 + timedelta(hours=2), wait=wait, overdue_only=True)
        == []
    )

    [late] = incomplete_deliveries(
        inbox.db, now=T0 + timedelta(hours=25), wait=wait, case_id=message.case_id
    )
    assert late.overdue and late.case_id == message.case_id
    assert late.missing == (1, 3) and late.expected_packets == 3
    assert late.age == timedelta(hours=25)
    assert "2 von 3 Paketen fehlen (Nr. 1, 3)" in late.text_de and "25 Stunden" in late.text_de
    assert "2 of 3 packets missing" in late.text_en
    assert incomplete_deliveries(inbox.db, now=T0, wait=wait, case_id=message.case_id + 1) == []


def _failed(inbox, message, rule: str) -> dict:
    row = the_delivery(inbox, message.case_id)
    assert row["state"] == "failed"
    assert f"Regel {rule}" in row["text_de"] and f"rule {rule}" in row["text_en"]
    assert "nichts übernommen" in row["text_de"] and "Nothing was taken over" in row["text_en"]
    shown = inbox.message(message.message_id)
    assert (
        shown["validation"] == "invalid" and inbox.case(message.case_id)["validation"] == "invalid"
    )
    [finding] = [f for f in shown["findings"] if f["rule"].startswith("delivery.")]
    assert finding["severity"] == "error" and finding["text_de"] == row["text_de"]
    awaited = [a for a in shown["attachments"] if a["dokumentuuid"]]
    assert awaited and all(a["state"] == "awaited" for a in awaited)  # nothing extracted
    return row


def _send_all(inbox, built):
    message = send(inbox, built.message)
    outcomes = [send(inbox, p) for p in built.packets]
    for outcome, packet in zip(outcomes, built.packets, strict=True):
        assert inbox.message_bytes(outcome.message_id) == packet  # the packet itself is kept
    return message, outcomes


def test_a_zip_bomb_fails_the_delivery_and_names_packet_entry_and_rule(inbox):
    def bomb(documents):
        name = next(iter(documents))
        return rezip({}, {name: b"%PDF-1.4\n" + b"\0" * (30 * 1024 * 1024)})

    built = delivery(seed=6, packets=2, make_archive=bomb)
    message, outcomes = _send_all(inbox, built)

    row = _failed(inbox, message, "compression_ratio")
    assert "Paket 1, Eintrag" in row["text_de"] and "ZIP-Bombe" in row["text_de"]
    assert "fehlgeschlagen" in outcomes[-1].text_de
    actions = [r[0] for r in inbox.db.execute("SELECT action FROM audit")]
    assert "delivery_failed" in actions


def test_a_path_traversal_entry_fails_the_delivery(inbox):
    built = delivery(
        seed=7, packets=3, make_archive=lambda docs: rezip(docs, {"../../evil.pdf": b"%PDF-1.4"})
    )
    message, _ = _send_all(inbox, built)

    row = _failed(inbox, message, "path_traversal")
    assert "„../../evil.pdf“" in row["text_de"] and "Paket 3" in row["text_de"]


def test_an_absolute_path_fails_the_delivery(inbox):
    built = delivery(
        seed=8, packets=1, make_archive=lambda docs: rezip(docs, {"/tmp/evil.pdf": b"%PDF-1.4"})
    )
    message, _ = _send_all(inbox, built)

    assert "„/tmp/evil.pdf“" in _failed(inbox, message, "absolute_path")["text_de"]


def test_a_wrong_archivgroesse_fails_the_delivery(inbox):
    built = delivery(seed=9, packets=2)
    size = len(built.archive)
    message = send(inbox, set_text(built.message, "archivgroesse", str(size + 1)))
    for packet in built.packets:
        send(inbox, packet)

    row = the_delivery(inbox, message.case_id)
    assert row["state"] == "failed" and row["reason_code"] == "archive_size"
    assert f"{size} Bytes, angekündigt sind {size + 1}" in row["text_de"]


def test_an_entry_that_is_no_awaited_document_is_left_out_with_a_warning(inbox):
    built = delivery(
        seed=10, make_archive=lambda docs: rezip(docs, {"0000-not-awaited.pdf": b"%PDF-1.4 x"})
    )
    message, outcomes = _send_all(inbox, built)

    assert the_delivery(inbox, message.case_id)["state"] == "complete"
    assert_filled(inbox, message.message_id, built)
    shown = inbox.message(message.message_id)
    [warning] = [f for f in shown["findings"] if f["rule"] == "delivery.unknown_entry"]
    assert warning["severity"] == "warning" and "0000-not-awaited.pdf" in warning["text_de"]
    assert shown["validation"] == "valid"


def test_a_pdf_entry_that_is_really_a_jpeg_makes_the_message_invalid(inbox):
    def disguise(documents):
        name = next(n for n in documents if n.endswith(".pdf"))
        return zip_documents({**documents, name: JPEG})

    built = delivery(seed=11, make_archive=disguise)
    message, outcomes = _send_all(inbox, built)

    assert the_delivery(inbox, message.case_id)["state"] == "complete"
    shown = inbox.message(message.message_id)
    [mismatch] = [f for f in shown["findings"] if f["rule"] == "attachment.type_mismatch"]
    assert "image/jpeg" in mismatch["text_de"]
    assert (
        shown["validation"] == "invalid" and inbox.case(message.case_id)["validation"] == "invalid"
    )
    jpeg = [a for a in shown["attachments"] if a["mime"] == "image/jpeg" and a["dokumentuuid"]]
    assert len(jpeg) == 1 and jpeg[0]["state"] == "stored"


def test_a_missing_document_in_the_zip_is_a_warning(inbox):
    built = delivery(
        seed=12, make_archive=lambda docs: zip_documents(dict(list(docs.items())[:-1]))
    )
    assert len(built.documents) >= 2
    message, _ = _send_all(inbox, built)

    rules = [f["rule"] for f in inbox.message(message.message_id)["findings"]]
    assert rules == ["delivery.document_missing"]


def test_a_packet_number_beyond_the_announcement_or_in_conflict_fails(inbox):
    built = delivery(seed=13, packets=2)
    message = send(inbox, built.message)
    send(inbox, set_text(built.packets[0], "paketnummer", "3"))

    assert the_delivery(inbox, message.case_id)["reason_code"] == "packet_number"
    late = send(inbox, built.packets[1])
    assert "bereits fehlgeschlagen" in late.text_de and late.case_id == message.case_id


def test_the_packet_is_validated_against_the_administration_schema(inbox):
    built = delivery(seed=14, packets=1)
    broken = send(inbox, set_text(built.packets[0], "paketnummer", "eins"))

    assert broken.kind == "invalid"
    rules = {f["rule"] for f in inbox.message(broken.message_id)["findings"]}
    assert any(r.startswith("xsd") for r in rules)


def test_other_administration_messages_stay_unknown(inbox):
    packet = delivery(seed=15, packets=1).packets[0]
    other = packet.replace(b"Dokumentenlieferung.Paket.000040", b"Sendungswiederholung.000020")

    outcome = send(inbox, other)

    assert outcome.kind == "quarantined" and outcome.reason_code == "unknown_root"


def test_a_message_without_packets_is_untouched(inbox):
    outcome = send(inbox, valid_message(seed=16))

    assert outcome.kind == "accepted"
    assert inbox.db.execute("SELECT count(*) FROM deliveries").fetchone()[0] == 0


def test_packets_for_a_message_that_announces_no_delivery_fail(inbox):
    built = delivery(seed=17, packets=1)
    send(inbox, built.packets[0])

    def drop_announcement(root):
        block = first(root, "angabenDokumentenlieferung")
        block.getparent().remove(block)

    message = send(inbox, edit(built.message, drop_announcement))

    assert message.kind == "invalid" and "fehlgeschlagen" in message.text_de
    assert the_delivery(inbox, message.case_id)["reason_code"] == "not_announced"


def test_a_failed_delivery_for_a_follow_up_makes_its_case_invalid(inbox):
    application = valid_message(seed=21)
    case_id = send(inbox, application, "antrag.xml").case_id
    answer = send(inbox, follow_up_to(application, seed=22), "antwort.xml")
    assert answer.case_id == case_id and inbox.case(case_id)["validation"] == "valid"
    uuid = inbox.message(answer.message_id)["nachrichten_uuid"]

    def for_the_answer(root):
        first(first(root, "identifikationFachnachricht"), "nachrichtenUUID").text = uuid

    send(inbox, edit(delivery(seed=23, packets=1).packets[0], for_the_answer))

    assert the_delivery(inbox, case_id)["reason_code"] == "not_announced"
    assert inbox.message(answer.message_id)["validation"] == "invalid"
    assert inbox.case(case_id)["validation"] == "invalid"


def test_a_schema_invalid_packet_makes_the_case_it_joins_invalid(inbox):
    built = delivery(seed=24, packets=2)
    message = send(inbox, built.message)
    broken = set_text(built.packets[0], "erstellungszeitpunkt", "kaputt")

    outcomes = [send(inbox, broken), send(inbox, built.packets[1])]

    assert [o.kind for o in outcomes] == ["invalid", "accepted"]
    assert the_delivery(inbox, message.case_id)["state"] == "complete"
    assert inbox.message(message.message_id)["validation"] == "valid"
    assert inbox.case(message.case_id)["validation"] == "invalid"  # the packet leaves with it


def test_an_absurd_packet_count_counts_as_no_announcement(inbox):
    built = delivery(seed=18, packets=1)
    send(inbox, built.packets[0])
    message = send(inbox, set_text(built.message, "anzahlDerPakete", "1" + "0" * 30))

    assert message.kind == "invalid"  # stored, with the delivery failed
    assert the_delivery(inbox, message.case_id)["reason_code"] == "not_announced"


def test_packets_and_message_may_come_over_different_transports(inbox):
    built = delivery(seed=18, packets=2)
    for number, packet in enumerate(built.packets, 1):
        receive(
            inbox.db,
            packet,
            inbox.packs,
            source_name=None,
            transport="xta",
            delivery=Delivery(received_at="2026-11-02T09:00:00.000Z", transport_id=f"x-{number}"),
        )

    message = send(inbox, built.message)

    assert_filled(inbox, message.message_id, built)
    transports = [m["transport"] for m in inbox.case(message.case_id)["messages"]]
    assert sorted(transports) == ["dropfolder", "xta", "xta"]


def test_the_case_shows_missing_packets_once_the_wait_time_is_over(inbox):
    """T0 lies in the past, so with the default 24 hours the case view warns now."""
    built = delivery(seed=6, packets=3)
    message = send(inbox, built.message, at=T0)
    send(inbox, built.packets[0], at=T0)
    case = inbox.case(message.case_id)
    [warning] = case["delivery_warnings"]
    assert warning["missing"] == [2, 3] and "2 von 3 Paketen fehlen" in warning["text_de"]
    assert [d["state"] for d in case["deliveries"]] == ["waiting"]
    send(inbox, built.packets[1])
    send(inbox, built.packets[2])
    case = inbox.case(message.case_id)
    assert case["delivery_warnings"] == []
    assert [d["state"] for d in case["deliveries"]] == ["complete"]
