"""How the queue's rows look: the queue's own painting (QueueTable with QueueDelegate) draws
what Qt's table view with its standard delegate drew."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QColor, QImage, QPalette, QStaticText
from PySide6.QtWidgets import QHeaderView, QStyledItemDelegate, QStyleFactory

from ab_inbox.config import Settings
from ab_inbox.demo import generate_demo
from ab_inbox.inbox import Inbox
from ab_inbox.ui.app import create_window
from ab_inbox.ui.queue_delegate import QueueDelegate
from ab_inbox.ui.queue_model import ALERT_COLOR, COLUMNS
from tests.conftest import ensure_tester
from tests.messages import set_family_name, set_text, valid_message
from tests.ui.conftest import close_window, shift_today

AGE = [c[0] for c in COLUMNS].index("age")
NAME = [c[0] for c in COLUMNS].index("applicant_name")
VALIDATION = [c[0] for c in COLUMNS].index("validation")


@pytest.fixture
def window(qtbot, tmp_path, schemas_dir):
    db_path = tmp_path / "paint.sqlite3"
    drop = tmp_path / "drop"
    generate_demo(drop, 12, seed=5)
    (drop / "invalid.xml").write_bytes(set_text(valid_message(seed=9), "antragsdatum", "kaputt"))
    two_lines = set_family_name(valid_message(seed=10), "Zeile\u2028Zwei", "Anna")
    (drop / "two_lines.xml").write_bytes(two_lines)
    with Inbox(db_path, schemas_dir) as box:
        ensure_tester(box)
        box.fetch(drop, settle_s=0)
        worked = box.case_ids("all")[2]
        box.set_status(worked, "in_progress")  # drawn in the normal weight, not bold as new
    win = create_window(db_path, schemas_dir, Settings())
    qtbot.addWidget(win)
    win.resize(1600, 700)
    win.show()
    win.select_view("all")
    yield win
    close_window(win)


def _grab(win) -> QImage:
    return win.table.viewport().grab().toImage()


def _has_text_in(image: QImage, colour: QColor) -> bool:
    """Some pixel of antialiased text close to `colour` (and far from black or grey)."""
    wanted = (colour.red(), colour.green(), colour.blue())
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = QColor(image.pixel(x, y))
            if (
                sum(
                    abs(a - b)
                    for a, b in zip((pixel.red(), pixel.green(), pixel.blue()), wanted, strict=True)
                )
                < 60
            ):
                return True
    return False


def _as_qt_draws_it(window) -> QImage:
    """The view as Qt paints it: with Qt's delegate, QueueTable leaves the painting to Qt."""
    table = window.table
    own = table.itemDelegate()
    table.setItemDelegate(QStyledItemDelegate(table))
    image = _grab(window)
    table.setItemDelegate(own)
    return image


def _in_view(table) -> None:
    table.resizeColumnsToContents()  # nothing elided: the two elide a little differently
    for column in range(AGE + 1, VALIDATION):  # the columns in colour in view
        table.setColumnHidden(column, True)


@pytest.mark.parametrize("points", [None, 10.5, 12.0])
def test_the_queue_draws_its_rows_as_qts_own_delegate_did(window, qapp, points):
    """Selected rows, the focus frame on the current cell, bold new cases, the alert colour of
    an invalid message: pixel for pixel what QStyledItemDelegate draws from the model's roles
    (the queue's delegate only draws it with less work), in the default font and in sizes
    whose text lines fall between pixels at some scales."""
    table = window.table
    if points is not None:
        font = table.font()
        font.setPointSizeF(points)
        table.setFont(font)
    _in_view(table)
    table.setFocus()
    table.selectRow(1)
    rows = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    table.selectionModel().select(window.model.index(3, 0), rows)
    qapp.processEvents()
    assert table.itemDelegate()._fast  # the delegate draws (not Qt's, as with other styles)
    table.itemDelegate().forget_texts()
    ours = _grab(window)  # texts seen for the first time: drawn as they are
    assert _grab(window) == ours  # seen again: laid out and kept
    assert ours == _as_qt_draws_it(window)
    assert _has_text_in(ours, QColor(ALERT_COLOR))  # "ungültig" is there, in red
    statuses = {window.model.row_data(r)["status"] for r in range(window.model.rowCount())}
    assert {"new", "in_progress"} <= statuses  # bold and normal rows were both compared


