"""Packaged document deliveries in the store: packet messages, deliveries, filled documents.

Packets are rows in `messages` (family "Administration", type 000040) like every other message:
their raw bytes are a blob, duplicates are caught by the same sha256/nachrichtenUUID indexes,
they show up in the case history, leave with the case in an export and are purged with it. What
sets them apart is that they never create a case: a packet joins the case of the message it
delivers documents for, or waits with no case until that message arrives (`adopt_packets`).
Hence `insert_packet_message` instead of `messages.insert_message`.

Beside them, `deliveries` holds one row per delivery, keyed by the delivered message's
nachrichtenUUID (state waiting | complete | failed, with the reason in German and English), and
`packets` one row per packet: its number and where its part of the ZIP lies, as the span of the
base64 text inside the packet's own bytes, so the part is not stored twice. How deliveries
stand (the warning the case view shows) is read in `delivery_status`.

All writes run inside the caller's write transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ab_inbox.store.audit import append_audit
from ab_inbox.store.database import Database

# store.messages is imported inside the functions that write: only ingest needs it, and the
# desktop's start-up (which reads WAITING through delivery_status) does not.
if TYPE_CHECKING:
    from ab_inbox.store.messages import AttachmentRow, MessageRow

WAITING, COMPLETE, FAILED = "waiting", "complete", "failed"


def insert_packet_message(
    db: Database, msg: MessageRow, received_at: str, case_id: int | None
) -> int:
    """Store a packet message with its findings, in the given case or in none."""
    from ab_inbox.store.messages import add_findings, audit_received, insert_message_row

    message_id = insert_message_row(db, msg, received_at, case_id=case_id)
    add_findings(db, message_id, msg.findings)
    if case_id is not None:
        _touch_case(db, case_id, received_at)
    audit_received(db, msg, message_id, case_id, received_at)
    return message_id


def _touch_case(db: Database, case_id: int, now: str, attachments: int = 0) -> None:
    # Packets leave with the case in an export, so an invalid one makes the case invalid too.
    db.execute(
        "UPDATE cases SET attachments = attachments + ?, updated_at = ?, version = version + 1,"
        " validation = CASE WHEN EXISTS (SELECT 1 FROM messages m WHERE m.case_id = cases.id"
        " AND m.validation = 'invalid') THEN 'invalid' ELSE validation END WHERE id = ?",
        (attachments, now, case_id),
    )


def message_by_uuid(db: Database, nachrichten_uuid: str) -> tuple[int, int | None] | None:
    """(message id, case id) of a stored message."""
    row = db.execute(
        "SELECT id, case_id FROM messages WHERE nachrichten_uuid = ?", (nachrichten_uuid,)
    ).fetchone()
    return (row[0], row[1]) if row else None


def delivery(db: Database, fachnachricht_uuid: str) -> dict | None:
    rows = list(
        db.query("SELECT * FROM deliveries WHERE fachnachricht_uuid = ?", [fachnachricht_uuid])
    )
    return rows[0] if rows else None


def delivery_by_id(db: Database, delivery_id: int) -> dict:
    return next(db.query("SELECT * FROM deliveries WHERE id = ?", [delivery_id]))


def ensure_delivery(db: Database, fachnachricht_uuid: str, now: str) -> dict:
    """The delivery for a message UUID, created (waiting) on first mention."""
    db.execute(
        "INSERT OR IGNORE INTO deliveries (fachnachricht_uuid, state, first_seen_at, updated_at)"
        " VALUES (?, ?, ?, ?)",
        (fachnachricht_uuid, WAITING, now, now),
    )
    return delivery(db, fachnachricht_uuid)


def announce(
    db: Database,
    delivery_id: int,
    *,
    message_id: int,
    case_id: int | None,
    expected_packets: int | None,
    archivgroesse: int | None,
    now: str,
) -> None:
    """The delivered message has arrived: what it announces, and the case the packets join."""
    db.execute(
        "UPDATE deliveries SET message_id = ?, case_id = ?, expected_packets = ?,"
        " archivgroesse = ?, updated_at = ? WHERE id = ?",
        (message_id, case_id, expected_packets, archivgroesse, now, delivery_id),
    )
    if case_id is not None:
        adopted = db.execute(
            "UPDATE messages SET case_id = ? WHERE case_id IS NULL AND id IN"
            " (SELECT message_id FROM packets WHERE delivery_id = ?)",
            (case_id, delivery_id),
        ).rowcount
        if adopted:
            _touch_case(db, case_id, now)


def add_packet(
    db: Database,
    *,
    delivery_id: int,
    message_id: int,
    paketnummer: int,
    part_sha256: str,
    part_size: int,
    span: tuple[int, int] | None,
    received_at: str,
) -> None:
    offset, length = span if span is not None else (None, None)
    db.execute(
        "INSERT INTO packets (message_id, delivery_id, paketnummer, part_sha256, part_size,"
        " span_offset, span_length, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (message_id, delivery_id, paketnummer, part_sha256, part_size, offset, length, received_at),
    )
    db.execute("UPDATE deliveries SET updated_at = ? WHERE id = ?", (received_at, delivery_id))


def packets_of(db: Database, delivery_id: int) -> list[dict]:
    """The delivery's packets, by number, then by arrival."""
    return list(
        db.query(
            "SELECT p.id, p.message_id, p.paketnummer, p.part_sha256, p.part_size,"
            " p.span_offset, p.span_length, p.received_at FROM packets p"
            " WHERE p.delivery_id = ? ORDER BY p.paketnummer, p.id",
            [delivery_id],
        )
    )


