"""Colours for raw XML: tags, attribute names, values, comments, declarations, CDATA, entities.

Two parts. `scan_line` is a small scanner, not a parser: it never builds a tree, never resolves an
entity and never fails, whatever the bytes are. It works line by line and carries the open
construct (a comment, a tag whose attributes run over several lines, a quoted value, CDATA) to the
next line as a state; offsets are in UTF-16 units, which is what Qt counts in.

`XmlHighlighter` applies the colours in slices of a few milliseconds from the event loop instead
of QSyntaxHighlighter's one synchronous pass: colouring a 5 MB message line by line in Python
takes seconds, and the window must stay usable meanwhile. The text is read-only, so blocks are
coloured once and never again.
"""

from __future__ import annotations

import re
import time

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QTextCharFormat,
    QTextDocument,
    QTextLayout,
)

NORMAL, COMMENT, TAG, DOUBLE, SINGLE, CDATA, INSTRUCTION, DECLARATION = range(8)
_CLOSERS = {COMMENT: "-->", CDATA: "]]>", INSTRUCTION: "?>", DECLARATION: ">"}
_CLOSER_KIND = {
    COMMENT: "comment",
    CDATA: "cdata",
    INSTRUCTION: "declaration",
    DECLARATION: "declaration",
}
_OPENERS = (("<!--", COMMENT), ("<![CDATA[", CDATA), ("<?", INSTRUCTION), ("<!", DECLARATION))
_TAG_START = re.compile(r"</?[^\s/>!?\"'=<]+")
_IN_TAG = re.compile(r"""\s+|(/?>)|([^\s=/>"'<]+)|(=)|("[^"]*"?)|('[^']*'?)|(.)""")
_ENTITY = re.compile(r"&#?\w{1,32};")
SLICE_SECONDS = 0.02
# Colours per line at most: Qt lays a line out with all its colour runs at every first paint,
# and a line of 2,000 characters with a tag every nine (800 runs) held each scroll 0.4 s.
# The rest of such a line stays plain; the scan still reads it to the end for the next line.
MAX_SPANS_PER_LINE = 120

_LIGHT = {
    "tag": "#1a4fa0",
    "attribute": "#9a3d00",
    "value": "#1b7a2a",
    "comment": "#6f6f6f",
    "declaration": "#7a2a9a",
    "cdata": "#555555",
    "entity": "#b0006a",
}
_DARK = {
    "tag": "#7fb2ff",
    "attribute": "#ffb26b",
    "value": "#8fdc8f",
    "comment": "#a0a0a0",
    "declaration": "#d7a2f0",
    "cdata": "#c0c0c0",
    "entity": "#ff7fbf",
}

Span = tuple[int, int, str]


def scan_line(text: str, state: int) -> tuple[list[Span], int]:
    """Coloured spans (start, end, kind) of one line, and the state the next line starts in."""
    spans: list[Span] = []
    pos, end = 0, len(text)
    while pos < end:
        if state == NORMAL:
            pos, state = _normal(text, pos, spans)
        elif state == TAG:
            pos, state = _tag(text, pos, spans)
        elif state in (DOUBLE, SINGLE):
            close = text.find('"' if state == DOUBLE else "'", pos)
            stop = end if close < 0 else close + 1
            spans.append((pos, stop, "value"))
            pos, state = stop, (state if close < 0 else TAG)
        else:
            close = text.find(_CLOSERS[state], pos)
            stop = end if close < 0 else close + len(_CLOSERS[state])
            spans.append((pos, stop, _CLOSER_KIND[state]))
            pos, state = stop, (state if close < 0 else NORMAL)
    if not text.isascii() and max(text) > "\uffff":
        offsets = _utf16_offsets(text)
        spans = [(offsets[start], offsets[stop], kind) for start, stop, kind in spans]
    return spans, state


def _normal(text: str, pos: int, spans: list[Span]) -> tuple[int, int]:
    start = text.find("<", pos)
    content_end = len(text) if start < 0 else start
    spans.extend((m.start(), m.end(), "entity") for m in _ENTITY.finditer(text, pos, content_end))
    if start < 0:
        return len(text), NORMAL
    for opener, state in _OPENERS:
        if text.startswith(opener, start):
            return start, state
    match = _TAG_START.match(text, start)
    if match is None:
        return start + 1, NORMAL
    spans.append((start, match.end(), "tag"))
    return match.end(), TAG


def _tag(text: str, pos: int, spans: list[Span]) -> tuple[int, int]:
    match = _IN_TAG.match(text, pos)
    if match is None:  # cannot happen: the last alternative matches any character
        return pos + 1, TAG
    close, name, _equals, double, single, _other = match.groups()
    if close:
        spans.append((match.start(), match.end(), "tag"))
        return match.end(), NORMAL
    if name:
        spans.append((match.start(), match.end(), "attribute"))
    elif double or single:
        spans.append((match.start(), match.end(), "value"))
        quoted = double or single
        if len(quoted) == 1 or quoted[-1] != quoted[0]:
            return match.end(), DOUBLE if double else SINGLE
    return match.end(), TAG


def _utf16_offsets(text: str) -> list[int]:
    offsets, total = [0], 0
    for ch in text:
        total += 2 if ch > "\uffff" else 1
        offsets.append(total)
    return offsets


def _formats() -> dict[str, QTextCharFormat]:
    dark = QGuiApplication.palette().base().color().lightness() < 128
    formats = {}
    for name, colour in (_DARK if dark else _LIGHT).items():
        fmt = QTextCharFormat()
        fmt.setForeground(QColor(colour))
        if name == "tag":
            fmt.setFontWeight(QFont.Weight.Bold)
        if name == "comment":
            fmt.setFontItalic(True)
        formats[name] = fmt
    return formats


class XmlHighlighter(QObject):
    """Colours a read-only document slice by slice; `finished` when the last line is done."""

    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.formats = _formats()
        self._document: QTextDocument | None = None
        self._block_number, self._state = 0, NORMAL
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._slice)

    def start(self, document: QTextDocument) -> None:
        self._document, self._block_number, self._state = document, 0, NORMAL
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._document = None

    def document(self) -> QTextDocument | None:
        return self._document

    def is_running(self) -> bool:
        return self._timer.isActive()

    def _slice(self) -> None:
        document = self._document
        if document is None:
            return
        block = document.findBlockByNumber(self._block_number)
        first = block.position()
        deadline = time.monotonic() + SLICE_SECONDS
        while block.isValid():
            spans, self._state = scan_line(block.text(), self._state)
            block.layout().setFormats([self._range(*span) for span in spans[:MAX_SPANS_PER_LINE]])
            block = block.next()
            if time.monotonic() > deadline:
                break
        last = block.position() if block.isValid() else document.characterCount()
        document.markContentsDirty(first, last - first)
        if block.isValid():
            self._block_number = block.blockNumber()
            self._timer.start()
        else:
            self.finished.emit()

    def _range(self, start: int, stop: int, kind: str) -> QTextLayout.FormatRange:
        format_range = QTextLayout.FormatRange()
        format_range.start, format_range.length = start, stop - start
        format_range.format = self.formats[kind]
        return format_range
