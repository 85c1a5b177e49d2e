"""Starting the desktop: application, translations, the access gate, the core, the main window."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path

# The core first: once PySide6 is imported, it reads the source of every module imported
# after it, to see whether it uses PySide6 (about 10 ms of start-up for the core's modules).
from ab_inbox import config
from ab_inbox.errors import BilingualError
from ab_inbox.inbox import Inbox

# Qt's raster engine hands every fill of 96 or more pixel lines (a row's background, a scroll
# bar, the grid) to a thread pool and waits for it. For a window of widgets the hand-off costs
# more than the fill: repainting the queue after a search took 7.4 ms with the pool and 5.0 ms
# without it (33 rows, 2 cores). Qt asks once, at its first such fill, whether the switch is
# set at all (any value turns the pool off); an environment that sets it is left as it is.
os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")

# isort: split
from PySide6.QtWidgets import QApplication

from ab_inbox.ui.i18n import install_translators
from ab_inbox.ui.ops import ThreadLocalInbox, end_worker_threads, wait_for_all


def create_window(
    db_path=None,
    schemas_dir=None,
    settings: config.Settings | None = None,
    inbox: Inbox | None = None,
):
    """The main window on a store (also used by tests and the screenshot script)."""
    from ab_inbox.ui.main_window import MainWindow

    settings = settings or config.Settings.load()
    inbox = inbox or Inbox(db_path=db_path, schemas_dir=schemas_dir, settings=settings)
    workers = ThreadLocalInbox(
        lambda: Inbox(db_path=inbox.db_path, schemas_dir=schemas_dir, settings=settings)
    )
    return MainWindow(inbox, workers)


START_FAILED = 2  # the exit code when the settings or the store cannot be opened

_START_ERRORS = (OSError, sqlite3.Error, ValueError, BilingualError)


def _reason(exc: BaseException) -> tuple[str, str]:
    """Why a start-up file failed, German and English. Only the error's kind and position:
    no content of the file is quoted."""
    if isinstance(exc, BilingualError):
        return exc.text_de, exc.text_en
    if isinstance(exc, json.JSONDecodeError):
        where = f"{exc.msg} ({exc.lineno}:{exc.colno})"
        return f"kein gültiges JSON: {where}", f"not valid JSON: {where}"
    if isinstance(exc, OSError):
        detail = exc.strerror or type(exc).__name__
        return detail, detail
    if isinstance(exc, sqlite3.Error):
        detail = str(exc) or type(exc).__name__
        return (
            f"keine lesbare AB-Inbox-Datenbank ({detail})",
            f"not a readable AB-Inbox database ({detail})",
        )
    detail = str(exc) or type(exc).__name__
    return f"ungültiger Wert ({detail})", f"invalid value ({detail})"


def show_start_error(what: str, path: Path, exc: BaseException) -> int:
    """One critical message naming the file and the reason, German and English; START_FAILED.

    `what` is "settings" or "store"."""
    from PySide6.QtWidgets import QMessageBox  # loaded when first needed: 3 ms of start-up

    reason_de, reason_en = _reason(exc)
    if what == "settings":
        text_de = f"Die Einstellungsdatei {path} kann nicht gelesen werden: {reason_de}"
        text_en = f"The settings file {path} cannot be read: {reason_en}"
    else:
        text_de = f"Der Datenbestand {path} kann nicht geöffnet werden: {reason_de}"
        text_en = f"The store {path} cannot be opened: {reason_en}"
    QMessageBox.critical(
        None,
        "AB-Inbox",
        f"{text_de}\nAB-Inbox wird beendet.\n\n{text_en}\nAB-Inbox will close.",
    )
    return START_FAILED


def open_window(db_path=None, schemas_dir=None):
    """Everything `ab-inbox` does before its event loop runs: the application, settings,
    translations, the store, the access gate, the main window shown. Returns the window, or
    the exit code if start-up stopped (the user was told why)."""
    from ab_inbox.ui import access_gate

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("AB-Inbox")
    app.setOrganizationName("ab-inbox")
    try:
        settings = config.Settings.load()
    except _START_ERRORS as exc:
        return show_start_error("settings", config.settings_path(), exc)
    install_translators(app, settings.language)
    store_path = Path(db_path) if db_path else config.default_db_path()
    try:
        inbox = Inbox(db_path=store_path, schemas_dir=schemas_dir, settings=settings)
    except _START_ERRORS as exc:
        return show_start_error("store", store_path, exc)
    refused = access_gate.pass_gate(
        inbox,
        settings.language,
        ask_first_user=access_gate.ask_first_user_dialog,
        show_refusal=access_gate.show_refusal_dialog,
    )
    if refused is not None:
        inbox.close()
        return refused
    window = create_window(db_path, schemas_dir, settings, inbox=inbox)
    window.show()
    return window


def run_gui(db_path=None, schemas_dir=None) -> int:
    window = open_window(db_path, schemas_dir)
    if isinstance(window, int):
        return window
    code = QApplication.instance().exec()
    wait_for_all(10_000)
    window.workers.close_all()
    window.inbox.close()
    end_worker_threads()
    return code
