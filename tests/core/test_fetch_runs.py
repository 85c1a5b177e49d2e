"""The note of each fetch run (store.fetch_runs): what the status bar and `last-fetch` show."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ab_inbox.errors import BilingualError
from ab_inbox.store import fetch_runs
from tests.messages import valid_message


def test_a_folder_fetch_notes_when_it_ran_and_what_it_stored(inbox, tmp_path):
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "a.xml").write_bytes(valid_message(seed=1))
    (drop / "b.xml").write_bytes(valid_message(seed=2))
    before = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")

    inbox.fetch(drop, settle_s=0)

    run = inbox.last_fetches()["folder"]
    assert run["ok"] and run["stored"] == 2 and run["failed"] == 0
    assert run["at"] >= before and run["last_ok_at"] == run["at"]
    assert "xta" not in inbox.last_fetches()


def test_a_fetch_that_stops_with_an_error_is_noted_as_failed(inbox, tmp_path):
    with pytest.raises(FileNotFoundError):
        inbox.fetch(tmp_path / "kein-ordner", settle_s=0)

    run = inbox.last_fetches()["folder"]
    assert not run["ok"] and run["last_ok_at"] is None
    # Only the error's type: its message names a path, and other errors may quote more.
    assert run["error_de"] == run["error_en"] == "FileNotFoundError"


def test_a_watchs_unchanged_runs_are_noted_now_and_then_news_and_asked_runs_at_once(inbox):
    start = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)

    def record(minutes: float, **kw) -> bool:
        at = start + timedelta(minutes=minutes)
        return fetch_runs.record_run(inbox.db, "folder", watching=True, now=at, **kw)

    assert record(0)
    assert not record(1)
    assert record(2, stored=3)
    assert not record(4)
    locked = BilingualError("Ordner gesperrt.", "Folder locked.")
    assert record(5, error=locked)
    assert not record(5.5, error=locked)  # failing the same way again: nothing new to say
    assert record(5.7, error=BilingualError("Ordner fehlt.", "Folder missing."))
    assert record(6)  # working again
    assert not record(10)
    assert fetch_runs.record_run(inbox.db, "folder", now=start + timedelta(minutes=10, seconds=30))
    assert not record(11)  # F5 just now: the row is fresh
    assert record(15.6)

    run = inbox.last_fetches()["folder"]
    assert run["at"] == "2026-11-28T08:15:36.000Z" and run["ok"] and run["stored"] == 0
    audited = [
        (r["action"], r["result"], r["detail"])
        for r in inbox.db.query("SELECT * FROM audit WHERE action LIKE 'fetch_%' ORDER BY id")
    ]
    assert audited == [  # when the way in started and stopped working, not every run
        ("fetch_working", "ok", "source=folder"),
        ("fetch_failed", "failed", "source=folder error=BilingualError"),
        ("fetch_working", "ok", "source=folder"),
    ]
