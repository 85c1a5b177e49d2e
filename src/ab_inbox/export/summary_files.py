"""What the summary learns from attached files without a PDF library: page counts and pictures.

Attachments come from outside the office. Page counts are read from the page tree's `/Count`
with bounded patterns over the bytes (and, for PDFs that keep their objects in compressed object
streams, from at most a few megabytes inflated); anything unclear gives None, never a guess.
Pictures are checked by their header before any decoding: JPEGs go into the PDF unchanged,
PNGs are decoded only below a pixel limit and scaled down to print resolution.
"""

from __future__ import annotations

import io
import re
import zlib

from PIL import Image

MAX_PAGES = 100_000
MAX_PIXELS = 50_000_000  # a 300 dpi A3 scan has 17 million
PRINT_SIDE = 1754  # px: the long side of A4 at 150 dpi
_WINDOW = 256 * 1024  # how far a page-tree node may reach around its /Type
_MAX_NODES = 1000  # page-tree nodes looked at
_MAX_STEPS = 256  # brackets walked per node
_INFLATE_TOTAL = 8 * 1024 * 1024
_INFLATE_STREAMS = 64

_PAGES = re.compile(rb"/Type\s{0,8}/Pages(?![A-Za-z0-9])")
_COUNT = re.compile(rb"/Count\s{1,8}(\d{1,9})(?![\d.]|\s{1,8}\d{1,9}\s{1,8}R)")
_BRACKETS = re.compile(rb"<<|>>")
_OBJSTM = re.compile(rb"/Type\s{0,8}/ObjStm(?![A-Za-z0-9])")
_STREAM = re.compile(rb"stream\r?\n")


def pdf_page_count(data: bytes) -> int | None:
    """The number of pages a PDF declares, or None when it cannot be told cheaply."""
    if b"%PDF-" not in data[:1024]:
        return None
    count = _tree_count(data)
    if count is None:
        count = _tree_count(_inflated_object_streams(data))
    return count if count is not None and 0 < count <= MAX_PAGES else None


def _tree_count(data: bytes) -> int | None:
    """The root node's /Count: the last node without /Parent (the latest revision), else the
    largest count seen."""
    roots, counts = [], []
    for index, match in enumerate(_PAGES.finditer(data)):
        if index >= _MAX_NODES:
            break
        node = _dictionary_around(data, match.start())
        found = _COUNT.search(node) if node else None
        if found is None:
            continue
        counts.append(int(found.group(1)))
        if b"/Parent" not in node:
            roots.append(counts[-1])
    if roots:
        return roots[-1]
    return max(counts) if counts else None


def _dictionary_around(data: bytes, pos: int) -> bytes | None:
    """The innermost `<< … >>` around `pos`, searched at most _WINDOW bytes and _MAX_STEPS
    brackets either way (a hostile file full of brackets costs little)."""
    low, cursor, depth = max(0, pos - _WINDOW), pos, 0
    for _ in range(_MAX_STEPS):
        opening = data.rfind(b"<<", low, cursor)
        closing = data.rfind(b">>", low, cursor)
        if opening < 0:
            return None
        if closing > opening:
            depth, cursor = depth + 1, closing
        elif depth:
            depth, cursor = depth - 1, opening
        else:
            break
    else:
        return None
    depth = 0
    for step, token in enumerate(_BRACKETS.finditer(data, opening, opening + 2 * _WINDOW)):
        if step >= _MAX_STEPS:
            return None
        depth += 1 if token.group() == b"<<" else -1
        if depth == 0:
            return data[opening : token.end()]
    return None


def _inflated_object_streams(data: bytes) -> bytes:
    parts, total = [], 0
    for index, match in enumerate(_OBJSTM.finditer(data)):
        if index >= _INFLATE_STREAMS or total >= _INFLATE_TOTAL:
            break
        head = _STREAM.search(data, match.end(), match.end() + 4096)
        if head is None or b"/FlateDecode" not in data[match.start() - 512 : head.start()]:
            continue
        inflater = zlib.decompressobj()
        try:
            part = inflater.decompress(data[head.end() :], _INFLATE_TOTAL - total)
        except zlib.error:
            continue
        parts.append(part)
        total += len(part)
    return b"\n".join(parts)


def picture(data: bytes) -> tuple[object, int, int] | None:
    """(image for reportlab, width, height) of a JPEG or PNG, or None if it is neither or is
    broken or too large."""
    from reportlab.lib.utils import ImageReader

    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if image.format not in ("JPEG", "PNG") or not 0 < width * height <= MAX_PIXELS:
                return None
            if image.format == "JPEG" and image.mode in ("L", "RGB", "CMYK") and _jpeg_ok(data):
                return ImageReader(io.BytesIO(data)), width, height
            image.thumbnail((PRINT_SIDE, PRINT_SIDE))
            flat = _flatten(image)
    except Exception:  # hostile or broken files may raise anything from the decoder
        return None
    return ImageReader(flat), width, height


def _jpeg_ok(data: bytes) -> bool:
    """reportlab embeds a JPEG unchanged after reading its header itself; that must succeed."""
    from reportlab.pdfbase.pdfutils import readJPEGInfo

    try:
        readJPEGInfo(io.BytesIO(data))
    except Exception:
        return False
    return True


def _flatten(image: Image.Image) -> Image.Image:
    """RGB or greyscale without transparency (white behind it), as print expects."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    if image.mode in ("1", "L", "I", "I;16", "F"):
        return image.convert("L")
    return image.convert("RGB")
