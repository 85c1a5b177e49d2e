"""Printing untrusted documents: limits and rendering in background ops, painting in small steps.

Summaries and applicants' attachments reach the printer as page images. Rendering a PDF page
or decoding an image takes up to a second, so it runs in background ops, a few pages per op,
while the GUI thread only paints finished images (QPainter on a printer must stay there). A
page is painted in horizontal bands, one band per event-loop turn: one whole A4 page at 300 dpi
costs the PDF print engine more than 100 ms. The next batch is rendered only after the previous
one is painted, so at most one batch of page images is held at a time.

Attachments come from applicants, so the viewers' limits hold here too: bytes per file, pages
per document and per job, page images at most about A4 at 300 dpi, and images checked by their
header size before they are decoded (`read_image`). A document over a limit, or one that cannot
be opened, is not printed and is named in the job's report; nothing is skipped silently.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QRectF,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QImage, QImageReader, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QProgressDialog, QWidget

from ab_inbox.ui import ops
from ab_inbox.ui.viewers.image_reading import OK, TOO_LARGE, UNSUPPORTED, read_image, sniff_format
from ab_inbox.ui.viewers.pdf_loading import PdfLimits
from ab_inbox.ui.viewers.pdf_probe import probe_pdf
from ab_inbox.ui.viewers.render_limits import fit_into
from ab_inbox.ui.viewers.viewer_base import display_name, megabytes

PDF = "application/pdf"
MAX_PAGE_PIXELS = (2480, 3508)  # A4 at 300 dpi
_VIEWER_PDF = PdfLimits()


@dataclass(frozen=True)
class PrintLimits:
    """The viewers' limits for hostile files, plus the size of one job and of one step."""

    max_bytes: int = _VIEWER_PDF.max_bytes
    max_document_pages: int = _VIEWER_PDF.max_pages
    max_job_pages: int = 500
    max_image_pixels: int = 120_000_000  # as the image viewer: decoded once, then scaled down
    page_box: tuple[int, int] = MAX_PAGE_PIXELS
    batch_pages: int = 3  # about 35 MB per page image at the largest page size
    band_pixels: int = 1_000_000  # about 15 ms in the PDF print engine


@dataclass(frozen=True)
class PrintDocument:
    """One document of a job; `name` comes from the sender and is sanitised when shown."""

    name: str
    mime: str
    data: bytes


@dataclass(frozen=True)
class NotPrinted:
    name: str
    reason: str


@dataclass
class PrintReport:
    pages: int = 0
    not_printed: list[NotPrinted] = field(default_factory=list)
    cancelled: bool = False
    aborted: bool = False  # the printer dropped what it had; not every printer can
    printer_failed: bool = False
    error: BaseException | None = None


@dataclass(frozen=True)
class _Page:
    document: int
    page: int  # PDF page or image frame
    size: tuple[int, int]  # the most pixels to render it with


# --- worker side: plan_pages and render_pages run in background ops and touch no widgets ---


def page_box(device, limits: PrintLimits) -> tuple[int, int]:
    """The printable area in device pixels, shrunk (keeping its shape) to the pixel cap."""
    width, height = device.width(), device.height()
    box_width, box_height = limits.page_box
    if width <= box_width and height <= box_height:
        return max(1, width), max(1, height)
    return fit_into(width, height, box_width, box_height)


