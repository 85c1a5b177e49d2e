"""Codes the XSD cannot check are checked against the pack's code lists."""

from __future__ import annotations

import time

import pytest
from lxml import etree

from ab_inbox.xauslaender.code_check import (
    RULE_UNKNOWN_VALUE,
    RULE_UNKNOWN_VERSION,
    check_codes,
    code_schema,
    element_path,
    unchecked_code_lists,
)
from ab_inbox.xauslaender.safe_xml import parse_untrusted
from ab_inbox.xauslaender.schema_pack import open_pack
from tests.core.ozg_samples import BUILDERS, XA, antrag_130101, pack_root

NATIONALITY_PATH = (
    "/xa:OZG.Antrag.130101/xa:angabenZurPerson/xa:staatsangehoerigkeit/xa:staatsangehoerigkeit"
)


@pytest.fixture(scope="module")
def pack():
    return open_pack(pack_root())


def codes_of(data: bytes, pack):
    return check_codes(parse_untrusted(data), pack)


@pytest.mark.parametrize("type_code", sorted(BUILDERS))
def test_valid_messages_have_no_code_findings(pack, type_code):
    tree = parse_untrusted(BUILDERS[type_code]())
    assert pack.lxml_schema("OZG").validate(tree)
    assert check_codes(tree, pack) == []


def test_nationality_not_in_destatis_list(pack):
    [finding] = codes_of(antrag_130101(nationalities=("001",)), pack)
    assert finding.rule == RULE_UNKNOWN_VALUE and finding.is_error
    assert finding.path == NATIONALITY_PATH
    assert finding.line and finding.line > 1
    for text in (finding.text_de, finding.text_en):
        assert "001" in text and "staatsangehoerigkeit" in text and "2024-08-01" in text
        assert "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staatsangehoerigkeit" in text


def test_second_nationality_path_has_a_position(pack):
    [finding] = codes_of(antrag_130101(nationalities=("000", "999x")), pack)
    assert finding.path == (
        "/xa:OZG.Antrag.130101/xa:angabenZurPerson/xa:staatsangehoerigkeit[2]"
        "/xa:staatsangehoerigkeit"
    )


def test_wrong_list_version_names_the_versions_the_pack_has(pack):
    [finding] = codes_of(antrag_130101(grund_version="3"), pack)
    assert finding.rule == RULE_UNKNOWN_VERSION and finding.is_error
    assert finding.path == "/xa:OZG.Antrag.130101/xa:grundDesAntrags"
    assert "„3“" in finding.text_de and "Version 4" in finding.text_de
    assert '"3"' in finding.text_en and "version 4" in finding.text_en


def _edit(data: bytes, fn) -> bytes:
    root = etree.fromstring(data)
    fn(root)
    return etree.tostring(root)


def test_wrong_nationality_version_and_wrong_sex(pack):
    def change(root):
        nationality = root.find(f".//{XA}staatsangehoerigkeit/{XA}staatsangehoerigkeit")
        nationality.set("listVersionID", "2023-01-01")
        root.find(f".//{XA}geschlecht/{XA}geschlecht/code").text = "q"

    findings = codes_of(_edit(antrag_130101(), change), pack)
    rules = sorted((f.rule, f.path.rsplit("/", 1)[-1]) for f in findings)
    assert rules == [
        (RULE_UNKNOWN_VERSION, "xa:staatsangehoerigkeit"),
        (RULE_UNKNOWN_VALUE, "xa:geschlecht"),
    ]
    version_finding = next(f for f in findings if f.rule == RULE_UNKNOWN_VERSION)
    assert "2023-01-01" in version_finding.text_de and "2024-08-01" in version_finding.text_de


def test_token_whitespace_around_a_code_is_allowed(pack):
    def change(root):
        root.find(f".//{XA}staatsangehoerigkeit/{XA}staatsangehoerigkeit/code").text = " 000 "

    assert codes_of(_edit(antrag_130101(), change), pack) == []


def test_enumerated_codes_are_left_to_the_xsd(pack):
    def change(root):
        root.find(f".//{XA}familienstand/{XA}familienstand/code").text = "XX"

    tree = parse_untrusted(_edit(antrag_130101(), change))
    assert not pack.lxml_schema("OZG").validate(tree)
    assert check_codes(tree, pack) == []


def test_lists_missing_from_the_pack_are_not_checked_per_message(pack):
    def change(root):
        for node in root.iter("verzeichnisdienst"):
            node.find("code").text = "NOT-A-DIRECTORY"

    assert codes_of(_edit(antrag_130101(), change), pack) == []
    unchecked = {s.type_name for s in unchecked_code_lists(pack)}
    assert {"Code.VerzeichnisdienstType", "Code.Staatsgebiete"} <= unchecked
    assert "Code.Staatsangehoerigkeit" not in unchecked


def test_schema_knowledge_is_learnt_from_the_xsd(pack):
    schema = code_schema(pack)
    root = parse_untrusted(antrag_130101()).getroot()
    nationality = root.find(f".//{XA}staatsangehoerigkeit/{XA}staatsangehoerigkeit")
    spec = schema.spec_for(nationality)
    assert spec.type_name == "Code.Staatsangehoerigkeit" and not spec.enumerated
    assert spec.list_uri.endswith(":staatsangehoerigkeit") and spec.list_version is None
    familienstand = schema.spec_for(root.find(f".//{XA}familienstand/{XA}familienstand"))
    assert familienstand.enumerated and familienstand.list_version == "2"
    assert schema.spec_for(root.find(f"{XA}antragsdatum")) is None
    assert element_path(nationality) == NATIONALITY_PATH


def test_a_misplaced_code_in_an_invalid_message_is_ignored(pack):
    def change(root):
        stray = etree.SubElement(root, f"{XA}staatsangehoerigkeit")
        etree.SubElement(stray, "code").text = "1"

    assert codes_of(_edit(antrag_130101(), change), pack) == []


def test_checking_is_fast(pack):
    tree = parse_untrusted(antrag_130101(nationalities=("000", "432", "152")))
    check_codes(tree, pack)
    runs = 200
    start = time.perf_counter()
    for _ in range(runs):
        check_codes(tree, pack)
    per_message = (time.perf_counter() - start) / runs
    assert per_message < 0.002  # about 0.03 ms on the development machine
