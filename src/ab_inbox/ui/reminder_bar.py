"""The reminder at start: a bar above the queue, not a dialog, so nobody has to click it away.

It names what is due for the acting user (their cases and the unassigned ones) and offers a
button per kind that switches the queue to the matching view.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton

KINDS = ("follow_up_due", "overdue", "due_today")  # reminder key = view key


class ReminderBar(QFrame):
    view_requested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("reminder_bar")
        self.setAccessibleName(self.tr("Erinnerungen"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#reminder_bar { background: #fff4ce; }")
        self.label = QLabel()
        self.label.setAccessibleName(self.tr("Erinnerungen"))
        self.buttons: dict[str, QPushButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        titles = {
            "follow_up_due": self.tr("Wiedervorlagen zeigen"),
            "overdue": self.tr("Überfällige zeigen"),
            "due_today": self.tr("Heute fällige zeigen"),
        }
        for kind in KINDS:
            button = QPushButton(titles[kind])
            button.setAccessibleName(titles[kind])
            button.clicked.connect(lambda _checked=False, kind=kind: self.view_requested.emit(kind))
            self.buttons[kind] = button
            layout.addWidget(button)
        close = QToolButton()
        close.setText("×")
        close.setAccessibleName(self.tr("Erinnerung schließen"))
        close.setToolTip(self.tr("Erinnerung schließen"))
        close.clicked.connect(self.hide)
        layout.addWidget(close)
        self.hide()

    def show_counts(self, counts: dict[str, int]) -> None:
        texts = {
            "follow_up_due": self.tr("Wiedervorlagen fällig: {0}"),
            "overdue": self.tr("Überfällig: {0}"),
            "due_today": self.tr("Heute fällig: {0}"),
        }
        parts = [texts[k].format(counts[k]) for k in KINDS if counts.get(k)]
        for kind, button in self.buttons.items():
            button.setVisible(bool(counts.get(kind)))
        self.label.setText(" · ".join(parts))
        self.setVisible(bool(parts))
