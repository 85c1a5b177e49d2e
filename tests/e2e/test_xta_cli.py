"""`ab-inbox xta set-password|check` and `fetch --xta` as IT and a scheduler run them, against
the loopback XTA server, with the settings file and a keyring, in child processes."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.e2e.cli import cli_env, run_cli
from tests.messages import set_family_name, valid_message
from tests.xta_peer import DEFAULT_READER, fixtures

xta_pki, xta_peer = fixtures.xta_pki, fixtures.xta_peer


@pytest.fixture
def xta_env(tmp_path, schemas_dir, xta_peer, xta_pki):
    settings = {
        "settings_version": 1,
        "values": {
            "xta_management_url": xta_peer.management_url,
            "xta_msgbox_url": xta_peer.msgbox_url,
            "xta_send_url": xta_peer.send_url,
            "xta_reader_ids": [DEFAULT_READER],
            "xta_certificate_file": str(xta_pki.client_p12),
            "xta_ca_file": str(xta_pki.ca_file),
        },
    }
    (tmp_path / "settings.json").write_text(json.dumps(settings))
    return cli_env(
        tmp_path,
        schemas_dir,
        PYTHON_KEYRING_BACKEND="tests.xta_peer.file_keyring.FileKeyring",
        AB_INBOX_TEST_KEYRING_FILE=str(tmp_path / "keyring.json"),
    )


def _set_password(env, password: str):
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "ab_inbox", "xta", "set-password"],
        env=env,
        input=password + "\n",
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_the_password_in_the_keyring_the_fetch_names_what_is_missing(xta_env):
    result = run_cli(xta_env, "fetch", "--xta")
    assert result.returncode == 1
    assert "Passwort des XTA-Zertifikats fehlt im Schlüsselbund" in result.stderr
    status = run_cli(xta_env, "last-fetch")  # the monitoring sees it too
    assert status.returncode == 1
    assert "XTA-Postfach: " in status.stdout and "fehlt im Schlüsselbund" in status.stdout


def test_check_reports_the_certificate_and_the_account(xta_env, xta_pki):
    assert _set_password(xta_env, xta_pki.password).returncode == 0
    result = run_cli(xta_env, "xta", "check")
    assert result.returncode == 0, result.stderr
    lines = dict(line.split("\t", 1) for line in result.stdout.splitlines())
    assert "CN=" in lines["Zertifikat"] and "noch" in lines["Gültig bis"]
    assert lines["Postfach"] == "Postfach erreichbar, Konto aktiv."


def test_fetch_xta_stores_with_the_transport_receipt_time_and_closes(
    xta_env, xta_peer, xta_pki, tmp_path
):
    assert _set_password(xta_env, xta_pki.password).returncode == 0
    ids = [
        xta_peer.mailbox.add(set_family_name(valid_message(seed=900 + i), f"Zieliński{i}"))
        for i in range(3)
    ]
    result = run_cli(xta_env, "fetch", "--xta")
    assert result.returncode == 0, result.stderr
    assert "3 übernommen" in result.stdout or "3 angenommen" in result.stdout, result.stdout
    assert xta_peer.mailbox.open_ids() == []
    conn = sqlite3.connect(tmp_path / "inbox.sqlite3")
    try:
        rows = conn.execute(
            "SELECT transport, transport_id, received_at FROM messages ORDER BY id"
        ).fetchall()
        cases = conn.execute("SELECT received_at FROM cases ORDER BY id").fetchall()
    finally:
        conn.close()
    assert [r[1] for r in rows] == ids and {r[0] for r in rows} == {"xta"}
    delivered = [xta_peer.mailbox.messages[i].delivery for i in ids]
    assert [r[2][:19] for r in rows] == [d.strftime("%Y-%m-%dT%H:%M:%S") for d in delivered]
    assert [c[0] for c in cases] == [r[2] for r in rows]  # the legal receipt time of the case

    again = run_cli(xta_env, "fetch", "--xta")
    assert again.returncode == 0 and "Zusammenfassung: 0 übernommen" in again.stdout


def test_a_deactivated_login_may_not_fetch(xta_env, xta_pki, tmp_path):
    from ab_inbox.identity import act_as_for_tests
    from ab_inbox.inbox import Inbox

    assert _set_password(xta_env, xta_pki.password).returncode == 0
    with Inbox(tmp_path / "inbox.sqlite3") as box:
        me = box.user
        box.add_user("chef", "admin")
        with act_as_for_tests("chef"):
            box.set_user_active(me, False)
    result = run_cli(xta_env, "fetch", "--xta")
    assert result.returncode == 1 and "deaktiviert" in result.stderr
