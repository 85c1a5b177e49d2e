"""Attachment viewers on real, generated files: PDF, images, XML, the registry and placeholders.

Hostile inputs are crafted here too: a PDF over the page limit, garbage named .pdf, a PNG whose
header claims 30000 x 30000 pixels. Each must end in a German message, never an exception.
"""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QLineEdit,
    QWidget,
)
from reportlab.pdfgen import canvas

from ab_inbox.ui.viewers import (
    ImageViewer,
    PdfViewer,
    PlaceholderViewer,
    XmlViewer,
    viewer_for,
)
from ab_inbox.ui.viewers.image_reading import BROKEN, TOO_LARGE, read_image
from ab_inbox.ui.viewers.render_limits import clamp_zoom, fit_into, zoom_ceiling
from ab_inbox.ui.viewers.viewer_base import display_name
from ab_inbox.ui.viewers.xml_decoding import decode_xml

WORDS = ("Reisepass", "Arbeitsvertrag Zebra", "Meldebescheinigung")


def _pdf(pages: list[str] | None = None, *, count: int = 0, size=(595, 842)) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=size)
    for text in pages or ["x"] * count:
        pdf.drawString(20, size[1] - 40, text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _image(kind: str, width: int = 40, height: int = 20) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, kind)
    return buffer.getvalue()


def _claim_size(png: bytes, width: int, height: int) -> bytes:
    """Rewrite the IHDR of a real PNG to claim another size, with a valid CRC."""
    assert png[12:16] == b"IHDR"
    ihdr = struct.pack(">II", width, height) + png[24:29]
    crc = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return png[:16] + ihdr + crc + png[33:]


@pytest.fixture
def shown(qtbot):
    """Add a viewer to qtbot, show it at a known size and wait until it is exposed."""

    def show(widget):
        qtbot.addWidget(widget)
        widget.resize(900, 700)
        with qtbot.waitExposed(widget):
            widget.show()
        return widget

    return show


# -- PDF --------------------------------------------------------------------------------------


def test_pdf_loads_navigates_searches_and_fits(shown, qtbot):
    viewer = shown(PdfViewer())
    assert viewer.load_bytes(_pdf(list(WORDS)), "antrag.pdf")
    assert viewer.message_text() == ""
    assert viewer.page_count() == 3
    assert viewer.current_page() == 0
    assert viewer.page_field_text() == "Seite 1 von 3"

    viewer.next_page()
    assert viewer.current_page() == 1
    assert viewer.page_field_text() == "Seite 2 von 3"
    viewer.previous_page()
    assert viewer.current_page() == 0

    viewer.search("Zebra")
    qtbot.waitUntil(lambda: not viewer.is_searching(), timeout=3000)
    assert viewer.hit_count() == 1
    assert viewer.current_page() == 1
    assert viewer.hit_label_text() == "1 von 1 Treffer"
    viewer.search("gibtesnicht")
    qtbot.waitUntil(lambda: not viewer.is_searching(), timeout=3000)
    assert viewer.hit_count() == 0
    assert viewer.hit_label_text() == "Keine Treffer"

    viewer.set_zoom(1.0)
    viewer.zoom_in()
    zoomed = viewer.zoom_factor()
    assert zoomed > 1.0
    viewer.fit_width()
    assert viewer.zoom_factor() != pytest.approx(zoomed)
    fitted = viewer.zoom_factor()
    viewer.fit_page()
    assert viewer.zoom_factor() < fitted
    for _ in range(20):
        viewer.zoom_in()
    assert viewer.zoom_factor() == pytest.approx(4.0)


def test_pdf_thumbnails_are_rendered_small_and_only_on_demand(shown, qtbot):
    viewer = PdfViewer()
    assert viewer.load_bytes(_pdf(list(WORDS)), "antrag.pdf")
    model = viewer.thumbnail_model()
    assert model.rowCount() == 3
    assert model.rendered_pages() == set()  # nothing rendered while hidden
    shown(viewer)
    qtbot.waitUntil(lambda: len(model.rendered_pages()) == 3, timeout=3000)
    pixmap = model.data(model.index(0), Qt.ItemDataRole.DecorationRole)
    assert pixmap.width() <= model.box().width() and pixmap.height() <= model.box().height()


