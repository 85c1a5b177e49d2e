"""The reminder at start: a bar above the queue, not a dialog, so nobody has to click it away.

It names what is due for the acting user (their cases and the unassigned ones) and offers a
button per kind that shows exactly those cases. It is refreshed with the view counts; closed,
it stays closed until the numbers change.
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
        close.clicked.connect(self.dismiss)
        self._counts: dict[str, int] = {}
        self._dismissed: dict[str, int] | None = None
        layout.addWidget(close)
        self.hide()

    def dismiss(self) -> None:
        self._dismissed = dict(self._counts)
        self.hide()

    def show_counts(self, counts: dict[str, int]) -> None:
        self._counts = dict(counts)
        texts = {
            "follow_up_due": self.tr("Wiedervorlagen fällig: {0}"),
            "overdue": self.tr("Überfällig: {0}"),
            "due_today": self.tr("Heute fällig: {0}"),
        }
        parts = [texts[k].format(counts[k]) for k in KINDS if counts.get(k)]
        for kind, button in self.buttons.items():
            button.setVisible(bool(counts.get(kind)))
        self.label.setText(" · ".join(parts))
        if self._dismissed is not None and self._dismissed == self._counts:
            return  # closed by the user, and nothing new since
        self._dismissed = None
        self.setVisible(bool(parts))
