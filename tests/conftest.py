"""Shared fixtures: an isolated environment per test, the shared schema pack, a fresh Inbox."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]


def schema_pack_dir() -> Path:
    """Tests and CI use the shared XAusländer copy beside the checkout (never a repo copy)."""
    explicit = os.environ.get("AB_INBOX_TEST_SCHEMAS")
    return Path(explicit) if explicit else REPO.parent / "shared" / "xauslaender"


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path_factory, monkeypatch):
    """No test reads or writes the user's real data, settings or installed packs."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("AB_INBOX_DATA", str(home / "data"))
    monkeypatch.setenv("AB_INBOX_CONFIG", str(home / "settings.json"))
    monkeypatch.delenv("AB_INBOX_DB", raising=False)
    monkeypatch.delenv("AB_INBOX_SCHEMAS", raising=False)
    yield


@pytest.fixture(scope="session")
def schemas_dir() -> Path:
    path = schema_pack_dir()
    if not (path / "catalog.xml").is_file():
        pytest.fail(f"schema pack not found at {path}; set AB_INBOX_TEST_SCHEMAS")
    return path


def add_team(box) -> None:
    """A team lead and two caseworkers beside the tester (administration)."""
    box.add_user("lead", "teamlead", "Frau Leitner")
    box.add_user("anna", "caseworker", "Anna Arslan")
    box.add_user("ben", "caseworker", "Ben Bauer")


def ensure_tester(box) -> None:
    """Set the tester's OS login up as the store's first user (Administration) if needed."""
    if not box.actor().known:
        box.add_user(box.user, "admin")


@pytest.fixture
def inbox(tmp_path, schemas_dir):
    from ab_inbox.inbox import Inbox

    with Inbox(db_path=tmp_path / "inbox.sqlite3", schemas_dir=schemas_dir) as box:
        ensure_tester(box)
        yield box


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in a dict for the duration of one test."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.passwords.get((service, username))

    def set_password(self, service, username, password):
        self.passwords[(service, username)] = password

    def delete_password(self, service, username):
        try:
            del self.passwords[(service, username)]
        except KeyError:
            raise PasswordDeleteError(username) from None
