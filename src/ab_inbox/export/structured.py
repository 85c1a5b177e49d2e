"""`structured`: the case as documented JSON plus its documents, for Fachverfahren without
an XAusländer import.

Layout: `<name>/case.json` and `<name>/attachments/<n>_<safe file name>`, where `<name>` is the
application's `<antragsidentifikation>_<nachrichtenUUID>`. The JSON follows the versioned
schema in docs/export-structured-schema.json (explained in docs/export.md); it carries the
normalised records of all messages of the case, their findings, the attachments with their
SHA-256 and the status history. The documents are written first and case.json last, so a
reader that waits for case.json finds every file it names complete.
"""

from __future__ import annotations

import json
from pathlib import Path

from ab_inbox.export.atomic import WrittenFile, ensure_file, replace_file
from ab_inbox.export.bundle import CaseBundle, ExportStamp, MessageItem
from ab_inbox.export.file_names import attachment_file_name
from ab_inbox.export.registry import exporter
from ab_inbox.export.xauslaender_folder import message_file_base

FORMAT = "ab-inbox/structured-case"
FORMAT_VERSION = "1.2"  # minor: fields added; major: fields changed or removed
CASE_FILE = "case.json"
ATTACHMENTS = "attachments"


def case_folder_name(bundle: CaseBundle) -> str:
    return message_file_base(bundle, bundle.anchor)


@exporter(
    "structured",
    title_de="Strukturiert (JSON mit Anlagen)",
    title_en="Structured (JSON with attachments)",
)
def write_structured(bundle: CaseBundle, target: Path, stamp: ExportStamp) -> list[WrittenFile]:
    folder = case_folder_name(bundle)
    written: list[WrittenFile] = []
    messages = []
    number = 0
    for message in bundle.messages:
        attachments = []
        for row in message.attachments:
            data = bundle.attachment_bytes(message, row["position"])
            file_name = None
            if data is not None:
                number += 1
                original = row["file_name"] or row["label"]
                file_name = f"{ATTACHMENTS}/{attachment_file_name(number, original, row['mime'])}"
                written.append(ensure_file(target, f"{folder}/{file_name}", data))
            attachments.append(
                _attachment_entry(row, file_name, number if data is not None else None)
            )
        messages.append(_message_entry(message, attachments))
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generator": {"name": "AB-Inbox", "version": stamp.generator_version},
        "exported_at": stamp.exported_at,
        "exported_by": stamp.exported_by,
        "exported_with_override": stamp.overridden,
        "case": _case_entry(bundle),
        "messages": messages,
        "status_history": [
            {k: entry[k] for k in ("at", "actor", "from_status", "to_status", "note")}
            for entry in bundle.history
        ],
    }
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    written.append(replace_file(target, f"{folder}/{CASE_FILE}", text.encode("utf-8")))
    return written


def _case_entry(bundle: CaseBundle) -> dict:
    case = bundle.case
    return {
        "id": case["id"],
        "antragsidentifikation": case["antragsidentifikation"],
        "status_at_export": case["status"],
        "validation": case["validation"],
        "type_code": case["type_code"],
        "applicant_name": case["applicant_name"],
        "received_at": case["received_at"],
        "assignee": case["assignee"],
    }


def _message_entry(message: MessageItem, attachments: list[dict]) -> dict:
    return {
        "message_id": message.id,
        "nachrichten_uuid": message.nachrichten_uuid,
        "role": "application" if message.is_application else "follow_up",
        "type_code": message.type_code,
        "type_name": message.type_name,
        "xauslaender_version": message.version,
        "erstellungszeitpunkt": message.erstellungszeitpunkt,
        "received_at": message.received_at,
        "validation": message.validation,
        "sha256": message.sha256,
        "size": message.size,
        "record": message.record,
        "findings": [
            {k: f[k] for k in ("severity", "rule", "path", "line", "text_de", "text_en")}
            for f in message.findings
        ],
        "attachments": attachments,
    }


def _attachment_entry(row: dict, file_name: str | None, number: int | None) -> dict:
    return {
        "number": number,
        "position": row["position"],
        "state": row["state"],
        "file": file_name,
        "original_file_name": row["file_name"],
        "label": row["label"],
        "mime": row["mime"],
        "size": row["size"],
        "sha256": row["sha256"] if file_name else None,
        "declared_code": row["declared_code"],
        "declared_label": row["declared_label"],
        "dokumentuuid": row["dokumentuuid"],
    }
