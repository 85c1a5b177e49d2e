"""Replies sent through the back channel: one row per outbound message, its bytes as a blob.

A row is written only after the message file is in the outbox, in the same transaction as the
audit entry, so every recorded reply was handed over. `answers_message_id` is the stored
message the reply answers (its nachrichtenUUID is the reply's ausloeserUUID).
"""

from __future__ import annotations

import hashlib

from ab_inbox.store.database import Database
from ab_inbox.store.messages import put_blob

REPLY_COLUMNS = (
    "id, case_id, answers_message_id, type_code, nachrichten_uuid, sha256, outbox_path,"
    " sent_at, sent_by"
)


def insert_reply(
    db: Database,
    *,
    case_id: int,
    answers_message_id: int | None,
    type_code: str,
    nachrichten_uuid: str,
    data: bytes,
    outbox_path: str,
    sent_at: str,
    sent_by: str,
) -> int:
    """Store the reply's bytes and its row (call inside a write transaction); returns its id."""
    digest = hashlib.sha256(data).hexdigest()
    blob_id = put_blob(db, data, digest)
    cursor = db.execute(
        "INSERT INTO replies (case_id, answers_message_id, type_code, nachrichten_uuid, sha256,"
        " blob_id, outbox_path, sent_at, sent_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            case_id,
            answers_message_id,
            type_code,
            nachrichten_uuid,
            digest,
            blob_id,
            outbox_path,
            sent_at,
            sent_by,
        ),
    )
    return cursor.lastrowid


def list_replies(db: Database, case_id: int) -> list[dict]:
    """The replies of a case, oldest first (for the case history)."""
    return list(
        db.query(
            f"SELECT {REPLY_COLUMNS} FROM replies WHERE case_id = ? ORDER BY sent_at, id",
            [case_id],
        )
    )


def reply_bytes(db: Database, reply_id: int) -> bytes | None:
    """The message exactly as it was written to the outbox."""
    row = db.execute(
        "SELECT b.data FROM replies r JOIN blobs b ON b.id = r.blob_id WHERE r.id = ?",
        (reply_id,),
    ).fetchone()
    return row[0] if row else None


def message_case_id(db: Database, message_id: int) -> int | None:
    """The case a stored message belongs to (None: no such message, or not in a case)."""
    row = db.execute("SELECT case_id FROM messages WHERE id = ?", (message_id,)).fetchone()
    return row[0] if row else None


def latest_case_message(db: Database, case_id: int, type_codes: tuple[str, ...]) -> int | None:
    """The newest message of the case of one of these types (None if there is none)."""
    if not type_codes:
        return None
    marks = ", ".join("?" for _ in type_codes)
    row = db.execute(
        f"SELECT id FROM messages WHERE case_id = ? AND type_code IN ({marks})"
        " ORDER BY received_at DESC, id DESC LIMIT 1",
        (case_id, *type_codes),
    ).fetchone()
    return row[0] if row else None
