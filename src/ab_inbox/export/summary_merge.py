"""Attached PDFs behind the summary: their pages copied in, so the paper file is one print.

reportlab writes the summary but cannot copy pages out of another PDF; pypdf does. Attached
PDFs come from applicants and are untrusted: one is appended only if pypdf opens it without
a password, it has at most MAX_PAGES_EACH pages, and all appended pages stay under
MAX_PAGES_TOTAL. A PDF that fails any of that (or fails while being copied) stays listed in
the appendix as "liegt elektronisch vor" and is left out; the summary itself never fails
because of an attachment.
"""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

log = logging.getLogger(__name__)

MAX_PAGES_EACH = 200
MAX_PAGES_TOTAL = 500


def appendable_pages(data: bytes) -> int | None:
    """The page count if this PDF can be appended, else None."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return None
        count = len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, RecursionError, OSError):
        return None
    return count if 0 < count <= MAX_PAGES_EACH else None


def choose(pdfs: list[bytes]) -> list[int | None]:
    """Per PDF its page count if it will be appended (in order, within the total), else None."""
    chosen, total = [], 0
    for data in pdfs:
        count = appendable_pages(data)
        if count is not None and total + count <= MAX_PAGES_TOTAL:
            total += count
            chosen.append(count)
        else:
            chosen.append(None)
    return chosen


def append_pdfs(summary: bytes, pdfs: list[bytes]) -> tuple[bytes, list[int]]:
    """The summary with the PDFs' pages behind it; returns the indexes that failed to copy."""
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(summary)))
    failed = []
    for index, data in enumerate(pdfs):
        before = len(writer.pages)
        try:
            writer.append(PdfReader(io.BytesIO(data), strict=False))
        except (PyPdfError, ValueError, KeyError, TypeError, RecursionError, OSError) as exc:
            log.warning("attached PDF %d not appended: %s", index + 1, type(exc).__name__)
            while len(writer.pages) > before:  # drop what a broken file left half copied
                writer.remove_page(len(writer.pages) - 1)
            failed.append(index)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), failed
