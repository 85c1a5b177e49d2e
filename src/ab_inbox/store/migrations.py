"""The store's schema, as an ordered list of migrations tracked by PRAGMA user_version.

Each migration runs once, in its own transaction; a database from a newer AB-Inbox is refused
instead of being silently misread.
"""

from __future__ import annotations

from ab_inbox.store.connection import StoreError, write_transaction
from ab_inbox.store.database import Database


def _v1_initial(db: Database) -> None:
    db["blobs"].create(
        {"id": int, "sha256": str, "size": int, "data": bytes},
        pk="id",
        not_null={"sha256", "size", "data"},
    )
    db["blobs"].create_index(["sha256"], unique=True)
    db["cases"].create(
        {
            "id": int,
            "antragsidentifikation": str,
            "application_message_id": int,
            "status": str,
            "validation": str,
            "type_code": str,
            "applicant_name": str,
            "applicant_sort": str,
            "nationality": str,
            "reason": str,
            "received_at": str,
            "updated_at": str,
            "assignee": str,
            "follow_up_date": str,
            "attachments": int,
            "version": int,
        },
        pk="id",
        not_null={"status", "received_at", "updated_at", "version"},
        defaults={"status": "new", "version": 1, "attachments": 0},
    )
    db["cases"].create_index(["antragsidentifikation"], unique=True)
    db["cases"].create_index(["status", "received_at"])
    db["cases"].create_index(["received_at"])
    db["cases"].create_index(["applicant_sort"])
    db["messages"].create(
        {
            "id": int,
            "case_id": int,
            "nachrichten_uuid": str,
            "sha256": str,
            "blob_id": int,
            "size": int,
            "family": str,
            "type_code": str,
            "type_name": str,
            "version": str,
            "erstellungszeitpunkt": str,
            "received_at": str,
            "transport": str,
            "source_name": str,
            "validation": str,
            "author_kennung": str,
            "reader_kennung": str,
            "antragsidentifikation": str,
            "applicant_name": str,
            "attachments": int,
            "record_json": str,
        },
        pk="id",
        foreign_keys=[("case_id", "cases", "id"), ("blob_id", "blobs", "id")],
        not_null={"sha256", "blob_id", "received_at", "validation", "record_json"},
    )
    db["messages"].create_index(["nachrichten_uuid"], unique=True)
    db["messages"].create_index(["sha256"], unique=True)
    db["messages"].create_index(["case_id"])
    db["messages"].create_index(["received_at"])
    db["attachments"].create(
        {
            "id": int,
            "message_id": int,
            "position": int,
            "state": str,
            "blob_id": int,
            "sha256": str,
            "size": int,
            "mime": str,
            "declared_code": str,
            "declared_label": str,
            "file_name": str,
            "label": str,
            "dokumentuuid": str,
            "element_path": str,
            "span_offset": int,
            "span_length": int,
        },
        pk="id",
        foreign_keys=[("message_id", "messages", "id"), ("blob_id", "blobs", "id")],
        not_null={"message_id", "position", "state"},
    )
    db["attachments"].create_index(["message_id", "position"], unique=True)
    db["attachments"].create_index(["dokumentuuid"])
    db["findings"].create(
        {
            "id": int,
            "message_id": int,
            "severity": str,
            "rule": str,
            "path": str,
            "line": int,
            "text_de": str,
            "text_en": str,
        },
        pk="id",
        foreign_keys=[("message_id", "messages", "id")],
        not_null={"message_id", "severity", "rule", "text_de", "text_en"},
    )
    db["findings"].create_index(["message_id"])
    db["status_history"].create(
        {
            "id": int,
            "case_id": int,
            "at": str,
            "actor": str,
            "from_status": str,
            "to_status": str,
            "note": str,
        },
        pk="id",
        foreign_keys=[("case_id", "cases", "id")],
        not_null={"case_id", "at", "to_status"},
    )
    db["status_history"].create_index(["case_id"])
    db["quarantine"].create(
        {
            "id": int,
            "received_at": str,
            "transport": str,
            "source_name": str,
            "sha256": str,
            "size": int,
            "blob_id": int,
            "reason_code": str,
            "text_de": str,
            "text_en": str,
            "stored_as": str,
        },
        pk="id",
        foreign_keys=[("blob_id", "blobs", "id")],
        not_null={"received_at", "sha256", "size", "reason_code", "text_de", "text_en"},
    )
    db["quarantine"].create_index(["sha256"])
    db["audit"].create(
        {
            "id": int,
            "at": str,
            "os_user": str,
            "workstation": str,
            "action": str,
            "case_id": int,
            "message_id": int,
            "detail": str,
            "result": str,
        },
        pk="id",
        not_null={"at", "os_user", "workstation", "action", "result"},
    )
    db.execute(
        "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit "
        "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
    )
    db.execute(
        "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit "
        "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
    )
    # Folded text (see search_text.fold) in a standalone FTS5 table; rowid = messages.id.
    db.execute(
        "CREATE VIRTUAL TABLE message_search USING fts5("
        "names, antragsidentifikation, labels, tokenize = 'unicode61 remove_diacritics 2')"
    )


