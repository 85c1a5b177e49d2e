"""Opening documents and raw XML of a case in the in-app viewers, and saving them (audited)."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from ab_inbox.ui.ops import Op
from ab_inbox.ui.viewers import PdfViewer, PlaceholderViewer, viewer_for
from ab_inbox.ui.viewers.pdf_loading import too_many_pages
from ab_inbox.ui.viewers.pdf_probe import ProbeVerdict, probe_pdf
from ab_inbox.ui.viewers.render_limits import MAX_PDF_PAGES
from ab_inbox.ui.viewers.viewer_base import ViewerBase, display_name


def _placeholder(state: str, mime: str | None, dokumentuuid: str | None, parent):
    """What stands in for a document that is not here: awaited in a later delivery, or
    blocked by the checks (the reason is in the case's Prüfergebnis)."""
    if state == "awaited":
        return PlaceholderViewer.awaited(dokumentuuid or "", parent=parent)
    if state == "blocked":
        return PlaceholderViewer.blocked(
            QCoreApplication.translate(
                "MainWindow", "Bei der Prüfung gesperrt; den Grund nennt das Prüfergebnis."
            ),
            parent=parent,
        )
    return PlaceholderViewer.unsupported(mime, parent=parent)


def open_attachment(window, message_id: int, position: int) -> None:
    view = window.case_view
    chosen = view.current_document()
    if chosen is None:
        return
    _, _, state, mime, dokumentuuid, name = chosen
    if state != "stored":
        view.show_document(_placeholder(state, mime, dokumentuuid, view))
        return

    # The viewer is on screen at once, saying the document is being loaded (and a PDF tried
    # in a separate process first, see pdf_probe: up to a second or two for a hostile one).
    viewer = viewer_for(mime, parent=view)
    if isinstance(viewer, ViewerBase):
        viewer.show_loading(display_name(name))
    view.show_document(viewer)
    is_pdf = isinstance(viewer, PdfViewer)

    # A trial for a viewer that is gone (another document, another case) is stopped.
    gone = threading.Event()
    viewer.destroyed.connect(gone.set)

    def read():
        row = window.workers.get().attachment(message_id, position)
        return row["data"] if row else None

    def still_shown() -> bool:
        return not gone.is_set() and view.viewer_holder.currentWidget() is viewer

    def show(data, verdict=None):
        if not still_shown():
            return  # the user moved on
        if verdict is not None and not verdict.ok:
            viewer.begin_load()  # the bytes exist: "Speichern unter" stays possible
            viewer.show_message(probe_refusal(verdict, display_name(name)))
        else:
            viewer.load_bytes(data or b"", name)
        if hasattr(viewer, "save_requested"):
            viewer.save_requested.connect(
                lambda: save_attachment(window, message_id, position, name)
            )

    def try_then_show(data):
        if not is_pdf or not data:
            show(data)
        elif still_shown():
            Op(window, lambda: probe_pdf(data, cancel=gone), "trial").on_success(
                lambda verdict: show(data, verdict)
            ).on_failure(failed).start()

    def failed(exc: BaseException) -> None:
        if still_shown() and isinstance(viewer, ViewerBase):  # not "wird geladen" for good
            viewer.show_message(
                QCoreApplication.translate(
                    "MainWindow", "„{name}“ konnte nicht geladen werden ({error})."
                ).format(name=display_name(name), error=type(exc).__name__)
            )
        window.show_error(exc, reload=False)

    Op(window, read).on_success(try_then_show).on_failure(failed).start()


def probe_refusal(verdict: ProbeVerdict, shown_name: str) -> str:
    """Why a PDF the trial run refused is not shown, in the interface language."""
    if verdict.reason == "crashed":
        return QCoreApplication.translate(
            "MainWindow",
            "Die PDF-Datei „{name}“ hat die Prüfung vor dem Anzeigen abstürzen lassen und "
            "wird nicht angezeigt. Sie bleibt unverändert beim Fall.",
        ).format(name=shown_name)
    if verdict.reason == "too_many_pages":
        return too_many_pages(shown_name, verdict.pages, MAX_PDF_PAGES)
    if verdict.reason == "unavailable":
        return QCoreApplication.translate(
            "MainWindow",
            "PDF-Dateien können hier nicht angezeigt werden: die Prüfung vor dem Anzeigen "
            "(ein eigener Prozess) ließ sich nicht starten. Bitte die IT-Betreuung "
            "informieren. „{name}“ bleibt unverändert beim Fall.",
        ).format(name=shown_name)
    if verdict.reason == "slow_page":
        why = QCoreApplication.translate(
            "MainWindow", "Seite {page} braucht zum Darstellen zu lange"
        ).format(page=verdict.page + 1)
    elif verdict.reason == "slow_load":
        why = QCoreApplication.translate("MainWindow", "das Öffnen braucht zu lange")
    else:
        why = QCoreApplication.translate("MainWindow", "die Prüfung braucht zu lange")
    return QCoreApplication.translate(
        "MainWindow",
        "Die PDF-Datei „{name}“ wird nicht angezeigt, weil sie die Anwendung aufhalten "
        "könnte: {why}. Sie bleibt unverändert beim Fall.",
    ).format(name=shown_name, why=why)


def save_attachment(window, message_id: int, position: int, name: str) -> None:
    target, _ = QFileDialog.getSaveFileName(
        window, QCoreApplication.translate("MainWindow", "Dokument speichern unter"), name
    )
    if not target:
        return
    Op(
        window,
        lambda: window.workers.get().save_attachment(message_id, position, Path(target)),
        "write",
    ).on_success(
        lambda _row: window.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Gespeichert: {0}").format(target), 5000
        )
    ).on_failure(window.show_error).start()


def open_raw_xml(window, message_id: int) -> None:
    view = window.case_view
    name = f"{message_id}.xml"

    def show(data):
        if not view.wants_raw_xml(message_id):
            return  # the user moved on: this is another applicant's message
        viewer = viewer_for("application/xml", parent=view)
        viewer.load_bytes(data or b"", name)
        viewer.save_requested.connect(lambda: save_raw_xml(window, message_id, name))
        view.show_raw_xml(viewer)

    Op(window, lambda: window.workers.get().message_bytes(message_id)).on_success(show).on_failure(
        window.show_error
    ).start()


def save_raw_xml(window, message_id: int, name: str) -> None:
    """The message as it arrived, to a file the user chose; the core audits that it left."""
    target, _ = QFileDialog.getSaveFileName(
        window,
        QCoreApplication.translate("MainWindow", "Nachricht speichern unter"),
        name,
        QCoreApplication.translate("MainWindow", "XML-Dateien (*.xml)"),
    )
    if not target:
        return
    Op(
        window,
        lambda: window.workers.get().save_message(message_id, Path(target)),
        "write",
    ).on_success(
        lambda _sha: window.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Gespeichert: {0}").format(target), 5000
        )
    ).on_failure(window.show_error).start()
