"""Cases whose retention period has ended: listed for team leads, deleted by administration.

The core decides what is due (store/retention.py) and checks each case again under the write
lock when purging, so a case reopened meanwhile is skipped, never deleted.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from ab_inbox.casework import roles
from ab_inbox.ui.i18n import local_date, local_time, tr_status
from ab_inbox.ui.questions import confirm
from ab_inbox.ui.team_dialog import RowsView, TeamDialog


def _cells(entry: dict) -> list:
    return [
        entry["case_id"],
        tr_status(entry["status"]),
        local_time(entry["since"]),
        local_date(entry["due"]),
    ]


class PurgeDialog(TeamDialog):
    def __init__(self, main, parent=None):
        super().__init__(main, parent)
        self.setWindowTitle(self.tr("Zur Löschung fällig"))
        self.due: list[dict] = []
        # Thousands of cases may be due at once: the view formats only the rows it shows.
        self.table = RowsView(
            [self.tr("Fall"), self.tr("Status"), self.tr("Seit"), self.tr("Löschung fällig am")],
            _cells,
            self.tr("Zur Löschung fällige Fälle"),
            key=lambda entry: entry["case_id"],
        )
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Ergebnis"))
        self.report = QLabel()
        self.report.setWordWrap(True)
        self.report.setAccessibleName(self.tr("Löschbericht"))
        self.purge_button = QPushButton(self.tr("Jetzt &löschen…"))
        self.purge_button.setAccessibleName(self.tr("Jetzt löschen"))
        self.purge_button.setToolTip(self.tr("Nur die Administration darf löschen"))
        self.purge_button.clicked.connect(self.purge)
        self.purge_button.setVisible(False)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.purge_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.report)
        layout.addWidget(buttons)
        self.resize(640, 440)

    def reload(self) -> None:
        def load(inbox):
            return inbox.due_for_purge(), inbox.actor()

        self.run(load, self._show)

    def _show(self, result) -> None:
        self.due, actor = result
        self.table.set_rows(self.due)
        may_purge = actor.may(roles.PURGE)
        self.purge_button.setVisible(may_purge)
        self.purge_button.setEnabled(may_purge and bool(self.due))
        self.summary.setText(self.tr("{0} Fälle sind zur Löschung fällig.").format(len(self.due)))

    def purge(self) -> None:
        count = len(self.due)
        if not count or not confirm(
            self,
            self.tr(
                "{0} Fälle endgültig löschen? Personenbezogene Daten, Nachrichten und Anlagen "
                "werden entfernt; das lässt sich nicht rückgängig machen."
            ).format(count),
        ):
            return

        def done(report) -> None:
            self.report.setText(
                self.tr("Gelöscht: {0} Fälle; übersprungen: {1}.").format(
                    len(report.purged), len(report.skipped)
                )
            )
            self.reload()

        self.write(lambda inbox: inbox.purge(), done)
