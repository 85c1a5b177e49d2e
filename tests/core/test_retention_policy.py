"""The office's retention periods: kept in the store, the same for every workstation and every
scheduled job, changed only by Administration and audited; settings files no longer count."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta

import pytest

from ab_inbox import cli, config
from ab_inbox.casework.roles import AccessDenied
from ab_inbox.identity import act_as_for_tests
from ab_inbox.inbox import Inbox
from ab_inbox.inbox_retention import RetentionError
from ab_inbox.store import office_settings, retention
from ab_inbox.store.migrations import SCHEMA_VERSION
from tests.conftest import ensure_tester
from tests.messages import fetch_files, set_family_name, valid_message

TODAY = date.today()
DEFAULTS = {
    "retention_days_exported": 90,
    "retention_days_done": 90,
    "retention_days_not_responsible": 30,
    "retention_days_stray_input": 30,
}


def old_settings_file(path, **days: int):
    """A settings file as version 1 wrote it, with retention periods of its own."""
    values = {"office_name": "Ausländerbehörde Musterstadt"}
    values.update({f"retention_days_{name}": number for name, number in days.items()})
    path.write_text(json.dumps({"settings_version": 1, "values": values}), encoding="utf-8")
    return path


@pytest.fixture
def office(inbox, tmp_path):
    """Three closed cases (done, done, not responsible), one open; a caseworker, a team lead."""
    inbox.add_user("anna", "caseworker", "Anna Arslan")
    inbox.add_user("lead", "teamlead", "Frau Leitner")
    ids = fetch_files(
        inbox,
        tmp_path / "drop",
        {
            f"{i}.xml": set_family_name(valid_message(seed=900 + i), name)
            for i, name in enumerate(["Qzxone", "Qzxtwo", "Qzxthree", "Qzxopen"])
        },
    )
    cases = [ids[f"{i}.xml"] for i in range(4)]
    inbox.set_status(cases[0], "done")
    inbox.set_status(cases[1], "done")
    inbox.set_status(cases[2], "not_responsible")
    inbox.set_status(cases[3], "in_progress")
    return cases


def audit_rows(db, action: str = "retention_set") -> list[dict]:
    return list(db.query("SELECT * FROM audit WHERE action = ? ORDER BY id", [action]))


def office_state(db) -> tuple:
    return (
        list(db.query("SELECT * FROM office_settings ORDER BY name")),
        db.execute("SELECT count(*) FROM audit").fetchone()[0],
    )


def test_two_settings_files_with_different_periods_give_the_same_due_list(inbox, office, tmp_path):
    short = config.Settings.load(old_settings_file(tmp_path / "a.json", done=1, stray_input=1))
    long = config.Settings.load(old_settings_file(tmp_path / "b.json", done=3650))
    inbox.set_retention("not_responsible", 120)
    day = TODAY + timedelta(days=95)
    results = []
    for settings in (short, long, config.Settings()):
        with Inbox(inbox.db_path, settings=settings) as box:
            due = box.due_for_purge(day)
            results.append(
                (
                    due,
                    [box.case(case_id)["purge_due"] for case_id in office],
                    box.purge(dry_run=True, today=day).as_dict(),
                    box.retention_policy(),
                )
            )
    assert results[0] == results[1] == results[2]
    due, dates, _report, policy = results[0]
    assert [e["case_id"] for e in due] == sorted(office[:2])
    assert policy == {"exported": 90, "done": 90, "not_responsible": 120}
    assert dates[3] is None and dates[2] is not None


def test_purge_by_a_service_account_on_defaults_keeps_what_the_office_keeps(inbox, office):
    """A scheduled job whose settings were never touched deletes by the office's periods."""
    inbox.set_retention("done", 365)
    inbox.add_user("svc-purge", "admin", "Geplanter Löschlauf")
    with act_as_for_tests("svc-purge"), Inbox(inbox.db_path, settings=config.Settings()) as box:
        report = box.purge(today=TODAY + timedelta(days=100))
    assert report.purged == [office[2]]  # not responsible: 30 days
    assert not inbox.case(office[0])["purged"] and not inbox.case(office[1])["purged"]
    assert inbox.case(office[0])["purge_due"] == (TODAY + timedelta(days=365)).isoformat()


