"""Viewers keep the GUI thread free: decoding runs in ops, long work runs in slices.

Nothing here measures time. The tests assert the behaviour that makes the window responsive:
with real threads, `load_bytes()` returns while the viewer still says it is loading and the
content arrives later through the op; searches and the filling of a large text return after a
first slice and finish in later event-loop turns; a new search or document cancels the old one.
"""

from __future__ import annotations

import io
import threading

import pytest
from PIL import Image
from reportlab.pdfgen import canvas

from ab_inbox.ui import ops
from ab_inbox.ui.viewers import ImageViewer, PdfViewer, XmlViewer, image_viewer, xml_viewer
from ab_inbox.ui.viewers.pdf_search import SLICE_PAGES
from ab_inbox.ui.viewers.xml_decoding import (
    DECODE_PIECE_BYTES,
    FILL_CHUNK_CHARS,
    decode_xml,
    prepare_xml,
    shorten_long_lines,
)

MARKER = " … [{count} weitere Zeichen nicht angezeigt]"


def _pdf(pages: list[str]) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(300, 300))
    for text in pages:
        pdf.drawString(20, 260, text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _image(kind: str, width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 200)).save(buffer, kind)
    return buffer.getvalue()


def _settle(qtbot, viewer) -> None:
    """Let every op finish and deliver, so no worker outlives the test."""
    assert ops.wait_for_all(5000)
    qtbot.waitUntil(lambda: not viewer.is_loading(), timeout=5000)


# -- PDF search -------------------------------------------------------------------------------


def _long_pdf() -> tuple[bytes, int]:
    """Four slices' worth of pages; "Zebra" on the first and the last page."""
    count = SLICE_PAGES * 4
    pages = [f"Seite {n + 1}" for n in range(count)]
    pages[0] += " Zebra"
    pages[-1] += " Zebra"
    pages[5] += " Reisepass"
    return _pdf(pages), count


def test_pdf_search_returns_after_a_slice_and_hits_arrive_later(qtbot):
    data, count = _long_pdf()
    viewer = PdfViewer()
    qtbot.addWidget(viewer)
    viewer.resize(700, 500)
    viewer.show()
    assert viewer.load_bytes(data, "lang.pdf")

    assert viewer.search("Zebra") == 1  # page 1 is always in the first slice
    assert viewer.is_searching()
    assert 1 <= viewer.searched_pages() <= SLICE_PAGES
    assert viewer.hit_label_text() == "1 von 1 Treffer"
    assert viewer.current_hit() == 0

    qtbot.waitUntil(lambda: not viewer.is_searching(), timeout=10_000)
    assert viewer.searched_pages() == count
    assert viewer.hit_count() == 2
    assert viewer.hit_label_text() == "1 von 2 Treffern"
    viewer.next_hit()
    assert viewer.current_hit() == 1
    qtbot.waitUntil(lambda: viewer.current_page() == count - 1, timeout=3000)


def test_pdf_search_is_cancelled_by_new_text_and_by_another_document(qtbot):
    data, _count = _long_pdf()
    viewer = PdfViewer()
    qtbot.addWidget(viewer)
    assert viewer.load_bytes(data, "lang.pdf")

    viewer.search("Zebra")
    assert viewer.is_searching()
    viewer.search("Reisepass")
    qtbot.waitUntil(lambda: not viewer.is_searching(), timeout=10_000)
    assert viewer.hit_count() == 1  # none of the Zebra hits found before the change

    viewer.search("Zebra")
    assert viewer.is_searching()
    assert viewer.load_bytes(_pdf(["anderes Dokument"]), "kurz.pdf")
    assert not viewer.is_searching()
    assert viewer.hit_count() == 0 and viewer.hit_label_text() == ""


