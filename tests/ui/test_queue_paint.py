"""How the queue's rows look: the queue's own delegate draws what Qt's standard one drew."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QStyledItemDelegate

from ab_inbox.config import Settings
from ab_inbox.demo import generate_demo
from ab_inbox.inbox import Inbox
from ab_inbox.ui.app import create_window
from ab_inbox.ui.queue_delegate import QueueDelegate
from ab_inbox.ui.queue_model import ALERT_COLOR, COLUMNS
from tests.conftest import ensure_tester
from tests.messages import set_text, valid_message
from tests.ui.conftest import close_window

AGE = [c[0] for c in COLUMNS].index("age")
NAME = [c[0] for c in COLUMNS].index("applicant_name")
VALIDATION = [c[0] for c in COLUMNS].index("validation")


@pytest.fixture
def window(qtbot, tmp_path, schemas_dir):
    db_path = tmp_path / "paint.sqlite3"
    drop = tmp_path / "drop"
    generate_demo(drop, 12, seed=5)
    (drop / "invalid.xml").write_bytes(set_text(valid_message(seed=9), "antragsdatum", "kaputt"))
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


def test_the_queue_draws_its_rows_as_qts_own_delegate_did(window, qapp):
    """Selected rows, the focus frame on the current cell, bold new cases, the alert colour of
    an invalid message: pixel for pixel what QStyledItemDelegate draws from the model's roles
    (the queue's delegate only draws it with less work)."""
    table = window.table
    table.resizeColumnsToContents()  # nothing elided: the two elide a little differently
    for column in range(AGE + 1, VALIDATION):  # the columns in colour in view
        table.setColumnHidden(column, True)
    table.setFocus()
    table.selectRow(1)
    rows = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    table.selectionModel().select(window.model.index(3, 0), rows)
    qapp.processEvents()
    ours = _grab(window)
    own = table.itemDelegate()
    table.setItemDelegate(QStyledItemDelegate(table))
    qts = _grab(window)
    assert ours == qts
    # The first paint of a new delegate, before it reads the style (start-up): the same.
    table.setItemDelegate(QueueDelegate(window.model, table))
    assert _grab(window) == qts
    table.setItemDelegate(own)
    assert _has_text_in(ours, QColor(ALERT_COLOR))  # "ungültig" is there, in red
    statuses = {window.model.row_data(r)["status"] for r in range(window.model.rowCount())}
    assert {"new", "in_progress"} <= statuses  # bold and normal rows were both compared


def test_a_name_too_long_for_its_column_ends_in_an_ellipsis(window, qapp):
    window.table.setColumnWidth(NAME, 60)
    qapp.processEvents()
    _grab(window)
    full = window.model.cells(0)[NAME].text
    delegate = window.table.itemDelegate()
    shown = delegate._laid_out_text(full, 60 - 2 * delegate._margin, True).text()
    assert shown.endswith("…") and full.startswith(shown[:-1]) and len(shown) < len(full)


def test_the_age_column_moves_on_with_the_day_without_a_change_in_the_data(
    window, qapp, monkeypatch
):
    """Past midnight the queue counts from the new day at the next look for changes."""
    cell = window.model.index(0, AGE)
    before = window.model.data(cell)
    tomorrow = date.today() + timedelta(days=1)

    class Tomorrow(date):
        @classmethod
        def today(cls):
            return tomorrow

    monkeypatch.setattr("ab_inbox.ui.queue_model.date", Tomorrow)
    window.poll_for_changes()
    assert window.model.data(cell) != before