def test_a_scrolled_queue_with_a_selection_is_drawn_as_qt_draws_it(window, qapp):
    """Scrolled down and to the right, rows cut off at the bottom and right, alternate row
    colours, a selected row, the focus on a cell of another row: as Qt paints them."""
    window.resize(700, 280)
    table = window.table
    table.setFocus()
    table.selectRow(5)
    no_selection = QItemSelectionModel.SelectionFlag.NoUpdate
    table.selectionModel().setCurrentIndex(window.model.index(7, 2), no_selection)
    qapp.processEvents()
    table.verticalScrollBar().setValue(3)
    table.horizontalScrollBar().setValue(table.horizontalScrollBar().maximum() // 2)
    qapp.processEvents()
    assert table.verticalScrollBar().value() == 3 and table.horizontalScrollBar().value() > 0
    assert table.itemDelegate().draws_rows()  # the queue paints its rows itself
    ours = _grab(window)
    assert ours == _as_qt_draws_it(window)
    assert table.rowAt(0) > 0  # rows above the view: it was compared scrolled


def test_a_new_palette_and_a_disabled_queue_are_drawn_in_their_colours(window, qapp):
    """The delegate keeps the text colours it read; a new palette (a high-contrast theme
    switched on) and a disabled queue (a locked window) still look as Qt draws them."""
    table = window.table
    _in_view(table)
    table.selectRow(1)
    qapp.processEvents()
    _grab(window)  # the old colours read and kept
    palette = table.palette()
    palette.setColor(QPalette.ColorRole.Text, QColor("#0000c0"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffff00"))
    table.setPalette(palette)
    qapp.processEvents()
    ours = _grab(window)
    assert ours == _as_qt_draws_it(window)
    assert _has_text_in(ours, QColor("#0000c0")) and _has_text_in(ours, QColor("#ffff00"))
    table.setEnabled(False)
    qapp.processEvents()
    assert _grab(window) == _as_qt_draws_it(window)


@pytest.mark.parametrize("see_through", ["alternate rows", "grid"])
def test_see_through_row_colours_are_drawn_over_the_background(window, qapp, see_through):
    """Opaque row colours are filled once, each row in its own; a see-through alternate
    colour or grid (a theme's) is drawn over the background, as Qt draws it, also beneath
    a selected row and the current cell."""
    table = window.table
    _in_view(table)
    table.setFocus()
    table.selectRow(3)
    qapp.processEvents()
    assert _grab(window) == _as_qt_draws_it(window)
    colors = table._kept_colors[1]
    assert colors.alternate_opaque and colors.grid_opaque  # each row filled in its colour
    palette = table.palette()
    if see_through == "alternate rows":
        palette.setColor(QPalette.ColorRole.AlternateBase, QColor(0, 0, 160, 60))
    else:  # Fusion's grid is a darker Window colour
        palette.setColor(QPalette.ColorRole.Window, QColor(0, 120, 0, 90))
    table.setPalette(palette)
    qapp.processEvents()
    ours = _grab(window)
    colors = table._kept_colors[1]
    assert not (colors.alternate_opaque and colors.grid_opaque)
    assert ours == _as_qt_draws_it(window)


@pytest.mark.parametrize("focused_first", [True, False])
def test_colours_follow_the_focus_leaving_and_entering_the_queue(window, qapp, focused_first):
    """Without the keyboard focus Qt paints the queue in the palette's inactive colours
    (alternate rows, texts, the selected row), with it in the active ones: so does the
    queue, whichever it painted first."""
    table = window.table
    _in_view(table)
    table.selectRow(1)
    palette = table.palette()
    inactive = QPalette.ColorGroup.Inactive
    palette.setColor(inactive, QPalette.ColorRole.AlternateBase, QColor("#ffe0d0"))
    palette.setColor(inactive, QPalette.ColorRole.Text, QColor("#0000ff"))
    palette.setColor(inactive, QPalette.ColorRole.Highlight, QColor("#406040"))
    palette.setColor(inactive, QPalette.ColorRole.HighlightedText, QColor("#ffff00"))
    table.setPalette(palette)
    elsewhere = window.search
    for focused in (focused_first, not focused_first):
        (table if focused else elsewhere).setFocus()
        qapp.processEvents()
        assert table.hasFocus() is focused and table.isActiveWindow()
        ours = _grab(window)
        assert ours == _as_qt_draws_it(window)
        assert _has_text_in(ours, QColor("#0000ff")) is not focused


def test_a_style_set_on_the_queue_alone_is_followed(window, qapp):
    """A style given to the queue itself (not to the application) changes its grid colour."""
    table = window.table
    _in_view(table)
    qapp.processEvents()
    assert _grab(window) == _as_qt_draws_it(window)
    table.setStyle(QStyleFactory.create("Windows"))
    qapp.processEvents()
    assert table.itemDelegate().draws_rows()  # still painted by the queue itself
    assert _grab(window) == _as_qt_draws_it(window)


@pytest.mark.parametrize("focused", [True, False])
def test_the_first_paint_before_the_style_is_read_looks_the_same(window, qapp, focused):
    """At start-up the delegate paints once without reading the style (QStyle's enums cost
    7 ms): the focus frame on the current cell and everything else as Qt draws it, in the
    inactive colours while another field has the focus."""
    table = window.table
    _in_view(table)
    palette = table.palette()
    palette.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Text, QColor("#0000ff"))
    table.setPalette(palette)
    (table if focused else window.search).setFocus()
    no_selection = QItemSelectionModel.SelectionFlag.NoUpdate
    table.selectionModel().setCurrentIndex(window.model.index(2, 0), no_selection)
    qapp.processEvents()
    qts = _as_qt_draws_it(window)
    own = table.itemDelegate()
    first = QueueDelegate(window.model, table)
    table.setItemDelegate(first)
    assert first._style is None
    ours = _grab(window)
    assert ours == qts
    assert first._style is None  # that paint was the one before the style is read
    assert _has_text_in(ours, QColor("#0000ff")) is not focused
    table.setItemDelegate(own)
    first.deleteLater()


def test_right_to_left_is_drawn_by_qts_own_delegate(window, qapp):
    table = window.table
    _in_view(table)
    table.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    table.selectRow(1)
    qapp.processEvents()
    assert not table.itemDelegate()._fast
    assert _grab(window) == _as_qt_draws_it(window)


def test_under_a_style_sheet_qts_own_delegate_draws(window, qapp):
    """Where the delegate's drawing was not compared with Qt's (style sheets here; Windows
    10/11's native styles), Qt's delegate draws. (Filling the style's option from one model
    call instead was measured no faster: 6.6 ms against 6.5 per paint.)"""
    table = window.table
    _in_view(table)
    table.setStyleSheet("QTableView { gridline-color: #c0c0c0; }")
    table.setFocus()
    table.selectRow(1)
    qapp.processEvents()
    assert not table.itemDelegate()._fast
    ours = _grab(window)
    assert ours == _as_qt_draws_it(window)
    assert _has_text_in(ours, QColor(ALERT_COLOR))


@pytest.mark.parametrize("background", ["palette", "style sheet"])
def test_below_the_last_row_the_background_is_the_queues_own(window, qapp, background):
    """The view fills its background itself where that is a plain colour, following a new
    palette colour; a style sheet's background is left to Qt, which draws it."""
    table = window.table
    if background == "palette":
        palette = table.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor("#fff3c4"))
        table.setPalette(palette)
    else:
        table.setStyleSheet("QTableView { background: #fff3c4; }")
    qapp.processEvents()
    fills = background == "palette"
    assert table._fills_background is fills
    assert table.viewport().testAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent) is fills
    image = _grab(window)
    scale = image.devicePixelRatio()
    below_rows = table.rowViewportPosition(window.model.rowCount() - 1) + 2 * table.rowHeight(0)
    assert below_rows * scale < image.height()
    assert image.pixelColor(int(5 * scale), int(below_rows * scale)) == QColor("#fff3c4")


