"""Scanned passports, photos and certificates: zoom, fit, rotate, scroll; TIFF pages one by one.

Decoding goes through `image_reading.read_image`, which refuses decompression bombs from the
header and under Qt's allocation limit, so a hostile image costs a few bytes of parsing, not
gigabytes. Decoding runs in a background op (a large photo takes a good part of a second): QImage
and QImageReader may be used in a worker thread, and the canvas paints the QImage itself, so no
QPixmap is made anywhere. Meanwhile the viewer says the image is loading. Painting goes through
`ImageCanvas`, which never makes scaled copies. A multi-page TIFF (common for faxed or scanned
documents) shows one page at a time, decoded when it is shown, so no page of a document goes
unseen and only one is held in memory; the page shown stays until the next one is decoded.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QIcon, QKeySequence
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget

from ab_inbox.ui.ops import Op
from ab_inbox.ui.viewers.image_canvas import ImageCanvas
from ab_inbox.ui.viewers.image_reading import (
    BROKEN,
    OK,
    TOO_LARGE,
    UNSUPPORTED,
    ImageRead,
    read_image,
)
from ab_inbox.ui.viewers.render_limits import MAX_ZOOM, clamp_zoom, fit_page_zoom, step_zoom
from ab_inbox.ui.viewers.viewer_base import ViewerBase, display_name, megabytes

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
MIN_IMAGE_ZOOM = 0.01
FIT, FIT_SHRINK = "fit", "shrink"


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


class ImageViewer(ViewerBase):
    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        max_pixels: int = 120_000_000,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_zoom: float = MAX_ZOOM,
    ) -> None:
        super().__init__(parent)
        self._max_pixels, self._max_bytes, self._max_zoom = max_pixels, max_bytes, max_zoom
        self._data = b""
        self._name = ""
        self._frames, self._frame = 1, 0
        # The load or page asked for last, counted; a decode for an earlier one is dropped,
        # or skipped when its turn comes (-1 once this viewer is gone): it would hold a
        # worker, and the decoders' shared limit, for up to a second per picture. A list, so
        # the decode on its worker reads the current count without touching the viewer.
        self._generation = [0]
        self.destroyed.connect(functools.partial(self._generation.__setitem__, 0, -1))
        self._pending_frame: int | None = None
        self._ok = False
        self._zoom, self._rotation = 1.0, 0
        self._image_size = (0, 0)
        self._fit_mode: str | None = FIT_SHRINK
        self._canvas = ImageCanvas(self)
        self._canvas.setAccessibleName(self.tr("Bild"))
        self._scroll = QScrollArea(self)
        self._scroll.setWidget(self._canvas)
        self._scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._scroll.setAccessibleName(self.tr("Bildbereich"))
        self._scroll.viewport().installEventFilter(self)
        self.set_content(self._scroll)
        self._refit_timer = QTimer(self, singleShot=True, interval=0)
        self._refit_timer.timeout.connect(self._refit)
        self._build_actions()

    def _build_actions(self) -> None:
        self._zoom_label = self.add_zoom_controls(self.zoom_out, self.zoom_in)
        self.add_action(
            self.tr("Einpassen"),
            self.tr("Bild in das Fenster einpassen"),
            self.fit_to_window,
            shortcuts=[QKeySequence("Ctrl+0")],
            icon=QIcon.ThemeIcon.ZoomFitBest,
        )
        self.add_action(
            self.tr("Originalgröße"),
            self.tr("Bild in Originalgröße (100 %) zeigen"),
            self.actual_size,
            shortcuts=[QKeySequence("=")],
            icon="zoom-original",
        )
        self.add_toolbar_separator()
        self.add_action(
            self.tr("Nach links drehen"),
            self.tr("Bild um 90° gegen den Uhrzeigersinn drehen"),
            self.rotate_left,
            shortcuts=[QKeySequence("Shift+R")],
            icon=QIcon.ThemeIcon.ObjectRotateLeft,
        )
        self.add_action(
            self.tr("Nach rechts drehen"),
            self.tr("Bild um 90° im Uhrzeigersinn drehen"),
            self.rotate_right,
            shortcuts=[Qt.Key.Key_R],
            icon=QIcon.ThemeIcon.ObjectRotateRight,
        )
        self._frame_separator = self.add_toolbar_separator()
        self._previous_frame = self.add_action(
            self.tr("Vorherige Seite"),
            self.tr("Vorherige Seite der TIFF-Datei"),
            self.previous_frame,
            shortcuts=[QKeySequence("Ctrl+PgUp")],
            icon=QIcon.ThemeIcon.GoPrevious,
        )
        self._frame_label = QLabel(self)
        self._frame_label.setTextFormat(Qt.TextFormat.PlainText)
        self._frame_label_action = self.add_toolbar_widget(
            self._frame_label, self.tr("Seitenzahl"), self.tr("Angezeigte Seite der TIFF-Datei")
        )
        self._next_frame = self.add_action(
            self.tr("Nächste Seite"),
            self.tr("Nächste Seite der TIFF-Datei"),
            self.next_frame,
            shortcuts=[QKeySequence("Ctrl+PgDown")],
            icon=QIcon.ThemeIcon.GoNext,
        )
        self._show_frame_controls(False)

    # -- loading -------------------------------------------------------------------------------

    def load_bytes(self, data: bytes, name: str) -> bool:
        """Show the JPEG, PNG or TIFF in `data`; False (and a German message) if refused.

        The image is decoded in a background op. While it is (`is_loading()`), True is returned
        and a refusal found by the decoder is shown when it arrives.
        """
        self.begin_load()
        self._generation[0] += 1
        self._pending_frame = None
        self._data, self._name = b"", display_name(name)
        self._canvas.set_image(None)
        self._image_size = (0, 0)
        self._frames, self._frame, self._rotation = 1, 0, 0
        self._ok = False
        self._show_frame_controls(False)
        if len(data) > self._max_bytes:
            return self.show_message(
                self.tr(
                    "Die Datei „{name}“ ist zu groß ({size} MB, höchstens {limit} MB) "
                    "und wird nicht angezeigt."
                ).format(
                    name=self._name, size=megabytes(len(data)), limit=megabytes(self._max_bytes)
                )
            )
        self._data = data
        self.show_loading(self._name)
        self._decode_frame(0)
        return self.is_loading() or self._ok

    def is_loading(self) -> bool:
        """True while an image or a TIFF page is being decoded."""
        return super().is_loading() or self._pending_frame is not None

    def _decode_frame(self, frame: int) -> None:
        """Decode `frame` off the GUI thread; the image shown so far stays until it arrives."""
        self._generation[0] += 1
        generation, data, max_pixels = self._generation[0], self._data, self._max_pixels
        current = self._generation
        self._pending_frame = frame
        self._previous_frame.setEnabled(False)
        self._next_frame.setEnabled(False)

        def decode() -> ImageRead | None:
            if current[0] != generation:
                return None  # another file or page, or no viewer any more
            return read_image(data, max_pixels=max_pixels, frame=frame)

        Op(self, decode).on_success(
            lambda result: self._show_frame(generation, frame, result)
        ).on_failure(lambda _exc: self._show_frame(generation, frame, ImageRead(BROKEN))).start()

    def _show_frame(self, generation: int, frame: int, result: ImageRead | None) -> None:
        if generation != self._generation[0] or result is None:
            return  # another file or page was asked for meanwhile
        self._pending_frame = None
        image = result.image if result.status == OK else None
        self._ok = image is not None
        if image is None:
            self._canvas.set_image(None)
            frames = max(self._frames, result.frames)
            if frames > 1:  # one broken page of a TIFF: the others stay reachable
                page = self.tr("Seite {page} von {count}: ").format(page=frame + 1, count=frames)
                self.show_message(page + self._refusal(result))
                self._frames, self._frame = frames, frame
                self._show_page_controls(frame)
            else:
                self.show_message(self._refusal(result))
            return
        self._frames, self._frame = result.frames, frame
        self._image_size = (image.width(), image.height())
        self._canvas.set_image(image)
        self.show_content()
        self._show_page_controls(frame)
        self._fit_mode = FIT_SHRINK
        self._refit()

    def _show_page_controls(self, frame: int) -> None:
        self._show_frame_controls(self._frames > 1)
        self._frame_label.setText(
            self.tr("Seite {page} von {count}").format(page=frame + 1, count=self._frames)
        )
        self._previous_frame.setEnabled(frame > 0)
        self._next_frame.setEnabled(frame + 1 < self._frames)

    def _refusal(self, result: ImageRead) -> str:
        if result.status == UNSUPPORTED:
            text = self.tr("„{name}“ ist kein JPEG-, PNG- oder TIFF-Bild und wird nicht angezeigt.")
        elif result.status == TOO_LARGE and result.size is not None:
            text = self.tr(
                "Das Bild „{name}“ ist zu groß ({width} × {height} Pixel, höchstens {limit} "
                "Megapixel) und wird nicht geöffnet."
            )
        else:
            text = self.tr("Das Bild „{name}“ ist beschädigt und kann nicht angezeigt werden.")
        size = result.size
        return text.format(
            name=self._name,
            width=_thousands(size.width()) if size else "?",
            height=_thousands(size.height()) if size else "?",
            limit=_thousands(self._max_pixels // 1_000_000),
        )

    def _show_frame_controls(self, visible: bool) -> None:
        for action in (
            self._frame_separator,
            self._previous_frame,
            self._frame_label_action,
            self._next_frame,
        ):
            action.setVisible(visible)

    # -- pages of a TIFF -----------------------------------------------------------------------

    def frame_count(self) -> int:
        return self._frames

    def current_frame(self) -> int:
        return self._frame

    def next_frame(self) -> None:
        if self._pending_frame is None and self._frame + 1 < self._frames:
            self._decode_frame(self._frame + 1)

    def previous_frame(self) -> None:
        if self._pending_frame is None and self._frame > 0:
            self._decode_frame(self._frame - 1)

    # -- zoom and rotation ---------------------------------------------------------------------

    def zoom_factor(self) -> float:
        return self._zoom

    def rotation(self) -> int:
        """Clockwise rotation in degrees: 0, 90, 180 or 270."""
        return self._rotation

    def image_size(self) -> tuple[int, int]:
        """Width and height of the decoded image, before rotation and zoom."""
        return self._image_size

    def displayed_size(self) -> tuple[int, int]:
        """Width and height of the image as drawn: rotated and zoomed."""
        if self._canvas.rotated_size().isEmpty():
            return 0, 0
        return self._canvas.width(), self._canvas.height()

    def zoom_in(self) -> None:
        self.set_zoom(step_zoom(self._zoom, 1))

    def zoom_out(self) -> None:
        self.set_zoom(step_zoom(self._zoom, -1))

    def actual_size(self) -> None:
        self.set_zoom(1.0)

    def set_zoom(self, zoom: float) -> None:
        self._fit_mode = None
        self._apply_view(zoom)

    def fit_to_window(self) -> None:
        self._fit_mode = FIT
        self._refit()

    def rotate_left(self) -> None:
        self._rotation = (self._rotation - 90) % 360
        self._after_rotation()

    def rotate_right(self) -> None:
        self._rotation = (self._rotation + 90) % 360
        self._after_rotation()

    def _after_rotation(self) -> None:
        if self._fit_mode is not None:
            self._refit()
        else:
            self._apply_view(self._zoom)

    def _refit(self) -> None:
        if self._fit_mode is None or self._canvas.rotated_size().isEmpty():
            return
        self._canvas.set_view(self._zoom, self._rotation)
        size, viewport = self._canvas.rotated_size(), self._scroll.viewport().size()
        zoom = fit_page_zoom(viewport.width(), viewport.height(), size.width(), size.height())
        self._apply_view(min(zoom, 1.0) if self._fit_mode == FIT_SHRINK else zoom)

    def _apply_view(self, zoom: float) -> None:
        self._zoom = clamp_zoom(zoom, self._max_zoom, MIN_IMAGE_ZOOM)
        self._canvas.set_view(self._zoom, self._rotation)
        self._zoom_label.setText(f"{round(self._zoom * 100)} %")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self._fit_mode is not None:
            self._refit_timer.start()
        return super().eventFilter(watched, event)
