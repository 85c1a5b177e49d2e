"""Composing a reply through the back channel: a form built from the reply type's fields.

The fields, their German labels and default texts come from the core (xauslaender.outbound
REPLY_TYPES), so a new reply type needs no dialog code. The dialog only collects values; the
core builds, validates and refuses, and its German reason is shown unchanged.
"""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)


class _DocumentPicker(QWidget):
    """A file for a document field (PDF or JPEG), or a letter text the core turns into a PDF."""

    def __init__(self, template: str, parent=None):
        super().__init__(parent)
        self.path: Path | None = None
        self.text = QPlainTextEdit(template)
        self.text.setMaximumHeight(110)
        self.button = QPushButton(QCoreApplication.translate("ComposeDialog", "Datei wählen…"))
        self.button.clicked.connect(self._choose)
        self.label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addWidget(self.label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        layout.addLayout(row)

    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("ComposeDialog", "Dokument wählen"),
            "",
            QCoreApplication.translate("ComposeDialog", "PDF oder JPEG (*.pdf *.jpg *.jpeg)"),
        )
        if name:
            self.path = Path(name)
            self.label.setText(self.path.name)

    def value(self):
        if self.path is not None:
            return self.path.read_bytes()
        return self.text.toPlainText().strip() or None


class ComposeDialog(QDialog):
    """`values()` returns the content dict for Inbox.send_reply(case, type, content)."""

    def __init__(self, reply_type, defaults: dict, choices: dict[str, list], parent=None):
        super().__init__(parent)
        self.reply_type = reply_type
        self.setWindowTitle(
            QCoreApplication.translate("ComposeDialog", "Antwort: {0}").format(reply_type.title_de)
        )
        self.editors: dict[str, tuple[str, QWidget]] = {}
        form = QFormLayout()
        for field in reply_type.fields:
            editor = self._editor(field, defaults.get(field.key), choices.get(field.key, []))
            editor.setAccessibleName(field.label_de)
            label = field.label_de + (" *" if field.required else "")
            form.addRow(label, editor)
            self.editors[field.key] = (field.kind, editor)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            QCoreApplication.translate("ComposeDialog", "Senden")
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                QCoreApplication.translate("ComposeDialog", "Pflichtfelder sind mit * markiert.")
            )
        )
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(620, 480)

    @staticmethod
    def _editor(field, default, choices) -> QWidget:
        kind = field.kind
        if kind in ("text", "list"):
            text = "\n".join(default) if isinstance(default, list) else (default or "")
            editor = QPlainTextEdit(text)
            editor.setMaximumHeight(140)
            return editor
        if kind == "date":
            editor = QDateEdit(QDate.currentDate().addDays(14))
            editor.setCalendarPopup(True)
            editor.setDisplayFormat("dd.MM.yyyy")
            return editor
        if kind == "time":
            return QTimeEdit(QTime(9, 0))
        if kind == "code":
            editor = QComboBox()
            for code, label in choices:
                editor.addItem(f"{label} ({code})", code)
            return editor
        if kind == "document":
            return _DocumentPicker(default or "")
        return QLineEdit(default or "")

    def values(self) -> dict:
        content: dict = {}
        for key, (kind, editor) in self.editors.items():
            if kind == "text":
                value = editor.toPlainText().strip()
            elif kind == "list":
                value = [line.strip() for line in editor.toPlainText().splitlines() if line.strip()]
            elif kind == "date":
                d = editor.date()
                value = date(d.year(), d.month(), d.day())
            elif kind == "time":
                t = editor.time()
                value = time(t.hour(), t.minute())
            elif kind == "code":
                value = editor.currentData()
            elif kind == "document":
                value = editor.value()
            else:
                value = editor.text().strip()
            if value not in (None, "", []):
                content[key] = value
        return content
