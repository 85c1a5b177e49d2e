"""Choosing a follow-up date (Wiedervorlage) by keyboard or mouse."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCalendarWidget, QDialog, QDialogButtonBox, QLabel, QVBoxLayout


class FollowUpDialog(QDialog):
    REMOVED = 2  # exec() result: take the follow-up date away

    def __init__(self, parent=None, initial: date | None = None, removable: bool = False):
        """`removable`: the case has a follow-up date, which may also be taken away."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Wiedervorlage"))
        self.calendar = QCalendarWidget()
        self.calendar.setAccessibleName(self.tr("Wiedervorlagedatum"))
        self.calendar.setMinimumDate(QDate.currentDate())
        start = initial or date.today()
        self.calendar.setSelectedDate(
            QDate(start.year, start.month, start.day).addDays(0 if initial else 14)
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        if removable:
            remove = buttons.addButton(
                self.tr("Wiedervorlage &entfernen"), QDialogButtonBox.ButtonRole.DestructiveRole
            )
            remove.clicked.connect(lambda: self.done(self.REMOVED))
            self.remove_button = remove
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Wiedervorlage am:")))
        layout.addWidget(self.calendar)
        layout.addWidget(buttons)
        self.calendar.setFocus()

    def chosen(self) -> date:
        d = self.calendar.selectedDate()
        return date(d.year(), d.month(), d.day())
