"""Identity is the OS account: environment variables that name another user change nothing."""

from __future__ import annotations

from ab_inbox.identity import act_as_for_tests
from ab_inbox.inbox import Inbox
from tests.e2e.cli import cli_env, run_cli


def test_user_variables_do_not_make_a_caseworker_a_team_lead(tmp_path, schemas_dir):
    env = cli_env(tmp_path, schemas_dir)
    with Inbox(tmp_path / "inbox.sqlite3") as box:
        me = box.user
        box.add_user("chef", "admin")
        with act_as_for_tests("chef"):
            box.set_role(me, "caseworker")
    spoofed = dict(env, USER="chef", LOGNAME="chef", USERNAME="chef", LNAME="chef")

    assert run_cli(spoofed, "whoami").stdout.split("\t")[0] == me
    result = run_cli(spoofed, "users", "add", "mallory", "--role", "admin")
    assert result.returncode == 1 and "Sachbearbeitung" in result.stderr
    with Inbox(tmp_path / "inbox.sqlite3") as box:
        logins = {row[0] for row in box.db.execute("SELECT login FROM users")}
    assert "mallory" not in logins
