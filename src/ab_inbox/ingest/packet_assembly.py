"""Turning the complete packets of a delivery into documents, or failing it with a reason.

The parts are joined in packet order, the size is compared with the announced `archivgroesse`,
the ZIP is opened under the rules of `safe_zip`, and each entry `<dokumentuuid>.<format>` is
checked like an embedded document (`attachments.inspect_documents`) and put in the place of its
awaited reference. A delivery that breaks a rule fails as a whole with its reason (which packet,
which entry, which rule) and nothing of it is extracted; the delivered message then carries an
error finding, so its case shows up as invalid. Runs inside the caller's write transaction.
"""

from __future__ import annotations

import binascii
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ab_inbox.ingest.attachments import inspect_documents
from ab_inbox.ingest.safe_zip import UnsafeZip, ZipEntry, read_zip, shown_name
from ab_inbox.store import packets as store
from ab_inbox.store.database import Database
from ab_inbox.store.messages import FindingRow, add_findings
from ab_inbox.store.queries import message_bytes
from ab_inbox.xauslaender.findings import ERROR, WARNING
from ab_inbox.xauslaender.record import CodeValue, DocumentRef
from ab_inbox.xauslaender.safe_xml import UnsafeXmlError, parse_untrusted

if TYPE_CHECKING:
    from ab_inbox.ingest.checking import CheckPolicy


@dataclass(frozen=True)
class DeliveryNote:
    """What became of a delivery with this arrival, for the intake's one line per file."""

    text_de: str
    text_en: str
    made_invalid: bool = False  # the delivered message was marked invalid


def assemble(
    db: Database, delivery: dict, parts: list[dict], now: str, limits: CheckPolicy
) -> DeliveryNote:
    """The delivery's documents from its complete, ordered packets."""
    total = sum(p["part_size"] for p in parts)
    announced = delivery["archivgroesse"]
    if announced is not None and total != announced:
        return fail(
            db,
            delivery,
            now,
            "archive_size",
            f"die Pakete ergeben {total} Bytes, angekündigt sind {announced} (archivgroesse).",
            f"the packets add up to {total} bytes, {announced} were announced (archivgroesse).",
        )
    if total > limits.zip_limits.max_archive_bytes:
        return fail(
            db,
            delivery,
            now,
            "unsafe_zip",
            f"das ZIP-Archiv ist mit {total} Bytes größer als erlaubt "
            f"({limits.zip_limits.max_archive_bytes} Bytes) (Regel archive_too_large).",
            f"the ZIP archive has {total} bytes, more than the allowed "
            f"{limits.zip_limits.max_archive_bytes} (rule archive_too_large).",
        )
    chunks = []
    for packet in parts:
        data = _part_bytes(db, packet)
        if data is None:
            n = packet["paketnummer"]
            return fail(
                db,
                delivery,
                now,
                "part_damaged",
                f"der Inhalt von Paket {n} ist im Speicher nicht mehr lesbar.",
                f"the content of packet {n} can no longer be read from the store.",
            )
        chunks.append(data)
    try:
        entries = read_zip(b"".join(chunks), limits.zip_limits)
    except UnsafeZip as exc:
        where_de = where_en = ""
        if exc.offset is not None:
            n = _packet_at(exc.offset, parts)
            where_de, where_en = f"Paket {n}, ", f"packet {n}, "
        return fail(
            db,
            delivery,
            now,
            "unsafe_zip",
            f"{where_de}{exc.text_de} (Regel {exc.rule}).",
            f"{where_en}{exc.text_en} (rule {exc.rule}).",
            detail=f"rule={exc.rule}",
        )
    return _fill(db, delivery, entries, len(parts), now, limits)


def _part_bytes(db: Database, packet: dict) -> bytes | None:
    """The decoded part, checked against the SHA-256 taken when the packet arrived."""
    text = store.part_text(db, packet)
    if text is None:
        text = _part_text_from_message(db, packet["message_id"])
    try:
        data = binascii.a2b_base64(b"".join((text or b"").split()), strict_mode=True)
    except (binascii.Error, ValueError):
        return None
    return data if hashlib.sha256(data).hexdigest() == packet["part_sha256"] else None


def _part_text_from_message(db: Database, message_id: int) -> bytes | None:
    """For a packet whose base64 text was not verbatim in its bytes (e.g. UTF-16)."""
    raw = message_bytes(db, message_id)
    try:
        root = parse_untrusted(raw or b"").getroot()
    except UnsafeXmlError:
        return None
    node = root.find("{*}dokumentcontainer")
    return (node.text or "").encode("ascii", errors="replace") if node is not None else None


