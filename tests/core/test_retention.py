"""Retention: closed cases are purged when their time is up, everything else stays as it was."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from lxml import etree

from ab_inbox.store import retention
from tests.messages import edit, fetch_files, set_family_name, set_text, valid_message

TODAY = date.today()
DUE_DAY = TODAY + timedelta(days=91)  # past 90 days for exported and done cases
EMPTY_SHA = hashlib.sha256(b"").hexdigest()


def _documents(root):
    return [e for e in root.iter() if isinstance(e.tag, str) and e.tag.endswith("}dokument")]


def _utf16(data: bytes) -> bytes:
    """The same message as UTF-16: its documents are then stored as blobs of their own."""
    return etree.tostring(etree.fromstring(data), xml_declaration=True, encoding="UTF-16")


def _with_document_of(data: bytes, donor: bytes) -> bytes:
    shared = _documents(etree.fromstring(donor))[0].text

    def change(root):
        _documents(root)[0].text = shared

    return edit(data, change)


def _rows(db, sql: str, params=()) -> list[dict]:
    return list(db.query(sql, params))


def case_snapshot(db, case_id: int) -> dict:
    """Everything the store holds about a case, bytes included (by hash)."""
    ids = [r["id"] for r in _rows(db, "SELECT id FROM messages WHERE case_id = ?", [case_id])]
    marks = ",".join("?" * len(ids))
    blobs = _rows(
        db,
        "SELECT b.sha256, b.data FROM blobs b WHERE b.id IN (SELECT blob_id FROM messages"
        f" WHERE id IN ({marks}) UNION SELECT blob_id FROM attachments WHERE message_id IN"
        f" ({marks}) UNION SELECT blob_id FROM replies WHERE case_id = ?) ORDER BY b.sha256",
        [*ids, *ids, case_id],
    )
    return {
        "case": _rows(db, "SELECT * FROM cases WHERE id = ?", [case_id]),
        "messages": _rows(db, f"SELECT * FROM messages WHERE id IN ({marks}) ORDER BY id", ids),
        "blobs": [(b["sha256"], hashlib.sha256(b["data"]).hexdigest()) for b in blobs],
        "attachments": _rows(
            db, f"SELECT * FROM attachments WHERE message_id IN ({marks}) ORDER BY id", ids
        ),
        "findings": _rows(
            db, f"SELECT * FROM findings WHERE message_id IN ({marks}) ORDER BY id", ids
        ),
        "search": _rows(
            db, f"SELECT rowid, * FROM message_search WHERE rowid IN ({marks}) ORDER BY rowid", ids
        ),
        "notes": _rows(db, "SELECT * FROM case_notes WHERE case_id = ? ORDER BY id", [case_id]),
        "history": _rows(
            db, "SELECT * FROM status_history WHERE case_id = ? ORDER BY id", [case_id]
        ),
        "exports": _rows(db, "SELECT * FROM exports WHERE case_id = ?", [case_id]),
        "replies": _rows(db, "SELECT * FROM replies WHERE case_id = ?", [case_id]),
    }


def store_checksum(db) -> str:
    """One hash over every row of every table (FTS shadow tables included)."""
    digest = hashlib.sha256()
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for name in sorted(names):
        rows = sorted(repr(row) for row in db.execute(f'SELECT * FROM "{name}"'))
        digest.update(f"{name}:{len(rows)}:{''.join(rows)}".encode())
    return digest.hexdigest()


def store_bytes(path: Path) -> bytes:
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


@pytest.fixture
def office(inbox, tmp_path):
    inbox.settings.set("office_dvdv_ids", ["abh:00000001"])
    inbox.settings.set("office_name", "Ausländerbehörde Musterstadt")
    inbox.settings.set("office_street", "Rathausplatz 1")
    inbox.settings.set("office_postcode", "12345")
    inbox.settings.set("office_city", "Musterstadt")
    inbox.settings.set("office_phone", "+49 30 1234567")
    inbox.settings.set("outbox_folder", str(tmp_path / "outbox"))
    (tmp_path / "outbox").mkdir()
    (tmp_path / "fachverfahren").mkdir()
    return tmp_path / "fachverfahren"


@pytest.fixture
def store(inbox, tmp_path, office):
    """Five cases: exported and done ones (due in 91 days), one whose document an open case
    shares, one not due for a year, one still open."""
    shared_donor = valid_message(seed=81)
    ids = fetch_files(
        inbox,
        tmp_path / "drop",
        {
            "exported.xml": set_family_name(
                valid_message("130101", seed=21, rueckkanal=True), "Qzxexport", "Anna"
            ),
            "done.xml": set_family_name(
                set_text(valid_message(seed=62), "antragsdatum", "Qzxkaputt"), "Qzxdone"
            ),
            "shared_done.xml": _utf16(set_family_name(shared_donor, "Qzxshared")),
            "not_due.xml": set_family_name(valid_message(seed=63), "Qzxkeep"),
            "open.xml": _utf16(
                _with_document_of(set_family_name(valid_message(seed=82), "Qzxopen"), shared_donor)
            ),
        },
    )
    cases = {name.removesuffix(".xml"): case_id for name, case_id in ids.items()}

    exported = cases["exported"]
    inbox.set_status(exported, "in_progress")
    inbox.add_note(exported, "Qzxnote: Frau Qzxexport ruft zurück")
    inbox.send_reply(
        exported,
        "130102",
        {"frage": "Bitte Mietvertrag nachreichen, Frau Qzxexport.", "fristdatum": TODAY},
    )
    inbox.set_status(exported, "ready")
    inbox.export_case(exported, target_dir=office, exporter="structured")

    inbox.add_note(cases["done"], "Qzxnote zum Fall")
    inbox.set_status(cases["done"], "done", note="Qzxstatusnote")
    inbox.set_status(cases["shared_done"], "done")
    inbox.set_status(cases["not_due"], "not_responsible")
    inbox.set_retention("retention_days_not_responsible", 365)
    inbox.set_status(cases["open"], "in_progress")
    inbox.add_note(cases["open"], "Qzxopennote")
    return cases


def test_the_office_declares_the_retention_per_final_status(inbox):
    assert inbox.retention_policy() == {"exported": 90, "done": 90, "not_responsible": 30}
    inbox.set_retention("retention_days_done", "7")
    assert inbox.retention_policy()["done"] == 7


def test_only_final_cases_whose_time_is_up_are_due(inbox, store):
    assert inbox.due_for_purge() == []
    assert inbox.due_for_purge(TODAY + timedelta(days=89)) == []
    due = inbox.due_for_purge(DUE_DAY)
    assert [e["case_id"] for e in due] == sorted(
        [store["exported"], store["done"], store["shared_done"]]
    )
    entry = next(e for e in due if e["case_id"] == store["exported"])
    history = inbox.case(store["exported"])["history"]
    assert entry["status"] == "exported" and entry["retention_days"] == 90
    assert entry["since"] == next(h["at"] for h in history if h["to_status"] == "exported")
    assert date.fromisoformat(entry["due"]) == date.fromisoformat(entry["since"][:10]) + timedelta(
        days=90
    )
    assert inbox.case(store["exported"])["purge_due"] == entry["due"]
    assert inbox.case(store["open"])["purge_due"] is None
    assert [e["case_id"] for e in inbox.due_for_purge(TODAY + timedelta(days=366))][-1] == (
        store["not_due"]
    )


def test_zero_days_keeps_a_status_for_ever(inbox, store):
    """The office cannot set 0, but the rule itself keeps a status with 0 days for ever."""
    policy = {**inbox.retention_policy(), "done": 0}
    due = {
        e["case_id"]
        for e in retention.due_for_purge(inbox.db, policy, TODAY + timedelta(days=5000))
    }
    assert store["done"] not in due and store["shared_done"] not in due
    assert store["exported"] in due


def test_dry_run_lists_and_changes_nothing(inbox, store):
    before = store_checksum(inbox.db)
    report = inbox.purge(dry_run=True, today=DUE_DAY)
    assert report.dry_run and len(report.due) == 3
    assert report.purged == [] and report.counts == {}
    assert store_checksum(inbox.db) == before


def test_purge_removes_the_personal_data_of_due_cases(inbox, store, tmp_path):
    purged = [store["exported"], store["done"], store["shared_done"]]
    kept = [store["not_due"], store["open"]]
    before = {case_id: case_snapshot(inbox.db, case_id) for case_id in store.values()}
    assert b"Qzxexport" in store_bytes(inbox.db_path)

    report = inbox.purge(today=DUE_DAY)

    assert sorted(report.purged) == sorted(purged) and report.skipped == []
    assert report.checkpointed is True
    assert report.counts["messages"] == 3 and report.counts["notes"] == 2
    assert report.counts["replies"] == 1 and report.counts["findings"] >= 1
    for case_id in kept:
        assert case_snapshot(inbox.db, case_id) == before[case_id]
    for case_id in purged:
        old, now = before[case_id], case_snapshot(inbox.db, case_id)
        # Only the empty blob is left; none of the case's own bytes survive.
        assert now["blobs"] == [(EMPTY_SHA, EMPTY_SHA)]
        assert now["attachments"] == [] and now["notes"] == [] and now["search"] == []
        assert all(f["text_de"] == "" == f["text_en"] for f in now["findings"])
        assert [f["rule"] for f in now["findings"]] == [f["rule"] for f in old["findings"]]
        assert all(h["note"] is None for h in now["history"])
        assert [h["to_status"] for h in now["history"]] == [h["to_status"] for h in old["history"]]
        (message,) = now["messages"]
        (original,) = old["messages"]
        assert json.loads(message["record_json"]) == {"purged": True}
        assert message["applicant_name"] is None and message["source_name"] is None
        assert message["purged_at"] is not None
        for column in ("id", "sha256", "nachrichten_uuid", "type_code", "received_at", "size"):
            assert message[column] == original[column]
        assert message["erstellungszeitpunkt"] == original["erstellungszeitpunkt"]
        (row,) = now["case"]
        assert row["applicant_name"] is None and row["nationality"] is None
        assert row["reason"] is None and row["purged_at"] is not None
        assert row["status"] == old["case"][0]["status"]
        assert row["antragsidentifikation"] == old["case"][0]["antragsidentifikation"]
        assert inbox.message_bytes(message["id"]) == b""

        case = inbox.case(case_id)
        assert case["purged"] is True and case["purge_due"] is None
        assert case["messages"][0]["purged"] is True
        assert case["messages"][0]["attachments"] == []

    # Bytes of the purged messages and their own attachments are gone from the blobs table.
    gone = {sha for case_id in purged for sha, _ in before[case_id]["blobs"]}
    gone.discard(before[store["open"]]["blobs"][0][0])
    left = {r[0] for r in inbox.db.execute("SELECT sha256 FROM blobs")}
    shared = {a["sha256"] for a in before[store["open"]]["attachments"]} & {
        sha for sha, _ in before[store["shared_done"]]["blobs"]
    }
    assert len(shared) == 1 and shared <= left
    assert not (gone - shared) & left

    for name in ("Qzxexport", "Qzxdone", "Qzxshared"):
        assert inbox.case_ids(search=name) == []
        assert inbox.list_messages(search=name) == []
    assert inbox.case_ids(search="Qzxkeep") == [store["not_due"]]
    assert inbox.case_ids(search="Qzxopen") == [store["open"]]

    exported = case_snapshot(inbox.db, store["exported"])
    (reply,) = exported["replies"]
    assert reply["sha256"] == before[store["exported"]]["replies"][0]["sha256"]
    (export,) = exported["exports"]
    receipt = json.loads(export["receipt"])
    assert receipt["purged"] is True
    assert all(set(f) == {"sha256", "size"} for f in receipt["files"])

    audit = _rows(inbox.db, "SELECT case_id, detail FROM audit WHERE action = 'purged'")
    assert sorted(a["case_id"] for a in audit) == sorted(purged)
    assert all("messages=1" in a["detail"] for a in audit)

    # secure_delete, the merged search index and the checkpoint leave no trace in the file.
    raw = store_bytes(inbox.db_path)
    for secret in (
        "Qzxexport",
        "qzxexport",
        "Qzxdone",
        "qzxdone",
        "Qzxshared",
        "Qzxkaputt",
        "Qzxnote",
        "Qzxstatusnote",
    ):
        assert secret.encode() not in raw, secret
    assert b"Qzxkeep" in raw and b"Qzxopennote" in raw


def test_a_shared_document_stays_readable_in_the_open_case(inbox, store):
    open_message = inbox.case(store["open"])["messages"][0]
    before = inbox.attachment(open_message["id"], 1)["data"]
    inbox.purge(today=DUE_DAY)
    after = inbox.attachment(open_message["id"], 1)
    assert after["data"] == before
    assert hashlib.sha256(after["data"]).hexdigest() == after["sha256"]


def test_purging_again_finds_nothing(inbox, store):
    inbox.purge(today=DUE_DAY)
    before = store_checksum(inbox.db)
    report = inbox.purge(today=DUE_DAY)
    assert report.due == [] and report.purged == [] and report.checkpointed is None
    assert store_checksum(inbox.db) == before


def test_a_case_reopened_after_listing_is_not_purged(inbox, store):
    policy = inbox.retention_policy()
    due = retention.due_for_purge(inbox.db, policy, DUE_DAY)
    assert store["done"] in [e["case_id"] for e in due]
    inbox.set_status(store["done"], "in_progress")
    before = case_snapshot(inbox.db, store["done"])
    with pytest.raises(retention.PurgeRefused):
        retention.purge_case(inbox.db, store["done"], "test", policy=policy, today=DUE_DAY)
    with pytest.raises(retention.PurgeRefused):
        retention.purge_case(inbox.db, store["done"], "test")
    assert case_snapshot(inbox.db, store["done"]) == before


def test_a_message_arriving_on_a_purged_case_gets_its_own_time(inbox, tmp_path):
    original = set_family_name(valid_message(seed=71), "Qzxlate")
    case_id = fetch_files(inbox, tmp_path / "drop", {"a.xml": original})["a.xml"]
    inbox.set_status(case_id, "done")
    long_ago = (TODAY - timedelta(days=200)).isoformat() + "T08:00:00.000Z"
    inbox.db.execute("UPDATE status_history SET at = ? WHERE case_id = ?", (long_ago, case_id))
    inbox.db.execute("UPDATE messages SET received_at = ? WHERE case_id = ?", (long_ago, case_id))
    assert inbox.purge().purged == [case_id]

    again = set_text(original, "nachrichtenUUID", str(uuid.uuid4()))
    outcome = inbox.receive_bytes(again, "again.xml")
    assert outcome.case_id == case_id
    assert inbox.case_ids(search="Qzxlate") == [case_id]
    assert inbox.due_for_purge() == []
    (entry,) = inbox.due_for_purge(DUE_DAY)
    assert entry["case_id"] == case_id and entry["purged_at"] is not None
    assert inbox.case(case_id)["purged"] is True

    report = inbox.purge(today=DUE_DAY)
    assert report.purged == [case_id] and report.counts["messages"] == 1
    assert inbox.case_ids(search="Qzxlate") == []


def test_a_purged_case_can_be_neither_exported_nor_reopened(inbox, tmp_path):
    from datetime import date, timedelta

    from ab_inbox.casework.status import TransitionError
    from ab_inbox.export.errors import ExportRefused
    from tests.messages import fetch_files, valid_message

    [case_id] = fetch_files(inbox, tmp_path / "p", {"x.xml": valid_message(seed=611)}).values()
    inbox.set_status(case_id, "done")
    inbox.purge(today=date.today() + timedelta(days=400))
    assert inbox.case(case_id)["purged"]
    target = tmp_path / "fv"
    target.mkdir()
    with pytest.raises(ExportRefused) as err:
        inbox.export_case(case_id, target_dir=target, override_reason="trotzdem")
    assert err.value.reason == "purged"
    with pytest.raises(TransitionError):
        inbox.set_status(case_id, "in_progress")
    assert list(target.iterdir()) == []
