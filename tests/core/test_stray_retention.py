"""Input without a case (quarantined bytes, packets whose message never came) is deleted after
its retention, keeping reason, size and checksum; what belongs to a case is left alone."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, date, datetime, timedelta

from ab_inbox.demo.delivery import build_packaged_delivery
from ab_inbox.ingest.pipeline import Delivery, receive
from tests.messages import valid_message

LONG_AGO = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)


def _send(inbox, data: bytes, at: datetime, name: str):
    when = Delivery(received_at=at.isoformat().replace("+00:00", "Z"))
    return receive(inbox.db, data, inbox.packs, source_name=name, delivery=when)


def test_old_quarantine_bytes_and_orphan_packets_go_the_rest_stays(inbox):
    orphan = build_packaged_delivery(random.Random(3), packets=2)
    complete = build_packaged_delivery(random.Random(4), packets=1)
    for i, packet in enumerate(orphan.packets):  # their message never arrives
        _send(inbox, packet, LONG_AGO, f"orphan-{i}.xml")
    _send(inbox, complete.message, LONG_AGO, "message.xml")
    _send(inbox, complete.packets[0], LONG_AGO, "packet.xml")
    old_bad = _send(inbox, b"<kaputt", LONG_AGO, "old.xml")
    new_bad = _send(inbox, b"<kaputt/", datetime.now(UTC), "new.xml")
    case_message = _send(inbox, valid_message(seed=12), LONG_AGO, "case.xml")

    today = date(2026, 11, 28)
    dry = inbox.purge(dry_run=True, today=today)
    assert len(dry.stray["packets"]) == 2 and dry.stray["quarantine"] == [old_bad.quarantine_id]
    report = inbox.purge(today=today)
    assert report.stray_counts["packets"] == 2 and report.stray_counts["quarantine"] == 1

    conn = sqlite3.connect(inbox.db_path)
    try:
        rows = dict(conn.execute("SELECT id, blob_id IS NOT NULL FROM quarantine").fetchall())
        kept = conn.execute(
            "SELECT reason_code, size, sha256 FROM quarantine WHERE id = ?",
            (old_bad.quarantine_id,),
        ).fetchone()
        orphans = conn.execute(
            "SELECT purged_at IS NOT NULL, length(b.data) FROM messages m"
            " JOIN blobs b ON b.id = m.blob_id WHERE m.case_id IS NULL"
        ).fetchall()
        in_cases = conn.execute(
            "SELECT count(*) FROM messages WHERE case_id IS NOT NULL AND purged_at IS NULL"
        ).fetchone()[0]
        states = [r[0] for r in conn.execute("SELECT state FROM deliveries ORDER BY id")]
    finally:
        conn.close()
    assert rows == {old_bad.quarantine_id: 0, new_bad.quarantine_id: 1}
    assert kept[0] and kept[1] == len(b"<kaputt") and len(kept[2]) == 64
    assert orphans == [(1, 0), (1, 0)]
    assert in_cases == 3  # the case's message, the complete delivery's message and packet
    assert states == ["failed", "complete"]
    assert case_message.case_id in inbox.case_ids()

    late = _send(inbox, orphan.message, datetime.now(UTC), "late.xml")
    [delivery] = inbox.case(late.case_id)["deliveries"]
    assert delivery["state"] == "failed" and "gelöscht" in delivery["text_de"]
    assert inbox.purge(today=today + timedelta(days=1)).stray_counts["packets"] == 0
