"""Reading the record of every inbound OZG type, valid or not."""

from __future__ import annotations

import base64
import random
import time
import unicodedata

import pytest
from lxml import etree

from ab_inbox.xauslaender.code_check import check_codes
from ab_inbox.xauslaender.model import UnknownMessageType, extract_record
from ab_inbox.xauslaender.reader import partial_date
from ab_inbox.xauslaender.safe_xml import parse_untrusted
from ab_inbox.xauslaender.schema_pack import open_pack
from tests.core.ozg_samples import (
    BUILDERS,
    PDF_BYTES,
    XA,
    antrag_130101,
    el,
    fachkraefte_130401,
    freizuegigkeit_130301,
    message,
    pack_root,
    plain_document,
    uuid_for,
    verpflichtungserklaerung_130201,
)

# type code -> (title, is_application, applicant family name, applicant role)
EXPECTED = {
    "130101": ("Antrag", True, "Mustermann", "applicant"),
    "130103": ("Antwort zur Rückfrage", False, None, None),
    "130111": ("Erklärung der Rücknahme", False, None, None),
    "130201": ("Verpflichtungserklärung", True, "Gastgeberin", "host"),
    "130301": ("Meldung oder Antrag zur Freizügigkeit", True, "Wiśniewski", "applicant"),
    "130401": ("Antrag beschleunigtes Fachkräfteverfahren", True, "Sharma", "worker"),
    "130404": ("Rückmeldung der Vereinbarung FEG", False, None, None),
    "130406": ("Empfangsbestätigung FEG", False, None, None),
}


@pytest.fixture(scope="module")
def pack():
    return open_pack(pack_root())


def record_of(data: bytes, pack):
    return extract_record(parse_untrusted(data), pack)


def _edit(data: bytes, fn) -> bytes:
    root = etree.fromstring(data)
    fn(root)
    return etree.tostring(root)


@pytest.mark.parametrize("type_code", sorted(EXPECTED))
def test_each_inbound_type_is_read(pack, type_code):
    title, is_application, family_name, role = EXPECTED[type_code]
    record = record_of(BUILDERS[type_code](), pack)
    assert record.family == "OZG" and record.version == "26.11"
    assert record.type_code == type_code and record.type_name.endswith(type_code)
    assert record.title_de == title and record.is_application is is_application
    assert record.nachrichten_uuid == uuid_for(type_code)
    assert record.antragsidentifikation == f"ANTRAG-{type_code}"
    assert record.erstellungszeitpunkt == "2025-01-15T10:30:00+01:00"
    assert record.reader.kennung == "abh:00000001"
    assert record.author.name == "Onlinedienst Aufenthaltstitel"
    assert record.rueckkanal_vorhanden is True
    if family_name is None:
        assert record.applicant is None
    else:
        assert record.applicant.family_name == family_name and record.applicant.role == role


def test_follow_ups_name_the_message_they_answer(pack):
    for type_code, answered in (("130103", "130102"), ("130404", "130403"), ("130406", "130405")):
        details = record_of(BUILDERS[type_code](), pack).details
        assert details["Bezieht sich auf Nachricht (UUID)"] == uuid_for(answered)


def test_antrag_in_detail(pack):
    record = record_of(antrag_130101(nationalities=("000", "432")), pack)
    applicant = record.applicant
    assert (applicant.given_names, applicant.birth_date) == ("Max", "1990-05-20")
    assert applicant.birth_place == "Beispielstadt"
    assert (applicant.sex.code, applicant.sex.label) == ("m", "männlich")
    assert [(n.code, n.label) for n in applicant.nationalities] == [
        ("000", "Deutschland"),
        ("432", "Vietnam"),
    ]
    assert applicant.nationalities[0].list_version == "2024-08-01"
    assert [(r.code, r.label) for r in record.reasons] == [
        ("01", "Erstbeantragung"),
        ("01", "Familie"),
    ]
    assert record.details["Antragsdatum"] == "2025-01-15"
    assert record.representative.family_name == "Vertreterin"
    assert record.representative.relation.label.startswith("anwaltlich")  # from the XSD
    [reference] = record.reference_persons
    assert reference.role == "reference_person" and reference.birth_date == "1988"
    assert reference.relation.label.startswith("Ehe-/Lebenspartner")


