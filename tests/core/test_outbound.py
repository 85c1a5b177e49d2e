"""Outbound replies: each type builds a message the 26.11 schema accepts, addressed correctly."""

from __future__ import annotations

import base64
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from lxml import etree

from ab_inbox.errors import BilingualError
from ab_inbox.xauslaender.code_check import check_codes
from ab_inbox.xauslaender.message_types import by_code
from ab_inbox.xauslaender.model import extract_record
from ab_inbox.xauslaender.outbound import (
    REPLY_TYPES,
    Office,
    ReplyContentError,
    ReplyInvalid,
    ReplyRefused,
    build_reply,
    default_content,
    reply_type,
    validate_reply,
)
from ab_inbox.xauslaender.safe_xml import parse_untrusted
from ab_inbox.xauslaender.schema_pack import open_pack
from tests.messages import set_text, valid_message

XA = "http://www.osci.de/xauslaender2611"
PDF = b"%PDF-1.4\n% letter\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=timezone(timedelta(hours=1)))
SOON = NOW.date() + timedelta(days=14)
OFFICE = Office(
    dvdv_ids=("abh:09999999", "abh:00000001"),
    name="Ausländerbehörde Musterstadt",
    street="Rathausplatz 1a",
    postcode="12345",
    city="Musterstadt",
    email="auslaenderbehoerde@musterstadt.example",
)
CONTENT = {
    "130104": {"status": "05", "anhang": PDF},
    "130102": {
        "frage": "Bitte reichen Sie den Mietvertrag nach.",
        "unterlagen": ["Mietvertrag", "Meldebescheinigung"],
        "fristdatum": SOON,
        "anlage": PDF,
    },
    "130105": {
        "datum": SOON,
        "uhrzeitAb": "9:30",
        "uhrzeitBis": "10:15",
        "weitereAngabenZumOrt": "Raum 2.14, 2. Etage",
        "onlinevergabe": "https://termine.musterstadt.example/abh",
        "gebuehrenmitteilung": JPEG,
        "weitereHinweise": "Bitte bringen Sie Ihren Pass mit.",
    },
    "130109": {"hinweis": "Wir sind nicht zuständig.", "zustaendigeABH": "Ausländeramt Köln"},
    "130110": {"mitteilung": PDF, "gebuehrenmitteilung": PDF},
    "130107": {"rueckmeldung": "Die Rücknahme ist eingegangen.", "anlage": PDF},
}


@pytest.fixture(scope="module")
def pack(schemas_dir):
    return open_pack(schemas_dir)


@pytest.fixture(scope="module")
def inbound():
    return valid_message("130101", seed=11, rueckkanal=True)


@pytest.fixture(scope="module")
def answered(pack, inbound):
    return extract_record(parse_untrusted(inbound), pack).as_dict()


def build(pack, answered, code, content=None, office=OFFICE):
    content = CONTENT[code] if content is None else content
    return build_reply(code, answered=answered, office=office, content=content, pack=pack, now=NOW)


def head(root, path):
    return root.find(f"nachrichtenkopf.g2g/{path}")


def xa(root, local_name):
    return root.find(f"{{{XA}}}{local_name}")


def test_the_six_outbound_types_are_registered_with_their_xsd_names():
    assert set(REPLY_TYPES) == {"130102", "130104", "130105", "130107", "130109", "130110"}
    for code, kind in REPLY_TYPES.items():
        message_type = by_code(code)
        assert not message_type.is_inbound
        assert kind.name == message_type.name and kind.title_de == message_type.title_de
        assert all(f.label_de and f.label_en for f in kind.fields)


@pytest.mark.parametrize("code", sorted(CONTENT))
def test_each_type_builds_a_message_the_schema_and_code_lists_accept(pack, answered, code):
    data = build(pack, answered, code)

    tree = etree.ElementTree(etree.fromstring(data))
    schema = pack.lxml_schema("OZG")
    assert schema.validate(tree), schema.error_log
    assert check_codes(tree, pack) == []
    assert validate_reply(data, pack) == []
    assert etree.QName(tree.getroot()).localname == REPLY_TYPES[code].name


@pytest.mark.parametrize("code", sorted(CONTENT))
def test_default_texts_build_valid_messages(pack, answered, code):
    content = {**CONTENT[code], **default_content(code, answered=answered, office=OFFICE)}
    if code == "130110":
        content["mitteilung"] = PDF  # the template is a letter text; the export renders it

    assert validate_reply(build(pack, answered, code, content), pack) == []


