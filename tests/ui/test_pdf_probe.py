"""A PDF is tried in a separate process before the window opens it: a small file whose pages
cost pdfium seconds is refused there, and the window stays free."""

from __future__ import annotations

import base64
import io
import shutil
import sys
import threading
import zlib

from lxml import etree
from PySide6.QtWidgets import QApplication
from reportlab.pdfgen import canvas

from ab_inbox.inbox import Inbox
from ab_inbox.ui.viewers.pdf_probe import probe_pdf
from tests.conftest import ensure_tester
from tests.core.ozg_samples import XA, antrag_130101
from tests.messages import fetch_files


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of these objects (1 is the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        table,
    )
    return bytes(out)


def _stream(content: bytes, entries: bytes = b"") -> bytes:
    packed = zlib.compress(content)
    return b"<< /Length %d /Filter /FlateDecode%s >>\nstream\n%s\nendstream" % (
        len(packed),
        entries,
        packed,
    )


def xobject_bomb(depth: int = 7) -> bytes:
    """About two kilobytes: a form that draws the next form ten times, `depth` levels deep,
    so its one page asks pdfium for ten million drawings."""
    forms = 4  # object number of the outermost form
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800]"
        b" /Resources << /XObject << /X 4 0 R >> >> /Contents %d 0 R >>" % (forms + depth + 1),
    ]
    for level in range(depth, -1, -1):
        if level == 0:
            objects.append(_stream(b"0 0 m 600 800 l S", b" /Subtype /Form /BBox [0 0 600 800]"))
        else:
            inner = forms + depth - level + 1
            objects.append(
                _stream(
                    b"q /X Do Q " * 10,
                    b" /Subtype /Form /BBox [0 0 600 800]"
                    b" /Resources << /XObject << /X %d 0 R >> >>" % inner,
                )
            )
    objects.append(_stream(b"q /X Do Q"))
    return _pdf(objects)


def letter(text: str = "Vollmacht für Frau Nguyễn") -> bytes:
    """An ordinary one-page letter, as reportlab writes it (another text, another document:
    a document found fine is not tried again)."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, text)
    page.save()
    return buffer.getvalue()


def test_an_ordinary_pdf_passes_the_trial():
    assert probe_pdf(letter()).ok


def test_a_pdf_whose_page_costs_seconds_is_refused_at_that_page():
    verdict = probe_pdf(xobject_bomb())
    assert not verdict.ok
    assert (verdict.reason, verdict.page) == ("slow_page", 0)


def test_what_is_not_a_pdf_is_left_to_the_viewer_to_name():
    assert probe_pdf(b"%PDF-1.4\nkaputt").ok  # pdfium's own verdict comes later, in-process


def test_a_trial_that_cannot_run_does_not_blame_the_document(monkeypatch):
    document = letter("Nie geprüft")
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")  # no interpreter to start
    assert probe_pdf(document).reason == "unavailable"
    monkeypatch.setattr(sys, "executable", shutil.which("true"))  # starts, says nothing
    assert probe_pdf(document).reason == "unavailable"


def test_a_trial_no_longer_needed_is_stopped():
    cancel = threading.Event()
    threading.Timer(0.5, cancel.set).start()
    assert probe_pdf(xobject_bomb(), cancel=cancel).reason == "cancelled"


def _case_with_document(tmp_path, schemas_dir, content: bytes) -> tuple:
    def put(root):
        for proof in root.iter(f"{XA}nachweis"):
            if proof.findtext(f"{XA}dateiname") == "pass.pdf":
                proof.find(f".//{XA}dokument").text = base64.b64encode(content).decode()

    root = etree.fromstring(antrag_130101())
    put(root)
    db = tmp_path / "probe.sqlite3"
    with Inbox(db, schemas_dir) as box:
        ensure_tester(box)
        fetch_files(box, tmp_path / "drop", {"a.xml": etree.tostring(root)})
    return db


def test_the_window_names_a_refused_pdf_and_can_still_save_it(main_windows, tmp_path, schemas_dir):
    window = main_windows(_case_with_document(tmp_path, schemas_dir, xobject_bomb()), schemas_dir)
    window.table.selectRow(0)
    view = window.case_view
    view.tabs.setCurrentIndex(1)
    docs = view.documents
    row = next(i for i in range(docs.count()) if docs.item(i).text() == "pass.pdf")
    docs.setCurrentRow(row)
    QApplication.processEvents()

    viewer = view.viewer_holder.currentWidget()
    assert "„pass.pdf“ wird nicht angezeigt" in viewer.message_text()
    assert "Seite 1 braucht zum Darstellen zu lange" in viewer.message_text()
    assert viewer.page_count() == 0  # pdfium in the window never saw it
    save = next(a for a in viewer.toolbar().actions() if a.text() == "Speichern unter…")
    assert save.isEnabled()
