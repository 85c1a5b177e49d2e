"""The audit log's hash chain: built by every write, checked by verify, exported as CSV.

Tampering is simulated the way someone with the file would do it: a plain sqlite3 connection
that drops the append-only triggers and edits the table directly.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest

from ab_inbox.store.audit import append_audit
from ab_inbox.store.audit_chain import (
    CHANGED,
    GENESIS,
    HASH_MISSING,
    INSERTED,
    REMOVED,
    entry_hash,
    verify_chain,
)
from ab_inbox.store.connection import open_database
from ab_inbox.store.migrations import migrate
from tests.messages import fetch_files, set_family_name, set_text, valid_message

FIELDS = "at, os_user, workstation, action, case_id, message_id, detail, result"
NAMES = ("Wojciechowska", "Zofia", "Abdelrahman", "Yusuf")


@pytest.fixture
def worked(inbox, tmp_path):
    """A store after a morning's work: messages fetched, cases taken, statuses, notes, views."""
    ids = fetch_files(
        inbox,
        tmp_path / "drop",
        {
            "a.xml": set_family_name(valid_message(seed=71), NAMES[0], NAMES[1]),
            "b.xml": set_family_name(valid_message(seed=72), NAMES[2], NAMES[3]),
            "c.xml": set_text(valid_message(seed=73), "antragsdatum", "kaputt"),
        },
    )
    first, second, broken = ids["a.xml"], ids["b.xml"], ids["c.xml"]
    inbox.take_case(first)
    inbox.add_note(first, f"{NAMES[0]} ruft zurück")
    inbox.set_status(first, "query", note="Pass fehlt")
    inbox.mark_viewed(second)
    inbox.set_status(second, "in_progress")
    inbox.set_follow_up(second, date.today() + timedelta(days=3))
    inbox.add_note(broken, "Datum prüfen")
    inbox.set_status(second, "done")
    return ids


def _rows(db) -> list[dict]:
    return list(db.query(f"SELECT id, {FIELDS}, prev_hash, hash FROM audit ORDER BY id"))


def _raw(inbox) -> sqlite3.Connection:
    """A connection that ignores AB-Inbox: triggers dropped, autocommit."""
    conn = sqlite3.connect(inbox.db_path, isolation_level=None)
    conn.execute("DROP TRIGGER IF EXISTS audit_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_no_delete")
    return conn


def _count(inbox) -> int:
    return inbox.db.execute("SELECT count(*) FROM audit").fetchone()[0]


def test_every_write_extends_the_chain_in_the_documented_format(inbox, worked):
    rows = _rows(inbox.db)
    actions = {r["action"] for r in rows}
    assert {"message_received", "assigned", "status_changed", "note_added", "viewed"} <= actions
    assert {"follow_up_set"} <= actions
    prev = "0" * 64
    for row in rows:
        fields = [row[k] for k in FIELDS.split(", ")]
        canonical = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
        assert row["prev_hash"] == prev
        assert row["hash"] == hashlib.sha256((prev + canonical).encode("utf-8")).hexdigest()
        prev = row["hash"]

    report = inbox.verify_audit()
    assert report.ok and report.problems == () and report.first_broken_id is None
    assert report.entries == len(rows) and report.unchained == 0
    assert (report.head_id, report.head_hash) == (rows[-1]["id"], rows[-1]["hash"])
    assert report.text_de == f"Audit-Kette in Ordnung: {len(rows)} Einträge"
    assert report.text_en == f"Audit chain intact: {len(rows)} entries"


def test_an_empty_log_is_a_sound_chain(tmp_path):
    db = open_database(tmp_path / "empty.sqlite3")
    migrate(db)
    report = verify_chain(db)
    assert report.ok and report.entries == 0 and report.head_hash == GENESIS
    assert report.head_id is None


def test_hashing_does_not_depend_on_how_values_were_passed(inbox):
    append_audit(inbox.db, "viewed", case_id=True, message_id="7", detail=12, result="ok")
    append_audit(inbox.db, "viewed", detail="")
    [first, second] = _rows(inbox.db)[-2:]
    assert (first["case_id"], first["message_id"], first["detail"]) == (1, 7, "12")
    assert second["detail"] is None
    assert verify_chain(inbox.db).ok