def _packet_at(offset: int, parts: list[dict]) -> int:
    """The number of the packet whose part holds this byte of the joined archive."""
    start = 0
    for packet in parts:
        if offset < start + packet["part_size"]:
            return packet["paketnummer"]
        start += packet["part_size"]
    return parts[-1]["paketnummer"]


def _document(attachment: dict, content: bytes) -> DocumentRef:
    declared = attachment["declared_code"]
    return DocumentRef(
        index=attachment["position"],
        path=attachment["element_path"] or "",
        dokumententyp=CodeValue(declared, label=attachment["declared_label"]) if declared else None,
        dateiname=attachment["file_name"],
        bezeichnung=attachment["label"],
        content=content,
        dokumentuuid=attachment["dokumentuuid"],
    )


def _fill(db, delivery, entries: list[ZipEntry], packet_count: int, now, limits) -> DeliveryNote:
    message_id, case_id = delivery["message_id"], delivery["case_id"]
    awaited = {a["dokumentuuid"].lower(): a for a in store.awaited_attachments(db, message_id)}
    findings: list[FindingRow] = []
    documents = []
    for entry in entries:
        stem, dot, _ = entry.name.rpartition(".")
        attachment = awaited.pop(stem.lower(), None) if dot else None
        if attachment is None:
            name = shown_name(entry.name)
            findings.append(
                FindingRow(
                    WARNING,
                    "delivery.unknown_entry",
                    f"Der Eintrag „{name}“ im ZIP-Archiv der Dokumentenlieferung gehört zu keinem "
                    "erwarteten Dokument (dokumentuuid); er wird nicht übernommen und bleibt nur "
                    "im gespeicherten Paket.",
                    f"The entry '{name}' in the delivery's ZIP archive belongs to no awaited "
                    "document (dokumentuuid); it is not taken over and stays only in the stored "
                    "packet.",
                )
            )
            continue
        documents.append(_document(attachment, entry.data))
    rows, checks = inspect_documents(documents, limits.attachment_limits)
    findings += [FindingRow(f.severity, f.rule, f.text_de, f.text_en, f.path) for f in checks]
    for attachment in awaited.values():
        name = attachment["file_name"] or attachment["label"] or f"#{attachment['position']}"
        findings.append(
            FindingRow(
                WARNING,
                "delivery.document_missing",
                f"Dokument {attachment['position']} („{name}“) ist angekündigt, fehlt aber im "
                "ZIP-Archiv der Dokumentenlieferung.",
                f"Document {attachment['position']} ('{name}') was announced but is missing from "
                "the delivery's ZIP archive.",
                attachment["element_path"],
            )
        )
    store.fill_attachments(db, message_id, case_id, rows, now)
    add_findings(db, message_id, findings)
    invalid = any(f.severity == ERROR for f in findings)
    if invalid:
        store.mark_invalid(db, message_id)
    store.finish(db, delivery["id"], store.COMPLETE, now, documents=len(rows))
    store.audit(
        db,
        "delivery_completed",
        delivery,
        f"packets={packet_count} documents={len(rows)} findings={len(findings)}",
        now,
    )
    more_de = f"; {len(findings)} Befund(e)" if findings else ""
    more_en = f"; {len(findings)} finding(s)" if findings else ""
    return DeliveryNote(
        f"Dokumentenlieferung vollständig: {packet_count} Paket(e), {len(rows)} Dokument(e) "
        f"zugeordnet{more_de}.",
        f"Document delivery complete: {packet_count} packet(s), {len(rows)} document(s) "
        f"filled in{more_en}.",
        made_invalid=invalid,
    )


def fail(db, delivery, now, code, why_de, why_en, detail: str = "") -> DeliveryNote:
    """Fail the whole delivery: the reason is kept, nothing is extracted."""
    text_de = f"Dokumentenlieferung fehlgeschlagen: {why_de} Es wurde nichts übernommen."
    text_en = f"Document delivery failed: {why_en} Nothing was taken over."
    store.finish(
        db, delivery["id"], store.FAILED, now, reason_code=code, text_de=text_de, text_en=text_en
    )
    if delivery["message_id"] is not None:
        flag_message(db, delivery["message_id"], code, text_de, text_en)
    store.audit(db, "delivery_failed", delivery, f"reason={code} {detail}".strip(), now)
    return DeliveryNote(text_de, text_en, made_invalid=delivery["message_id"] is not None)


def flag_message(db: Database, message_id: int, code: str, text_de: str, text_en: str) -> None:
    add_findings(db, message_id, [FindingRow(ERROR, f"delivery.{code}", text_de, text_en)])
    store.mark_invalid(db, message_id)