def test_pdf_over_the_page_limit_is_refused_with_a_message(qtbot):
    viewer = PdfViewer()
    qtbot.addWidget(viewer)
    assert not viewer.load_bytes(_pdf(count=600, size=(72, 72)), "dick.pdf")
    assert "600 Seiten" in viewer.message_text()
    assert "höchstens 500" in viewer.message_text()
    assert viewer.page_count() == 0


def test_pdf_garbage_gives_a_german_message(qtbot):
    viewer = PdfViewer()
    qtbot.addWidget(viewer)
    assert not viewer.load_bytes(b"\x00\xffnot a pdf at all" * 50, "pass.pdf")
    assert "keine PDF-Datei" in viewer.message_text()
    assert not viewer.load_bytes(b"%PDF-1.7\n" + b"kaputt " * 200, "pass.pdf")
    assert "beschädigt" in viewer.message_text()
    locked = io.BytesIO()
    pdf = canvas.Canvas(locked, encrypt="geheim")
    pdf.drawString(20, 20, "vertraulich")
    pdf.save()
    assert not viewer.load_bytes(locked.getvalue(), "gesperrt.pdf")
    assert "ohne Kennwort" in viewer.message_text()
    # A good file afterwards still loads: a refusal leaves no broken state behind.
    assert viewer.load_bytes(_pdf(["ok"]), "gut.pdf")
    assert viewer.message_text() == ""


def test_pdf_page_beyond_the_pixel_cap_is_refused(qtbot):
    viewer = PdfViewer()
    qtbot.addWidget(viewer)
    assert not viewer.load_bytes(_pdf(["riesig"], size=(100_000, 100_000)), "riesig.pdf")
    assert "Seite 1" in viewer.message_text() and "nicht sicher" in viewer.message_text()


def test_pdf_zoom_is_capped_by_the_largest_page():
    assert zoom_ceiling(0, 40_000_000) == 4.0
    assert zoom_ceiling(10_000 * 10_000, 40_000_000) == pytest.approx(0.632, abs=0.001)
    assert zoom_ceiling(float("inf"), 40_000_000) == 0.0
    assert clamp_zoom(9.0, 0.5) == 0.5 and clamp_zoom(0.01, 4.0) == 0.1
    assert fit_into(1, 14_400, 96, 128) == (1, 128)


# -- images -----------------------------------------------------------------------------------


def test_image_loads_rotates_and_zooms(shown):
    viewer = shown(ImageViewer())
    assert viewer.load_bytes(_image("JPEG", 40, 20), "foto.jpg")
    assert viewer.image_size() == (40, 20)
    viewer.set_zoom(1.0)
    assert viewer.displayed_size() == (40, 20)
    viewer.rotate_right()
    assert viewer.rotation() == 90
    assert viewer.displayed_size() == (20, 40)
    viewer.rotate_left()
    assert viewer.displayed_size() == (40, 20)
    viewer.zoom_in()
    assert viewer.zoom_factor() == pytest.approx(1.25)
    assert viewer.displayed_size() == (50, 25)
    viewer.fit_to_window()
    assert viewer.zoom_factor() > 4.0 - 1e-9  # a small picture fits up to the zoom cap
    viewer.grab()  # paints through the transform without error


def test_image_png_loads(qtbot):
    viewer = ImageViewer()
    qtbot.addWidget(viewer)
    assert viewer.load_bytes(_image("PNG", 3, 5), "scan.png")
    assert viewer.image_size() == (3, 5)


def test_image_header_claiming_huge_size_is_refused_without_decoding(qtbot):
    bomb = _claim_size(_image("PNG", 1, 1), 30_000, 30_000)
    result = read_image(bomb, max_pixels=120_000_000)
    assert result.status == TOO_LARGE and result.image is None
    viewer = ImageViewer()
    qtbot.addWidget(viewer)
    assert not viewer.load_bytes(bomb, "bombe.png")
    assert "30.000 × 30.000 Pixel" in viewer.message_text()


