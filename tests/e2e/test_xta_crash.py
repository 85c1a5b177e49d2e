"""A fetch process killed (SIGKILL) after COMMIT and before the mailbox heard `close`: the next
run loses nothing, stores nothing twice, does not download again and closes the message."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys

from ab_inbox.ingest.xta_fetch import fetch_once
from tests.conftest import REPO
from tests.messages import valid_message
from tests.xta_peer import DEFAULT_READER, fixtures

xta_pki, xta_peer, xta_client = fixtures.xta_pki, fixtures.xta_peer, fixtures.xta_client


def _stored(db_path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT transport_id, sha256 FROM messages ORDER BY id").fetchall()
    finally:
        conn.close()


def test_sigkill_between_commit_and_close_loses_and_doubles_nothing(
    tmp_path, schemas_dir, xta_pki, xta_peer, xta_client
):
    box = xta_peer.mailbox
    ids = [box.add(valid_message(seed=100 + i)) for i in range(3)]
    db_path = tmp_path / "inbox.sqlite3"
    args = {
        "db": str(db_path),
        "schemas": str(schemas_dir),
        "p12": str(xta_pki.client_p12),
        "password": xta_pki.password,
        "ca": str(xta_pki.ca_file),
        "management_url": xta_peer.management_url,
        "msgbox_url": xta_peer.msgbox_url,
        "send_url": xta_peer.send_url,
        "reader_ids": [DEFAULT_READER],
    }
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.xta_peer.fetch_child", json.dumps(args)],
        cwd=REPO,
        env={**os.environ, "AB_INBOX_DATA": str(tmp_path / "appdata")},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    closes = []

    def kill_at_second_close(operation):
        if operation != "close":
            return None
        closes.append(operation)
        if len(closes) < 2:
            return None
        os.kill(child.pid, signal.SIGKILL)  # the second message is committed, not closed
        return "drop"

    xta_peer.on_request = kill_at_second_close
    try:
        _, stderr = child.communicate(timeout=120)
    finally:
        xta_peer.on_request = None
    assert child.returncode == -signal.SIGKILL, stderr

    assert [t for t, _ in _stored(db_path)] == ids[:2], stderr
    assert box.open_ids() == ids[1:]  # the second is stored but still in the mailbox

    store = fixtures.open_store(db_path, schemas_dir)
    try:
        report = fetch_once(
            store.db, xta_client, store.packs, store.policy, reader_ids=[DEFAULT_READER]
        )
    finally:
        store.db.conn.close()

    assert report.already_stored == [ids[1]] and report.closed == ids[1:]
    assert [o.kind for o in report.outcomes] == ["accepted"]
    assert box.open_ids() == []
    fetched = box.fetched_ids()  # the third may have been downloaded ahead before the kill
    assert fetched.count(ids[1]) == 1 and set(fetched) == set(ids)  # the second: not again
    stored = _stored(db_path)
    assert [t for t, _ in stored] == ids and len({s for _, s in stored}) == 3