def _v2_casework(db: Database) -> None:
    """Notes on cases, saved searches, and indexes for sorting the queue by any column."""
    db["case_notes"].create(
        {"id": int, "case_id": int, "at": str, "author": str, "text": str},
        pk="id",
        foreign_keys=[("case_id", "cases", "id")],
        not_null={"case_id", "at", "author", "text"},
    )
    db["case_notes"].create_index(["case_id"])
    db["saved_searches"].create(
        {"id": int, "owner": str, "name": str, "view": str, "search": str, "created_at": str},
        pk="id",
        not_null={"owner", "name", "view", "created_at"},
    )
    db["saved_searches"].create_index(["owner", "name"], unique=True)
    for column in (
        "assignee",
        "follow_up_date",
        "type_code",
        "nationality",
        "reason",
        "validation",
        "attachments",
    ):
        db["cases"].create_index([column, "received_at"])
    db["messages"].create_index(["case_id", "received_at"])


def _v3_hand_off(db: Database) -> None:
    """Exports to the Fachverfahren and replies through the back channel, with receipts."""
    db["exports"].create(
        {
            "id": int,
            "case_id": int,
            "message_id": int,
            "exporter": str,
            "target": str,
            "receipt": str,  # JSON: files written, their sha256, manifest
            "override_reason": str,
            "exported_at": str,
            "exported_by": str,
        },
        pk="id",
        foreign_keys=[("case_id", "cases", "id"), ("message_id", "messages", "id")],
        not_null={
            "case_id",
            "message_id",
            "exporter",
            "target",
            "receipt",
            "exported_at",
            "exported_by",
        },
    )
    db["exports"].create_index(["case_id"])
    db["exports"].create_index(["message_id", "exporter", "target"], unique=True)
    db["replies"].create(
        {
            "id": int,
            "case_id": int,
            "answers_message_id": int,
            "type_code": str,
            "nachrichten_uuid": str,
            "sha256": str,
            "blob_id": int,
            "outbox_path": str,
            "sent_at": str,
            "sent_by": str,
        },
        pk="id",
        foreign_keys=[
            ("case_id", "cases", "id"),
            ("answers_message_id", "messages", "id"),
            ("blob_id", "blobs", "id"),
        ],
        not_null={
            "case_id",
            "type_code",
            "nachrichten_uuid",
            "sha256",
            "blob_id",
            "sent_at",
            "sent_by",
        },
    )
    db["replies"].create_index(["case_id"])
    db["replies"].create_index(["nachrichten_uuid"], unique=True)


def _v4_accountability(db: Database) -> None:
    """A hash chain over the audit log (tampering shows) and purge marks for retention."""
    db.execute("ALTER TABLE audit ADD COLUMN prev_hash TEXT")
    db.execute("ALTER TABLE audit ADD COLUMN hash TEXT")
    db.execute("ALTER TABLE cases ADD COLUMN purged_at TEXT")
    db.execute("ALTER TABLE messages ADD COLUMN purged_at TEXT")


