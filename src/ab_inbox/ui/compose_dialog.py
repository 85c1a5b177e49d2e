"""Composing a reply through the back channel: a form built from the reply type's fields.

The fields, their German labels and default texts come from the core (xauslaender.outbound
REPLY_TYPES), so a new reply type needs no dialog code. The dialog collects values and holds
back only an empty required field; the core builds, validates and refuses, and its reason is
shown in the dialog unchanged, next to everything typed, so it can be corrected and sent again.
"""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTime
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

from ab_inbox.ui.i18n import current_language
from ab_inbox.ui.questions import confirm


class _DocumentPicker(QWidget):
    """A file for a document field (PDF or JPEG), or a letter text the core turns into a PDF."""

    def __init__(self, template: str, parent=None):
        super().__init__(parent)
        self.path: Path | None = None
        self.text = QPlainTextEdit(template)
        self.text.setTabChangesFocus(True)  # Tab moves on, as in the other fields
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

    def is_empty(self) -> bool:
        return self.path is None and not self.text.toPlainText().strip()

    def value(self):
        if self.path is not None:
            return self.path.read_bytes()
        return self.text.toPlainText().strip() or None


INVALID_STYLE = "{0} {{ border: 2px solid #c0392b; }}"


class ComposeDialog(QDialog):
    """`values()` returns the content dict for Inbox.send_reply(case, type, content).

    The dialog can be shown again after the core refused what it sent (`show_refusal`): its
    editors keep their contents, so nothing typed is lost.
    """

    def __init__(self, reply_type, defaults: dict, choices: dict[str, list], parent=None):
        super().__init__(parent)
        self.reply_type = reply_type
        german = current_language() == "de"
        self.setWindowTitle(
            QCoreApplication.translate("ComposeDialog", "Antwort: {0}").format(
                reply_type.title_de if german else reply_type.title_en
            )
        )
        self.editors: dict[str, tuple[str, QWidget]] = {}
        self.required = [f for f in reply_type.fields if f.required]
        self.labels = {f.key: f.label_de if german else f.label_en for f in reply_type.fields}
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c0392b; font-weight: bold;")
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.hide()
        form = QFormLayout()
        for field in reply_type.fields:
            editor = self._editor(field, defaults.get(field.key), choices.get(field.key, []))
            editor.setAccessibleName(self.labels[field.key])
            label = self.labels[field.key] + (" *" if field.required else "")
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
        layout.addWidget(self.problem)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(620, 480)
        self._as_opened = self._typed()

    def _typed(self) -> list:
        """What the fields hold: the texts (of dates too), the choices and the documents."""
        state: list = []
        for _kind, editor in self.editors.values():
            for widget in [editor, *editor.findChildren(QWidget)]:
                if isinstance(widget, QPlainTextEdit):
                    state.append(widget.toPlainText())
                elif isinstance(widget, QLineEdit):
                    state.append(widget.text())
                elif isinstance(widget, QComboBox):
                    state.append(widget.currentIndex())
            state.append(getattr(editor, "path", None))
        return state

    def reject(self) -> None:
        """Escape, Cancel or closing: what was typed is dropped only when the user says so
        (No, the default, keeps the dialog open as it is)."""
        if self._typed() != self._as_opened and not confirm(
            self,
            QCoreApplication.translate(
                "ComposeDialog", "Die Antwort ist nicht gesendet. Das Eingegebene verwerfen?"
            ),
        ):
            return
        super().reject()

    @staticmethod
    def _editor(field, default, choices) -> QWidget:
        kind = field.kind
        if kind in ("text", "list"):
            text = "\n".join(default) if isinstance(default, list) else (default or "")
            editor = QPlainTextEdit(text)
            editor.setTabChangesFocus(True)  # Tab moves on, as in the other fields
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

    def is_empty(self, key: str) -> bool:
        kind, editor = self.editors[key]
        if isinstance(editor, _DocumentPicker):
            return editor.is_empty()
        if kind in ("text", "list"):
            return not editor.toPlainText().strip()
        if kind == "code":
            return editor.currentData() is None
        if kind in ("date", "time"):
            return False
        return not editor.text().strip()

    def accept(self) -> None:
        """Send only with every required field filled; otherwise mark them and stay open."""
        missing = [f.key for f in self.required if self.is_empty(f.key)]
        if missing:
            self.show_problem(
                QCoreApplication.translate("ComposeDialog", "Bitte „{0}“ angeben.").format(
                    "“, „".join(self.labels[k] for k in missing)
                ),
                missing,
            )
            return
        self.show_problem("", [])
        super().accept()

    def show_refusal(self, text: str, key: str | None = None) -> None:
        """The core's reason for not sending, with the field it names marked."""
        self.show_problem(text, [key] if key in self.editors else [])

    def show_problem(self, text: str, keys: list[str]) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        for key, (_kind, editor) in self.editors.items():
            marked = key in keys
            editor.setProperty("invalid", marked)
            target = editor.text if isinstance(editor, _DocumentPicker) else editor
            style = INVALID_STYLE.format(target.metaObject().className())
            target.setStyleSheet(style if marked else "")
            target.setAccessibleDescription(text if marked else "")
        if keys:
            self.editors[keys[0]][1].setFocus()

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