@pytest.mark.parametrize("birth_date", ["1990", "1990-05", "1990-05-20"])
def test_partial_birth_dates_stay_partial(pack, birth_date):
    record = record_of(antrag_130101(birth_date=birth_date), pack)
    assert record.applicant.birth_date == birth_date


def test_unknown_birth_date_and_place(pack):
    def change(root):
        geburt = root.find(f"{XA}angabenZurPerson/{XA}geburt")
        geburt.find(f"{XA}geburtsort").clear()
        etree.SubElement(geburt.find(f"{XA}geburtsort"), f"{XA}unbekannt").text = "true"
        tag = geburt.find(f"{XA}tagDerGeburt")
        tag.clear()
        etree.SubElement(tag, "unbekannt").text = "true"

    data = _edit(antrag_130101(), change)
    assert pack.lxml_schema("OZG").validate(parse_untrusted(data))
    applicant = record_of(data, pack).applicant
    assert applicant.birth_date is None and applicant.birth_place is None


@pytest.mark.parametrize(
    ("given", "family"),
    [
        ("Łukasz", "Wiśniewski"),
        ("Thị Hương", "Nguyễn"),
        ("Yağmur", "Çelik"),
        (unicodedata.normalize("NFD", "Thị Hương"), unicodedata.normalize("NFD", "Nguyễn")),
        ("Jean-Luc", "O'Brien-D’Arcy"),
    ],
)
def test_names_are_kept_exactly(pack, given, family):
    record = record_of(antrag_130101(vorname=given, familienname=family), pack)
    assert record.applicant.given_names == given
    assert record.applicant.family_name == family
    assert record.applicant_name == f"{family}, {given}"


def test_verpflichtungserklaerung_host_is_the_applicant_guest_a_reference(pack):
    record = record_of(verpflichtungserklaerung_130201(), pack)
    assert record.applicant.role == "host" and record.applicant.given_names == "Yağmur"
    [guest] = record.reference_persons
    assert guest.role == "guest"
    assert (guest.family_name, guest.given_names) == ("Nguyễn", "Thị Hương")
    assert guest.birth_date == "1995-03"
    assert [n.label for n in guest.nationalities] == ["Vietnam"]
    assert guest.relation.label == "Verwandt"
    assert [r.label for r in record.reasons] == ["Tourismus"]
    assert record.details["Aufenthaltszweck"] == "C-Visum"
    assert record.details["Art des Gastgebers"] == "privat"


def test_institutional_host(pack):
    def change(root):
        host = root.find(f"{XA}gastgeber")
        host.remove(host[0])
        inst = etree.SubElement(host, f"{XA}institutionell")
        etree.SubElement(inst, f"{XA}nameOrganisation").text = "Verein Brücke e. V."
        agent = etree.SubElement(inst, f"{XA}vertretungsberechtigtePerson")
        for tag, value in (("vorname", "Ömer"), ("familienname", "Vorstand")):
            etree.SubElement(etree.SubElement(agent, f"{XA}{tag}"), "name").text = value
        etree.SubElement(agent, f"{XA}geschlecht")

    data = _edit(verpflichtungserklaerung_130201(), change)
    assert pack.lxml_schema("OZG").validate(parse_untrusted(data))
    record = record_of(data, pack)
    assert record.applicant.role == "host"
    assert record.applicant.family_name == "Verein Brücke e. V."
    assert record.applicant.organisation  # shown by its name, without a person's fields
    assert record.representative.given_names == "Ömer"
    assert not record.representative.organisation


def test_fachkraefte_worker_employer_and_family(pack):
    record = record_of(fachkraefte_130401(), pack)
    assert record.applicant.role == "worker" and record.applicant.given_names == "Priya"
    assert record.representative.family_name == "Personaler"
    roles = [(p.role, p.family_name, p.organisation) for p in record.reference_persons]
    assert roles == [("employer", "Muster GmbH", True), ("family_member", "Sharma", False)]
    assert record.reference_persons[1].relation.label == "minderjähriges Kind"
    assert record.reasons[0].list_version == "1.0" and record.reasons[0].label.startswith(
        "Beschäftigung als Fachkraft"
    )
    assert record.details["Arbeitgeber"] == "Muster GmbH"


