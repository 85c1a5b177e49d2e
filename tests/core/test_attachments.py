"""Attachment checks: real type by magic bytes, allowlist, caps, and bytes read back exactly."""

from __future__ import annotations

import base64
import random
import struct
import zlib

from ab_inbox.demo.documents import photo_jpeg
from ab_inbox.ingest.attachments import (
    AttachmentLimits,
    image_pixels,
    inspect_documents,
    sniff_mime,
)
from ab_inbox.xauslaender.record import CodeValue, DocumentRef


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def _doc(index: int, content: bytes, code: str = "1", label: str = "PDF") -> DocumentRef:
    return DocumentRef(
        index=index,
        path=f"/doc[{index}]",
        dokumententyp=CodeValue(code, label=label),
        dateiname=f"d{index}.bin",
        content=content,
        encoded=base64.b64encode(content).decode(),
    )


def test_real_type_comes_from_the_bytes():
    assert sniff_mime(b"%PDF-1.7\n...") == "application/pdf"
    assert sniff_mime(photo_jpeg(random.Random(1))) == "image/jpeg"
    assert sniff_mime(_png(2, 2)) == "image/png"
    assert sniff_mime(b"MZ\x90\x00 windows executable") is None


def test_executable_is_blocked_and_not_stored():
    rows, findings = inspect_documents([_doc(1, b"MZ\x90\x00evil")])
    assert rows[0].state == "blocked" and rows[0].content is None
    assert findings[0].rule == "attachment.type_not_allowed"


def test_image_over_the_pixel_cap_is_blocked_from_its_header_alone():
    huge = _png(50_000, 50_000)  # a few bytes that would decode to 2.5 gigapixels
    assert image_pixels(huge, "image/png") == 2_500_000_000
    rows, findings = inspect_documents([_doc(1, huge, "2", "JPG")], AttachmentLimits())
    assert rows[0].state == "blocked"
    assert {f.rule for f in findings} >= {"attachment.too_many_pixels"}


def test_size_cap():
    rows, findings = inspect_documents([_doc(1, b"%PDF-" + b"0" * 2000)], AttachmentLimits(1000))
    assert rows[0].state == "blocked" and findings[0].rule == "attachment.too_large"


def test_identical_documents_get_their_own_span_in_the_original_bytes():
    pdf = b"%PDF-1.4 same content"
    docs = [_doc(1, pdf), _doc(2, pdf)]
    raw = f"<m><a>{docs[0].encoded}</a><b>{docs[1].encoded}</b></m>".encode()
    rows, findings = inspect_documents(docs, raw=raw)
    assert findings == []
    spans = [(r.span_offset, r.span_length) for r in rows]
    assert spans[0] != spans[1]
    for offset, length in spans:
        assert base64.b64decode(raw[offset : offset + length]) == pdf
