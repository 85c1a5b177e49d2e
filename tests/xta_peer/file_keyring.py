"""A keyring backend for CLI tests in child processes: entries in a JSON file named by
$AB_INBOX_TEST_KEYRING_FILE. It stands in for the OS keyring, which a test machine lacks;
selected with PYTHON_KEYRING_BACKEND=tests.xta_peer.file_keyring.FileKeyring."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    priority = 1

    @staticmethod
    def _path() -> Path:
        return Path(os.environ["AB_INBOX_TEST_KEYRING_FILE"])

    def _load(self) -> dict:
        path = self._path()
        return json.loads(path.read_text()) if path.is_file() else {}

    def get_password(self, service, username):
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service, username, password):
        data = self._load()
        data[f"{service}\n{username}"] = password
        self._path().write_text(json.dumps(data))

    def delete_password(self, service, username):
        data = self._load()
        if data.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError(username)
        self._path().write_text(json.dumps(data))
