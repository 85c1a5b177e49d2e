"""Retention for input that never became part of a case: quarantined bytes and document
packets whose message never arrived.

Both may hold personal data (a malformed application is still an application; a packet is a
ZIP of passports), yet no case status ever ends them, so the case rules of retention.py never
reach them. They are kept for `days` after they arrived (0: for ever) so someone can look into
them, then their bytes go: a quarantine entry keeps its reason, size, SHA-256 and times; a
packet message is emptied like a purged case's message and its delivery is marked failed, so a
message arriving after that learns its documents are gone instead of waiting for them.
"""

from __future__ import annotations

from datetime import date, timedelta

from ab_inbox.store.audit import append_audit, utc_now
from ab_inbox.store.connection import write_transaction
from ab_inbox.store.database import Database
from ab_inbox.store.retention import PURGED_RECORD, delete_unreferenced

_PACKETS = (
    "SELECT m.id, m.blob_id FROM messages m WHERE m.case_id IS NULL AND m.purged_at IS NULL"
    " AND m.family = 'Administration' AND m.received_at < ?"
)
_QUARANTINE = "SELECT id, blob_id FROM quarantine WHERE blob_id IS NOT NULL AND received_at < ?"


def _cutoff(days: int, today: date) -> str:
    return (today - timedelta(days=days)).isoformat()


def stray_due(db: Database, days: int, today: date) -> dict[str, list[int]]:
    """Ids of what is due: {"packets": message ids, "quarantine": quarantine ids}."""
    if days <= 0:
        return {"packets": [], "quarantine": []}
    cutoff = _cutoff(days, today)
    return {
        "packets": [r[0] for r in db.execute(_PACKETS, (cutoff,))],
        "quarantine": [r[0] for r in db.execute(_QUARANTINE, (cutoff,))],
    }


def purge_stray(db: Database, days: int, today: date) -> dict[str, int]:
    """Remove the bytes of what is due, in one transaction, with one audit entry."""
    # imported here: only a purge needs it, and the desktop's start-up does not
    from ab_inbox.store.messages import put_blob

    counts = {"packets": 0, "quarantine": 0, "blobs": 0}
    if days <= 0:
        return counts
    cutoff, now = _cutoff(days, today), utc_now()
    with write_transaction(db):
        packets = db.execute(_PACKETS, (cutoff,)).fetchall()
        entries = db.execute(_QUARANTINE, (cutoff,)).fetchall()
        if not packets and not entries:
            return counts
        empty_blob = put_blob(db, b"")
        blob_ids = {blob for _, blob in packets + entries if blob is not None}
        for message_id, _ in packets:
            db.execute("DELETE FROM message_search WHERE rowid = ?", (message_id,))
            db.execute(
                "UPDATE findings SET text_de = '', text_en = '' WHERE message_id = ?",
                (message_id,),
            )
            db.execute(
                "UPDATE messages SET blob_id = ?, record_json = ?, source_name = NULL,"
                " purged_at = ? WHERE id = ?",
                (empty_blob, PURGED_RECORD, now, message_id),
            )
            db.execute(
                "UPDATE deliveries SET state = 'failed', reason_code = 'expired', text_de = ?,"
                " text_en = ?, updated_at = ? WHERE state = 'waiting' AND id IN"
                " (SELECT delivery_id FROM packets WHERE message_id = ?)",
                (
                    "Die Pakete dieser Lieferung wurden nach Ablauf der Aufbewahrungsfrist "
                    "gelöscht, bevor die Nachricht eintraf.",
                    "The packets of this delivery were deleted when their retention ended, "
                    "before the message arrived.",
                    now,
                    message_id,
                ),
            )
        for entry_id, _ in entries:
            db.execute("UPDATE quarantine SET blob_id = NULL WHERE id = ?", (entry_id,))
        blob_ids.discard(empty_blob)
        counts["packets"], counts["quarantine"] = len(packets), len(entries)
        counts["blobs"] = delete_unreferenced(db, blob_ids)
        append_audit(
            db,
            "purged",
            detail="stray " + " ".join(f"{kind}={number}" for kind, number in counts.items()),
        )
    return counts
