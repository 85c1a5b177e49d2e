"""Exports in the store: one row per case, exporter and target folder, with its receipt.

The row is the proof that a case left the office: which files, with which SHA-256, who and
when, and a team lead's reason when the usual rules were overridden. UNIQUE(message_id,
exporter, target) makes a repeated export find the earlier one instead of recording it twice.
"""

from __future__ import annotations

import json

from ab_inbox.store.database import Database

_COLUMNS = (
    "id, case_id, message_id, exporter, target, receipt, override_reason, exported_at, exported_by"
)


def _decoded(row: dict) -> dict:
    row["receipt"] = json.loads(row["receipt"])
    return row


def find_export(db: Database, message_id: int, exporter: str, target: str) -> dict | None:
    rows = db.query(
        f"SELECT {_COLUMNS} FROM exports WHERE message_id = ? AND exporter = ? AND target = ?",
        [message_id, exporter, target],
    )
    row = next(rows, None)
    return None if row is None else _decoded(row)


def insert_export(
    db: Database,
    *,
    case_id: int,
    message_id: int,
    exporter: str,
    target: str,
    receipt: dict,
    override_reason: str | None,
    exported_at: str,
    exported_by: str,
) -> int:
    """Record an export (inside the caller's write transaction); returns its id."""
    cursor = db.execute(
        "INSERT INTO exports (case_id, message_id, exporter, target, receipt, override_reason,"
        " exported_at, exported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            case_id,
            message_id,
            exporter,
            target,
            json.dumps(receipt, ensure_ascii=False, sort_keys=True),
            override_reason,
            exported_at,
            exported_by,
        ),
    )
    return cursor.lastrowid


def list_exports(db: Database, case_id: int) -> list[dict]:
    """The case's exports, oldest first, receipts decoded (for the case history)."""
    return [
        _decoded(row)
        for row in db.query(
            f"SELECT {_COLUMNS} FROM exports WHERE case_id = ? ORDER BY exported_at, id",
            [case_id],
        )
    ]
