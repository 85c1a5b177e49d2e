"""`ab-inbox audit verify|export` as IT runs them, and a chain that holds under parallel writers."""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
import time

import pytest

from ab_inbox.store.audit_chain import verify_chain
from ab_inbox.store.connection import open_database
from tests.e2e.cli import cli_env, run_cli
from tests.messages import set_family_name, valid_message


@pytest.fixture
def env(tmp_path, schemas_dir):
    return cli_env(tmp_path, schemas_dir)


@pytest.fixture
def worked_store(env, tmp_path):
    """Two cases fetched by the CLI, one of them worked on; returns the database path."""
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "a.xml").write_bytes(set_family_name(valid_message(seed=81), "Grzybowska", "Ewa"))
    (drop / "b.xml").write_bytes(valid_message(seed=82))
    assert run_cli(env, "fetch", "--from", str(drop), "--settle", "0").returncode == 0
    assert run_cli(env, "status", "1", "--set", "in_progress").returncode == 0
    assert run_cli(env, "note", "1", "Frau Grzybowska ruft an").returncode == 0
    return tmp_path / "inbox.sqlite3"


def _entries(db_path) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    finally:
        conn.close()


def test_verify_reports_a_sound_chain_and_a_tampered_one(env, worked_store):
    result = run_cli(env, "audit", "verify")
    assert result.returncode == 0, result.stderr
    # the first user's setup, two receipts, the drop folder working, a status change, a note
    assert result.stdout.splitlines()[0] == "Audit-Kette in Ordnung: 6 Einträge"
    assert "Letzter Eintrag Nr. 6, Hash " in result.stdout

    conn = sqlite3.connect(worked_store, isolation_level=None)
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit SET os_user = 'someone-else' WHERE id = 3")
    conn.close()

    result = run_cli(env, "audit", "verify")
    assert result.returncode == 1
    assert result.stdout.startswith("Audit-Kette beschädigt: Eintrag Nr. 3 wurde nachträglich")
    result = run_cli(env, "--lang", "en", "audit", "verify", "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False and report["problems"][0]["entry_id"] == 3
    assert report["problems"][0]["kind"] == "changed"


def test_export_writes_the_csv_with_filters(env, worked_store, tmp_path):
    out = tmp_path / "audit.csv"

    result = run_cli(env, "audit", "export", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"6 Audit-Einträge nach {out} geschrieben."
    text = out.read_text(encoding="utf-8")
    assert "Grzybowska" not in text and "ruft an" not in text
    rows = list(csv.DictReader(text.splitlines()))
    assert [r["action"] for r in rows] == [
        "user_added",
        "message_received",
        "message_received",
        "fetch_working",
        "status_changed",
        "note_added",
    ]

    today = time.strftime("%Y-%m-%d")
    result = run_cli(
        env, "audit", "export", "--out", str(out), "--case", "1", "--since", today,
        "--until", today, "--action", "note_added",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert [(r["action"], r["case_id"], r["detail"]) for r in rows] == [
        ("note_added", "1", "note=1")
    ]
    assert run_cli(env, "audit", "verify").returncode == 0  # the exports were audited, chained
    assert _entries(worked_store) == 8

    assert run_cli(env, "audit", "export", "--out", str(out), "--since", "gestern").returncode == 2
    missing = tmp_path / "nowhere" / "audit.csv"
    assert run_cli(env, "audit", "export", "--out", str(missing)).returncode == 1


_WRITER = """
import sys, time
from pathlib import Path
from ab_inbox.inbox import Inbox
db_path, go, count = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
with Inbox(db_path=db_path) as inbox:
    while not go.exists():
        time.sleep(0.005)
    for i in range(count):
        if i % 2:
            inbox.mark_viewed(1)
        else:
            inbox.add_note(1, f"Notiz {i}")
"""


@pytest.mark.slow
def test_three_processes_appending_at_once_keep_one_chain(env, worked_store, tmp_path):
    per_process = 60
    before = _entries(worked_store)
    go = tmp_path / "go"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(worked_store), str(go), str(per_process)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    time.sleep(0.3)
    go.touch()
    for writer in writers:
        _, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err

    db = open_database(worked_store)
    try:
        report = verify_chain(db)
        forks = db.execute(
            "SELECT count(*) FROM (SELECT prev_hash FROM audit GROUP BY prev_hash"
            " HAVING count(*) > 1)"
        ).fetchone()[0]
    finally:
        db.conn.close()
    assert report.ok, report.text_en
    assert report.entries == before + 3 * per_process
    assert forks == 0
