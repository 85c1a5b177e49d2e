"""Raw XML as it arrived: read-only text with colours, line numbers and find.

The caseworker sometimes needs the message exactly as sent (to check a finding's line, or a value
the structured view does not show). The bytes are only decoded, never parsed (`xml_decoding`), so
a hostile file cannot resolve entities or reach the network here. Colouring runs in short slices
on the GUI thread (`XmlHighlighter`); files above `highlight_limit` bytes are shown without it.
Lines longer than `max_line_chars` (base64 documents embedded in a message are one line of
megabytes, and Qt lays out a line as a whole, for seconds) are cut for display with a marker
saying how much is left out; line numbers stay true. Find marks at most `MAX_MARKED` hits.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QWidget

from ab_inbox.ui.viewers.code_view import CodeView
from ab_inbox.ui.viewers.find_bar import MAX_SEARCH_CHARS, FindBar
from ab_inbox.ui.viewers.viewer_base import ViewerBase, display_name, megabytes
from ab_inbox.ui.viewers.xml_decoding import decode_xml, shorten_long_lines
from ab_inbox.ui.viewers.xml_highlighter import XmlHighlighter

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
DEFAULT_HIGHLIGHT_LIMIT = 5 * 1024 * 1024
DEFAULT_MAX_LINE_CHARS = 20_000
MAX_MARKED = 2_000


class XmlViewer(ViewerBase):
    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        highlight_limit: int = DEFAULT_HIGHLIGHT_LIMIT,
        max_line_chars: int = DEFAULT_MAX_LINE_CHARS,
    ) -> None:
        super().__init__(parent)
        self._max_bytes, self._highlight_limit = max_bytes, highlight_limit
        self._max_line_chars = max_line_chars
        self._matches: list[QTextCursor] = []
        self._hit = -1
        self._view = CodeView(self)
        self._view.setAccessibleName(self.tr("XML-Text"))
        self._base_font = self._view.font()
        self._highlighter = XmlHighlighter(self)
        self._notice = QLabel(self)
        self._notice.setTextFormat(Qt.TextFormat.PlainText)
        self._notice.setWordWrap(True)
        self._notice.setAccessibleName(self.tr("Hinweis zur Anzeige"))
        self._notice.setContentsMargins(6, 2, 6, 2)
        self._notice.hide()
        self.set_content(self._view)
        self._find_bar = FindBar(self)
        self.add_row(self._find_bar)
        self.add_row(self._notice)
        self._build_actions()
        self._find_bar.search_changed.connect(self.find)
        self._find_bar.next_requested.connect(self.next_hit)
        self._find_bar.previous_requested.connect(self.previous_hit)

    def _build_actions(self) -> None:
        self.add_action(
            self.tr("Kleinere Schrift"),
            self.tr("Schrift verkleinern"),
            lambda: self._view.zoomOut(1),
            shortcuts=[Qt.Key.Key_Minus, QKeySequence.StandardKey.ZoomOut],
            icon=QIcon.ThemeIcon.ZoomOut,
        )
        self.add_action(
            self.tr("Größere Schrift"),
            self.tr("Schrift vergrößern"),
            lambda: self._view.zoomIn(1),
            shortcuts=[Qt.Key.Key_Plus, QKeySequence.StandardKey.ZoomIn],
            icon=QIcon.ThemeIcon.ZoomIn,
        )
        self.add_action(
            self.tr("Normale Schrift"),
            self.tr("Schriftgröße zurücksetzen"),
            lambda: self._view.setFont(self._base_font),
            shortcuts=[QKeySequence("Ctrl+0")],
            icon="zoom-original",
        )
        wrap = self.add_action(
            self.tr("Zeilenumbruch"),
            self.tr("Lange Zeilen umbrechen"),
            lambda: self._view.setLineWrapMode(
                QPlainTextEdit.LineWrapMode.WidgetWidth
                if wrap.isChecked()
                else QPlainTextEdit.LineWrapMode.NoWrap
            ),
            checkable=True,
        )
        self.add_find_actions(self._find_bar.focus_field, self.next_hit, self.previous_hit)

    # -- loading -------------------------------------------------------------------------------

    def load_bytes(self, data: bytes, name: str) -> bool:
        """Show `data` as text; False (and a German message) only if the file is too large."""
        self.begin_load()
        self._clear_find()
        self._highlighter.stop()
        self._view.clear()
        shown = display_name(name)
        if len(data) > self._max_bytes:
            return self.show_message(
                self.tr(
                    "Die XML-Datei „{name}“ ist zu groß ({size} MB, höchstens {limit} MB) "
                    "und wird nicht angezeigt."
                ).format(name=shown, size=megabytes(len(data)), limit=megabytes(self._max_bytes))
            )
        decoded = decode_xml(data)
        marker = self.tr(" … [{count} weitere Zeichen nicht angezeigt]")
        text, shortened = shorten_long_lines(decoded.text, self._max_line_chars, marker)
        self._view.setPlainText(text)
        notices = []
        if decoded.replaced:
            notices.append(
                self.tr(
                    "Einige Bytes passen nicht zur Zeichenkodierung {encoding}; "
                    "sie werden als � angezeigt."
                ).format(encoding=decoded.encoding)
            )
        if shortened:
            notices.append(
                self.tr(
                    "Sehr lange Zeilen (etwa eingebettete Dokumente) sind gekürzt; "
                    "„Speichern unter…“ sichert die vollständige Datei."
                )
            )
        if len(data) <= self._highlight_limit:
            self._highlighter.start(self._view.document())
        else:
            notices.append(self.tr("Große Datei: ohne Farbhervorhebung angezeigt."))
        self._notice.setText(" ".join(notices))
        self._notice.setVisible(bool(notices))
        self.show_content()
        return True

    def text(self) -> str:
        return self._view.toPlainText()

    def highlighting_enabled(self) -> bool:
        return self._highlighter.document() is self._view.document()

    def highlighter(self) -> XmlHighlighter:
        return self._highlighter

    def text_view(self) -> CodeView:
        return self._view

    def notice_text(self) -> str:
        return self._notice.text()

    # -- find ----------------------------------------------------------------------------------

    def find(self, text: str) -> int:
        """Mark the hits of `text` (case-insensitive), select the first; return their number."""
        text = text[:MAX_SEARCH_CHARS]
        if self._find_bar.text() != text:
            self._find_bar.set_text(text)
        self._matches, self._hit = [], -1
        document = self._view.document()
        cursor = QTextCursor(document)
        while text and len(self._matches) < MAX_MARKED:
            cursor = document.find(text, cursor)
            if cursor.isNull():
                break
            self._matches.append(cursor)
        self._mark_matches()
        if self._matches:
            self._go_to_hit(0)
        self._find_bar.set_count(self._hit, len(self._matches), self._capped())
        return len(self._matches)

    def hit_count(self) -> int:
        return len(self._matches)

    def next_hit(self) -> None:
        if self._matches:
            self._go_to_hit((self._hit + 1) % len(self._matches))

    def previous_hit(self) -> None:
        if self._matches:
            self._go_to_hit((self._hit - 1) % len(self._matches))

    def hit_label_text(self) -> str:
        return self._find_bar.count_text()

    def _go_to_hit(self, index: int) -> None:
        self._hit = index
        self._view.setTextCursor(self._matches[index])
        self._view.ensureCursorVisible()
        self._find_bar.set_count(index, len(self._matches), self._capped())

    def _capped(self) -> bool:
        return len(self._matches) >= MAX_MARKED

    def _mark_matches(self) -> None:
        marked = QTextCharFormat()
        marked.setBackground(QColor(255, 230, 120))
        marked.setForeground(QColor(0, 0, 0))
        selections = []
        for cursor in self._matches:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = marked
            selections.append(selection)
        self._view.setExtraSelections(selections)

    def _clear_find(self) -> None:
        self._find_bar.set_text("")
        self._matches, self._hit = [], -1
        self._view.setExtraSelections([])
        self._find_bar.set_count(-1, 0)