@contextmanager
def _open_pdf(data: bytes) -> Iterator[QPdfDocument]:
    """A QPdfDocument of the calling thread; it is closed before its buffer goes away."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    try:
        document.load(buffer)  # synchronous for a QBuffer: all bytes are already there
        yield document
    finally:
        document.close()
        buffer.close()


def _pdf_error(error: QPdfDocument.Error) -> str:
    if error == QPdfDocument.Error.IncorrectPassword:
        return QCoreApplication.translate(
            "MainWindow", "verschlüsselt, kann ohne Kennwort nicht gedruckt werden"
        )
    if error == QPdfDocument.Error.UnsupportedSecurityScheme:
        return QCoreApplication.translate(
            "MainWindow", "mit einem nicht unterstützten Verfahren verschlüsselt"
        )
    return QCoreApplication.translate(
        "MainWindow", "beschädigt oder verschlüsselt, kann nicht geöffnet werden"
    )


def _too_many_pages(count: int, limits: PrintLimits) -> str:
    return QCoreApplication.translate(
        "MainWindow", "zu groß ({0} Seiten, höchstens {1} Seiten je Dokument)"
    ).format(count, limits.max_document_pages)


def _plan_pdf(
    index: int, document: PrintDocument, box: tuple[int, int], limits: PrintLimits
) -> list[_Page] | str:
    """The document's pages with their render sizes, or the reason it is not printed."""
    if b"%PDF-" not in document.data[:1024]:
        return QCoreApplication.translate("MainWindow", "keine PDF-Datei")
    # Tried in a separate process first: a hostile document must not hold the print job, nor
    # pdfium's one lock that the window's viewers wait for (see pdf_probe).
    verdict = probe_pdf(document.data)
    if not verdict.ok:
        if verdict.reason == "slow_page":
            return QCoreApplication.translate(
                "MainWindow", "zu aufwendig (Seite {0} braucht zum Darstellen zu lange)"
            ).format(verdict.page + 1)
        if verdict.reason == "too_many_pages":
            return _too_many_pages(verdict.pages, limits)
        if verdict.reason == "unavailable":
            return QCoreApplication.translate(
                "MainWindow", "die Prüfung vor dem Drucken ließ sich nicht starten"
            )
        return QCoreApplication.translate("MainWindow", "zu aufwendig zum Öffnen")
    with _open_pdf(document.data) as pdf:
        if pdf.status() != QPdfDocument.Status.Ready:
            return _pdf_error(pdf.error())
        count = pdf.pageCount()
        if count == 0:
            return QCoreApplication.translate("MainWindow", "enthält keine Seiten")
        if count > limits.max_document_pages:
            return _too_many_pages(count, limits)
        pages = []
        for page in range(count):
            size = pdf.pagePointSize(page)
            width, height = size.width(), size.height()
            if not (math.isfinite(width) and math.isfinite(height)) or width <= 0 or height <= 0:
                return QCoreApplication.translate(
                    "MainWindow", "beschädigt (Seite {0} hat keine gültige Größe)"
                ).format(page + 1)
            pages.append(_Page(index, page, fit_into(width, height, *box)))
        return pages


def _image_frames(data: bytes) -> int:
    """Frames (TIFF pages) from the header, without decoding any of them."""
    image_format = sniff_format(data)
    if image_format is None:
        return 1  # rendering reports the format
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    # The reader must die before the buffer: the TIFF handler touches its device when destroyed.
    reader = QImageReader(buffer, image_format.encode())
    reader.setAutoDetectImageFormat(False)
    reader.setDecideFormatFromContent(False)
    frames = max(1, reader.imageCount()) if reader.canRead() else 1
    del reader
    buffer.close()
    return frames


