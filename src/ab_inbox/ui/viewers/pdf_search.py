"""Text search in a PDF: QPdfSearchModel, the find bar and the current hit, kept together.

QPdfSearchModel searches one page per timer tick, so a count read right after setting the text is
too small. `search()` therefore forces the pages synchronously (`resultsOnPage`), but only for a
time budget, so a long hostile document cannot freeze the window; for the pages left over the
model's own timer carries on and the count label follows `countChanged`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtPdf import QPdfDocument, QPdfSearchModel
from PySide6.QtPdfWidgets import QPdfView

from ab_inbox.ui.viewers.find_bar import MAX_SEARCH_CHARS, FindBar


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
        self._hit = -1
        self._model.countChanged.connect(self._update_label)
        find_bar.search_changed.connect(self.search)
        find_bar.next_requested.connect(self.next_hit)
        find_bar.previous_requested.connect(self.previous_hit)

    def set_document(self, document: QPdfDocument) -> None:
        self.clear()
        self._model.setDocument(document)

    def clear(self) -> None:
        self._find_bar.set_text("")
        self._model.setSearchString("")
        self._hit = -1
        self._view.setCurrentSearchResultIndex(-1)
        self._update_label()

    def search(self, text: str) -> int:
        """Search all pages for `text`, show the first hit and return the number of hits."""
        text = text[:MAX_SEARCH_CHARS]
        if self._find_bar.text() != text:
            self._find_bar.set_text(text)
        self._hit = -1
        self._view.setCurrentSearchResultIndex(-1)
        self._model.setSearchString(text)
        document = self._model.document()
        if text and document is not None:
            deadline = time.monotonic() + self._budget_s
            for page in range(document.pageCount()):
                self._model.resultsOnPage(page)
                if time.monotonic() > deadline:
                    break
        count = self.hit_count()
        if count:
            self._go_to(0)
        self._update_label()
        return count

    def hit_count(self) -> int:
        return self._model.count() if self._model.searchString() else 0

    def current_hit(self) -> int:
        return self._hit

    def next_hit(self) -> None:
        if count := self.hit_count():
            self._go_to((self._hit + 1) % count)

    def previous_hit(self) -> None:
        if count := self.hit_count():
            self._go_to((self._hit - 1) % count)

    def _go_to(self, index: int) -> None:
        self._hit = index
        result = self._model.resultAtIndex(index)
        self._view.setCurrentSearchResultIndex(index)
        self._show_hit(result.page(), result.location().y())
        self._update_label()

    def _update_label(self) -> None:
        self._find_bar.set_count(self._hit, self.hit_count())
