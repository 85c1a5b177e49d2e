"""Robustness of the export: SIGKILL at random moments never leaves a partial file under a
final name in the Fachverfahren's folder, and running the export again completes it with
exactly one record."""

from __future__ import annotations

import hashlib
import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ab_inbox.demo import generate_demo
from ab_inbox.export import registry
from ab_inbox.export.bundle import ExportStamp, load_bundle
from ab_inbox.inbox import Inbox
from tests.e2e.cli import cli_env

pytestmark = pytest.mark.slow

CHILD = """
import sys
from pathlib import Path
from ab_inbox.export.case_export import export_case
from ab_inbox.store.connection import open_database
db = open_database(sys.argv[1])
print("ready", flush=True)
receipt = export_case(
    db, int(sys.argv[2]), exporter=sys.argv[3], target_dir=Path(sys.argv[4]), actor="kill-test"
)
print("done", receipt.export_id, receipt.already_exported, flush=True)
"""
EXPORTERS = ("xauslaender-folder", "structured")
ROUNDS = 15


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _prepare(tmp_path: Path, schemas_dir: Path) -> tuple[Path, list[tuple[int, str]]]:
    """Big cases (2 MB per message; follow-ups join their case), ready, half per exporter."""
    generate_demo(tmp_path / "drop", 8, seed=29, attachment_bytes=2_000_000)
    db_path = tmp_path / "inbox.sqlite3"
    with Inbox(db_path, schemas_dir) as inbox:
        inbox.add_user(inbox.user, "admin")
        inbox.fetch(tmp_path / "drop", settle_s=0)
        case_ids = sorted(inbox.case_ids())
        for case_id in case_ids:
            inbox.set_status(case_id, "in_progress")
            inbox.set_status(case_id, "ready")
    assert len(case_ids) >= 6
    return db_path, [(cid, EXPORTERS[i % 2]) for i, cid in enumerate(case_ids)]


def _expected(db_path: Path, combos, reference: Path) -> tuple[dict[str, str], set[str]]:
    """Hashes of the fixed-content files and the names of the JSON files, from a dry run."""
    with Inbox(db_path) as inbox:
        stamp = ExportStamp(exported_at="2026-11-28T00:00:00.000Z", exported_by="reference")
        written = [
            f
            for case_id, name in combos
            for f in registry.get(name).write(load_bundle(inbox.db, case_id), reference, stamp)
        ]
    fixed = {f.name: f.sha256 for f in written if not f.name.endswith(".json")}
    return fixed, {f.name for f in written if f.name.endswith(".json")}


def _exports(db_path: Path) -> dict[tuple[int, str], list[dict]]:
    conn = sqlite3.connect(db_path)
    try:
        rows = conn.execute("SELECT case_id, exporter, receipt FROM exports").fetchall()
        statuses = dict(conn.execute("SELECT id, status FROM cases").fetchall())
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    found: dict[tuple[int, str], list[dict]] = {}
    for case_id, exporter, receipt in rows:
        found.setdefault((case_id, exporter), []).append(json.loads(receipt))
        assert statuses[case_id] == "exported"
    return found


def _check_folder(target: Path, fixed: dict[str, str], json_names: set[str]) -> None:
    """Every file under a final name is complete; only dot-prefixed .part files may not be."""
    for path in target.rglob("*"):
        if path.is_dir():
            continue
        name = path.relative_to(target).as_posix()
        if path.name.startswith("."):
            assert path.name.endswith(".part"), name
            continue
        data = path.read_bytes()
        if name in fixed:
            assert _sha(data) == fixed[name], f"{name} is partial or wrong"
            continue
        assert name in json_names, f"unexpected file {name}"
        document = json.loads(data)  # a cut-off JSON file does not parse
        folder = path.parent
        if "message" in document:  # a manifest: its message is complete beside it
            xml = folder / document["message"]["file"]
            assert _sha(xml.read_bytes()) == document["message"]["sha256"]
        for message in document.get("messages", ()):  # case.json: all its attachments are there
            for attachment in message["attachments"]:
                if attachment["file"]:
                    data = (folder / attachment["file"]).read_bytes()
                    assert _sha(data) == attachment["sha256"]


def _tree(target: Path) -> dict[str, int]:
    state = {}
    for path in target.rglob("*"):
        try:
            state[path.as_posix()] = path.stat().st_size
        except FileNotFoundError:  # renamed meanwhile
            continue
    return state


def _wait_for_change(target: Path, proc: subprocess.Popen) -> None:
    """Return as soon as the child changes anything in the folder (or has ended)."""
    before = _tree(target)
    deadline = time.monotonic() + 5
    while proc.poll() is None and time.monotonic() < deadline and _tree(target) == before:
        time.sleep(0.0002)


def _start(env, db_path: Path, case_id: int, exporter: str, target: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path), str(case_id), exporter, str(target)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )


def test_sigkill_during_export_leaves_no_partial_file_and_one_record(tmp_path, schemas_dir):
    db_path, combos = _prepare(tmp_path, schemas_dir)
    (tmp_path / "reference").mkdir()
    fixed, json_names = _expected(db_path, combos, tmp_path / "reference")
    target = tmp_path / "fachverfahren"
    target.mkdir()
    env = cli_env(tmp_path, schemas_dir)
    rng = random.Random(20261128)
    kills = 0
    for round_no in range(ROUNDS):
        recorded = _exports(db_path)
        open_combos = [c for c in combos if c not in recorded]
        if not open_combos:
            break
        case_id, exporter = rng.choice(open_combos)
        proc = _start(env, db_path, case_id, exporter, target)
        assert proc.stdout.readline().strip() == "ready"
        if round_no % 3 == 2:
            # The export takes some 10-40 ms: the kill lands while files are written, between
            # files, between the files and COMMIT, or just after.
            time.sleep(rng.uniform(0, 0.04))
        else:  # aim at the few milliseconds in which bytes reach the folder
            _wait_for_change(target, proc)
            time.sleep(rng.uniform(0, 0.003))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        _, err = proc.communicate(timeout=60)
        assert proc.returncode in (0, -signal.SIGKILL), err
        _check_folder(target, fixed, json_names)
        assert all(len(rows) == 1 for rows in _exports(db_path).values())

    for case_id, exporter in combos:  # run each export again, to its end
        proc = _start(env, db_path, case_id, exporter, target)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err

    _check_folder(target, fixed, json_names)
    recorded = _exports(db_path)
    assert sorted(recorded) == sorted(combos)
    for rows in recorded.values():
        (receipt,) = rows
        for written in receipt["files"]:
            data = (target / written["name"]).read_bytes()
            assert _sha(data) == written["sha256"] and len(data) == written["size"]
    assert set(fixed) <= {p.relative_to(target).as_posix() for p in target.rglob("*")}
    assert kills >= 8  # the rounds really were interrupted mid-work
