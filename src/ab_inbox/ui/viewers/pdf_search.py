"""Text search in a PDF: QPdfSearchModel, the find bar and the current hit, kept together.

pdfium's document must stay on the GUI thread (a QPdfDocument is not safe to share with a
worker), so the search runs there, in slices: each event-loop turn searches at most
`SLICE_PAGES` pages and stops early after `SLICE_SECONDS`, so typing, scrolling and painting go
on between slices (searching a 480-page document at once froze the window for most of a second).
Hits appear and the count grows as pages are searched; the view jumps to the first hit when it is
found. A new search text, a new document or `clear()` cancels the search under way.

A search always ends: it visits each page once, and a document has at most `max_pages` pages.
After `budget_s` seconds of search work the search pauses after each slice for as long as the
slice took, so a document whose pages are costly cannot keep the GUI thread more than half busy.
What remains: one page is searched in one pdfium call, which no slice can interrupt.

Hits are taken page by page in order (`resultsOnPage`), so the n-th hit found is the model's
row n, and `resultAtIndex`, which would search every page before the row asked for, is not used.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtPdf import QPdfDocument, QPdfSearchModel
from PySide6.QtPdfWidgets import QPdfView

from ab_inbox.ui.viewers.find_bar import MAX_SEARCH_CHARS, FindBar

SLICE_PAGES = 8
SLICE_SECONDS = 0.03


class PdfSearch(QObject):
    def __init__(
        self,
        view: QPdfView,
        find_bar: FindBar,
        show_hit: Callable[[int, float], None],
        budget_s: float,
    ) -> None:
        """`show_hit(page, y_points)` scrolls the view to a hit."""
        super().__init__(view)
        self._view, self._find_bar, self._show_hit = view, find_bar, show_hit
        self._budget_s = budget_s
        self._model = QPdfSearchModel(self)
        self._view.setSearchModel(self._model)
        self._hits: list[tuple[int, float]] = []  # (page, y in points), in model row order
        self._hit = -1
        self._next_page = 0
        self._page_count = 0
        self._spent_s = 0.0
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._slice)
        find_bar.search_changed.connect(self.search)
        find_bar.next_requested.connect(self.next_hit)
        find_bar.previous_requested.connect(self.previous_hit)

    def set_document(self, document: QPdfDocument) -> None:
        self.clear()
        self._model.setDocument(document)

    def clear(self) -> None:
        self._find_bar.set_text("")
        self._start("")

    def search(self, text: str) -> int:
        """Start searching for `text` and return the hits found by the first slice.

        The rest of the document is searched in later slices; `is_searching()` tells whether
        that is still going on, `hit_count()` how many hits there are so far.
        """
        text = text[:MAX_SEARCH_CHARS]
        if self._find_bar.text() != text:
            self._find_bar.set_text(text)
        self._start(text)
        return self.hit_count()

    def is_searching(self) -> bool:
        return self._timer.isActive()

    def searched_pages(self) -> int:
        return self._next_page

    def hit_count(self) -> int:
        return len(self._hits)

    def current_hit(self) -> int:
        return self._hit

    def next_hit(self) -> None:
        if count := self.hit_count():
            self._go_to((self._hit + 1) % count)

    def previous_hit(self) -> None:
        if count := self.hit_count():
            self._go_to((self._hit - 1) % count)

    def _start(self, text: str) -> None:
        self._timer.stop()
        self._hits, self._hit = [], -1
        self._next_page, self._spent_s = 0, 0.0
        self._view.setCurrentSearchResultIndex(-1)
        self._model.setSearchString(text)
        document = self._model.document()
        self._page_count = document.pageCount() if text and document is not None else 0
        if self._page_count:
            self._slice()
        else:
            self._update_label()

    def _slice(self) -> None:
        """Search the next few pages, then give the event loop back."""
        started = time.monotonic()
        found_before = len(self._hits)
        for _ in range(SLICE_PAGES):
            page = self._next_page
            self._hits.extend((page, hit.location().y()) for hit in self._model.resultsOnPage(page))
            self._next_page += 1
            if self._next_page >= self._page_count or time.monotonic() - started > SLICE_SECONDS:
                break
        took = time.monotonic() - started
        self._spent_s += took
        if self._next_page < self._page_count:
            pause_ms = round(took * 1000) if self._spent_s > self._budget_s else 0
            self._timer.start(pause_ms)
        if found_before == 0 and self._hits:
            self._go_to(0)
        else:
            self._update_label()

    def _go_to(self, index: int) -> None:
        self._hit = index
        page, y_points = self._hits[index]
        self._view.setCurrentSearchResultIndex(index)
        self._show_hit(page, y_points)
        self._update_label()

    def _update_label(self) -> None:
        self._find_bar.set_count(self._hit, self.hit_count(), searching=self.is_searching())
