"""Checking embedded documents before they are stored: real type, allowlist, size and pixel caps.

The sender's `dokumententyp`, `dateiname` and `bezeichnung` are claims, not facts: the real type
comes from the magic bytes, and a document whose bytes do not match its declared type makes the
message invalid (a caseworker must not open a "PDF" that is something else). Documents outside
the allowlist are not stored separately; their bytes stay inside the untouched original message.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass

from ab_inbox.store.messages import AttachmentRow
from ab_inbox.xauslaender.findings import ERROR, Finding
from ab_inbox.xauslaender.record import DocumentRef

PDF, JPEG, PNG, TIFF = "application/pdf", "image/jpeg", "image/png", "image/tiff"
# Declared format labels (XA.Dokumentformat "Wert") -> MIME type; new list versions with
# further formats only need a label here, not new checking code.
_LABEL_MIME = {"PDF": PDF, "JPG": JPEG, "JPEG": JPEG, "PNG": PNG, "TIF": TIFF, "TIFF": TIFF}
_CODE_MIME_FALLBACK = {"1": PDF, "2": JPEG}


@dataclass(frozen=True)
class AttachmentLimits:
    max_bytes: int = 25 * 1024 * 1024
    max_pixels: int = 120_000_000


def sniff_mime(data: bytes) -> str | None:
    """The type the bytes really have, by their magic number; None if not on the allowlist."""
    if data.startswith(b"%PDF-") or data[:1024].lstrip().startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"II*\x00") or data.startswith(b"MM\x00*"):
        return TIFF
    return None


def declared_mime(doc: DocumentRef) -> str | None:
    if doc.dokumententyp is None:
        return None
    label = (doc.dokumententyp.label or "").strip().upper()
    return _LABEL_MIME.get(label) or _CODE_MIME_FALLBACK.get(doc.dokumententyp.code)


def image_pixels(data: bytes, mime: str) -> int | None:
    """Width x height from the header alone, so a decompression bomb is caught unopened."""
    try:
        if mime == PNG and len(data) >= 24:
            width, height = struct.unpack(">II", data[16:24])
            return width * height
        if mime == JPEG:
            pos = 2
            while pos + 9 < len(data):
                if data[pos] != 0xFF:
                    return None
                marker = data[pos + 1]
                length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
                if marker in (
                    0xC0,
                    0xC1,
                    0xC2,
                    0xC3,
                    0xC5,
                    0xC6,
                    0xC7,
                    0xC9,
                    0xCA,
                    0xCB,
                    0xCD,
                    0xCE,
                    0xCF,
                ):
                    height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
                    return width * height
                pos += 2 + length
    except struct.error:
        return None
    return None


def _finding(rule: str, doc: DocumentRef, de: str, en: str) -> Finding:
    return Finding(ERROR, rule, de, en, path=doc.path)


def locate_spans(rows: list[AttachmentRow], documents: list[DocumentRef], raw: bytes) -> None:
    """Find each stored document's base64 text in the original bytes (in document order).

    The store then reads the content from the untouched message instead of writing it twice;
    where the text is not found verbatim (e.g. a UTF-16 message), the content is stored apart.
    """
    by_position = {doc.index: doc for doc in documents}
    start = 0
    for row in rows:
        doc = by_position.get(row.position)
        if row.content is None or doc is None or not doc.encoded:
            continue
        try:
            needle = doc.encoded.encode("ascii")
        except UnicodeEncodeError:
            continue
        offset = raw.find(needle, start)
        if offset < 0:
            continue
        row.span_offset, row.span_length = offset, len(needle)
        start = offset + len(needle)


def inspect_documents(
    documents: list[DocumentRef],
    limits: AttachmentLimits = AttachmentLimits(),
    raw: bytes | None = None,
) -> tuple[list[AttachmentRow], list[Finding]]:
    """Rows to store for the documents, and findings about them."""
    rows, findings = _inspect(documents, limits)
    if raw is not None:
        locate_spans(rows, documents, raw)
    return rows, findings


def _inspect(
    documents: list[DocumentRef], limits: AttachmentLimits
) -> tuple[list[AttachmentRow], list[Finding]]:
    rows: list[AttachmentRow] = []
    findings: list[Finding] = []
    for doc in documents:
        row = AttachmentRow(
            position=doc.index,
            state="stored",
            declared_code=doc.dokumententyp.code if doc.dokumententyp else None,
            declared_label=doc.dokumententyp.label if doc.dokumententyp else None,
            file_name=doc.dateiname,
            label=doc.bezeichnung,
            dokumentuuid=doc.dokumentuuid,
            element_path=doc.path,
        )
        rows.append(row)
        name = doc.dateiname or doc.bezeichnung or f"#{doc.index}"
        if doc.content is None:
            if doc.decode_error:
                row.state = "blocked"
                findings.append(
                    _finding(
                        "attachment.base64",
                        doc,
                        f"Dokument {doc.index} („{name}“) ist nicht korrekt Base64-kodiert.",
                        f"Document {doc.index} ('{name}') is not valid base64.",
                    )
                )
            else:
                row.state = "awaited"  # delivered later in a packaged delivery
            continue
        data = doc.content
        row.size = len(data)
        if len(data) > limits.max_bytes:
            row.state = "blocked"
            findings.append(
                _finding(
                    "attachment.too_large",
                    doc,
                    f"Dokument {doc.index} („{name}“) ist mit {len(data)} Bytes größer als erlaubt "
                    f"({limits.max_bytes} Bytes).",
                    f"Document {doc.index} ('{name}') has {len(data)} bytes, more than the allowed "
                    f"{limits.max_bytes}.",
                )
            )
            continue
        real = sniff_mime(data)
        if real is None:
            row.state = "blocked"
            findings.append(
                _finding(
                    "attachment.type_not_allowed",
                    doc,
                    f"Dokument {doc.index} („{name}“) hat kein erlaubtes Format "
                    "(erlaubt: PDF, JPEG, PNG, TIFF); es wird nicht geöffnet.",
                    f"Document {doc.index} ('{name}') is not in an allowed format (PDF, JPEG, PNG, "
                    "TIFF); it will not be opened.",
                )
            )
            continue
        row.mime = real
        row.content = data
        row.sha256 = hashlib.sha256(data).hexdigest()
        declared = declared_mime(doc)
        if declared and declared != real:
            findings.append(
                _finding(
                    "attachment.type_mismatch",
                    doc,
                    f"Dokument {doc.index} („{name}“) ist als "
                    f"{doc.dokumententyp.label or declared} angegeben, ist aber "
                    f"tatsächlich {real}.",
                    f"Document {doc.index} ('{name}') is declared as "
                    f"{doc.dokumententyp.label or declared} but really is {real}.",
                )
            )
        pixels = image_pixels(data, real) if real in (JPEG, PNG) else None
        if pixels is not None and pixels > limits.max_pixels:
            row.state = "blocked"
            row.content = None
            findings.append(
                _finding(
                    "attachment.too_many_pixels",
                    doc,
                    f"Bild {doc.index} („{name}“) hat {pixels} Pixel, mehr als erlaubt "
                    f"({limits.max_pixels}).",
                    f"Image {doc.index} ('{name}') has {pixels} pixels, more than allowed "
                    f"({limits.max_pixels}).",
                )
            )
    return rows, findings