def test_an_append_outside_a_transaction_takes_the_write_lock_itself(inbox):
    append_audit(inbox.db, "first")
    append_audit(inbox.db, "second")
    assert not inbox.db.conn.in_transaction
    assert verify_chain(inbox.db).ok


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("detail", "new->done"),
        ("os_user", "mallory"),
        ("case_id", 999),
        ("at", "2020-01-01T00:00:00.000Z"),
        ("action", "nothing_happened"),
        ("result", "failed"),
        ("workstation", "elsewhere"),
    ],
)
def test_a_changed_entry_is_named(inbox, worked, column, value):
    target = _rows(inbox.db)[5]["id"]
    _raw(inbox).execute(f"UPDATE audit SET {column} = ? WHERE id = ?", (value, target))

    report = inbox.verify_audit()

    assert not report.ok and report.problem_count == 1
    problem = report.first_problem
    assert (problem.entry_id, problem.kind) == (target, CHANGED)
    assert f"Eintrag Nr. {target} wurde nachträglich verändert" in problem.text_de
    assert f"Entry {target} was changed afterwards" in problem.text_en
    assert report.text_de.startswith("Audit-Kette beschädigt: Eintrag Nr.")


def test_a_removed_entry_is_named_by_the_one_after_the_gap(inbox, worked):
    ids = [r["id"] for r in _rows(inbox.db)]
    _raw(inbox).execute("DELETE FROM audit WHERE id = ?", (ids[4],))

    report = inbox.verify_audit()

    assert report.problem_count == 1 and report.entries == len(ids) - 1
    assert (report.first_broken_id, report.first_problem.kind) == (ids[5], REMOVED)
    assert f"Vor Eintrag Nr. {ids[5]} fehlt" in report.first_problem.text_de
    assert f"(Nr. {ids[4]})" in report.first_problem.text_de
    assert "entry was removed" in report.first_problem.text_en


def test_removing_the_first_entries_breaks_the_chain_too(inbox, worked):
    ids = [r["id"] for r in _rows(inbox.db)]
    _raw(inbox).execute("DELETE FROM audit WHERE id <= ?", (ids[1],))

    report = inbox.verify_audit()

    assert (report.first_broken_id, report.first_problem.kind) == (ids[2], REMOVED)
    assert f"(Nr. {ids[0]}–{ids[1]})" in report.first_problem.text_de


def _forge(conn, *, entry_id=None, prev_hash, hash_, action="viewed", at=None):
    conn.execute(
        f"INSERT INTO audit (id, {FIELDS}, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            entry_id,
            at or "2026-01-01T08:00:00.000Z",
            "mallory",
            "pc-7",
            action,
            1,
            None,
            None,
            "ok",
            prev_hash,
            hash_,
        ),
    )


def test_an_appended_forgery_with_a_made_up_hash_is_named(inbox, worked):
    raw = _raw(inbox)
    _forge(raw, prev_hash="ab" * 32, hash_="cd" * 32)
    forged = raw.execute("SELECT max(id) FROM audit").fetchone()[0]

    report = inbox.verify_audit()

    assert (report.first_broken_id, report.first_problem.kind) == (forged, INSERTED)
    assert f"Eintrag Nr. {forged} gehört nicht zur Kette" in report.first_problem.text_de


def test_an_appended_forgery_linked_to_the_head_is_named(inbox, worked):
    raw = _raw(inbox)
    head = inbox.verify_audit().head_hash
    _forge(raw, prev_hash=head, hash_="cd" * 32)
    forged = raw.execute("SELECT max(id) FROM audit").fetchone()[0]

    report = inbox.verify_audit()

    assert report.first_broken_id == forged and report.problem_count == 1
    assert "verändert oder gefälscht angehängt" in report.first_problem.text_de


def _make_room_after(raw, entry_id: int) -> int:
    """Renumber the entries after entry_id upwards, as someone slipping an entry in would."""
    raw.execute("UPDATE audit SET id = id + 1000 WHERE id > ?", (entry_id,))
    return entry_id + 1


