"""One case, read from the store once, as every exporter needs it.

Exporters never run SQL: they get this snapshot (case, messages in order of receipt with their
records, findings and attachment rows, status history) and ask it for bytes, which are loaded
one message or attachment at a time, so a case with 50 MB of documents never sits in memory as
a whole. The bytes are checked against the SHA-256 recorded at intake before they leave.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ab_inbox import __version__
from ab_inbox.store import cases, queries
from ab_inbox.store.connection import StoreError
from ab_inbox.store.database import Database


@dataclass(frozen=True)
class ExportStamp:
    """Who exported, when (UTC, ISO 8601), with which AB-Inbox, and whether by override."""

    exported_at: str
    exported_by: str
    overridden: bool = False
    generator_version: str = __version__


@dataclass
class MessageItem:
    id: int
    nachrichten_uuid: str | None
    type_code: str | None
    type_name: str | None
    version: str | None
    received_at: str
    erstellungszeitpunkt: str | None
    sha256: str
    size: int
    validation: str
    is_application: bool
    record: dict
    findings: list[dict]
    attachments: list[dict]


@dataclass
class CaseBundle:
    db: Database = field(repr=False)
    case: dict
    messages: list[MessageItem]
    history: list[dict]

    @property
    def case_id(self) -> int:
        return self.case["id"]

    @property
    def antragsidentifikation(self) -> str | None:
        return self.case["antragsidentifikation"]

    @property
    def anchor(self) -> MessageItem:
        """The message an export is recorded under: the application, else the first one."""
        wanted = self.case.get("application_message_id")
        return next((m for m in self.messages if m.id == wanted), self.messages[0])

    def message_bytes(self, message: MessageItem) -> bytes:
        data = queries.message_bytes(self.db, message.id)
        if data is None or hashlib.sha256(data).hexdigest() != message.sha256:
            raise StoreError(
                f"Nachricht {message.id} ist im Speicher beschädigt (Prüfsumme falsch); "
                "sie wird nicht exportiert.",
                f"Message {message.id} is damaged in the store (checksum mismatch); it is not "
                "exported.",
            )
        return data

    def attachment_bytes(self, message: MessageItem, position: int) -> bytes | None:
        """The attachment's bytes, None when none are stored (blocked or still awaited)."""
        row = queries.attachment_bytes(self.db, message.id, position)  # verifies the sha256
        return None if row is None else row["data"]


def load_bundle(db: Database, case_id: int) -> CaseBundle:
    """Snapshot of the case (raises CaseNotFound)."""
    case = cases.get_case(db, case_id)
    messages = []
    for message_id in cases.case_message_ids(db, case_id):
        row = queries.get_message(db, message_id)
        if row is None:
            continue
        record = row["record"]
        messages.append(
            MessageItem(
                id=row["id"],
                nachrichten_uuid=row["nachrichten_uuid"],
                type_code=row["type_code"],
                type_name=row["type_name"],
                version=row["version"],
                received_at=row["received_at"],
                erstellungszeitpunkt=row["erstellungszeitpunkt"],
                sha256=row["sha256"],
                size=row["size"],
                validation=row["validation"],
                is_application=bool(record.get("is_application", True)),
                record=record,
                findings=row["findings"],
                attachments=row["attachments"],
            )
        )
    return CaseBundle(db=db, case=case, messages=messages, history=cases.history(db, case_id))
