"""Four processes work one store at once, as on a terminal server: a team lead assigns, two
caseworkers change statuses, one process fetches new messages. Afterwards no update may be
lost (every successful write was based on a distinct version, and the final state is the
last write's), no "database is locked" may have reached anyone, and the audit chain holds."""

from __future__ import annotations

import multiprocessing
import random
import shutil
import sqlite3
from collections import defaultdict
from pathlib import Path

from ab_inbox.casework.status import TRANSITIONS
from ab_inbox.identity import act_as_for_tests
from ab_inbox.inbox import Inbox
from tests.conftest import ensure_tester
from tests.messages import set_family_name, valid_message

OPS_PER_WORKER = 300
FETCHED = 150
# Statuses the caseworkers move between; none is final, so the busy cases stay busy.
WORK_STATUSES = ("in_progress", "query", "ready", "parked")


def _hot(box) -> list[int]:
    """A few cases everyone works on at once, so writes really collide."""
    return box.case_ids("open", sort="id", descending=False)[:4]


def _status_worker(db_path, schemas_dir, login, seed, start, results):
    """Status changes on cases this caseworker may work, each based on the version just read."""
    rng = random.Random(seed)
    records, errors = [], []
    with act_as_for_tests(login), Inbox(db_path, schemas_dir) as box:
        start.wait()
        for _ in range(OPS_PER_WORKER):
            try:
                case_id = rng.choice(_hot(box))
                row = box.case(case_id)  # the caseworker reads the case, then decides
                allowed = [t for t in TRANSITIONS[row["status"]] if t in WORK_STATUSES]
                target = rng.choice(allowed) if allowed else "in_progress"
                follow_up = None
                if target == "parked":
                    from datetime import date, timedelta

                    follow_up = date.today() + timedelta(days=7)
                box.set_status(
                    case_id, target, expected_version=row["version"], follow_up=follow_up
                )
                records.append(("status", case_id, row["version"], target, "ok"))
            except Exception as exc:  # noqa: BLE001 - classified below
                records.append(("status", None, None, None, type(exc).__name__))
                if isinstance(exc, sqlite3.Error):
                    errors.append(repr(exc))
    results.put((login, records, errors))


def _assign_worker(db_path, schemas_dir, login, seed, start, results):
    rng = random.Random(seed)
    records, errors = [], []
    with act_as_for_tests(login), Inbox(db_path, schemas_dir) as box:
        start.wait()
        for _ in range(OPS_PER_WORKER):
            try:
                case_id = rng.choice(_hot(box))
                row = box.case(case_id)
                to = "anna" if row["assignee"] != "anna" else "ben"
                box.assign([case_id], to, expected_versions={case_id: row["version"]})
                records.append(("assign", case_id, row["version"], to, "ok"))
            except Exception as exc:  # noqa: BLE001 - classified below
                records.append(("assign", None, None, None, type(exc).__name__))
                if isinstance(exc, sqlite3.Error):
                    errors.append(repr(exc))
    results.put((login, records, errors))


def _fetch_worker(db_path, schemas_dir, login, staging, start, results):
    records, errors = [], []
    drop = Path(staging).parent / "drop"
    with act_as_for_tests(login), Inbox(db_path, schemas_dir) as box:
        start.wait()
        files = sorted(Path(staging).iterdir())
        for i in range(0, len(files), 10):
            for f in files[i : i + 10]:
                shutil.move(f, drop / f.name)
            try:
                report = box.fetch(drop, settle_s=0)
                records += [("fetch", o.case_id, None, None, o.kind) for o in report.outcomes]
            except Exception as exc:  # noqa: BLE001
                records.append(("fetch", None, None, None, type(exc).__name__))
                errors.append(repr(exc))
    results.put((login, records, errors))


def test_four_processes_lose_no_update_and_keep_the_chain(tmp_path, schemas_dir):
    db_path = tmp_path / "team.sqlite3"
    drop, staging = tmp_path / "drop", tmp_path / "staging"
    drop.mkdir()
    staging.mkdir()
    for i in range(40):
        (drop / f"a{i:03d}.xml").write_bytes(
            set_family_name(valid_message(seed=2000 + i), f"Kowalczyk{i}")
        )
    for i in range(FETCHED):
        (staging / f"b{i:03d}.xml").write_bytes(valid_message(seed=3000 + i))
    with Inbox(db_path, schemas_dir) as box:
        ensure_tester(box)
        # anna and ben may work any case (team leads), so their writes meet on the same cases
        for login, role in (("lead", "teamlead"), ("anna", "teamlead"), ("ben", "teamlead"),
                            ("intake", "caseworker")):  # fmt: skip
            box.add_user(login, role)
        with act_as_for_tests("intake"):
            assert box.fetch(drop, settle_s=0).ok

    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Event(), ctx.Queue()
    args = (db_path, schemas_dir)
    workers = [
        ctx.Process(target=_assign_worker, args=(*args, "lead", 1, start, results)),
        ctx.Process(target=_status_worker, args=(*args, "anna", 2, start, results)),
        ctx.Process(target=_status_worker, args=(*args, "ben", 3, start, results)),
        ctx.Process(target=_fetch_worker, args=(*args, "intake", str(staging), start, results)),
    ]
    for w in workers:
        w.start()
    start.set()
    outputs = [results.get(timeout=600) for _ in workers]
    for w in workers:
        w.join(timeout=60)
        assert w.exitcode == 0

    records = [r for _, recs, _ in outputs for r in recs]
    assert [e for _, _, errs in outputs for e in errs] == []  # no "database is locked"
    assert len(records) >= 1000
    kinds = defaultdict(int)
    for kind, *_rest, result in records:
        kinds[(kind, result)] += 1
    assert kinds[("fetch", "accepted")] == FETCHED
    assert kinds[("status", "ok")] > 50 and kinds[("assign", "ok")] > 50
    assert kinds[("status", "ConflictError")] + kinds[("assign", "ConflictError")] > 5
    assert set(r[-1] for r in records) <= {"ok", "accepted", "ConflictError", "AccessDenied",
                                          "TransitionError"}  # fmt: skip

    writes = defaultdict(list)  # case -> successful writes (base version, kind, target)
    for kind, case_id, base, target, result in records:
        if result == "ok":
            writes[case_id].append((base, kind, target))
    with Inbox(db_path, schemas_dir) as box:
        rows = box.case_rows(list(writes))
        for case_id, done in writes.items():
            bases = [base for base, _, _ in done]
            assert len(bases) == len(set(bases)), f"two writes on one version of case {case_id}"
            row = rows[case_id]
            assert row["version"] == 1 + len(done)
            last_status = max((d for d in done if d[1] == "status"), default=None)
            last_assign = max((d for d in done if d[1] == "assign"), default=None)
            if last_status:
                assert row["status"] == last_status[2]
            if last_assign:
                assert row["assignee"] == last_assign[2]
        report = box.verify_audit()
        assert report.ok, report.text_en
        audited = dict(
            box.db.execute(
                "SELECT action, count(*) FROM audit WHERE action IN"
                " ('status_changed', 'assigned') GROUP BY action"
            ).fetchall()
        )
    assert audited["status_changed"] == kinds[("status", "ok")]
    assert audited["assigned"] == kinds[("assign", "ok")]
