"""Importing dropped or chosen XML files through the same pipeline as the drop folder.

Each file is handled on its own: one that cannot be read (a folder named like a message, a file
removed meanwhile) is reported by name and the others are still imported. The progress dialog
closes however the import ends, and one summary says what happened to all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QProgressDialog

from ab_inbox.errors import BilingualError
from ab_inbox.ui.ops import Op
from ab_inbox.ui.summary_box import show_summary

FAILED = "failed"  # an outcome kind of our own: the file never reached the pipeline's verdict
STORED = ("accepted", "invalid")  # both are kept as messages; invalid ones with their findings


class ProgressRelay(QObject):
    """Carries progress from the worker thread to the GUI thread (signals are thread-safe)."""

    progress = Signal(int, int)


@dataclass
class FileResult:
    name: str
    kind: str  # an Outcome kind, or FAILED
    error: BaseException | None = None


def failure_text(result: FileResult, language: str) -> str:
    """Why one file was not imported: the core's own words where it gave them, else the error
    type (an OS error's message may quote a path beyond the file's name)."""
    exc = result.error
    if isinstance(exc, BilingualError):
        return f"{result.name}: {exc.text(language)}"
    if isinstance(exc, IsADirectoryError):
        return QCoreApplication.translate(
            "MainWindow", "{0}: ist ein Ordner, keine Datei ({1})"
        ).format(result.name, type(exc).__name__)
    if isinstance(exc, FileNotFoundError):
        return QCoreApplication.translate(
            "MainWindow", "{0}: Datei nicht mehr vorhanden ({1})"
        ).format(result.name, type(exc).__name__)
    if isinstance(exc, OSError):
        return QCoreApplication.translate(
            "MainWindow", "{0}: Datei konnte nicht gelesen werden ({1})"
        ).format(result.name, type(exc).__name__)
    return QCoreApplication.translate("MainWindow", "{0}: Unerwarteter Fehler ({1})").format(
        result.name, type(exc).__name__
    )


def summary_text(results: list[FileResult], not_imported: int, language: str) -> str:
    """One summary for the whole import: counts first, then each failed file with its reason."""
    kinds = [r.kind for r in results]
    text = QCoreApplication.translate(
        "MainWindow",
        "Import beendet: {0} gespeichert (davon {1} ungültig), {2} abgewiesen (Quarantäne), "
        "{3} doppelt, {4} fehlgeschlagen.",
    ).format(
        sum(kinds.count(k) for k in STORED),
        kinds.count("invalid"),
        kinds.count("quarantined"),
        kinds.count("duplicate"),
        kinds.count(FAILED),
    )
    if not_imported:
        text += "\n" + QCoreApplication.translate(
            "MainWindow", "{0} Dateien wurden nach dem Abbruch nicht mehr importiert."
        ).format(not_imported)
    failed = [failure_text(r, language) for r in results if r.kind == FAILED]
    if failed:
        text += (
            "\n\n"
            + QCoreApplication.translate("MainWindow", "Nicht importiert:")
            + "\n"
            + "\n".join(failed)
        )
    return text


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
    results: list[FileResult] = []  # filled by the worker, read on the GUI thread at the end

    def work():
        inbox = window.workers.get()
        for i, path in enumerate(paths):
            if cancelled:
                break
            try:
                outcome = inbox.receive_bytes(path.read_bytes(), path.name, transport="file")
            except (OSError, BilingualError) as exc:
                results.append(FileResult(path.name, FAILED, exc))
            else:
                results.append(FileResult(path.name, outcome.kind))
            relay.progress.emit(i + 1, len(paths))
        return results

    def finish() -> None:
        dialog.reset()  # setValue(maximum) would not close it once cancelled
        dialog.close()
        dialog.deleteLater()
        relay.deleteLater()
        language = window.inbox.settings.language
        not_imported = len(paths) - len(results)
        text = summary_text(results, not_imported, language)
        window.statusBar().showMessage(text.split("\n", 1)[0], 10000)
        if not_imported or any(r.kind == FAILED for r in results):
            title = QCoreApplication.translate("MainWindow", "Import")
            show_summary(window, title, text, "import_summary")
        window.after_own_write()  # reloads the queue and asks again for the user's role
        window.import_finished.emit([r.kind for r in results])

    def crashed(exc: BaseException) -> None:
        """Something other than the file or the core's rules failed: the file being read is
        reported as failed, the rest as not imported."""
        if len(results) < len(paths):
            results.append(FileResult(paths[len(results)].name, FAILED, exc))
        finish()

    Op(window, work, "write").on_success(lambda _results: finish()).on_failure(crashed).start()
