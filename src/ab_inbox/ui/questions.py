"""Questions the desktop asks before a step that cannot be taken back."""

from __future__ import annotations


def confirm(parent, text: str, title: str = "AB-Inbox") -> bool:
    """Yes or No, No the default: Enter pressed by habit takes no step that cannot be
    taken back."""
    from PySide6.QtWidgets import QMessageBox  # loaded when first needed: 3 ms of start-up

    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(parent, title, text, buttons.Yes | buttons.No, buttons.No)
    return answer == buttons.Yes
