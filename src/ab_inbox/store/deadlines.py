"""Target times per message type: when a case is due, counted from its legal receipt time.

The receipt time itself (cases.received_at: when the office's system received the message) is
never edited; the due time is derived from it and recomputed for open cases when a team lead
changes a target. Types without a target of their own use the default row "*".
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from ab_inbox.store.audit import append_audit
from ab_inbox.store.cases import OPEN_SQL
from ab_inbox.store.database import Database
from ab_inbox.times import parse_utc, utc_text

DEFAULT = "*"
DEFAULT_DAYS = 30


def targets(db: Database) -> dict[str, int]:
    found = {row[0]: row[1] for row in db.execute("SELECT type_code, days FROM deadline_targets")}
    found.setdefault(DEFAULT, DEFAULT_DAYS)
    return found


def days_for(db: Database, type_code: str | None) -> int:
    row = db.execute(
        "SELECT days FROM deadline_targets WHERE type_code IN (?, ?)"
        " ORDER BY type_code = ? LIMIT 1",
        (type_code or DEFAULT, DEFAULT, DEFAULT),
    ).fetchone()
    return row[0] if row else DEFAULT_DAYS


def due_at(received_at: str, days: int) -> str:
    """received_at + days, in the store's UTC format."""
    return utc_text(parse_utc(received_at) + timedelta(days=days))


def set_target(db: Database, type_code: str, days: int | None) -> int:
    """Set (or with None remove) a target; returns how many open cases got a new due time."""
    if days is None:
        db.execute("DELETE FROM deadline_targets WHERE type_code = ?", (type_code,))
    else:
        db.execute(
            "INSERT INTO deadline_targets (type_code, days) VALUES (?, ?)"
            " ON CONFLICT (type_code) DO UPDATE SET days = excluded.days",
            (type_code, days),
        )
    changed = recompute(db, None if type_code == DEFAULT else type_code)
    append_audit(
        db,
        "deadline_set",
        detail=f"type={type_code} days={'-' if days is None else days} cases={changed}",
    )
    return changed


def recompute(db: Database, type_code: str | None) -> int:
    """New due times for the open cases of a type (None: all types)."""
    where = f"{OPEN_SQL} AND c.type_code = ?" if type_code else OPEN_SQL
    params = (type_code,) if type_code else ()
    rows = db.execute(f"SELECT c.id, c.type_code, c.received_at FROM cases c WHERE {where}", params)
    cache: dict[str | None, int] = {}
    updates = []
    for case_id, code, received in rows.fetchall():
        if code not in cache:
            cache[code] = days_for(db, code)
        updates.append((due_at(received, cache[code]), case_id))
    db.conn.executemany("UPDATE cases SET due_at = ? WHERE id = ?", updates)
    return len(updates)


def day_bounds(day: date) -> tuple[str, str]:
    """The office's local day as [start, end) in the store's UTC format ("due today")."""
    start = datetime.combine(day, time()).astimezone()
    end = datetime.combine(day + timedelta(days=1), time()).astimezone()
    return utc_text(start), utc_text(end)