def test_image_allocation_limit_stops_what_the_pixel_check_lets_through():
    bomb = _claim_size(_image("PNG", 1, 1), 30_000, 30_000)
    result = read_image(bomb, max_pixels=10**12)  # header check passes; Qt's limit must not
    assert result.status in (BROKEN, TOO_LARGE) and result.image is None


def test_image_broken_or_wrong_type_gives_a_german_message(qtbot):
    viewer = ImageViewer()
    qtbot.addWidget(viewer)
    assert not viewer.load_bytes(_image("JPEG")[:40], "kaputt.jpg")
    assert "beschädigt" in viewer.message_text()
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    assert not viewer.load_bytes(svg, "bild.png")
    assert "kein JPEG-, PNG- oder TIFF-Bild" in viewer.message_text()


def test_multi_page_tiff_shows_every_page(qtbot):
    buffer = io.BytesIO()
    first, second = Image.new("RGB", (10, 20)), Image.new("RGB", (30, 15))
    first.save(buffer, "TIFF", save_all=True, append_images=[second])
    viewer = ImageViewer()
    qtbot.addWidget(viewer)
    assert viewer.load_bytes(buffer.getvalue(), "fax.tif")
    assert viewer.frame_count() == 2 and viewer.image_size() == (10, 20)
    viewer.next_frame()
    assert viewer.current_frame() == 1 and viewer.image_size() == (30, 15)


def _tiff(pages: list[bool]) -> bytes:
    """A grey 30 x 30 TIFF of one page per entry; a False page points its pixels beyond the
    file's end, as a truncated fax does."""
    out = bytearray(b"II*\x00\x00\x00\x00\x00")
    next_pointer = 4
    for whole in pages:
        pixels = len(out)
        out += bytes([128]) * 900
        directory = len(out)
        struct.pack_into("<I", out, next_pointer, directory)
        entries = [(256, 30), (257, 30), (258, 8), (259, 1), (262, 1), (277, 1), (278, 30)]
        out += struct.pack("<H", len(entries) + 2)
        for tag, value in entries:
            out += struct.pack("<HHIHH", tag, 3, 1, value, 0)
        out += struct.pack("<HHII", 273, 4, 1, pixels if whole else 0x7FFFFF00)
        out += struct.pack("<HHII", 279, 4, 1, 900)
        next_pointer = len(out)
        out += b"\x00\x00\x00\x00"
    return bytes(out)


def test_a_broken_page_of_a_tiff_leaves_the_others_reachable(qtbot):
    viewer = ImageViewer()
    qtbot.addWidget(viewer)
    viewer.load_bytes(_tiff([True, False, True]), "fax.tif")
    qtbot.waitUntil(lambda: not viewer.is_loading())
    assert viewer.frame_count() == 3
    viewer.next_frame()
    qtbot.waitUntil(lambda: not viewer.is_loading())
    assert viewer.message_text().startswith("Seite 2 von 3: ")
    viewer.next_frame()
    qtbot.waitUntil(lambda: not viewer.is_loading())
    assert viewer.current_frame() == 2 and viewer.image_size() == (30, 30)
    viewer.previous_frame()
    qtbot.waitUntil(lambda: not viewer.is_loading())
    assert viewer.current_frame() == 1 and viewer.message_text().startswith("Seite 2 von 3: ")
    viewer.previous_frame()
    qtbot.waitUntil(lambda: not viewer.is_loading())
    assert viewer.current_frame() == 0 and viewer.image_size() == (30, 30)


# -- XML --------------------------------------------------------------------------------------

XML = """<?xml version="1.0" encoding="ISO-8859-1"?>
<!-- Antrag
     mehrzeilig -->
<antrag xmlns="urn:x" id="a1"
        art='Blaue Karte'>
  <name>Müller &amp; Söhne</name>
  <name>Zweiter</name>
</antrag>
"""


def _formats_of(viewer: XmlViewer) -> list[tuple[int, int, str]]:
    """(line, start, foreground colour) of every format range the highlighter laid out."""
    found = []
    block = viewer.text_view().document().firstBlock()
    while block.isValid():
        for fmt_range in block.layout().formats():
            colour = fmt_range.format.foreground().color().name()
            found.append((block.blockNumber(), fmt_range.start, colour))
        block = block.next()
    return found


