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

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QCursor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QHeaderView, QTableView

from ab_inbox.ui.queue_delegate import QueueDelegate


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


class QueueTable(QTableView):
    """Set its model, then a QueueDelegate for that model, as the main window does."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHorizontalHeader(QueueHeader(self))
        self._fills_background = False
        # Read after the first paint: the first QBrush and QPainter cost 5 ms of start-up
        # (PySide sets up their types).
        self._background_read = False

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
        instead of Qt before each paint: Qt's fill cost 0.3 ms of a search's repaint, the
        view's own almost nothing (measured). Only where that fill is all Qt does: the
        viewport fills its background, with a solid opaque colour in every state (active,
        inactive, disabled), and no style sheet applies."""
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

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
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
        viewport = self.viewport()
        painter = QPainter(viewport)
        if self._fills_background:
            painter.fillRect(event.rect(), viewport.palette().color(viewport.backgroundRole()))
        if paints_rows:
            self._paint_rows(painter, event.rect(), delegate)
            painter.end()
        else:
            painter.end()
            super().paintEvent(event)

    def _paint_rows(self, painter: QPainter, dirty: QRect, delegate: QueueDelegate) -> None:
        model = self.model()
        header = self.horizontalHeader()
        rows = model.rowCount()
        if not rows or not header.count():
            return
        # The dirty area as Qt's table view limits it: not beyond the last row and column.
        right_edge = header.length() - header.offset() - 1
        rows_header = self.verticalHeader()
        bottom_edge = rows_header.length() - rows_header.offset() - 1
        area = QRect(dirty.left(), dirty.top(), 0, 0)
        area.setRight(min(dirty.right(), right_edge))
        area.setBottom(min(dirty.bottom(), bottom_edge))
        if not area.isValid():
            return
        top = self.rowAt(area.top())
        bottom = self.rowAt(area.bottom())
        if top < 0:
            return
        if bottom < 0:
            bottom = rows - 1
        left = header.visualIndexAt(area.left())
        right = header.visualIndexAt(area.right())
        left = 0 if left < 0 else left
        right = header.count() - 1 if right < 0 else right
        columns = []  # (logical index, x, width without the grid line)
        for visual in range(left, right + 1):
            column = header.logicalIndex(visual)
            if not header.isSectionHidden(column):
                columns.append(
                    (column, self.columnViewportPosition(column), self.columnWidth(column) - 1)
                )
        if not columns:
            return

        # Imported here: naming QStyle at start-up builds its hundreds of enum members (7 ms).
        from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

        # What Qt's painting reads from the view's option: the palette as the row panel
        # (QCommonStyle's PE_PanelItemViewRow) and the cells (enabled: the Normal group) use it.
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        palette = option.palette
        active = bool(option.state & QStyle.StateFlag.State_Active)
        group = QPalette.ColorGroup.Normal if active else QPalette.ColorGroup.Inactive
        alternate_brush = palette.brush(group, QPalette.ColorRole.AlternateBase)
        text_color = palette.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.Text)
        grid = self.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, self)
        grid_color = QColor.fromRgba(grid & 0xFFFFFFFF)

        selected_rows, styled_cells = self._drawn_by_style(top, bottom)
        styled_rows = selected_rows | {row for row, _column in styled_cells}
        alternate = self.alternatingRowColors()
        fill_left = columns[0][1]
        fill_width = columns[-1][1] + columns[-1][2] - fill_left
        heights = []  # (y, height without the grid line) of each row
        plain = []  # cells whose text is drawn after the loop, together
        for row in range(top, bottom + 1):
            y = self.rowViewportPosition(row)
            height = self.rowHeight(row) - 1
            heights.append((y, height))
            shaded = alternate and row & 1
            if row not in styled_rows:  # the common case: one fill for the row
                if shaded:
                    painter.fillRect(fill_left, y, fill_width, height, alternate_brush)
                plain.append((row, y, height, columns))
                continue
            plain_columns = []
            for column, x, width in columns:
                if row in selected_rows or (row, column) in styled_cells:
                    self._paint_as_qt(painter, option, row, column, QRect(x, y, width, height))
                else:
                    if shaded:
                        painter.fillRect(x, y, width, height, alternate_brush)
                    plain_columns.append((column, x, width))
            plain.append((row, y, height, plain_columns))
        delegate.draw_plain_texts(painter, plain, text_color)
        # The grid lines as one-pixel fills: the same pixels as the 1-pixel pen's lines Qt
        # draws, at a fifth of the cost (38 lines: 40 against 220 microseconds).
        line_width = area.width()
        for y, height in heights:
            painter.fillRect(area.left(), y + height, line_width, 1, grid_color)
        line_height = area.height()
        for _column, x, width in columns:
            painter.fillRect(x + width, area.top(), 1, line_height, grid_color)

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
