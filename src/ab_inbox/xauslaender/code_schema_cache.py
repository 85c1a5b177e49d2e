"""Keeping the learnt code-element table on disk between runs.

Building it needs the xmlschema model of the pack (about a second); the table itself loads in a
few milliseconds. The file name carries the pack's fingerprint and a format number, so a changed
pack or a changed table layout simply misses the cache. A broken or foreign file is ignored.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ab_inbox.xauslaender.code_check import CodeSchema
    from ab_inbox.xauslaender.schema_pack import SchemaPack

FORMAT = 1


def _path(pack: SchemaPack, family: str):
    if pack.cache_dir is None:
        return None
    return pack.cache_dir / f"code-schema-{pack.version}-{family}-{pack.fingerprint}-v{FORMAT}.json"


def load_cached(pack: SchemaPack, family: str) -> CodeSchema | None:
    from ab_inbox.xauslaender.code_check import CodeSchema, CodeSpec

    path = _path(pack, family)
    if path is None or not path.is_file():
        return None
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        specs: dict[str, CodeSpec] = {}
        by_path = {}
        for row in rows:
            spec_key = json.dumps(row["spec"], sort_keys=True)
            spec = specs.get(spec_key)
            if spec is None:
                data = dict(row["spec"])
                data["enum_labels"] = tuple(tuple(pair) for pair in data["enum_labels"])
                spec = specs[spec_key] = CodeSpec(**data)
            by_path[tuple(row["path"])] = spec
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return CodeSchema(by_path)


def store_cached(pack: SchemaPack, family: str, schema: CodeSchema) -> None:
    from dataclasses import asdict

    path = _path(pack, family)
    if path is None:
        return
    rows = [{"path": list(key), "spec": asdict(spec)} for key, spec in schema.by_path.items()]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only data folder only costs the second again next time
