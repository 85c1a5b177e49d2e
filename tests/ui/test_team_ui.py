"""Team work on the desktop: the access gate, role-aware actions, assignment, due views,
reminders, and the team lead's and administration's dialogs."""

from __future__ import annotations

import csv
from datetime import date, timedelta

import pytest
import shiboken6
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from ab_inbox.config import Settings
from ab_inbox.identity import act_as_for_tests
from ab_inbox.inbox import Inbox
from ab_inbox.ui import access_gate, purge_dialog
from ab_inbox.ui.access_gate import Access
from ab_inbox.ui.queue_model import COLUMNS
from ab_inbox.ui.shortcuts_dialog import ShortcutsDialog
from ab_inbox.ui.team_actions import open_dialog
from tests.conftest import add_team, ensure_tester
from tests.messages import fetch_files, set_family_name, valid_message
from tests.ui.conftest import shift_today

ASSIGNEE = [c[0] for c in COLUMNS].index("assignee")
AGE = [c[0] for c in COLUMNS].index("age")
TEAM_ONLY = ("assign", "workload", "distribution", "audit", "purge")


@pytest.fixture
def store(tmp_path, schemas_dir):
    """The tester is administration; a team lead, two caseworkers and five new cases."""
    db = tmp_path / "team.sqlite3"
    with Inbox(db, schemas_dir) as box:
        ensure_tester(box)
        add_team(box)
        files = {
            f"{i}.xml": set_family_name(valid_message(seed=700 + i), name)
            for i, name in enumerate(["Adler", "Becker", "Cicek", "Dietrich"])
        }
        files["9.xml"] = valid_message("130201", seed=709)
        fetch_files(box, tmp_path / "drop", files)
    return db


@pytest.fixture
def open_window(main_windows, store, schemas_dir):
    """open_window(login=None, settings=None): the main window as that login (None: tester)."""

    def make(login: str | None = None, settings: Settings | None = None):
        win = main_windows(store, schemas_dir, settings, login)
        win.show()
        return win

    return make


def _select_rows(win, rows: list[int]) -> None:
    win.table.clearSelection()  # a selection kept over a reload is not added to
    win.table.selectRow(rows[0])
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows[1:]:
        win.table.selectionModel().select(win.model.index(row, 0), flags)


def _assignee_shown(win, case_id: int) -> str:
    return win.model.data(win.model.index(win.model.row_of(case_id), ASSIGNEE))


def _shift_today(monkeypatch, days: int) -> date:
    """Let the core and the queue believe it is `days` later (due times are from receipt)."""
    modules = ("ab_inbox.inbox_cases", "ab_inbox.inbox_team", "ab_inbox.ui.queue_model")
    return shift_today(monkeypatch, days, *modules)


# --- the access gate ---------------------------------------------------------------------------
def test_an_empty_store_offers_to_set_up_the_login_as_administration(tmp_path):
    with Inbox(tmp_path / "empty.sqlite3") as box:
        assert access_gate.decide(box).access is Access.FIRST_USER
        asked, refused = [], []

        def declined(login):
            asked.append(login)
            return False

        code = access_gate.pass_gate(
            box, "de", ask_first_user=declined, show_refusal=refused.append
        )
        assert code == access_gate.EXIT_DECLINED and asked == [box.user] and not refused
        assert not box.actor().known

        code = access_gate.pass_gate(
            box, "de", ask_first_user=lambda _login: True, show_refusal=refused.append
        )
        assert code is None and not refused
        assert box.actor().role == "admin"
        assert access_gate.decide(box).access is Access.GRANTED


def test_the_gate_asks_the_core_whether_users_exist_not_the_refusal_text(tmp_path, monkeypatch):
    """The refusal's wording may change; whether the store is still empty is has_users()."""
    from ab_inbox.casework import roles

    def reworded(actor, permission, no_users_yet=False):
        raise roles.AccessDenied("anders formuliert", "worded differently")

    monkeypatch.setattr("ab_inbox.inbox_access.require", reworded)
    with Inbox(tmp_path / "empty.sqlite3") as box:
        assert not box.has_users()
        decision = access_gate.decide(box)
        assert decision.access is Access.FIRST_USER
        assert decision.error.text_en == "worded differently"
        box.add_user("someone", "admin")
        assert access_gate.decide(box).access is Access.REFUSED


