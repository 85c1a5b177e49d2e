"""Retention: which closed cases are due for deletion, and purging one of them.

A case in a final status is kept for the number of days its status is configured for (the
office's periods, store/office_settings.py; a retention of 0 or less keeps it for ever),
counted from the day it entered that status, or from the day its newest message arrived if
that is later (a message received on a closed case is not deleted before anyone could have
seen it).

Purging keeps the skeleton the office needs to account for the case and removes what describes
the person. Kept: the ids, nachrichtenUUIDs, antragsidentifikation, type codes, received and
created times, validation results and rule codes, status and its history (without notes), the
SHA-256 of every message and reply, and the exports and replies rows with the SHA-256 and sizes
of what left the office. Removed: the message bytes, the parsed record (replaced by
{"purged": true}), applicant name, nationality and reason, the transport's file name, every
attachment row and its bytes, the finding texts (they may quote the message), the notes, the
search entries and the bytes of the replies. The audit gets one "purged" entry with counts only.

Bytes are content-addressed and may be shared (the same PDF in two applications, a quarantined
input equal to a message): a blob is deleted only when nothing else refers to it. Rows that
must keep pointing at a blob (messages.blob_id and replies.blob_id are NOT NULL) point at the
blob of the empty byte string instead, so a later message with the same content as a purged
one gets a fresh blob rather than an emptied one.

Every connection runs with `PRAGMA secure_delete = ON`, so SQLite overwrites deleted rows and
freed pages with zeros. Deleting from FTS5 only marks the terms as deleted in the index
segments; `compact_search_index` merges the segments so the terms are gone too (once per run,
not per case: it rewrites the whole index). After a run the WAL is checkpointed and truncated
(`checkpoint`), so the old page images leave the WAL file as well. No VACUUM: the store has no
incremental auto-vacuum, and a full VACUUM would copy the whole file (gigabytes of messages)
under an exclusive lock for nothing but a smaller file; the zeroed pages are reused by the next
messages.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

from ab_inbox.errors import BilingualError
from ab_inbox.store.audit import append_audit, utc_now
from ab_inbox.store.cases import FINAL as FINAL_STATUSES
from ab_inbox.store.connection import write_transaction
from ab_inbox.store.database import Database

PURGED_RECORD = json.dumps({"purged": True})

# Per case: when it entered its current status (fallback: its last change), when its newest
# message arrived, and whether anything is left to purge (never purged, or a message or note
# added after the purge).
_CANDIDATES = """
SELECT c.id, c.status, c.version, c.purged_at,
       COALESCE((SELECT max(h.at) FROM status_history h
                 WHERE h.case_id = c.id AND h.to_status = c.status), c.updated_at) AS since,
       (SELECT max(m.received_at) FROM messages m WHERE m.case_id = c.id) AS last_received_at
FROM cases c
WHERE c.status IN ({statuses})
  AND (c.purged_at IS NULL
       OR EXISTS (SELECT 1 FROM messages m WHERE m.case_id = c.id AND m.purged_at IS NULL)
       OR EXISTS (SELECT 1 FROM case_notes n WHERE n.case_id = c.id))
"""
_DUE = """
SELECT id, status, version, purged_at, since, last_received_at,
       date(max(since, COALESCE(last_received_at, since)), '+' || {days} || ' days') AS due
