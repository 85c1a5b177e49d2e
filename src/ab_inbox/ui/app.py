"""Starting the desktop: application, translations, the access gate, the core, the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from ab_inbox import config
from ab_inbox.errors import BilingualError
from ab_inbox.inbox import Inbox
from ab_inbox.ui.i18n import install_translators
from ab_inbox.ui.ops import ThreadLocalInbox, wait_for_all


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


def run_gui(db_path=None, schemas_dir=None) -> int:
    from ab_inbox.ui import access_gate

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("AB-Inbox")
    app.setOrganizationName("ab-inbox")
    settings = config.Settings.load()
    install_translators(app, settings.language)
    try:
        inbox = Inbox(db_path=db_path, schemas_dir=schemas_dir, settings=settings)
    except BilingualError as exc:
        QMessageBox.critical(None, "AB-Inbox", exc.text(settings.language))
        return 2
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
    code = app.exec()
    wait_for_all(10_000)
    window.workers.close_all()
    window.inbox.close()
    return code
