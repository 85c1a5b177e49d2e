"""The SQLite store: safe settings, versioned schema, append-only audit, network shares refused."""

from __future__ import annotations

import sqlite3

import pytest

from ab_inbox.casework.status import TransitionError
from ab_inbox.inbox import Inbox
from ab_inbox.store.connection import StoreError, fs_type_for, is_network_fs, open_database
from ab_inbox.store.migrations import SCHEMA_VERSION, migrate
from ab_inbox.store.search_text import fold, fts_query, index_text
from tests.conftest import ensure_tester
from tests.messages import fetch_files, invalid_answer_to, valid_message


def _store_as_version(path, version: int):
    """A store as an older version left it: its first `version` migrations applied."""
    from ab_inbox.store.migrations import MIGRATIONS

    db = open_database(path)
    for number, step in enumerate(MIGRATIONS[:version]):
        step(db)
        db.execute(f"PRAGMA user_version = {number + 1}")
    return db


def test_store_opens_with_wal_full_sync_and_foreign_keys(tmp_path):
    db = open_database(tmp_path / "s.sqlite3")
    migrate(db)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_migrating_twice_changes_nothing_and_a_newer_store_is_refused(tmp_path):
    path = tmp_path / "s.sqlite3"
    db = open_database(path)
    assert migrate(db) == 0
    assert migrate(db) == SCHEMA_VERSION
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError) as err:
        migrate(open_database(path))
    assert "aktualisieren" in err.value.text_de and "update" in err.value.text_en


def test_cases_of_an_older_store_get_a_due_date_on_upgrade(tmp_path):
    db = _store_as_version(tmp_path / "old.sqlite3", 4)
    db.execute(
        "INSERT INTO cases (status, received_at, updated_at, version)"
        " VALUES ('new', '2026-10-01T08:15:00.000Z', '2026-10-01T08:15:00.000Z', 1)"
    )
    assert migrate(db) == 4
    [(due,)] = db.execute("SELECT due_at FROM cases").fetchall()
    assert due == "2026-10-31T08:15:00.000Z"


def test_an_older_store_marks_cases_with_an_invalid_follow_up_invalid(tmp_path, schemas_dir):
    path = tmp_path / "old.sqlite3"
    application = valid_message(seed=81)
    with Inbox(path, schemas_dir) as box:
        ensure_tester(box)
        ids = fetch_files(
            box,
            tmp_path / "drop",
            {
                "a.xml": application,
                "b.xml": invalid_answer_to(application, seed=82),
                "c.xml": valid_message(seed=83),
            },
        )
        box.set_status(ids["a.xml"], "in_progress")
    conn = sqlite3.connect(path)  # as version 9 left it: the value of the application alone
    conn.execute("UPDATE cases SET validation = 'valid'")
    conn.execute("PRAGMA user_version = 9")
    conn.commit()
    before = dict(conn.execute("SELECT id, version FROM cases"))
    conn.close()

    with Inbox(path, schemas_dir) as box:
        assert box.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        marked, untouched = box.case(ids["a.xml"]), box.case(ids["c.xml"])
        assert marked["validation"] == "invalid" and marked["version"] == before[marked["id"]] + 1
        assert untouched["validation"] == "valid"
        assert untouched["version"] == before[untouched["id"]]
        assert box.case_ids("invalid") == [ids["a.xml"]]
        with pytest.raises(TransitionError):
            box.set_status(ids["a.xml"], "ready")


def test_audit_log_refuses_updates_and_deletes(inbox):
    from ab_inbox.store.audit import append_audit

    append_audit(inbox.db, "test_action", detail="x")
    with pytest.raises(sqlite3.IntegrityError):
        inbox.db.execute("UPDATE audit SET action = 'forged'")
    with pytest.raises(sqlite3.IntegrityError):
        inbox.db.execute("DELETE FROM audit")


