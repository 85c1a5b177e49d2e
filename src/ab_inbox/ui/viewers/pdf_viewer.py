"""PDF attachments shown with QtPdf, with limits for documents a hostile applicant may have built.

What QtPdf gives us: pdfium (Chromium's parser, heavily fuzzed) parses and renders; QPdfView
renders only the visible pages, on a worker thread, keeps a cache of about twenty page images and
never follows links (a hostile URI cannot open a browser); QPdfDocument's status and error tell a
broken or encrypted file apart. What it does not give: any limit on file size, page count, page
size or render time, and its fit modes size each page without a cap.

What this viewer adds (the load checks live in `pdf_loading`):
- the bytes are capped and must carry `%PDF-` in their first kilobyte before pdfium sees them;
  they are loaded from memory (QBuffer), never from a path;
- a document with more than `max_pages` pages is refused, and so is one with a page that would
  exceed `max_page_pixels` even at the smallest zoom (10 %);
- every zoom, fit width and fit page included, is computed in `render_limits` and clamped to
  `max_zoom` and to the pixel cap of the largest page, which also bounds QPdfView's page cache to
  about twenty times `max_page_pixels` x 4 bytes;
- thumbnails are small and rendered lazily (`ThumbnailModel`);
- `search()` runs in slices of a few pages per event-loop turn (`pdf_search`), hits appearing as
  they are found; after `search_budget_s` of search work it pauses between slices, so a costly
  document cannot keep the GUI thread busy.
What remains: pdfium has no render timeout, and pdfium calls from the GUI thread wait for its
global lock while a render thread holds it. So the window opens a document only after a trial
run in a separate process (`pdf_probe`, done by the caller off the GUI thread) found that it
loads and renders each page quickly; a document refused there is never loaded here. Loading
is synchronous, bounded by `max_bytes` and by that trial.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QListView, QSpinBox, QWidget

from ab_inbox.ui.viewers.find_bar import FindBar
from ab_inbox.ui.viewers.pdf_loading import PdfLimits, load_pdf
from ab_inbox.ui.viewers.pdf_search import PdfSearch
from ab_inbox.ui.viewers.render_limits import (
    MAX_ZOOM,
    clamp_zoom,
    fit_page_zoom,
    fit_width_zoom,
    step_zoom,
    zoom_ceiling,
)
from ab_inbox.ui.viewers.thumbnail_model import ThumbnailModel
from ab_inbox.ui.viewers.viewer_base import ViewerBase, display_name

FIT_WIDTH, FIT_PAGE = "width", "page"
MIN_FIT_VIEWPORT = 120


class PdfViewer(ViewerBase):
    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        max_pages: int = PdfLimits.max_pages,
        max_bytes: int = PdfLimits.max_bytes,
        max_page_pixels: int = PdfLimits.max_page_pixels,
        max_zoom: float = MAX_ZOOM,
        search_budget_s: float = 2.0,
    ) -> None:
        super().__init__(parent)
        self._limits = PdfLimits(max_bytes, max_pages, max_page_pixels, max_zoom)
        self._document = QPdfDocument(self)
        # Views show this empty document while a file is checked, so none lays out a refused one.
        self._detached = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self._page_sizes: list[tuple[float, float]] = []
        self._largest_area_pt = 0.0
        self._fit_mode: str | None = FIT_WIDTH
        self._syncing = False

        self._view = QPdfView(self)
        self._view.setPageMode(QPdfView.PageMode.MultiPage)
        self._view.setZoomMode(QPdfView.ZoomMode.Custom)
        self._view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._view.setAccessibleName(self.tr("PDF-Seiten"))
        self._view.viewport().installEventFilter(self)
        self._thumbnails = ThumbnailModel(self)
        self._sidebar = self._make_sidebar()
        content = QWidget(self)
        row = QHBoxLayout(content)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self._sidebar)
        row.addWidget(self._view, 1)
        self.set_content(content)
        self._find_bar = FindBar(self)
        self.add_row(self._find_bar)
        self._search = PdfSearch(self._view, self._find_bar, self._scroll_to, search_budget_s)
        self._refit_timer = QTimer(self, singleShot=True, interval=0)
        self._refit_timer.timeout.connect(self._refit)
        self._build_actions()
        self._view.pageNavigator().currentPageChanged.connect(self._on_page_changed)

    def _make_sidebar(self) -> QListView:
        sidebar = QListView(self)
        sidebar.setModel(self._thumbnails)
        sidebar.setViewMode(QListView.ViewMode.IconMode)
        sidebar.setFlow(QListView.Flow.TopToBottom)
        sidebar.setWrapping(False)
        sidebar.setMovement(QListView.Movement.Static)
        sidebar.setUniformItemSizes(True)  # so only visible rows are asked for their image
        sidebar.setIconSize(self._thumbnails.box())
        sidebar.setSpacing(4)
        sidebar.setFixedWidth(self._thumbnails.box().width() + 40)
        sidebar.setAccessibleName(self.tr("Seitenübersicht"))
        sidebar.setToolTip(self.tr("Seite auswählen, um dorthin zu springen"))
        sidebar.selectionModel().currentChanged.connect(
            lambda current, _previous: self._on_thumbnail(current.row())
        )
        return sidebar

    def _build_actions(self) -> None:
        self.add_action(
            self.tr("Vorherige Seite"),
            self.tr("Zur vorherigen Seite"),
            self.previous_page,
            shortcuts=["Ctrl+PgUp"],
            icon=QIcon.ThemeIcon.GoPrevious,
        )
        self._page_box = QSpinBox(self)
        self._page_box.setKeyboardTracking(False)
        self._page_box.setEnabled(False)
        self._set_page_range(1)
        self._page_box.valueChanged.connect(lambda value: self.go_to_page(value - 1))
        self.add_toolbar_widget(
            self._page_box,
            self.tr("Seitenzahl"),
            self.tr("Seitenzahl eingeben, Eingabetaste springt dorthin"),
        )
        self.add_action(
            self.tr("Nächste Seite"),
            self.tr("Zur nächsten Seite"),
            self.next_page,
            shortcuts=["Ctrl+PgDown"],
            icon=QIcon.ThemeIcon.GoNext,
        )
        self.add_toolbar_separator()
        self._zoom_label = self.add_zoom_controls(self.zoom_out, self.zoom_in)
        self.add_action(
            self.tr("Seitenbreite"),
            self.tr("Seite an die Fensterbreite anpassen"),
            self.fit_width,
            shortcuts=["W"],
        )
        self.add_action(
            self.tr("Ganze Seite"),
            self.tr("Ganze Seite im Fenster zeigen"),
            self.fit_page,
            shortcuts=["Ctrl+0"],
            icon=QIcon.ThemeIcon.ZoomFitBest,
        )
        self.add_action(
            self.tr("Originalgröße"),
            self.tr("Seite in Originalgröße (100 %) zeigen"),
            self.actual_size,
            shortcuts=["="],
            icon="zoom-original",
        )
        self.add_toolbar_separator()
        sidebar_action = self.add_action(
            self.tr("Seitenübersicht"),
            self.tr("Seitenübersicht ein- oder ausblenden"),
            lambda: self._sidebar.setVisible(sidebar_action.isChecked()),
            checkable=True,
        )
        sidebar_action.setChecked(True)
        self.add_find_actions(self._find_bar.focus_field, self.next_hit, self.previous_hit)

    # -- loading -------------------------------------------------------------------------------

    def load_bytes(self, data: bytes, name: str) -> bool:
        """Show the PDF in `data`; False (and a German message in the widget) if refused."""
        self.begin_load()
        self._unload()
        loaded = load_pdf(
            self._document, data, display_name(name), self._limits, self._dots_per_point(), self
        )
        self._buffer = loaded.buffer
        if loaded.refusal:
            self._unload()
            return self.show_message(loaded.refusal)
        self._page_sizes, self._largest_area_pt = loaded.page_sizes, loaded.largest_area
        self._attach()
        self.show_content()
        return True

    def _attach(self) -> None:
        self._view.setDocument(self._document)
        self._view.pageNavigator().clear()
        self._search.set_document(self._document)
        self._thumbnails.set_document(self._document, self._page_sizes)
        self._set_page_range(len(self._page_sizes))
        self._page_box.setEnabled(True)
        self._fit_mode = FIT_WIDTH
        self._refit()
        self._on_page_changed(0)

    def _unload(self) -> None:
        self._view.setDocument(self._detached)
        self._search.set_document(self._detached)
        self._thumbnails.set_document(None, [])
        self._document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None
        self._page_sizes, self._largest_area_pt = [], 0.0
        self._page_box.setEnabled(False)
        self._set_page_range(1)

    # -- pages ---------------------------------------------------------------------------------

    def page_count(self) -> int:
        return len(self._page_sizes)

    def current_page(self) -> int:
        """0-based index of the page in the upper part of the view."""
        return self._view.pageNavigator().currentPage() if self._page_sizes else 0

    def go_to_page(self, page: int) -> None:
        if not self._page_sizes:
            return
        page = max(0, min(page, len(self._page_sizes) - 1))
        if page != self.current_page():
            self._view.pageNavigator().jump(page, QPointF(), self._view.zoomFactor())

    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    def page_field_text(self) -> str:
        return self._page_box.text()

    def thumbnail_model(self) -> ThumbnailModel:
        return self._thumbnails

    def _set_page_range(self, count: int) -> None:
        prefix, _, rest = self.tr("Seite {page} von {count}").partition("{page}")
        self._page_box.blockSignals(True)
        self._page_box.setRange(1, max(1, count))
        self._page_box.setPrefix(prefix)
        self._page_box.setSuffix(rest.replace("{count}", str(count)))
        self._page_box.blockSignals(False)

    def _on_page_changed(self, page: int) -> None:
        self._page_box.blockSignals(True)
        self._page_box.setValue(page + 1)
        self._page_box.blockSignals(False)
        self._syncing = True
        self._sidebar.setCurrentIndex(self._thumbnails.index(page))
        self._syncing = False

    def _on_thumbnail(self, row: int) -> None:
        if not self._syncing and row >= 0:
            self.go_to_page(row)

    def _scroll_to(self, page: int, y_points: float = 0.0) -> None:
        """Scroll so `y_points` on `page` sits in the upper third; mirrors QPdfView's layout."""
        scale = self._dots_per_point(device=False) * self._view.zoomFactor()
        spacing, margins = self._view.pageSpacing(), self._view.documentMargins()
        top = margins.top() + sum(round(h * scale) + spacing for _w, h in self._page_sizes[:page])
        offset = y_points * scale - self._view.viewport().height() / 3 if y_points else 0
        self._view.verticalScrollBar().setValue(round(top + max(0, offset)))

    # -- zoom ----------------------------------------------------------------------------------

    def zoom_factor(self) -> float:
        return self._view.zoomFactor()

    def zoom_in(self) -> None:
        self.set_zoom(step_zoom(self.zoom_factor(), 1))

    def zoom_out(self) -> None:
        self.set_zoom(step_zoom(self.zoom_factor(), -1))

    def actual_size(self) -> None:
        self.set_zoom(1.0)

    def set_zoom(self, zoom: float) -> None:
        self._fit_mode = None
        self._apply_zoom(zoom)

    def fit_width(self) -> None:
        self._fit_mode = FIT_WIDTH
        self._refit()

    def fit_page(self) -> None:
        self._fit_mode = FIT_PAGE
        self._refit()

    def _refit(self) -> None:
        if not self._page_sizes or self._fit_mode is None:
            return
        width, height = self._page_sizes[self.current_page()]
        dots = self._dots_per_point(device=False)
        margins = self._view.documentMargins()
        viewport = self._view.viewport().size()
        if viewport.width() < MIN_FIT_VIEWPORT or viewport.height() < MIN_FIT_VIEWPORT:
            self._apply_zoom(1.0)  # not laid out yet; the first resize fits again
            return
        available_width = viewport.width() - margins.left() - margins.right()
        if self._fit_mode == FIT_WIDTH:
            zoom = fit_width_zoom(available_width, width * dots)
        else:
            available_height = viewport.height() - margins.top() - margins.bottom()
            zoom = fit_page_zoom(available_width, available_height, width * dots, height * dots)
        self._apply_zoom(zoom)

    def _apply_zoom(self, zoom: float) -> None:
        if not self._page_sizes:
            return
        dots = self._dots_per_point()
        area = self._largest_area_pt * dots * dots
        ceiling = zoom_ceiling(area, self._limits.max_page_pixels, self._limits.max_zoom)
        zoom = clamp_zoom(zoom, ceiling)
        page = self.current_page()
        if zoom != self._view.zoomFactor():
            self._view.setZoomFactor(zoom)
            self._scroll_to(page)
        self._zoom_label.setText(f"{round(zoom * 100)} %")

    def _dots_per_point(self, device: bool = True) -> float:
        """Pixels per PDF point as QPdfView computes them (primary screen), x the pixel ratio."""
        screen = QGuiApplication.primaryScreen()
        dots = (screen.logicalDotsPerInch() if screen else 96.0) / 72.0
        return dots * self.devicePixelRatioF() if device else dots

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self._fit_mode is not None:
            self._refit_timer.start()
        return super().eventFilter(watched, event)

    # -- search ------------------------------------------------------------------------------

    def search(self, text: str) -> int:
        """Start searching for `text`; the first hit is shown when found. Returns the hits so
        far: later pages are searched in later event-loop turns (`is_searching()`)."""
        return self._search.search(text)

    def is_searching(self) -> bool:
        return self._search.is_searching()

    def searched_pages(self) -> int:
        """Pages of the current search done so far."""
        return self._search.searched_pages()

    def hit_count(self) -> int:
        return self._search.hit_count()

    def current_hit(self) -> int:
        return self._search.current_hit()

    def next_hit(self) -> None:
        self._search.next_hit()

    def previous_hit(self) -> None:
        self._search.previous_hit()

    def hit_label_text(self) -> str:
        return self._find_bar.count_text()
