"""The CLI contract that automation and acceptance checks rely on."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from tests.e2e.cli import cli_env, run_cli
from tests.messages import set_text, valid_message


@pytest.fixture
def env(tmp_path, schemas_dir):
    return cli_env(tmp_path, schemas_dir)


@pytest.fixture
def mixed_folder(tmp_path):
    """A drop folder with one of everything fetch has to deal with."""
    drop = tmp_path / "drop"
    drop.mkdir()
    good = valid_message(seed=21)
    (drop / "01-good.xml").write_bytes(good)
    (drop / "02-invalid.xml").write_bytes(
        set_text(valid_message(seed=22), "antragsdatum", "kaputt")
    )
    (drop / "03-duplicate.xml").write_bytes(good)
    (drop / "04-not-xml.xml").write_bytes(b"%PDF-1.4 not xml at all")
    (drop / "05-empty.xml").write_bytes(b"")
    (drop / "06-writing.xml.part").write_bytes(b"<half")
    return drop


def test_fetch_prints_one_line_per_file_and_a_summary(env, mixed_folder):
    result = run_cli(env, "fetch", "--from", str(mixed_folder), "--settle", "0")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    states = {line.split("\t")[1]: line.split("\t")[0] for line in lines if "\t" in line}
    assert states == {
        "01-good.xml": "accepted",
        "02-invalid.xml": "invalid",
        "03-duplicate.xml": "duplicate",
        "04-not-xml.xml": "quarantined",
        "05-empty.xml": "quarantined",
    }
    assert lines[-1].startswith(
        "Zusammenfassung: 1 übernommen, 1 ungültig, 1 doppelt, 2 in Quarantäne"
    )
    assert sorted(p.name for p in mixed_folder.iterdir() if p.is_file()) == ["06-writing.xml.part"]


def test_fetch_speaks_english_on_request_and_fails_with_2_on_usage_errors(env, tmp_path):
    result = run_cli(env, "--lang", "en", "fetch", "--from", str(tmp_path / "missing"))
    assert result.returncode == 2
    assert "Drop folder missing" in result.stderr
    assert run_cli(env, "fetch", "--bogus").returncode == 2


def test_list_json_has_the_stable_fields(env, mixed_folder):
    run_cli(env, "fetch", "--from", str(mixed_folder), "--settle", "0")

    result = run_cli(env, "list", "--json")

    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 2
    for row in rows:
        assert {
            "id",
            "nachrichten_uuid",
            "message_type",
            "status",
            "validation",
            "applicant_name",
            "antragsidentifikation",
            "received_at",
            "attachments",
        } <= set(row)
        assert row["received_at"].endswith("Z")
    assert {r["validation"] for r in rows} == {"valid", "invalid"}
    invalid = run_cli(env, "list", "--json", "--validation", "invalid").stdout.splitlines()
    assert len(invalid) == 1
    assert run_cli(env, "list", "--json", "--status", "done").stdout == ""


def test_tables_for_people_show_local_time_json_keeps_utc(env, mixed_folder):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    run_cli(env, "fetch", "--from", str(mixed_folder), "--settle", "0")
    berlin = dict(env, TZ="Europe/Berlin")
    listed = run_cli(berlin, "list", "--json").stdout.splitlines()
    first = json.loads(listed[0])
    stored = datetime.fromisoformat(first["received_at"].replace("Z", "+00:00"))
    local = stored.astimezone(ZoneInfo("Europe/Berlin"))

    table = run_cli(berlin, "list").stdout
    assert f"{first['id']}\t{local:%d.%m.%Y %H:%M:%S}\t" in table
    shown = run_cli(berlin, "show", str(first["id"])).stdout
    assert f"Eingang: {local:%d.%m.%Y %H:%M:%S}" in shown


def test_show_and_attachment_give_back_the_exact_document(env, mixed_folder, tmp_path):
    run_cli(env, "fetch", "--from", str(mixed_folder), "--settle", "0")
    shown = json.loads(run_cli(env, "show", "1", "--json").stdout)
    stored = [a for a in shown["attachments"] if a["state"] == "stored"]
    assert stored, shown["attachments"]
    first = stored[0]
    assert {"file_name", "mime", "size", "sha256"} <= set(first)

    out = tmp_path / "doc.bin"
    result = run_cli(env, "attachment", "1", str(first["position"]), "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert hashlib.sha256(out.read_bytes()).hexdigest() == first["sha256"]
    assert len(out.read_bytes()) == first["size"]
    assert run_cli(env, "attachment", "1", "99", "--out", str(out)).returncode == 1
    text = run_cli(env, "show", "2").stdout
    assert "Prüfergebnis" in text and "antragsdatum" in text


def test_validate_exit_codes(tmp_path, schemas_dir):
    env = cli_env(tmp_path, schemas_dir, first_user=False)
    good = tmp_path / "good.xml"
    good.write_bytes(valid_message(seed=31))
    bad = tmp_path / "bad.xml"
    bad.write_bytes(set_text(valid_message(seed=32), "antragsdatum", "x"))

    assert run_cli(env, "validate", str(good)).returncode == 0
    result = run_cli(env, "validate", str(good), str(bad))
    assert result.returncode == 1
    assert "antragsdatum" in result.stdout
    assert not (tmp_path / "inbox.sqlite3").exists()  # validate never touches the store


def test_missing_schema_pack_names_the_version_and_the_install_command(tmp_path, schemas_dir):
    env = cli_env(tmp_path, schemas_dir)
    del env["AB_INBOX_SCHEMAS"]
    msg = tmp_path / "m.xml"
    msg.write_bytes(valid_message(seed=33))

    result = run_cli(env, "validate", str(msg))

    assert result.returncode == 2
    assert "26.11" in result.stderr and "ab-inbox schemas add" in result.stderr

    installed = run_cli(env, "schemas", "add", str(schemas_dir))
    assert installed.returncode == 0, installed.stderr
    assert "26.11" in run_cli(env, "schemas", "list").stdout
    assert run_cli(env, "validate", str(msg)).returncode == 0


def test_demo_is_deterministic_per_seed(env, tmp_path):
    for name in ("a", "b"):
        assert (
            run_cli(
                env, "demo", "--out", str(tmp_path / name), "--count", "10", "--seed", "5"
            ).returncode
            == 0
        )
    a = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    b = {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}
    assert a == b and len(a) == 10


def test_database_on_a_refused_path_gives_a_clear_message(env, tmp_path):
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    env["AB_INBOX_DB"] = str(blocker / "inbox.sqlite3")
    result = run_cli(env, "list")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    shutil.rmtree(tmp_path / "appdata", ignore_errors=True)


def test_watch_picks_up_new_files_and_stops_cleanly_on_sigterm(env, tmp_path):
    import signal
    import time

    from tests.e2e.cli import start_cli

    drop = tmp_path / "watched"
    drop.mkdir()
    proc = start_cli(
        env, "fetch", "--from", str(drop), "--watch", "--interval", "0.1", "--settle", "0"
    )
    try:
        for i in range(3):
            tmp = drop / f".m{i}.xml.tmp"
            tmp.write_bytes(valid_message(seed=40 + i))
            tmp.rename(drop / f"m{i}.xml")  # how an intermediary hands over a finished file
        vanished = drop / "gone.xml"
        vanished.write_bytes(valid_message(seed=50))
        vanished.unlink()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if len(list((drop / "processed").glob("*.xml"))) == 3:
                break
            time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)

    assert proc.returncode == 0, err
    assert sorted(p.name for p in (drop / "processed").iterdir()) == ["m0.xml", "m1.xml", "m2.xml"]
    assert out.count("accepted\t") == 3
    assert "Beendet." in out


def test_settings_are_listed_changed_and_used(env, tmp_path):
    assert "office_dvdv_ids" in run_cli(env, "settings").stdout
    assert run_cli(env, "settings", "set", "office_dvdv_ids", "abh:1, abh:2").returncode == 0
    assert "abh:1, abh:2" in run_cli(env, "settings", "list").stdout
    assert run_cli(env, "settings", "set", "language", "fr").returncode == 2
    assert run_cli(env, "settings", "set", "no_such", "1").returncode == 2
    for name, value in (
        ("poll_interval_s", "0"),
        ("poll_interval_s", "nan"),
        ("max_message_mb", "-1"),
    ):
        refused = run_cli(env, "settings", "set", name, value)
        assert refused.returncode == 2 and name in refused.stderr, (name, value)

    msg = tmp_path / "m.xml"
    msg.write_bytes(valid_message(seed=34))
    result = run_cli(env, "validate", str(msg))
    assert result.returncode == 0  # a foreign reader is a warning, not an error
    assert "rule.reader" in result.stdout


def test_status_note_and_cases_headless(env, mixed_folder):
    run_cli(env, "fetch", "--from", str(mixed_folder), "--settle", "0")
    cases = [json.loads(line) for line in run_cli(env, "cases", "--json").stdout.splitlines()]
    valid = next(c for c in cases if c["validation"] == "valid")
    invalid = next(c for c in cases if c["validation"] == "invalid")

    ok = run_cli(env, "status", str(valid["id"]), "--set", "in_progress")
    assert ok.returncode == 0 and "In Bearbeitung" in ok.stdout
    refused = run_cli(env, "status", str(invalid["id"]), "--set", "ready")
    assert refused.returncode == 1 and "Fehler:" in refused.stderr
    parked = run_cli(env, "status", str(valid["id"]), "--set", "parked", "--until", "2999-01-31")
    assert parked.returncode == 0
    assert run_cli(env, "note", str(valid["id"]), "Unterlagen angefordert").returncode == 0
    assert run_cli(env, "status", "999", "--set", "done").returncode == 1

    after = {
        c["id"]: c for c in map(json.loads, run_cli(env, "cases", "--json").stdout.split("\n")[:-1])
    }
    assert after[valid["id"]]["status"] == "parked"
    assert after[valid["id"]]["follow_up_date"] == "2999-01-31"


def test_export_and_reply_headless(env, tmp_path):
    drop = tmp_path / "handoff"
    drop.mkdir()
    (drop / "a.xml").write_bytes(valid_message(seed=81))
    run_cli(env, "fetch", "--from", str(drop), "--settle", "0")
    [case] = [json.loads(line) for line in run_cli(env, "cases", "--json").stdout.splitlines()]
    target = tmp_path / "fachverfahren"
    target.mkdir()

    refused = run_cli(env, "export", str(case["id"]), "--to", str(target))
    assert refused.returncode == 1 and "Fehler:" in refused.stderr
    run_cli(env, "status", str(case["id"]), "--set", "in_progress")
    run_cli(env, "status", str(case["id"]), "--set", "ready")
    done = run_cli(env, "export", str(case["id"]), "--to", str(target))
    assert done.returncode == 0, done.stderr
    written = [
        line.split("\t")[1] for line in done.stdout.splitlines() if line.startswith("written")
    ]
    assert any(name.endswith(".manifest.json") for name in written)
    assert sorted(p.name for p in target.iterdir()) == sorted(written)
    again = run_cli(env, "export", str(case["id"]), "--to", str(target))
    assert again.returncode == 0 and "bereits exportiert" in again.stdout

    outbox = tmp_path / "outbox"
    outbox.mkdir()
    for name, value in (
        ("outbox_folder", str(outbox)),
        ("office_email", "abh@example.org"),
        ("office_dvdv_ids", "abh:00000001"),
        ("office_city", "Musterstadt"),
        ("office_street", "Rathausplatz 1"),
        ("office_postcode", "12345"),
    ):
        assert run_cli(env, "settings", "set", name, value).returncode == 0
    sent = run_cli(env, "reply", str(case["id"]), "--type", "130104", "--set", "status=02")
    assert sent.returncode == 0, sent.stderr
    [reply_file] = list(outbox.glob("*.xml"))
    from ab_inbox.xauslaender.safe_xml import parse_untrusted
    from ab_inbox.xauslaender.schema_pack import open_pack

    schema = open_pack(Path(env["AB_INBOX_SCHEMAS"])).lxml_schema("OZG")
    assert schema.validate(parse_untrusted(reply_file.read_bytes())), schema.error_log
    assert b"Statusmeldung" in reply_file.read_bytes()


def test_report_writes_a_pdf_with_the_exact_names(env, tmp_path):
    import shutil as _shutil
    import subprocess

    from tests.messages import set_family_name

    drop = tmp_path / "report-in"
    drop.mkdir()
    (drop / "a.xml").write_bytes(set_family_name(valid_message(seed=91), "Nguyễn", "Thị Hương"))
    run_cli(env, "fetch", "--from", str(drop), "--settle", "0")
    out = tmp_path / "fall.pdf"

    result = run_cli(env, "report", "1", "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    if _shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
        assert "Nguyễn" in text and "Thị Hương" in text


def test_last_fetch_tells_monitoring_whether_intake_works(env, mixed_folder, tmp_path):
    never = run_cli(env, "last-fetch", "--max-age", "30")
    assert never.returncode == 1 and "Noch kein Abruf vermerkt." in never.stdout
    assert "kein gelungener Abruf" in never.stderr

    assert run_cli(env, "fetch", "--from", str(mixed_folder), "--settle", "0").returncode == 0
    fine = run_cli(env, "last-fetch", "--max-age", "30")
    assert fine.returncode == 0, fine.stderr
    [line] = fine.stdout.splitlines()
    assert line.startswith("Eingangsordner: ") and line.endswith(", 2 gespeichert")
    assert "Z" not in line and "UTC" not in line  # local time, as the reader lives by it
    assert run_cli(env, "last-fetch", "--max-age", "0").returncode == 1  # too old for 0 min

    # The watch of another process found its folder gone (an unmounted share).
    from ab_inbox.inbox import Inbox

    with Inbox(db_path=env["AB_INBOX_DB"]) as box, pytest.raises(FileNotFoundError):
        box.fetch(tmp_path / "gone", settle_s=0)
    failed = run_cli(env, "--lang", "en", "last-fetch")
    assert failed.returncode == 1
    assert "Drop folder: " in failed.stdout and "failed: FileNotFoundError" in failed.stdout
    assert "(last success: " in failed.stdout


def test_export_of_a_case_awaiting_documents_needs_without_awaited(env, tmp_path):
    import random

    from ab_inbox.demo.delivery import build_packaged_delivery

    drop = tmp_path / "waiting"
    drop.mkdir()
    (drop / "a.xml").write_bytes(build_packaged_delivery(random.Random(42), packets=2).message)
    run_cli(env, "fetch", "--from", str(drop), "--settle", "0")
    [case] = [json.loads(line) for line in run_cli(env, "cases", "--json").stdout.splitlines()]
    run_cli(env, "status", str(case["id"]), "--set", "in_progress")
    run_cli(env, "status", str(case["id"]), "--set", "ready")
    target = tmp_path / "fachverfahren"
    target.mkdir()
    refused = run_cli(env, "export", str(case["id"]), "--to", str(target))
    assert refused.returncode == 1 and "nachgeliefert" in refused.stderr
    assert list(target.iterdir()) == []
    done = run_cli(env, "export", str(case["id"]), "--to", str(target), "--without-awaited")
    assert done.returncode == 0, done.stderr
    assert any(p.name.endswith(".manifest.json") for p in target.iterdir())
