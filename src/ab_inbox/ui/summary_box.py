"""The warning that sums up a batch (import, printing) once it has finished.

Not modal, so the window stays usable while the caseworker reads it; plain text, because the
summary names files that came from outside the office.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def show_summary(parent: QWidget, title: str, text: str, name: str) -> None:
    """Open the summary box (object name `name`, for tests and accessibility tools)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName(name)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
