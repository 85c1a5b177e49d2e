"""What the team dialogs share: core calls through the window's ops, errors shown like the window.

Each dialog asks the core through background ops on the main window's worker connections and
shows failures (a refusal, a conflict, a team rule) with the window's own error message; after
a failed write it reloads what it shows, so a dialog never displays a state the core has not
confirmed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QTableWidget, QTableWidgetItem

from ab_inbox.ui.ops import Op


class TeamDialog(QDialog):
    def __init__(self, main, parent=None):
        super().__init__(parent or main)
        self.main = main
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def language(self) -> str:
        return self.main.inbox.settings.language

    def run(self, fn: Callable, done: Callable, kind: str = "read") -> None:
        """fn(inbox) off the GUI thread, done(result) here. A failed read is shown and closes
        the dialog (it has nothing trustworthy to show); a failed write is shown, then the
        dialog reloads what the core now says."""
        failed = self.write_failed if kind == "write" else self.read_failed
        Op(self, lambda: fn(self.main.workers.get()), kind).on_success(done).on_failure(
            failed
        ).start()

    def write(self, fn: Callable, done: Callable) -> None:
        """A write; the queue behind the dialog is refreshed afterwards as well."""

        def finished(result) -> None:
            done(result)
            self.main.after_own_write()

        self.run(fn, finished, "write")

    def read_failed(self, exc: BaseException) -> None:
        self.main.show_error(exc)
        self.reject()

    def write_failed(self, exc: BaseException) -> None:
        self.main.show_error(exc)
        self.reload()

    def reload(self) -> None:
        """Ask the core again for what the dialog shows (each dialog fills this in)."""


def table(columns: list[str], accessible_name: str) -> QTableWidget:
    """A read-only, row-selecting table with the given headers."""
    widget = QTableWidget(0, len(columns))
    widget.setHorizontalHeaderLabels(columns)
    widget.setAccessibleName(accessible_name)
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    widget.verticalHeader().hide()
    widget.horizontalHeader().setStretchLastSection(True)
    widget.setAlternatingRowColors(True)
    return widget


def fill(widget: QTableWidget, rows: list[list], data: list | None = None) -> None:
    """Replace the table's rows; `data` (one value per row) goes to column 0's UserRole."""
    widget.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem("" if value is None else str(value))
            if data is not None and c == 0:
                item.setData(Qt.ItemDataRole.UserRole, data[r])
            widget.setItem(r, c, item)
    widget.resizeColumnsToContents()


def row_data(widget: QTableWidget, row: int | None = None):
    row = widget.currentRow() if row is None else row
    item = widget.item(row, 0) if row >= 0 else None
    return item.data(Qt.ItemDataRole.UserRole) if item is not None else None
