"""`ab-inbox purge`: lists what is due, deletes it only without --dry-run, exits 0."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from ab_inbox.demo import generate_demo
from tests.e2e.cli import cli_env, run_cli

LONG_AGO = (date.today() - timedelta(days=200)).isoformat() + "T08:00:00.000Z"


def checksum(db_path: Path) -> str:
    conn = sqlite3.connect(db_path)
    try:
        digest = hashlib.sha256()
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for name in sorted(names):
            rows = sorted(repr(row) for row in conn.execute(f'SELECT * FROM "{name}"'))
            digest.update(f"{name}:{len(rows)}:{''.join(rows)}".encode())
        return digest.hexdigest()
    finally:
        conn.close()


def sql(db_path: Path, statement: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        with conn:
            return conn.execute(statement, params).fetchall()
    finally:
        conn.close()


@pytest.fixture
def env(tmp_path, schemas_dir):
    return cli_env(tmp_path, schemas_dir)


@pytest.fixture
def closed(env, tmp_path):
    """Demo messages fetched; two cases closed 200 days ago, one closed today, the rest open."""
    demo = tmp_path / "demo"
    generate_demo(demo, 10, seed=4)
    result = run_cli(env, "fetch", "--from", str(demo), "--settle", "0")
    assert result.returncode == 0, result.stdout + result.stderr
    rows = [json.loads(line) for line in run_cli(env, "cases", "--json").stdout.splitlines()]
    named = [r for r in rows if r["applicant_name"]]
    old_done, old_elsewhere, recent = named[0], named[1], named[2]
    for row, target in ((old_done, "done"), (old_elsewhere, "not_responsible"), (recent, "done")):
        result = run_cli(env, "status", str(row["id"]), "--set", target, "--note", "erledigt")
        assert result.returncode == 0, result.stderr
    db = Path(env["AB_INBOX_DB"])
    for row in (old_done, old_elsewhere):
        sql(db, "UPDATE status_history SET at = ? WHERE case_id = ?", (LONG_AGO, row["id"]))
        sql(db, "UPDATE messages SET received_at = ? WHERE case_id = ?", (LONG_AGO, row["id"]))
    return {"due": sorted([old_done["id"], old_elsewhere["id"]]), "recent": recent, "db": db}


def test_dry_run_prints_what_is_due_and_changes_nothing(env, closed):
    before = checksum(closed["db"])
    result = run_cli(env, "purge", "--dry-run")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "2 Fälle zur Löschung fällig (Probelauf, nichts gelöscht)"
    fields = [line.split("\t") for line in lines[:-1]]
    assert sorted(int(f[0]) for f in fields) == closed["due"]
    days = {"Erledigt": 90, "Unzuständig": 30}
    assert {f[1] for f in fields} == set(days)
    for _case_id, status, since, due, result_text in fields:
        assert since == LONG_AGO[:10] and result_text == "fällig"
        assert date.fromisoformat(due) == date.fromisoformat(since) + timedelta(days=days[status])
    assert checksum(closed["db"]) == before

    result = run_cli(env, "--lang", "en", "purge", "--dry-run", "--json")
    report = json.loads(result.stdout)
    assert report["dry_run"] is True and report["purged"] == []
    assert sorted(e["case_id"] for e in report["due"]) == closed["due"]
    assert {e["status"] for e in report["due"]} == {"done", "not_responsible"}

    later = (date.today() + timedelta(days=91)).isoformat()
    result = run_cli(env, "purge", "--dry-run", "--until", later, "--json")
    assert closed["recent"]["id"] in [e["case_id"] for e in json.loads(result.stdout)["due"]]
    assert checksum(closed["db"]) == before

    assert run_cli(env, "purge", "--until", later).returncode == 2
    assert checksum(closed["db"]) == before


def test_purge_deletes_due_cases_and_keeps_an_audit_record(env, closed):
    names = {
        case_id: sql(closed["db"], "SELECT applicant_name FROM cases WHERE id = ?", (case_id,))[0][
            0
        ]
        for case_id in closed["due"]
    }
    result = run_cli(env, "purge")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "2 Fälle fällig, 2 gelöscht, 0 übersprungen"
    assert sorted(int(line.split("\t")[0]) for line in lines[:-1]) == closed["due"]
    assert all(line.endswith("\tgelöscht") for line in lines[:-1])

    for case_id, name in names.items():
        found = run_cli(env, "cases", "--search", name.split(",")[0])
        assert str(case_id) not in [line.split("\t")[0] for line in found.stdout.splitlines()]
        (message_id,) = sql(closed["db"], "SELECT id FROM messages WHERE case_id = ?", (case_id,))[
            0
        ]
        shown = run_cli(env, "--lang", "en", "show", str(message_id))
        assert shown.returncode == 0, shown.stderr
        assert "Applicant: -" in shown.stdout
    audit = sql(closed["db"], "SELECT case_id, detail FROM audit WHERE action = 'purged'")
    assert sorted(a[0] for a in audit) == closed["due"]
    assert not any(name.split(",")[0] in detail for _, detail in audit for name in names.values())
    still = sql(
        closed["db"], "SELECT applicant_name FROM cases WHERE id = ?", (closed["recent"]["id"],)
    )
    assert still[0][0] == closed["recent"]["applicant_name"]

    again = run_cli(env, "--lang", "en", "purge")
    assert again.returncode == 0
    assert again.stdout.splitlines() == ["0 cases due, 0 purged, 0 skipped"]
