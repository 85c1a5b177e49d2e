"""The learnt code-element table is kept on disk so a CLI run does not rebuild it each time."""

from __future__ import annotations

from ab_inbox.xauslaender import code_check
from ab_inbox.xauslaender.code_schema_cache import load_cached, store_cached
from ab_inbox.xauslaender.schema_pack import SchemaPack


def test_cached_table_equals_the_freshly_learnt_one(schemas_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(code_check, "_SCHEMAS", {})  # as in a fresh process
    pack = SchemaPack(root=schemas_dir.resolve(), version="26.11", cache_dir=tmp_path)
    fresh = code_check.code_schema(pack)
    assert load_cached(pack, "OZG") is not None  # written on first use

    reloaded = load_cached(pack, "OZG")

    assert reloaded.by_path == fresh.by_path
    assert any(spec.list_uri and not spec.enumerated for spec in reloaded.by_path.values())


def test_a_damaged_cache_file_is_ignored(schemas_dir, tmp_path):
    pack = SchemaPack(root=schemas_dir.resolve(), version="26.11", cache_dir=tmp_path)
    store_cached(pack, "OZG", code_check.CodeSchema({}))
    [path] = tmp_path.iterdir()
    path.write_text("{not json")
    assert load_cached(pack, "OZG") is None


def test_without_a_cache_folder_nothing_is_written(schemas_dir, tmp_path):
    pack = SchemaPack(root=schemas_dir.resolve(), version="26.11")
    store_cached(pack, "OZG", code_check.CodeSchema({}))
    assert load_cached(pack, "OZG") is None
    assert list(tmp_path.iterdir()) == []
