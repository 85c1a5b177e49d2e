"""The registry of OZG message types agrees with the 26.11 schema it describes."""

from __future__ import annotations

import pytest
from lxml import etree

from ab_inbox.xauslaender import message_types as mt
from tests.core.ozg_samples import pack_root

XS = "{http://www.w3.org/2001/XMLSchema}"
INBOUND_CODES = {"130101", "130103", "130111", "130201", "130301", "130401", "130404", "130406"}


@pytest.fixture(scope="module")
def xsd_roots() -> dict[str, etree._Element]:
    path = pack_root() / "26.11" / "xsd" / "xauslaender-nachrichten-ozg.xsd"
    tree = etree.parse(str(path))
    return {e.get("name"): e for e in tree.getroot().iterchildren(f"{XS}element")}


def test_all_18_ozg_messages_of_the_xsd_are_registered(xsd_roots):
    names = {t.name for t in mt.all_types()}
    assert len(xsd_roots) == 18
    assert names == set(xsd_roots)
    assert len({t.code for t in mt.all_types()}) == 18
    for t in mt.all_types():
        assert t.name.endswith("." + t.code) and t.family == "OZG"


def test_titles_are_the_xsd_titles(xsd_roots):
    for t in mt.all_types():
        title = xsd_roots[t.name].findtext(f"{XS}annotation/{XS}appinfo/title")
        assert t.title_de == title, t.name
        assert t.title_en and t.short_title_de


def test_direction_follows_the_base_type(xsd_roots):
    for t in mt.all_types():
        base = xsd_roots[t.name].find(f".//{XS}extension").get("base")
        expected = mt.INBOUND if "AnAbh" in base else mt.OUTBOUND
        assert t.direction == expected, t.name


def test_inbound_types_and_applications():
    inbound = {t.code: t for t in mt.inbound_types()}
    assert set(inbound) == INBOUND_CODES
    assert {c for c, t in inbound.items() if t.is_application} == {
        "130101",
        "130201",
        "130301",
        "130401",
    }
    assert all(t.extractor is not None for t in inbound.values())
    assert all(t.extractor is None and not t.is_application for t in mt.outbound_types())


def test_lookups():
    antrag = mt.by_code("130101")
    assert antrag is mt.by_name("OZG.Antrag.130101")
    assert antrag.title_de == "Antrag" and antrag.is_inbound
    assert mt.by_code(" 130406 ").short_title_de == "Bescheid-Empfangsbestätigung"
    assert mt.by_code("999999") is None
    assert mt.by_name("OZG.Antrag.999999") is None


def test_message_type_is_frozen():
    with pytest.raises(AttributeError):
        mt.by_code("130101").code = "1"  # type: ignore[misc]


def test_every_ozg_code_of_the_nachrichtentyp_list_is_registered():
    from ab_inbox.xauslaender.codelists import codelists_for
    from ab_inbox.xauslaender.schema_pack import open_pack

    lists = codelists_for(open_pack(pack_root()))
    labels = lists.get("urn:de:xauslaender:codelist:nachrichtentyp").labels
    ozg = {code: name for code, name in labels.items() if name.startswith("OZG.")}
    assert {code: mt.by_code(code).name for code in ozg} == ozg
