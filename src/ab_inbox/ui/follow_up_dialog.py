"""Choosing a follow-up date (Wiedervorlage) by keyboard or mouse."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableView,
    QVBoxLayout,
)


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
        # Enter on a day takes it (the calendar keeps Enter from the OK button otherwise).
        self.calendar.activated.connect(lambda _day: self.accept())
        label = QLabel(self.tr("Wiedervorlage &am:"))
        label.setBuddy(self.calendar)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.calendar)
        layout.addWidget(buttons)
        # The keyboard focus lands on the calendar's own table of days: a screen reader
        # announces that table, so it carries the name too.
        days = self.calendar.findChild(QTableView)
        if days is not None:
            days.setAccessibleName(self.tr("Wiedervorlagedatum"))
        self.calendar.setFocus()

    def chosen(self) -> date:
        d = self.calendar.selectedDate()
        return date(d.year(), d.month(), d.day())
