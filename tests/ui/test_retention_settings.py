"""The retention page of the settings dialog: the office's periods from the store, editable by
Administration only, saved through the core and never into the settings file."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QDialog, QLabel

from ab_inbox import config
from ab_inbox.identity import act_as_for_tests
from ab_inbox.inbox import Inbox
from ab_inbox.ui import main_actions, ops
from ab_inbox.ui.app import create_window
from ab_inbox.ui.settings_dialog import SettingsDialog
from tests.conftest import ensure_tester
from tests.ui.conftest import close_window, press_ok


@pytest.fixture
def box(tmp_path):
    """A store whose office keeps done cases 120 days; the tester is Administration."""
    with Inbox(tmp_path / "office.sqlite3", settings=config.Settings()) as inbox:
        ensure_tester(inbox)
        inbox.add_user("anna", "caseworker", "Anna Arslan")
        inbox.add_user("chef", "admin", "Zweite Administration")
        inbox.set_retention("done", 120)
        yield inbox


def open_dialog(qtbot, box, settings=None) -> SettingsDialog:
    dialog = SettingsDialog(settings or config.Settings(), office=lambda: box)
    qtbot.addWidget(dialog)
    return dialog


def spin(dialog: SettingsDialog, name: str):
    return dialog.retention_editors[name]


def office_state(box) -> tuple:
    return (
        list(box.db.query("SELECT * FROM office_settings ORDER BY name")),
        box.db.execute("SELECT count(*) FROM audit").fetchone()[0],
    )


def test_a_caseworker_sees_the_offices_periods_read_only(qtbot, box):
    with act_as_for_tests("anna"):
        dialog = open_dialog(qtbot, box)
        assert not dialog.may_set_retention
        for setting in config.OFFICE_RETENTION:
            editor = spin(dialog, setting.name)
            assert dialog.page("retention").isAncestorOf(editor)
            assert editor.isReadOnly(), setting.name
            assert editor.accessibleName() == setting.title_de
        assert spin(dialog, "retention_days_done").value() == 120
        assert spin(dialog, "retention_days_exported").value() == 90
        note = dialog.findChild(QLabel, "retention_note")
        assert "Nur die Administration kann sie ändern" in note.text()

        before = office_state(box)
        spin(dialog, "retention_days_done").setValue(5)  # even if a value were forced in
        assert dialog.retention_changes() == {}
        press_ok(dialog)
        assert dialog.result() == QDialog.DialogCode.Accepted
    assert office_state(box) == before
    assert box.retention_policy()["done"] == 120


def test_administration_changes_a_period_through_the_core(qtbot, box):
    dialog = open_dialog(qtbot, box)
    assert dialog.may_set_retention
    editor = spin(dialog, "retention_days_not_responsible")
    assert not editor.isReadOnly() and editor.value() == 30
    assert (editor.minimum(), editor.maximum()) == (1, 3650)
    assert "Jede Änderung wird protokolliert" in dialog.retention_note.text()
    editor.setValue(45)
    press_ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert box.retention_policy() == {"exported": 90, "done": 120, "not_responsible": 45}
    details = [
        row["detail"]
        for row in box.db.query("SELECT detail FROM audit WHERE action = 'retention_set'")
    ]
    assert details[-1] == "name=retention_days_not_responsible old=30 new=45"
    saved = json.loads(config.settings_path().read_text(encoding="utf-8"))
    assert not any(name.startswith("retention_") for name in saved["values"])


def test_a_refused_save_keeps_the_dialog_open_and_changes_nothing(qtbot, box, warning_boxes):
    with act_as_for_tests("chef"):
        dialog = open_dialog(qtbot, box)
        assert dialog.may_set_retention
    box.set_role("chef", "caseworker")  # demoted while the dialog was open
    before = office_state(box)
    with act_as_for_tests("chef"):
        spin(dialog, "retention_days_done").setValue(1)
        press_ok(dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.button_box.isEnabled()
    assert warning_boxes and warning_boxes[0][0] == "Aufbewahrungsfristen nicht gespeichert"
    assert "Administration" in warning_boxes[0][1]
    assert office_state(box) == before
    assert not config.settings_path().exists()


def test_without_a_store_the_page_shows_no_values(qtbot, fresh_settings):
    dialog = SettingsDialog(fresh_settings)
    qtbot.addWidget(dialog)
    for setting in config.OFFICE_RETENTION:
        editor = spin(dialog, setting.name)
        assert editor.isReadOnly() and editor.text() == "–"
    assert "Administration" in dialog.retention_note.text()
    assert dialog.retention_changes() == {}


@pytest.mark.real_threads
def test_the_main_windows_settings_read_and_write_the_periods_off_the_gui_thread(
    qtbot, box, schemas_dir
):
    win = create_window(box.db_path, schemas_dir, config.Settings())
    qtbot.addWidget(win)
    try:
        dialog = main_actions.open_settings(win)
        assert dialog.retention_note.text() == "Die Aufbewahrungsfristen werden gelesen…"
        editor = spin(dialog, "retention_days_done")
        qtbot.waitUntil(lambda: editor.value() == 120)
        assert dialog.may_set_retention and not editor.isReadOnly()
        editor.setValue(150)
        with qtbot.waitSignal(dialog.accepted):
            press_ok(dialog)
        assert box.retention_policy()["done"] == 150
    finally:
        ops.wait_for_all()
        close_window(win)


def test_the_audit_list_names_a_confirmation_of_the_periods():
    from ab_inbox.ui.audit_dialog import action_label

    assert action_label("retention_confirmed") == "Aufbewahrungsfristen bestätigt"
