"""The quarantine view: inputs that could not be stored as messages, and why."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem

from ab_inbox.ui.i18n import current_language, local_time


class QuarantineTable(QTableWidget):
    def __init__(self, parent=None):
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels(
            [self.tr("Eingang"), self.tr("Datei"), self.tr("Grund"), self.tr("Erklärung")]
        )
        self.setAccessibleName(self.tr("Quarantäne"))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the list, as from any other field
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)

    def show_entries(self, rows: list[dict]) -> None:
        self.setRowCount(len(rows))
        shown, other = (
            ("text_de", "text_en") if current_language() == "de" else ("text_en", "text_de")
        )
        for i, row in enumerate(reversed(rows)):
            values = (
                local_time(row["received_at"]),
                row["source_name"] or "",
                row["reason_code"],
                row[shown],
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(row[shown] + "\n" + row[other])
                self.setItem(i, column, item)
        self.resizeColumnsToContents()