@pytest.mark.parametrize("computed", [False, True], ids=["made-up-hash", "recomputed-hash"])
def test_an_entry_slipped_into_the_middle_is_named(inbox, worked, computed):
    rows = _rows(inbox.db)
    before = rows[3]
    raw = _raw(inbox)
    slot = _make_room_after(raw, before["id"])
    fields = ("2026-01-01T08:00:00.000Z", "mallory", "pc-7", "viewed", 1, None, None, "ok")
    hash_ = entry_hash(before["hash"], fields) if computed else "cd" * 32
    _forge(raw, entry_id=slot, prev_hash=before["hash"], hash_=hash_)

    report = inbox.verify_audit()

    assert report.problem_count == 1 and report.entries == len(rows) + 1
    assert (report.first_broken_id, report.first_problem.kind) == (slot, INSERTED)


def test_a_copied_entry_is_named(inbox, worked):
    rows = _rows(inbox.db)
    raw = _raw(inbox)
    original = rows[2]
    slot = _make_room_after(raw, original["id"])
    raw.execute(
        f"INSERT INTO audit (id, {FIELDS}, prev_hash, hash)"
        f" SELECT ?, {FIELDS}, prev_hash, hash FROM audit WHERE id = ?",
        (slot, original["id"]),
    )

    report = inbox.verify_audit()

    assert (report.first_broken_id, report.first_problem.kind) == (slot, INSERTED)


def test_an_entry_without_a_hash_is_named_and_later_entries_still_link(inbox, worked):
    raw = _raw(inbox)
    _forge(raw, prev_hash=None, hash_=None)
    forged = raw.execute("SELECT max(id) FROM audit").fetchone()[0]
    inbox.add_note(worked["a.xml"], "danach")
    inbox.mark_viewed(worked["a.xml"])

    report = inbox.verify_audit()

    assert report.problem_count == 1
    assert (report.first_broken_id, report.first_problem.kind) == (forged, HASH_MISSING)
    assert "keinen Hash" in report.first_problem.text_de


def test_a_hash_recomputed_for_a_changed_entry_still_breaks_the_link(inbox, worked):
    rows = _rows(inbox.db)
    victim = rows[4]
    fields = [victim[k] for k in FIELDS.split(", ")]
    fields[6] = "new->done"
    raw = _raw(inbox)
    raw.execute(
        "UPDATE audit SET detail = ?, hash = ? WHERE id = ?",
        (fields[6], entry_hash(victim["prev_hash"], fields), victim["id"]),
    )

    report = inbox.verify_audit()

    assert report.first_broken_id == rows[5]["id"]


def test_every_break_is_counted_and_the_first_one_named(inbox, worked):
    ids = [r["id"] for r in _rows(inbox.db)]
    raw = _raw(inbox)
    raw.execute("UPDATE audit SET detail = 'x' WHERE id = ?", (ids[7],))
    raw.execute("DELETE FROM audit WHERE id = ?", (ids[2],))

    report = inbox.verify_audit()

    assert report.problem_count == 2
    assert [(p.entry_id, p.kind) for p in report.problems] == [
        (ids[3], REMOVED),
        (ids[7], CHANGED),
    ]
    assert report.text_de.endswith("(1 weitere Auffälligkeiten)")


def test_entries_from_before_the_chain_are_sealed_by_the_first_chained_one(inbox, worked):
    raw = _raw(inbox)
    # A store from before the chain: the same kind of rows, written without hashes.
    raw.execute("DELETE FROM audit")
    for n in range(3):
        raw.execute(
            f"INSERT INTO audit ({FIELDS}) VALUES (?, 'olduser', 'oldpc', 'viewed', ?, NULL,"
            " NULL, 'ok')",
            (f"2025-0{n + 1}-01T08:00:00.000Z", n + 1),
        )
    assert inbox.verify_audit().ok and inbox.verify_audit().unchained == 3

    inbox.add_note(worked["a.xml"], "nach dem Update")
    inbox.mark_viewed(worked["b.xml"])

    report = inbox.verify_audit()
    assert report.ok and (report.entries, report.unchained) == (5, 3)
    assert "davon 3 aus der Zeit vor der Hash-Kette" in report.text_de
    rows = _rows(inbox.db)
    legacy_head = GENESIS
    for row in rows[:3]:
        legacy_head = entry_hash(legacy_head, [row[k] for k in FIELDS.split(", ")])
    assert rows[3]["prev_hash"] == legacy_head

    raw.execute("UPDATE audit SET case_id = 42 WHERE id = ?", (rows[1]["id"],))
    broken = inbox.verify_audit()
    assert (broken.first_broken_id, broken.first_problem.kind) == (rows[3]["id"], CHANGED)
    assert "älteren Einträge Nr. 1–3" in broken.first_problem.text_de


