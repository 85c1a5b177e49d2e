"""The settings dialog, built from the declared `config.SETTINGS`, one page per topic.

A new setting appears here by being declared in `config.py`; this module only knows how to edit
each type and on which page a name belongs (by prefix; anything unlisted goes to "Allgemein").
Folders (`..._folder`, `..._dir`) and files (`..._file`) get a "…" button. The transport page
adds the certificate password, which goes to the operating system's keyring and never to the
settings file, and a connection test (ui.transport_page).

The retention page is not about this workstation: it shows the office's retention periods
(config.OFFICE_RETENTION), read from the store in a background op. Administration may change
them there, and OK writes them through the core (Inbox.set_retention_periods, audited) before
the settings file is saved; everyone else sees them read-only. Without a store to ask (no
window) the page only says where the periods are kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ab_inbox import config
from ab_inbox.errors import BilingualError
from ab_inbox.ui.ops import Op

if TYPE_CHECKING:
    from ab_inbox.inbox import Inbox
    from ab_inbox.inbox_transport import XtaCheck

SETTING_CONTEXT = "Setting"
FOLDER_SUFFIXES = ("_folder", "_dir")
FILE_SUFFIX = "_file"
INT_MAX = 2_147_483_647
FLOAT_MAX = 1e9

# (key, title, name prefixes) in tab order; a setting no prefix claims lands on "general".
GENERAL_PAGE = "general"
RETENTION_PAGE = "retention"
TRANSPORT_PAGE = "transport"
PAGES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (GENERAL_PAGE, QT_TRANSLATE_NOOP("SettingsDialog", "Allgemein"), ()),
    (
        "office",
        QT_TRANSLATE_NOOP("SettingsDialog", "Behörde"),
        ("office_",),
    ),
    (
        "folders",
        QT_TRANSLATE_NOOP("SettingsDialog", "Eingang und Export"),
        ("drop_folder", "poll_interval_s", "settle_s", "export_folder", "exporter", "outbox_"),
    ),
    (
        "checks",
        QT_TRANSLATE_NOOP("SettingsDialog", "Prüfung und Grenzen"),
        ("max_", "packet_wait_hours", "clock_skew_minutes", "schemas_dir"),
    ),
    (RETENTION_PAGE, QT_TRANSLATE_NOOP("SettingsDialog", "Aufbewahrung"), ()),
    (TRANSPORT_PAGE, QT_TRANSLATE_NOOP("SettingsDialog", "Transport (XTA 2)"), ("xta_",)),
)
FILE_FILTERS = {
    "xta_certificate_file": QT_TRANSLATE_NOOP("SettingsDialog", "PKCS#12-Zertifikat (*.p12 *.pfx)"),
    "xta_ca_file": QT_TRANSLATE_NOOP("SettingsDialog", "PEM-Zertifikate (*.pem *.crt *.cer)"),
}

# Read once when the desktop starts (translations, the schema packs' folder).
RESTART_SETTINGS = ("language", "schemas_dir")

# Runs off the GUI thread with the settings as entered; the main window supplies it.
ConnectionCheck = Callable[[config.Settings], "XtaCheck"]
# Gives the Inbox to use on the calling worker thread (the main window's workers.get).
OfficeInbox = Callable[[], "Inbox"]


def _translate(text: str) -> str:
    return QCoreApplication.translate("SettingsDialog", text)


def setting_title(setting: config.Setting) -> str:
    return QCoreApplication.translate(SETTING_CONTEXT, setting.title_de)


def setting_help(setting: config.Setting) -> str:
    return QCoreApplication.translate(SETTING_CONTEXT, setting.help_de)


def is_folder_setting(setting: config.Setting) -> bool:
    return setting.type is str and setting.name.endswith(FOLDER_SUFFIXES)


def is_file_setting(setting: config.Setting) -> bool:
    return setting.type is str and setting.name.endswith(FILE_SUFFIX)


def page_of(setting: config.Setting) -> str:
    for key, _title, prefixes in PAGES:
        if any(setting.name.startswith(prefix) for prefix in prefixes):
            return key
    return GENERAL_PAGE


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


CHOICE_LABELS = {
    "de": QT_TRANSLATE_NOOP("SettingsDialog", "Deutsch"),
    "en": QT_TRANSLATE_NOOP("SettingsDialog", "Englisch"),
    "xauslaender-folder": QT_TRANSLATE_NOOP(
        "SettingsDialog", "XAusländer-Nachrichten in einen Ordner"
    ),
    "structured": QT_TRANSLATE_NOOP("SettingsDialog", "Strukturierte Daten (JSON) in einen Ordner"),
}


def _choice_editor(setting: config.Setting, current: Any, dialog: SettingsDialog) -> SettingEditor:
    """A named choice; the stored value is shown beside its label."""
    combo = QComboBox()
    for choice in setting.choices:
        label = CHOICE_LABELS.get(str(choice))
        combo.addItem(f"{_translate(label)} ({choice})" if label else str(choice), choice)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return SettingEditor(combo, combo, combo.currentData)


def _text_editor(setting: config.Setting, current: Any, dialog: SettingsDialog) -> SettingEditor:
    edit = QLineEdit(str(current))
    if is_folder_setting(setting):
        tip, accessible = (
            QCoreApplication.translate("SettingsDialog", "Ordner wählen"),
            QCoreApplication.translate("SettingsDialog", "Ordner wählen: %s"),
        )
        choose = dialog.choose_folder
    elif is_file_setting(setting):
        tip, accessible = (
            QCoreApplication.translate("SettingsDialog", "Datei wählen"),
            QCoreApplication.translate("SettingsDialog", "Datei wählen: %s"),
        )
        choose = partial(dialog.choose_file, file_filter=FILE_FILTERS.get(setting.name))
    else:
        return SettingEditor(edit, edit, edit.text)
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    browse = QToolButton()
    browse.setText("…")
    browse.setObjectName(f"browse_{setting.name}")
    browse.setToolTip(tip)
    browse.setAccessibleName(accessible % setting_title(setting))
    browse.clicked.connect(lambda: choose(edit, setting_title(setting)))
    layout.addWidget(browse)
    return SettingEditor(edit, row, edit.text)


def _int_editor(setting: config.Setting, current: Any, dialog: SettingsDialog) -> SettingEditor:
    spin = QSpinBox()
    low, high = setting.limits or (0, INT_MAX)
    spin.setRange(int(low), int(high))
    spin.setValue(int(current))
    return SettingEditor(spin, spin, spin.value)


def _float_editor(setting: config.Setting, current: Any, dialog: SettingsDialog) -> SettingEditor:
    spin = QDoubleSpinBox()
    low, high = setting.limits or (0.0, FLOAT_MAX)
    spin.setRange(float(low), float(high))
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
    """`check_connection` (optional) tests the XTA settings as entered; without it the
    transport page has no test button. `office` (optional) gives a worker thread its Inbox,
    for reading and writing the office's retention periods; without it they are not shown."""

    def __init__(
        self,
        settings: config.Settings | None = None,
        parent: QWidget | None = None,
        check_connection: ConnectionCheck | None = None,
        office: OfficeInbox | None = None,
    ):
        super().__init__(parent)
        from ab_inbox.ui.transport_page import TransportPanel

        self.settings = settings if settings is not None else config.Settings.load()
        self.editors: dict[str, SettingEditor] = {}
        self.office = office
        self.retention_editors: dict[str, QSpinBox] = {}
        self.retention_loaded: dict[str, int] = {}  # as read from the store
        self.may_set_retention = False
        self.retention_unconfirmed = False  # after an upgrade: OK confirms the periods
        self.setWindowTitle(self.tr("Einstellungen"))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settings_pages")
        self.tabs.setAccessibleName(self.tr("Bereiche der Einstellungen"))
        self.pages: dict[str, QVBoxLayout] = {}
        forms = self._build_pages()
        for setting in config.SETTINGS:
            self._add_setting(forms[page_of(setting)], setting)
        self._build_retention(forms[RETENTION_PAGE])
        self.transport = TransportPanel(self, check_connection)
        self.pages[TRANSPORT_PAGE].addWidget(self.transport)
        for layout in self.pages.values():
            layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.button_box = buttons
        self.resize(760, 600)
        self._load_retention()

    # --- settings -------------------------------------------------------------------------
    def _build_pages(self) -> dict[str, QFormLayout]:
        forms = {}
        for key, title, _prefixes in PAGES:
            inner = QWidget()
            inner.setObjectName(f"page_{key}")
            column = QVBoxLayout(inner)
            form = QFormLayout()
            column.addLayout(form)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(inner)
            self.tabs.addTab(scroll, _translate(title))
            self.pages[key] = column
            forms[key] = form
        return forms

    def _add_setting(self, form: QFormLayout, setting: config.Setting) -> None:
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

    # --- the office's retention periods -----------------------------------------------------
    def _build_retention(self, form: QFormLayout) -> None:
        self.retention_note = QLabel()
        self.retention_note.setObjectName("retention_note")
        self.retention_note.setWordWrap(True)
        self.retention_note.setAccessibleName(self.tr("Hinweis zur Aufbewahrung"))
        form.addRow(self.retention_note)
        for setting in config.OFFICE_RETENTION:
            spin = QSpinBox()
            spin.setObjectName(setting.name)
            spin.setSpecialValueText("–")  # shown at 0: not read (yet)
            spin.setRange(0, config.RETENTION_MAX_DAYS)
            spin.setValue(0)
            self._show_read_only(spin, True)
            title, help_text = setting_title(setting), setting_help(setting)
            spin.setToolTip(help_text)
            spin.setAccessibleName(title)
            spin.setAccessibleDescription(help_text)
            label = QLabel(title)
            label.setBuddy(spin)
            form.addRow(label, self._with_help(spin, setting.name, help_text))
            self.retention_editors[setting.name] = spin
        if self.office is None:
            self.retention_note.setText(
                self.tr(
                    "Die Aufbewahrungsfristen gelten für die ganze Behörde und stehen in der "
                    "Datenbank; die Administration legt sie fest. Sie werden angezeigt, wenn die "
                    "Einstellungen aus dem Hauptfenster geöffnet werden."
                )
            )
        else:
            self.retention_note.setText(self.tr("Die Aufbewahrungsfristen werden gelesen…"))

    @staticmethod
    def _show_read_only(spin: QSpinBox, read_only: bool) -> None:
        spin.setReadOnly(read_only)
        spin.setButtonSymbols(
            QAbstractSpinBox.ButtonSymbols.NoButtons
            if read_only
            else QAbstractSpinBox.ButtonSymbols.UpDownArrows
        )

    def _load_retention(self) -> None:
        office = self.office
        if office is None:
            return

        def read() -> tuple[list[dict], bool, bool]:
            inbox = office()
            return (
                inbox.retention_settings(),
                inbox.may_set_retention(),
                inbox.retention_confirmed(),
            )

        Op(self, read).on_success(self._show_retention).on_failure(
            self._retention_unreadable
        ).start()

    def _show_retention(self, result: tuple[list[dict], bool, bool]) -> None:
        periods, may_set, confirmed = result
        self.may_set_retention = may_set
        self.retention_unconfirmed = not confirmed
        self.retention_loaded = {p["name"]: p["days"] for p in periods}
        for name, days in self.retention_loaded.items():
            spin = self.retention_editors[name]
            if may_set:
                spin.setMinimum(config.RETENTION_MIN_DAYS)
            spin.setValue(days)
            self._show_read_only(spin, not may_set)
        if may_set and not confirmed:
            self.retention_note.setText(
                self.tr(
                    "Seit der Aktualisierung gelten diese Aufbewahrungsfristen für die ganze "
                    "Behörde (früher die Werte jedes Arbeitsplatzes). Bis sie hier mit OK "
                    "bestätigt oder geändert sind, wird nichts gelöscht."
                )
            )
        elif may_set:
            self.retention_note.setText(
                self.tr(
                    "Diese Aufbewahrungsfristen gelten für die ganze Behörde und werden in der "
                    "Datenbank gespeichert, nicht auf diesem Arbeitsplatz. Jede Änderung wird "
                    "protokolliert."
                )
            )
        else:
            self.retention_note.setText(
                self.tr(
                    "Diese Aufbewahrungsfristen gelten für die ganze Behörde. Nur die "
                    "Administration kann sie ändern."
                )
            )

    def _retention_unreadable(self, exc: BaseException) -> None:
        self.retention_note.setText(
            self.tr("Die Aufbewahrungsfristen konnten nicht gelesen werden: {0}").format(
                self._error_text(exc)
            )
        )

    @staticmethod
    def _error_text(exc: BaseException) -> str:
        from ab_inbox.ui.i18n import current_language

        if isinstance(exc, BilingualError):
            return exc.text(current_language())
        return type(exc).__name__

    def retention_changes(self) -> dict[str, int]:
        """The periods edited here that differ from the store's (only Administration edits)."""
        if not self.may_set_retention:
            return {}
        return {
            name: spin.value()
            for name, spin in self.retention_editors.items()
            if spin.value() != self.retention_loaded.get(name)
        }

    def editor(self, name: str) -> QWidget:
        return self.editors[name].widget

    def page(self, key: str) -> QWidget:
        """The tab of a page (for showing it and for tests)."""
        keys = [k for k, _title, _prefixes in PAGES]
        return self.tabs.widget(keys.index(key))

    def choose_folder(self, edit: QLineEdit, title: str) -> None:
        folder = QFileDialog.getExistingDirectory(self, title, edit.text())
        if folder:
            edit.setText(folder)

    def choose_file(self, edit: QLineEdit, title: str, file_filter: str | None = None) -> None:
        filters = [_translate(file_filter)] if file_filter else []
        filters.append(self.tr("Alle Dateien (*)"))
        name, _chosen = QFileDialog.getOpenFileName(self, title, edit.text(), ";;".join(filters))
        if name:
            edit.setText(name)

    def edited_settings(self) -> config.Settings:
        """The settings as edited; raises ValueError naming the setting's title if one is invalid.

        Only values changed here are written, so untouched settings keep following the
        declared defaults, and keep what the command line or another window saved to the
        file while this dialog was open.
        """
        result = config.Settings(dict(self._saved_now().values))
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

    def _saved_now(self) -> config.Settings:
        """The settings file as it is now (the window's own settings if it cannot be read)."""
        try:
            return config.Settings.load()
        except (OSError, ValueError):
            return self.settings

    def warn_invalid(self, exc: ValueError) -> None:
        QMessageBox.warning(
            self,
            self.tr("Ungültige Einstellung"),
            self.tr("„%s“ hat einen ungültigen Wert. Bitte korrigieren.") % exc.args[0],
        )

    def accept(self) -> None:
        """Save the settings; a password typed but not yet stored goes to the keyring first."""
        try:
            edited = self.edited_settings()
        except ValueError as exc:
            self.warn_invalid(exc)
            return
        if self.transport.password_pending():
            self.button_box.setEnabled(False)  # until the keyring has answered
            self.transport.store_password(
                then=lambda: self._save(edited), otherwise=lambda: self.button_box.setEnabled(True)
            )
        else:
            self._save(edited)

    def _save(self, edited: config.Settings) -> None:
        """The office's periods first (through the core, off the GUI thread), then the file."""
        changes = self.retention_changes()
        office = self.office
        confirm = self.may_set_retention and self.retention_unconfirmed
        if (not changes and not confirm) or office is None:
            self._save_file(edited)
            return
        self.button_box.setEnabled(False)  # until the store has answered

        def saved(_changes) -> None:
            self.retention_loaded.update(changes)
            self.retention_unconfirmed = False
            self._save_file(edited)

        def write():
            inbox = office()
            return inbox.set_retention_periods(changes) if changes else inbox.confirm_retention()

        Op(self, write, "write").on_success(saved).on_failure(self._retention_refused).start()

    def _retention_refused(self, exc: BaseException) -> None:
        self.button_box.setEnabled(True)
        QMessageBox.warning(
            self,
            self.tr("Aufbewahrungsfristen nicht gespeichert"),
            self._error_text(exc),
        )

    def _save_file(self, edited: config.Settings) -> None:
        self.button_box.setEnabled(True)
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
        changed = [
            name
            for name in RESTART_SETTINGS
            if getattr(edited, name) != getattr(self.settings, name)
        ]
        self.settings.values = edited.values
        super().accept()
        if changed:
            titles = ", ".join(setting_title(s) for s in config.SETTINGS if s.name in changed)
            QMessageBox.information(
                self.parentWidget(),
                self.tr("Einstellungen gespeichert"),
                self.tr("{0}: wirkt nach einem Neustart von AB-Inbox.").format(titles),
            )
