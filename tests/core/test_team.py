"""Team work in the core: roles checked for every call, assignment, distribution, deadlines."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ab_inbox.casework.roles import AccessDenied
from ab_inbox.identity import act_as_for_tests
from ab_inbox.inbox import Inbox
from ab_inbox.inbox_team import TeamError
from ab_inbox.store.cases import ConflictError
from ab_inbox.store.distribution import letter_key
from tests.messages import fetch_files, set_family_name, valid_message


@pytest.fixture
def team(inbox):
    """The tester's login is the administrator; a team lead and two caseworkers."""
    inbox.add_user("lead", "teamlead", "Frau Leitner")
    inbox.add_user("anna", "caseworker", "Anna Arslan")
    inbox.add_user("ben", "caseworker", "Ben Błaszczyk")
    return inbox


def _cases(inbox, tmp_path, names: list[str]) -> dict[str, int]:
    files = {
        f"{i:02d}.xml": set_family_name(valid_message(seed=500 + i), name)
        for i, name in enumerate(names)
    }
    by_file = fetch_files(inbox, tmp_path / "drop", files)
    return {names[int(f[:2])]: case_id for f, case_id in by_file.items()}


def test_the_first_user_of_an_empty_store_becomes_administration(tmp_path):
    with Inbox(tmp_path / "db.sqlite3") as box:
        with pytest.raises(AccessDenied, match="users add"):
            box.case_ids()
        added = box.add_user(box.user, "caseworker")
        assert added.first_user and added.role == "admin"
        assert box.case_ids() == []
        second = box.add_user("zoe", "caseworker")
        assert not second.first_user and second.role == "caseworker"


def test_an_unknown_login_sees_no_personal_data_and_cannot_add_itself(team, tmp_path):
    """The refusal also reads well in German: the login and whom to ask."""
    _cases(team, tmp_path, ["Müller"])
    with act_as_for_tests("mallory"):
        for call in (
            team.case_ids,
            lambda: team.case_rows([1]),
            lambda: team.case(1),
            lambda: team.message(1),
            lambda: team.attachment(1, 1),
            team.list_messages,
            lambda: team.summary_pdf(1),
        ):
            with pytest.raises(AccessDenied, match="not set up"):
                call()
        with pytest.raises(AccessDenied) as refused:
            team.add_user("mallory", "admin")
    assert refused.value.text_de == (
        "Die Anmeldung „mallory“ ist in AB-Inbox nicht eingerichtet. Bitte wenden Sie sich an "
        "die Administration."
    )
    assert team.actor().role == "admin"


def test_roles_are_checked_in_the_core(team, tmp_path):
    ids = _cases(team, tmp_path, ["Müller", "Nowak"])
    with act_as_for_tests("anna"):
        assert sorted(team.case_ids()) == sorted(ids.values())
        for call in (
            lambda: team.assign([ids["Müller"]], "ben"),
            lambda: team.add_user("eve", "caseworker"),
            lambda: team.set_role("ben", "teamlead"),
            team.verify_audit,
            team.workload,
            lambda: team.purge(),
            lambda: team.add_distribution_rule("anna", letters_from="A", letters_to="K"),
            lambda: team.set_deadline_target("130101", 10),
        ):
            with pytest.raises(AccessDenied, match="role Caseworker may not"):
                call()
    with act_as_for_tests("lead"):
        team.assign([ids["Müller"]], "ben")
        assert team.verify_audit().ok
        with pytest.raises(AccessDenied, match="manage users"):
            team.add_user("eve", "caseworker")


def test_a_caseworker_works_own_and_free_cases_but_not_a_colleagues(team, tmp_path):
    ids = _cases(team, tmp_path, ["Müller", "Nowak"])
    with act_as_for_tests("lead"):
        team.assign([ids["Müller"]], "ben")
    with act_as_for_tests("anna"):
        with pytest.raises(AccessDenied, match="assigned to ben"):
            team.set_status(ids["Müller"], "in_progress")
        with pytest.raises(AccessDenied):
            team.take_case(ids["Müller"])
        team.add_note(ids["Müller"], "Rückruf erbeten")  # notes on any case are fine
        team.take_case(ids["Nowak"])
        team.set_status(ids["Nowak"], "query")
    with act_as_for_tests("ben"):
        team.set_status(ids["Müller"], "in_progress")
    with act_as_for_tests("lead"):  # a team lead may work any case
        team.set_status(ids["Nowak"], "in_progress")


