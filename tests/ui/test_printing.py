"""Printing summaries and attachments: limits for hostile files, background rendering, cancel."""

from __future__ import annotations

import base64
import io
import struct
import threading
import zlib

import pytest
from pypdf import PdfReader, PdfWriter
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QColor
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton, QWidget
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ab_inbox.inbox import Inbox
from ab_inbox.ui import handoff_actions, print_pages
from ab_inbox.ui.print_pages import PrintDocument, PrintJob, PrintLimits
from tests.conftest import ensure_tester
from tests.messages import edit, fetch_files, valid_message

PDF = "application/pdf"


def make_pdf(pages: int, *, black: bool = False) -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    for number in range(pages):
        if black:
            page.rect(0, 0, A4[0], A4[1], stroke=0, fill=1)
        else:
            page.drawString(72, 720, f"Seite {number + 1}")
        page.showPage()
    page.save()
    return out.getvalue()


def locked_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("geheim")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A few bytes of PNG whose header claims `width` x `height` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 16))
        + chunk(b"IEND", b"")
    )


def tiff_claiming(width: int, height: int) -> bytes:
    """A greyscale TIFF whose header claims `width` x `height` pixels, with 16 bytes of data."""
    entries = [
        (256, 4, width),  # ImageWidth
        (257, 4, height),  # ImageLength
        (258, 3, 8),  # BitsPerSample
        (259, 3, 1),  # Compression: none
        (262, 3, 1),  # Photometric: black is zero
        (273, 4, 0),  # StripOffsets, filled in below
        (277, 3, 1),  # SamplesPerPixel
        (278, 4, height),  # RowsPerStrip
        (279, 4, 16),  # StripByteCounts
    ]
    data_offset = 8 + 2 + 12 * len(entries) + 4
    ifd = struct.pack("<H", len(entries))
    for tag, kind, value in entries:
        value = data_offset if tag == 273 else value
        layout = "<HHIHxx" if kind == 3 else "<HHII"  # SHORT or LONG, padded to four bytes
        ifd += struct.pack(layout, tag, kind, 1, value)
    return b"II*\x00" + struct.pack("<I", 8) + ifd + struct.pack("<I", 0) + b"\x00" * 16


def page_count(path) -> int:
    return len(PdfReader(str(path)).pages)


@pytest.fixture
def pdf_printer(tmp_path):
    """A real QPrinter that prints into a PDF file, and that file."""
    target = tmp_path / "gedruckt.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    return printer, target


def message_with(pdf: bytes | None = None, image: bytes | None = None) -> bytes:
    """The test message with its PDF and its image attachment replaced."""

    def change(root):
        documents = [
            el for el in root.iter() if isinstance(el.tag, str) and el.tag.endswith("dokument")
        ]
        documents = [el for el in documents if el.text and len(el.text.strip()) > 100]
        for element, data in zip(documents, (pdf, image), strict=True):
            if data is not None:
                element.text = base64.b64encode(data).decode("ascii")

    return edit(valid_message(seed=501), change)


@pytest.fixture
def make_window(main_windows, tmp_path, schemas_dir):
    def make(message: bytes):
        db = tmp_path / "p.sqlite3"
        with Inbox(db, schemas_dir) as box:
            ensure_tester(box)
            fetch_files(box, tmp_path / "drop", {"a.xml": message})
        window = main_windows(db, schemas_dir)
        window.table.selectRow(0)
        return window

    return make


@pytest.fixture
def summaries(monkeypatch):
    """The summary PDFs the core produced, to count their pages."""
    produced: list[bytes] = []
    original = Inbox.summary_pdf

    def recording(self, case_id):
        data = original(self, case_id)
        produced.append(data)
        return data

    monkeypatch.setattr(Inbox, "summary_pdf", recording)
    return produced