def test_a_see_through_background_is_left_to_qt(window, qapp):
    """A palette whose background is not opaque in some state (here: disabled) is filled
    by Qt, which paints what lies beneath first; a solid one again by the view."""
    table = window.table
    qapp.processEvents()
    assert table._fills_background
    palette = table.palette()
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base, QColor(0, 0, 0, 0))
    table.setPalette(palette)
    assert not table._fills_background
    assert not table.viewport().testAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base, QColor("#eeeeee"))
    table.setPalette(palette)
    assert table._fills_background


def test_a_name_too_long_for_its_column_ends_in_an_ellipsis(window, qapp):
    window.table.setColumnWidth(NAME, 60)
    qapp.processEvents()
    window.table.itemDelegate()._laid_out.clear()
    _grab(window)  # the painting lays the texts out for the column's width
    full = window.model.cell(0, NAME).text
    shown = [s.text() for s in window.table.itemDelegate()._laid_out.values()]
    elided = [t for t in shown if t.endswith("…") and full.startswith(t[:-1])]
    assert elided and len(elided[0]) < len(full)


def test_a_text_judged_to_fit_without_laying_it_out_does_fit(window):
    """New texts that fit are drawn without being laid out, judged by the widths of their
    characters. Kerning, accents, digits and both weights never make such a text wider than
    its laid-out form allows: it would run into the next column instead of being elided."""
    delegate = window.table.itemDelegate()
    rng = random.Random(3)
    alphabet = "AVWTYaeiloſrt0123456789.,:- ÄÖÜäöüßŁłŻżÓóĄąÇçÉéÑñỳệ"
    texts = ["AVATAR, Wolfgang", "Tỳ Ánh, Nguyễn", "Łukasz Żółć", "Yvonne LT Vo", "ffi fl Ww"]
    texts += ["29.11.2026 05:18", "2024-05-17 14:32", "fällig in 30 T."]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(4, 30))) for _ in range(300)]
    for text in texts:
        for bold in (False, True):
            static = QStaticText(text)
            static.prepare(font=delegate._bold if bold else delegate._font)
            width = static.size().width()  # what decides eliding when laid out
            for room in range(int(width) - 8, int(width) + 8):
                if delegate._fits(text, bold, room):
                    assert width <= room, (text, bold, room)