@pytest.mark.parametrize(
    ("login", "language", "expected"),
    [
        ("mallory", "de", "ist in AB-Inbox nicht eingerichtet"),
        ("mallory", "en", "is not set up in AB-Inbox"),
        ("ben", "de", "ist in AB-Inbox deaktiviert"),
    ],
)
def test_an_unknown_or_deactivated_login_is_refused_without_a_window(
    store, login, language, expected
):
    with Inbox(store) as box:
        box.set_user_active("ben", False)
        with act_as_for_tests(login):
            assert access_gate.decide(box).access is Access.REFUSED
            shown = []
            code = access_gate.pass_gate(
                box,
                language,
                ask_first_user=lambda _login: pytest.fail("must not offer set-up"),
                show_refusal=shown.append,
            )
    assert code == access_gate.EXIT_REFUSED
    assert len(shown) == 1 and expected in shown[0]


def test_a_known_login_gets_the_window(store):
    with Inbox(store) as box, act_as_for_tests("anna"):
        shown = []
        assert access_gate.decide(box).access is Access.GRANTED
        assert (
            access_gate.pass_gate(
                box, "de", ask_first_user=lambda _login: False, show_refusal=shown.append
            )
            is None
        )
        assert shown == []


# --- role-aware window -------------------------------------------------------------------------
def test_a_caseworker_sees_no_team_lead_actions(open_window):
    win = open_window("anna")
    for name in (*TEAM_ONLY, "users"):
        action = win.trigger(name)
        assert not action.isVisible() and not action.isEnabled(), name
    assert not win.team_menu.menuAction().isVisible()
    assert win.trigger("take_next").isVisible()
    listed = ShortcutsDialog(list(win.actions_by_name.values()), win)
    keys = {listed.table.item(r, 1).text() for r in range(listed.table.rowCount())}
    assert "Ctrl+Shift+A" not in keys and "Ctrl+Shift+T" in keys


def test_a_team_lead_sees_the_team_menu_but_not_user_management(open_window):
    win = open_window("lead")
    for name in TEAM_ONLY:
        assert win.trigger(name).isVisible() and win.trigger(name).isEnabled(), name
    assert win.team_menu.menuAction().isVisible()
    assert not win.trigger("users").isVisible()


def test_a_refusal_from_the_core_is_shown_not_raised(open_window, warnings):
    win = open_window("lead")
    with Inbox(win.inbox.db_path) as box, act_as_for_tests(None):  # the administrator
        box.set_role("lead", "caseworker")  # demoted while the window is open
    win.trigger("workload").trigger()
    assert warnings and "Sachbearbeitung darf nicht" in warnings[0]
    assert not win.trigger("workload").isVisible()  # the window follows the new role
    dialog = win.team_dialogs.get("workload")
    assert dialog is None or not shiboken6.isValid(dialog) or not dialog.isVisible()


# --- assignment and taking the next case -------------------------------------------------------
def test_bulk_assign_of_two_selected_cases(open_window):
    win = open_window("lead")
    _select_rows(win, [0, 1])
    chosen = [win.model.case_id(0), win.model.case_id(1)]
    win.trigger("assign").trigger()
    dialog = win.team_dialogs["assign"]
    people = [dialog.people.item(i).text() for i in range(dialog.people.count())]
    assert people[0] == "Zuweisung aufheben"
    assert "Anna Arslan (anna) – Sachbearbeitung" in people
    dialog.choose("anna")
    dialog.accept()
    assert [win.inbox.case(c)["assignee"] for c in chosen] == ["anna", "anna"]
    assert [_assignee_shown(win, c) for c in chosen] == ["anna", "anna"]

    _select_rows(win, [win.model.row_of(chosen[0])])
    win.trigger("assign").trigger()
    win.team_dialogs["assign"].choose(None)
    win.team_dialogs["assign"].accept()
    assert win.inbox.case(chosen[0])["assignee"] is None
    assert _assignee_shown(win, chosen[0]) == ""


def test_a_concurrent_change_shows_the_conflict_and_reloads(open_window, warnings):
    win = open_window("lead")
    _select_rows(win, [0, 1])
    first, second = win.model.case_id(0), win.model.case_id(1)
    assert _assignee_shown(win, second) == ""  # rows (with their versions) are on screen
    with Inbox(win.inbox.db_path) as other:
        other.assign([second], "ben")
    win.trigger("assign").trigger()
    win.team_dialogs["assign"].choose("anna")
    win.team_dialogs["assign"].accept()
    assert warnings and "inzwischen von jemand anderem geändert" in warnings[0]
    assert win.inbox.case(first)["assignee"] is None  # all or nothing
    assert _assignee_shown(win, second) == "ben"  # reloaded


