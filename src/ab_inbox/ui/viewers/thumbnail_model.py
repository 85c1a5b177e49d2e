"""Page thumbnails for the PDF sidebar, rendered only when the list asks for them.

A 500-page document must not render 500 images when it is opened: the list view asks for the
decoration of visible rows only (with uniform item sizes it never measures the others), and only
then is the page queued on a worker-thread renderer. Until the image arrives a blank placeholder
stands in. Thumbnails are small (a fixed box), so even all pages together stay a few megabytes.
Results that belong to a document loaded earlier are recognised by their request id and dropped.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions, QPdfPageRenderer

from ab_inbox.ui.viewers.render_limits import fit_into

THUMBNAIL_BOX = QSize(96, 128)

ModelIndex = QModelIndex | QPersistentModelIndex


class ThumbnailModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None, box: QSize = THUMBNAIL_BOX) -> None:
        super().__init__(parent)
        self._box = box
        self._renderer: QPdfPageRenderer | None = None  # made with the first document: a thread
        self._sizes: list[tuple[float, float]] = []
        self._images: dict[int, QPixmap] = {}
        self._pending: dict[int, int] = {}
        self._requested: set[int] = set()
        self._placeholder: QPixmap | None = None

    def set_document(
        self, document: QPdfDocument | None, page_sizes: list[tuple[float, float]]
    ) -> None:
        """Show `document`'s pages (None: no pages); `page_sizes` in points, checked by the viewer.

        The renderer keeps its last document: results for it are dropped by request id anyway.
        """
        self.beginResetModel()
        if document is not None:
            if self._renderer is None:
                self._renderer = QPdfPageRenderer(self)
                self._renderer.setRenderMode(QPdfPageRenderer.RenderMode.MultiThreaded)
                self._renderer.pageRendered.connect(self._on_rendered)
            self._renderer.setDocument(document)
        self._sizes = list(page_sizes) if document is not None else []
        self._images.clear()
        self._pending.clear()
        self._requested.clear()
        self.endResetModel()

    def box(self) -> QSize:
        return self._box

    def rendered_pages(self) -> set[int]:
        return set(self._images)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._sizes)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._sizes):
            return None
        page = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return str(page + 1)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.tr("Seite {page}").format(page=page + 1)
        if role == Qt.ItemDataRole.DecorationRole:
            image = self._images.get(page)
            if image is None:
                self._request(page)
                return self._blank()
            return image
        return None

    def _request(self, page: int) -> None:
        if page in self._requested or self._renderer is None:
            return
        self._requested.add(page)
        width, height = fit_into(*self._sizes[page], self._box.width(), self._box.height())
        request_id = self._renderer.requestPage(
            page, QSize(width, height), QPdfDocumentRenderOptions()
        )
        self._pending[request_id] = page

    def _on_rendered(
        self,
        page: int,
        _size: QSize,
        image: QImage,
        _options: QPdfDocumentRenderOptions,
        request_id: int,
    ) -> None:
        if self._pending.pop(request_id, None) != page or image.isNull():
            return
        framed = QPixmap.fromImage(image)
        painter = QPainter(framed)  # a white page on a white list needs an edge
        painter.setPen(QColor(150, 150, 150))
        painter.drawRect(framed.rect().adjusted(0, 0, -1, -1))
        painter.end()
        self._images[page] = framed
        index = self.index(page)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def _blank(self) -> QPixmap:
        if self._placeholder is None:
            self._placeholder = QPixmap(self._box)
            self._placeholder.fill(QColor(235, 235, 235))
        return self._placeholder