def test_xml_shows_text_highlights_and_finds(shown, qtbot):
    viewer = shown(XmlViewer())
    assert viewer.load_bytes(XML.encode("latin-1"), "nachricht.xml")
    assert "Müller &amp; Söhne" in viewer.text()  # declared encoding used, entity not resolved
    assert viewer.highlighting_enabled()
    qtbot.waitUntil(lambda: not viewer.highlighter().is_running(), timeout=2000)
    formats = viewer.highlighter().formats
    colours = {colour for _line, _start, colour in _formats_of(viewer)}
    for kind in ("tag", "attribute", "value", "comment", "declaration", "entity"):
        assert formats[kind].foreground().color().name() in colours, kind
    second_line = {colour for line, _s, colour in _formats_of(viewer) if line == 2}
    assert second_line == {formats["comment"].foreground().color().name()}  # comment goes on

    assert viewer.find("name") == 4
    assert viewer.text_view().textCursor().selectedText() == "name"
    assert viewer.hit_label_text() == "1 von 4 Treffern"
    viewer.next_hit()
    assert viewer.hit_label_text() == "2 von 4 Treffern"
    assert len(viewer.text_view().extraSelections()) == 4


def test_xml_a_dense_line_is_coloured_only_in_its_first_part(shown, qtbot):
    """Every colour run of a line is laid out at each first paint: their number per line is
    capped, and the line after it is still coloured from its right state."""
    from ab_inbox.ui.viewers.xml_highlighter import MAX_SPANS_PER_LINE

    viewer = shown(XmlViewer())
    dense = "<a>" + '<t a="1"/>' * 90 + "\n<!-- danach -->\n</a>"
    assert viewer.load_bytes(dense.encode(), "dicht.xml")
    qtbot.waitUntil(lambda: not viewer.highlighter().is_running(), timeout=2000)
    first = viewer.text_view().document().firstBlock()
    assert len(first.layout().formats()) == MAX_SPANS_PER_LINE
    comment = viewer.highlighter().formats["comment"].foreground().color().name()
    assert {colour for line, _s, colour in _formats_of(viewer) if line == 1} == {comment}


def test_xml_find_counts_qt_offsets_after_characters_beyond_u_ffff(shown):
    """Qt counts an emoji as two: every hit on a line full of them still marks its word."""
    viewer = shown(XmlViewer())
    line = "<a>" + "😀 name " * 120 + "</a>"
    assert viewer.load_bytes(line.encode(), "emoji.xml")
    assert viewer.find("name") == 120
    viewer.previous_hit()  # the last hit, after 119 emoji counted twice
    assert viewer.text_view().textCursor().selectedText() == "name"


def test_xml_lines_are_cut_at_a_thousand_characters_by_default(shown):
    viewer = shown(XmlViewer())
    assert viewer.load_bytes(b"<a>" + b"x" * 5000 + b"</a>", "lang.xml")
    assert len(viewer.text().split("\n")[0]) < 1100


def test_xml_large_file_is_shown_without_highlighting(qtbot):
    viewer = XmlViewer(highlight_limit=1_000)
    qtbot.addWidget(viewer)
    big = b"<a>" + b"<b>x</b>\n" * 500 + b"</a>"
    assert viewer.load_bytes(big, "gross.xml")
    assert not viewer.highlighting_enabled()
    assert "ohne Farbhervorhebung" in viewer.notice_text()


def test_xml_very_long_lines_are_cut_for_display_only(qtbot):
    viewer = XmlViewer(max_line_chars=100)
    qtbot.addWidget(viewer)
    assert viewer.load_bytes(b"<a>\n<b>" + b"QUJD" * 1000 + b"</b>\n</a>", "anlage.xml")
    lines = viewer.text().split("\n")
    assert len(lines) == 3 and lines[2] == "</a>"
    assert lines[1].endswith("[3.907 weitere Zeichen nicht angezeigt]")
    assert "gekürzt" in viewer.notice_text()


