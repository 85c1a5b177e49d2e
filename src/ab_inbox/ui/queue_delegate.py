"""Paints the queue's cells, keeping the texts it draws again laid out between paints.

Qt's standard delegate asks the model for seven roles of every visible cell on each paint (seven
calls into Python) and lays each text out anew (shaping, line breaking, eliding); at 33 rows that
was about 7 ms of every search, sort or scroll step, half the time the window added to the SQL.
This delegate asks the model once per cell (`QueueModel.cell`); a text drawn more than once is
kept laid out (`QStaticText`) per text, column width and weight. What it draws is what the
standard delegate drew: the style's panel under selected and hovered rows, the text elided on
the right and centred vertically, in the highlighted-text colour when selected, in the alert
colour when overdue or invalid, bold for new cases, and the style's focus frame on the current
cell. Tool tips, accessibility and size hints still come from the model's roles."""

from __future__ import annotations

import math
import sys

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QFontMetricsF, QPalette, QStaticText
from PySide6.QtWidgets import QAbstractItemView, QApplication, QStyledItemDelegate

from ab_inbox.ui.queue_model import ALERT_COLOR, Cell, QueueModel

_HIGHLIGHTED_TEXT = QPalette.ColorRole.HighlightedText
_TEXT = QPalette.ColorRole.Text
_ELIDE_RIGHT = Qt.TextElideMode.ElideRight
# Texts kept laid out (~30 screens, ~7 MB), and texts remembered as drawn once; each set is
# started anew when full.
MAX_LAID_OUT = 5_000
FIT_SPARE_PX = 4  # room left when a text is judged to fit by its characters' widths
# The common style's text margin (PM_FocusFrameHMargin 2, plus 1), which the Windows and
# Fusion styles keep; read from the style after the first paint. QStyle is not touched
# before: PySide builds its hundreds of enum members on first use (7-10 ms, and reading an
# option's `state` does it too), which would delay the first queue on screen.
DEFAULT_MARGIN = 3
# Styles whose item view drawing this delegate reproduces (tests compare it with Qt's).
FAST_STYLES = frozenset({"fusion", "windows"})


class _StyleNames:
    """QStyle's names the delegate uses, looked up once QStyle has been loaded."""

    def __init__(self):
        from PySide6.QtWidgets import QStyle

        # As plain bits: a test of an int costs a tenth of a test of the enum flag.
        flag = QStyle.StateFlag
        self.selected = flag.State_Selected.value
        self.mouse_over = flag.State_MouseOver.value
        self.has_focus = flag.State_HasFocus.value
        # What an option's colours follow: the view enabled, active (its window active,
        # and the view focused).
        self.enabled = flag.State_Enabled.value
        self.active = flag.State_Active.value
        self.palette_state = self.enabled | self.active
        self.panel = QStyle.PrimitiveElement.PE_PanelItemViewItem
        self.margin = QStyle.PixelMetric.PM_FocusFrameHMargin


