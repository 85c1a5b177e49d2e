"""Settings of the office as a whole, kept in the store: today the retention periods.

A workstation's settings file is the wrong home for anything that decides when personal data
is deleted: the team lead's list of due cases, the date in the case view and a scheduled purge
under a service account would each follow a different file. Here every computation reads the
same rows. One row per setting that Administration has set (value, when, by whom); a setting
without a row has its declared default (config.OFFICE_RETENTION), so a store from before this
table behaves exactly like a fresh one. Every change writes an audit entry with the old and the
new value, inside the caller's write transaction.

Values are checked by the core (inbox_retention) before they get here.
"""

from __future__ import annotations

import json

from ab_inbox import config
from ab_inbox.store.audit import append_audit, utc_now
from ab_inbox.store.database import Database

# The final case status each case period applies to; the stray-input period has none.
CASE_PERIODS = {
    "retention_days_exported": "exported",
    "retention_days_done": "done",
    "retention_days_not_responsible": "not_responsible",
}
STRAY_INPUT = "retention_days_stray_input"
# Written by the migration into a store that already held cases: until Administration has
# confirmed the office's periods, nothing is purged (the periods used to come from each
# workstation's file, which may have said longer than the defaults).
UNCONFIRMED = "retention_unconfirmed"


def needs_confirmation(db: Database) -> bool:
    return (
        db.execute("SELECT 1 FROM office_settings WHERE name = ?", (UNCONFIRMED,)).fetchone()
        is not None
    )


def confirm(db: Database) -> bool:
    """Administration has set or looked at and kept the periods (call inside a write
    transaction); True if they were unconfirmed until now (audited as retention_confirmed)."""
    if not needs_confirmation(db):
        return False
    db.execute("DELETE FROM office_settings WHERE name = ?", (UNCONFIRMED,))
    days = retention_days(db)
    append_audit(
        db, "retention_confirmed", detail=" ".join(f"{n}={d}" for n, d in sorted(days.items()))
    )
    return True


def rows(db: Database) -> dict[str, dict]:
    """The stored rows by name: value (decoded), set_at, set_by."""
    found = {}
    for row in db.query("SELECT name, value, set_at, set_by FROM office_settings"):
        row["value"] = json.loads(row["value"])
        found[row["name"]] = row
    return found


def retention_days(db: Database, stored: dict[str, dict] | None = None) -> dict[str, int]:
    """Every declared retention period in days: the stored value, else the declared default.
    `stored`: the rows, if the caller has read them already."""
    stored = rows(db) if stored is None else stored
    return {
        setting.name: int(stored[setting.name]["value"])
        if setting.name in stored
        else setting.default
        for setting in config.OFFICE_RETENTION
    }


def case_policy(db: Database) -> dict[str, int]:
    """Days to keep a case per final status, as store.retention expects it."""
    days = retention_days(db)
    return {status: days[name] for name, status in CASE_PERIODS.items()}


def stray_days(db: Database) -> int:
    return retention_days(db)[STRAY_INPUT]


def set_retention_days(db: Database, name: str, days: int, by: str) -> int | None:
    """Store one period (call inside a write transaction); returns the previous value, or None
    if it was already `days` (then nothing is written and nothing audited)."""
    stored = rows(db)
    old = retention_days(db, stored)[name]
    if old == days and name in stored:
        return None
    db.execute(
        "INSERT INTO office_settings (name, value, set_at, set_by) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (name) DO UPDATE SET value = excluded.value, set_at = excluded.set_at,"
        " set_by = excluded.set_by",
        (name, json.dumps(days), utc_now(), by),
    )
    append_audit(db, "retention_set", detail=f"name={name} old={old} new={days}")
    return old
