"""Writing received messages into the store: blobs, message, case, attachments, findings, index.

All functions here run inside the caller's write transaction, so one message is stored entirely
or not at all. The store knows nothing about XML: the ingest layer hands over plain rows.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ab_inbox.store import deadlines, distribution
from ab_inbox.store.audit import append_audit
from ab_inbox.store.database import Database

NO_APPLICANT_SORT = "\uffff"  # a case without a named applicant sorts after every name
# A case is invalid once any of its messages is: export and "ready" read only the case's
# value, so a message joining a case may make it invalid but never valid again.
JOIN_VALIDATION = "validation = CASE WHEN ? = 'invalid' THEN 'invalid' ELSE validation END"


@dataclass
class AttachmentRow:
    position: int
    state: str  # stored | awaited | blocked
    content: bytes | None = None
    mime: str | None = None
    declared_code: str | None = None
    declared_label: str | None = None
    file_name: str | None = None
    label: str | None = None
    dokumentuuid: str | None = None
    element_path: str | None = None
    sha256: str | None = None  # of content, when stored
    # Where the base64 text of this document sits in the original message bytes: the content
    # is then read from there instead of being stored a second time.
    span_offset: int | None = None
    span_length: int | None = None


@dataclass
class FindingRow:
    severity: str
    rule: str
    text_de: str
    text_en: str
    path: str | None = None
    line: int | None = None


@dataclass
class MessageRow:
    raw: bytes
    sha256: str
    validation: str  # valid | invalid
    record_json: str
    nachrichten_uuid: str | None = None
    family: str | None = None
    type_code: str | None = None
    type_name: str | None = None
    version: str | None = None
    erstellungszeitpunkt: str | None = None
    transport: str | None = None
    source_name: str | None = None
    transport_id: str | None = None  # e.g. the XTA message id
    sender_id: str | None = None  # the transport's sender identifier
    author_kennung: str | None = None
    reader_kennung: str | None = None
    antragsidentifikation: str | None = None
    is_application: bool = True
    applicant_name: str | None = None
    applicant_sort: str | None = None
    nationality: str | None = None
    reason: str | None = None
    search_names: str = ""
    search_labels: str = ""
    findings: list[FindingRow] = field(default_factory=list)
    attachments: list[AttachmentRow] = field(default_factory=list)


@dataclass(frozen=True)
class Duplicate:
    message_id: int
    case_id: int | None
    same_bytes: bool


def put_blob(db: Database, data: bytes, sha256: str | None = None) -> int:
    """Content-addressed: the same bytes are stored once, whoever refers to them."""
    digest = sha256 or hashlib.sha256(data).hexdigest()
    db.execute(
        "INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?, ?, ?)",
        (digest, len(data), data),
    )
    return db.execute("SELECT id FROM blobs WHERE sha256 = ?", (digest,)).fetchone()[0]


def find_duplicate(db: Database, sha256: str, nachrichten_uuid: str | None) -> Duplicate | None:
    row = db.execute("SELECT id, case_id FROM messages WHERE sha256 = ?", (sha256,)).fetchone()
    if row:
        return Duplicate(row[0], row[1], same_bytes=True)
    if nachrichten_uuid:
        row = db.execute(
            "SELECT id, case_id FROM messages WHERE nachrichten_uuid = ?", (nachrichten_uuid,)
        ).fetchone()
        if row:
            return Duplicate(row[0], row[1], same_bytes=False)
    return None


def _case_for(db: Database, msg: MessageRow, message_id: int, now: str) -> int:
    """One case per application: follow-ups join the case of their antragsidentifikation."""
    existing = None
    if msg.antragsidentifikation:
        existing = db.execute(
            "SELECT id, application_message_id FROM cases WHERE antragsidentifikation = ?",
            (msg.antragsidentifikation,),
        ).fetchone()
    case_fields = {
        "validation": msg.validation,
        "type_code": msg.type_code,
        "applicant_name": msg.applicant_name,
        "applicant_sort": msg.applicant_sort or NO_APPLICANT_SORT,
        "nationality": msg.nationality,
        "reason": msg.reason,
        "attachments": len([a for a in msg.attachments if a.state != "awaited"]),
    }
    if existing is None:
        cursor = db.execute(
            "INSERT INTO cases (antragsidentifikation, application_message_id, status, validation,"
            " type_code, applicant_name, applicant_sort, nationality, reason, received_at,"
            " updated_at, attachments, version) VALUES (?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
            (
                msg.antragsidentifikation,
                message_id if msg.is_application else None,
                case_fields["validation"],
                case_fields["type_code"],
                case_fields["applicant_name"],
                case_fields["applicant_sort"],
                case_fields["nationality"],
                case_fields["reason"],
                now,
                now,
                case_fields["attachments"],
            ),
        )
        case_id = cursor.lastrowid
        db.execute(
            "INSERT INTO status_history (case_id, at, actor, from_status, to_status, note)"
            " VALUES (?, ?, 'system', NULL, 'new', 'eingegangen')",
            (case_id, now),
        )
        if msg.is_application:
            _plan_new_case(db, case_id, msg, now)
        return case_id
    case_id, application_id = existing
    if msg.is_application and application_id is None:
        # The application arrived after a follow-up: it now describes the case, but does not
        # make valid what an invalid follow-up made invalid.
        db.execute(
            f"UPDATE cases SET application_message_id = ?, {JOIN_VALIDATION}, type_code = ?,"
            " applicant_name = ?, applicant_sort = ?, nationality = ?, reason = ?,"
            " attachments = attachments + ?, updated_at = ?, version = version + 1 WHERE id = ?",
            (
                message_id,
                case_fields["validation"],
                case_fields["type_code"],
                case_fields["applicant_name"],
                case_fields["applicant_sort"],
                case_fields["nationality"],
                case_fields["reason"],
                case_fields["attachments"],
                now,
                case_id,
            ),
        )
        _plan_new_case(db, case_id, msg, now)
    else:
        db.execute(
            f"UPDATE cases SET attachments = attachments + ?, {JOIN_VALIDATION},"
            " updated_at = ?, version = version + 1 WHERE id = ?",
            (case_fields["attachments"], case_fields["validation"], now, case_id),
        )
    return case_id


def _plan_new_case(db: Database, case_id: int, msg: MessageRow, received_at: str) -> None:
    """Due time from the type's target; assignee from the distribution rules (if none yet)."""
    due = deadlines.due_at(received_at, deadlines.days_for(db, msg.type_code))
    db.execute("UPDATE cases SET due_at = ? WHERE id = ?", (due, case_id))
    found = distribution.assignee_for(db, msg.applicant_name, msg.type_code)
    if found is not None:
        assignee, rule_id = found
        if db.execute(
            "UPDATE cases SET assignee = ? WHERE id = ? AND assignee IS NULL", (assignee, case_id)
        ).rowcount:
            append_audit(
                db,
                "assigned",
                case_id=case_id,
                detail=f"to={assignee} rule={rule_id}",
                at=received_at,
            )