def test_pdf_search_over_its_budget_still_ends(qtbot):
    data, count = _long_pdf()
    viewer = PdfViewer(search_budget_s=0.0)
    qtbot.addWidget(viewer)
    assert viewer.load_bytes(data, "lang.pdf")
    viewer.search("Zebra")
    qtbot.waitUntil(lambda: not viewer.is_searching(), timeout=20_000)
    assert viewer.searched_pages() == count and viewer.hit_count() == 2


# -- images -----------------------------------------------------------------------------------


def test_image_is_decoded_in_an_op_while_the_viewer_says_loading(qtbot, real_threads, monkeypatch):
    threads = []

    def recording_read(*args, **kwargs):
        threads.append(threading.get_ident())
        return read(*args, **kwargs)

    read = image_viewer.read_image
    monkeypatch.setattr(image_viewer, "read_image", recording_read)
    viewer = ImageViewer()
    qtbot.addWidget(viewer)

    assert viewer.load_bytes(_image("JPEG", 64, 48), "foto.jpg")
    assert viewer.is_loading()
    assert "„foto.jpg“ wird geladen" in viewer.message_text()
    assert viewer.image_size() == (0, 0)

    qtbot.waitUntil(lambda: not viewer.is_loading(), timeout=5000)
    assert viewer.image_size() == (64, 48)
    assert viewer.message_text() == ""
    assert threads and threading.get_ident() not in threads


def test_image_refusal_arrives_through_the_op(qtbot, real_threads):
    viewer = ImageViewer(max_pixels=100)
    qtbot.addWidget(viewer)
    assert viewer.load_bytes(_image("PNG", 20, 20), "gross.png")  # not known yet: still loading
    assert viewer.is_loading()
    qtbot.waitUntil(lambda: not viewer.is_loading(), timeout=5000)
    assert "20 × 20 Pixel" in viewer.message_text()


def test_image_result_of_an_earlier_load_is_dropped(qtbot, real_threads):
    viewer = ImageViewer()
    qtbot.addWidget(viewer)
    viewer.load_bytes(_image("PNG", 1500, 1000), "erst.png")
    viewer.load_bytes(_image("PNG", 12, 8), "dann.png")
    _settle(qtbot, viewer)
    assert viewer.image_size() == (12, 8)


def test_tiff_page_is_decoded_in_an_op_and_the_shown_page_stays_meanwhile(qtbot, real_threads):
    buffer = io.BytesIO()
    Image.new("RGB", (10, 20)).save(
        buffer, "TIFF", save_all=True, append_images=[Image.new("RGB", (30, 15))]
    )
    viewer = ImageViewer()
    qtbot.addWidget(viewer)
    viewer.load_bytes(buffer.getvalue(), "fax.tif")
    qtbot.waitUntil(lambda: not viewer.is_loading(), timeout=5000)
    assert viewer.frame_count() == 2

    viewer.next_frame()
    assert viewer.is_loading()
    assert viewer.image_size() == (10, 20) and viewer.message_text() == ""
    qtbot.waitUntil(lambda: not viewer.is_loading(), timeout=5000)
    assert viewer.current_frame() == 1 and viewer.image_size() == (30, 15)


# -- XML ----------------------------------------------------------------------------------------


def _big_xml(line_end: str = "\r\n") -> str:
    """Comfortably more than three fill chunks, one "Zebra" near the end."""
    lines = [f'  <eintrag nr="{n}">Müller &amp; Söhne</eintrag>' for n in range(24_000)]
    lines[-3] = "  <hinweis>Zebra</hinweis>"
    text = line_end.join(["<liste>", *lines, "</liste>"]) + line_end
    assert len(text) > 3 * FILL_CHUNK_CHARS
    return text


def test_xml_is_decoded_in_an_op_while_the_viewer_says_loading(qtbot, real_threads):
    viewer = XmlViewer()
    qtbot.addWidget(viewer)
    assert viewer.load_bytes(b"<a>\n  <b>Zebra</b>\n</a>\n", "n.xml")
    assert viewer.is_loading()
    assert "„n.xml“ wird geladen" in viewer.message_text()
    assert viewer.text() == ""
    qtbot.waitUntil(lambda: not viewer.is_loading(), timeout=5000)
    assert viewer.text() == "<a>\n  <b>Zebra</b>\n</a>\n"
    assert viewer.message_text() == ""


