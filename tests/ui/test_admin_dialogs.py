"""The team lead's and administration's dialogs from the keyboard: Enter does what the field
or row at hand means, never a write on something else; changes to one's own access are asked
about first."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from ab_inbox.inbox import Inbox
from ab_inbox.store import users as user_store
from ab_inbox.ui.team_actions import open_dialog
from tests.conftest import add_team, ensure_tester
from tests.messages import fetch_files, set_family_name, valid_message


@pytest.fixture
def store(tmp_path, schemas_dir):
    """The tester is administration; a team lead, two caseworkers and three new cases."""
    db = tmp_path / "team.sqlite3"
    with Inbox(db, schemas_dir) as box:
        ensure_tester(box)
        add_team(box)
        files = {
            f"{i}.xml": set_family_name(valid_message(seed=800 + i), name)
            for i, name in enumerate(["Adler", "Becker", "Cicek"])
        }
        fetch_files(box, tmp_path / "drop", files)
    return db


@pytest.fixture
def open_window(main_windows, store, schemas_dir):
    """open_window(login=None): the main window as that login (None: the tester)."""

    def make(login: str | None = None):
        win = main_windows(store, schemas_dir, login=login)
        win.show()
        return win

    return make


@pytest.fixture
def answers(monkeypatch):
    """Questions asked by the users dialog; the test sets `answers.reply` (Yes or No)."""

    class Answers(list):
        reply = QMessageBox.StandardButton.No

    asked = Answers()

    def question(_parent, _title, text, *_args):
        asked.append(text)
        return asked.reply

    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.question", question)
    return asked


def _user(win, login: str) -> dict:
    return user_store.get(win.inbox.db, login)


def _audit(win, action: str) -> list[str]:
    entries, _total = win.inbox.audit_entries(action=action)
    return [entry["detail"] for entry in entries]


def _select_user(dialog, login: str) -> None:
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == login)
    dialog.table.setCurrentCell(row, 0)


def _default_buttons(dialog) -> list[str]:
    return [b.text() for b in dialog.findChildren(QPushButton) if b.isDefault()]


# --- users ---------------------------------------------------------------------------------------
def test_enter_in_the_login_field_adds_the_user_and_leaves_the_selected_user_alone(
    open_window, qtbot
):
    win = open_window()
    dialog = open_dialog(win, "users")
    _select_user(dialog, "ben")
    dialog.role.setCurrentIndex(dialog.role.findData("admin"))  # chosen, not applied
    dialog.login.setText("carla")
    dialog.new_role.setCurrentIndex(dialog.new_role.findData("teamlead"))
    qtbot.keyClick(dialog.login, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert _user(win, "carla")["role"] == "teamlead"
    assert _user(win, "ben")["role"] == "caseworker"
    assert _audit(win, "user_role_set") == []
    assert dialog.status.text() == "Benutzer carla hinzugefügt"
    assert dialog.login.text() == ""

    dialog.login.setText("dora")
    dialog.display_name.setText("Dora Demir")
    qtbot.keyClick(dialog.display_name, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert _user(win, "dora")["display_name"] == "Dora Demir"
    assert _default_buttons(dialog) == []


def test_setting_the_role_a_user_already_has_says_so_and_writes_nothing(open_window):
    win = open_window()
    dialog = open_dialog(win, "users")
    _select_user(dialog, "anna")
    dialog.role.setCurrentIndex(dialog.role.findData("caseworker"))
    dialog.role_button.click()
    assert dialog.status.text() == "anna hat diese Rolle schon"
    assert _audit(win, "user_role_set") == []


def test_changing_ones_own_role_or_deactivating_oneself_is_asked_first(
    open_window, answers, warnings
):
    win = open_window()
    me = win.inbox.user
    with Inbox(win.inbox.db_path) as box:
        box.set_role("lead", "admin")  # so the core would allow it
    dialog = open_dialog(win, "users")
    _select_user(dialog, me)
    dialog.role.setCurrentIndex(dialog.role.findData("teamlead"))
    dialog.role_button.click()
    assert len(answers) == 1 and me in answers[0]
    assert _user(win, me)["role"] == "admin"
    assert dialog.role.currentData() == "admin"  # the choice is put back

    dialog.active_button.click()
    assert len(answers) == 2 and me in answers[1]
    assert _user(win, me)["active"]

    _select_user(dialog, "anna")  # someone else: no question
    dialog.role.setCurrentIndex(dialog.role.findData("teamlead"))
    dialog.role_button.click()
    assert len(answers) == 2 and _user(win, "anna")["role"] == "teamlead"

    answers.reply = QMessageBox.StandardButton.Yes
    _select_user(dialog, me)
    dialog.role.setCurrentIndex(dialog.role.findData("teamlead"))
    dialog.role_button.click()
    assert len(answers) == 3 and _user(win, me)["role"] == "teamlead"
    assert warnings == []


# --- workload ------------------------------------------------------------------------------------
def _workload_row(dialog, text: str) -> int:
    return next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == text)


def test_return_on_a_workload_row_shows_that_persons_cases(open_window, qtbot):
    win = open_window("lead")
    first = win.model.case_id(0)
    with Inbox(win.inbox.db_path) as box:
        box.assign([first], "anna")
    dialog = open_dialog(win, "workload")
    assert _default_buttons(dialog) == []
    dialog.table.setCurrentCell(_workload_row(dialog, "Anna Arslan (anna)"), 0)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert win.current_assignee() == "anna"
    assert [win.model.case_id(r) for r in range(win.model.rowCount())] == [first]
    assert not dialog.isVisible()


def test_the_show_cases_button_shows_the_chosen_row(open_window):
    win = open_window("lead")
    dialog = open_dialog(win, "workload")
    dialog.table.setCurrentCell(_workload_row(dialog, "Nicht zugewiesen"), 0)
    assert dialog.show_button.isEnabled()
    dialog.show_button.click()
    assert win.current_view()[0] == "unassigned" and win.model.rowCount() == 3


# --- assignment ----------------------------------------------------------------------------------
def test_the_assign_dialog_chooses_nobody_until_told(open_window, qtbot):
    win = open_window("lead")
    win.table.selectRow(0)
    case_id = win.model.case_id(0)
    win.trigger("assign").trigger()
    dialog = win.team_dialogs["assign"]
    ok = dialog.ok_button
    assert not dialog.people.selectedItems()
    assert not ok.isEnabled()
    chosen = []
    dialog.chosen.connect(chosen.append)
    qtbot.keyClick(dialog.people, Qt.Key.Key_Return)
    assert chosen == [] and win.inbox.case(case_id)["assignee"] is None

    dialog.choose("ben")
    assert ok.isEnabled()
    qtbot.keyClick(dialog.people, Qt.Key.Key_Return)
    assert chosen == ["ben"] and win.inbox.case(case_id)["assignee"] == "ben"