def test_header_answers_the_author_of_the_message(pack, answered, inbound):
    root = etree.fromstring(build(pack, answered, "130104"))
    original = etree.fromstring(inbound)

    assert head(root, "leser/kennung").text == answered["author"]["kennung"]
    assert head(root, "leser/name").text == answered["author"]["name"]
    assert head(root, "leser/verzeichnisdienst/code").text == "DVDV"
    # signed with the id the application was sent to, as the office's own
    assert head(root, "autor/kennung").text == answered["reader"]["kennung"] == "abh:00000001"
    assert head(root, "autor/name").text == "Ausländerbehörde Musterstadt"
    assert head(root, "autor/erreichbarkeit/kennung").text == OFFICE.email
    assert xa(root, "ausloeserUUID").text == answered["nachrichten_uuid"]
    assert xa(root, "antragsidentifikation").text == answered["antragsidentifikation"]
    assert root.find("anschrift.autor/gebaeude/strasse").text == "Rathausplatz"
    assert root.find("anschrift.autor/gebaeude/hausnummer").text == "1"
    assert root.find("anschrift.autor/gebaeude/hausnummerBuchstabeZusatzziffer").text == "a"

    sent_type = head(root, "identifikation.nachricht/nachrichtentyp")
    inbound_type = original.find("nachrichtenkopf.g2g/identifikation.nachricht/nachrichtentyp")
    assert sent_type.findtext("code") == "130104"
    assert sent_type.get("listURI") == inbound_type.get("listURI")
    assert sent_type.get("listVersionID") == inbound_type.get("listVersionID")
    created = datetime.fromisoformat(
        head(root, "identifikation.nachricht/erstellungszeitpunkt").text
    )
    assert created == NOW and created.tzinfo is not None


def test_every_build_is_a_new_message(pack, answered):
    uuids = {
        etree.fromstring(build(pack, answered, "130104"))
        .find("nachrichtenkopf.g2g/identifikation.nachricht/nachrichtenUUID")
        .text
        for _ in range(2)
    }
    assert len(uuids) == 2
    assert all(uuid.UUID(u).version == 4 for u in uuids)


def test_first_dvdv_id_when_the_message_went_to_another_id(pack, answered):
    elsewhere = {**answered, "reader": {"kennung": "abh:12345678", "name": "X"}}
    root = etree.fromstring(build(pack, elsewhere, "130104"))
    assert head(root, "autor/kennung").text == "abh:09999999"


def test_a_reply_to_a_test_message_is_a_test_message(pack, answered):
    assert etree.fromstring(build(pack, answered, "130104")).get("test") == "true"
    live = {**answered, "details": {}}
    assert etree.fromstring(build(pack, live, "130104")).get("test") is None


def test_din_91379_text_survives_and_typographic_quotes_become_plain(pack, answered):
    question = (
        "Sehr geehrte Frau Łukasz-Świątek,\n\nbitte bestätigen Sie „Ihre“ Anschrift – "
        "Zoë Ørsted, Groß-Gerau, Čačak, A\u030b.\n\tDanke!"
    )
    content = {"frage": question, "unterlagen": "Nachweis über Einkünfte\n\nKrankenversicherung"}

    root = etree.fromstring(build(pack, answered, "130102", content))

    assert xa(root, "frage").text == (
        'Sehr geehrte Frau Łukasz-Świątek,\n\nbitte bestätigen Sie "Ihre" Anschrift - '
        "Zoë Ørsted, Groß-Gerau, Čačak, A\u030b.\n\tDanke!\n\n"
        "Bitte reichen Sie folgende Unterlagen nach:\n"
        "- Nachweis über Einkünfte\n- Krankenversicherung"
    )


def test_appointment_at_the_office_address_with_structured_time(pack, answered):
    content = {"datum": SOON.isoformat(), "uhrzeitAb": "14.00 Uhr"}
    root = etree.fromstring(build(pack, answered, "130105", content))

    slot = xa(root, "strukturierteTermininformationen")
    assert xa(slot, "datum").text == SOON.isoformat()
    assert xa(slot, "uhrzeitAb").text == "14:00:00"
    assert xa(slot, "ort").findtext("postleitzahl") == "12345"
    assert xa(slot, "ort").findtext("wohnort") == "Musterstadt"


def test_appointment_elsewhere_and_german_dates(pack, answered):
    content = {
        "datum": SOON.strftime("%d.%m.%Y"),
        "uhrzeitAb": "08:00",
        "ort": "im Bürgerbüro Nord",
    }
    with pytest.raises(ReplyContentError) as caught:  # not an address line
        build(pack, answered, "130105", content)
    assert caught.value.key == "ort" and "PLZ" in caught.value.text_de
    content["ort"] = "Hauptstraße 12b, 54321 Beispielheim"
    place = xa(
        xa(
            etree.fromstring(build(pack, answered, "130105", content)),
            "strukturierteTermininformationen",
        ),
        "ort",
    )
    assert [place.findtext(t) for t in ("strasse", "hausnummer", "postleitzahl", "wohnort")] == [
        "Hauptstraße",
        "12",
        "54321",
        "Beispielheim",
    ]