def plan_pages(
    documents: Sequence[PrintDocument], box: tuple[int, int], limits: PrintLimits
) -> tuple[list[_Page], list[NotPrinted]]:
    """Check every document against the limits before anything is rendered."""
    pages: list[_Page] = []
    refused: list[NotPrinted] = []
    job_full = False
    for index, document in enumerate(documents):
        if job_full:
            planned: list[_Page] | str = QCoreApplication.translate(
                "MainWindow", "der Druckauftrag hat schon die Höchstzahl von {0} Seiten"
            ).format(limits.max_job_pages)
        elif len(document.data) > limits.max_bytes:
            planned = QCoreApplication.translate(
                "MainWindow", "zu groß ({0} MB, höchstens {1} MB)"
            ).format(megabytes(len(document.data)), megabytes(limits.max_bytes))
        elif document.mime == PDF:
            planned = _plan_pdf(index, document, box, limits)
        else:
            frames = _image_frames(document.data)
            if frames > limits.max_document_pages:
                planned = _too_many_pages(frames, limits)
            else:
                planned = [_Page(index, frame, box) for frame in range(frames)]
        if isinstance(planned, list) and len(pages) + len(planned) > limits.max_job_pages:
            job_full = True
            planned = QCoreApplication.translate(
                "MainWindow",
                "zu groß für diesen Druckauftrag ({0} Seiten, höchstens {1} Seiten je Auftrag)",
            ).format(len(pages) + len(planned), limits.max_job_pages)
        if isinstance(planned, str):
            refused.append(NotPrinted(document.name, planned))
        else:
            pages.extend(planned)
    return pages, refused


def _opaque(image: QImage) -> QImage:
    """RGB32 on white: the print engine takes less than half the time than with alpha."""
    if not image.hasAlphaChannel():
        return image.convertToFormat(QImage.Format.Format_RGB32)
    flat = QImage(image.size(), QImage.Format.Format_RGB32)
    flat.fill(Qt.GlobalColor.white)
    painter = QPainter(flat)
    painter.drawImage(0, 0, image)
    painter.end()
    return flat


