"""The desktop side of the hand-off: export, reply, print and save the PDF summary.

Each action asks the core in a background op and shows its answer; the rules (what may be
exported, when a reply is refused) live in the core, not here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog

from ab_inbox.casework.roles import EXPORT_OVERRIDE, AccessDenied
from ab_inbox.durable_files import write_file_atomic
from ab_inbox.errors import BilingualError
from ab_inbox.ui.i18n import current_language
from ab_inbox.ui.ops import Op
from ab_inbox.ui.questions import confirm

if TYPE_CHECKING:  # printing pulls in QtPdf and the viewers: loaded when first used
    from ab_inbox.ui.print_pages import PrintDocument, PrintReport


def _case_id(window) -> int | None:
    case = window.case_view.case
    if case is None:
        window.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Kein Fall ausgewählt"), 3000
        )
        return None
    return case["id"]


def may_override_export(window) -> bool:
    actor = window.actor
    return actor is not None and actor.may(EXPORT_OVERRIDE)


def export_case(window, override_reason: str | None = None, without_awaited: bool = False) -> None:
    """Export the selected case; a refusal because of its state offers an exception with a
    reason (recorded and audited by the core) to those whose role may grant it. Others are
    told who can, instead of being asked for a reason the core would then refuse. A case
    still awaiting announced documents is exported only after a question (No the default)."""
    case_id = _case_id(window)
    if case_id is None:
        return

    def refused(exc: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox  # loaded when first needed: 3 ms of start-up

        reason = getattr(exc, "reason", None)
        if reason == "documents_awaited":
            if confirm(
                window,
                exc.text(current_language())
                + "\n\n"
                + QCoreApplication.translate("MainWindow", "Trotzdem exportieren?"),
                QCoreApplication.translate("MainWindow", "Dokumente fehlen noch"),
            ):
                export_case(window, override_reason=override_reason, without_awaited=True)
            return
        if reason in ("not_ready", "invalid") and override_reason is None:
            if not may_override_export(window):
                QMessageBox.information(
                    window,
                    QCoreApplication.translate("MainWindow", "Export nicht möglich"),
                    exc.text(current_language())
                    + "\n\n"
                    + QCoreApplication.translate(
                        "MainWindow",
                        "Eine Teamleitung kann den Fall trotzdem exportieren (mit einer "
                        "Begründung, die protokolliert wird). Bitte wenden Sie sich an Ihre "
                        "Teamleitung.",
                    ),
                )
                return
            text, ok = QInputDialog.getText(
                window,
                QCoreApplication.translate("MainWindow", "Export trotzdem?"),
                exc.text(current_language())
                + "\n\n"
                + QCoreApplication.translate(
                    "MainWindow", "Begründung für eine Ausnahme (wird protokolliert):"
                ),
            )
            if ok and text.strip():
                export_case(window, override_reason=text.strip(), without_awaited=without_awaited)
            return
        window.show_error(exc)

    def done(receipt) -> None:
        window.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Exportiert: {0} Dateien nach {1}").format(
                len(receipt.files), receipt.target
            ),
            8000,
        )
        window.model.forget_rows()
        window.refresh()

    Op(
        window,
        lambda: window.workers.get().export_case(
            case_id, override_reason=override_reason, without_awaited=without_awaited
        ),
        "write",
    ).on_success(done).on_failure(refused).start()


def compose_reply(window, type_code: str) -> None:
    """Open the compose dialog for a reply type, prefilled with the core's German texts."""
    from ab_inbox.ui.compose_dialog import ComposeDialog
    from ab_inbox.xauslaender.outbound import reply_type
    from ab_inbox.xauslaender.outbound.fields import choices

    case_id = _case_id(window)
    if case_id is None:
        return
    kind = reply_type(type_code)

    def prepare():
        inbox = window.workers.get()
        defaults = inbox.reply_defaults(case_id, type_code)
        version = next(
            (m["version"] for m in inbox.case(case_id)["messages"] if m.get("version")), None
        )
        pack = inbox.packs.pack_for_version(version) if version else None
        options = {
            f.key: choices(f, pack) for f in kind.fields if f.kind == "code" and pack is not None
        }
        return defaults, options

    def show(prepared) -> None:
        defaults, options = prepared
        ask(ComposeDialog(kind, defaults, options, window))

    def ask(dialog) -> None:
        """Show the dialog (again, with all it holds) until the reply is sent or cancelled."""
        if dialog.exec() != QDialog.DialogCode.Accepted:
            dialog.deleteLater()
            return
        try:
            content = dialog.values()
        except OSError as exc:
            dialog.show_refusal(
                QCoreApplication.translate(
                    "MainWindow", "Das gewählte Dokument kann nicht gelesen werden ({0})."
                ).format(type(exc).__name__)
            )
            ask(dialog)
            return

        def sent(receipt) -> None:
            dialog.deleteLater()
            window.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "Antwort gesendet: {0}").format(
                    Path(str(receipt.path)).name
                ),
                8000,
            )
            window.load_case(case_id, audit=False)

        def refused(exc: BaseException) -> None:
            # The core sends nothing when it refuses (content, settings, outbox not writable),
            # so the caseworker corrects the reply instead of typing it again. Missing rights
            # or an unexpected failure end it: sending again would not help or might repeat.
            if isinstance(exc, BilingualError) and not isinstance(exc, AccessDenied):
                dialog.show_refusal(exc.text(current_language()), getattr(exc, "key", None))
                ask(dialog)
                return
            dialog.deleteLater()
            window.show_error(exc)

        Op(
            window,
            lambda: window.workers.get().send_reply(case_id, type_code, content),
            "write",
        ).on_success(sent).on_failure(refused).start()

    Op(window, prepare).on_success(show).on_failure(window.show_error).start()