def _read_csv(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_export_has_every_entry_and_no_message_content(inbox, worked, tmp_path):
    rows = _rows(inbox.db)
    out = tmp_path / "export" / "audit.csv"
    out.parent.mkdir()

    assert inbox.export_audit(out) == len(rows)

    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == (
        "at,os_user,workstation,action,case_id,message_id,detail,result,hash"
    )
    exported = _read_csv(out)
    assert [r["hash"] for r in exported] == [r["hash"] for r in rows]
    assert [r["action"] for r in exported] == [r["action"] for r in rows]
    for needle in (*NAMES, "ruft zurück", "Pass fehlt", "Datum prüfen"):
        assert needle not in text
    assert [p.name for p in out.parent.iterdir()] == ["audit.csv"]
    last = _rows(inbox.db)[-1]
    assert (last["action"], last["detail"]) == ("audit_exported", f"rows={len(rows)}")


def test_an_unfiltered_csv_can_be_verified_on_its_own(inbox, worked, tmp_path):
    out = tmp_path / "audit.csv"
    inbox.export_audit(out)
    prev = GENESIS
    for row in _read_csv(out):
        fields = [row[k] or None for k in FIELDS.split(", ")]
        fields[4:6] = [int(v) if v else None for v in fields[4:6]]
        assert entry_hash(prev, fields) == row["hash"]
        prev = row["hash"]


def test_csv_export_filters_by_action_case_and_time(inbox, worked, tmp_path):
    out = tmp_path / "audit.csv"
    case_id = worked["b.xml"]

    count = inbox.export_audit(out, action="status_changed")
    assert count >= 3 and {r["action"] for r in _read_csv(out)} == {"status_changed"}

    count = inbox.export_audit(out, case_id=case_id)
    assert count == len(_read_csv(out)) >= 4
    assert {r["case_id"] for r in _read_csv(out)} == {str(case_id)}

    count = inbox.export_audit(out, case_id=case_id, action="viewed")
    assert count == 1

    today = date.today()
    total = _count(inbox)
    assert inbox.export_audit(out, since=today, until=today) == total
    assert inbox.export_audit(out, since=today + timedelta(days=1)) == 0
    assert inbox.export_audit(out, until=today - timedelta(days=1)) == 0
    assert _read_csv(out) == []

    stamps = [r["at"] for r in _rows(inbox.db)]
    moment = datetime.fromisoformat(stamps[0].replace("Z", "+00:00"))
    up_to_first = sum(at <= stamps[0] for at in stamps)
    assert inbox.export_audit(out, until=moment.astimezone(UTC)) == up_to_first
    assert inbox.export_audit(out, until=moment.replace(tzinfo=None) + _utc_offset()) == (
        up_to_first
    )
    entries = _count(inbox)
    later = inbox.export_audit(out, since=moment + timedelta(milliseconds=1))
    assert later == entries - up_to_first


def _utc_offset() -> timedelta:
    """Naive datetimes are the workstation's local time."""
    return datetime.now().astimezone().utcoffset() or timedelta(0)


def test_a_failed_csv_export_leaves_nothing_behind(inbox, worked, tmp_path):
    out = tmp_path / "audit.csv"
    out.write_text("earlier export", encoding="utf-8")
    before = _count(inbox)

    class Boom(Exception):
        pass

    original = inbox.db.execute

    def failing(sql, params=()):
        if sql.startswith("SELECT at, os_user"):
            raise Boom
        return original(sql, params)

    inbox.db.execute = failing
    try:
        with pytest.raises(Boom):
            inbox.export_audit(out)
    finally:
        del inbox.db.execute
    assert out.read_text(encoding="utf-8") == "earlier export"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
    assert _count(inbox) == before
