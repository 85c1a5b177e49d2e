"""Attachment viewers, chosen by MIME type from a registry.

The case view asks `viewer_for(mime)` and gets a widget with the same small interface whatever the
type: `load_bytes(data, name) -> bool` and a `save_requested` signal. Supporting a new format means
one viewer module and one `register_viewer` call, not another branch in the case view. Types
without a viewer get a `PlaceholderViewer` that says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QWidget

from ab_inbox.ui.viewers.image_viewer import ImageViewer
from ab_inbox.ui.viewers.pdf_viewer import PdfViewer
from ab_inbox.ui.viewers.placeholder_viewer import PlaceholderViewer
from ab_inbox.ui.viewers.xml_viewer import XmlViewer


class AttachmentViewer(Protocol):
    """What every widget returned by `viewer_for` offers (besides being a QWidget)."""

    save_requested: SignalInstance

    def load_bytes(self, data: bytes, name: str) -> bool: ...


ViewerFactory = Callable[[QWidget | None], QWidget]

VIEWERS: dict[str, ViewerFactory] = {
    "application/pdf": PdfViewer,
    "image/jpeg": ImageViewer,
    "image/png": ImageViewer,
    "image/tiff": ImageViewer,
    "application/xml": XmlViewer,
    "text/xml": XmlViewer,
}


def register_viewer(mime: str, factory: ViewerFactory) -> None:
    VIEWERS[_normalise(mime)] = factory


def _normalise(mime: str | None) -> str:
    """Parameters and case do not choose the viewer: 'Image/PNG; name=x' is 'image/png'."""
    return (mime or "").split(";", 1)[0].strip().lower()


def viewer_for(mime: str | None, parent: QWidget | None = None) -> QWidget:
    """A new viewer for `mime`, or a placeholder saying there is no preview for it."""
    factory = VIEWERS.get(_normalise(mime))
    if factory is None:
        return PlaceholderViewer.unsupported(mime, parent)
    return factory(parent)


__all__ = [
    "VIEWERS",
    "AttachmentViewer",
    "ImageViewer",
    "PdfViewer",
    "PlaceholderViewer",
    "XmlViewer",
    "register_viewer",
    "viewer_for",
]