def test_xml_result_of_an_earlier_load_is_dropped(qtbot, real_threads):
    viewer = XmlViewer()
    qtbot.addWidget(viewer)
    viewer.load_bytes(_big_xml().encode(), "erst.xml")
    viewer.load_bytes(b"<zweite/>", "dann.xml")
    _settle(qtbot, viewer)
    assert viewer.text() == "<zweite/>"


def test_xml_large_text_fills_in_chunks_and_a_find_waits_for_it(qtbot):
    source = _big_xml()
    viewer = XmlViewer()
    qtbot.addWidget(viewer)
    assert viewer.load_bytes(source.encode(), "gross.xml")
    # The op has run (synchronous in tests); only the first chunk is in the view so far.
    assert viewer.is_loading() and viewer.message_text() == ""
    assert 0 < len(viewer.text()) < len(source) // 2
    assert viewer.find("zebra") == 0  # asked for while loading: runs when the text is complete

    qtbot.waitUntil(lambda: not viewer.is_loading() and not viewer.is_searching(), timeout=10_000)
    assert viewer.text() == source.replace("\r\n", "\n")  # "\r\n" never split between chunks
    assert viewer.text_view().blockCount() == source.count("\r\n") + 1
    assert viewer.hit_count() == 1
    assert viewer.text_view().textCursor().selectedText() == "Zebra"
    assert viewer.highlighter().document() is viewer.text_view().document()


def test_xml_find_runs_in_slices(qtbot, monkeypatch):
    monkeypatch.setattr(xml_viewer, "FIND_SLICE_SECONDS", 0.0)  # one line per slice
    viewer = XmlViewer()
    qtbot.addWidget(viewer)
    viewer.load_bytes("<a>\n<b>\U0001f600 name</b>\n<name/>\n</a>\n".encode(), "n.xml")
    assert viewer.find("NAME") == 0  # the first line has none
    assert viewer.is_searching()
    assert viewer.hit_label_text() == "Suche läuft …"  # not "Keine Treffer" yet
    qtbot.waitUntil(lambda: not viewer.is_searching(), timeout=3000)
    assert viewer.hit_count() == 2
    assert viewer.text_view().textCursor().selectedText() == "name"  # after the emoji
    assert viewer.hit_label_text() == "1 von 2 Treffern"

    viewer.find("b")
    assert viewer.is_searching()
    viewer.find("")  # a new text cancels the search under way
    assert not viewer.is_searching() and viewer.hit_count() == 0


def test_xml_prepared_chunks_are_the_shortened_text():
    source = _big_xml().replace("<hinweis>Zebra</hinweis>", "<b>" + "QUJD" * 10_000 + "</b>")
    prepared = prepare_xml(source.encode(), max_line_chars=1000, marker=MARKER)
    assert "\r\n" in source  # shown with "\n" line ends, the lines the same
    expected, cut = shorten_long_lines(source.replace("\r\n", "\n"), 1000, MARKER)
    assert "".join(prepared.chunks) == expected
    assert prepared.shortened == cut == 1
    assert len(prepared.chunks) > 3
    assert all(chunk.endswith("\n") for chunk in prepared.chunks)
    assert max(map(len, prepared.chunks)) < FILL_CHUNK_CHARS + 2000


@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_xml_decoding_in_pieces_keeps_characters_across_piece_ends(offset):
    head = b"<a>" + b"x" * (DECODE_PIECE_BYTES - 4 + offset)
    data = head + "ä€\U0001f600".encode() + b"</a>"
    decoded = decode_xml(data)
    assert decoded.text == data.decode("utf-8") and not decoded.replaced
    broken = decode_xml(head + b"\xc3</a>")
    assert broken.replaced and broken.text.endswith("\ufffd</a>")