def test_a_line_break_in_a_name_is_shown_on_one_line(window):
    row = next(
        r
        for r in range(window.model.rowCount())
        if "Zeile" in (window.model.row_data(r)["applicant_name"] or "")
    )
    shown = window.model.data(window.model.index(row, NAME))
    assert shown.startswith("Zeile Zwei")
    assert not any(c in shown for c in "\n\r\u2028\u2029")


def test_the_age_column_moves_on_with_the_day_without_a_change_in_the_data(
    window, qapp, monkeypatch
):
    """Past midnight the queue counts from the new day at the next look for changes."""
    cell = window.model.index(0, AGE)
    before = window.model.data(cell)
    shift_today(monkeypatch, 1, "ab_inbox.ui.queue_model")
    window.poll_for_changes()
    assert window.model.data(cell) != before


def test_the_header_keeps_up_with_its_font_across_reloads(window, qapp):
    """The header's size hint is kept while the queue reloads (each search or sort), and
    worked out again when its font changes: a larger font, a taller header."""
    table = window.table
    header = table.horizontalHeader()
    before = header.height()
    font = header.font()
    font.setPointSize(font.pointSize() * 2)
    header.setFont(font)
    window.model.set_ids(window.model.ids_between(0, 5))  # a reload, as after a search
    table.doItemsLayout()
    qapp.processEvents()
    assert header.height() > before
    kept = header.sizeHint()
    header.forget_size_hint()
    assert header.sizeHint() == kept  # what Qt works out itself


def test_the_header_follows_searches_and_sorts_without_being_laid_out_anew(window, qapp):
    """The header's sections are not laid out again when only the queue's rows change. It
    still follows: the last column fills the room a vanished scroll bar leaves, the sort
    mark moves, and laying it out as Qt would after each reload changes no pixel."""
    table = window.table
    header = table.horizontalHeader()
    for column in range(header.count()):
        table.setColumnWidth(column, 50)
    window.resize(1600, 260)  # the queue's rows need a scroll bar
    qapp.processEvents()
    assert table.verticalScrollBar().isVisible()
    name = window.model.row_data(0)["applicant_name"].split(",")[0]
    window.search.setText(name)
    window.search_timer.timeout.emit()
    qapp.processEvents()
    assert window.model.rowCount() < 5
    assert not table.verticalScrollBar().isVisible()
    assert header.length() == table.viewport().width()  # the last column stretched
    table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
    qapp.processEvents()
    assert header.sortIndicatorSection() == NAME
    shown = header.grab().toImage()
    QHeaderView.doItemsLayout(header)  # as Qt lays the header out after a reload
    qapp.processEvents()
    assert header.grab().toImage() == shown


@pytest.mark.skipif(bool(os.environ.get("QT_SCALE_FACTOR")), reason="run at a chosen scale")
def test_at_a_fractional_scale_the_queue_is_drawn_as_qt_draws_it():
    """Office screens often run at 125 % or 150 %, where texts sit at fractional positions.
    The pixel comparisons with Qt's painting, run again at 150 % in a process of their own
    (Qt's scale is fixed for a process)."""
    env = dict(os.environ, QT_SCALE_FACTOR="1.5", QT_QPA_PLATFORM="offscreen")
    compared = "qts_own_delegate_did or scrolled_queue or new_palette or first_paint"
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", __file__, "-k", compared],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stdout[-3000:]
    assert "7 passed" in out.stdout