def test_take_next_opens_the_case_and_says_when_none_is_free(open_window):
    win = open_window("anna")
    win.trigger("take_next").trigger()
    case = win.case_view.case
    assert case["assignee"] == "anna" and case["status"] == "in_progress"
    assert win.current_view()[0] == "mine"
    assert win.current_case_id() == case["id"]
    assert "Bearbeitung: anna" in win.case_view.header.text()
    for _ in range(6):
        win.trigger("take_next").trigger()
    assert win.statusBar().currentMessage() == "Kein freier neuer Fall"


@pytest.mark.real_threads
def test_take_next_and_assign_on_worker_threads(open_window, qtbot):
    win = open_window("lead")
    qtbot.waitUntil(lambda: win.trigger("assign").isVisible() and win.model.rowCount() == 5)
    win.trigger("take_next").trigger()
    qtbot.waitUntil(lambda: win.current_view()[0] == "mine" and win.current_case_id() is not None)
    taken = win.current_case_id()
    qtbot.waitUntil(lambda: (win.case_view.case or {}).get("id") == taken)
    assert win.case_view.case["assignee"] == "lead"
    win.trigger("assign").trigger()
    qtbot.waitUntil(lambda: "assign" in win.team_dialogs)
    win.team_dialogs["assign"].choose("ben")
    win.team_dialogs["assign"].accept()
    qtbot.waitUntil(lambda: win.model.rowCount() == 0)  # no longer "mine"
    assert win.inbox.case(taken)["assignee"] == "ben"


# --- views, due dates and reminders ------------------------------------------------------------
def test_due_views_with_counts_and_due_texts(open_window, monkeypatch):
    win = open_window()
    with Inbox(win.inbox.db_path) as box:
        box.set_deadline_target("130101", 1)
        box.set_deadline_target("130201", 2)
    _shift_today(monkeypatch, 2)
    win.poll_for_changes()
    texts = {
        win.views.item(i).data(Qt.ItemDataRole.UserRole + 1)[0]: win.views.item(i).text()
        for i in range(win.views.count())
    }
    assert texts["overdue"] == "Überfällig (4)"
    assert texts["due_today"] == "Heute fällig (1)"
    assert texts["unassigned"] == "Nicht zugewiesen (5)"
    win.select_view("overdue")
    assert win.model.rowCount() == 4
    cell = win.model.index(0, AGE)
    assert win.model.data(cell).startswith("1 T. überfällig")
    assert win.model.data(cell, Qt.ItemDataRole.ForegroundRole) is not None
    win.select_view("due_today")
    assert win.model.rowCount() == 1
    assert win.model.data(win.model.index(0, AGE)).startswith("heute fällig")
    win.table.selectRow(0)
    header = win.case_view.header.text()
    assert "Eingang: " in header and "Fällig: " in header and "Bearbeitung: –" in header
    assert "Fällig" in win.case_view.details.toPlainText()


def test_reminder_bar_appears_with_counts_and_switches_views(open_window, monkeypatch):
    win = open_window()
    assert win.reminder_bar.isHidden()  # nothing due yet
    with Inbox(win.inbox.db_path) as box:
        box.set_deadline_target("130101", 1)
        box.set_deadline_target("130201", 2)
    _shift_today(monkeypatch, 2)
    later = open_window()
    bar = later.reminder_bar
    assert not bar.isHidden()
    assert bar.label.text() == "Überfällig: 4 · Heute fällig: 1"
    assert bar.buttons["follow_up_due"].isHidden()
    bar.buttons["overdue"].click()
    assert later.current_view()[0] == "overdue" and later.model.rowCount() == 4


# --- the team lead's and administration's dialogs ----------------------------------------------
def test_workload_lists_each_caseworker_and_opens_the_unassigned_cases(open_window):
    win = open_window("lead")
    with Inbox(win.inbox.db_path) as box:
        box.assign([win.model.case_id(0)], "anna")
    dialog = open_dialog(win, "workload")
    rows = {
        dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text()
        for r in range(dialog.table.rowCount())
    }
    assert rows["Anna Arslan (anna)"] == "1"
    assert rows["Ben Bauer (ben)"] == "0"
    assert rows["Nicht zugewiesen"] == "4"
    unassigned = next(
        r
        for r in range(dialog.table.rowCount())
        if dialog.table.item(r, 0).text() == "Nicht zugewiesen"
    )
    dialog.table.cellDoubleClicked.emit(unassigned, 0)
    assert win.current_view()[0] == "unassigned" and win.model.rowCount() == 4


