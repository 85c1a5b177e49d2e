"""The demo generator must produce what the inbox will really meet: schema-valid messages with
valid codes, real attachments, DIN 91379 names and follow-ups that point at their application."""

from __future__ import annotations

import base64
import io
import os
import pkgutil
import random
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from ab_inbox.demo import DEMO_TYPE_CODES, build_message, generate_demo
from ab_inbox.demo import names as name_pools
from ab_inbox.demo.generate import DEFAULT_REFERENCE_TIME
from ab_inbox.xauslaender.safe_xml import parse_untrusted

NS = "http://www.osci.de/xauslaender2611"
SCHEMAS = Path(
    os.environ.get("AB_INBOX_TEST_SCHEMAS")
    or Path(__file__).resolve().parents[2].parent / "shared" / "xauslaender"
)
ROOTS = {
    "130101": "OZG.Antrag.130101",
    "130103": "OZG.RueckkanalAntwort.130103",
    "130111": "OZG.Ruecknahme.130111",
    "130201": "OZG.Verpflichtungserklaerung.130201",
    "130301": "OZG.Freizuegigkeit.130301",
    "130401": "OZG.Fachkraefte.130401",
    "130404": "OZG.RueckmeldungVereinbarung.130404",
    "130406": "OZG.BescheidEmpfangsbestaetigung.130406",
}
APPLICATIONS = {"130101", "130201", "130301", "130401"}
GC_NS = "http://docs.oasis-open.org/codelist/ns/genericode/1.0/"


def q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def local(el) -> str:
    return etree.QName(el).localname


@pytest.fixture(scope="module")
def schema():
    if not (SCHEMAS / "catalog.xml").is_file():
        pytest.skip(f"XAusländer schema pack not found at {SCHEMAS}")
    from ab_inbox.xauslaender.schema_pack import open_pack

    return open_pack(SCHEMAS).lxml_schema("OZG")


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> list[Path]:
    return generate_demo(tmp_path_factory.mktemp("demo"), 40, seed=7)


@pytest.fixture(scope="module")
def trees(batch) -> list[etree._Element]:
    return [parse_untrusted(p.read_bytes()).getroot() for p in batch]


def assert_valid(schema, data: bytes) -> None:
    ok = schema.validate(parse_untrusted(data))
    assert ok, "\n".join(str(e) for e in schema.error_log)


def test_every_message_of_a_batch_is_schema_valid(schema, batch):
    for path in batch:
        assert_valid(schema, path.read_bytes())


def test_files_are_named_after_root_and_uuid_and_written_completely(batch, trees):
    assert len(batch) == 40
    for path, root in zip(batch, trees, strict=True):
        uuid = root.findtext("nachrichtenkopf.g2g/identifikation.nachricht/nachrichtenUUID")
        assert path.name == f"{local(root)}_{uuid}.xml"
    assert not list(batch[0].parent.glob(".*.tmp"))


def test_all_eight_types_occur(trees, tmp_path):
    assert set(DEMO_TYPE_CODES) == set(ROOTS)
    assert {local(r) for r in trees} == set(ROOTS.values())
    eight = generate_demo(tmp_path, 8, seed=3)
    assert {p.name.split("_")[0] for p in eight} == set(ROOTS.values())


def test_header_carries_type_code_reader_and_author(trees):
    for root in trees:
        head = root.find("nachrichtenkopf.g2g")
        type_code = head.findtext("identifikation.nachricht/nachrichtentyp/code")
        assert ROOTS[type_code] == local(root)
        assert head.findtext("leser/kennung") == "abh:00000001"
        assert head.findtext("leser/name") == "Ausländerbehörde Musterstadt"
        assert head.findtext("autor/kennung").startswith("ozg:")
    rueckkanal = [r.findtext(q("rueckkanalVorhanden")) for r in trees]
    assert rueckkanal.count("true") > len(rueckkanal) / 2


