"""The widget that paints one image at a zoom and a quarter-turn rotation.

It never makes a scaled or rotated copy of the image: a 100-megapixel scan at 400 % would need
gigabytes. Instead the widget takes the size the transformed image would have (so a scroll area
around it scrolls) and paints through a transform, clipped to the region that is exposed, so the
cost of a paint depends on the window, not on the image.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QTransform
from PySide6.QtWidgets import QSizePolicy, QWidget


class ImageCanvas(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self._zoom = 1.0
        self._rotation = 0
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def set_image(self, image: QImage | None) -> None:
        self._image = image
        self._update_size()

    def set_view(self, zoom: float, rotation: int) -> None:
        self._zoom, self._rotation = zoom, rotation % 360
        self._update_size()

    def rotated_size(self) -> QSize:
        """The image's size after rotation, at 100 %."""
        if self._image is None:
            return QSize(0, 0)
        size = self._image.size()
        return size.transposed() if self._rotation in (90, 270) else size

    def _update_size(self) -> None:
        size = self.rotated_size()
        shown = QSize(
            max(1, math.ceil(size.width() * self._zoom)),
            max(1, math.ceil(size.height() * self._zoom)),
        )
        self.setFixedSize(shown)
        self.update()

    def sizeHint(self) -> QSize:
        return self.size()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._image is None:
            return
        painter = QPainter(self)
        painter.setClipRect(event.rect())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, self._zoom < 1.0)
        transform = QTransform()
        transform.translate(self.width() / 2, self.height() / 2)
        transform.rotate(self._rotation)
        transform.scale(self._zoom, self._zoom)
        transform.translate(-self._image.width() / 2, -self._image.height() / 2)
        painter.setTransform(transform)
        painter.drawImage(QPointF(0, 0), self._image)
        painter.end()
