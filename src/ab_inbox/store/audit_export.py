"""The audit log as a CSV file, for the data-protection officer or an inquiry about a person.

The file holds the log's own columns and nothing else: no message content (the log has none).
It is written whole or not at all: rows stream into a hidden temporary file beside the target,
which is synced and then renamed, so a reader never sees half an export and a large log never
has to fit in memory.

An unfiltered export can be re-verified without AB-Inbox: each row's `hash` is
sha256(previous row's hash + canonical(row)) as described in audit_chain.py, starting from
GENESIS; an empty cell stands for a missing value, and case_id and message_id are numbers.
"""

from __future__ import annotations

import csv
import os
import secrets
from contextlib import suppress
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ab_inbox.durable_files import sync_folder
from ab_inbox.store.audit_chain import FIELDS
from ab_inbox.store.database import Database
from ab_inbox.times import utc_text

CSV_COLUMNS = (*FIELDS, "hash")


def utc_bound(moment: date | datetime) -> str:
    """A date (a local calendar day, from its midnight) or a datetime (naive = local time) in
    the log's format: UTC, milliseconds, Z, so it compares as text with `at`."""
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time())
    return utc_text(moment)  # a naive value is taken as the workstation's local time


def _until_bound(until: date | datetime) -> tuple[str, str]:
    """A date includes the whole day (up to the next midnight); a datetime is inclusive."""
    if isinstance(until, datetime):
        return "at <= ?", utc_bound(until)
    return "at < ?", utc_bound(until + timedelta(days=1))


def _where(
    since: date | datetime | None,
    until: date | datetime | None,
    action: str | None,
    case_id: int | None,
    user: str | None,
) -> tuple[str, list]:
    where, params = [], []
    if since is not None:
        where.append("at >= ?")
        params.append(utc_bound(since))
    if until is not None:
        clause, bound = _until_bound(until)
        where.append(clause)
        params.append(bound)
    if action is not None:
        where.append("action = ?")
        params.append(action)
    if case_id is not None:
        where.append("case_id = ?")
        params.append(case_id)
    if user is not None:
        where.append("os_user = ?")
        params.append(user)
    return (" WHERE " + " AND ".join(where) if where else ""), params


def entries(
    db: Database,
    *,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    action: str | None = None,
    case_id: int | None = None,
    user: str | None = None,
    limit: int = 500,
    offset: int = 0,
) -> tuple[list[dict], int]:
    """A page of matching entries, newest first, and how many match in all (for the viewer)."""
    where, params = _where(since, until, action, case_id, user)
    total = db.execute(f"SELECT count(*) FROM audit{where}", params).fetchone()[0]
    rows = list(
        db.query(
            f"SELECT id, {', '.join(FIELDS)} FROM audit{where} ORDER BY id DESC LIMIT ? OFFSET ?",
            [*params, int(limit), int(offset)],
        )
    )
    return rows, total


def actions(db: Database) -> list[str]:
    return [row[0] for row in db.execute("SELECT DISTINCT action FROM audit ORDER BY action")]


def export_csv(
    db: Database,
    path: Path | str,
    *,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    action: str | None = None,
    case_id: int | None = None,
    user: str | None = None,
) -> int:
    """Write the matching entries, oldest first, as UTF-8 CSV with a header; returns the count."""
    where, params = _where(since, until, action, case_id, user)
    sql = f"SELECT {', '.join(CSV_COLUMNS)} FROM audit{where} ORDER BY id"

    target = Path(path)
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    count = 0
    try:
        with open(temp, "x", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(CSV_COLUMNS)
            for row in db.execute(sql, params):
                writer.writerow(row)
                count += 1
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        with suppress(OSError):
            temp.unlink()
        raise
    sync_folder(target.parent)
    return count