def _code_lists() -> dict[str, tuple[str, set[str]]]:
    """listURI -> (version, valid keys) from the pack's genericode files."""
    lists = {}
    for folder in (SCHEMAS / "26.11" / "codelisten", SCHEMAS / "codelisten-extern"):
        for path in folder.glob("*.xml"):
            doc = etree.parse(str(path))
            ident = doc.getroot().find("Identification")
            key_column = doc.getroot().find("ColumnSet/Key/ColumnRef").get("Ref")
            keys = {
                value.findtext("SimpleValue")
                for value in doc.iter("Value")
                if value.get("ColumnRef") == key_column
            }
            lists[ident.findtext("CanonicalUri")] = (ident.findtext("Version"), keys)
    return lists


def test_codes_are_valid_in_the_genericode_lists(schema, trees):
    lists = _code_lists()
    checked = set()
    for root in trees:
        for el in root.iter():
            uri = el.get("listURI")
            if uri not in lists:
                continue
            version, keys = lists[uri]
            value = el.findtext("code")
            assert el.get("listVersionID") == version, (uri, el.get("listVersionID"))
            assert value in keys, (uri, value)
            checked.add(uri)
    assert len(checked) >= 12  # message type, formats, sex, nationality, reasons, ...


def test_same_seed_gives_identical_bytes_other_seed_differs(batch, tmp_path):
    again = generate_demo(tmp_path / "again", 40, seed=7)
    assert [p.name for p in again] == [p.name for p in batch]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(again, batch, strict=True))
    other = generate_demo(tmp_path / "other", 40, seed=8)
    assert [p.name for p in other] != [p.name for p in batch]
    one = build_message("130101", random.Random(5))
    assert one == build_message("130101", random.Random(5))
    assert one != build_message("130101", random.Random(6))


def test_names_keep_din_91379_letters(trees):
    names = [
        el.findtext("name")
        for root in trees
        for el in root.iter(q("vorname"), q("familienname"))
        if el.findtext("name")
    ]
    beyond_latin1 = {ch for n in names for ch in n if ord(ch) > 0xFF}
    assert len(beyond_latin1) >= 3, beyond_latin1
    origins = name_pools.ORIGINS.values()
    family = {f for o in origins for entry in o.family for f in entry.split("|")}
    given = {g for o in origins for g in o.male + o.female}
    assert len(family) >= 60 and len(given) >= 60
    for letter in "ŁŻñğşİıșțřčÞðễĐß":
        assert any(letter in n for n in family | given), letter


def _documents(root):
    for el in root.iter(q("dokument"), q("dokumentuuid")):
        holder = el.getparent()
        if local(holder) == "dokumentOderReferenz":
            holder = holder.getparent()
        yield el, holder.findtext(f"{q('dokumententyp')}/code")


def test_attachments_are_real_pdf_and_jpeg_files(trees):
    seen = set()
    for root in trees:
        for el, format_code in _documents(root):
            if local(el) == "dokumentuuid":
                continue
            data = base64.b64decode(el.text, validate=True)
            if format_code == "1":
                assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
            else:
                assert format_code == "2" and data.startswith(b"\xff\xd8\xff")
                Image.open(io.BytesIO(data)).verify()
            seen.add(format_code)
    assert seen == {"1", "2"}
    counts = [sum(1 for _ in _documents(r)) for r in trees if local(r) == "OZG.Antrag.130101"]
    assert min(counts) >= 1 and max(counts) <= 3


def test_referenced_documents_come_with_delivery_details(schema):
    data = build_message("130101", random.Random(11), referenced=True)
    assert_valid(schema, data)
    root = parse_untrusted(data).getroot()
    assert root.find(f".//{q('dokumentuuid')}") is not None
    assert root.find(f".//{q('dokumentOderReferenz')}/{q('dokument')}") is None
    assert root.find(f"{q('angabenDokumentenlieferung')}/{q('anzahlDerPakete')}") is not None


