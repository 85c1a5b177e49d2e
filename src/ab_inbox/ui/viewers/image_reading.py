"""Decoding untrusted JPEG, PNG and TIFF bytes with two independent guards against bombs.

A few hundred bytes of PNG can claim 30000 x 30000 pixels and decode to 3.6 GB. So:
1. the format is taken from the magic bytes and must be on the allowlist, and QImageReader is told
   not to guess another one (its plugins also read SVG and PDF, which are not images we accept);
2. the header's size is read *before* decoding, and more than `max_pixels` is refused unopened;
3. Qt's own allocation limit (`QImageReader.setAllocationLimit`, in MB) stays on as a second net
   for formats or frames whose header does not tell the truth. The limit is process-wide in Qt, so
   it is set for the duration of one read and restored afterwards. Reads run in background ops,
   so a lock makes that section one read at a time: two overlapping reads would otherwise restore
   each other's limit and leave the wrong one in place.
Decoding failures are reported as a reason code; the viewer turns it into German text. Only
QImage and QImageReader are used here, which Qt allows outside the GUI thread.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QImage, QImageReader

_MAGIC = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)

OK, UNSUPPORTED, TOO_LARGE, BROKEN = "ok", "unsupported", "too_large", "broken"

_limit_lock = threading.Lock()


@dataclass(frozen=True)
class ImageRead:
    status: str
    image: QImage | None = None
    size: QSize | None = None
    frames: int = 1
    detail: str = ""


def sniff_format(data: bytes) -> str | None:
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    return None


def allocation_limit_mb(max_pixels: int) -> int:
    """Enough for a `max_pixels` image in 32-bit colour, and not more."""
    return math.ceil(max_pixels * 4 / (1024 * 1024)) + 1


@contextmanager
def _allocation_limit(megabytes: int) -> Iterator[None]:
    with _limit_lock:
        previous = QImageReader.allocationLimit()
        QImageReader.setAllocationLimit(megabytes)
        try:
            yield
        finally:
            QImageReader.setAllocationLimit(previous)


def read_image(data: bytes, *, max_pixels: int, frame: int = 0) -> ImageRead:
    """Decode frame `frame` (TIFF may hold several) of `data` within the limits."""
    image_format = sniff_format(data)
    if image_format is None:
        return ImageRead(UNSUPPORTED)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    # The reader must die before the buffer: the TIFF handler touches its device when destroyed.
    result = _read(QImageReader(buffer, image_format.encode()), max_pixels, frame)
    buffer.close()
    return result


def _read(reader: QImageReader, max_pixels: int, frame: int) -> ImageRead:
    reader.setAutoDetectImageFormat(False)
    reader.setDecideFormatFromContent(False)
    reader.setAutoTransform(True)
    if not reader.canRead():
        return ImageRead(BROKEN, detail=reader.errorString())
    frames = max(1, reader.imageCount())
    if frame and not reader.jumpToImage(frame):
        return ImageRead(BROKEN, frames=frames, detail=reader.errorString())
    size = reader.size()
    if size.isValid() and size.width() * size.height() > max_pixels:
        return ImageRead(TOO_LARGE, size=size, frames=frames)
    with _allocation_limit(allocation_limit_mb(max_pixels)):
        image = reader.read()
    if image.isNull():
        return ImageRead(
            BROKEN,
            size=size if size.isValid() else None,
            frames=frames,
            detail=reader.errorString(),
        )
    if image.width() * image.height() > max_pixels:
        return ImageRead(TOO_LARGE, size=image.size(), frames=frames)
    return ImageRead(OK, image=image, size=image.size(), frames=frames)