def test_summary_with_attachments_prints_every_page(
    make_window, pdf_printer, summaries, monkeypatch
):
    printer, target = pdf_printer
    window = make_window(message_with(pdf=make_pdf(3)))
    monkeypatch.setattr(handoff_actions, "choose_printer", lambda _window: printer)

    handoff_actions.print_summary(window, with_attachments=True)

    summary_pages = len(PdfReader(io.BytesIO(summaries[0])).pages)
    assert page_count(target) == summary_pages + 3 + 1  # summary, the PDF, the JPEG
    assert window.statusBar().currentMessage() == f"{summary_pages + 4} Seiten gedruckt"
    assert window.findChild(QMessageBox, "print_summary") is None


def test_print_summary_returns_at_once_and_prints_in_the_background(
    real_threads, qtbot, make_window, pdf_printer, summaries, monkeypatch
):
    printer, target = pdf_printer
    window = make_window(message_with(pdf=make_pdf(3)))
    monkeypatch.setattr(handoff_actions, "choose_printer", lambda _window: printer)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)  # the queue is read in the background
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: window.selected_case_ids() != [])

    handoff_actions.print_summary(window, with_attachments=True)
    assert not target.exists()  # nothing was collected, rendered or painted yet

    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage().endswith("Seiten gedruckt"), timeout=30_000
    )
    summary_pages = len(PdfReader(io.BytesIO(summaries[0])).pages)
    assert page_count(target) == summary_pages + 4


def test_hostile_attachments_are_reported_and_not_printed(
    make_window, pdf_printer, summaries, monkeypatch
):
    printer, target = pdf_printer
    window = make_window(message_with(pdf=make_pdf(501), image=tiff_claiming(60000, 60000)))
    monkeypatch.setattr(handoff_actions, "choose_printer", lambda _window: printer)

    handoff_actions.print_summary(window, with_attachments=True)

    assert page_count(target) == len(PdfReader(io.BytesIO(summaries[0])).pages)
    assert "2 Dokumente nicht gedruckt" in window.statusBar().currentMessage()
    box = window.findChild(QMessageBox, "print_summary")
    lines = box.text().splitlines()
    assert (
        "Antragszusammenfassung.pdf: zu groß (501 Seiten, höchstens 500 Seiten je Dokument)"
        in lines
    )
    assert any(
        line.startswith("Meldebescheinigung Çelik.jpg: zu groß (60000 × 60000 Pixel")
        for line in lines
    )


def test_documents_that_cannot_be_opened_are_reported(pdf_printer):
    printer, target = pdf_printer
    documents = [
        PrintDocument("gesperrt.pdf", PDF, locked_pdf()),
        PrintDocument("kaputt.pdf", PDF, b"%PDF-1.7\n" + b"\x00" * 200),
        PrintDocument("kein.pdf", PDF, b"<html>kein PDF</html>"),
        PrintDocument("bombe.png", "image/png", png_claiming(30000, 30000)),
        PrintDocument("text.txt", "text/plain", b"nur Text"),
        PrintDocument("gut.pdf", PDF, make_pdf(2)),
    ]

    report = handoff_actions.print_documents(documents, printer)

    assert report.pages == 2 and page_count(target) == 2
    reasons = {item.name: item.reason for item in report.not_printed}
    assert reasons == {
        "gesperrt.pdf": "verschlüsselt, kann ohne Kennwort nicht gedruckt werden",
        "kaputt.pdf": "beschädigt oder verschlüsselt, kann nicht geöffnet werden",
        "kein.pdf": "keine PDF-Datei",
        "bombe.png": "zu groß (30000 × 30000 Pixel, höchstens 120 Millionen Pixel)",
        "text.txt": "kein druckbares Format (nur PDF, JPEG, PNG und TIFF)",
    }
    assert "Nicht gedruckt:\ngesperrt.pdf: verschlüsselt" in print_pages.report_text(report)


