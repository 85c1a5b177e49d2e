"""`xauslaender-folder`: the original messages, byte for byte, each with a manifest beside it.

Fachverfahren that import XAusländer themselves want the message exactly as the applicant's
side signed off on it, so the XML is the stored original, never re-serialised. The manifest
tells them what they got (case, identifiers, hashes, who exported it when) and is written
after its XML: a Fachverfahren that waits for `<name>.manifest.json` never sees a message
without it being complete. Every message of the case (application and follow-ups) is written
as its own pair, named `<antragsidentifikation>_<nachrichtenUUID>`.
"""

from __future__ import annotations

import json
from pathlib import Path

from ab_inbox.export.atomic import WrittenFile, ensure_file, replace_file
from ab_inbox.export.bundle import CaseBundle, ExportStamp, MessageItem
from ab_inbox.export.file_names import message_base_name
from ab_inbox.export.registry import exporter

MANIFEST_FORMAT = "ab-inbox/xauslaender-folder-manifest"
MANIFEST_VERSION = 1


def message_file_base(bundle: CaseBundle, message: MessageItem) -> str:
    return message_base_name(
        message.record.get("antragsidentifikation") or bundle.antragsidentifikation,
        message.nachrichten_uuid,
        fallback=f"nachricht-{message.id}",
    )


@exporter(
    "xauslaender-folder",
    title_de="Originalnachricht mit Manifest",
    title_en="Original message with manifest",
)
def write_folder(bundle: CaseBundle, target: Path, stamp: ExportStamp) -> list[WrittenFile]:
    written: list[WrittenFile] = []
    for message in bundle.messages:
        base = message_file_base(bundle, message)
        xml = ensure_file(target, f"{base}.xml", bundle.message_bytes(message))
        written.append(xml)
        manifest = manifest_for(bundle, message, xml, stamp)
        text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
        written.append(replace_file(target, f"{base}.manifest.json", text.encode("utf-8")))
    return written


def manifest_for(
    bundle: CaseBundle, message: MessageItem, xml: WrittenFile, stamp: ExportStamp
) -> dict:
    return {
        "manifest_format": MANIFEST_FORMAT,
        "manifest_version": MANIFEST_VERSION,
        "generator": {"name": "AB-Inbox", "version": stamp.generator_version},
        "case_id": bundle.case_id,
        "antragsidentifikation": message.record.get("antragsidentifikation")
        or bundle.antragsidentifikation,
        "nachrichten_uuid": message.nachrichten_uuid,
        "message_type": {
            "code": message.type_code,
            "name": message.type_name,
            "xauslaender_version": message.version,
        },
        "role": "application" if message.is_application else "follow_up",
        "message": {"file": xml.name, "sha256": xml.sha256, "size": xml.size},
        "attachments": [
            {
                "position": row["position"],
                "state": row["state"],
                "mime": row["mime"],
                "size": row["size"],
                "sha256": row["sha256"],
                "dokumentuuid": row["dokumentuuid"],
                "file_name": row["file_name"],  # as sent: a label, never used as a path
                "label": row["label"],
            }
            for row in message.attachments
        ],
        "case_messages": [m.nachrichten_uuid for m in bundle.messages],
        "exported_by": stamp.exported_by,
        "exported_at": stamp.exported_at,
        "exported_with_override": stamp.overridden,
    }