def test_follow_ups_refer_to_an_earlier_application(trees):
    applications: dict[str, tuple[str, str]] = {}
    follow_ups = 0
    for root in trees:
        type_code = root.findtext(
            "nachrichtenkopf.g2g/identifikation.nachricht/nachrichtentyp/code"
        )
        ident = root.findtext(q("antragsidentifikation"))
        uuid = root.findtext("nachrichtenkopf.g2g/identifikation.nachricht/nachrichtenUUID")
        if type_code in APPLICATIONS:
            assert ident not in applications
            applications[ident] = (uuid, type_code)
            continue
        follow_ups += 1
        assert ident in applications, f"{type_code} refers to unknown {ident}"
        original_uuid, original_type = applications[ident]
        trigger = root.findtext(q("ausloeserUUID"))
        if type_code != "130111":
            assert trigger == original_uuid
        if type_code in ("130404", "130406"):
            assert original_type == "130401"
    assert follow_ups >= 4


def test_timestamps_lie_in_the_month_before_the_reference_time(trees, tmp_path):
    stamps = [
        datetime.fromisoformat(
            r.findtext("nachrichtenkopf.g2g/identifikation.nachricht/erstellungszeitpunkt")
        )
        for r in trees
    ]
    assert all(
        DEFAULT_REFERENCE_TIME - timedelta(days=30) <= s <= DEFAULT_REFERENCE_TIME for s in stamps
    )
    assert stamps == sorted(stamps)
    now = datetime.now(UTC).replace(microsecond=0)
    for path in generate_demo(tmp_path, 10, seed=2, reference_time=now):
        text = path.read_text(encoding="utf-8")
        stamp = re.search(r"<erstellungszeitpunkt>([^<]+)<", text).group(1)
        assert datetime.fromisoformat(stamp) <= now


def test_attachment_bytes_sizes_whole_messages_with_two_attachments(schema, tmp_path):
    paths = generate_demo(tmp_path, 6, seed=4, attachment_bytes=300_000)
    for path in paths:
        data = path.read_bytes()
        assert 255_000 <= len(data) <= 345_000, (path.name, len(data))
        root = parse_untrusted(data).getroot()
        embedded = [el for el, _ in _documents(root) if local(el) == "dokument"]
        assert len(embedded) == 2
        assert_valid(schema, data)


def test_each_type_can_be_built_alone(schema):
    rng = random.Random(21)
    for type_code in DEMO_TYPE_CODES:
        assert_valid(schema, build_message(type_code, rng))


def test_reader_kennung_is_a_parameter(tmp_path):
    (path,) = generate_demo(tmp_path, 1, seed=1, reader_kennung="abh:00000815")
    assert b"<kennung>abh:00000815</kennung>" in path.read_bytes()


def test_demo_package_does_not_import_qt():
    source = Path(name_pools.__file__).parent
    for module in source.rglob("*.py"):
        assert "PySide6" not in module.read_text(encoding="utf-8"), module.name


def test_every_builder_module_is_imported_and_registers_a_type():
    """A type module left out of the builders package's imports would silently not register."""
    from ab_inbox.demo import builders
    from ab_inbox.demo.builders.registry import MESSAGE_TYPES

    found = {info.name for info in pkgutil.iter_modules(builders.__path__)} - {"registry"}
    assert {module.__name__.rsplit(".", 1)[1] for module in builders.TYPE_MODULES} == found
    registered_by = {t.build.__module__ for t in MESSAGE_TYPES.values()}
    assert registered_by == {module.__name__ for module in builders.TYPE_MODULES}
    assert {code: t.root for code, t in MESSAGE_TYPES.items()} == ROOTS


def test_standard_version_is_written_in_one_place_only():
    from ab_inbox.demo.xml_parts import VERSION

    source = Path(name_pools.__file__).parent
    holders = [m for m in source.rglob("*.py") if f'"{VERSION}"' in m.read_text(encoding="utf-8")]
    assert [m.name for m in holders] == ["xml_parts.py"]
    data = build_message("130101", random.Random(5))
    assert parse_untrusted(data).getroot().get("version") == VERSION
