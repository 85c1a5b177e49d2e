"""Raw XML as it arrived: read-only text with colours, line numbers and find.

The caseworker sometimes needs the message exactly as sent (to check a finding's line, or a value
the structured view does not show). The bytes are only decoded, never parsed (`xml_decoding`), so
a hostile file cannot resolve entities or reach the network here. Messages may be 64 MB, and
decoding plus one `setPlainText` of 20 MB froze the window for more than a second, so:
- decoding, cutting long lines and splitting into chunks run in a background op (`prepare_xml`)
  while the viewer says the file is loading;
- the text goes into the document one chunk (about 256 000 characters, a few ms) per event-loop
  turn; the first chunk is shown at once, a find asked for meanwhile runs when the text is
  complete;
- colouring runs in short slices on the GUI thread (`XmlHighlighter`) once the text is complete;
  files above `highlight_limit` bytes are shown without it.
Lines longer than `max_line_chars` (base64 documents embedded in a message are one line of
megabytes, and Qt lays out a line as a whole, for seconds) are cut for display with a marker
saying how much is left out; line numbers stay true. Find runs in slices too and marks at most
`MAX_MARKED` hits.
"""

from __future__ import annotations

import re
import time
from collections import deque

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QWidget

from ab_inbox.ui.ops import Op
from ab_inbox.ui.viewers.code_view import CodeView
from ab_inbox.ui.viewers.find_bar import MAX_SEARCH_CHARS, FindBar
from ab_inbox.ui.viewers.viewer_base import ViewerBase, display_name, megabytes
from ab_inbox.ui.viewers.xml_decoding import PreparedText, prepare_xml
from ab_inbox.ui.viewers.xml_highlighter import XmlHighlighter

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
DEFAULT_HIGHLIGHT_LIMIT = 5 * 1024 * 1024
# Qt lays a line out as a whole, its colours included: a coloured line of 20,000 characters
# cost every repaint over a second, and a find's marks on such lines seconds more (measured).
DEFAULT_MAX_LINE_CHARS = 1_000
MAX_MARKED = 1_000  # marking more cost the find over 0.3 s on long lines (measured)
FIND_SLICE_SECONDS = 0.02


