"""Importing dropped or chosen XML files through the same pipeline as the drop folder.

A dropped folder brings the XML files in it and its subfolders. Each file is handled on its own:
one that cannot be read (a file removed meanwhile) or fails otherwise is reported by name and
the others are still imported. A dropped file that is not XML, or a dropped folder without any,
is skipped and named (other files inside a folder are left alone without a word). The progress
dialog closes however the import ends, and one summary says what happened to all of them,
with the reason of each file the pipeline rejected.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QProgressDialog

from ab_inbox.errors import BilingualError
from ab_inbox.ui.i18n import current_language
from ab_inbox.ui.ops import Op
from ab_inbox.ui.summary_box import show_summary

if TYPE_CHECKING:
    from ab_inbox.ingest.pipeline import Outcome

FAILED = "failed"  # an outcome kind of our own: the file never reached the pipeline's verdict
SKIPPED = "skipped"  # another of our own: not an XML file, or a folder without any
STORED = ("accepted", "invalid")  # both are kept as messages; invalid ones with their findings


class ProgressRelay(QObject):
    """Carries progress from the worker thread to the GUI thread (signals are thread-safe)."""

    progress = Signal(int, int)


@dataclass
class FileResult:
    name: str
    kind: str  # an Outcome kind, FAILED or SKIPPED
    error: BaseException | None = None
    outcome: Outcome | None = None  # the pipeline's verdict, with its reason


def xml_files(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """The files to import: the XML files given, and those in given folders and their
    subfolders (in name order); and what is skipped: other files, folders without XML."""
    files, skipped = [], []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() == ".xml" and p.is_file())
            files += found
            if not found:
                skipped.append(path)
        elif path.suffix.lower() == ".xml":
            files.append(path)  # one that is gone by now fails by name when it is read
        else:
            skipped.append(path)
    return files, skipped


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


def summary_text(
    results: list[FileResult],
    not_imported: int,
    language: str,
    stopped_by: BaseException | None = None,
) -> str:
    """One summary for the whole import: counts first, then each file that was not stored,
    with its reason."""
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
    if kinds.count(SKIPPED):
        text += " " + QCoreApplication.translate(
            "MainWindow", "{0} übersprungen (keine XML-Datei)."
        ).format(kinds.count(SKIPPED))
    if stopped_by is not None:
        text += "\n" + QCoreApplication.translate(
            "MainWindow",
            "Der Import brach mit einem Fehler ab ({0}); {1} Dateien wurden nicht mehr importiert.",
        ).format(type(stopped_by).__name__, not_imported)
    elif not_imported:
        text += "\n" + QCoreApplication.translate(
            "MainWindow", "{0} Dateien wurden nach dem Abbruch nicht mehr importiert."
        ).format(not_imported)
    english = language != "de"
    parts = [
        (
            QCoreApplication.translate("MainWindow", "Nicht importiert:"),
            [failure_text(r, language) for r in results if r.kind == FAILED],
        ),
        (
            QCoreApplication.translate("MainWindow", "Abgewiesen (Quarantäne):"),
            [
                f"{r.name}: {r.outcome.text_en if english else r.outcome.text_de}"
                for r in results
                if r.kind == "quarantined" and r.outcome is not None
            ],
        ),
        (
            QCoreApplication.translate("MainWindow", "Übersprungen, keine XML-Datei:"),
            [r.name for r in results if r.kind == SKIPPED],
        ),
    ]
    for title, lines in parts:
        if lines:
            text += "\n\n" + title + "\n" + "\n".join(lines)
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
    relay.progress.connect(lambda done, total: (dialog.setMaximum(total), dialog.setValue(done)))
    cancelled = []
    dialog.canceled.connect(lambda: cancelled.append(True))
    results: list[FileResult] = []  # filled by the worker, read on the GUI thread at the end
    files: list[Path] = []  # the files found, folders opened (by the worker: it may take time)
    listed: list[bool] = []  # set once they are

    def work():
        inbox = window.workers.get()
        found, skipped = xml_files(paths)
        files.extend(found)
        listed.append(True)
        results.extend(FileResult(path.name, SKIPPED) for path in skipped)
        relay.progress.emit(0, len(files))
        for i, path in enumerate(files):
            if cancelled:
                break
            try:
                outcome = inbox.receive_file(path)
            except Exception as exc:  # this file's own failure: the others are still imported
                results.append(FileResult(path.name, FAILED, exc))
            else:
                results.append(FileResult(path.name, outcome.kind, outcome=outcome))
            relay.progress.emit(i + 1, len(files))
        return results

    def finish(stopped_by: BaseException | None = None) -> None:
        dialog.reset()  # setValue(maximum) would not close it once cancelled
        dialog.close()
        dialog.deleteLater()
        relay.deleteLater()
        language = current_language()
        # Stopped before the files were listed (the folders could not be read): none of
        # what was dropped got in.
        expected = len(files) if listed else len(paths)
        not_imported = expected - sum(1 for r in results if r.kind != SKIPPED)
        text = summary_text(results, not_imported, language, stopped_by)
        window.statusBar().showMessage(text.split("\n", 1)[0], 10000)
        told = (FAILED, SKIPPED, "quarantined")
        if not_imported or stopped_by or any(r.kind in told for r in results):
            title = QCoreApplication.translate("MainWindow", "Import")
            show_summary(window, title, text, "import_summary")
        window.after_own_write()  # reloads the queue and asks again for the user's role
        window.import_finished.emit([r.kind for r in results])

    def crashed(exc: BaseException) -> None:
        """The import itself failed (not one file: the folders could not be read, or the
        worker's store could not be opened): the files not imported are counted."""
        finish(stopped_by=exc)

    Op(window, work, "write").on_success(lambda _results: finish()).on_failure(crashed).start()
