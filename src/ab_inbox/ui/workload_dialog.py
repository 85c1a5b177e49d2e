"""The team lead's overview: open cases per caseworker, by status, overdue, oldest receipt.

Double-clicking a row, Enter on it or "Fälle zeigen" shows that person's open cases in the
queue (one's own row: "Meine Fälle"; the unassigned row: "Nicht zugewiesen"). No button is a
default button, so Enter on a row never just closes the dialog.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QVBoxLayout

from ab_inbox.casework.status import OPEN_STATUSES
from ab_inbox.ui.i18n import local_time, tr_status
from ab_inbox.ui.team_actions import show_assignee_cases
from ab_inbox.ui.team_dialog import TeamDialog, fill, no_default_buttons, row_data, table


class WorkloadDialog(TeamDialog):
    def __init__(self, main, parent=None):
        super().__init__(main, parent)
        self.setWindowTitle(self.tr("Arbeitslast"))
        self.labels: dict[str | None, str] = {}  # login -> the name shown in its row
        self.table = table(
            [
                self.tr("Bearbeitung"),
                self.tr("Offen"),
                *(tr_status(slug) for slug in OPEN_STATUSES),
                self.tr("Überfällig"),
                self.tr("Ältester Eingang"),
            ],
            self.tr("Arbeitslast je Person"),
        )
        self.table.cellDoubleClicked.connect(lambda row, _column: self.show_cases(row))
        self.table.activated.connect(lambda index: self.show_cases(index.row()))
        self.table.currentCellChanged.connect(lambda *_: self._row_chosen())
        self.hint = QLabel(
            self.tr(
                "Doppelklick oder Eingabetaste auf einer Zeile zeigt die offenen Fälle dieser "
                "Person."
            )
        )
        self.show_button = QPushButton(self.tr("Fälle &zeigen"))
        self.show_button.setAccessibleName(self.tr("Offene Fälle der Person zeigen"))
        self.show_button.clicked.connect(lambda: self.show_cases(self.table.currentRow()))
        self.show_button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        no_default_buttons(buttons.buttons())
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.resize(860, 420)

    def reload(self) -> None:
        def load(inbox):
            return inbox.workload(), inbox.users(), inbox.user

        self.run(load, self._show)

    def _show(self, result) -> None:
        rows, users, me = result
        self.me = me
        names = {u["login"]: u.get("display_name") or u["login"] for u in users}
        values = []
        for row in rows:
            who = row["assignee"]
            label = (
                self.tr("Nicht zugewiesen")
                if who is None
                else (f"{names[who]} ({who})" if who in names and names[who] != who else who)
            )
            values.append(
                [
                    label,
                    row["open"],
                    *(row["by_status"].get(slug, 0) for slug in OPEN_STATUSES),
                    row["overdue"],
                    local_time(row["oldest"]),
                ]
            )
        self.labels = {row["assignee"]: shown[0] for row, shown in zip(rows, values, strict=True)}
        fill(self.table, values, [row["assignee"] for row in rows])
        self._row_chosen()

    def _row_chosen(self) -> None:
        self.show_button.setEnabled(self.table.currentRow() >= 0)

    def show_cases(self, row: int) -> None:
        """Show the cases of the person in `row` and close; once (a double click also
        activates the row)."""
        if row < 0 or row >= self.table.rowCount() or not self.isVisible():
            return
        who = row_data(self.table, row)
        if who is None:
            self.main.select_view("unassigned")
        elif who == getattr(self, "me", None):
            self.main.select_view("mine")
        else:
            show_assignee_cases(self.main, who, self.labels.get(who))
        self.accept()
