"""The transport page's own part: the certificate password and the connection test.

The password of the office's PKCS#12 certificate is a credential, not a setting: it goes to the
operating system's keyring (inbox_transport.store_certificate_password) and never to the
settings file. The connection test checks the values as they stand in the dialog, saving
nothing; the check itself (Inbox.xta_check) runs in a background op supplied by the window,
since it talks to the network.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ab_inbox.errors import BilingualError
from ab_inbox.inbox_transport import (
    KeyringUnavailable,
    certificate_password,
    store_certificate_password,
)
from ab_inbox.ui.i18n import current_language
from ab_inbox.ui.ops import Op

if TYPE_CHECKING:
    from collections.abc import Callable

    from ab_inbox.inbox_transport import XtaCheck
    from ab_inbox.ui.settings_dialog import ConnectionCheck, SettingsDialog

WARN_DAYS = 30  # a certificate this close to its end is shown in red: renewing takes time
BAD_STYLE = "color: #b00020; font-weight: bold;"
GOOD_STYLE = "color: #1b5e20;"


def _mark(label: QLabel, bad: bool, good_style: str = "") -> None:
    label.setStyleSheet(BAD_STYLE if bad else good_style)
    label.setProperty("warning", bad)


class TransportPanel(QWidget):
    def __init__(self, dialog: SettingsDialog, check: ConnectionCheck | None):
        super().__init__()
        self.dialog = dialog
        self.check = check
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._password_group())
        layout.addWidget(self._test_group())
        Op(self, certificate_password).on_success(self._show_stored).on_failure(
            self._show_unreadable
        ).start()

    # --- the certificate password ----------------------------------------------------------
    def _password_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Zertifikatspasswort"))
        form = QFormLayout(group)
        note = QLabel(
            self.tr(
                "Das Passwort des Client-Zertifikats wird nur im Schlüsselbund des "
                "Betriebssystems gespeichert, nie in der Einstellungsdatei."
            )
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.password = QLineEdit()
        self.password.setObjectName("certificate_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Zertifikatspasswort"))
        label = QLabel(self.tr("Zertifikatspasswort"))
        label.setBuddy(self.password)
        form.addRow(label, self.password)
        self.store_button = QPushButton(self.tr("Im Schlüsselbund speichern"))
        self.store_button.setObjectName("store_password")
        self.store_button.clicked.connect(lambda: self.store_password())
        self.password_status = QLabel()
        self.password_status.setObjectName("password_status")
        self.password_status.setWordWrap(True)
        form.addRow(self.store_button, self.password_status)
        return group

    def _show_stored(self, stored: str | None) -> None:
        _mark(self.password_status, False)
        if stored:
            self.password_status.setText(self.tr("Ein Passwort ist im Schlüsselbund gespeichert."))
        else:
            self.password_status.setText(self.tr("Im Schlüsselbund ist kein Passwort gespeichert."))

    def _show_unreadable(self, exc: BaseException) -> None:
        """The keyring could not be asked: say so, not that no password is stored."""
        if isinstance(exc, KeyringUnavailable):
            text = exc.text(current_language())
        else:
            text = self.tr("Unerwarteter Fehler: {0}").format(type(exc).__name__)
        self.password_status.setText(text)
        _mark(self.password_status, True)

    def password_pending(self) -> bool:
        """A password was typed but not yet stored."""
        return bool(self.password.text())

    def store_password(
        self,
        then: Callable[[], None] | None = None,
        otherwise: Callable[[], None] | None = None,
    ) -> None:
        """Put the typed password into the keyring (off the GUI thread: a keyring may ask the
        user to unlock it); `then` runs once it is stored, `otherwise` when it was not."""
        password = self.password.text()
        if not password:
            QMessageBox.warning(
                self.dialog,
                self.tr("Passwort fehlt"),
                self.tr("Bitte das Passwort des Zertifikats eingeben."),
            )
            if otherwise is not None:
                otherwise()
            return
        self.store_button.setEnabled(False)

        def stored(_result) -> None:
            self.store_button.setEnabled(True)
            self.password.clear()
            _mark(self.password_status, False)
            self.password_status.setText(self.tr("Im Schlüsselbund gespeichert."))
            if then is not None:
                then()

        def failed(exc: BaseException) -> None:
            self._store_failed(exc)
            if otherwise is not None:
                otherwise()

        Op(self, lambda: store_certificate_password(password)).on_success(stored).on_failure(
            failed
        ).start()

    def _store_failed(self, exc: BaseException) -> None:
        self.store_button.setEnabled(True)
        if isinstance(exc, BilingualError):
            detail = exc.text(current_language())
        else:
            detail = type(exc).__name__
        QMessageBox.warning(
            self.dialog,
            self.tr("Schlüsselbund nicht erreichbar"),
            self.tr(
                "Das Passwort konnte nicht im Schlüsselbund des Betriebssystems gespeichert "
                "werden:\n{0}"
            ).format(detail),
        )

    # --- the connection test ---------------------------------------------------------------
    def _test_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Verbindung testen"))
        column = QVBoxLayout(group)
        row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("Verbindung testen"))
        self.test_button.setObjectName("test_connection")
        self.test_button.clicked.connect(self.test_connection)
        row.addWidget(self.test_button)
        self.test_state = QLabel(
            self.tr(
                "Prüft die eingegebenen Werte, ohne sie zu speichern; das Passwort kommt aus "
                "dem Schlüsselbund."
            )
        )
        self.test_state.setObjectName("test_state")
        self.test_state.setWordWrap(True)
        row.addWidget(self.test_state, 1)
        column.addLayout(row)
        if self.check is None:
            self.test_button.setEnabled(False)
            self.test_state.setText(self.tr("Der Test ist nur aus dem Hauptfenster möglich."))
        self.result = QWidget()
        form = QFormLayout(self.result)
        form.setContentsMargins(0, 0, 0, 0)
        self.subject = QLabel()
        self.valid_until = QLabel()
        self.account = QLabel()
        for name, label, title in (
            ("check_subject", self.subject, self.tr("Zertifikat")),
            ("check_valid_until", self.valid_until, self.tr("Gültig bis")),
            ("check_account", self.account, self.tr("Postfach")),
        ):
            label.setObjectName(name)
            label.setWordWrap(True)
            label.setAccessibleName(title)
            form.addRow(title, label)
        self.result.hide()
        column.addWidget(self.result)
        self.error = QLabel()
        self.error.setObjectName("check_error")
        self.error.setWordWrap(True)
        _mark(self.error, True)
        self.error.hide()
        column.addWidget(self.error)
        return group

    def test_connection(self) -> None:
        """Check the XTA settings as entered (nothing is saved) and show what came back."""
        if self.check is None:
            return
        try:
            settings = self.dialog.edited_settings()
        except ValueError as exc:
            self.dialog.warn_invalid(exc)
            return
        self.result.hide()
        self.error.hide()
        self.test_button.setEnabled(False)
        self.test_state.setText(self.tr("Verbindung wird geprüft …"))
        check = self.check
        typed = self.password.text() if self.password_pending() else None
        Op(self, lambda: check(settings, typed)).on_success(self.show_check).on_failure(
            self.show_check_error
        ).start()

    def show_check(self, check: XtaCheck) -> None:
        self.test_button.setEnabled(True)
        self.test_state.setText(self.tr("Test abgeschlossen."))
        self.subject.setText(check.subject)
        moment = check.not_after
        until = QLocale().toString(
            QDate(moment.year, moment.month, moment.day), self.tr("dd.MM.yyyy")
        )
        if check.expired:
            text = self.tr("{0} – abgelaufen").format(until)
        else:
            text = self.tr("{0} (noch %n Tag(e))", "", check.days_left).format(until)
        self.valid_until.setText(text)
        _mark(self.valid_until, check.expired or check.days_left < WARN_DAYS)
        english = current_language() != "de"
        self.account.setText(check.account_text_en if english else check.account_text_de)
        _mark(self.account, not check.account_ok, GOOD_STYLE)
        self.result.show()

    def show_check_error(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        self.test_state.setText(self.tr("Test fehlgeschlagen."))
        if isinstance(exc, BilingualError):
            text = exc.text(current_language())
        else:
            text = self.tr("Unerwarteter Fehler: {0}").format(type(exc).__name__)
        self.error.setText(text)
        self.error.show()