def _index_for_search(db: Database, msg: MessageRow, message_id: int, case_id: int):
    """Follow-ups name no person; they are found by the names of their case's application."""
    names = msg.search_names
    if not names and not msg.is_application:
        row = db.execute(
            "SELECT s.names FROM cases c JOIN message_search s"
            " ON s.rowid = c.application_message_id WHERE c.id = ?",
            (case_id,),
        ).fetchone()
        names = row[0] if row else ""
    db.execute(
        "INSERT INTO message_search (rowid, names, antragsidentifikation, labels)"
        " VALUES (?, ?, ?, ?)",
        (message_id, names, msg.antragsidentifikation or "", msg.search_labels),
    )
    if msg.is_application and names:  # an application arriving after its follow-ups
        others = db.execute(
            "SELECT id FROM messages WHERE case_id = ? AND id != ?", (case_id, message_id)
        ).fetchall()
        for (other,) in others:  # by rowid: a condition on an FTS column would scan it all
            row = db.execute("SELECT names FROM message_search WHERE rowid = ?", (other,))
            if (row.fetchone() or ("x",))[0] == "":
                db.execute("UPDATE message_search SET names = ? WHERE rowid = ?", (names, other))


def insert_message_row(
    db: Database,
    msg: MessageRow,
    received_at: str,
    *,
    case_id: int | None = None,
    attachments: int = 0,
) -> int:
    """The `messages` row with the bytes as a blob; returns the message id. Shared by
    insert_message and the packet messages of store.packets (which never create a case)."""
    blob_id = put_blob(db, msg.raw, msg.sha256)
    cursor = db.execute(
        "INSERT INTO messages (case_id, nachrichten_uuid, sha256, blob_id, size, family,"
        " type_code, type_name, version, erstellungszeitpunkt, received_at, transport,"
        " source_name, validation, author_kennung, reader_kennung, antragsidentifikation,"
        " applicant_name, attachments, record_json, transport_id, sender_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            case_id,
            msg.nachrichten_uuid,
            msg.sha256,
            blob_id,
            len(msg.raw),
            msg.family,
            msg.type_code,
            msg.type_name,
            msg.version,
            msg.erstellungszeitpunkt,
            received_at,
            msg.transport,
            msg.source_name,
            msg.validation,
            msg.author_kennung,
            msg.reader_kennung,
            msg.antragsidentifikation,
            msg.applicant_name,
            attachments,
            msg.record_json,
            msg.transport_id,
            msg.sender_id,
        ),
    )
    return cursor.lastrowid


