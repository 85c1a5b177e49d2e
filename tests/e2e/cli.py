"""Running the real `ab-inbox` command in a child process, as automation would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def cli_env(
    tmp_path: Path, schemas_dir: Path, *, first_user: bool = True, **extra: str
) -> dict[str, str]:
    """The environment of a CLI run against a store in tmp_path; with first_user the tester's
    OS login is set up as the store's first user (Administration), as at installation."""
    if first_user:
        from ab_inbox.inbox import Inbox

        with Inbox(db_path=tmp_path / "inbox.sqlite3") as box:
            if not box.actor().known:
                box.add_user(box.user, "admin")
    env = dict(os.environ)
    env.update(
        AB_INBOX_DB=str(tmp_path / "inbox.sqlite3"),
        AB_INBOX_DATA=str(tmp_path / "appdata"),
        AB_INBOX_CONFIG=str(tmp_path / "settings.json"),
        AB_INBOX_SCHEMAS=str(schemas_dir),
        PYTHONWARNINGS="error::DeprecationWarning:ab_inbox",
    )
    env.update(extra)
    return env


def run_cli(env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ab_inbox", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def start_cli(env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "ab_inbox", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,
    )