def test_print_pdf_raises_instead_of_printing_nothing(tmp_path):
    from PySide6.QtGui import QPdfWriter

    writer = QPdfWriter(str(tmp_path / "leer.pdf"))
    with pytest.raises(ValueError, match="Kennwort"):
        handoff_actions.print_pdf(locked_pdf(), writer)


def test_a_job_stops_at_its_page_limit_and_names_the_rest(pdf_printer):
    printer, target = pdf_printer
    documents = [PrintDocument(f"{n}.pdf", PDF, make_pdf(2)) for n in range(3)]
    job = PrintJob(documents, printer, limits=PrintLimits(max_job_pages=3), blocking=True)
    job.start()

    assert job.report.pages == 2 and page_count(target) == 2
    assert [item.name for item in job.report.not_printed] == ["1.pdf", "2.pdf"]
    assert "höchstens 3 Seiten je Auftrag" in job.report.not_printed[0].reason


def test_pages_are_rendered_in_the_background_batch_after_batch(
    real_threads, qtbot, pdf_printer, monkeypatch
):
    printer, target = pdf_printer
    render = print_pages.render_pages
    calls = []

    def recording(documents, pages, limits):
        # Painted so far: the next batch is rendered only after the last one is printed.
        calls.append((threading.current_thread() is threading.main_thread(), job.report.pages))
        return render(documents, pages, limits)

    monkeypatch.setattr(print_pages, "render_pages", recording)
    reports = []
    job = PrintJob(
        [PrintDocument("sieben.pdf", PDF, make_pdf(7))],
        printer,
        on_done=reports.append,
        limits=PrintLimits(batch_pages=3),
    )
    job.start()
    assert not reports and job.report.pages == 0  # start() only queued the work

    qtbot.waitUntil(lambda: bool(reports), timeout=30_000)
    assert calls == [(False, 0), (False, 3), (False, 6)]
    assert reports[0].pages == 7 and page_count(target) == 7


def test_cancel_in_the_progress_dialog_stops_the_job(qtbot, pdf_printer, monkeypatch):
    printer, target = pdf_printer
    parent = QWidget()
    qtbot.addWidget(parent)
    render = print_pages.render_pages
    batches = []

    def cancel_during_second_batch(documents, pages, limits):
        batches.append(len(pages))
        if len(batches) == 2:
            dialog = parent.findChild(QProgressDialog, "print_progress")
            dialog.findChild(QPushButton).click()
        return render(documents, pages, limits)

    monkeypatch.setattr(print_pages, "render_pages", cancel_during_second_batch)
    reports = []
    job = PrintJob(
        [PrintDocument("neun.pdf", PDF, make_pdf(9))],
        printer,
        on_done=reports.append,
        limits=PrintLimits(batch_pages=3),
    )
    job.show_progress(parent)
    job.start()

    [report] = reports
    assert report.cancelled and report.pages == 3 and batches == [3, 3]
    assert page_count(target) == 3  # a PDF printer cannot take pages back
    assert print_pages.report_text(report) == "Drucken abgebrochen nach 3 Seiten."
    assert parent.findChild(QProgressDialog, "print_progress") is None or not (
        parent.findChild(QProgressDialog, "print_progress").isVisible()
    )


def test_a_page_painted_in_bands_is_whole(pdf_printer):
    printer, target = pdf_printer
    job = PrintJob(
        [PrintDocument("schwarz.pdf", PDF, make_pdf(1, black=True))],
        printer,
        limits=PrintLimits(band_pixels=200_000),  # about 40 bands
        blocking=True,
    )
    job.start()
    assert job.report.pages == 1

    buffer = QBuffer()
    buffer.setData(QByteArray(target.read_bytes()))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    image = document.render(0, QSize(850, 1200))
    document.close()
    # The printable area is inside the paper's margins; its middle must be black on every row
    # (pdfium leaves what was not painted transparent).
    colours = (QColor.fromRgba(image.pixel(x, y)) for y in range(150, 1050) for x in (300, 550))
    assert all(c.alpha() == 255 and c.lightness() < 60 for c in colours)
