"""The queue's table view: its plain rows painted in one pass.

Qt's table view paints cell by cell, and each cell costs three calls into Python (the model's
row and column counts for the index, then the delegate with three wrapped arguments) besides
the style option and row panel it prepares in C++. Painting a search's new rows on a screen of
90 cells took 0.5-1 ms less without that (measured). This view paints what Qt paints: the
background (which Qt otherwise fills before each paint), per row the alternate colour, per
cell the text the queue's delegate draws, then the grid. Cells that need the style (selected,
current, under the mouse) are painted as Qt paints them: the style's row panel, then the
delegate with the same option. Tests compare the two pixel for pixel.

Qt paints, as before, where the delegate does not draw itself (other styles, right to left,
style sheets), until the style has been read (the first paint at start-up), and for a
disabled view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QCursor, QPainter, QPaintEvent, QPalette, QRegion
from PySide6.QtWidgets import QHeaderView, QTableView

from ab_inbox.ui.queue_delegate import QueueDelegate, item_color_group


class QueueHeader(QHeaderView):
    """The column header, keeping its size hint and its layout while the queue is reloaded.

    Qt works the hint out anew after every model reset (each search or sort): it asks the
    model for four roles of each of the ten columns and lays their titles out, 0.3 ms. The
    titles do not change with the rows; the hint is worked out again when they change, or
    the header's font, style or sections do."""

    def __init__(self, parent=None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._size_hint: QSize | None = None
        self._laid_out_columns = -1
        self.sectionResized.connect(self.forget_size_hint)  # also hiding a column
        self.sectionCountChanged.connect(self.forget_size_hint)

    def sizeHint(self) -> QSize:  # noqa: N802
        if self._size_hint is None:
            self._size_hint = super().sizeHint()
        return QSize(self._size_hint)

    def forget_size_hint(self, *_args) -> None:
        self._size_hint = None

    def doItemsLayout(self) -> None:  # noqa: N802
        """Lays the sections out only when their number changed. After every model reset
        (each search and sort) Qt lays them out anew and repaints the header, although the
        queue's columns do not change with its rows. (A header that highlights the sections
        of selected cells is repainted as before: a reset clears the selection.)"""
        model = self.model()
        columns = model.columnCount() if model is not None else -1
        if columns == self._laid_out_columns == self.count() and not self.highlightSections():
            return
        super().doItemsLayout()
        self._laid_out_columns = self.count()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
            QEvent.Type.LanguageChange,
        ):
            self._size_hint = None
        super().changeEvent(event)


class _RowColors(NamedTuple):
    """What the view's plain rows are painted in (see QueueTable._colors)."""

    alternate: QBrush
    text: QColor
    grid: QColor
    alternate_opaque: bool
    grid_opaque: bool


# The longest after_paint() waits for a paint (a window covered, or on another desktop).
AFTER_PAINT_AT_LATEST_MS = 1000