def _workload_row(dialog, text: str) -> int:
    return next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == text)


def test_double_clicking_a_person_shows_their_open_cases_until_the_filter_is_cleared(
    open_window,
):
    win = open_window("lead")
    first, second, third = (win.model.case_id(row) for row in range(3))
    with Inbox(win.inbox.db_path) as box:
        box.assign([first, second], "anna")
        box.assign([third], "ben")
        with act_as_for_tests("anna"):
            box.set_status(second, "done")  # no longer open
    win.model.forget_rows()
    win.refresh()
    fixed_views = win.views.count()

    dialog = open_dialog(win, "workload")
    dialog.table.cellDoubleClicked.emit(_workload_row(dialog, "Anna Arslan (anna)"), 0)
    assert win.current_assignee() == "anna" and win.current_view()[0] == "open"
    assert [win.model.case_id(r) for r in range(win.model.rowCount())] == [first]
    assert win.views.currentItem().text() == "Fälle von Anna Arslan (anna)"
    assert win.views.count() == fixed_views + 1
    note = win.assignee_filter_note
    assert note.isVisible() and note.label.text() == "Filter: Fälle von anna"

    dialog = open_dialog(win, "workload")  # another person replaces the filter
    dialog.table.cellDoubleClicked.emit(_workload_row(dialog, "Ben Bauer (ben)"), 0)
    assert win.current_assignee() == "ben" and win.views.count() == fixed_views + 1
    assert [win.model.case_id(r) for r in range(win.model.rowCount())] == [third]
    win.refresh()  # a live refresh keeps the filter
    assert win.model.rowCount() == 1

    win.select_view("all")  # other views are not filtered; the entry stays to come back to
    assert win.current_assignee() is None and win.model.rowCount() == 5
    win.views.setCurrentRow(fixed_views)
    assert win.current_assignee() == "ben"

    note.clear_button.click()
    assert win.views.count() == fixed_views and not note.isVisible()
    assert win.current_assignee() is None and win.current_view()[0] == "open"
    assert win.model.rowCount() == 4


def test_double_clicking_ones_own_row_shows_my_cases(open_window):
    win = open_window("lead")
    with Inbox(win.inbox.db_path) as box:
        box.assign([win.model.case_id(0)], "lead")
    dialog = open_dialog(win, "workload")
    dialog.table.cellDoubleClicked.emit(_workload_row(dialog, "Frau Leitner (lead)"), 0)
    assert win.current_view()[0] == "mine" and win.current_assignee() is None
    assert win.model.rowCount() == 1


def test_distribution_rules_and_deadlines(open_window):
    win = open_window("lead")
    dialog = open_dialog(win, "distribution")
    titles = [dialog.rule_type.itemText(i) for i in range(dialog.rule_type.count())]
    assert titles[0] == "(alle Typen)" and any(t.endswith("(130101)") for t in titles)
    dialog.rule_user.setCurrentIndex(dialog.rule_user.findData("anna"))
    dialog.letters_from.setText("a")
    dialog.letters_to.setText("c")
    dialog.add_rule_button.click()
    assert dialog.rules.rowCount() == 1
    assert dialog.rules.item(0, 2).text() == "A–C"
    dialog.distribute_button.click()
    assert dialog.status.text() == "3 Fälle verteilt"  # Adler, Becker, Cicek
    assert {r["assignee"]: r["open"] for r in win.inbox.workload()}["anna"] == 3

    dialog.tabs.setCurrentIndex(1)
    codes = [dialog.deadlines.item(r, 1).text() for r in range(dialog.deadlines.rowCount())]
    assert codes[0] == "*" and dialog.deadlines.item(0, 2).text() == "30"
    dialog.deadlines.setCurrentCell(codes.index("130101"), 0)
    dialog.days.setValue(12)
    dialog.set_days_button.click()
    assert win.inbox.deadline_targets()["130101"] == 12
    assert dialog.deadlines.item(codes.index("130101"), 2).text() == "12"
    assert dialog.unset_days_button.isEnabled()

    dialog.tabs.setCurrentIndex(0)
    dialog.rules.setCurrentCell(0, 0)
    dialog.remove_rule_button.click()
    assert dialog.rules.rowCount() == 0


