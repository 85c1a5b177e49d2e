"""Importing dropped or chosen XML files through the same pipeline as the drop folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QProgressDialog

from ab_inbox.ui.ops import Op


class ProgressRelay(QObject):
    """Carries progress from the worker thread to the GUI thread (signals are thread-safe)."""

    progress = Signal(int, int)


def import_files(window, paths: list[Path]) -> None:
    if not paths:
        return
    dialog = QProgressDialog(
        QCoreApplication.translate("MainWindow", "Importiere Nachrichten…"),
        QCoreApplication.translate("MainWindow", "Abbrechen"),
        0,
        len(paths),
        window,
    )
    dialog.setWindowTitle(QCoreApplication.translate("MainWindow", "Import"))
    dialog.setMinimumDuration(300)
    relay = ProgressRelay(window)
    relay.progress.connect(lambda done, total: dialog.setValue(done))
    cancelled = []
    dialog.canceled.connect(lambda: cancelled.append(True))

    def work():
        inbox = window.workers.get()
        outcomes = []
        for i, path in enumerate(paths):
            if cancelled:
                break
            outcomes.append(inbox.receive_bytes(path.read_bytes(), path.name, transport="file"))
            relay.progress.emit(i + 1, len(paths))
        return outcomes

    def done(outcomes):
        dialog.close()
        kinds = [o.kind for o in outcomes]
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "MainWindow", "Import: {0} übernommen, {1} ungültig, {2} doppelt, {3} Quarantäne"
            ).format(
                kinds.count("accepted"),
                kinds.count("invalid"),
                kinds.count("duplicate"),
                kinds.count("quarantined"),
            ),
            10000,
        )
        window.model.forget_rows()
        window.refresh()
        window.import_finished.emit(kinds)

    Op(window, work, "write").on_success(done).on_failure(window.show_error).start()