class QueueDelegate(QStyledItemDelegate):
    """Set on a view whose model (and so selection model) does not change afterwards.

    Draws itself only where that was compared pixel for pixel with Qt's delegate: the
    FAST_STYLES, left to right, no style sheet. Elsewhere (the native Windows 10/11 styles,
    KDE's Breeze, right to left, style sheets) Qt's delegate draws, from the model's roles."""

    def __init__(self, model: QueueModel, view: QAbstractItemView):
        super().__init__(view)
        self._model = model
        self._view = view
        self._selection = view.selectionModel()
        self._alert = QColor(ALERT_COLOR)
        # Text and highlighted-text colours per palette_state, as the options' palettes give
        # them (copying the palette out of every option was 7% of a paint, profiled).
        self._text_colors: dict[int, tuple[QColor, QColor]] = {}
        self._laid_out: dict[tuple[str, int, bool], QStaticText] = {}
        # Texts drawn once without being laid out to keep (see draw_plain_texts).
        self._drawn_once: set[tuple[str, int, bool]] = set()
        self._margin = DEFAULT_MARGIN
        self._style: _StyleNames | None = None
        self._style_asked = False
        # Until the style is read: Windows' default styles are not among FAST_STYLES.
        self._fast = sys.platform != "win32" and self._plain_layout()
        self._fonts_changed()
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.FontChange:
            self._fonts_changed()
        elif kind == QEvent.Type.PaletteChange:
            self._text_colors.clear()
        elif kind in (QEvent.Type.StyleChange, QEvent.Type.LayoutDirectionChange):
            self._read_style()
        return False

    def _plain_layout(self) -> bool:
        view = self._view
        app = QApplication.instance()
        return (
            view.layoutDirection() == Qt.LayoutDirection.LeftToRight
            and not view.styleSheet()
            and not (app is not None and app.styleSheet())
        )

    def _fonts_changed(self) -> None:
        """Text laid out in the old font no longer fits: start anew."""
        self.forget_texts()
        self._font = QFont(self._view.font())
        self._bold = QFont(self._font)
        self._bold.setBold(True)
        self._metrics = {False: QFontMetrics(self._font), True: QFontMetrics(self._bold)}
        self._line_height = self._metrics[False].height()
        # As exact as QStaticText places a text (fractional at a fractional scale); made when
        # first needed, after the first screenful (QFontMetricsF's first use costs start-up).
        self._exact: dict[bool, QFontMetricsF] | None = None
        self._advances: dict[bool, dict[str, int]] = {False: {}, True: {}}

    def _exact_metrics(self) -> dict[bool, QFontMetricsF]:
        if self._exact is None:
            self._exact = {False: QFontMetricsF(self._font), True: QFontMetricsF(self._bold)}
        return self._exact

    def forget_texts(self) -> None:
        """Lay out anew every text (as when first seen)."""
        self._laid_out.clear()
        self._drawn_once.clear()

    def _read_style(self) -> None:
        self._style = names = _StyleNames()
        self._text_colors.clear()
        style = self._view.style()
        fast = style.name().lower() in FAST_STYLES and self._plain_layout()
        margin = style.pixelMetric(names.margin) + 1
        if margin != self._margin or fast != self._fast:
            self._margin, self._fast = margin, fast
            self.forget_texts()
            self._view.viewport().update()

    def paint(self, painter, option, index) -> None:
        if not self._style_asked:  # read after this first paint, not in its way
            self._style_asked = True
            QTimer.singleShot(0, self, self._read_style)
        if not self._fast:
            super().paint(painter, option, index)
            return
        names = self._style
        if names is not None:  # as Qt's delegate: selection, hover and focus from the option
            state = option.state.value
            selected = state & names.selected
            if selected or state & names.mouse_over:
                option.widget.style().drawPrimitive(names.panel, option, painter, option.widget)
            focus = state & names.has_focus
            colors = self._text_colors.get(state & names.palette_state)
            if colors is None:
                group = item_color_group(state & names.enabled, state & names.active)
                colors = self._text_colors[state & names.palette_state] = _colors(option, group)
        else:  # the first paint: the same from the view, QStyle not loaded yet
            selected = self._selection.isSelected(index)
            if selected:
                self._read_style()
                option.widget.style().drawPrimitive(
                    self._style.panel, option, painter, option.widget
                )
            view = self._view
            focus = index == view.currentIndex() and (view.hasFocus() or view.viewport().hasFocus())
            # As the view's item option has it: active with the window and the focus.
            group = item_color_group(view.isEnabled(), view.isActiveWindow() and view.hasFocus())
            colors = _colors(option, group)
        cell = self._model.cell(index.row(), index.column())
        if cell is not None:
            rect = option.rect
            color = colors[1] if selected else self._alert if cell.alert else colors[0]
            self._draw(painter, cell, rect.x(), rect.y(), rect.width(), rect.height(), color)
        if focus:
            _draw_focus_frame(painter, option)

    def draws_rows(self) -> bool:
        """Whether QueueTable may paint plain rows itself: where this delegate draws (and
        the style it follows has been read)."""
        return self._fast and self._style is not None

    def draw_plain_texts(self, painter, rows: list[tuple], color) -> None:
        """The texts of unselected cells, as paint() draws them. `rows`: (row, y, height,
        [(column, x, width), ...]) of each row. Drawn by weight and colour, so that the
        painter's font and pen change a few times per paint instead of for every cell.

        A text seen for the first time that surely fits its column is drawn as it is:
        laying it out to keep costs twice as much as drawing it (12 against 6 microseconds),
        and most texts of a search's or a scroll's new rows (names, times) are not drawn
        again. A text drawn a second time is laid out and kept (then drawn again in 2.5
        microseconds)."""
        margin, line_height = self._margin, self._line_height
        ascents = {bold: metrics.ascent() for bold, metrics in self._exact_metrics().items()}
        laid_out, drawn_once, fits = self._laid_out, self._drawn_once, self._fits
        cells_of = self._model.cells
        # Per weight and colour (bold * 2 + alert): texts kept laid out, and texts drawn as
        # they are.
        statics: tuple[list, ...] = ([], [], [], [])
        texts: tuple[list, ...] = ([], [], [], [])
        places = {}  # per list of columns (plain rows share one): columns, (x, room) of each
        for row, y, height, columns in rows:
            place = places.get(id(columns))
            if place is None:
                place = places[id(columns)] = (
                    [column for column, _x, _width in columns],
                    [(x + margin, width - 2 * margin) for _column, x, width in columns],
                )
            cells = cells_of(row, place[0])
            if cells is None:
                continue
            text_y = y + (height - line_height) // 2
            for (text, alert, bold), (x, room) in zip(cells, place[1], strict=True):
                key = (text, room, bold)
                static = laid_out.get(key)
                if static is None:
                    if key not in drawn_once and fits(text, bold, room):
                        if len(drawn_once) >= MAX_LAID_OUT:
                            drawn_once.clear()
                        drawn_once.add(key)
                        texts[bold * 2 + alert].append((QPointF(x, text_y + ascents[bold]), text))
                        continue
                    static = self._laid_out_text(text, room, bold)
                statics[bold * 2 + alert].append((x, text_y, static))
        for group in range(4):
            if statics[group] or texts[group]:
                painter.setPen(self._alert if group & 1 else color)
                painter.setFont(self._bold if group & 2 else self._font)
                for x, y, static in statics[group]:
                    painter.drawStaticText(x, y, static)
                for point, text in texts[group]:
                    painter.drawText(point, text)
        painter.setFont(self._font)

    def _fits(self, text: str, bold: bool, room: int) -> bool:
        """Whether the text surely fits without eliding: the sum of its characters' exact
        widths, each rounded up, with some pixels to spare for kerning, which seldom widens
        a Latin text. (Laid out, a text is elided when its exact width exceeds the room.)"""
        advances = self._advances[bold]
        try:  # summed in C: a loop in Python cost as much as drawing the text
            width = sum(map(advances.__getitem__, text))
        except KeyError:  # a character not measured yet
            exact = self._exact_metrics()[bold]
            for char in set(text).difference(advances):
                advances[char] = math.ceil(exact.horizontalAdvance(char))
            width = sum(map(advances.__getitem__, text))
        return width + FIT_SPARE_PX <= room

    def _draw(self, painter, cell: Cell, x: int, y: int, width: int, height: int, color) -> None:
        static = self._laid_out_text(cell.text, width - 2 * self._margin, cell.bold)
        painter.setPen(color)
        if cell.bold:
            painter.setFont(self._bold)
        painter.drawStaticText(x + self._margin, y + (height - self._line_height) // 2, static)
        if cell.bold:
            painter.setFont(self._font)

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


def item_color_group(enabled, active) -> QPalette.ColorGroup:
    """The colour group QCommonStyle paints an item in, from its option's enabled and active
    state (a view without the keyboard focus is not active)."""
    if not enabled:
        return QPalette.ColorGroup.Disabled
    return QPalette.ColorGroup.Normal if active else QPalette.ColorGroup.Inactive


def _colors(option, group: QPalette.ColorGroup) -> tuple[QColor, QColor]:
    """The text and highlighted-text colours of an option's palette in `group`."""
    palette = option.palette
    return palette.color(group, _TEXT), palette.color(group, _HIGHLIGHTED_TEXT)


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
