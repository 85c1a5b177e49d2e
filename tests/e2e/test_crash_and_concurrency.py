"""Robustness of fetch: SIGKILL at random moments loses and doubles nothing; two fetch
processes on one folder and one store never ingest a message twice."""

from __future__ import annotations

import hashlib
import random
import signal
import sqlite3
import time

import pytest

from ab_inbox.demo import generate_demo
from tests.e2e.cli import cli_env, run_cli, start_cli

pytestmark = pytest.mark.slow


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _stored(db_path) -> dict[str, int]:
    conn = sqlite3.connect(db_path)
    try:
        rows = conn.execute("SELECT sha256, count(*) FROM messages GROUP BY sha256").fetchall()
    finally:
        conn.close()
    return dict(rows)


def _check_invariants(drop, inputs: dict[str, str], db_path) -> tuple[int, int]:
    """Every input is waiting in drop/ or in processed/ with exactly one record."""
    stored = _stored(db_path) if db_path.exists() else {}
    processed = drop / "processed"
    waiting = done = 0
    for name, sha in inputs.items():
        in_drop = (drop / name).exists()
        in_processed = (processed / name).exists()
        assert in_drop or in_processed, f"{name} disappeared"
        if in_processed:
            assert _sha(processed / name) == sha
            assert stored.get(sha) == 1, f"{name} processed but stored {stored.get(sha)} times"
            done += 1
        else:
            assert stored.get(sha, 0) <= 1
            waiting += 1
    assert all(count == 1 for count in stored.values())
    return waiting, done


def test_sigkill_during_fetch_loses_and_doubles_nothing(tmp_path, schemas_dir):
    pool = sorted(generate_demo(tmp_path / "pool", 20 * 12, seed=17))
    drop = tmp_path / "drop"
    drop.mkdir()
    inputs: dict[str, str] = {}
    env = cli_env(tmp_path, schemas_dir)
    db_path = tmp_path / "inbox.sqlite3"
    rng = random.Random(20261128)
    kills = 0
    for round_no in range(20):
        for path in pool[round_no * 12 : (round_no + 1) * 12]:  # the intermediary delivers more
            inputs[path.name] = _sha(path)
            path.rename(drop / path.name)
        proc = start_cli(env, "fetch", "--from", str(drop), "--settle", "0")
        # Kill after a random number of handled files plus a random few milliseconds, so the
        # kill lands anywhere: start-up, parsing, inside a transaction, between COMMIT and move.
        for _ in range(rng.randint(0, 10)):
            if not proc.stdout.readline():
                break
        time.sleep(rng.uniform(0, 0.03))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.communicate(timeout=60)
        _check_invariants(drop, inputs, db_path)
        if db_path.exists():
            conn = sqlite3.connect(db_path)
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            conn.close()

    final = run_cli(env, "fetch", "--from", str(drop), "--settle", "0")
    assert final.returncode == 0, final.stderr
    waiting, done = _check_invariants(drop, inputs, db_path)
    assert (waiting, done) == (0, len(inputs))
    assert kills >= 15  # the rounds really were interrupted mid-work


def test_two_concurrent_fetches_never_ingest_a_message_twice(tmp_path, schemas_dir):
    drop = tmp_path / "drop"
    paths = generate_demo(drop, 80, seed=23)
    inputs = {p.name: _sha(p) for p in paths}
    env = cli_env(tmp_path, schemas_dir)
    run_cli(env, "list")  # create the store first so both start on the same schema

    procs = [start_cli(env, "fetch", "--from", str(drop), "--settle", "0") for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in procs]

    assert [p.returncode for p in procs] == [0, 0], [o[1] for o in outputs]
    accepted = [
        line.split("\t")[1]
        for out, _ in outputs
        for line in out.splitlines()
        if line.startswith(("accepted\t", "invalid\t"))
    ]
    assert sorted(accepted) == sorted(inputs)  # each file accepted exactly once overall
    waiting, done = _check_invariants(drop, inputs, tmp_path / "inbox.sqlite3")
    assert (waiting, done) == (0, len(inputs))