def test_freizuegigkeit_reasons(pack):
    record = record_of(freizuegigkeit_130301(), pack)
    assert [r.code for r in record.reasons] == ["01", "02"]
    assert record.details["Einreisedatum"] == "2024-12-01"
    assert record.applicant.nationalities[0].label == "Polen"


def test_documents_in_order_with_content_and_references(pack):
    record = record_of(antrag_130101(), pack)
    docs = record.documents
    assert [d.index for d in docs] == [1, 2, 3]
    assert [d.path for d in docs] == [
        "/xa:OZG.Antrag.130101/xa:antragszusammenfassung",
        "/xa:OZG.Antrag.130101/xa:nachweis[1]",
        "/xa:OZG.Antrag.130101/xa:nachweis[2]",
    ]
    assert docs[0].content == PDF_BYTES and docs[0].dateiname == "zusammenfassung.pdf"
    assert docs[1].bezeichnung == "Reisepass"
    assert (docs[1].dokumententyp.code, docs[1].dokumententyp.label) == ("1", "PDF")
    assert docs[2].content is None
    assert docs[2].dokumentuuid == "0e5b8a8c-1111-4222-8333-944455556666"
    assert all(d.decode_error is None for d in docs)
    assert "content" not in record.as_dict()["documents"][0]


def test_plain_documents_of_follow_ups(pack):
    [doc] = record_of(BUILDERS["130404"](), pack).documents
    assert doc.content == PDF_BYTES and doc.path.endswith("/xa:vereinbarung")


def test_base64_with_line_breaks_is_decoded(pack):
    payload = bytes(range(256)) * 20
    wrapped = base64.encodebytes(payload).decode()  # 76-character lines
    data = message(
        "OZG.RueckmeldungVereinbarung.130404",
        "130404",
        [plain_document("xa:vereinbarung", raw=wrapped)],
        uuid=uuid_for("130404"),
        antrag="A",
        ausloeser=uuid_for("130403"),
    )
    assert record_of(data, pack).documents[0].content == payload


@pytest.mark.parametrize("broken", ["not base64!", "QUJD=x", "QUJDR", "Zm9v\u00e4"])
def test_broken_base64_is_a_decode_error_not_an_exception(pack, broken):
    data = message(
        "OZG.RueckmeldungVereinbarung.130404",
        "130404",
        [plain_document("xa:vereinbarung", raw=broken)],
        uuid=uuid_for("130404"),
        antrag="A",
        ausloeser=uuid_for("130403"),
    )
    [doc] = record_of(data, pack).documents
    assert doc.content is None and doc.decode_error


def test_invalid_but_well_formed_message_still_extracts(pack):
    def change(root):
        root.remove(root.find("nachrichtenkopf.g2g"))
        person = root.find(f"{XA}angabenZurPerson")
        person.remove(person.find(f"{XA}familienname"))
        person.find(f"{XA}vorname").clear()  # no <name> inside
        person.find(f"{XA}geburt/{XA}tagDerGeburt/teilbekanntesDatum")[0].tag = "tag"
        root.find(f"{XA}rueckkanalVorhanden").text = "vielleicht"
        root.append(el("xa:nachweis", el("xa:dokumententyp")))  # no content, no code

    data = _edit(antrag_130101(), change)
    assert not pack.lxml_schema("OZG").validate(parse_untrusted(data))
    record = record_of(data, pack)
    assert record.type_code == "130101" and record.nachrichten_uuid is None
    assert record.reader.kennung is None and record.rueckkanal_vorhanden is None
    assert record.antragsidentifikation == "ANTRAG-130101"
    assert record.applicant.family_name is None and record.applicant.given_names is None
    assert record.applicant.birth_date is None
    assert record.applicant.nationalities[0].code == "000"
    assert record.documents[-1].content is None and record.documents[-1].dokumententyp is None


