"""The settings dialog, built from the declared `config.SETTINGS`, plus credentials for the keyring.

A new setting appears here by being declared in `config.py`; this module only knows how to edit
each type. Folders are recognised by name (`..._folder`, `..._dir`) and get a "…" button.
Credentials are not settings: they go to the operating system's keyring, never to the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import keyring
from keyring.errors import KeyringError
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ab_inbox import config

SETTING_CONTEXT = "Setting"
FOLDER_SUFFIXES = ("_folder", "_dir")
KEYRING_SERVICE = config.APP_NAME
XTA_USER_KEY = "xta_user"
XTA_PASSWORD_KEY = "xta_password"
INT_MAX = 2_147_483_647
FLOAT_MAX = 1e9


def setting_title(setting: config.Setting) -> str:
    return QCoreApplication.translate(SETTING_CONTEXT, setting.title_de)


def setting_help(setting: config.Setting) -> str:
    return QCoreApplication.translate(SETTING_CONTEXT, setting.help_de)


def is_folder_setting(setting: config.Setting) -> bool:
    return setting.type is str and setting.name.endswith(FOLDER_SUFFIXES)


@dataclass
class SettingEditor:
    """The widget the label points at, the row shown in the form, and how to read the value."""

    widget: QWidget
    row: QWidget
    value: Callable[[], Any]


def _list_editor(setting: config.Setting, current: Any, dialog: SettingsDialog) -> SettingEditor:
    edit = QLineEdit(", ".join(current))
    edit.setPlaceholderText(
        QCoreApplication.translate("SettingsDialog", "Mehrere Einträge durch Komma trennen")
    )
    return SettingEditor(edit, edit, edit.text)


def _choice_editor(setting: config.Setting, current: Any, dialog: SettingsDialog) -> SettingEditor:
    combo = QComboBox()
    for choice in setting.choices:
        combo.addItem(str(choice), choice)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return SettingEditor(combo, combo, combo.currentData)


def _text_editor(setting: config.Setting, current: Any, dialog: SettingsDialog) -> SettingEditor:
    edit = QLineEdit(str(current))
    if not is_folder_setting(setting):
        return SettingEditor(edit, edit, edit.text)
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    browse = QToolButton()
    browse.setText("…")
    browse.setObjectName(f"browse_{setting.name}")
    browse.setToolTip(QCoreApplication.translate("SettingsDialog", "Ordner wählen"))
    browse.setAccessibleName(
        QCoreApplication.translate("SettingsDialog", "Ordner wählen: %s") % setting_title(setting)
    )
    browse.clicked.connect(lambda: dialog.choose_folder(edit, setting_title(setting)))
    layout.addWidget(browse)
    return SettingEditor(edit, row, edit.text)


def _int_editor(setting: config.Setting, current: Any, dialog: SettingsDialog) -> SettingEditor:
    spin = QSpinBox()
    spin.setRange(0, INT_MAX)
    spin.setValue(int(current))
    return SettingEditor(spin, spin, spin.value)


def _float_editor(setting: config.Setting, current: Any, dialog: SettingsDialog) -> SettingEditor:
    spin = QDoubleSpinBox()
    spin.setRange(0.0, FLOAT_MAX)
    spin.setDecimals(2)
    spin.setSingleStep(0.5)
    spin.setValue(float(current))
    return SettingEditor(spin, spin, spin.value)


EditorFactory = Callable[[config.Setting, Any, "SettingsDialog"], SettingEditor]
EDITORS: dict[type, EditorFactory] = {
    list: _list_editor,
    str: _text_editor,
    int: _int_editor,
    float: _float_editor,
}


def make_editor(setting: config.Setting, current: Any, dialog: SettingsDialog) -> SettingEditor:
    factory = _choice_editor if setting.choices else EDITORS[setting.type]
    return factory(setting, current, dialog)


class SettingsDialog(QDialog):
    def __init__(self, settings: config.Settings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings if settings is not None else config.Settings.load()
        self.editors: dict[str, SettingEditor] = {}
        self.setWindowTitle(self.tr("Einstellungen"))
        layout = QVBoxLayout(self)
        layout.addWidget(self._settings_group())
        layout.addWidget(self._credentials_group())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.button_box = buttons

    # --- settings -------------------------------------------------------------------------
    def _settings_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Einstellungen"))
        form = QFormLayout(group)
        for setting in config.SETTINGS:
            editor = make_editor(setting, getattr(self.settings, setting.name), self)
            title, help_text = setting_title(setting), setting_help(setting)
            editor.widget.setObjectName(setting.name)
            editor.widget.setToolTip(help_text)
            editor.widget.setAccessibleName(title)
            editor.widget.setAccessibleDescription(help_text)
            label = QLabel(title)
            label.setBuddy(editor.widget)
            form.addRow(label, self._with_help(editor.row, setting.name, help_text))
            self.editors[setting.name] = editor
        return group

    @staticmethod
    def _with_help(row: QWidget, name: str, help_text: str) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(row)
        hint = QLabel(help_text)
        hint.setObjectName(f"help_{name}")
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        font = hint.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        hint.setFont(font)
        layout.addWidget(hint)
        return box

    def editor(self, name: str) -> QWidget:
        return self.editors[name].widget

    def choose_folder(self, edit: QLineEdit, title: str) -> None:
        folder = QFileDialog.getExistingDirectory(self, title, edit.text())
        if folder:
            edit.setText(folder)

    def edited_settings(self) -> config.Settings:
        """The settings as edited; raises ValueError naming the setting's title if one is invalid.

        Only values that differ from the current ones are written, so untouched settings keep
        following the declared defaults.
        """
        result = config.Settings(dict(self.settings.values))
        for setting in config.SETTINGS:
            try:
                scratch = config.Settings()
                scratch.set(setting.name, self.editors[setting.name].value())
            except (ValueError, TypeError) as exc:
                raise ValueError(setting_title(setting)) from exc
            value = getattr(scratch, setting.name)
            if value != getattr(self.settings, setting.name):
                result.set(setting.name, value)
        return result

    def accept(self) -> None:
        try:
            edited = self.edited_settings()
        except ValueError as exc:
            QMessageBox.warning(
                self,
                self.tr("Ungültige Einstellung"),
                self.tr("„%s“ hat einen ungültigen Wert. Bitte korrigieren.") % exc.args[0],
            )
            return
        try:
            edited.save()
        except OSError:
            QMessageBox.warning(
                self,
                self.tr("Einstellungen nicht gespeichert"),
                self.tr("Die Einstellungsdatei konnte nicht geschrieben werden:\n%s")
                % config.settings_path(),
            )
            return
        self.settings.values = edited.values
        super().accept()

    # --- credentials ----------------------------------------------------------------------
    def _credentials_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Zugangsdaten"))
        form = QFormLayout(group)
        note = QLabel(
            self.tr(
                "Zugangsdaten werden nur im Schlüsselbund des Betriebssystems gespeichert, "
                "nie in der Einstellungsdatei."
            )
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.xta_user = QLineEdit(self._stored_xta_user())
        self.xta_user.setObjectName("xta_user")
        self.xta_password = QLineEdit()
        self.xta_password.setObjectName("xta_password")
        self.xta_password.setEchoMode(QLineEdit.EchoMode.Password)
        for edit, text in (
            (self.xta_user, self.tr("XTA-Benutzer")),
            (self.xta_password, self.tr("XTA-Passwort")),
        ):
            label = QLabel(text)
            label.setBuddy(edit)
            edit.setAccessibleName(text)
            form.addRow(label, edit)
        self.store_credentials_button = QPushButton(self.tr("Im Schlüsselbund speichern"))
        self.store_credentials_button.clicked.connect(self.store_credentials)
        self.credentials_status = QLabel()
        self.credentials_status.setObjectName("credentials_status")
        form.addRow(self.store_credentials_button, self.credentials_status)
        return group

    @staticmethod
    def _stored_xta_user() -> str:
        try:
            return keyring.get_password(KEYRING_SERVICE, XTA_USER_KEY) or ""
        except KeyringError:
            return ""

    def store_credentials(self) -> bool:
        user, password = self.xta_user.text().strip(), self.xta_password.text()
        if not user or not password:
            QMessageBox.warning(
                self,
                self.tr("Zugangsdaten unvollständig"),
                self.tr("Bitte XTA-Benutzer und Passwort eingeben."),
            )
            return False
        try:
            keyring.set_password(KEYRING_SERVICE, XTA_USER_KEY, user)
            keyring.set_password(KEYRING_SERVICE, XTA_PASSWORD_KEY, password)
        except KeyringError:
            QMessageBox.warning(
                self,
                self.tr("Schlüsselbund nicht erreichbar"),
                self.tr(
                    "Die Zugangsdaten konnten nicht im Schlüsselbund des Betriebssystems "
                    "gespeichert werden."
                ),
            )
            return False
        self.xta_password.clear()
        self.credentials_status.setText(self.tr("Im Schlüsselbund gespeichert."))
        return True
