"""The queue table's model: a list of case ids, rows fetched page by page for what is visible.

One SQL query (in the background) yields the ids of the current view, already filtered and
sorted; the model asks the core for the rows of a page of ids only when the view paints them,
and keeps a bounded cache. That keeps 100,000 cases as cheap as 100.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from typing import NamedTuple

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ab_inbox.times import clock_text, local_text, parse_utc
from ab_inbox.ui.i18n import tr_status, type_title

PAGE_SIZE = 64
ALERT_COLOR = "#b00020"  # overdue cases, invalid messages
MAX_CACHED_PAGES = 50

# (key, German header, sort key in the core, default width in pixels)
COLUMNS = (
    ("received_at", QT_TRANSLATE_NOOP("QueueModel", "Eingang"), "received", 140),
    ("age", QT_TRANSLATE_NOOP("QueueModel", "Alter/Frist"), "due", 110),
    ("type_title", QT_TRANSLATE_NOOP("QueueModel", "Typ"), "type", 170),
    ("applicant_name", QT_TRANSLATE_NOOP("QueueModel", "Antragsteller"), "applicant", 190),
    ("nationality", QT_TRANSLATE_NOOP("QueueModel", "Staatsangehörigkeit"), "nationality", 120),
    ("reason", QT_TRANSLATE_NOOP("QueueModel", "Antragsgrund"), "reason", 150),
    ("status", QT_TRANSLATE_NOOP("QueueModel", "Status"), "status", 110),
    ("assignee", QT_TRANSLATE_NOOP("QueueModel", "Bearbeitung"), "assignee", 100),
    ("validation", QT_TRANSLATE_NOOP("QueueModel", "Prüfung"), "validation", 70),
    ("attachments", QT_TRANSLATE_NOOP("QueueModel", "Anhänge"), "attachments", 60),
)
_KEYS = tuple(column[0] for column in COLUMNS)
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole
FONT = Qt.ItemDataRole.FontRole
_USED_ROLES = frozenset({DISPLAY, TOOLTIP, FOREGROUND, FONT, CASE_ID_ROLE})


FINAL_STATUSES = frozenset({"exported", "not_responsible", "done"})


class Cell(NamedTuple):
    """One cell as the queue shows it: its text, drawn in the alert colour, in bold (new)."""

    text: str
    alert: bool
    bold: bool


@cache
def _alert_brush() -> QBrush:
    """Made when first asked for (the queue's delegate draws without it): the first QBrush
    makes PySide set up QGradient's and QImage's types, 3 ms of start-up."""
    return QBrush(QColor(ALERT_COLOR))


# A cell shows one line: line and paragraph breaks in a message's text (a name is the
# applicant's own input) would lay out as a second line drawn over the next row.
_ONE_LINE = str.maketrans({c: " " for c in "\n\r\t\v\f\x1c\x1d\x1e\x85\u2028\u2029"})


def _text(value) -> str:
    if type(value) is str and value.isprintable():  # the common case, first
        return value
    if value is None:
        return ""
    text = str(value)
    return text if text.isprintable() else text.translate(_ONE_LINE)


def _local_date(utc_text: str) -> date:
    """The workstation's calendar day of a stored UTC time ("…Z")."""
    return parse_utc(utc_text).astimezone().date()


def _received(row: dict) -> datetime:
    """The receipt time in the workstation's zone, worked out once per row: the Eingang and
    the age column both show it (a conversion to the local zone asks the system)."""
    local = row.get("received_local")
    if local is None:
        local = row["received_local"] = parse_utc(row["received_at"]).astimezone()
    return local


def due_days(row: dict, today: date) -> int | None:
    """Days until an open case is due (negative: overdue); None without a due time."""
    if not row.get("due_at") or row.get("status") in FINAL_STATUSES:
        return None
    return (_local_date(row["due_at"]) - today).days


def due_text(days: int) -> str:
    if days > 0:
        return QCoreApplication.translate("QueueModel", "fällig in {0} T.").format(days)
    if days == 0:
        return QCoreApplication.translate("QueueModel", "heute fällig")
    return QCoreApplication.translate("QueueModel", "{0} T. überfällig").format(-days)


def _age_text(row: dict, today: date) -> tuple[str, bool]:
    """The age column's text, and whether the case is overdue."""
    due = due_days(row, today)
    if due is not None:
        text = due_text(due)
    else:  # days since receipt, counted in the workstation's days like everything here
        days = (today - _received(row).date()).days
        text = QCoreApplication.translate("QueueModel", "{0} T").format(days)
    if row.get("follow_up_date"):
        follow = date.fromisoformat(row["follow_up_date"])
        text += QCoreApplication.translate("QueueModel", " · WV {0}").format(f"{follow:%d.%m.}")
        text += " !" if follow <= today else ""
    return text, due is not None and due < 0


def _age_tooltip(row: dict) -> str | None:
    if not row.get("due_at"):
        return None
    return QCoreApplication.translate("QueueModel", "Fällig am {0}").format(
        local_text(row["due_at"])
    )


class QueueModel(QAbstractTableModel):
    sort_requested = Signal(str, bool)  # core sort key, descending
    rows_failed = Signal(object)  # the exception of a page that could not be read

    def __init__(self, fetch_rows: Callable[[list[int]], dict[int, dict]], parent=None):
        super().__init__(parent)
        self._fetch_rows = fetch_rows
        self._ids: list[int] = []
        self._pages: OrderedDict[int, dict[int, dict]] = OrderedDict()
        self.sort_column = 0
        self.sort_descending = True
        self._bold: QFont | None = None
        # The day the age column counts from: read on each reload and by check_day(), not per
        # cell (date.today() costs more than the rest of a cell's lookup).
        self._today = date.today()

    # --- ids -------------------------------------------------------------------------------
    def set_ids(self, ids: list[int]) -> None:
        """Show `ids`; the model keeps the list itself (a copy of 100,000 ids costs 0.4 ms of
        every sort), so the caller hands it over."""
        self.beginResetModel()
        self._ids = ids if isinstance(ids, list) else list(ids)
        self._pages.clear()
        self._today = date.today()
        self.endResetModel()

    def extend_ids(self, ids: list[int]) -> bool:
        """Show `ids` by adding rows below the ones shown, if those are its beginning (the
        first page of a long list, then the whole list); False if they are not."""
        shown = len(self._ids)
        if ids[:shown] != self._ids:
            return False
        if len(ids) > shown:
            if shown % PAGE_SIZE:
                self._pages.pop(shown // PAGE_SIZE, None)  # read short: read again in full
            self.beginInsertRows(QModelIndex(), shown, len(ids) - 1)
            self._ids.extend(ids[shown:])
            self.endInsertRows()
        return True

    def case_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, case_id: int) -> int:
        try:
            return self._ids.index(case_id)
        except ValueError:
            return -1

    def forget_rows(self) -> None:
        """Drop cached rows (data changed) and repaint what is visible."""
        self._pages.clear()
        self._today = date.today()
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1)
            )

    def check_day(self) -> None:
        """A new day (past midnight, or back from standby): ages and due days are shown anew."""
        if date.today() != self._today:
            self.forget_rows()

    # --- rows ------------------------------------------------------------------------------
    def row_data(self, row: int) -> dict | None:
        if not 0 <= row < len(self._ids):
            return None
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            ids = self._ids[page_no * PAGE_SIZE : (page_no + 1) * PAGE_SIZE]
            try:
                page = self._fetch_rows(ids)
            except Exception as exc:  # asked for while painting: report it, do not raise
                # Kept empty until the rows are reloaded, so one failure is one report, not
                # one per painted cell.
                page = {}
                self.rows_failed.emit(exc)
            self._pages[page_no] = page
            while len(self._pages) > MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page.get(self._ids[row])

    def ids_between(self, first: int, last: int) -> list[int]:
        """Case ids of rows first..last (inclusive)."""
        return self._ids[max(first, 0) : last + 1]

    def cached_versions(self) -> dict[int, int]:
        """Case id -> version of the rows loaded so far (the ones the user may have seen)."""
        pages = self._pages.values()
        return {case_id: row["version"] for page in pages for case_id, row in page.items()}

    # --- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return QCoreApplication.translate("QueueModel", COLUMNS[section][1])
        return None

    def cell(self, row: int, column: int) -> Cell | None:
        """What a cell shows, worked out when first asked for and kept with its row for the
        day (a paint asks for every visible cell; the age column changes with the day). Only
        the columns on screen are worked out: a narrow queue shows three of the ten."""
        cells = self.cells(row, (column,))
        return None if cells is None else cells[0]

    def cells(self, row: int, columns) -> list[Cell] | None:
        """`cell` for several columns of one row (the row looked up once)."""
        data = self.row_data(row)
        if data is None:
            return None
        shown = data.get("cells")
        if shown is None or shown[0] != self._today:
            shown = data["cells"] = (self._today, [None] * len(COLUMNS))
        kept = shown[1]
        result = [kept[column] for column in columns]
        if None in result:  # seen for the first time: as a search's or a scroll's new rows
            bold = data["status"] == "new"
            for i, column in enumerate(columns):
                if result[i] is None:
                    result[i] = kept[column] = self._make_cell(data, _KEYS[column], bold)
        return result

    def _make_cell(self, row: dict, key: str, bold: bool) -> Cell:
        alert = False
        if key == "received_at":
            text = clock_text(_received(row))
        elif key == "age":
            text, alert = _age_text(row, self._today)
        elif key == "type_title":
            text = type_title(row.get("type_code"))
        elif key == "applicant_name":
            text = row["applicant_name"] or "–"
        elif key == "status":
            text = tr_status(row["status"])
        elif key == "validation":
            alert = row["validation"] != "valid"
            text = self.tr("ungültig") if alert else self.tr("gültig")
        else:
            text = row.get(key)
        return Cell(_text(text), alert, bold)

    def data(self, index, role=DISPLAY):
        # Called for every role of every visible cell on each paint: answer the roles we do
        # not use before touching any row.
        if role not in _USED_ROLES or not index.isValid():
            return None
        row_no = index.row()
        cell = self.cell(row_no, index.column())
        if cell is None:
            return None
        if role == DISPLAY:
            return cell.text
        if role == FOREGROUND:
            return _alert_brush() if cell.alert else None
        if role == FONT:
            return self._bold_font() if cell.bold else None
        row = self.row_data(row_no)
        if role == CASE_ID_ROLE:
            return row["id"]
        key = COLUMNS[index.column()][0]
        if key == "age":
            return _age_tooltip(row)
        return row.get("type_code") if key == "type_title" else None

    def _bold_font(self) -> QFont:
        if self._bold is None:
            self._bold = QFont()
            self._bold.setBold(True)
        return self._bold

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.sort_column = column
        self.sort_descending = order == Qt.SortOrder.DescendingOrder
        self.sort_requested.emit(COLUMNS[column][2], self.sort_descending)