@pytest.mark.parametrize("type_code", ["130101", "130201", "130401"])
def test_removing_any_single_element_never_breaks_extraction(pack, type_code):
    original = etree.fromstring(BUILDERS[type_code]())
    count = sum(1 for _ in original.iter())
    for position in range(1, count):
        root = etree.fromstring(BUILDERS[type_code]())
        victim = list(root.iter())[position]
        victim.getparent().remove(victim)
        record = extract_record(etree.ElementTree(root), pack)
        assert record.type_code == type_code


def test_empty_root_of_a_known_type_extracts(pack):
    root = etree.Element(f"{XA}OZG.Fachkraefte.130401")
    record = extract_record(etree.ElementTree(root), pack)
    assert record.type_code == "130401" and record.nachrichten_uuid is None
    assert record.applicant is None and record.documents == [] and record.reasons == []


def test_outbound_and_foreign_roots_are_refused(pack):
    for root in (
        etree.Element(f"{XA}OZG.Statusmeldung.130104"),
        etree.Element(f"{XA}OZG.Antrag.999999"),
        etree.Element("{urn:other}OZG.Antrag.130101"),
        etree.Element("OZG.Antrag.130101"),
    ):
        with pytest.raises(UnknownMessageType) as caught:
            extract_record(etree.ElementTree(root), pack)
        assert caught.value.text_de and caught.value.text_en
        assert caught.value.root_name == etree.QName(root).localname


def test_partial_date_forms():
    def build(xml: str):
        return etree.fromstring(xml)

    assert partial_date(None) is None
    assert partial_date(build("<d><jahr>1970</jahr></d>")) == "1970"
    assert partial_date(build("<d>2020-01-02</d>")) == "2020-01-02"
    assert partial_date(build("<d><unbekannt>true</unbekannt></d>")) is None


def test_extraction_is_fast(pack):
    tree = parse_untrusted(antrag_130101(nationalities=("000", "432", "152")))
    extract_record(tree, pack)
    runs = 200
    start = time.perf_counter()
    for _ in range(runs):
        extract_record(tree, pack)
    assert (time.perf_counter() - start) / runs < 0.005  # about 0.3 ms on the development machine


def _demo_builder():
    try:
        from ab_inbox.demo.generate import build_message
    except ImportError:
        try:
            from ab_inbox.demo import build_message
        except ImportError:
            pytest.skip("the demo generator is not there yet")
    return build_message


def test_generated_demo_batch_extracts(pack):
    build_message = _demo_builder()
    schema = pack.lxml_schema("OZG")
    rng = random.Random(11)
    for type_code in sorted(EXPECTED):
        for _ in range(3):
            tree = parse_untrusted(build_message(type_code, rng))
            record = extract_record(tree, pack)
            assert record.type_code == type_code
            assert record.nachrichten_uuid and record.antragsidentifikation
            if EXPECTED[type_code][2] is not None:
                assert record.applicant is not None and record.applicant.family_name
            if schema.validate(tree):
                assert check_codes(tree, pack) == [], type_code


def _representative_firm(firm: str, with_names: bool):
    def change(root):
        agent = root.find(f"{XA}antragstellerVertreter")
        if not with_names:
            for tag in ("vorname", "familienname"):
                for found in agent.findall(f"{XA}{tag}"):
                    agent.remove(found)
        etree.SubElement(agent, f"{XA}firma").text = firm

    return change


def test_a_lawyers_chambers_are_kept_beside_the_lawyers_name(pack):
    data = _edit(antrag_130101(), _representative_firm("Kanzlei Öztürk & Partner", True))
    record = record_of(data, pack)
    assert record.representative.family_name == "Vertreterin"
    assert record.representative.firm == "Kanzlei Öztürk & Partner"
    assert not record.representative.organisation


def test_a_representative_known_only_as_a_firm_is_an_organisation(pack):
    data = _edit(antrag_130101(), _representative_firm("Beratungsstelle Nord", False))
    record = record_of(data, pack)
    assert record.representative.family_name == "Beratungsstelle Nord"
    assert record.representative.organisation and record.representative.firm is None
