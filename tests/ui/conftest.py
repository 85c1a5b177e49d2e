"""Fixtures for Qt tests: synchronous ops by default, no leftover workers, no real keyring.

`qapp` and `qtbot` come from pytest-qt; the root conftest already gives every test its own
AB_INBOX_CONFIG and AB_INBOX_DATA and sets QT_QPA_PLATFORM=offscreen.
"""

from __future__ import annotations

import os
from contextlib import ExitStack
from datetime import date, timedelta

import keyring
import keyring.core
import pytest
from keyring.backends import fail

from ab_inbox.config import Settings, settings_path
from ab_inbox.identity import act_as_for_tests
from ab_inbox.ui import ops
from tests.conftest import MemoryKeyring

WORKER_GRACE_MS = 2000


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "real_threads: run ui.ops on real worker threads instead of synchronously"
    )


def _uses_real_threads(request) -> bool:
    return (
        request.node.get_closest_marker("real_threads") is not None
        or "real_threads" in request.fixturenames
    )


@pytest.fixture(autouse=True)
def _ops_mode(request):
    """Ops run synchronously unless the test is marked or asks for `real_threads`."""
    with ops.run_synchronously(not _uses_real_threads(request)):
        yield


@pytest.fixture(autouse=True)
def _no_leftover_workers(qapp):
    """Fail a test that leaves a worker running; deliver pending results before the next test."""
    yield
    done = ops.wait_for_all(WORKER_GRACE_MS)
    qapp.processEvents()
    if not done:
        pytest.fail(
            f"{ops.active_count()} background op(s) still running "
            f"{WORKER_GRACE_MS} ms after the test"
        )


@pytest.fixture
def real_threads():
    """Request this (or use @pytest.mark.real_threads) to run ops on worker threads."""
    assert not ops.is_synchronous()


@pytest.fixture(autouse=True)
def _no_real_keyring(monkeypatch):
    """No test touches the user's keyring: without `memory_keyring`, keyring calls fail."""
    monkeypatch.setattr(keyring.core, "_keyring_backend", None, raising=False)
    keyring.set_keyring(fail.Keyring())


@pytest.fixture
def memory_keyring(_no_real_keyring) -> MemoryKeyring:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture
def fresh_settings() -> Settings:
    """Default settings; their file is the per-test AB_INBOX_CONFIG and does not exist yet."""
    assert os.environ.get("AB_INBOX_CONFIG"), "root conftest must isolate AB_INBOX_CONFIG"
    assert not settings_path().exists()
    return Settings()


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    """The texts of the warning boxes shown, recorded instead of shown (a modal box would wait
    for ever)."""
    shown: list[str] = []
    monkeypatch.setattr(
        "PySide6.QtWidgets.QMessageBox.warning", lambda *args: shown.append(args[2])
    )
    return shown


@pytest.fixture
def warning_boxes(monkeypatch) -> list[tuple[str, str]]:
    """The title and text of each warning box shown, recorded instead of shown."""
    shown: list[tuple[str, str]] = []

    def record(parent, title, text, *args, **kwargs):
        from PySide6.QtWidgets import QMessageBox

        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning", record)
    return shown


@pytest.fixture
def main_windows(qtbot):
    """main_windows(db, schemas_dir, settings=None, login=None): a main window on that store as
    that login (None: the tester), not polling (the tests change the store on purpose behind
    it); every window is closed and the login given back after the test."""
    from ab_inbox.ui.app import create_window

    stack = ExitStack()
    windows = []

    def make(db, schemas_dir, settings: Settings | None = None, login: str | None = None):
        if login is not None:
            stack.enter_context(act_as_for_tests(login))
        window = create_window(db, schemas_dir, settings or Settings())
        window.live_timer.stop()
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        close_window(window)
    stack.close()


def press_ok(dialog) -> None:
    """The OK button of a dialog with a `button_box` (the settings dialog)."""
    from PySide6.QtWidgets import QDialogButtonBox

    dialog.button_box.button(QDialogButtonBox.StandardButton.Ok).click()


def shift_today(monkeypatch, days: int, *modules: str) -> date:
    """Let `modules` believe it is `days` later (their `date.today()`); the day it is then."""
    shifted = date.today() + timedelta(days=days)

    class Later(date):
        @classmethod
        def today(cls):
            return shifted

    for module in modules:
        monkeypatch.setattr(f"{module}.date", Later)
    return shifted


def close_window(window) -> None:
    """Stop a test's main window polling and close its connections (workers first)."""
    window.stop_background()
    window.workers.close_all()
    window.inbox.close()


@pytest.fixture
def language(qapp):
    """Installs the interface language given ("de", "en"); German again afterwards."""
    from ab_inbox.ui import i18n

    def install(lang: str):
        return i18n.install_translators(qapp, lang)

    yield install
    i18n.remove_translators(qapp)
