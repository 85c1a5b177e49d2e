"""Paints the queue's cells from laid-out text kept between paints.

Qt's standard delegate asks the model for seven roles of every visible cell on each paint (seven
calls into Python) and lays each text out anew (shaping, line breaking, eliding); at 33 rows that
was about 7 ms of every search, sort or scroll step, half the time the window added to the SQL.
This delegate asks the model once per cell (`QueueModel.cells`) and draws a `QStaticText` that is
laid out once per text, column width and weight. What it draws is what the standard delegate
drew: the selection panel of the style, the text elided on the right and centred vertically, in
the highlighted-text colour when selected, in the alert colour when overdue or invalid, bold for
new cases, and the style's focus frame on the current cell. Tool tips, accessibility and size
hints still come from the model's roles.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette, QStaticText
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate

from ab_inbox.ui.queue_model import ALERT_COLOR, QueueModel

_HIGHLIGHTED_TEXT = QPalette.ColorRole.HighlightedText
_TEXT = QPalette.ColorRole.Text
_ELIDE_RIGHT = Qt.TextElideMode.ElideRight
MAX_LAID_OUT = 20_000  # texts kept laid out (a few screens of every column); then started anew
# The common style's text margin (PM_FocusFrameHMargin 2, plus 1), which the Windows and
# Fusion styles keep; read from the style once the window is up. QStyle itself is not touched
# before: PySide builds its hundreds of enum members on first use, 10 ms of start-up.
DEFAULT_MARGIN = 3


class QueueDelegate(QStyledItemDelegate):
    """Set on a view whose model (and so selection model) does not change afterwards."""

    def __init__(self, model: QueueModel, view: QAbstractItemView):
        super().__init__(view)
        self._model = model
        self._view = view
        self._selection = view.selectionModel()
        self._current_changed(view.currentIndex())  # kept: a paint asks for every cell
        self._selection.currentChanged.connect(self._current_changed)
        self._alert = QColor(ALERT_COLOR)
        self._laid_out: dict[tuple[str, int, bool], QStaticText] = {}
        self._margin = DEFAULT_MARGIN
        self._style_read = False
        self._fonts_changed()
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.FontChange:
            self._fonts_changed()
        elif kind == QEvent.Type.StyleChange:
            self._read_style()
        return False

    def _current_changed(self, current, _previous=None) -> None:
        self._current = (current.row(), current.column())

    def _fonts_changed(self) -> None:
        """Text laid out in the old font no longer fits: start anew."""
        self._laid_out.clear()
        self._font = QFont(self._view.font())
        self._bold = QFont(self._font)
        self._bold.setBold(True)
        self._metrics = {False: QFontMetrics(self._font), True: QFontMetrics(self._bold)}
        self._line_height = self._metrics[False].height()

    def _read_style(self) -> None:
        from PySide6.QtWidgets import QStyle

        self._style_read = True
        margin = self._view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
        if margin != self._margin:
            self._margin = margin
            self._laid_out.clear()
            self._view.viewport().update()

    def paint(self, painter, option, index) -> None:
        if not self._style_read:  # after this first paint, not in its way
            self._style_read = True
            QTimer.singleShot(0, self._read_style)
        row, column = index.row(), index.column()
        selected = self._selection.isSelected(index)
        if selected:
            _draw_selection_panel(painter, option)
        cells = self._model.cells(row)
        if cells is not None:
            cell = cells[column]
            rect = option.rect
            width = rect.width() - 2 * self._margin
            static = self._laid_out_text(cell.text, width, cell.bold)
            if selected:
                painter.setPen(option.palette.color(_HIGHLIGHTED_TEXT))
            elif cell.alert:
                painter.setPen(self._alert)
            else:
                painter.setPen(option.palette.color(_TEXT))
            if cell.bold:
                painter.setFont(self._bold)
            painter.drawStaticText(
                rect.x() + self._margin,
                rect.y() + (rect.height() - self._line_height) // 2,
                static,
            )
            if cell.bold:
                painter.setFont(self._font)
        if (row, column) == self._current and (
            self._view.hasFocus() or self._view.viewport().hasFocus()
        ):
            _draw_focus_frame(painter, option)

    def _laid_out_text(self, text: str, width: int, bold: bool) -> QStaticText:
        key = (text, width, bold)
        static = self._laid_out.get(key)
        if static is None:
            if len(self._laid_out) >= MAX_LAID_OUT:
                self._laid_out.clear()
            font = self._bold if bold else self._font
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(font=font)
            if static.size().width() > width:  # laid out once more, elided: seldom
                metrics = self._metrics[bold]
                static = QStaticText(metrics.elidedText(text, _ELIDE_RIGHT, max(width, 0)))
                static.setTextFormat(Qt.TextFormat.PlainText)
                static.prepare(font=font)
            self._laid_out[key] = static
        return static


def _draw_selection_panel(painter, option) -> None:
    from PySide6.QtWidgets import QStyle

    widget = option.widget
    widget.style().drawPrimitive(
        QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget
    )


def _draw_focus_frame(painter, option) -> None:
    """The style's focus frame on the current cell, set up as the common style does."""
    from PySide6.QtWidgets import QStyle, QStyleOptionFocusRect

    widget = option.widget
    style = widget.style()
    state = option.state | QStyle.StateFlag.State_HasFocus
    frame = QStyleOptionFocusRect()
    frame.initFrom(widget)
    frame.rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemFocusRect, option, widget)
    frame.state = state | QStyle.StateFlag.State_KeyboardFocusChange | QStyle.StateFlag.State_Item
    frame.palette = option.palette
    group = QPalette.ColorGroup.Disabled
    if QStyle.StateFlag.State_Enabled in state:
        active = QStyle.StateFlag.State_Active in state
        group = QPalette.ColorGroup.Normal if active else QPalette.ColorGroup.Inactive
    selected = QStyle.StateFlag.State_Selected in state
    role = QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Window
    frame.backgroundColor = option.palette.color(group, role)
    style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, frame, painter, widget)