def test_documents_are_embedded_with_their_format(pack, answered):
    root = etree.fromstring(build(pack, answered, "130110"))
    notice = xa(root, "mitteilung")
    assert base64.b64decode(xa(notice, "dokument").text) == PDF
    assert xa(notice, "dokumententyp").findtext("code") == "1"
    slot = etree.fromstring(build(pack, answered, "130105"))
    assert xa(xa(slot, "gebuehrenmitteilung"), "dokumententyp").findtext("code") == "2"


@pytest.mark.parametrize(
    ("code", "content", "key", "says"),
    [
        ("130102", {"frage": "   "}, "frage", "„Frage“ angeben"),
        ("130102", {}, "frage", "„Frage“ angeben"),
        ("130102", {"frage": "Bitte 😀 antworten"}, "frage", "U+1F600"),
        ("130102", {"frage": "x", "fristdatum": "2020-01-01"}, "fristdatum", "Vergangenheit"),
        ("130102", {"frage": "x", "fristdatum": "morgen"}, "fristdatum", "kein Datum"),
        ("130102", {"frage": "x", "frist": "2030-01-01"}, "frist", "gehört nicht"),
        ("130104", {"status": "99"}, "status", "05 Prüfung"),
        (
            "130105",
            {"datum": SOON, "uhrzeitAb": "10:00", "uhrzeitBis": "9:00"},
            "uhrzeitBis",
            "nach",
        ),
        ("130105", {"datum": SOON, "uhrzeitAb": "25:00"}, "uhrzeitAb", "keine Uhrzeit"),
        (
            "130105",
            {"datum": SOON, "uhrzeitAb": "9:00", "onlinevergabe": "termine.de"},
            "onlinevergabe",
            "https://",
        ),
        ("130110", {"mitteilung": "Wir beabsichtigen ..."}, "mitteilung", "PDF"),
        ("130110", {"mitteilung": b"GIF89a..."}, "mitteilung", "PDF"),
        ("130109", {"hinweis": "x", "zustaendigeABH": "Ǆ-Stadt"}, "zustaendigeABH", "U+01C4"),
    ],
)
def test_content_errors_are_refused_with_the_field_named(pack, answered, code, content, key, says):
    with pytest.raises(ReplyContentError) as caught:
        build(pack, answered, code, content)

    error = caught.value
    assert isinstance(error, BilingualError)
    assert error.key == key
    assert says in error.text_de
    assert error.text_en and error.text_en != error.text_de


@pytest.mark.parametrize("said", [False, None])
def test_no_reply_without_back_channel(pack, answered, said):
    with pytest.raises(ReplyRefused) as caught:
        build(pack, {**answered, "rueckkanal_vorhanden": said}, "130104")
    assert "kein Rückkanal" in caught.value.text_de
    assert "no back channel" in caught.value.text_en


def test_back_channel_false_in_a_stored_record_is_refused(pack):
    data = set_text(valid_message("130101", seed=12), "rueckkanalVorhanden", "false")
    record = extract_record(parse_untrusted(data), pack).as_dict()
    with pytest.raises(ReplyRefused):
        build(pack, record, "130109")


def test_incomplete_office_settings_are_named(pack, answered):
    office = Office((), "Ausländerbehörde", "", "", "")
    with pytest.raises(ReplyRefused) as caught:
        build(pack, answered, "130104", office=office)
    text = caught.value.text_de
    assert "DVDV-Kennung" in text and "E-Mail-Adresse oder Telefonnummer" in text
    assert "Anschrift" in text and "Name der Behörde" not in text


def test_a_message_the_schema_rejects_is_not_returned(pack, answered):
    office = Office(
        ("abh:00000001",), "Ausländerbehörde 😀", "Rathausplatz 1", "12345", "Ort", phone="0"
    )
    with pytest.raises(ReplyInvalid) as caught:
        build(pack, answered, "130104", office=office)
    assert caught.value.findings
    assert any("name" in (f.path or "") for f in caught.value.findings)
    assert "nicht dem XAusländer-Schema" in caught.value.text_de


def test_unknown_or_inbound_type_is_refused(pack, answered):
    with pytest.raises(ReplyRefused):
        reply_type("130101")
    with pytest.raises(ReplyRefused):
        build(pack, answered, "130402", {})


def test_an_outbound_message_cannot_be_answered(pack, answered):
    with pytest.raises(ReplyRefused):
        build(pack, {**answered, "type_code": "130104"}, "130104")


def test_default_texts_name_the_application_and_the_office(answered):
    texts = default_content("130102", answered=answered, office=OFFICE)
    assert answered["antragsidentifikation"] in texts["frage"]
    assert texts["frage"].endswith("Ausländerbehörde Musterstadt")
    assert default_content("130109", answered=answered, office=OFFICE)["hinweis"].startswith(
        "Ihr Anliegen kann von uns nicht bearbeitet werden"
    )
    assert "mitteilung" in default_content("130110", answered=answered, office=OFFICE)