def test_a_deactivated_user_loses_access_at_once(team, tmp_path):
    _cases(team, tmp_path, ["Müller"])
    team.set_user_active("anna", False)
    with act_as_for_tests("anna"), pytest.raises(AccessDenied, match="deactivated"):
        team.case_ids()
    team.set_user_active("anna", True)
    with act_as_for_tests("anna"):
        assert len(team.case_ids()) == 1


def test_the_last_administrator_stays(team):
    with pytest.raises(TeamError, match="last active administrator"):
        team.set_role(team.user, "caseworker")
    with pytest.raises(TeamError, match="last active administrator"):
        team.set_user_active(team.user, False)
    me = team.user
    team.set_role("lead", "admin")
    team.set_role(me, "teamlead")  # now allowed: "lead" administers
    with act_as_for_tests("lead"):
        assert {u["login"]: u["role"] for u in team.users()}[me] == "teamlead"


def test_bulk_assignment_is_all_or_nothing_on_a_conflict(team, tmp_path):
    ids = _cases(team, tmp_path, ["Müller", "Nowak", "Öztürk"])
    rows = team.case_rows(list(ids.values()))
    versions = {case_id: row["version"] for case_id, row in rows.items()}
    with act_as_for_tests("anna"):
        team.take_case(ids["Nowak"])  # changes Nowak after the team lead read it
    with act_as_for_tests("lead"):
        with pytest.raises(ConflictError, match=f"Case {ids['Nowak']} "):
            team.assign(list(ids.values()), "ben", expected_versions=versions)
        after = team.case_rows(list(ids.values()))
        assert [after[c]["assignee"] for c in (ids["Müller"], ids["Öztürk"])] == [None, None]
        team.assign([ids["Müller"], ids["Öztürk"]], "ben")
        assert {r["assignee"] for r in team.case_rows(list(ids.values())).values()} == {
            "anna",
            "ben",
        }
    with act_as_for_tests("lead"), pytest.raises(TeamError, match="not an active"):
        team.assign([ids["Müller"]], "nobody")


def test_take_next_hands_out_the_most_urgent_free_case_once(team, tmp_path):
    ids = _cases(team, tmp_path, ["Müller", "Nowak", "Öztürk"])
    team.db.execute("UPDATE cases SET due_at = '2026-01-01T00:00:00.000Z' WHERE id = ?",
                    (ids["Öztürk"],))  # fmt: skip
    with act_as_for_tests("lead"):
        team.assign([ids["Müller"]], "ben")
    with act_as_for_tests("anna"):
        first = team.take_next()
        second = team.take_next()
        third = team.take_next()
    assert first == ids["Öztürk"] and second == ids["Nowak"] and third is None
    rows = team.case_rows([first, second])
    assert {(r["assignee"], r["status"]) for r in rows.values()} == {("anna", "in_progress")}


@pytest.mark.parametrize(
    ("name", "letter"),
    [
        ("Ärmel", "A"),
        ("Öztürk", "O"),
        ("Überall", "U"),
        ("Łukasiewicz", "L"),
        ("Ødegaard", "O"),
        ("Çelik", "C"),
        ("Şahin", "S"),
        ("Ńwachukwu", "N"),
        ("Æsir", "A"),
        ("'t Hooft", "T"),
        ("  zu Guttenberg", "Z"),
        ("", None),
        ("1234", None),
    ],
)
def test_the_distribution_letter_folds_like_a_card_index(name, letter):
    assert letter_key(name) == letter


def test_rules_assign_new_cases_on_intake_by_letter_and_type(team, tmp_path):
    with act_as_for_tests("lead"):
        team.add_distribution_rule("anna", letters_from="a", letters_to="K")
        team.add_distribution_rule("ben", letters_from="L", letters_to="Z")
        special = team.add_distribution_rule("lead", letters_from="Ö", type_code="130101")
        team.add_distribution_rule("lead", type_code="130111")  # another type: never matches
    ids = _cases(team, tmp_path, ["Ärmel", "Łukasiewicz", "Öztürk", "Zimmer", "Kowalski"])
    rows = team.case_rows(list(ids.values()))
    assignees = {name: rows[case_id]["assignee"] for name, case_id in ids.items()}
    assert assignees == {
        "Ärmel": "anna",
        "Łukasiewicz": "ben",
        "Öztürk": "lead",  # letter and type beat letter alone
        "Zimmer": "ben",
        "Kowalski": "anna",
    }
    audit = team.db.execute(
        "SELECT detail FROM audit WHERE action = 'assigned' AND case_id = ?", (ids["Öztürk"],)
    ).fetchone()[0]
    assert audit == f"to=lead rule={special}"
    with act_as_for_tests("lead"):  # manual override
        team.assign([ids["Öztürk"]], "anna")
    assert team.case_rows([ids["Öztürk"]])[ids["Öztürk"]]["assignee"] == "anna"


