"""SettingsDialog: built from config.SETTINGS on pages, saves valid values, the certificate
password only in the keyring."""

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
    QPushButton,
    QSpinBox,
    QToolButton,
)

from ab_inbox import config
from ab_inbox.inbox_transport import (
    CERTIFICATE_PASSWORD_KEY,
    certificate_password,
    store_certificate_password,
)
from ab_inbox.ui import settings_dialog
from ab_inbox.ui.settings_dialog import SettingsDialog
from tests.ui.conftest import press_ok

EXPECTED_WIDGET = {list: QLineEdit, str: QLineEdit, int: QSpinBox, float: QDoubleSpinBox}


@pytest.fixture
def dialog(qtbot, fresh_settings):
    dlg = SettingsDialog(fresh_settings)
    qtbot.addWidget(dlg)
    return dlg


@pytest.fixture
def notices(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda _p, _t, text, *a, **k: shown.append(text)
    )
    return shown


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


def test_folder_and_file_settings_get_a_browse_button(dialog, monkeypatch, tmp_path):
    folders = [s.name for s in config.SETTINGS if settings_dialog.is_folder_setting(s)]
    assert folders == ["export_folder", "outbox_folder", "drop_folder", "schemas_dir"]
    files = [s.name for s in config.SETTINGS if settings_dialog.is_file_setting(s)]
    assert files == ["xta_certificate_file", "xta_ca_file"]
    buttons = {b.objectName() for b in dialog.findChildren(QToolButton) if b.text() == "…"}
    assert buttons == {f"browse_{name}" for name in folders + files}

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    dialog.findChild(QToolButton, "browse_drop_folder").click()
    assert dialog.editor("drop_folder").text() == str(tmp_path)

    asked = []

    def open_file(parent, title, start, filters):
        asked.append((title, filters))
        return str(tmp_path / "behoerde.p12"), filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_file)
    dialog.findChild(QToolButton, "browse_xta_certificate_file").click()
    assert dialog.editor("xta_certificate_file").text() == str(tmp_path / "behoerde.p12")
    assert asked == [
        ("XTA: Client-Zertifikat (PKCS#12)", "PKCS#12-Zertifikat (*.p12 *.pfx);;Alle Dateien (*)")
    ]
    browse_ca = dialog.findChild(QToolButton, "browse_xta_ca_file")
    assert browse_ca.accessibleName() == "Datei wählen: XTA: Vertrauenswürdige CA (PEM)"


def test_settings_are_on_pages_and_xta_on_the_transport_page(dialog):
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert titles == [
        "Allgemein",
        "Behörde",
        "Eingang und Export",
        "Prüfung und Grenzen",
        "Aufbewahrung",
        "Transport (XTA 2)",
    ]
    pages = [dialog.tabs.widget(i) for i in range(dialog.tabs.count())]
    for setting in config.SETTINGS:
        holding = [p for p in pages if p.isAncestorOf(dialog.editor(setting.name))]
        assert len(holding) == 1, setting.name
        expected = "transport" if setting.name.startswith("xta_") else None
        if expected:
            assert holding[0] is dialog.page("transport"), setting.name
        else:
            assert holding[0] is not dialog.page("transport"), setting.name
    assert dialog.page("general").isAncestorOf(dialog.editor("language"))
    transport = dialog.page("transport")
    assert transport.isAncestorOf(dialog.transport.password)
    assert transport.isAncestorOf(dialog.findChild(QPushButton, "test_connection"))
    assert dialog.findChild(QLineEdit, "xta_user") is None  # the old user/password pair is gone


def test_ok_saves_changed_dvdv_ids(dialog, fresh_settings):
    dialog.editor("office_dvdv_ids").setText(" abh:muster-1 ,abh:muster-2,, ")
    press_ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert saved_values() == {"office_dvdv_ids": ["abh:muster-1", "abh:muster-2"]}
    assert config.Settings.load().office_dvdv_ids == ["abh:muster-1", "abh:muster-2"]
    assert fresh_settings.office_dvdv_ids == ["abh:muster-1", "abh:muster-2"]


def test_ok_saves_numbers_and_choice(dialog, notices):
    dialog.editor("max_attachment_mb").setValue(7)
    dialog.editor("settle_s").setValue(0.5)
    combo = dialog.editor("language")
    combo.setCurrentIndex(combo.findData("en"))
    press_ok(dialog)
    loaded = config.Settings.load()
    assert (loaded.max_attachment_mb, loaded.settle_s, loaded.language) == (7, 0.5, "en")