def test_a_period_lengthened_while_a_purge_runs_is_honoured_under_the_lock(inbox, office):
    day = TODAY + timedelta(days=95)
    listed = retention.due_for_purge(inbox.db, inbox.retention_policy(), day)
    assert office[0] in [e["case_id"] for e in listed]
    inbox.set_retention("done", 400)
    with pytest.raises(retention.PurgeRefused):
        retention.purge_case(
            inbox.db, office[0], "test", policy=office_settings.case_policy, today=day
        )
    assert not inbox.case(office[0])["purged"]


def test_a_caseworker_or_team_lead_cannot_change_a_period(inbox, office):
    before = office_state(inbox.db)
    for login in ("anna", "lead"):
        with act_as_for_tests(login):
            assert not inbox.may_set_retention()
            for call in (
                lambda: inbox.set_retention("done", 3650),
                lambda: inbox.set_retention_periods({"exported": 1, "done": 1}),
            ):
                with pytest.raises(AccessDenied) as refused:
                    call()
                assert "Administration" in refused.value.text_de
                assert "Administration" in refused.value.text_en
                assert login in refused.value.text_en
            assert [p["days"] for p in inbox.retention_settings()] == list(DEFAULTS.values())
    with act_as_for_tests("mallory"), pytest.raises(AccessDenied, match="not set up"):
        inbox.set_retention("done", 1)
    assert office_state(inbox.db) == before
    assert inbox.retention_policy() == {"exported": 90, "done": 90, "not_responsible": 30}


def test_an_administrators_change_is_audited_with_old_and_new_value(inbox):
    assert inbox.may_set_retention()
    assert {p["name"]: p["days"] for p in inbox.retention_settings()} == DEFAULTS
    inbox.set_retention("done", 120)
    inbox.set_retention("retention_days_done", "45")
    inbox.set_retention_periods({"exported": 180, "stray_input": 14})
    inbox.set_retention("done", 45)  # no change: nothing written, nothing audited
    details = [row["detail"] for row in audit_rows(inbox.db)]
    assert details == [
        "name=retention_days_done old=90 new=120",
        "name=retention_days_done old=120 new=45",
        "name=retention_days_exported old=90 new=180",
        "name=retention_days_stray_input old=30 new=14",
    ]
    assert {row["os_user"] for row in audit_rows(inbox.db)} == {inbox.user}
    periods = {p["name"]: p for p in inbox.retention_settings()}
    assert periods["retention_days_done"]["days"] == 45
    assert periods["retention_days_done"]["set_by"] == inbox.user
    assert periods["retention_days_not_responsible"]["set_at"] is None  # still the default
    assert office_settings.stray_days(inbox.db) == 14
    assert inbox.verify_audit().ok


@pytest.mark.parametrize(
    ("name", "days"),
    [
        ("done", 0),
        ("done", -5),
        ("done", 3651),
        ("done", "zehn"),
        ("done", "1.5"),
        ("done", 1.5),
        ("done", True),
        ("done", None),
        ("deleted", 30),
        ("retention_days_open", 30),
    ],
)
def test_periods_must_be_known_and_whole_days_within_bounds(inbox, name, days):
    before = office_state(inbox.db)
    with pytest.raises(RetentionError) as refused:
        inbox.set_retention(name, days)
    assert refused.value.text_de and refused.value.text_en
    assert office_state(inbox.db) == before


def test_a_batch_with_one_bad_value_changes_nothing(inbox):
    before = office_state(inbox.db)
    with pytest.raises(RetentionError):
        inbox.set_retention_periods({"exported": 200, "done": 0})
    assert office_state(inbox.db) == before