def test_xml_with_old_mac_line_ends_shows_every_line(qtbot):
    """Lines ending in a lone carriage return are lines too: before, everything after the
    first few was cut away as one overlong line."""
    viewer = XmlViewer(max_line_chars=100)
    qtbot.addWidget(viewer)
    lines = ["<a>"] + [f"<b>Zeile {i}</b>" for i in range(500)] + ["</a>"]
    assert viewer.load_bytes("\r".join(lines).encode(), "mac.xml")
    assert viewer.text().split("\n") == lines
    assert "gekürzt" not in viewer.notice_text()


def test_xml_decoding_never_resolves_and_replaces_bad_bytes():
    assert decode_xml('<?xml version="1.0" encoding="UTF-16"?><a/>'.encode("utf-16")).text.endswith(
        "<a/>"
    )
    fake = decode_xml(b'<?xml version="1.0" encoding="unicode_escape"?><a>\\x41</a>')
    assert fake.encoding == "utf-8" and "\\x41" in fake.text
    broken = decode_xml(b"<a>\xff\xfe</a>")
    assert broken.replaced and "\ufffd" in broken.text


# -- registry and placeholders ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("mime", "kind"),
    [
        ("application/pdf", PdfViewer),
        ("image/jpeg", ImageViewer),
        ("image/png", ImageViewer),
        ("IMAGE/TIFF", ImageViewer),
        ("application/xml", XmlViewer),
        ("text/xml; charset=utf-8", XmlViewer),
        ("application/x-msdownload", PlaceholderViewer),
        (None, PlaceholderViewer),
    ],
)
def test_viewer_for_maps_mime_types(qtbot, mime, kind):
    viewer = viewer_for(mime)
    qtbot.addWidget(viewer)
    assert type(viewer) is kind
    assert hasattr(viewer, "save_requested") and hasattr(viewer, "load_bytes")


def test_placeholders_for_awaited_and_blocked_documents(qtbot):
    awaited = PlaceholderViewer.awaited("0f8e7c1a-1111-4222-8333-444455556666")
    qtbot.addWidget(awaited)
    assert awaited.title_text() == "Dokument wird nachgeliefert (Paketlieferung)"
    assert "0f8e7c1a-1111-4222-8333-444455556666" in awaited.detail_text()
    blocked = PlaceholderViewer.blocked("Dateityp nicht erlaubt")
    qtbot.addWidget(blocked)
    assert blocked.detail_text() == "Dateityp nicht erlaubt"
    assert not blocked.load_bytes(b"MZ", "x.exe")


def test_save_button_emits_even_for_a_refused_file(qtbot):
    viewer = ImageViewer()
    qtbot.addWidget(viewer)
    viewer.load_bytes(b"kaputt", "x.png")  # the original can still be saved for inspection
    with qtbot.waitSignal(viewer.save_requested, timeout=500):
        viewer._save_action.trigger()


@pytest.mark.parametrize("kind", [PdfViewer, ImageViewer, XmlViewer])
def test_every_control_has_a_german_name_and_tooltip(qtbot, kind):
    viewer = kind()
    qtbot.addWidget(viewer)
    controls = (QAbstractButton, QLineEdit, QAbstractSpinBox, QAbstractScrollArea)
    for widget in viewer.findChildren(QWidget):
        if isinstance(widget, controls) and not isinstance(widget.parent(), QAbstractSpinBox):
            assert widget.accessibleName(), widget
    for action in viewer.actions():
        assert action.toolTip() and action.toolTip() != action.text().replace("&", "")


def test_shortcuts_act_inside_the_viewer(shown, qtbot):
    viewer = shown(XmlViewer())
    with qtbot.waitActive(viewer):
        viewer.activateWindow()
    viewer.load_bytes(XML.encode("latin-1"), "n.xml")
    viewer.find("name")
    viewer.text_view().setFocus()
    qtbot.keyClick(viewer.text_view(), Qt.Key.Key_F3)
    assert viewer.hit_label_text() == "2 von 4 Treffern"
    qtbot.keyClick(viewer.text_view(), Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert viewer.hit_label_text() == "1 von 4 Treffern"


def test_sender_file_names_are_shown_safely():
    assert display_name("pass\u202egpj.exe") == "pass gpj.exe"
    assert display_name("") == "(ohne Namen)"
    assert len(display_name("a" * 500)) == 80