def test_ok_keeps_what_was_saved_elsewhere_while_the_dialog_was_open(dialog, notices):
    elsewhere = config.Settings.load()  # e.g. `ab-inbox settings set export_folder ...`
    elsewhere.set("export_folder", "/srv/fachverfahren")
    elsewhere.save()
    dialog.editor("max_attachment_mb").setValue(7)
    press_ok(dialog)
    assert saved_values() == {"export_folder": "/srv/fachverfahren", "max_attachment_mb": 7}


def test_numbers_are_offered_only_within_their_limits(dialog):
    for setting in config.SETTINGS:
        if setting.limits is not None:
            spin = dialog.editor(setting.name)
            assert (spin.minimum(), spin.maximum()) == setting.limits, setting.name
    assert dialog.editor("poll_interval_s").minimum() > 0  # 0 would spin a core


def test_a_change_read_only_at_start_says_it_needs_a_restart(dialog, notices):
    combo = dialog.editor("language")
    combo.setCurrentIndex(combo.findData("en"))
    press_ok(dialog)
    assert len(notices) == 1 and "Sprache" in notices[0] and "Neustart" in notices[0]


def test_a_change_that_works_at_once_says_nothing_about_a_restart(dialog, notices):
    dialog.editor("settle_s").setValue(0.5)
    press_ok(dialog)
    assert notices == []


def test_cancel_saves_nothing(dialog):
    dialog.editor("office_dvdv_ids").setText("abh:1")
    dialog.button_box.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not config.settings_path().exists()


def test_invalid_language_not_possible(dialog, warning_boxes):
    combo = dialog.editor("language")
    language = next(s for s in config.SETTINGS if s.name == "language")
    assert [combo.itemData(i) for i in range(combo.count())] == list(language.choices)
    assert not combo.isEditable()

    dialog.editors["language"].value = lambda: "fr"
    press_ok(dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert len(warning_boxes) == 1 and "Sprache" in warning_boxes[0][1]
    assert not config.settings_path().exists()


def test_certificate_password_goes_to_keyring_not_settings_file(
    memory_keyring, dialog, warning_boxes
):
    panel = dialog.transport
    assert panel.password_status.text() == "Im Schlüsselbund ist kein Passwort gespeichert."
    panel.password.setText("geheim-123")
    assert panel.password.echoMode() == QLineEdit.EchoMode.Password
    dialog.findChild(QPushButton, "store_password").click()
    assert warning_boxes == []
    assert memory_keyring.passwords == {("ab-inbox", CERTIFICATE_PASSWORD_KEY): "geheim-123"}
    assert certificate_password() == "geheim-123"
    assert panel.password.text() == ""
    assert panel.password_status.text() == "Im Schlüsselbund gespeichert."
    dialog.editor("office_dvdv_ids").setText("abh:1")
    press_ok(dialog)
    assert "geheim-123" not in config.settings_path().read_text(encoding="utf-8")


def test_a_typed_password_is_stored_with_ok(dialog, memory_keyring):
    dialog.transport.password.setText("beim-ok")
    press_ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert memory_keyring.passwords == {("ab-inbox", CERTIFICATE_PASSWORD_KEY): "beim-ok"}
    assert saved_values() == {}


def test_a_stored_password_is_reported_not_shown(qtbot, memory_keyring, fresh_settings):
    store_certificate_password("schon-da")
    dlg = SettingsDialog(fresh_settings)
    qtbot.addWidget(dlg)
    assert dlg.transport.password.text() == ""
    assert dlg.transport.password_status.text() == "Ein Passwort ist im Schlüsselbund gespeichert."


def test_empty_password_or_unavailable_keyring_warns(dialog, warning_boxes):
    dialog.transport.store_password()
    dialog.transport.password.setText("pw")
    dialog.transport.store_password()
    assert [title for title, _ in warning_boxes] == [
        "Passwort fehlt",
        "Schlüsselbund nicht erreichbar",
    ]
    assert "nicht im Schlüsselbund des Betriebssystems gespeichert" in warning_boxes[1][1]
    assert dialog.transport.password.text() == "pw"  # kept, so the user can try again


def test_ok_with_an_unavailable_keyring_keeps_the_dialog_open(dialog, warning_boxes):
    dialog.transport.password.setText("pw")
    dialog.editor("office_dvdv_ids").setText("abh:1")
    press_ok(dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert [title for title, _ in warning_boxes] == ["Schlüsselbund nicht erreichbar"]
    assert not config.settings_path().exists()
    assert dialog.button_box.isEnabled()  # the user can correct and try again


def test_without_a_window_the_connection_test_is_off(dialog):
    button = dialog.findChild(QPushButton, "test_connection")
    assert not button.isEnabled()


def test_choices_are_named_not_only_their_stored_value(dialog):
    combo = dialog.editor("language")
    assert combo.itemText(combo.findData("de")) == "Deutsch (de)"
    exporter = dialog.editor("exporter")
    assert "JSON" in exporter.itemText(exporter.findData("structured"))