MOUNTS = """sysfs /sys sysfs rw 0 0
/dev/sda1 / ext4 rw 0 0
//fileserver/abh /mnt/abh cifs rw 0 0
server:/export /srv/nfs nfs4 rw 0 0
/dev/sdb1 /mnt/abh/local ext4 rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "remote"),
    [
        ("/home/user/inbox.sqlite3", False),
        ("/mnt/abh/inbox.sqlite3", True),
        ("/srv/nfs/x/inbox.sqlite3", True),
        ("/mnt/abh/local/inbox.sqlite3", False),
        ("/mnt/abhx/inbox.sqlite3", False),
    ],
)
def test_network_shares_are_recognised_by_file_system_type(path, remote):
    assert is_network_fs(fs_type_for(path, MOUNTS)) is remote


def test_folding_matches_what_caseworkers_type():
    assert fold("Łukasz Wróbel") == "lukasz wrobel"
    assert fold("Nguyễn Thị Hương") == "nguyen thi huong"
    assert fold("Straße") == "strasse"
    assert fold("Yağmur Şahin") == "yagmur sahin"
    assert fold("Đặng Þór") == "dang thor"
    assert "mueller" in index_text("Müller") and "muller" in index_text("Müller")
    assert fts_query('Müll" OR *') == '"mull"* "or"*'
    assert fts_query("  ") is None


def test_a_commit_that_fails_leaves_no_transaction_open(tmp_path):
    """The next write must not find itself inside the failed one ("cannot start a transaction
    within a transaction") or silently make it succeed."""
    from ab_inbox.store.connection import write_transaction

    db = open_database(tmp_path / "t.sqlite3")
    migrate(db)
    with pytest.raises(sqlite3.IntegrityError), write_transaction(db):
        db.execute("PRAGMA defer_foreign_keys = ON")  # checked at COMMIT, not before
        db.execute(
            "INSERT INTO status_history (case_id, at, from_status, to_status, actor)"
            " VALUES (424242, '2026-01-01T00:00:00.000Z', 'new', 'done', 'x')"
        )
    assert not db.conn.in_transaction
    with write_transaction(db):
        db.execute("INSERT INTO blobs (sha256, size, data) VALUES ('x', 1, x'00')")
    assert db.execute("SELECT count(*) FROM status_history").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM blobs").fetchone()[0] == 1


COUNT_TO = (
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?)"
    " SELECT count(*) FROM c"
)


def test_a_read_given_a_time_limit_is_stopped_once_over_it(tmp_path):
    """What the desktop reads on its GUI thread is stopped rather than freezing the window;
    the connection then reads as before, without the limit."""
    from ab_inbox.errors import QueryTooSlow

    db = open_database(tmp_path / "s.sqlite3")
    migrate(db)
    with pytest.raises(QueryTooSlow) as err, db.time_limit(0.02):
        db.execute(COUNT_TO, (10**9,)).fetchone()
    assert "0.02 s" in err.value.text_de and "stopped" in err.value.text_en
    with db.time_limit(5):
        assert db.execute(COUNT_TO, (1000,)).fetchone() == (1000,)
    # Five times as long as the limit was: no limit is left on the connection.
    assert db.execute(COUNT_TO, (400_000,)).fetchone() == (400_000,)


def test_saved_searches_of_an_older_store_are_kept_with_no_person_or_scope(tmp_path):
    db = _store_as_version(tmp_path / "old.sqlite3", 10)
    db.execute(
        "INSERT INTO saved_searches (owner, name, view, search, created_at)"
        " VALUES ('a.yilmaz', 'Müller', 'all', 'muller', '2026-10-01T08:15:00.000Z')"
    )
    assert migrate(db) == 10
    [row] = db.query("SELECT name, search, assignee, scope FROM saved_searches")
    assert row == {"name": "Müller", "search": "muller", "assignee": None, "scope": None}


def test_a_parked_case_that_lost_its_date_in_an_older_store_is_due_today(inbox, tmp_path):
    from datetime import date

    db = _store_as_version(tmp_path / "old.sqlite3", 11)
    for status in ("parked", "in_progress"):
        db.execute(
            "INSERT INTO cases (status, received_at, updated_at, version)"
            " VALUES (?, '2026-10-01T08:15:00.000Z', '2026-10-01T08:15:00.000Z', 1)",
            (status,),
        )
    assert migrate(db) == 11
    rows = list(db.query("SELECT status, follow_up_date, version FROM cases ORDER BY id"))
    assert rows == [
        {"status": "parked", "follow_up_date": date.today().isoformat(), "version": 2},
        {"status": "in_progress", "follow_up_date": None, "version": 1},
    ]
