"""Choosing whom the selected cases go to: an active user, or nobody (release).

Nobody is chosen when the dialog opens and OK stays disabled until someone is, so an Enter
pressed right away assigns nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from ab_inbox.casework.roles import role_label
from ab_inbox.ui.i18n import current_language

LOGIN_ROLE = Qt.ItemDataRole.UserRole + 1
RELEASE = ""  # the list entry that releases the cases


class AssignDialog(QDialog):
    chosen = Signal(object)  # a login, or None to release the cases

    def __init__(self, users: list[dict], count: int, parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Zuweisen"))
        self.people = QListWidget()
        self.people.setAccessibleName(self.tr("Personen"))
        release = QListWidgetItem(self.tr("Zuweisung aufheben"))
        release.setData(LOGIN_ROLE, RELEASE)
        self.people.addItem(release)
        language = current_language()
        for user in users:
            if not user.get("active", 1):
                continue
            name = user.get("display_name") or user["login"]
            item = QListWidgetItem(
                f"{name} ({user['login']}) – {role_label(user['role'], language)}"
            )
            item.setData(LOGIN_ROLE, user["login"])
            self.people.addItem(item)
        self.people.itemDoubleClicked.connect(lambda _item: self.accept())
        self.people.itemSelectionChanged.connect(self._choice_changed)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("{0} ausgewählte Fälle zuweisen an:").format(count)))
        layout.addWidget(self.people)
        layout.addWidget(buttons)
        self.resize(420, 360)
        self.people.setFocus()

    def _choice(self) -> QListWidgetItem | None:
        """The chosen entry: a selected one (the list's focus frame alone is no choice)."""
        items = self.people.selectedItems()
        return items[0] if items else None

    def _choice_changed(self) -> None:
        self.ok_button.setEnabled(self._choice() is not None)

    def choose(self, login: str | None) -> None:
        """Select a person by login (None: release), as a click would."""
        wanted = RELEASE if login is None else login
        for row in range(self.people.count()):
            if self.people.item(row).data(LOGIN_ROLE) == wanted:
                self.people.setCurrentRow(row)
                return
        raise KeyError(login)

    def accept(self) -> None:
        item = self._choice()
        if item is None:
            return
        super().accept()
        self.chosen.emit(item.data(LOGIN_ROLE) or None)
