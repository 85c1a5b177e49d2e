"""The list of keyboard shortcuts (F1), built from the window's actions so it is never stale.

Actions the user's role cannot use are hidden in the window and left out here as well.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)


class ShortcutsDialog(QDialog):
    def __init__(self, actions, parent=None, viewer_actions=()):
        """`viewer_actions`: (text, key sequences) of the document viewers, listed after the
        window's own keys; keys the viewers share are listed once."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tastenkürzel"))
        native = QKeySequence.SequenceFormat.NativeText
        window_area, viewer_area = self.tr("Fenster"), self.tr("Dokumentanzeige")
        rows = [
            (window_area, a.text().replace("&", ""), a.shortcut().toString(native))
            for a in actions
            if not a.shortcut().isEmpty() and a.isVisible()
        ]
        seen = set()
        for text, keys in viewer_actions:
            shown = ", ".join(key.toString(native) for key in keys if not key.isEmpty())
            row = (viewer_area, text.replace("&", ""), shown)
            if shown and row not in seen:
                seen.add(row)
                rows.append(row)
        self.table = QTableWidget(len(rows), 3)
        self.table.setAccessibleName(self.tr("Liste der Tastenkürzel"))
        self.table.setHorizontalHeaderLabels([self.tr("Befehl"), self.tr("Taste"), self.tr("Wo")])
        for i, (area, text, keys) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(text))
            self.table.setItem(i, 1, QTableWidgetItem(keys))
            self.table.setItem(i, 2, QTableWidgetItem(area))
        self.table.resizeColumnsToContents()
        self.table.verticalHeader().hide()
        # A list to read: typing does not edit it, and Tab goes on to the Close button.
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(460, 520)
