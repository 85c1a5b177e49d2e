"""What the team dialogs share: core calls through the window's ops, errors shown like the window.

Each dialog asks the core through background ops on the main window's worker connections and
shows failures (a refusal, a conflict, a team rule) with the window's own error message; after
a failed write it reloads what it shows, so a dialog never displays a state the core has not
confirmed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QStyle,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
)

from ab_inbox.ui.i18n import current_language
from ab_inbox.ui.ops import Op


def no_default_buttons(buttons) -> None:
    """Enter in the dialog's fields must not press one of these buttons."""
    for button in buttons:
        button.setAutoDefault(False)
        button.setDefault(False)


class TeamDialog(QDialog):
    def __init__(self, main, parent=None):
        super().__init__(parent or main)
        self.main = main
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def language(self) -> str:
        """The interface's language (a new one in the settings takes effect at the restart)."""
        return current_language()

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


def _read_only_rows(widget: QAbstractItemView, accessible_name: str) -> None:
    widget.setAccessibleName(accessible_name)
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setTabKeyNavigation(False)  # Tab leaves the list, as from any other field
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    widget.verticalHeader().hide()
    widget.horizontalHeader().setStretchLastSection(True)
    widget.setAlternatingRowColors(True)


def table(columns: list[str], accessible_name: str) -> QTableWidget:
    """A read-only, row-selecting table with the given headers."""
    widget = QTableWidget(0, len(columns))
    widget.setHorizontalHeaderLabels(columns)
    _read_only_rows(widget, accessible_name)
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


# --- long lists: a model the view asks row by row ----------------------------------------------

SIZE_SAMPLE_ROWS = 50  # rows measured for the column widths, however many the list has
_Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """Read-only rows for a table view; a row is turned into text only when the view first
    shows it, so handing over a list costs the same for ten rows as for twenty thousand."""

    def __init__(
        self,
        columns: Sequence[str],
        cells: Callable[[Any], list],
        key: Callable[[Any], Any] | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self._columns = list(columns)
        self._cells = cells
        self._key = key
        self._rows: Sequence[Any] = ()
        self._texts: dict[int, list[str]] = {}

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._texts = {}
        self.endResetModel()

    def formatted_rows(self) -> int:
        """How many rows have been turned into text so far."""
        return len(self._texts)

    def texts(self, row: int) -> list[str]:
        texts = self._texts.get(row)
        if texts is None:
            texts = ["" if v is None else str(v) for v in self._cells(self._rows[row])]
            self._texts[row] = texts
        return texts

    def key(self, row: int):
        return self._key(self._rows[row]) if self._key is not None else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.texts(index.row())[index.column()]
        if role == Qt.ItemDataRole.UserRole and index.column() == 0:
            return self.key(index.row())
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section]
        return None


class Cell:
    """One cell of a RowsView, read like a QTableWidgetItem."""

    def __init__(self, model: RowsModel, row: int, column: int):
        self._index = model.index(row, column)

    def text(self) -> str:
        return self._index.data(Qt.ItemDataRole.DisplayRole) or ""

    def data(self, role: int):
        return self._index.data(role)


class RowsView(QTableView):
    """A read-only, row-selecting view over a RowsModel, read like the QTableWidget of `table`
    (rowCount, currentRow, item), for lists that may be long."""

    def __init__(
        self,
        columns: Sequence[str],
        cells: Callable[[Any], list],
        accessible_name: str,
        key: Callable[[Any], Any] | None = None,
    ):
        super().__init__()
        self.setModel(RowsModel(columns, cells, key, self))
        _read_only_rows(self, accessible_name)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)

    def rows_model(self) -> RowsModel:
        return self.model()  # type: ignore[return-value]

    def rowCount(self) -> int:
        return self.rows_model().rowCount()

    def currentRow(self) -> int:
        return self.currentIndex().row()

    def item(self, row: int, column: int) -> Cell | None:
        model = self.rows_model()
        if not (0 <= row < model.rowCount() and 0 <= column < model.columnCount()):
            return None
        return Cell(model, row, column)

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show `rows`; the column widths come from the headers and the first rows only."""
        self.rows_model().set_rows(rows)
        self.size_columns()

    def size_columns(self) -> None:
        model = self.rows_model()
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        sample = range(min(SIZE_SAMPLE_ROWS, model.rowCount()))
        margin = 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 6)
        for column in range(model.columnCount() - 1):  # the last one stretches
            width = header.sectionSizeFromContents(column).width()
            for row in sample:
                width = max(width, metrics.horizontalAdvance(model.texts(row)[column]) + margin)
            header.resizeSection(column, width)