def add_findings(db: Database, message_id: int, findings: list[FindingRow]) -> None:
    if findings:
        db.conn.executemany(
            "INSERT INTO findings (message_id, severity, rule, path, line, text_de, text_en)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (message_id, f.severity, f.rule, f.path, f.line, f.text_de, f.text_en)
                for f in findings
            ],
        )


def insert_message(db: Database, msg: MessageRow, received_at: str) -> tuple[int, int]:
    """Store one message with everything that belongs to it; returns (message_id, case_id)."""
    stored_attachments = [a for a in msg.attachments if a.state != "awaited"]
    message_id = insert_message_row(db, msg, received_at, attachments=len(stored_attachments))
    case_id = _case_for(db, msg, message_id, received_at)
    db.execute("UPDATE messages SET case_id = ? WHERE id = ?", (case_id, message_id))
    for att in msg.attachments:
        digest = att_blob = None
        if att.content is not None:
            digest = att.sha256 or hashlib.sha256(att.content).hexdigest()
            if att.span_offset is None:
                att_blob = put_blob(db, att.content, digest)
        db.execute(
            "INSERT INTO attachments (message_id, position, state, blob_id, sha256, size, mime,"
            " declared_code, declared_label, file_name, label, dokumentuuid, element_path,"
            " span_offset, span_length) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                message_id,
                att.position,
                att.state,
                att_blob,
                digest,
                len(att.content) if att.content is not None else None,
                att.mime,
                att.declared_code,
                att.declared_label,
                att.file_name,
                att.label,
                att.dokumentuuid,
                att.element_path,
                att.span_offset,
                att.span_length,
            ),
        )
    add_findings(db, message_id, msg.findings)
    _index_for_search(db, msg, message_id, case_id)
    audit_received(db, msg, message_id, case_id, received_at)
    return message_id, case_id


def audit_received(
    db: Database, msg: MessageRow, message_id: int, case_id: int | None, received_at: str
) -> None:
    """The audit entry of a stored message (applications and packets alike)."""
    append_audit(
        db,
        "message_received",
        case_id=case_id,
        message_id=message_id,
        detail=f"type={msg.type_code} validation={msg.validation} findings={len(msg.findings)}",
        at=received_at,
    )


def insert_quarantine(
    db: Database,
    *,
    raw: bytes | None,
    sha256: str,
    size: int,
    reason_code: str,
    text_de: str,
    text_en: str,
    source_name: str | None,
    transport: str | None,
    stored_as: str | None,
    received_at: str,
    transport_id: str | None = None,
) -> int:
    """Record input that cannot be a message; its bytes are kept (within the size cap)."""
    blob_id = put_blob(db, raw, sha256) if raw is not None else None
    cursor = db.execute(
        "INSERT INTO quarantine (received_at, transport, source_name, sha256, size, blob_id,"
        " reason_code, text_de, text_en, stored_as, transport_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            received_at,
            transport,
            source_name,
            sha256,
            size,
            blob_id,
            reason_code,
            text_de,
            text_en,
            stored_as,
            transport_id,
        ),
    )
    append_audit(
        db,
        "input_quarantined",
        detail=f"quarantine={cursor.lastrowid} reason={reason_code}",
        at=received_at,
    )
    return cursor.lastrowid