def utf16_offsets(line: str):
    """A function from Python offsets in `line` to the UTF-16 offsets Qt counts in (they differ
    beyond U+FFFF), for offsets asked for in rising order, as a find's matches come: each
    character is counted once, however many matches the line has."""
    if line.isascii() or max(line) <= "\uffff":
        return lambda offset: offset
    counted = [0, 0]  # Python offset, UTF-16 offset

    def at(offset: int) -> int:
        done, units = counted
        if offset < done:
            done, units = 0, 0
        units += sum(2 if ch > "\uffff" else 1 for ch in line[done:offset])
        counted[:] = offset, units
        return units

    return at


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
        self._generation = 0
        self._chunks: deque[str] = deque()
        self._highlight = False
        self._fill_timer = QTimer(self, singleShot=True, interval=0)
        self._fill_timer.timeout.connect(self._fill_step)
        self._pattern: re.Pattern[str] | None = None
        self._find_block = 0
        self._find_timer = QTimer(self, singleShot=True, interval=0)
        self._find_timer.timeout.connect(self._find_slice)
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
        """Show `data` as text; False (and a German message) only if the file is too large.

        Decoding runs in a background op, so the text usually arrives after this returns;
        `is_loading()` tells whether it is complete.
        """
        self.begin_load()
        self._generation += 1
        self._stop_fill()
        self._clear_find()
        self._notice.hide()
        self._view.clear()
        shown = display_name(name)
        if len(data) > self._max_bytes:
            return self.show_message(
                self.tr(
                    "Die XML-Datei „{name}“ ist zu groß ({size} MB, höchstens {limit} MB) "
                    "und wird nicht angezeigt."
                ).format(name=shown, size=megabytes(len(data)), limit=megabytes(self._max_bytes))
            )
        self.show_loading(shown)
        generation = self._generation
        limit = self._max_line_chars
        marker = self.tr(" … [{count} weitere Zeichen nicht angezeigt]")
        highlight = len(data) <= self._highlight_limit
        Op(self, lambda: prepare_xml(data, max_line_chars=limit, marker=marker)).on_success(
            lambda prepared: self._show_prepared(generation, prepared, highlight)
        ).on_failure(lambda _exc: self._show_failure(generation, shown)).start()
        return True

    def _show_prepared(self, generation: int, prepared: PreparedText, highlight: bool) -> None:
        if generation != self._generation:
            return  # another file was loaded meanwhile
        notices = []
        if prepared.replaced:
            notices.append(
                self.tr(
                    "Einige Bytes passen nicht zur Zeichenkodierung {encoding}; "
                    "sie werden als � angezeigt."
                ).format(encoding=prepared.encoding)
            )
        if prepared.shortened:
            notices.append(
                self.tr(
                    "Sehr lange Zeilen (etwa eingebettete Dokumente) sind gekürzt; "
                    "„Speichern unter…“ sichert die vollständige Datei."
                )
            )
        if not highlight:
            notices.append(self.tr("Große Datei: ohne Farbhervorhebung angezeigt."))
        self._notice.setText(" ".join(notices))
        self._notice.setVisible(bool(notices))
        self._highlight = highlight
        self._chunks = deque(prepared.chunks)
        self.show_content()
        self._fill_step()

    def _show_failure(self, generation: int, shown: str) -> None:
        """Bad bytes become U+FFFD, so only a lack of memory ends here; "loading" must not stay."""
        if generation == self._generation:
            self.show_message(
                self.tr("Die XML-Datei „{name}“ kann nicht angezeigt werden.").format(name=shown)
            )

    def _fill_step(self) -> None:
        """Append one chunk: a few milliseconds, so the window stays responsive meanwhile."""
        if self._chunks:
            cursor = QTextCursor(self._view.document())
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText(self._chunks.popleft())
        if self._chunks:
            self._fill_timer.start()
            return
        if self._highlight:
            self._highlighter.start(self._view.document())
        if self._pattern is not None:
            self._find_slice()  # a find asked for while the text was loading

    def _stop_fill(self) -> None:
        self._fill_timer.stop()
        self._chunks.clear()
        self._highlighter.stop()
        self._highlight = False

    def is_loading(self) -> bool:
        """True until the whole text is in the view (colouring may still be going on)."""
        return super().is_loading() or bool(self._chunks)

    def text(self) -> str:
        return self._view.toPlainText()

    def highlighting_enabled(self) -> bool:
        """Whether the text is (or, once complete, will be) coloured."""
        return self._highlight

    def highlighter(self) -> XmlHighlighter:
        return self._highlighter

    def text_view(self) -> CodeView:
        return self._view

    def notice_text(self) -> str:
        return self._notice.text()

    # -- find ----------------------------------------------------------------------------------

    def find(self, text: str) -> int:
        """Mark the hits of `text` (case-insensitive), select the first; return the hits so far.

        The text is searched line by line in slices of `FIND_SLICE_SECONDS` (QTextDocument.find
        cannot be stopped, and takes a third of a second for a rare word in 20 MB); hits appear
        as they are found, `is_searching()` tells whether more may come. While the text is
        still loading, the search starts when it is complete.
        """
        text = text[:MAX_SEARCH_CHARS]
        if self._find_bar.text() != text:
            self._find_bar.set_text(text)
        self._find_timer.stop()
        self._matches, self._hit = [], -1
        self._view.setExtraSelections([])
        self._pattern = re.compile(re.escape(text), re.IGNORECASE) if text else None
        self._find_block = 0
        if self.is_loading():
            return 0  # `_fill_step` starts the search when the text is complete
        if self._pattern is None:
            self._find_bar.set_count(-1, 0)
        else:
            self._find_slice()
        return len(self._matches)

    def is_searching(self) -> bool:
        return self._find_timer.isActive()

    def _find_slice(self) -> None:
        pattern, document = self._pattern, self._view.document()
        if pattern is None:
            return
        found_before = len(self._matches)
        deadline = time.monotonic() + FIND_SLICE_SECONDS
        block = document.findBlockByNumber(self._find_block)
        while block.isValid() and not self._capped():
            line = block.text()
            utf16 = utf16_offsets(line)
            for match in pattern.finditer(line):
                start, end = utf16(match.start()), utf16(match.end())
                cursor = QTextCursor(document)
                cursor.setPosition(block.position() + start)
                cursor.setPosition(block.position() + end, QTextCursor.MoveMode.KeepAnchor)
                self._matches.append(cursor)
                if self._capped():
                    break
            block = block.next()
            if time.monotonic() >= deadline:
                break
        if block.isValid() and not self._capped():
            self._find_block = block.blockNumber()
            self._find_timer.start()
        if len(self._matches) > found_before:
            self._mark_matches()
        if found_before == 0 and self._matches:
            self._go_to_hit(0)
        else:
            self._find_bar.set_count(
                self._hit, len(self._matches), self._capped(), searching=self.is_searching()
            )

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
        self._find_timer.stop()
        self._pattern = None
        self._matches, self._hit = [], -1
        self._view.setExtraSelections([])
        self._find_bar.set_count(-1, 0)