def _render_image(document: PrintDocument, page: _Page, limits: PrintLimits) -> QImage | str:
    result = read_image(document.data, max_pixels=limits.max_image_pixels, frame=page.page)
    if result.status == TOO_LARGE:
        size = result.size
        return QCoreApplication.translate(
            "MainWindow", "zu groß ({0} × {1} Pixel, höchstens {2} Millionen Pixel)"
        ).format(
            size.width() if size else "?",
            size.height() if size else "?",
            limits.max_image_pixels // 1_000_000,
        )
    if result.status == UNSUPPORTED:
        return QCoreApplication.translate(
            "MainWindow", "kein druckbares Format (nur PDF, JPEG, PNG und TIFF)"
        )
    if result.status != OK or result.image is None:
        return QCoreApplication.translate("MainWindow", "beschädigt, kann nicht gelesen werden")
    image = result.image
    box_width, box_height = page.size
    if image.width() > box_width or image.height() > box_height:
        image = image.scaled(
            box_width,
            box_height,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return _opaque(image)


def render_pages(
    documents: Sequence[PrintDocument], pages: Sequence[_Page], limits: PrintLimits
) -> list[QImage | NotPrinted]:
    """One batch of page images, in order; each PDF is opened once per batch in this thread."""
    results: list[QImage | NotPrinted] = []
    position = 0
    while position < len(pages):
        index = pages[position].document
        group = []
        while position < len(pages) and pages[position].document == index:
            group.append(pages[position])
            position += 1
        document = documents[index]
        if document.mime != PDF:
            for page in group:
                image = _render_image(document, page, limits)
                results.append(
                    NotPrinted(document.name, image) if isinstance(image, str) else image
                )
            continue
        with _open_pdf(document.data) as pdf:
            for page in group:
                image = pdf.render(page.page, QSize(*page.size))
                if image.isNull():
                    results.append(
                        NotPrinted(
                            document.name,
                            QCoreApplication.translate(
                                "MainWindow", "Seite {0} kann nicht gedruckt werden"
                            ).format(page.page + 1),
                        )
                    )
                else:
                    results.append(_opaque(image))
    return results


# --- GUI side ----------------------------------------------------------------------------

_running: set[PrintJob] = set()


class PrintJob(QObject):
    """One print run on the GUI thread; `on_done(report)` is called once at the end.

    In `blocking` mode (scripts, `print_documents`) and when ops run synchronously (tests) the
    steps run one after another at once; otherwise each step is one event-loop turn.
    """

    def __init__(
        self,
        documents: Sequence[PrintDocument],
        printer,
        *,
        on_done: Callable[[PrintReport], None] | None = None,
        limits: PrintLimits | None = None,
        blocking: bool = False,
    ):
        super().__init__()
        self._documents = list(documents)
        self._printer = printer
        self._on_done = on_done
        self._limits = limits or PrintLimits()
        self._blocking = blocking
        self._painter = QPainter()
        self._report = PrintReport()
        self._planned: list[_Page] = []
        self._rendered = 0  # planned pages handed to a render op so far
        self._handled = 0  # planned pages painted or refused so far
        self._images: deque[QImage | NotPrinted] = deque()
        self._band = 0  # next band of the first image in `_images`
        self._steps: deque[Callable[[], None]] = deque()
        self._stepping = False
        self._cancelled = False
        self._finished = False
        self._progress: QProgressDialog | None = None

    @property
    def report(self) -> PrintReport:
        return self._report

    def show_progress(self, parent: QWidget) -> None:
        """A progress dialog whose Cancel stops the job after the band being painted."""
        dialog = QProgressDialog(
            QCoreApplication.translate("MainWindow", "Drucke…"),
            QCoreApplication.translate("MainWindow", "Abbrechen"),
            0,
            0,
            parent,
        )
        dialog.setWindowTitle(QCoreApplication.translate("MainWindow", "Drucken"))
        dialog.setObjectName("print_progress")
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(self.cancel)
        self._progress = dialog

    def start(self) -> None:
        _running.add(self)
        box = page_box(self._printer, self._limits)
        documents, limits = self._documents, self._limits
        self._schedule(lambda: self._run(lambda: plan_pages(documents, box, limits), self._plan))

    def cancel(self) -> None:
        if not self._finished:
            self._cancelled = self._report.cancelled = True

    def _guarded(self, step: Callable[..., None]) -> Callable[..., None]:
        """A step that ends the job on an unexpected error instead of leaving it half done."""

        def run(*args) -> None:
            try:
                step(*args)
            except Exception as exc:
                if self._finished:
                    raise  # from `on_done`, which is not the job's to swallow
                self._failed(exc)

        return run

    def _schedule(self, step: Callable[[], None]) -> None:
        if not (self._blocking or ops.is_synchronous()):
            QTimer.singleShot(0, self, self._guarded(step))
            return
        self._steps.append(self._guarded(step))
        if self._stepping:
            return
        self._stepping = True
        try:
            while self._steps:
                self._steps.popleft()()
        finally:
            self._stepping = False

    def _run(self, work: Callable[[], Any], then: Callable[[Any], None]) -> None:
        if not self._blocking:
            ops.Op(self, work).on_success(self._guarded(then)).on_failure(self._failed).start()
            return
        try:
            value = work()
        except Exception as exc:
            self._failed(exc)
        else:
            then(value)

    def _failed(self, exc: BaseException) -> None:
        self._report.error = exc
        self._finish()

    def _plan(self, planned: tuple[list[_Page], list[NotPrinted]]) -> None:
        self._planned, refused = planned
        self._report.not_printed.extend(refused)
        if self._alive_progress():
            self._progress.setMaximum(max(1, len(self._planned)))
        self._render_next()

    def _render_next(self) -> None:
        if self._cancelled or self._rendered >= len(self._planned):
            self._finish()
            return
        batch = self._planned[self._rendered : self._rendered + self._limits.batch_pages]
        self._rendered += len(batch)
        documents, limits = self._documents, self._limits
        self._run(lambda: render_pages(documents, batch, limits), self._paint_batch)

    def _paint_batch(self, images: list[QImage | NotPrinted]) -> None:
        self._images.extend(images)
        self._band = 0
        self._schedule(self._paint_step)

    def _paint_step(self) -> None:
        """One band of the current page, or one refusal; then the next step or batch."""
        if self._finished:
            return
        if self._cancelled:
            self._finish()
            return
        item = self._images[0]
        if isinstance(item, NotPrinted):
            if item not in self._report.not_printed:
                self._report.not_printed.append(item)
            page_done = True
        else:
            if self._band == 0 and not self._next_page():
                return
            page_done = self._paint_band(item)
        del item  # a finished page's image is freed here, not while the next batch renders
        if page_done:
            self._images.popleft()
            self._band = 0
            self._handled += 1
            self._show_progress()
        if self._images:
            self._schedule(self._paint_step)
        else:
            self._render_next()

    def _next_page(self) -> bool:
        if self._painter.isActive():
            if self._printer.newPage():
                return True
        elif self._painter.begin(self._printer):
            return True
        self._report.printer_failed = True
        self._finish()
        return False

    def _paint_band(self, image: QImage) -> bool:
        """Paint band `_band` of `image`; True when that was the last band of the page."""
        height = image.height()
        bands = max(1, math.ceil(image.width() * height / self._limits.band_pixels))
        top, bottom = height * self._band // bands, height * (self._band + 1) // bands
        # One source row of overlap, painted over by the next band: renderers that smooth the
        # edges of images would otherwise show a hairline between two bands.
        bottom_with_overlap = min(height, bottom + 1)
        target = self._painter.viewport()
        width_px, height_px = fit_into(image.width(), height, target.width(), target.height())
        scale_x, scale_y = width_px / image.width(), height_px / height
        self._painter.drawImage(
            QRectF(
                target.x(),
                target.y() + top * scale_y,
                image.width() * scale_x,
                (bottom_with_overlap - top) * scale_y,
            ),
            image,
            QRectF(0, top, image.width(), bottom_with_overlap - top),
        )
        self._band += 1
        if self._band < bands:
            return False
        self._report.pages += 1
        return True

    def _alive_progress(self) -> bool:
        return self._progress is not None and shiboken6.isValid(self._progress)

    def _show_progress(self) -> None:
        if self._alive_progress():
            self._progress.setLabelText(
                QCoreApplication.translate("MainWindow", "Drucke Seite {0} von {1}…").format(
                    min(self._handled + 1, len(self._planned)), len(self._planned)
                )
            )
            self._progress.setValue(self._handled)

    def _finish(self) -> None:
        if self._finished:
            return
        self._finished = True
        self._images.clear()
        self._steps.clear()
        if self._painter.isActive():
            if self._report.cancelled and hasattr(self._printer, "abort"):
                self._report.aborted = bool(self._printer.abort())
            self._painter.end()
        if self._alive_progress():
            self._progress.reset()  # setValue(maximum) would not close it once cancelled
            self._progress.close()
            self._progress.deleteLater()
        self._progress = None
        _running.discard(self)
        if self._on_done is not None:
            self._on_done(self._report)


def report_text(report: PrintReport) -> str:
    """First line for the status bar; then every document that was not printed, and why."""
    if report.printer_failed:
        first = QCoreApplication.translate(
            "MainWindow", "Der Drucker konnte nicht gestartet werden; {0} Seiten gedruckt."
        ).format(report.pages)
    elif report.cancelled and report.aborted:
        first = QCoreApplication.translate(
            "MainWindow", "Drucken abgebrochen; es wird nichts gedruckt."
        )
    elif report.cancelled:
        first = QCoreApplication.translate(
            "MainWindow", "Drucken abgebrochen nach {0} Seiten."
        ).format(report.pages)
    else:
        first = QCoreApplication.translate("MainWindow", "{0} Seiten gedruckt").format(report.pages)
    if report.not_printed:
        first += QCoreApplication.translate("MainWindow", "; {0} Dokumente nicht gedruckt").format(
            len(report.not_printed)
        )
        lines = [f"{display_name(item.name)}: {item.reason}" for item in report.not_printed]
        return (
            first
            + "\n\n"
            + QCoreApplication.translate("MainWindow", "Nicht gedruckt:")
            + "\n"
            + "\n".join(lines)
        )
    return first