def _v5_team(db: Database) -> None:
    """Users and roles, distribution rules, deadlines, and transport identifiers (XTA)."""
    db["users"].create(
        {
            "login": str,
            "display_name": str,
            "role": str,
            "active": int,
            "created_at": str,
            "created_by": str,
        },
        pk="login",
        not_null={"role", "active", "created_at"},
        defaults={"active": 1},
    )
    db["distribution_rules"].create(
        {
            "id": int,
            "assignee": str,
            "letters_from": str,
            "letters_to": str,
            "type_code": str,
            "created_at": str,
        },
        pk="id",
        not_null={"assignee", "created_at"},
    )
    db["deadline_targets"].create({"type_code": str, "days": int}, pk="type_code")
    db.execute("ALTER TABLE cases ADD COLUMN due_at TEXT")
    # Cases of an older store get the default target (30 days, store.deadlines) from their
    # receipt time, so "overdue" means the same for them as for new ones.
    db.execute("UPDATE cases SET due_at = strftime('%Y-%m-%dT%H:%M:%fZ', received_at, '+30 days')")
    db["cases"].create_index(["due_at"])
    db["cases"].create_index(["assignee", "status"])
    db.execute("ALTER TABLE messages ADD COLUMN transport_id TEXT")
    db.execute("ALTER TABLE messages ADD COLUMN sender_id TEXT")
    db["messages"].create_index(["transport", "transport_id"])
    db.execute("ALTER TABLE quarantine ADD COLUMN transport_id TEXT")
    db["quarantine"].create_index(["transport", "transport_id"])


def _v6_packets(db: Database) -> None:
    """Packaged document deliveries: one row per delivery, one per packet (see store.packets)."""
    db["deliveries"].create(
        {
            "id": int,
            "fachnachricht_uuid": str,  # nachrichtenUUID of the message whose documents come
            "message_id": int,  # that message, once it is stored
            "case_id": int,
            "expected_packets": int,  # anzahlDerPakete, once the message is stored
            "archivgroesse": int,
            "state": str,  # waiting | complete | failed
            "reason_code": str,
            "text_de": str,
            "text_en": str,
            "documents": int,  # documents filled from the archive
            "first_seen_at": str,
            "updated_at": str,
            "completed_at": str,
        },
        pk="id",
        foreign_keys=[("message_id", "messages", "id"), ("case_id", "cases", "id")],
        not_null={"fachnachricht_uuid", "state", "first_seen_at", "updated_at"},
        defaults={"state": "waiting", "documents": 0},
    )
    db["deliveries"].create_index(["fachnachricht_uuid"], unique=True)
    db["deliveries"].create_index(["case_id"])
    db["deliveries"].create_index(["state"])
    db["packets"].create(
        {
            "id": int,
            "message_id": int,  # the packet message (its raw bytes are the message's blob)
            "delivery_id": int,
            "paketnummer": int,
            "part_sha256": str,  # of the decoded part
            "part_size": int,
            "span_offset": int,  # where the part's base64 text lies in the message bytes
            "span_length": int,
            "received_at": str,
        },
        pk="id",
        foreign_keys=[("message_id", "messages", "id"), ("delivery_id", "deliveries", "id")],
        not_null={"message_id", "delivery_id", "paketnummer", "part_sha256", "part_size"},
    )
    db["packets"].create_index(["message_id"], unique=True)
    db["packets"].create_index(["delivery_id", "paketnummer"])


def _v7_blob_references(db: Database) -> None:
    """Indexes on every blob reference: purging asks for each blob whether anything still
    points at it (retention.delete_unreferenced), which otherwise scans four tables per blob."""
    for table in ("messages", "attachments", "replies", "quarantine"):
        db[table].create_index(["blob_id"])


