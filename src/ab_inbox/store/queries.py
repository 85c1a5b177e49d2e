"""Reading the store: message lists (filtered, searched, sorted in SQL), one message, its bytes."""

from __future__ import annotations

import binascii
import json

from ab_inbox.store.connection import StoreError
from ab_inbox.store.database import Database
from ab_inbox.store.search_text import fts_query

_LIST_COLUMNS = """
    m.id, m.case_id, m.nachrichten_uuid, m.type_code, m.type_name, c.status, m.validation,
    COALESCE(m.applicant_name, c.applicant_name) AS applicant_name, m.antragsidentifikation,
    m.received_at, m.attachments, m.erstellungszeitpunkt, m.source_name
"""
_SORTS = {
    "received": "m.received_at DESC, m.id DESC",
    "received_asc": "m.received_at ASC, m.id ASC",
    "name": "c.applicant_sort ASC, m.id ASC",
    "id": "m.id ASC",
}


def list_messages(
    db: Database,
    *,
    status: str | None = None,
    validation: str | None = None,
    search: str | None = None,
    sort: str = "id",
    limit: int | None = None,
) -> list[dict]:
    where, params = [], []
    if status:
        where.append("c.status = ?")
        params.append(status)
    if validation:
        where.append("m.validation = ?")
        params.append(validation)
    if search is not None:
        match = fts_query(search)
        if match is None:
            return []
        where.append("m.id IN (SELECT rowid FROM message_search WHERE message_search MATCH ?)")
        params.append(match)
    sql = f"SELECT {_LIST_COLUMNS} FROM messages m LEFT JOIN cases c ON c.id = m.case_id"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY " + _SORTS.get(sort, _SORTS["id"])
    if limit:
        sql += f" LIMIT {int(limit)}"
    return list(db.query(sql, params))


def get_message(db: Database, message_id: int) -> dict | None:
    rows = list(
        db.query(
            f"SELECT {_LIST_COLUMNS}, m.sha256, m.size, m.version, m.family, m.author_kennung,"
            " m.reader_kennung, m.transport, m.record_json FROM messages m"
            " LEFT JOIN cases c ON c.id = m.case_id WHERE m.id = ?",
            [message_id],
        )
    )
    if not rows:
        return None
    row = rows[0]
    row["record"] = json.loads(row.pop("record_json"))
    row["findings"] = list(
        db.query(
            "SELECT severity, rule, path, line, text_de, text_en FROM findings"
            " WHERE message_id = ? ORDER BY id",
            [message_id],
        )
    )
    row["attachments"] = list(
        db.query(
            "SELECT position, state, file_name, label, mime, size, sha256, declared_code,"
            " declared_label, dokumentuuid FROM attachments WHERE message_id = ?"
            " ORDER BY position",
            [message_id],
        )
    )
    row["case_messages"] = list(
        db.query(
            "SELECT id, type_code, type_name, received_at, validation FROM messages"
            " WHERE case_id = ? ORDER BY received_at, id",
            [row["case_id"]],
        )
    )
    return row


def message_bytes(db: Database, message_id: int) -> bytes | None:
    row = db.execute(
        "SELECT b.data FROM messages m JOIN blobs b ON b.id = m.blob_id WHERE m.id = ?",
        (message_id,),
    ).fetchone()
    return row[0] if row else None


def attachment_bytes(db: Database, message_id: int, position: int) -> dict | None:
    """An attachment's row with its bytes in `data` (None when not stored).

    Embedded documents are read from their span in the original message and decoded; the
    SHA-256 recorded at intake must match, so a damaged store is noticed, not shown.
    """
    import hashlib  # imported here: only opening a document needs it, not the desktop's start-up

    rows = list(
        db.query(
            "SELECT a.state, a.file_name, a.mime, a.size, a.sha256, a.blob_id, a.span_offset,"
            " a.span_length, m.blob_id AS message_blob FROM attachments a"
            " JOIN messages m ON m.id = a.message_id WHERE a.message_id = ? AND a.position = ?",
            [message_id, position],
        )
    )
    if not rows:
        return None
    row = rows[0]
    row["data"] = None
    if row["sha256"] is None:
        return row
    if row["blob_id"] is not None:
        row["data"] = db.execute(
            "SELECT data FROM blobs WHERE id = ?", (row["blob_id"],)
        ).fetchone()[0]
    elif row["span_offset"] is not None:
        encoded = db.execute(
            "SELECT substr(data, ?, ?) FROM blobs WHERE id = ?",
            (row["span_offset"] + 1, row["span_length"], row["message_blob"]),
        ).fetchone()[0]
        row["data"] = binascii.a2b_base64(b"".join(encoded.split()))
    if row["data"] is not None and hashlib.sha256(row["data"]).hexdigest() != row["sha256"]:
        raise StoreError(
            f"Anhang {position} von Nachricht {message_id} ist beschädigt (Prüfsumme falsch).",
            f"Attachment {position} of message {message_id} is damaged (checksum mismatch).",
        )
    return row


def list_quarantine(db: Database) -> list[dict]:
    return list(
        db.query(
            "SELECT id, received_at, source_name, sha256, size, reason_code, text_de, text_en,"
            " stored_as FROM quarantine ORDER BY id"
        )
    )


def counts(db: Database) -> dict:
    return {
        "messages": db.execute("SELECT count(*) FROM messages").fetchone()[0],
        "cases": db.execute("SELECT count(*) FROM cases").fetchone()[0],
        "invalid": db.execute(
            "SELECT count(*) FROM messages WHERE validation = 'invalid'"
        ).fetchone()[0],
        "quarantine": db.execute("SELECT count(*) FROM quarantine").fetchone()[0],
    }


def last_received_at(db: Database) -> str | None:
    return db.execute("SELECT max(received_at) FROM messages").fetchone()[0]