def save_summary(window) -> None:
    """Save the PDF summary (for machines without a printer, or to send it on)."""
    case_id = _case_id(window)
    if case_id is None:
        return
    target, _ = QFileDialog.getSaveFileName(
        window,
        QCoreApplication.translate("MainWindow", "Zusammenfassung speichern"),
        f"Fall-{case_id}.pdf",
        QCoreApplication.translate("MainWindow", "PDF (*.pdf)"),
    )
    if not target:
        return

    def work():
        write_file_atomic(Path(target), window.workers.get().summary_pdf(case_id))
        return target

    Op(window, work, "write").on_success(
        lambda path: window.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Gespeichert: {0}").format(path), 8000
        )
    ).on_failure(window.show_error).start()


def print_summary(window, with_attachments: bool = False) -> None:
    """Print the PDF summaries of the selected cases (one or many) in one print job, with
    their attached PDFs and images if asked; each summary is audited by the core.

    Attachments come from applicants: what is over a limit or cannot be opened is not printed
    and is named afterwards, in the status bar and in a message box."""
    case_ids = window.selected_case_ids()
    if not case_ids:
        window.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Kein Fall ausgewählt"), 3000
        )
        return

    from ab_inbox.ui.print_pages import PDF, PrintDocument, PrintJob, report_text

    def collect() -> list[PrintDocument]:
        inbox = window.workers.get()
        documents = []
        for case_id in case_ids:
            title = QCoreApplication.translate("MainWindow", "Zusammenfassung Fall {0}")
            documents.append(PrintDocument(title.format(case_id), PDF, inbox.summary_pdf(case_id)))
            if with_attachments:
                for message in inbox.case(case_id)["messages"]:
                    for a in message["attachments"]:
                        if a["state"] == "stored":
                            row = inbox.attachment(message["id"], a["position"]) or {}
                            if row.get("data"):
                                name = a.get("file_name") or a.get("label") or str(a["position"])
                                documents.append(PrintDocument(name, a["mime"], row["data"]))
        return documents

    def chosen(documents: list[PrintDocument]) -> None:
        printer = choose_printer(window)
        if printer is not None:
            job = PrintJob(documents, printer, on_done=printed)
            job.show_progress(window)
            job.start()

    def printed(report: PrintReport) -> None:
        from ab_inbox.ui.summary_box import show_summary  # QMessageBox: 3 ms of start-up

        if not shiboken6.isValid(window):
            return
        text = report_text(report)
        window.statusBar().showMessage(text.split("\n", 1)[0], 10000)
        if report.not_printed or report.printer_failed:
            title = QCoreApplication.translate("MainWindow", "Drucken")
            show_summary(window, title, text, "print_summary")
        if report.error is not None:
            window.show_error(report.error, reload=False)

    Op(window, collect, "write").on_success(chosen).on_failure(window.show_error).start()


def choose_printer(window):
    """The system's print dialog; None when the user cancels."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, window)
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def print_documents(documents: Sequence[PrintDocument], printer) -> PrintReport:
    """Print documents in one job under the same limits, blocking the calling thread.

    For scripts and small trusted jobs; the desktop prints through `PrintJob`, which renders in
    background ops."""
    from ab_inbox.ui.print_pages import PrintJob

    job = PrintJob(list(documents), printer, blocking=True)
    job.start()
    if job.report.error is not None:
        raise job.report.error
    return job.report


def print_pdf(pdf: bytes, printer) -> int:
    """Print one PDF (such as a summary) onto a QPrinter or QPdfWriter; returns its pages.

    A PDF that is not printed (over a limit, locked, broken) raises ValueError with the reason,
    so it cannot be lost without notice."""
    from ab_inbox.ui.print_pages import PDF, PrintDocument

    report = print_documents([PrintDocument("PDF", PDF, pdf)], printer)
    if report.not_printed:
        raise ValueError(report.not_printed[0].reason)
    return report.pages