def _v8_fetch_runs(db: Database) -> None:
    """The last run per way in (store.fetch_runs), for the status bar and `last-fetch`."""
    db["fetch_runs"].create(
        {
            "source": str,
            "at": str,
            "ok": int,
            "stored": int,
            "failed": int,
            "error_de": str,
            "error_en": str,
            "last_ok_at": str,
        },
        pk="source",
        not_null={"at", "ok", "stored", "failed"},
    )


def _v9_office_settings(db: Database) -> None:
    """Settings of the whole office (store.office_settings): the retention periods, which
    used to be read from each workstation's settings file. The table starts empty, so every
    period has its declared default until Administration sets it; no workstation's file is
    taken over, since none of them is the office's decision."""
    db["office_settings"].create(
        {"name": str, "value": str, "set_at": str, "set_by": str},
        pk="name",
        not_null={"value", "set_at", "set_by"},
    )
    # An office that already works with this store may have kept cases longer than the
    # defaults: nothing is purged until Administration has confirmed the periods.
    if db.execute("SELECT 1 FROM cases LIMIT 1").fetchone() is not None:
        db.execute(
            "INSERT INTO office_settings (name, value, set_at, set_by)"
            " VALUES ('retention_unconfirmed', 'true', strftime('%Y-%m-%dT%H:%M:%fZ'), 'migration')"
        )


def _v10_case_validation(db: Database) -> None:
    """A case is invalid once any of its messages is. Older versions took the case's value from
    the application alone, so a case with an invalid follow-up could be made ready and exported;
    such cases are marked invalid now (a new version, like any other change of a case)."""
    db.execute(
        "UPDATE cases SET validation = 'invalid', version = version + 1"
        " WHERE validation IS NOT 'invalid' AND EXISTS (SELECT 1 FROM messages m"
        " WHERE m.case_id = cases.id AND m.validation = 'invalid')"
    )


def _v11_saved_search_filters(db: Database) -> None:
    """A saved search keeps the person (assignee) and the reminder scope it was narrowed to,
    as the queue showed them when it was saved."""
    have = {row[1] for row in db.execute("PRAGMA table_info(saved_searches)")}
    for column in ("assignee", "scope"):
        if column not in have:
            db.execute(f"ALTER TABLE saved_searches ADD COLUMN {column} TEXT")


def _v12_parked_cases_dated(db: Database) -> None:
    """Older versions let a parked case lose its follow-up date, so it never came back as
    due. Such a case is due today now: it shows under "Wiedervorlage fällig"."""
    db.execute(
        "UPDATE cases SET follow_up_date = date('now', 'localtime'), version = version + 1"
        " WHERE status = 'parked' AND follow_up_date IS NULL"
    )


MIGRATIONS = [
    _v1_initial,
    _v2_casework,
    _v3_hand_off,
    _v4_accountability,
    _v5_team,
    _v6_packets,
    _v7_blob_references,
    _v8_fetch_runs,
    _v9_office_settings,
    _v10_case_validation,
    _v11_saved_search_filters,
    _v12_parked_cases_dated,
]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: Database) -> int:
    """Bring the store to SCHEMA_VERSION; returns the version found before."""
    found = db.execute("PRAGMA user_version").fetchone()[0]
    if found > SCHEMA_VERSION:
        raise StoreError(
            f"Die Datenbank hat Schemaversion {found}, diese AB-Inbox-Version kennt nur "
            f"{SCHEMA_VERSION}. Bitte AB-Inbox aktualisieren.",
            f"The database has schema version {found}; this AB-Inbox knows only "
            f"{SCHEMA_VERSION}. Please update AB-Inbox.",
        )
    for number in range(found, SCHEMA_VERSION):
        with write_transaction(db):
            current = db.execute("PRAGMA user_version").fetchone()[0]
            if current > number:  # another process migrated meanwhile
                continue
            MIGRATIONS[number](db)
            db.execute(f"PRAGMA user_version = {number + 1}")
    return found