def test_a_team_error_in_a_dialog_is_shown(open_window, warnings):
    win = open_window("lead")
    dialog = open_dialog(win, "distribution")
    dialog.rule_user.setCurrentIndex(dialog.rule_user.findData("anna"))
    dialog.add_rule_button.click()  # neither letters nor a type
    assert warnings == ["Eine Regel braucht einen Buchstabenbereich oder einen Nachrichtentyp."]
    assert dialog.isVisible()


def test_audit_viewer_filters_by_action_and_exports_csv(open_window, tmp_path):
    win = open_window("lead")
    dialog = open_dialog(win, "audit")
    assert dialog.table.rowCount() > 0
    assert dialog.page_label.text().endswith(f"von {dialog.total}")
    actions = [dialog.action.itemData(i) for i in range(dialog.action.count())]
    assert "user_added" in actions
    dialog.action.setCurrentIndex(dialog.action.findData("user_added"))
    dialog.apply_button.click()
    assert dialog.table.rowCount() == 4 and dialog.total == 4
    assert {dialog.table.item(r, 3).text() for r in range(4)} == {"Benutzer angelegt"}
    assert dialog.action.currentText() == "Benutzer angelegt"
    assert "login=lead role=teamlead" in [dialog.table.item(r, 6).text() for r in range(4)]
    assert {dialog.table.item(r, 7).text() for r in range(4)} == {"erfolgreich"}

    target = tmp_path / "protokoll.csv"
    dialog.choose_export_path = lambda: str(target)
    dialog.export_button.click()
    with open(target, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 4 and {row["action"] for row in rows} == {"user_added"}
    assert dialog.result.text() == f"4 Einträge exportiert nach {target}"

    dialog.verify_button.click()
    assert dialog.result.text().startswith("Audit-Kette in Ordnung")


def test_deletion_dialog_lists_due_cases_and_administration_purges(open_window, monkeypatch):
    settings = Settings()
    win = open_window(None, settings)
    win.inbox.set_retention("retention_days_done", 1)  # the office's period, in the store
    case_id = win.model.case_id(0)
    with Inbox(win.inbox.db_path, settings=settings) as box:
        box.set_status(case_id, "in_progress")
        box.set_status(case_id, "done")
    later = shift_today(monkeypatch, 2, "ab_inbox.inbox_retention")
    with act_as_for_tests("lead"):
        listed = open_dialog(win, "purge")
        assert listed.table.rowCount() == 1
        assert not listed.purge_button.isVisible()  # a team lead lists, administration deletes
        listed.reject()

    dialog = open_dialog(win, "purge")
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == str(case_id)
    assert dialog.table.item(0, 1).text() == "Erledigt"
    assert dialog.table.item(0, 3).text() == f"{later - timedelta(days=1):%d.%m.%Y}"
    asked = []
    monkeypatch.setattr(purge_dialog, "confirm", lambda _parent, text: asked.append(text) or True)
    assert dialog.purge_button.isVisible() and dialog.purge_button.isEnabled()
    dialog.purge_button.click()
    assert asked and asked[0].startswith("1 Fälle endgültig löschen?")
    assert dialog.report.text() == "Gelöscht: 1 Fälle; übersprungen: 0."
    assert dialog.table.rowCount() == 0 and not dialog.purge_button.isEnabled()
    assert win.inbox.case(case_id)["purged"]


def test_users_dialog_adds_changes_and_deactivates_users(open_window, warnings):
    win = open_window()
    dialog = open_dialog(win, "users")
    logins = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert {"anna", "ben", "lead", win.inbox.user} == set(logins)
    dialog.login.setText("carla")
    dialog.display_name.setText("Carla Conte")
    dialog.new_role.setCurrentIndex(dialog.new_role.findData("teamlead"))
    dialog.add_button.click()
    assert dialog.status.text() == "Benutzer carla hinzugefügt"
    row = next(
        r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == "carla"
    )
    assert dialog.table.item(row, 2).text() == "Teamleitung"

    dialog.table.setCurrentCell(row, 0)
    dialog.role.setCurrentIndex(dialog.role.findData("caseworker"))
    dialog.role_button.click()
    assert win.inbox.actor().may("manage_users")
    assert {u["login"]: u["role"] for u in win.inbox.users()}["carla"] == "caseworker"
    assert dialog.active_button.text() == "&Deaktivieren"
    dialog.active_button.click()
    assert not {u["login"]: u["active"] for u in win.inbox.users()}["carla"]
    assert dialog.active_button.text() == "&Aktivieren"

    dialog.login.setText("anna")
    dialog.add_button.click()
    assert warnings == ["Die Anmeldung „anna“ gibt es schon."]


def test_the_team_menu_is_accessible_in_english(open_window, qapp):
    from ab_inbox.ui import i18n

    i18n.install_translators(qapp, "en")
    try:
        win = open_window()
        assert win.team_menu.title() == "&Team"
        assert win.trigger("assign").text() == "&Assign…"
        dialog = open_dialog(win, "audit")
        assert dialog.windowTitle() == "Audit log"
        assert dialog.table.accessibleName() == "Audit log entries"
    finally:
        i18n.remove_translators(qapp)


def test_a_login_deactivated_while_working_is_told_once_and_sees_no_cases(
    open_window, warnings, store, schemas_dir
):
    """The poll notices the deactivation: one message, the queue and the case view empty,
    no reload loop; once active again the queue comes back."""
    win = open_window("anna")
    win.table.selectRow(0)
    assert win.model.rowCount() > 0 and win.case_view.case is not None
    with act_as_for_tests(None), Inbox(store, schemas_dir) as admin:
        admin.set_user_active("anna", False)
    win.poll_for_changes()
    win.poll_for_changes()  # the next poll says nothing new
    assert len(warnings) == 1 and "anna" in warnings[0]
    assert win.locked_out
    assert win.model.rowCount() == 0 and win.case_view.case is None
    with act_as_for_tests(None), Inbox(store, schemas_dir) as admin:
        admin.set_user_active("anna", True)
    win.poll_for_changes()
    assert not win.locked_out and win.model.rowCount() > 0
    assert len(warnings) == 1


def test_a_row_that_cannot_be_read_is_reported_once_not_per_painted_cell(open_window, warnings):
    win = open_window("anna")
    win.model.forget_rows()
    win.inbox.close()  # the window's own connection is gone: every row read fails
    for column in range(win.model.columnCount()):
        assert win.model.data(win.model.index(0, column)) is None
    QApplication.processEvents()
    assert len(warnings) == 1


def test_a_live_reload_keeps_every_selected_case_selected(open_window, store, schemas_dir):
    win = open_window("lead")
    _select_rows(win, [0, 1, 3])
    chosen = win.selected_case_ids()
    assert len(chosen) == 3
    with Inbox(store, schemas_dir) as other:
        other.add_note(chosen[1], "Rückruf vereinbart")
    win.poll_for_changes()
    assert win.selected_case_ids() == chosen


def test_versions_of_a_selection_not_yet_painted_come_from_the_store(open_window):
    """Ctrl+A over a long queue: rows never painted are not read page by page."""
    win = open_window("lead")
    win.table.selectAll()
    win.model.forget_rows()
    seen, unseen = win.selected_case_versions()
    assert seen == {} and unseen == win.selected_case_ids()
    assert len(unseen) == win.model.rowCount()
    win.trigger("assign").trigger()  # their versions are read with the list of people
    dialog = win.team_dialogs["assign"]
    dialog.choose("anna")
    dialog.accept()
    assert {win.inbox.case(c)["assignee"] for c in unseen} == {"anna"}


def test_a_reminder_shows_exactly_the_cases_it_counted_and_follows_changes(
    open_window, monkeypatch, store, schemas_dir
):
    """Overdue cases of someone else are not the user's reminder, and its button does not
    list them; taking a case updates the bar; closed, it stays closed until numbers change."""
    with Inbox(store, schemas_dir) as box:
        box.set_deadline_target("130101", 1)
        box.set_deadline_target("130201", 2)
        first = next(c for c in box.case_ids("all") if box.case(c)["type_code"] == "130101")
        box.assign([first], "ben")  # overdue in two days, but Ben's
    _shift_today(monkeypatch, 2)
    win = open_window("anna")
    bar = win.reminder_bar
    assert bar.label.text() == "Überfällig: 3 · Heute fällig: 1"
    bar.buttons["overdue"].click()
    assert win.current_view()[0] == "overdue" and win.model.rowCount() == 3
    assert first not in [win.model.case_id(r) for r in range(win.model.rowCount())]
    assert "meine und nicht zugewiesene" in win.views.currentItem().text()

    bar.dismiss()
    win.poll_for_changes()
    assert bar.isHidden()  # nothing changed: stays closed
    with act_as_for_tests(None), Inbox(store, schemas_dir) as box:
        box.assign([win.model.case_id(0)], "ben")
    win.poll_for_changes()
    assert not bar.isHidden() and bar.label.text() == "Überfällig: 2 · Heute fällig: 1"
    assert win.model.rowCount() == 2  # the narrowed view follows too
