"""When the inbox last looked for messages, per way in (drop folder, XTA mailbox).

The desktop's status bar and `ab-inbox last-fetch` show it, so a `fetch --watch` that stopped
or keeps failing is noticed. One row per source, overwritten by each run. A watch looks every
few seconds; its runs that store nothing and go like the one before (fine again, or failing
the same way again) are written only when the row is older than RECORD_EVERY, because every
commit makes each open desktop reload its queue. The time shown can therefore be up to
RECORD_EVERY behind a watch's last run. A run someone asked for (F5, a one-off `fetch`) is
always written: they look at the time next. The audit log gets an entry when a way in starts
or stops working (the messages a run stores have entries of their own), not for every run.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

from ab_inbox.errors import BilingualError
from ab_inbox.store.audit import append_audit
from ab_inbox.store.connection import write_transaction
from ab_inbox.store.database import Database
from ab_inbox.times import parse_utc, utc_text

FOLDER, XTA = "folder", "xta"
RECORD_EVERY = timedelta(minutes=5)


def record_run(
    db: Database,
    source: str,
    *,
    stored: int = 0,
    failed: int = 0,
    error: BaseException | None = None,
    watching: bool = False,
    now: datetime | None = None,
) -> bool:
    """Note a finished run (`error`: the run stopped with it; `watching`: one of a watch's
    runs, see above); True if the row was written.

    Only a bilingual error's text is kept; other errors by their type name, since their
    message may quote a file name or a server's answer."""
    if isinstance(error, sqlite3.Error):
        return False  # the store itself failed (locked, full): writing to it would too, slowly
    if isinstance(error, BilingualError):
        error_de, error_en = error.text_de, error.text_en
    elif error is not None:
        error_de = error_en = type(error).__name__
    else:
        error_de = error_en = None
    at = now.astimezone(UTC) if now else datetime.now(UTC)
    ok = error is None and failed == 0
    try:
        previous = db.execute(
            "SELECT at, ok, failed, error_de FROM fetch_runs WHERE source = ?", (source,)
        ).fetchone()
        # A watch's run that stored nothing and went like the one before (fine again, or the
        # same failure again) is not worth a commit every few seconds.
        same_as_before = (
            stored == 0 and previous is not None and previous[1:] == (int(ok), failed, error_de)
        )
        if watching and same_as_before and at - parse_utc(previous[0]) < RECORD_EVERY:
            return False
        with write_transaction(db):
            if previous is None or bool(previous[1]) != ok:  # a way in started or stopped working
                append_audit(
                    db,
                    "fetch_working" if ok else "fetch_failed",
                    result="ok" if ok else "failed",
                    detail=f"source={source}"
                    + ("" if error is None else f" error={type(error).__name__}")
                    + (f" failed_files={failed}" if failed else ""),
                )
            db.execute(
                "INSERT INTO fetch_runs (source, at, ok, stored, failed, error_de, error_en,"
                " last_ok_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source) DO UPDATE SET"
                " at = excluded.at, ok = excluded.ok, stored = excluded.stored,"
                " failed = excluded.failed, error_de = excluded.error_de,"
                " error_en = excluded.error_en,"
                " last_ok_at = COALESCE(excluded.last_ok_at, fetch_runs.last_ok_at)",
                (
                    source,
                    utc_text(at),
                    int(ok),
                    stored,
                    failed,
                    error_de,
                    error_en,
                    utc_text(at) if ok else None,
                ),
            )
    except Exception:  # noqa: BLE001 - the run's own result or error matters more
        return False
    return True


def last_runs(db: Database) -> dict[str, dict]:
    """The last recorded run per source: at, ok, stored, failed, error_de/_en, last_ok_at."""
    return {row["source"]: row for row in db.query("SELECT * FROM fetch_runs ORDER BY source")}
