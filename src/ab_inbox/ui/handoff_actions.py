"""The desktop side of the hand-off: export, reply, print and save the PDF summary.

Each action asks the core in a background op and shows its answer; the rules (what may be
exported, when a reply is refused) live in the core, not here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from ab_inbox.casework.roles import EXPORT_OVERRIDE, AccessDenied
from ab_inbox.durable_files import write_file_atomic
from ab_inbox.errors import BilingualError
from ab_inbox.ui.ops import Op

MAX_PAGE_PIXELS = (2480, 3508)  # A4 at 300 dpi


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


def export_case(window, override_reason: str | None = None) -> None:
    """Export the selected case; a refusal because of its state offers an exception with a
    reason (recorded and audited by the core) to those whose role may grant it. Others are
    told who can, instead of being asked for a reason the core would then refuse."""
    case_id = _case_id(window)
    if case_id is None:
        return

    def refused(exc: BaseException) -> None:
        reason = getattr(exc, "reason", None)
        if reason in ("not_ready", "invalid") and override_reason is None:
            if not may_override_export(window):
                QMessageBox.information(
                    window,
                    QCoreApplication.translate("MainWindow", "Export nicht möglich"),
                    exc.text(window.inbox.settings.language)
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
                exc.text(window.inbox.settings.language)
                + "\n\n"
                + QCoreApplication.translate(
                    "MainWindow", "Begründung für eine Ausnahme (wird protokolliert):"
                ),
            )
            if ok and text.strip():
                export_case(window, override_reason=text.strip())
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
        lambda: window.workers.get().export_case(case_id, override_reason=override_reason),
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
                dialog.show_refusal(
                    exc.text(window.inbox.settings.language), getattr(exc, "key", None)
                )
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
    their attached PDFs and images if asked; each summary is audited by the core."""
    case_ids = window.selected_case_ids()
    if not case_ids:
        window.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Kein Fall ausgewählt"), 3000
        )
        return

    def render():
        inbox = window.workers.get()
        documents = []
        for case_id in case_ids:
            documents.append(("application/pdf", inbox.summary_pdf(case_id)))
            if with_attachments:
                for message in inbox.case(case_id)["messages"]:
                    for a in message["attachments"]:
                        if a["state"] == "stored":
                            row = inbox.attachment(message["id"], a["position"]) or {}
                            if row.get("data"):
                                documents.append((a["mime"], row["data"]))
        return documents

    def show(documents) -> None:
        printer = choose_printer(window)
        if printer is not None:
            pages = print_documents(documents, printer)
            window.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "{0} Seiten gedruckt").format(pages),
                5000,
            )

    Op(window, render, "write").on_success(show).on_failure(window.show_error).start()


def choose_printer(window):
    """The system's print dialog; None when the user cancels."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, window)
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def print_documents(documents: list[tuple[str, bytes]], printer) -> int:
    """Summaries, attached PDFs and images one after another in one print job."""
    from PySide6.QtGui import QImage

    painter = QPainter()
    if not painter.begin(printer):
        return 0
    pages = 0
    try:
        for mime, data in documents:
            if mime == "application/pdf":
                pages += _paint_pdf(data, printer, painter, first=pages == 0)
            else:
                image = QImage.fromData(data)
                if image.isNull():
                    continue
                if pages:
                    printer.newPage()
                target = painter.viewport()
                scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(target.topLeft(), scaled), image)
                pages += 1
    finally:
        painter.end()
    return pages


def print_pdf(pdf: bytes, printer) -> int:
    """Render one PDF page by page onto a QPrinter (or any QPagedPaintDevice)."""
    return print_documents([("application/pdf", pdf)], printer)


def _paint_pdf(pdf: bytes, printer, painter: QPainter, *, first: bool) -> int:
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    count = document.pageCount()
    target = painter.viewport()
    for page in range(count):
        if page or not first:
            printer.newPage()
        # Pages are rendered at most at about 300 dpi for A4 and scaled onto the printer's
        # page: a 1200 dpi page image would need ~140 MB per page for no visible gain.
        size = (
            QSize(target.width(), target.height()).scaled(
                QSize(MAX_PAGE_PIXELS[0], MAX_PAGE_PIXELS[1]), Qt.AspectRatioMode.KeepAspectRatio
            )
            if target.width() > MAX_PAGE_PIXELS[0]
            else QSize(target.width(), target.height())
        )
        painter.drawImage(target, document.render(page, size))
    document.close()
    return count
