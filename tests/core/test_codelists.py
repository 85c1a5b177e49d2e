"""Code lists of the pack: indexed by URI and version, German labels, loaded once."""

from __future__ import annotations

import threading
import time

import pytest

from ab_inbox.xauslaender.codelists import (
    codelists_for,
    load_codelists,
    parse_genericode,
    version_sort_key,
)
from ab_inbox.xauslaender.schema_pack import open_pack
from tests.core.ozg_samples import pack_root

STAATSANGEHOERIGKEIT = "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staatsangehoerigkeit"
GESCHLECHT = "urn:xoev-de:xinneres:codeliste:geschlecht"
ABH = "urn:de:xauslaender:codelist:abhkennung"


@pytest.fixture(scope="module")
def pack():
    return open_pack(pack_root())


@pytest.fixture(scope="module")
def lists(pack):
    return codelists_for(pack)


def genericode(uri: str, version: str, rows: dict[str, str]) -> bytes:
    body = "".join(
        f'<Row><Value ColumnRef="Schluessel"><SimpleValue>{c}</SimpleValue></Value>'
        f'<Value ColumnRef="Wert"><SimpleValue>{w}</SimpleValue></Value></Row>'
        for c, w in rows.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<gc:CodeList xmlns:gc="http://docs.oasis-open.org/codelist/ns/genericode/1.0/">'
        f"<Identification><ShortName>test</ShortName><LongName>Testliste</LongName>"
        f"<Version>{version}</Version><CanonicalUri>{uri}</CanonicalUri></Identification>"
        '<ColumnSet><Column Id="Schluessel"/><Column Id="Wert"/>'
        '<Key Id="k"><ColumnRef Ref="Schluessel"/></Key></ColumnSet>'
        f"<SimpleCodeList>{body}</SimpleCodeList></gc:CodeList>"
    ).encode()


def test_pack_lists_are_indexed_by_uri_and_version(lists):
    assert lists.problems == []
    assert lists.versions(STAATSANGEHOERIGKEIT) == ["2024-08-01"]
    assert lists.label(STAATSANGEHOERIGKEIT, "432", "2024-08-01") == "Vietnam"
    assert lists.label(GESCHLECHT, "w") == "weiblich"
    assert lists.label(ABH, "000100", "64.0") == "STV Aalen"
    assert lists.label("urn:xoev-de:xauslaender:codeliste:ozg.antragsgrund", "01") == (
        "Erstbeantragung"
    )
    assert lists.has_list(STAATSANGEHOERIGKEIT) and not lists.has_list("urn:unknown")
    assert lists.contains(STAATSANGEHOERIGKEIT, "000", "2024-08-01")
    assert not lists.contains(STAATSANGEHOERIGKEIT, "001", "2024-08-01")
    assert not lists.contains(STAATSANGEHOERIGKEIT, "000", "2023-01-01")
    assert lists.contains(STAATSANGEHOERIGKEIT, "000")
    assert lists.label(STAATSANGEHOERIGKEIT, "000", "1999") is None
    assert lists.label("urn:unknown", "1") is None


def test_every_list_of_the_pack_folders_is_loaded(pack, lists):
    files = [p for d in pack.codelist_dirs() for p in d.glob("*.xml")]
    assert len(lists.uris()) == len(files) == 24


def test_loading_is_fast_and_cached(pack, lists):
    start = time.perf_counter()
    load_codelists(pack.codelist_dirs())
    assert time.perf_counter() - start < 1.0  # about 0.03 s on the development machine
    assert codelists_for(pack) is lists


def test_codelists_for_is_thread_safe(tmp_path):
    (tmp_path / "codelisten").mkdir()
    pack = open_pack(pack_root())
    fake = type(pack)(root=tmp_path, version="26.11")
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(codelists_for(fake))) for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(r) for r in results}) == 1


def test_versions_are_ordered_and_kept_apart(tmp_path):
    for version, rows in (("10", {"1": "eins", "3": "drei"}), ("2", {"1": "Eins", "2": "zwei"})):
        (tmp_path / f"list_{version}.xml").write_bytes(genericode("urn:test", version, rows))
    lists = load_codelists([tmp_path])
    assert lists.versions("urn:test") == ["2", "10"]
    assert lists.label("urn:test", "1") == "eins"  # newest version first
    assert lists.label("urn:test", "1", "2") == "Eins"
    assert lists.label("urn:test", "2") == "zwei"  # only the older version has it
    assert lists.contains("urn:test", "2", "2") and not lists.contains("urn:test", "2", "10")
    assert lists.title("urn:test") == "Testliste"
    assert sorted(["2024-08-01", "2023-12-31", "9"], key=version_sort_key)[0] == "9"


def test_broken_or_hostile_files_are_reported_not_loaded(tmp_path):
    (tmp_path / "good.xml").write_bytes(genericode("urn:good", "1", {"a": "A"}))
    (tmp_path / "broken.xml").write_bytes(b"<gc:CodeList")
    (tmp_path / "doctype.xml").write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>'
    )
    lists = load_codelists([tmp_path])
    assert lists.uris() == ["urn:good"]
    assert len(lists.problems) == 2


def test_parse_keeps_labels_exactly():
    data = genericode("urn:x", "1", {"01": "Ehe-/Lebenspartnerin", "02": "Ąę Łódź"})
    code_list = parse_genericode(data)
    assert code_list.labels == {"01": "Ehe-/Lebenspartnerin", "02": "Ąę Łódź"}
