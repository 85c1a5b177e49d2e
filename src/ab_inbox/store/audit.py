"""The append-only audit log: who did what, when, from where; never message content.

Triggers in the schema refuse UPDATE and DELETE on the table. Details carry ids, counts and rule
codes only, so the log itself holds no personal data of applicants.
"""

from __future__ import annotations

import getpass
import socket
from datetime import UTC, datetime

from ab_inbox.store.database import Database


def utc_now() -> str:
    """UTC timestamp in ISO 8601 with milliseconds and a Z, the store's one time format."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (e.g. a service): still audit the action
        return "unknown"


def workstation() -> str:
    return socket.gethostname() or "unknown"


def append_audit(
    db: Database,
    action: str,
    *,
    result: str = "ok",
    case_id: int | None = None,
    message_id: int | None = None,
    detail: str | None = None,
    at: str | None = None,
) -> None:
    db.execute(
        "INSERT INTO audit (at, os_user, workstation, action, case_id, message_id, detail, result)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (at or utc_now(), os_user(), workstation(), action, case_id, message_id, detail, result),
    )