class QueueTable(QTableView):
    """Set its model, then a QueueDelegate for that model, as the main window does."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHorizontalHeader(QueueHeader(self))
        self._fills_background = False
        # Read after the first paint: the first QBrush and QPainter cost 5 ms of start-up
        # (PySide sets up their types).
        self._background_read = False
        # ((palette, active window, focus), colours) of the last paint; see _colors().
        self._kept_colors: tuple[tuple[int, bool, bool], _RowColors] | None = None
        self._after_paint: list[Callable[[], None]] = []  # see after_paint()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        # The view's own style (set on it alone, or the application's): its grid colour.
        if event.type() == QEvent.Type.StyleChange:
            self._kept_colors = None
        super().changeEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        # The viewport's own events: the table hears of a new palette before its viewport
        # has it.
        if self._background_read and event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.StyleChange,
        ):
            self._follow_background()
        return super().viewportEvent(event)

    def _follow_background(self) -> None:
        """Decides whether the view fills its viewport's background itself, in its paint,
        instead of Qt before each paint: then each pixel is filled once, a plain row in its
        own colour (Qt's fill beneath the alternate rows cost 0.1 ms of a search's repaint,
        measured). Only where that fill is all Qt does: the viewport fills its background,
        with a solid opaque colour in every state (active, inactive, disabled), and no style
        sheet applies."""
        viewport = self.viewport()
        palette, role = viewport.palette(), viewport.backgroundRole()
        groups = (
            QPalette.ColorGroup.Active,
            QPalette.ColorGroup.Inactive,
            QPalette.ColorGroup.Disabled,
        )
        fills = (
            viewport.autoFillBackground()
            and not self.testAttribute(Qt.WidgetAttribute.WA_StyleSheet)
            and all(
                (brush := palette.brush(group, role)).style() == Qt.BrushStyle.SolidPattern
                and brush.isOpaque()
                for group in groups
            )
        )
        # What the viewport shows stays the same: only who fills it next time changes.
        self._fills_background = fills
        viewport.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, fills)

    def setModel(self, model) -> None:  # noqa: N802
        super().setModel(model)
        model.headerDataChanged.connect(self.horizontalHeader().forget_size_hint)

    def after_paint(self, callback: Callable[[], None]) -> None:
        """Call `callback` once the table has painted what it shows next, or, if it is not on
        screen, without waiting; from the event loop either way, and within a second at the
        latest (a window the system does not paint). For work that would compete with that
        paint for the GUI thread (a worker's Python holds the GIL for turns of 5 ms)."""
        self._after_paint.append(callback)
        QTimer.singleShot(0, self, self._unless_painting)
        QTimer.singleShot(AFTER_PAINT_AT_LATEST_MS, self, self._paint_done)

    def _unless_painting(self) -> None:
        if not self.isVisible() or self.window().isMinimized():  # no paint is coming
            self._paint_done()

    def _paint_done(self) -> None:
        callbacks, self._after_paint = self._after_paint, []
        for callback in callbacks:
            callback()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if self._after_paint:  # queued now, so called once this paint is done
            QTimer.singleShot(0, self, self._paint_done)
        if not self._background_read:
            self._background_read = True
            QTimer.singleShot(0, self, self._follow_background)
        delegate = self.itemDelegate()
        paints_rows = (
            isinstance(delegate, QueueDelegate)
            and delegate.draws_rows()
            and self.isEnabled()
            and self.showGrid()
            and self.gridStyle() == Qt.PenStyle.SolidLine
            and self.verticalHeader().isHidden()
            and self.horizontalHeader().isVisible()
        )
        if not (paints_rows or self._fills_background):
            # Without a QPainter made here: the first one costs PySide 5 ms of start-up.
            super().paintEvent(event)
            return
        painter = QPainter(self.viewport())
        if paints_rows:
            self._paint_rows(painter, event.rect(), delegate)
            painter.end()
        else:
            painter.fillRect(event.rect(), self._background())
            painter.end()
            super().paintEvent(event)

    def _background(self) -> QColor:
        viewport = self.viewport()
        return viewport.palette().color(viewport.backgroundRole())

    def _paint_rows(self, painter: QPainter, dirty: QRect, delegate: QueueDelegate) -> None:
        background = self._background() if self._fills_background else None
        in_view = self._rows_in(dirty)
        if in_view is None:
            if background is not None:
                painter.fillRect(dirty, background)
            return
        top, bottom, columns, area = in_view
        colors = self._colors()
        alternate_brush, grid_color = colors.alternate, colors.grid
        selected_rows, styled_cells = self._drawn_by_style(top, bottom)
        styled_rows = selected_rows | {row for row, _column in styled_cells}
        alternate = self.alternatingRowColors()
        fill_left = columns[0][1]
        fill_width = columns[-1][1] + columns[-1][2] - fill_left
        # Where nothing shows through, each pixel is filled once: the plain rows in their own
        # colour (a background fill under the alternate rows cost 0.1 ms more), the rest in
        # the background colour.
        own_rows = background is not None and colors.alternate_opaque and colors.grid_opaque
        if own_rows:
            first_y = self.rowViewportPosition(top)
            rows_height = self.rowViewportPosition(bottom) + self.rowHeight(bottom) - first_y
            rows_area = QRegion(QRect(fill_left, first_y, fill_width + 1, rows_height))
            for rect in QRegion(dirty).subtracted(rows_area):
                painter.fillRect(rect, background)
        elif background is not None:
            painter.fillRect(dirty, background)
        option = None  # the view's item option, for cells painted as Qt paints them
        heights = []  # (y, height without the grid line) of each row
        plain = []  # cells whose text is drawn after the loop, together
        for row in range(top, bottom + 1):
            y = self.rowViewportPosition(row)
            height = self.rowHeight(row) - 1
            heights.append((y, height))
            shaded = alternate and row & 1
            if row not in styled_rows:  # the common case: one fill for the row
                if own_rows:
                    brush = alternate_brush if shaded else background
                    painter.fillRect(fill_left, y, fill_width + 1, height + 1, brush)
                elif shaded and colors.grid_opaque:
                    painter.fillRect(fill_left, y, fill_width, height, alternate_brush)
                elif shaded:  # not beneath a see-through grid line: cell by cell, as Qt
                    for _column, x, width in columns:
                        painter.fillRect(x, y, width, height, alternate_brush)
                plain.append((row, y, height, columns))
                continue
            if own_rows:  # what Qt's background fill leaves beneath the style's panels
                painter.fillRect(fill_left, y, fill_width + 1, height + 1, background)
            if option is None:
                option = self._item_option()
            plain_columns = []
            for column, x, width in columns:
                if row in selected_rows or (row, column) in styled_cells:
                    self._paint_as_qt(painter, option, row, column, QRect(x, y, width, height))
                else:
                    if shaded:
                        painter.fillRect(x, y, width, height, alternate_brush)
                    plain_columns.append((column, x, width))
            plain.append((row, y, height, plain_columns))
        delegate.draw_plain_texts(painter, plain, colors.text)
        # The grid lines as one-pixel fills: the same pixels as the 1-pixel pen's lines Qt
        # draws, at a fifth of the cost (38 lines: 40 against 220 microseconds).
        line_width = area.width()
        for y, height in heights:
            painter.fillRect(area.left(), y + height, line_width, 1, grid_color)
        line_height = area.height()
        for _column, x, width in columns:
            painter.fillRect(x + width, area.top(), 1, line_height, grid_color)

    def _rows_in(self, dirty: QRect) -> tuple[int, int, list[tuple[int, int, int]], QRect] | None:
        """The rows (first, last) and columns (logical index, x, width without the grid
        line) a paint of `dirty` shows, and the part of `dirty` they cover, as Qt's table
        view limits it: not beyond the last row and column. None if it shows no cell."""
        header = self.horizontalHeader()
        rows = self.model().rowCount()
        if not rows or not header.count():
            return None
        right_edge = header.length() - header.offset() - 1
        rows_header = self.verticalHeader()
        bottom_edge = rows_header.length() - rows_header.offset() - 1
        area = QRect(dirty.left(), dirty.top(), 0, 0)
        area.setRight(min(dirty.right(), right_edge))
        area.setBottom(min(dirty.bottom(), bottom_edge))
        if not area.isValid():
            return None
        top = self.rowAt(area.top())
        bottom = self.rowAt(area.bottom())
        if top < 0:
            return None
        if bottom < 0:
            bottom = rows - 1
        left = header.visualIndexAt(area.left())
        right = header.visualIndexAt(area.right())
        left = 0 if left < 0 else left
        right = header.count() - 1 if right < 0 else right
        columns = []
        for visual in range(left, right + 1):
            column = header.logicalIndex(visual)
            if not header.isSectionHidden(column):
                columns.append(
                    (column, self.columnViewportPosition(column), self.columnWidth(column) - 1)
                )
        return (top, bottom, columns, area) if columns else None

    def _item_option(self):
        """The view's item option, as Qt's painting reads it (palette, state, font)."""
        from PySide6.QtWidgets import QStyleOptionViewItem

        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        return option

    def _colors(self) -> _RowColors:
        """The alternate rows' brush, the text and the grid colour, as Qt's painting takes
        them from the view's item option (QCommonStyle's row panel and item text: the
        active colours when the window is active and the view has the focus, else the
        inactive ones), and whether the brush and the grid are opaque. Kept per palette,
        window activation and focus until the style changes: reading them cost 0.1 ms of
        every paint."""
        key = (self.palette().cacheKey(), self.isActiveWindow(), self.hasFocus())
        if self._kept_colors is not None and self._kept_colors[0] == key:
            return self._kept_colors[1]
        # Imported here: naming QStyle at start-up builds its hundreds of enum members (7 ms).
        from PySide6.QtWidgets import QStyle

        option = self._item_option()
        palette = option.palette
        state, flag = option.state, QStyle.StateFlag
        group = item_color_group(state & flag.State_Enabled, state & flag.State_Active)
        alternate_brush = palette.brush(group, QPalette.ColorRole.AlternateBase)
        text_color = palette.color(group, QPalette.ColorRole.Text)
        grid = self.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, self)
        grid_color = QColor.fromRgba(grid & 0xFFFFFFFF)
        colors = _RowColors(
            alternate=alternate_brush,
            text=text_color,
            grid=grid_color,
            alternate_opaque=alternate_brush.style() == Qt.BrushStyle.SolidPattern
            and alternate_brush.isOpaque(),
            grid_opaque=grid_color.alpha() == 255,
        )
        self._kept_colors = (key, colors)
        return colors

    def _drawn_by_style(self, top: int, bottom: int) -> tuple[set[int], set[tuple[int, int]]]:
        """The rows in view with a selection and the (row, column) cells in view that are
        current or under the mouse: the style draws on them, so they are painted as Qt
        paints them."""
        selection = self.selectionModel()
        rows = set()
        if selection.hasSelection():
            rows = {row for row in range(top, bottom + 1) if selection.rowIntersectsSelection(row)}
        cells = set()
        current = self.currentIndex()
        if current.isValid() and top <= current.row() <= bottom:
            cells.add((current.row(), current.column()))
        viewport = self.viewport()
        if viewport.underMouse():
            hovered = self.indexAt(viewport.mapFromGlobal(QCursor.pos()))
            if hovered.isValid():
                cells.add((hovered.row(), hovered.column()))
        return rows, cells

    def _paint_as_qt(self, painter: QPainter, base, row: int, column: int, rect: QRect) -> None:
        """One cell as QTableView paints it: the style's row panel, then the delegate."""
        from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

        index = self.model().index(row, column)
        option = QStyleOptionViewItem(base)
        option.rect = rect
        state = option.state
        if self.alternatingRowColors() and row & 1:
            option.features |= QStyleOptionViewItem.ViewItemFeature.Alternate
        if self.selectionModel().isSelected(index):
            state |= QStyle.StateFlag.State_Selected
        viewport = self.viewport()
        if viewport.underMouse() and index == self.indexAt(viewport.mapFromGlobal(QCursor.pos())):
            state |= QStyle.StateFlag.State_MouseOver
        if index == self.currentIndex() and (self.hasFocus() or viewport.hasFocus()):
            state |= QStyle.StateFlag.State_HasFocus
        option.state = state
        option.palette.setCurrentColorGroup(QPalette.ColorGroup.Normal)
        self.style().drawPrimitive(
            QStyle.PrimitiveElement.PE_PanelItemViewRow, option, painter, self
        )
        self.itemDelegate().paint(painter, option, index)
