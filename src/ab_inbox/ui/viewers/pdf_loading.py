"""Loading untrusted PDF bytes into a QPdfDocument, and deciding whether they may be shown.

The checks run before any view sees the document, cheapest first: size and `%PDF-` signature
(pdfium never sees other files), then pdfium's own verdict (broken, password, unknown
encryption), then the page count, then the size of every page against the pixel cap. Every
refusal is a German sentence naming the file, for the viewer to show in place of the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject
from PySide6.QtPdf import QPdfDocument

from ab_inbox.ui.viewers.render_limits import (
    MAX_PDF_PAGES,
    MIN_ZOOM,
    largest_area,
    zoom_ceiling,
)
from ab_inbox.ui.viewers.viewer_base import megabytes


@dataclass(frozen=True)
class PdfLimits:
    max_bytes: int = 64 * 1024 * 1024
    max_pages: int = MAX_PDF_PAGES
    # QPdfView keeps about twenty rendered pages: at 40 megapixels a page, paging through a
    # document of huge pages at its largest zoom took 3.3 GB (measured); at 16 it stays near
    # 1.3 GB, and an A4 page still zooms to 400 % (to 200 % on a screen of twice the density).
    max_page_pixels: int = 16_000_000
    max_zoom: float = 4.0


@dataclass
class LoadedPdf:
    """The outcome: a refusal text, or the buffer the document reads from and its page sizes."""

    refusal: str = ""
    buffer: QBuffer | None = None
    page_sizes: list[tuple[float, float]] = field(default_factory=list)
    largest_area: float = 0.0


def load_pdf(
    document: QPdfDocument,
    data: bytes,
    shown_name: str,
    limits: PdfLimits,
    dots_per_point: float,
    owner: QObject,
) -> LoadedPdf:
    """Load `data` into `document`; `dots_per_point` converts points to device pixels at 100 %."""
    if len(data) > limits.max_bytes:
        return LoadedPdf(
            QCoreApplication.translate(
                "PdfViewer",
                "Die PDF-Datei „{name}“ ist zu groß ({size} MB, höchstens {limit} MB) "
                "und wird nicht angezeigt.",
            ).format(name=shown_name, size=megabytes(len(data)), limit=megabytes(limits.max_bytes))
        )
    if b"%PDF-" not in data[:1024]:
        return LoadedPdf(
            QCoreApplication.translate(
                "PdfViewer", "„{name}“ ist keine PDF-Datei und wird nicht angezeigt."
            ).format(name=shown_name)
        )
    buffer = QBuffer(owner)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)  # synchronous for a QBuffer: all bytes are already there
    if document.status() != QPdfDocument.Status.Ready:
        return LoadedPdf(_load_error(document.error()).format(name=shown_name), buffer)
    count = document.pageCount()
    if count == 0:
        return LoadedPdf(
            QCoreApplication.translate(
                "PdfViewer", "Die PDF-Datei „{name}“ enthält keine Seiten."
            ).format(name=shown_name),
            buffer,
        )
    if count > limits.max_pages:
        return LoadedPdf(too_many_pages(shown_name, count, limits.max_pages), buffer)
    sizes = []
    for page in range(count):
        size = document.pagePointSize(page)
        sizes.append((size.width(), size.height()))
    index, area = largest_area(sizes)
    pixels_at_100 = area * dots_per_point * dots_per_point
    if zoom_ceiling(pixels_at_100, limits.max_page_pixels, limits.max_zoom) < MIN_ZOOM:
        text = QCoreApplication.translate(
            "PdfViewer",
            "Seite {page} der PDF-Datei „{name}“ ist so groß, dass sie nicht sicher "
            "angezeigt werden kann.",
        )
        return LoadedPdf(text.format(page=index + 1, name=shown_name), buffer)
    return LoadedPdf("", buffer, sizes, area)


def too_many_pages(shown_name: str, count: int, limit: int) -> str:
    return QCoreApplication.translate(
        "PdfViewer",
        "Die PDF-Datei „{name}“ hat {count} Seiten; die Vorschau zeigt höchstens {limit} Seiten.",
    ).format(name=shown_name, count=count, limit=limit)


def _load_error(error: QPdfDocument.Error) -> str:
    if error == QPdfDocument.Error.IncorrectPassword:
        return QCoreApplication.translate(
            "PdfViewer",
            "Die PDF-Datei „{name}“ ist verschlüsselt und kann ohne Kennwort "
            "nicht angezeigt werden.",
        )
    if error == QPdfDocument.Error.UnsupportedSecurityScheme:
        return QCoreApplication.translate(
            "PdfViewer",
            "Die PDF-Datei „{name}“ ist mit einem nicht unterstützten Verfahren verschlüsselt.",
        )
    return QCoreApplication.translate(
        "PdfViewer",
        "Die PDF-Datei „{name}“ ist beschädigt oder verschlüsselt und kann nicht angezeigt werden.",
    )
