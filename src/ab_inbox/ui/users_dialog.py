"""Who may use this store, with which role (administration only).

Users are never deleted, only deactivated: the audit log and case histories keep naming them.
The core refuses what would leave the store without an active administrator. No button is a
default button: Enter in the login or name field adds that user, and never changes the user
selected in the list. Changing one's own role or deactivating oneself is asked about first.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from ab_inbox.casework.roles import ROLE_LABELS, role_label
from ab_inbox.ui.i18n import current_language
from ab_inbox.ui.questions import confirm
from ab_inbox.ui.team_dialog import TeamDialog, fill, no_default_buttons, row_data, table


class UsersDialog(TeamDialog):
    def __init__(self, main, parent=None):
        super().__init__(main, parent)
        self.setWindowTitle(self.tr("Benutzer"))
        self.users: dict[str, dict] = {}
        self.table = table(
            [self.tr("Anmeldung"), self.tr("Name"), self.tr("Rolle"), self.tr("Aktiv")],
            self.tr("Benutzerliste"),
        )
        self.table.currentCellChanged.connect(lambda *_: self._user_chosen())
        self.login = QLineEdit()
        self.login.setAccessibleName(self.tr("Anmeldung des neuen Benutzers"))
        self.login.setPlaceholderText(self.tr("Betriebssystem-Anmeldung"))
        self.display_name = QLineEdit()
        self.display_name.setAccessibleName(self.tr("Anzeigename"))
        self.new_role = self._role_box(self.tr("Rolle des neuen Benutzers"))
        self.add_button = QPushButton(self.tr("&Hinzufügen"))
        self.add_button.setAccessibleName(self.tr("Benutzer hinzufügen"))
        self.add_button.clicked.connect(self.add_user)
        self.login.returnPressed.connect(self.add_user)
        self.display_name.returnPressed.connect(self.add_user)
        form = QFormLayout()
        form.addRow(self.tr("Anmeldung:"), self.login)
        form.addRow(self.tr("Name:"), self.display_name)
        form.addRow(self.tr("Rolle:"), self.new_role)
        form.addRow("", self.add_button)

        self.role = self._role_box(self.tr("Rolle des ausgewählten Benutzers"))
        self.role_button = QPushButton(self.tr("Rolle ä&ndern"))
        self.role_button.setAccessibleName(self.tr("Rolle ändern"))
        self.role_button.clicked.connect(self.change_role)
        self.active_button = QPushButton(self.tr("&Deaktivieren"))
        self.active_button.setAccessibleName(self.tr("Aktivieren oder deaktivieren"))
        self.active_button.clicked.connect(self.toggle_active)
        selected = QHBoxLayout()
        selected.addWidget(QLabel(self.tr("Ausgewählt:")))
        selected.addWidget(self.role)
        selected.addWidget(self.role_button)
        selected.addWidget(self.active_button)
        selected.addStretch(1)
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Ergebnis"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        no_default_buttons(
            (self.add_button, self.role_button, self.active_button, *buttons.buttons())
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(selected)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(620, 500)

    def _role_box(self, name: str) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        for role in ROLE_LABELS:
            box.addItem(role_label(role, current_language()), role)
        return box

    # --- loading --------------------------------------------------------------------------
    def reload(self) -> None:
        self.run(lambda inbox: inbox.users(), self._show)

    def _show(self, users: list[dict]) -> None:
        selected = row_data(self.table)
        self.users = {user["login"]: user for user in users}
        yes, no = self.tr("ja"), self.tr("nein")
        language = current_language()
        logins = [user["login"] for user in users]
        fill(
            self.table,
            [
                [
                    user["login"],
                    user.get("display_name") or "",
                    role_label(user["role"], language),
                    yes if user["active"] else no,
                ]
                for user in users
            ],
            logins,
        )
        if selected in logins:
            self.table.setCurrentCell(logins.index(selected), 0)
        self._user_chosen()

    def _user_chosen(self) -> None:
        user = self.users.get(row_data(self.table))
        for widget in (self.role, self.role_button, self.active_button):
            widget.setEnabled(user is not None)
        if user is None:
            return
        self.role.setCurrentIndex(max(0, self.role.findData(user["role"])))
        self.active_button.setText(
            self.tr("&Deaktivieren") if user["active"] else self.tr("&Aktivieren")
        )

    # --- writing --------------------------------------------------------------------------
    def _done(self, text: str, unchanged: str | None = None):
        """After a write: say what happened (`unchanged` if the core changed nothing)."""

        def done(result) -> None:
            self.status.setText(unchanged if result is None and unchanged else text)
            self.reload()

        return done

    def add_user(self) -> None:
        login = self.login.text().strip()
        name = self.display_name.text().strip() or None
        role = self.new_role.currentData()

        def done(added) -> None:
            self.login.clear()
            self.display_name.clear()
            self._done(self.tr("Benutzer {0} hinzugefügt").format(added.login))(added)

        self.write(lambda inbox: inbox.add_user(login, role, name), done)

    def _is_me(self, login: str) -> bool:
        return login == self.main.inbox.user

    def _confirmed(self, text: str) -> bool:
        return confirm(self, text, self.tr("Benutzer"))

    def change_role(self) -> None:
        login = row_data(self.table)
        user = self.users.get(login)
        role = self.role.currentData()
        if user is None:
            return
        if (
            self._is_me(login)
            and role != user["role"]
            and not self._confirmed(
                self.tr(
                    "Ihre eigene Rolle ({0}) in „{1}“ ändern? Damit ändern sich sofort Ihre "
                    "eigenen Rechte."
                ).format(login, role_label(role, current_language()))
            )
        ):
            self._user_chosen()
            return
        changed = self.tr("Rolle von {0} geändert").format(login)
        unchanged = self.tr("{0} hat diese Rolle schon").format(login)
        self.write(
            lambda inbox: inbox.set_role(login, role),
            self._done(changed, unchanged),
        )

    def toggle_active(self) -> None:
        login = row_data(self.table)
        user = self.users.get(login)
        if user is None:
            return
        active = not user["active"]
        if (
            not active
            and self._is_me(login)
            and not self._confirmed(
                self.tr(
                    "Ihre eigene Anmeldung ({0}) deaktivieren? Danach können Sie AB-Inbox "
                    "nicht mehr benutzen."
                ).format(login)
            )
        ):
            return
        if active:
            changed = self.tr("{0} aktiviert").format(login)
            unchanged = self.tr("{0} ist schon aktiv").format(login)
        else:
            changed = self.tr("{0} deaktiviert").format(login)
            unchanged = self.tr("{0} ist schon deaktiviert").format(login)
        self.write(
            lambda inbox: inbox.set_user_active(login, active),
            self._done(changed, unchanged),
        )
