"""Distribution rules and deadline targets, the team lead's two planning tools.

Rules send new cases to a person by the first letter of the family name and/or the message
type; "Jetzt verteilen" applies them to the open unassigned cases. Deadline targets say in how
many days after receipt a case of a type is due ("*" for every type without its own target).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ab_inbox.ui.i18n import type_title
from ab_inbox.ui.team_dialog import TeamDialog, fill, row_data, table
from ab_inbox.xauslaender.message_types import inbound_types

DEFAULT_TYPE = "*"


class DistributionDialog(TeamDialog):
    def __init__(self, main, parent=None):
        super().__init__(main, parent)
        self.setWindowTitle(self.tr("Verteilung und Fristen"))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Verteilung und Fristen"))
        self.tabs.addTab(self._build_rules(), self.tr("&Regeln"))
        self.tabs.addTab(self._build_deadlines(), self.tr("&Fristen"))
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Ergebnis"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(760, 520)

    # --- building -------------------------------------------------------------------------
    def _build_rules(self) -> QWidget:
        box = QWidget()
        self.rules = table(
            [
                self.tr("Nr."),
                self.tr("Bearbeitung"),
                self.tr("Buchstaben"),
                self.tr("Nachrichtentyp"),
                self.tr("Aktiv"),
            ],
            self.tr("Verteilungsregeln"),
        )
        self.rule_user = QComboBox()
        self.rule_user.setAccessibleName(self.tr("Person"))
        self.letters_from = QLineEdit()
        self.letters_from.setMaxLength(1)
        self.letters_from.setAccessibleName(self.tr("Buchstaben von"))
        self.letters_to = QLineEdit()
        self.letters_to.setMaxLength(1)
        self.letters_to.setAccessibleName(self.tr("Buchstaben bis"))
        self.rule_type = QComboBox()
        self.rule_type.setAccessibleName(self.tr("Nachrichtentyp der Regel"))
        self.rule_type.addItem(self.tr("(alle Typen)"), None)
        for message_type in inbound_types():
            self.rule_type.addItem(
                f"{type_title(message_type.code)} ({message_type.code})", message_type.code
            )
        letters = QHBoxLayout()
        letters.addWidget(self.letters_from)
        letters.addWidget(QLabel("–"))
        letters.addWidget(self.letters_to)
        form = QFormLayout()
        form.addRow(self.tr("Person:"), self.rule_user)
        form.addRow(self.tr("Familienname von – bis:"), letters)
        form.addRow(self.tr("Nachrichtentyp:"), self.rule_type)
        self.add_rule_button = QPushButton(self.tr("Regel &hinzufügen"))
        self.add_rule_button.clicked.connect(self.add_rule)
        self.remove_rule_button = QPushButton(self.tr("Regel &entfernen"))
        self.remove_rule_button.clicked.connect(self.remove_rule)
        self.distribute_button = QPushButton(self.tr("Jetzt &verteilen"))
        self.distribute_button.setToolTip(
            self.tr("Die Regeln auf die offenen, nicht zugewiesenen Fälle anwenden")
        )
        self.distribute_button.clicked.connect(self.distribute)
        row = QHBoxLayout()
        for button in (self.add_rule_button, self.remove_rule_button, self.distribute_button):
            button.setAccessibleName(button.text().replace("&", ""))
            row.addWidget(button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.rules)
        layout.addLayout(form)
        layout.addLayout(row)
        return box

    def _build_deadlines(self) -> QWidget:
        box = QWidget()
        self.deadlines = table(
            [self.tr("Nachrichtentyp"), self.tr("Code"), self.tr("Tage")],
            self.tr("Bearbeitungsfristen"),
        )
        self.deadlines.currentCellChanged.connect(lambda *_: self._deadline_chosen())
        self.days = QSpinBox()
        self.days.setRange(1, 3650)
        self.days.setSuffix(self.tr(" Tage"))
        self.days.setAccessibleName(self.tr("Frist in Tagen"))
        self.set_days_button = QPushButton(self.tr("Frist &speichern"))
        self.set_days_button.clicked.connect(lambda: self.set_deadline())
        self.unset_days_button = QPushButton(self.tr("Eigene Frist &entfernen"))
        self.unset_days_button.setToolTip(self.tr("Der Typ bekommt wieder die Standardfrist (*)"))
        self.unset_days_button.clicked.connect(lambda: self.set_deadline(remove=True))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Frist:")))
        row.addWidget(self.days)
        for button in (self.set_days_button, self.unset_days_button):
            button.setAccessibleName(button.text().replace("&", ""))
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addWidget(self.deadlines)
        layout.addLayout(row)
        return box

    # --- loading --------------------------------------------------------------------------
    def reload(self) -> None:
        def load(inbox):
            return inbox.distribution_rules(), inbox.users(), inbox.deadline_targets()

        self.run(load, self._show)

    def _show(self, result) -> None:
        rules, users, targets = result
        current_user = self.rule_user.currentData()
        self.rule_user.clear()
        for user in users:
            if user.get("active", 1):
                name = user.get("display_name") or user["login"]
                self.rule_user.addItem(f"{name} ({user['login']})", user["login"])
        if current_user is not None and self.rule_user.findData(current_user) >= 0:
            self.rule_user.setCurrentIndex(self.rule_user.findData(current_user))
        yes, no = self.tr("ja"), self.tr("nein")
        fill(
            self.rules,
            [
                [
                    rule["id"],
                    rule["assignee"],
                    f"{rule['letters_from']}–{rule['letters_to']}" if rule["letters_from"] else "*",
                    type_title(rule["type_code"]) if rule["type_code"] else "*",
                    yes if rule["assignee_active"] else no,
                ]
                for rule in rules
            ],
            [rule["id"] for rule in rules],
        )
        self.targets = targets
        codes = [DEFAULT_TYPE] + [t.code for t in inbound_types()]
        selected = row_data(self.deadlines)
        fill(
            self.deadlines,
            [
                [
                    self.tr("Standard (alle übrigen Typen)")
                    if code == DEFAULT_TYPE
                    else type_title(code),
                    code,
                    targets.get(code, "–"),
                ]
                for code in codes
            ],
            codes,
        )
        self.deadlines.setCurrentCell(codes.index(selected) if selected in codes else 0, 0)
        self._deadline_chosen()

    def _deadline_chosen(self) -> None:
        code = row_data(self.deadlines)
        if code is None:
            return
        targets = getattr(self, "targets", {})
        self.days.setValue(targets.get(code, targets.get(DEFAULT_TYPE, 30)))
        self.unset_days_button.setEnabled(code != DEFAULT_TYPE and code in targets)

    # --- writing --------------------------------------------------------------------------
    def add_rule(self) -> None:
        login = self.rule_user.currentData()
        if not login:
            return
        letters_from = self.letters_from.text().strip() or None
        letters_to = self.letters_to.text().strip() or None
        type_code = self.rule_type.currentData()

        def done(rule_id) -> None:
            self.status.setText(self.tr("Regel {0} hinzugefügt").format(rule_id))
            self.letters_from.clear()
            self.letters_to.clear()
            self.reload()

        self.write(
            lambda inbox: inbox.add_distribution_rule(
                login, letters_from=letters_from, letters_to=letters_to, type_code=type_code
            ),
            done,
        )

    def remove_rule(self) -> None:
        rule_id = row_data(self.rules)
        if rule_id is None:
            return

        def done(_removed) -> None:
            self.status.setText(self.tr("Regel {0} entfernt").format(rule_id))
            self.reload()

        self.write(lambda inbox: inbox.remove_distribution_rule(rule_id), done)

    def distribute(self) -> None:
        def done(assigned: dict) -> None:
            self.status.setText(self.tr("{0} Fälle verteilt").format(len(assigned)))
            self.reload()

        self.write(lambda inbox: inbox.distribute_unassigned(), done)

    def set_deadline(self, remove: bool = False) -> None:
        code = row_data(self.deadlines)
        if code is None:
            return
        days = None if remove else self.days.value()

        def done(changed: int) -> None:
            self.status.setText(
                self.tr("Frist gespeichert; {0} offene Fälle neu berechnet").format(changed)
            )
            self.reload()

        self.write(lambda inbox: inbox.set_deadline_target(code, days), done)