def test_an_old_settings_file_still_loads_and_drops_its_periods(tmp_path):
    path = old_settings_file(tmp_path / "settings.json", done=7, exported=0)
    settings = config.Settings.load(path)
    assert settings.office_name == "Ausländerbehörde Musterstadt"
    assert not any(name.startswith("retention_") for name in settings.values)
    with pytest.raises(AttributeError):
        _ = settings.retention_days_done
    with pytest.raises(KeyError):
        settings.set("retention_days_done", 7)
    settings.save(path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["settings_version"] == config.SETTINGS_VERSION == 2
    assert saved["values"] == {"office_name": "Ausländerbehörde Musterstadt"}
    assert not {s.name for s in config.SETTINGS} & set(config.RETENTION_BY_NAME)


def test_an_older_store_migrates_keeps_its_cases_and_uses_the_defaults(tmp_path, schemas_dir):
    path = tmp_path / "old.sqlite3"
    with Inbox(path, schemas_dir) as box:
        ensure_tester(box)
        ids = fetch_files(
            box,
            tmp_path / "drop",
            {"a.xml": valid_message(seed=931), "b.xml": valid_message(seed=932)},
        )
        box.set_status(ids["a.xml"], "done")
        cases_before = list(box.db.query("SELECT * FROM cases ORDER BY id"))
        messages_before = box.db.execute("SELECT count(*) FROM messages").fetchone()[0]
    conn = sqlite3.connect(path)  # the store as version 8 left it
    conn.execute("DROP TABLE office_settings")
    conn.execute("PRAGMA user_version = 8")
    conn.commit()
    conn.close()

    with Inbox(path, schemas_dir, settings=config.Settings()) as box:
        assert box.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert list(box.db.query("SELECT * FROM cases ORDER BY id")) == cases_before
        assert box.db.execute("SELECT count(*) FROM messages").fetchone()[0] == messages_before
        assert {p["name"]: p["days"] for p in box.retention_settings()} == DEFAULTS
        done_since = box.case(ids["a.xml"])["history"][-1]["at"][:10]
        expected = date.fromisoformat(done_since) + timedelta(days=90)
        assert box.case(ids["a.xml"])["purge_due"] == expected.isoformat()
        box.set_retention("done", 30)
        assert box.retention_policy()["done"] == 30


def test_the_command_line_reads_and_sets_the_periods_through_the_core(inbox, capsys):
    db = ["--db", str(inbox.db_path)]
    assert cli.main([*db, "retention", "set", "done", "120"]) == 0
    assert cli.main([*db, "settings", "set", "retention_days_exported", "100"]) == 0
    assert "retention_days_exported" not in config.Settings.load().values
    assert cli.main([*db, "retention", "set", "done", "0"]) == 2
    capsys.readouterr()
    assert cli.main([*db, "retention", "list", "--json"]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {p["name"]: p["days"] for p in listed} == {
        **DEFAULTS,
        "retention_days_done": 120,
        "retention_days_exported": 100,
    }
    assert [row["detail"] for row in audit_rows(inbox.db)] == [
        "name=retention_days_done old=90 new=120",
        "name=retention_days_exported old=90 new=100",
    ]
    inbox.add_user("anna", "caseworker")
    with act_as_for_tests("anna"):
        assert cli.main([*db, "retention", "set", "done", "1"]) == 1
    assert inbox.retention_policy()["done"] == 120


def _old_store_with_a_case_due(tmp_path, schemas_dir):
    """A store as version 8 left it, holding a case that is due for deletion in 100 days."""
    path = tmp_path / "upgraded.sqlite3"
    with Inbox(path, schemas_dir) as box:
        ensure_tester(box)
        box.add_user("anna", "caseworker")
        ids = fetch_files(box, tmp_path / "drop", {"a.xml": valid_message(seed=941)})
        box.set_status(ids["a.xml"], "done")
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE office_settings")
    conn.execute("PRAGMA user_version = 8")
    conn.commit()
    conn.close()
    return path, ids["a.xml"]


def test_after_an_upgrade_nothing_is_deleted_until_administration_confirms(tmp_path, schemas_dir):
    """The periods used to be each workstation's; one may have kept cases longer than the
    defaults. An upgraded store purges nothing until Administration confirms the periods."""
    path, case_id = _old_store_with_a_case_due(tmp_path, schemas_dir)
    later = date.today() + timedelta(days=100)
    with Inbox(path, schemas_dir, settings=config.Settings()) as box:
        assert not box.retention_confirmed()
        assert [d["case_id"] for d in box.purge(dry_run=True, today=later).due] == [case_id]
        with pytest.raises(RetentionError) as refused:
            box.purge(today=later)
        assert "bestätigt" in refused.value.text_de and "confirm" in refused.value.text_en
        assert box.case(case_id)["purged_at"] is None
        with act_as_for_tests("anna"), pytest.raises(AccessDenied):
            box.confirm_retention()
        box.confirm_retention()
        assert box.retention_confirmed()
        assert audit_rows(box.db, "retention_confirmed")
        assert box.purge(today=later).purged == [case_id]


def test_setting_a_period_confirms_them_and_a_new_store_needs_no_confirmation(
    tmp_path, schemas_dir, inbox
):
    path, _case_id = _old_store_with_a_case_due(tmp_path, schemas_dir)
    with Inbox(path, schemas_dir, settings=config.Settings()) as box:
        box.set_retention("done", 365)
        assert box.retention_confirmed()
    assert inbox.retention_confirmed()  # a fresh store: the defaults are the office's
