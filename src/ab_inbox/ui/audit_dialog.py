"""The audit log for team leads and administration: filter, page through, check, export.

The log is read a page at a time (newest first), so a log of millions of entries opens as fast
as an empty one. "Kette prüfen" recomputes the hash chain; the CSV export uses the same filters
and is itself audited by the core.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from ab_inbox.ui.i18n import local_time
from ab_inbox.ui.team_dialog import TeamDialog, fill, table

PAGE_SIZE = 200


class AuditDialog(TeamDialog):
    def __init__(self, main, parent=None):
        super().__init__(main, parent)
        self.setWindowTitle(self.tr("Protokoll"))
        self.offset = 0
        self.total = 0
        self.choose_export_path = self._ask_export_path
        self._build_filters()
        self.table = table(
            [
                self.tr("Zeit (lokal)"),
                self.tr("Benutzer"),
                self.tr("Arbeitsplatz"),
                self.tr("Aktion"),
                self.tr("Fall"),
                self.tr("Nachricht"),
                self.tr("Detail"),
                self.tr("Ergebnis"),
            ],
            self.tr("Protokolleinträge"),
        )
        self.page_label = QLabel()
        self.page_label.setAccessibleName(self.tr("Seite"))
        self.previous_button = QPushButton(self.tr("◀ &Neuere"))
        self.previous_button.clicked.connect(lambda: self.load_page(self.offset - PAGE_SIZE))
        self.next_button = QPushButton(self.tr("Ä&ltere ▶"))
        self.next_button.clicked.connect(lambda: self.load_page(self.offset + PAGE_SIZE))
        self.verify_button = QPushButton(self.tr("&Kette prüfen"))
        self.verify_button.clicked.connect(self.verify)
        self.export_button = QPushButton(self.tr("Als CSV e&xportieren…"))
        self.export_button.clicked.connect(self.export)
        paging = QHBoxLayout()
        for widget in (self.previous_button, self.page_label, self.next_button):
            paging.addWidget(widget)
        paging.addStretch(1)
        for button in (self.verify_button, self.export_button):
            paging.addWidget(button)
        for button in (
            self.previous_button,
            self.next_button,
            self.verify_button,
            self.export_button,
        ):
            button.setAccessibleName(button.text().replace("&", ""))
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setAccessibleName(self.tr("Ergebnis"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.filter_grid)
        layout.addWidget(self.table)
        layout.addLayout(paging)
        layout.addWidget(self.result)
        layout.addWidget(buttons)
        self.resize(1100, 640)

    def _build_filters(self) -> None:
        today = QDate.currentDate()
        self.use_since = QCheckBox(self.tr("&Von:"))
        self.since = QDateEdit(today.addDays(-30))
        self.since.setAccessibleName(self.tr("Von Datum"))
        self.use_until = QCheckBox(self.tr("&Bis:"))
        self.until = QDateEdit(today)
        self.until.setAccessibleName(self.tr("Bis Datum"))
        for check, edit in ((self.use_since, self.since), (self.use_until, self.until)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
        self.user = QComboBox()
        self.user.setEditable(True)
        self.user.setAccessibleName(self.tr("Benutzer"))
        self.action = QComboBox()
        self.action.setAccessibleName(self.tr("Aktion"))
        self.case = QLineEdit()
        self.case.setValidator(QIntValidator(1, 2_000_000_000, self))
        self.case.setAccessibleName(self.tr("Fallnummer"))
        self.case.returnPressed.connect(self.apply_filters)
        self.apply_button = QPushButton(self.tr("&Anwenden"))
        self.apply_button.setAccessibleName(self.tr("Filter anwenden"))
        self.apply_button.clicked.connect(self.apply_filters)
        grid = QGridLayout()
        grid.addWidget(self.use_since, 0, 0)
        grid.addWidget(self.since, 0, 1)
        grid.addWidget(self.use_until, 0, 2)
        grid.addWidget(self.until, 0, 3)
        grid.addWidget(QLabel(self.tr("Benutzer:")), 1, 0)
        grid.addWidget(self.user, 1, 1)
        grid.addWidget(QLabel(self.tr("Aktion:")), 1, 2)
        grid.addWidget(self.action, 1, 3)
        grid.addWidget(QLabel(self.tr("Fall:")), 1, 4)
        grid.addWidget(self.case, 1, 5)
        grid.addWidget(self.apply_button, 1, 6)
        self.filter_grid = grid

    # --- reading --------------------------------------------------------------------------
    def filters(self) -> dict:
        user = self.user.currentText().strip()
        case = self.case.text().strip()
        return {
            "since": self.since.date().toPython() if self.use_since.isChecked() else None,
            "until": self.until.date().toPython() if self.use_until.isChecked() else None,
            "action": self.action.currentData() or None,
            "case_id": int(case) if case else None,
            "user": user or None,
        }

    def reload(self) -> None:
        """The choices of the filters, then the first page."""

        def load(inbox):
            return inbox.audit_actions(), inbox.users()

        def show(result) -> None:
            actions, users = result
            chosen, typed = self.action.currentData(), self.user.currentText()
            self.action.clear()
            self.action.addItem(self.tr("(alle Aktionen)"), None)
            for name in sorted(actions, key=action_label):
                self.action.addItem(action_label(name), name)
            self.action.setCurrentIndex(max(0, self.action.findData(chosen)))
            self.user.clear()
            self.user.addItem("")
            for user in users:
                self.user.addItem(user["login"])
            self.user.setEditText(typed)
            self.load_page(self.offset)

        self.run(load, show)

    def apply_filters(self) -> None:
        self.load_page(0)

    def load_page(self, offset: int) -> None:
        offset = max(0, offset)
        filters = self.filters()

        def load(inbox):
            return inbox.audit_entries(**filters, limit=PAGE_SIZE, offset=offset)

        def show(result) -> None:
            rows, total = result
            self.offset, self.total = offset, total
            fill(
                self.table,
                [
                    [
                        local_time(row["at"], seconds=True),
                        row["os_user"],
                        row["workstation"],
                        action_label(row["action"]),
                        row["case_id"],
                        row["message_id"],
                        row["detail"],
                        result_label(row["result"]),
                    ]
                    for row in rows
                ],
                [row["id"] for row in rows],
            )
            first = offset + 1 if rows else 0
            self.page_label.setText(
                self.tr("{0}–{1} von {2}").format(first, offset + len(rows), total)
            )
            self.previous_button.setEnabled(offset > 0)
            self.next_button.setEnabled(offset + len(rows) < total)

        self.run(load, show)

    # --- checking and exporting -----------------------------------------------------------
    def verify(self) -> None:
        language = self.language()

        def show(report) -> None:
            self.result.setText(report.text_de if language == "de" else report.text_en)
            self.result.setStyleSheet("" if report.ok else "color: #b00020;")

        self.result.setText(self.tr("Kette wird geprüft…"))
        self.run(lambda inbox: inbox.verify_audit(), show)

    def _ask_export_path(self) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Protokoll exportieren"), "protokoll.csv", self.tr("CSV (*.csv)")
        )
        return path

    def export(self) -> None:
        path = self.choose_export_path()
        if not path:
            return
        filters = self.filters()

        def done(count: int) -> None:
            self.result.setStyleSheet("")
            self.result.setText(self.tr("{0} Einträge exportiert nach {1}").format(count, path))
            self.load_page(0)  # the export is an entry of its own

        self.run(lambda inbox: inbox.export_audit(path, **filters), done, "write")


def action_label(action: str) -> str:
    """The German (or translated) name of an audit action; unknown ones as stored."""
    labels = {
        "viewed": QCoreApplication.translate("AuditAction", "Fall angesehen"),
        "message_received": QCoreApplication.translate("AuditAction", "Nachricht eingegangen"),
        "duplicate_received": QCoreApplication.translate("AuditAction", "Doppelt eingegangen"),
        "input_quarantined": QCoreApplication.translate("AuditAction", "In Quarantäne"),
        "status_changed": QCoreApplication.translate("AuditAction", "Status geändert"),
        "assigned": QCoreApplication.translate("AuditAction", "Zugewiesen"),
        "follow_up_set": QCoreApplication.translate("AuditAction", "Wiedervorlage gesetzt"),
        "note_added": QCoreApplication.translate("AuditAction", "Notiz geschrieben"),
        "attachment_saved": QCoreApplication.translate("AuditAction", "Anhang gespeichert"),
        "message_saved": QCoreApplication.translate("AuditAction", "Nachricht gespeichert"),
        "exported": QCoreApplication.translate("AuditAction", "Exportiert"),
        "reply_sent": QCoreApplication.translate("AuditAction", "Antwort gesendet"),
        "summary_printed": QCoreApplication.translate(
            "AuditAction", "Zusammenfassung gedruckt/gespeichert"
        ),
        "purged": QCoreApplication.translate("AuditAction", "Gelöscht (Aufbewahrungsfrist)"),
        "retention_set": QCoreApplication.translate("AuditAction", "Aufbewahrungsfrist geändert"),
        "retention_confirmed": QCoreApplication.translate(
            "AuditAction", "Aufbewahrungsfristen bestätigt"
        ),
        "audit_exported": QCoreApplication.translate("AuditAction", "Protokoll exportiert"),
        "search_saved": QCoreApplication.translate("AuditAction", "Suche gespeichert"),
        "search_deleted": QCoreApplication.translate("AuditAction", "Suche gelöscht"),
        "user_added": QCoreApplication.translate("AuditAction", "Benutzer angelegt"),
        "user_role_set": QCoreApplication.translate("AuditAction", "Rolle geändert"),
        "user_disabled": QCoreApplication.translate("AuditAction", "Benutzer deaktiviert"),
        "user_enabled": QCoreApplication.translate("AuditAction", "Benutzer aktiviert"),
        "rule_added": QCoreApplication.translate("AuditAction", "Verteilungsregel angelegt"),
        "rule_removed": QCoreApplication.translate("AuditAction", "Verteilungsregel entfernt"),
        "deadline_set": QCoreApplication.translate("AuditAction", "Frist festgelegt"),
        "delivery_completed": QCoreApplication.translate(
            "AuditAction", "Dokumentenlieferung vollständig"
        ),
        "delivery_failed": QCoreApplication.translate(
            "AuditAction", "Dokumentenlieferung fehlgeschlagen"
        ),
        "fetch_failed": QCoreApplication.translate("AuditAction", "Abruf fehlgeschlagen"),
        "fetch_working": QCoreApplication.translate("AuditAction", "Abruf funktioniert"),
    }
    return labels.get(action, action)


def result_label(result: str) -> str:
    """The outcome of an audited action in words; unknown ones as stored."""
    labels = {
        "ok": QCoreApplication.translate("AuditAction", "erfolgreich"),
        "failed": QCoreApplication.translate("AuditAction", "fehlgeschlagen"),
        "refused": QCoreApplication.translate("AuditAction", "abgelehnt"),
    }
    return labels.get(result, result)
