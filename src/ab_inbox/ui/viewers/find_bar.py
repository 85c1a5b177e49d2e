"""The search row shared by the PDF and the XML viewer: field, previous/next, hit count.

It only collects the caseworker's input and shows a count; the viewer that owns it does the
searching. Typing is debounced, so a long document is searched once per pause and not once per
key press, and the search text is bounded, so a pasted novel cannot become a search term.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QStyle, QToolButton, QWidget

MAX_SEARCH_CHARS = 200


class FindBar(QWidget):
    search_changed = Signal(str)
    next_requested = Signal()
    previous_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, delay_ms: int = 300) -> None:
        super().__init__(parent)
        self._field = QLineEdit(self)
        self._field.setMaxLength(MAX_SEARCH_CHARS)
        self._field.setClearButtonEnabled(True)
        self._field.setPlaceholderText(self.tr("Im Dokument suchen…"))
        self._field.setAccessibleName(self.tr("Suchbegriff"))
        for clear in self._field.findChildren(QToolButton):
            clear.setAccessibleName(self.tr("Suchbegriff löschen"))
            clear.setToolTip(self.tr("Suchbegriff löschen"))
        self._field.setToolTip(
            self.tr("Text im Dokument suchen (Strg+Umschalt+F); Eingabetaste: nächster Treffer")
        )

        self._previous = self._button(
            QStyle.StandardPixmap.SP_ArrowUp,
            self.tr("Vorheriger Treffer"),
            self.tr("Zum vorherigen Treffer springen (Umschalt+F3)"),
        )
        self._next = self._button(
            QStyle.StandardPixmap.SP_ArrowDown,
            self.tr("Nächster Treffer"),
            self.tr("Zum nächsten Treffer springen (F3)"),
        )
        self._count = QLabel(self)
        self._count.setTextFormat(Qt.TextFormat.PlainText)
        self._count.setAccessibleName(self.tr("Anzahl der Treffer"))
        self._count.setMinimumWidth(
            self._count.fontMetrics().horizontalAdvance("0000 von 0000 Treffern")
        )

        label = QLabel(self.tr("&Suchen:"), self)
        label.setBuddy(self._field)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(label)
        layout.addWidget(self._field, 1)
        layout.addWidget(self._previous)
        layout.addWidget(self._next)
        layout.addWidget(self._count)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._emit_search)
        self._field.textChanged.connect(self._on_text_changed)
        self._field.returnPressed.connect(self._on_return)
        self._previous.clicked.connect(self.previous_requested.emit)
        self._next.clicked.connect(self.next_requested.emit)

    def _button(self, icon: QStyle.StandardPixmap, name: str, tooltip: str) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(self.style().standardIcon(icon))
        button.setText(name)
        button.setAccessibleName(name)
        button.setToolTip(tooltip)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return button

    def text(self) -> str:
        return self._field.text()

    def set_text(self, text: str) -> None:
        """Set the field without starting a search (the viewer already ran it)."""
        self._timer.stop()
        self._field.blockSignals(True)
        self._field.setText(text[:MAX_SEARCH_CHARS])
        self._field.blockSignals(False)

    def focus_field(self) -> None:
        self._field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._field.selectAll()

    def set_count(
        self, current: int, total: int, capped: bool = False, searching: bool = False
    ) -> None:
        """`current` is 0-based (-1 for none); `capped`: there are more than `total` hits;
        `searching`: the search goes on in slices (no hits yet is not "none")."""
        if not self._field.text():
            text = ""
        elif total == 0 and searching:
            text = self.tr("Suche läuft …")
        elif total == 0:
            text = self.tr("Keine Treffer")
        elif capped:
            text = self.tr("{current} von mehr als {total} Treffern").format(
                current=current + 1, total=total
            )
        elif total == 1:
            text = self.tr("1 von 1 Treffer")
        else:
            shown = current + 1 if current >= 0 else 0
            text = self.tr("{current} von {total} Treffern").format(current=shown, total=total)
        self._count.setText(text)

    def count_text(self) -> str:
        return self._count.text()

    def _emit_search(self) -> None:
        self._timer.stop()
        self.search_changed.emit(self._field.text())

    def _on_text_changed(self, text: str) -> None:
        if text:
            self._timer.start()
        else:
            self._emit_search()

    def _on_return(self) -> None:
        if self._timer.isActive():
            self._emit_search()
        else:
            self.next_requested.emit()
