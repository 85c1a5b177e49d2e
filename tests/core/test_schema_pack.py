"""Schema packs: found by version, compiled from local files only, installed by copying."""

from __future__ import annotations

import shutil

import pytest

from ab_inbox.xauslaender.schema_pack import (
    PackLibrary,
    SchemaPack,
    SchemaPackError,
    SchemaPackMissing,
    namespace_for_version,
    read_pack_version,
    version_from_namespace,
)


def test_version_is_read_from_the_xsds(schemas_dir):
    assert read_pack_version(schemas_dir) == "26.11"


def test_namespace_and_version_map_both_ways():
    assert version_from_namespace("http://www.osci.de/xauslaender2611") == "26.11"
    assert namespace_for_version("27.05") == "http://www.osci.de/xauslaender2705"
    assert version_from_namespace("http://www.osci.de/xinneres/datum/2") is None


def _copy_pack(schemas_dir, target):
    shutil.copytree(schemas_dir, target, ignore=shutil.ignore_patterns("selfmade-*"))
    for path in target.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target


def test_an_import_the_catalog_does_not_map_is_refused_not_downloaded(schemas_dir, tmp_path):
    pack_dir = _copy_pack(schemas_dir, tmp_path / "pack")
    catalog = (pack_dir / "catalog.xml").read_text()
    lines = [ln for ln in catalog.splitlines() if "xinneres-datum.xsd" not in ln]
    (pack_dir / "catalog.xml").write_text("\n".join(lines))

    with pytest.raises(SchemaPackError) as err:
        SchemaPack(root=pack_dir, version="26.11").lxml_schema("OZG")

    assert "datum" in err.value.text_en


def test_install_copies_the_pack_and_registers_it_by_version(schemas_dir, tmp_path):
    library = PackLibrary(tmp_path / "installed")
    with pytest.raises(SchemaPackMissing) as err:
        library.pack_for_version("26.11")
    assert "ab-inbox schemas add" in err.value.text_de and "26.11" in err.value.text_en

    version, target = library.install(schemas_dir)

    assert version == "26.11" and target == tmp_path / "installed" / "26.11"
    assert (target / "catalog.xml").is_file()
    assert not (target / "selfmade-test-instances").exists()
    pack = library.pack_for_version("26.11")
    assert pack.lxml_schema("OZG") is pack.lxml_schema("OZG")  # compiled once per process


def test_a_folder_that_is_no_pack_is_refused_with_a_reason(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(SchemaPackError) as err:
        PackLibrary(tmp_path / "installed").install(tmp_path / "empty")
    assert "catalog.xml" in err.value.text_de