def part_text(db: Database, packet: dict) -> bytes | None:
    """The base64 text of a packet's part, read from its span in the packet's bytes."""
    if packet["span_offset"] is None:
        return None
    row = db.execute(
        "SELECT substr(b.data, ?, ?) FROM messages m JOIN blobs b ON b.id = m.blob_id"
        " WHERE m.id = ?",
        (packet["span_offset"] + 1, packet["span_length"], packet["message_id"]),
    ).fetchone()
    return row[0] if row else None


def finish(
    db: Database,
    delivery_id: int,
    state: str,
    now: str,
    *,
    reason_code: str | None = None,
    text_de: str | None = None,
    text_en: str | None = None,
    documents: int = 0,
) -> None:
    db.execute(
        "UPDATE deliveries SET state = ?, reason_code = ?, text_de = ?, text_en = ?,"
        " documents = ?, completed_at = ?, updated_at = ? WHERE id = ?",
        (state, reason_code, text_de, text_en, documents, now, now, delivery_id),
    )


def awaited_attachments(db: Database, message_id: int) -> list[dict]:
    return list(
        db.query(
            "SELECT position, declared_code, declared_label, file_name, label, dokumentuuid,"
            " element_path FROM attachments WHERE message_id = ? AND state = 'awaited'"
            " AND dokumentuuid IS NOT NULL ORDER BY position",
            [message_id],
        )
    )


def fill_attachments(
    db: Database, message_id: int, case_id: int | None, rows: list[AttachmentRow], now: str
) -> None:
    """Awaited documents that arrived: their bytes (if allowed), real type and state."""
    from ab_inbox.store.messages import put_blob

    for att in rows:
        blob_id = put_blob(db, att.content, att.sha256) if att.content is not None else None
        db.execute(
            "UPDATE attachments SET state = ?, blob_id = ?, sha256 = ?, size = ?, mime = ?"
            " WHERE message_id = ? AND position = ? AND state = 'awaited'",
            (att.state, blob_id, att.sha256, att.size, att.mime, message_id, att.position),
        )
    db.execute(
        "UPDATE messages SET attachments = attachments + ? WHERE id = ?", (len(rows), message_id)
    )
    if case_id is not None:
        _touch_case(db, case_id, now, attachments=len(rows))


def mark_invalid(db: Database, message_id: int) -> None:
    """A delivered document broke a rule: the message, and the case it belongs to, are invalid.

    The message may be a follow-up, so its case is found by case_id, not as the application.
    """
    db.execute("UPDATE messages SET validation = 'invalid' WHERE id = ?", (message_id,))
    db.execute(
        "UPDATE cases SET validation = 'invalid', version = version + 1"
        " WHERE id = (SELECT case_id FROM messages WHERE id = ?) AND validation IS NOT 'invalid'",
        (message_id,),
    )


def audit(db: Database, action: str, row: dict, detail: str, now: str) -> None:
    append_audit(
        db, action, case_id=row["case_id"], message_id=row["message_id"], detail=detail, at=now
    )