FROM ({candidates})
"""


class PurgeRefused(BilingualError):
    """The case may not be purged (not in a final status, or changed since it was listed)."""


def effective_policy(policy: dict[str, int]) -> dict[str, int]:
    """Only final statuses with a positive number of days take part (0 = keep for ever)."""
    return {
        status: int(days)
        for status, days in policy.items()
        if status in FINAL_STATUSES and days and int(days) > 0
    }


def _due_rows(
    db: Database, policy: dict[str, int], today: date, case_id: int | None = None
) -> list[dict]:
    active = effective_policy(policy)
    if not active:
        return []
    statuses = ", ".join(f":s{i}" for i in range(len(active)))
    days = "CASE status " + " ".join(f"WHEN :s{i} THEN :d{i}" for i in range(len(active)))
    params: dict[str, object] = {"today": today.isoformat()}
    for i, (status, number) in enumerate(active.items()):
        params[f"s{i}"], params[f"d{i}"] = status, number
    candidates = _CANDIDATES.format(statuses=statuses)
    if case_id is not None:
        candidates += " AND c.id = :case_id"
        params["case_id"] = case_id
    sql = _DUE.format(days=f"({days} END)", candidates=candidates)
    sql = f"SELECT * FROM ({sql}) WHERE due <= :today ORDER BY due, id"
    return [
        {
            "case_id": row["id"],
            "status": row["status"],
            "since": row["since"],
            "last_received_at": row["last_received_at"],
            "due": row["due"],
            "retention_days": active[row["status"]],
            "version": row["version"],
            "purged_at": row["purged_at"],
        }
        for row in db.query(sql, params)
    ]


def due_for_purge(db: Database, policy: dict[str, int], today: date) -> list[dict]:
    """Cases whose retention has ended on or before `today`, the earliest due first.

    Each entry: case_id, status, since (when it entered that status, UTC), last_received_at,
    due (ISO date), retention_days, version, purged_at (set when only late additions to an
    already purged case are left). Pass a later `today` to see what will be due by then.
    """
    return _due_rows(db, policy, today)


def purge_due_date(db: Database, policy: dict[str, int], case_id: int) -> str | None:
    """The day the case will be (or was to be) purged, as an ISO date; None: not scheduled
    (open, kept for ever, or nothing left to purge)."""
    rows = _due_rows(db, policy, date.max, case_id)
    return rows[0]["due"] if rows else None


def purge_case(
    db: Database,
    case_id: int,
    actor: str,
    *,
    policy: dict[str, int] | Callable[[Database], dict[str, int]] | None = None,
    today: date | None = None,
) -> dict[str, int]:
    """Purge one case in one write transaction; returns what was removed, by kind.

    With `policy`, the case must still be due under it when the lock is held (a case reopened
    or answered after it was listed is left alone: PurgeRefused). A callable policy is read
    under the lock too (office_settings.case_policy: a period lengthened by Administration
    while a purge runs already counts). Without, any case in a final status is purged (an
    explicit request).
    """
    with write_transaction(db):
        row = db.execute("SELECT status FROM cases WHERE id = ?", (case_id,)).fetchone()
        if row is None or row[0] not in FINAL_STATUSES:
            raise PurgeRefused(
                f"Fall {case_id} ist nicht abgeschlossen und wird nicht gelöscht.",
                f"Case {case_id} is not closed and is not purged.",
            )
        current = policy(db) if callable(policy) else policy
        if current is not None and not _due_rows(db, current, today or date.today(), case_id):
            raise PurgeRefused(
                f"Fall {case_id} ist (nicht mehr) zur Löschung fällig.",
                f"Case {case_id} is not (or no longer) due for deletion.",
            )
        counts = _purge(db, case_id)
        append_audit(
            db,
            "purged",
            case_id=case_id,
            detail=f"status={row[0]} by={actor} "
            + " ".join(f"{kind}={number}" for kind, number in counts.items()),
        )
    return counts


def _ids(db: Database, sql: str, params: tuple) -> list[int]:
    return [r[0] for r in db.execute(sql, params) if r[0] is not None]


def _marks(values: list) -> str:
    return ", ".join("?" for _ in values)


def _purge(db: Database, case_id: int) -> dict[str, int]:
    # imported here: only a purge needs it, and the desktop's start-up does not
    from ab_inbox.store.messages import NO_APPLICANT_SORT, put_blob

    now = utc_now()
    message_ids = _ids(db, "SELECT id FROM messages WHERE case_id = ?", (case_id,))
    m_in = _marks(message_ids)
    empty_blob = put_blob(db, b"")
    blob_ids: set[int] = set()
    counts = {"messages": 0, "attachments": 0, "findings": 0, "notes": 0, "replies": 0}
    if message_ids:
        blob_ids.update(
            _ids(db, f"SELECT blob_id FROM messages WHERE id IN ({m_in})", tuple(message_ids))
        )
        blob_ids.update(
            _ids(
                db,
                f"SELECT blob_id FROM attachments WHERE message_id IN ({m_in})",
                tuple(message_ids),
            )
        )
        counts["attachments"] = db.execute(
            f"DELETE FROM attachments WHERE message_id IN ({m_in})", message_ids
        ).rowcount
        counts["findings"] = db.execute(
            f"UPDATE findings SET text_de = '', text_en = '' WHERE message_id IN ({m_in})"
            " AND (text_de != '' OR text_en != '')",
            message_ids,
        ).rowcount
        db.execute(f"DELETE FROM message_search WHERE rowid IN ({m_in})", message_ids)
        counts["messages"] = db.execute(
            "UPDATE messages SET blob_id = ?, record_json = ?, applicant_name = NULL,"
            f" source_name = NULL, attachments = 0, purged_at = ? WHERE id IN ({m_in})"
            " AND purged_at IS NULL",
            (empty_blob, PURGED_RECORD, now, *message_ids),
        ).rowcount
    reply_blobs = _ids(db, "SELECT blob_id FROM replies WHERE case_id = ?", (case_id,))
    blob_ids.update(reply_blobs)
    counts["replies"] = db.execute(
        "UPDATE replies SET blob_id = ? WHERE case_id = ? AND blob_id != ?",
        (empty_blob, case_id, empty_blob),
    ).rowcount
    _strip_exports(db, case_id)
    counts["notes"] = db.execute("DELETE FROM case_notes WHERE case_id = ?", (case_id,)).rowcount
    db.execute("UPDATE status_history SET note = NULL WHERE case_id = ?", (case_id,))
    db.execute(
        "UPDATE cases SET applicant_name = NULL, applicant_sort = ?, nationality = NULL,"
        " reason = NULL, attachments = 0, purged_at = ?, version = version + 1 WHERE id = ?",
        (NO_APPLICANT_SORT, now, case_id),
    )
    blob_ids.discard(empty_blob)
    counts["blobs"] = delete_unreferenced(db, blob_ids)
    return counts


def _strip_exports(db: Database, case_id: int) -> None:
    """Receipts keep what proves the hand-over (SHA-256, sizes, uuids), not the file names
    (the structured export names attachments after the applicant's files)."""
    rows = db.execute("SELECT id, receipt FROM exports WHERE case_id = ?", (case_id,)).fetchall()
    for export_id, receipt_text in rows:
        receipt = json.loads(receipt_text)
        receipt["files"] = [
            {"sha256": f.get("sha256"), "size": f.get("size")} for f in receipt.get("files", [])
        ]
        receipt["purged"] = True
        db.execute(
            "UPDATE exports SET receipt = ?, override_reason = NULL WHERE id = ?",
            (json.dumps(receipt, ensure_ascii=False, sort_keys=True), export_id),
        )


def delete_unreferenced(db: Database, blob_ids: set[int]) -> int:
    deleted = 0
    for blob_id in sorted(blob_ids):
        in_use = db.execute(
            "SELECT EXISTS (SELECT 1 FROM messages WHERE blob_id = :b)"
            " OR EXISTS (SELECT 1 FROM attachments WHERE blob_id = :b)"
            " OR EXISTS (SELECT 1 FROM replies WHERE blob_id = :b)"
            " OR EXISTS (SELECT 1 FROM quarantine WHERE blob_id = :b)",
            {"b": blob_id},
        ).fetchone()[0]
        if not in_use:
            deleted += db.execute("DELETE FROM blobs WHERE id = ?", (blob_id,)).rowcount
    return deleted


def compact_search_index(db: Database) -> None:
    """Merge the FTS segments, so deleted terms are dropped from the index, not only marked."""
    with write_transaction(db):
        db.execute("INSERT INTO message_search (message_search) VALUES ('optimize')")


def checkpoint(db: Database) -> bool:
    """Copy the WAL into the database and truncate it; False if readers kept it from finishing
    (the next automatic checkpoint then completes it)."""
    busy, _log, _done = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return busy == 0
