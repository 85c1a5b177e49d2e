"""SettingsDialog: built from config.SETTINGS, saves valid values, credentials only in keyring."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QToolButton,
)

from ab_inbox import config
from ab_inbox.ui import settings_dialog
from ab_inbox.ui.settings_dialog import SettingsDialog

EXPECTED_WIDGET = {list: QLineEdit, str: QLineEdit, int: QSpinBox, float: QDoubleSpinBox}


@pytest.fixture
def dialog(qtbot, fresh_settings):
    dlg = SettingsDialog(fresh_settings)
    qtbot.addWidget(dlg)
    return dlg


@pytest.fixture
def warnings(monkeypatch):
    shown: list[tuple[str, str]] = []

    def fake_warning(parent, title, text, *args, **kwargs):
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", fake_warning)
    return shown


def press_ok(dlg: SettingsDialog) -> None:
    dlg.button_box.button(QDialogButtonBox.StandardButton.Ok).click()


def saved_values() -> dict:
    return json.loads(config.settings_path().read_text(encoding="utf-8"))["values"]


def test_one_editor_per_declared_setting(dialog):
    assert list(dialog.editors) == [s.name for s in config.SETTINGS]
    labels = {label.buddy(): label for label in dialog.findChildren(QLabel) if label.buddy()}
    for setting in config.SETTINGS:
        widget = dialog.editor(setting.name)
        expected = QComboBox if setting.choices else EXPECTED_WIDGET[setting.type]
        assert isinstance(widget, expected), setting.name
        assert dialog.findChild(expected, setting.name) is widget
        assert widget.toolTip() == setting.help_de
        assert widget.accessibleName() == setting.title_de
        assert labels[widget].text() == setting.title_de
        assert dialog.findChild(QLabel, f"help_{setting.name}").text() == setting.help_de


def test_editors_show_current_values(qtbot):
    settings = config.Settings()
    settings.set("office_dvdv_ids", ["abh:1", "abh:2"])
    settings.set("max_message_mb", 10)
    settings.set("poll_interval_s", 2.5)
    settings.set("language", "en")
    dlg = SettingsDialog(settings)
    qtbot.addWidget(dlg)
    assert dlg.editor("office_dvdv_ids").text() == "abh:1, abh:2"
    assert dlg.editor("max_message_mb").value() == 10
    assert dlg.editor("poll_interval_s").value() == 2.5
    assert dlg.editor("language").currentData() == "en"


def test_folder_settings_get_a_browse_button(dialog, monkeypatch, tmp_path):
    folders = [s.name for s in config.SETTINGS if settings_dialog.is_folder_setting(s)]
    assert folders == ["export_folder", "outbox_folder", "drop_folder", "schemas_dir"]
    buttons = {b.objectName() for b in dialog.findChildren(QToolButton) if b.text() == "…"}
    assert buttons == {f"browse_{name}" for name in folders}

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    dialog.findChild(QToolButton, "browse_drop_folder").click()
    assert dialog.editor("drop_folder").text() == str(tmp_path)


def test_ok_saves_changed_dvdv_ids(dialog, fresh_settings):
    dialog.editor("office_dvdv_ids").setText(" abh:muster-1 ,abh:muster-2,, ")
    press_ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert saved_values() == {"office_dvdv_ids": ["abh:muster-1", "abh:muster-2"]}
    assert config.Settings.load().office_dvdv_ids == ["abh:muster-1", "abh:muster-2"]
    assert fresh_settings.office_dvdv_ids == ["abh:muster-1", "abh:muster-2"]


def test_ok_saves_numbers_and_choice(dialog):
    dialog.editor("max_attachment_mb").setValue(7)
    dialog.editor("settle_s").setValue(0.5)
    combo = dialog.editor("language")
    combo.setCurrentIndex(combo.findData("en"))
    press_ok(dialog)
    loaded = config.Settings.load()
    assert (loaded.max_attachment_mb, loaded.settle_s, loaded.language) == (7, 0.5, "en")


def test_cancel_saves_nothing(dialog):
    dialog.editor("office_dvdv_ids").setText("abh:1")
    dialog.button_box.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not config.settings_path().exists()


def test_invalid_language_not_possible(dialog, warnings):
    combo = dialog.editor("language")
    language = next(s for s in config.SETTINGS if s.name == "language")
    assert [combo.itemData(i) for i in range(combo.count())] == list(language.choices)
    assert not combo.isEditable()

    dialog.editors["language"].value = lambda: "fr"
    press_ok(dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert len(warnings) == 1 and "Sprache" in warnings[0][1]
    assert not config.settings_path().exists()


def test_password_goes_to_keyring_not_settings_file(dialog, memory_keyring, warnings):
    dialog.xta_user.setText("abh-musterstadt")
    dialog.xta_password.setText("geheim-123")
    assert dialog.xta_password.echoMode() == QLineEdit.EchoMode.Password
    dialog.store_credentials_button.click()
    assert warnings == []
    assert memory_keyring.passwords == {
        ("ab-inbox", "xta_user"): "abh-musterstadt",
        ("ab-inbox", "xta_password"): "geheim-123",
    }
    assert dialog.xta_password.text() == ""
    dialog.editor("office_dvdv_ids").setText("abh:1")
    press_ok(dialog)
    text = config.settings_path().read_text(encoding="utf-8")
    assert "geheim-123" not in text
    assert "abh-musterstadt" not in text


def test_stored_user_is_shown_again(qtbot, memory_keyring, fresh_settings):
    memory_keyring.set_password("ab-inbox", "xta_user", "abh-musterstadt")
    dlg = SettingsDialog(fresh_settings)
    qtbot.addWidget(dlg)
    assert dlg.xta_user.text() == "abh-musterstadt"
    assert dlg.xta_password.text() == ""


def test_incomplete_or_unavailable_keyring_warns(dialog, warnings):
    assert dialog.store_credentials() is False
    dialog.xta_user.setText("abh")
    dialog.xta_password.setText("pw")
    assert dialog.store_credentials() is False
    assert [title for title, _ in warnings] == [
        "Zugangsdaten unvollständig",
        "Schlüsselbund nicht erreichbar",
    ]