def test_rules_of_a_deactivated_user_are_skipped_and_apply_later(team, tmp_path):
    with act_as_for_tests("lead"):
        team.add_distribution_rule("ben", letters_from="A", letters_to="Z")
    team.set_user_active("ben", False)
    ids = _cases(team, tmp_path, ["Müller"])
    assert team.case_rows([ids["Müller"]])[ids["Müller"]]["assignee"] is None
    with act_as_for_tests("lead"):
        team.add_distribution_rule("anna", letters_from="M")
        assert team.distribute_unassigned() == {ids["Müller"]: "anna"}


def test_bad_rules_are_refused(team):
    with act_as_for_tests("lead"):
        with pytest.raises(TeamError, match="letter range"):
            team.add_distribution_rule("anna", letters_from="1", letters_to="2")
        with pytest.raises(TeamError, match="message type"):
            team.add_distribution_rule("anna", type_code="999999")
        with pytest.raises(TeamError, match="needs"):
            team.add_distribution_rule("anna")


def test_due_times_follow_the_target_per_type_and_feed_the_views(team, tmp_path):
    ids = _cases(team, tmp_path, ["Müller", "Nowak"])
    rows = team.case_rows(list(ids.values()))
    for row in rows.values():  # default target: 30 days after the receipt time
        received = date.fromisoformat(row["received_at"][:10])
        assert row["due_at"][:10] == (received + timedelta(days=30)).isoformat()
    with act_as_for_tests("lead"):
        assert team.set_deadline_target("130101", 14) == 2
    row = team.case_rows([ids["Müller"]])[ids["Müller"]]
    assert (
        row["due_at"][:10]
        == (date.fromisoformat(row["received_at"][:10]) + timedelta(days=14)).isoformat()
    )
    assert row["received_at"] == rows[ids["Müller"]]["received_at"]  # never changes

    team.db.execute(
        "UPDATE cases SET due_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-2 days') WHERE id = ?",
        (ids["Müller"],),
    )
    team.db.execute(
        "UPDATE cases SET due_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
        (ids["Nowak"],),
    )
    assert team.case_ids("overdue") == [ids["Müller"]]
    assert team.case_ids("due_today") == [ids["Nowak"]]
    assert team.reminders()["overdue"] == 1 and team.reminders()["due_today"] == 1
    team.set_status(ids["Müller"], "done")  # finished cases are never overdue
    assert team.case_ids("overdue") == []


def test_workload_counts_open_cases_per_person(team, tmp_path):
    ids = _cases(team, tmp_path, ["Müller", "Nowak", "Öztürk"])
    with act_as_for_tests("lead"):
        team.assign([ids["Müller"], ids["Nowak"]], "anna")
    with act_as_for_tests("anna"):
        team.take_case(ids["Müller"])
    team.db.execute(
        "UPDATE cases SET due_at = '2020-01-01T00:00:00.000Z' WHERE id = ?", (ids["Nowak"],)
    )
    with act_as_for_tests("lead"):
        load = {row["assignee"]: row for row in team.workload()}
    assert load["anna"]["open"] == 2 and load["anna"]["overdue"] == 1
    assert load["anna"]["by_status"] == {"new": 1, "in_progress": 1}
    assert load[None]["open"] == 1 and load["ben"]["open"] == 0
    assert load["anna"]["oldest"] is not None


def test_follow_up_reminders_count_the_users_cases(team, tmp_path):
    ids = _cases(team, tmp_path, ["Müller", "Nowak"])
    with act_as_for_tests("anna"):
        team.take_case(ids["Müller"])
        team.set_follow_up(ids["Müller"], date.today())
        assert team.reminders()["follow_up_due"] == 1
    with act_as_for_tests("ben"):
        assert team.reminders()["follow_up_due"] == 0


def test_only_a_team_lead_may_override_the_export_rule(team, tmp_path):
    ids = _cases(team, tmp_path, ["Müller"])
    case_id = ids["Müller"]
    (tmp_path / "fv").mkdir()
    with act_as_for_tests("anna"):
        team.take_case(case_id)
        with pytest.raises(AccessDenied, match="export cases not ready"):
            team.export_case(case_id, target_dir=tmp_path / "fv", override_reason="Eilfall")
    assert not any((tmp_path / "fv").iterdir())
    with act_as_for_tests("lead"):
        team.export_case(case_id, target_dir=tmp_path / "fv", override_reason="Eilfall")
    assert team.case_rows([case_id])[case_id]["status"] == "exported"
