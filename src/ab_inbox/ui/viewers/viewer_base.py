"""The frame every attachment viewer shares: toolbar, message panel, save button, shortcuts.

Viewers show untrusted documents from applicants, so the rules that apply to all of them live in
one place:

- a refused or broken file becomes a German message in the widget, never an exception or a dialog
  that blocks the case view;
- the applicant's file name is shown only as sanitised plain text (never in rich text, and never in
  a tooltip, where Qt guesses HTML), because `dateiname` is written by the sender;
- every shortcut acts only while the focus is inside this viewer, so two open viewers (or the case
  view around them) do not fight over "+" or F3;
- toolbar buttons take Tab focus, so the viewer can be used without a mouse;
- decoding that can take longer than a moment runs in a background op (`ui.ops.Op`): meanwhile
  the viewer shows a loading message (`show_loading`) and `is_loading()` is true.

Saving is not the viewer's job: the case view writes the file and the audit entry. The viewer only
offers the button and emits `save_requested`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

MAX_NAME_CHARS = 80

Shortcut = QKeySequence | QKeySequence.StandardKey | Qt.Key | str


def display_name(name: str | None, max_chars: int = MAX_NAME_CHARS) -> str:
    """The sender's file name made safe to show: no control or bidi characters, bounded length.

    A name like "pass\\u202egpj.exe" would otherwise be displayed as "passexe.jpg".
    """
    cleaned = "".join(
        " " if unicodedata.category(ch).startswith("C") else ch for ch in (name or "")
    )
    cleaned = " ".join(cleaned.split())
    if len(cleaned) > max_chars:
        cleaned = cleaned[: max_chars - 1] + "…"
    return cleaned or QCoreApplication.translate("ViewerBase", "(ohne Namen)")


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


class ViewerBase(QWidget):
    """Toolbar on top, then optional rows (a find bar), then either the content or a message."""

    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._toolbar = QToolBar(self)
        self._toolbar.setAccessibleName(
            QCoreApplication.translate("ViewerBase", "Werkzeugleiste der Vorschau")
        )
        self._toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        for button in self._toolbar.findChildren(QToolButton, "qt_toolbar_ext_button"):
            button.setAccessibleName(QCoreApplication.translate("ViewerBase", "Weitere Werkzeuge"))
            button.setToolTip(
                QCoreApplication.translate(
                    "ViewerBase", "Weitere Werkzeuge, die nicht in die Leiste passen"
                )
            )
        self._stack = QStackedWidget(self)
        self._message = QLabel(self._stack)
        self._message.setTextFormat(Qt.TextFormat.PlainText)
        self._message.setWordWrap(True)
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self._message.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._message.setAccessibleName(
            QCoreApplication.translate("ViewerBase", "Hinweis zur Datei")
        )
        self._stack.addWidget(self._message)

        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._layout.addWidget(self._toolbar)
        self._layout.addWidget(self._stack, 1)

        self._loading = False
        self._document_actions: list[QAction] = []
        self._save_separator = self._toolbar.addSeparator()
        self._save_action = self.add_action(
            QCoreApplication.translate("ViewerBase", "Speichern unter…"),
            QCoreApplication.translate(
                "ViewerBase", "Die Originaldatei speichern; das Speichern wird protokolliert"
            ),
            self.save_requested.emit,
            shortcuts=[QKeySequence.StandardKey.SaveAs],
            icon=QIcon.ThemeIcon.DocumentSaveAs,
            toolbar=False,
            document_action=False,
        )
        self._toolbar.addAction(self._save_action)  # last, after the separator
        self._make_reachable(self._save_action)
        self._save_action.setEnabled(False)

    # -- building blocks for subclasses -------------------------------------------------------

    def add_action(
        self,
        text: str,
        tooltip: str,
        slot: Callable[[], object],
        *,
        shortcuts: Sequence[Shortcut] = (),
        toolbar: bool = True,
        document_action: bool = True,
        checkable: bool = False,
        icon: QIcon.ThemeIcon | str | None = None,
    ) -> QAction:
        """An action with German text and tooltip whose shortcuts work only inside this viewer.

        `icon` names a theme icon; where the platform has none, the button shows its text.
        """
        action = QAction(text, self)
        if icon is not None:
            action.setIcon(QIcon.fromTheme(icon))
        keys = [QKeySequence(key) for key in shortcuts]
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if keys:
            key_names = ", ".join(
                key.toString(QKeySequence.SequenceFormat.NativeText) for key in keys
            )
            tooltip = f"{tooltip} ({key_names})"
        action.setToolTip(tooltip)
        action.setStatusTip(tooltip)
        action.setCheckable(checkable)
        if checkable:
            action.toggled.connect(lambda _checked: slot())
        else:
            action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        if toolbar:
            self._toolbar.insertAction(self._save_separator, action)
            self._make_reachable(action)
        if document_action:
            action.setEnabled(False)
            self._document_actions.append(action)
        return action

    def _make_reachable(self, action: QAction) -> None:
        """Toolbar buttons get no Tab focus by default; here they do, and a German name."""
        button = self._toolbar.widgetForAction(action)
        button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def add_zoom_controls(
        self, zoom_out: Callable[[], object], zoom_in: Callable[[], object]
    ) -> QLabel:
        """Zoom out, the zoom level, zoom in; returns the label that shows the level."""
        self.add_action(
            QCoreApplication.translate("ViewerBase", "Verkleinern"),
            QCoreApplication.translate("ViewerBase", "Ansicht verkleinern"),
            zoom_out,
            shortcuts=[Qt.Key.Key_Minus, QKeySequence.StandardKey.ZoomOut],
            icon=QIcon.ThemeIcon.ZoomOut,
        )
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setMinimumWidth(label.fontMetrics().horizontalAdvance("0000 %"))
        self.add_toolbar_widget(
            label,
            QCoreApplication.translate("ViewerBase", "Zoomstufe"),
            QCoreApplication.translate("ViewerBase", "Aktuelle Zoomstufe"),
        )
        self.add_action(
            QCoreApplication.translate("ViewerBase", "Vergrößern"),
            QCoreApplication.translate("ViewerBase", "Ansicht vergrößern (höchstens 400 %)"),
            zoom_in,
            shortcuts=[Qt.Key.Key_Plus, QKeySequence.StandardKey.ZoomIn],
            icon=QIcon.ThemeIcon.ZoomIn,
        )
        return label

    def add_find_actions(
        self,
        focus: Callable[[], object],
        next_hit: Callable[[], object],
        previous_hit: Callable[[], object],
    ) -> None:
        """Ctrl+Shift+F to the search field, F3 / Shift+F3 through the hits (no toolbar
        buttons). Plain Ctrl+F belongs to the main window's queue search."""
        for text, tooltip, slot, key in (
            (
                QCoreApplication.translate("ViewerBase", "Suchen"),
                QCoreApplication.translate("ViewerBase", "Zum Suchfeld"),
                focus,
                "Ctrl+Shift+F",
            ),
            (
                QCoreApplication.translate("ViewerBase", "Nächster Treffer"),
                QCoreApplication.translate("ViewerBase", "Zum nächsten Treffer"),
                next_hit,
                "F3",
            ),
            (
                QCoreApplication.translate("ViewerBase", "Vorheriger Treffer"),
                QCoreApplication.translate("ViewerBase", "Zum vorherigen Treffer"),
                previous_hit,
                "Shift+F3",
            ),
        ):
            self.add_action(text, tooltip, slot, shortcuts=[key], toolbar=False)

    def add_toolbar_widget(self, widget: QWidget, accessible_name: str, tooltip: str) -> QAction:
        """Put `widget` in the toolbar; show or hide it through the returned action."""
        widget.setAccessibleName(accessible_name)
        widget.setToolTip(tooltip)
        return self._toolbar.insertWidget(self._save_separator, widget)

    def add_toolbar_separator(self) -> QAction:
        return self._toolbar.insertSeparator(self._save_separator)

    def add_row(self, widget: QWidget) -> None:
        """A full-width row between the toolbar and the content, e.g. a find bar."""
        self._layout.insertWidget(self._layout.indexOf(self._stack), widget)

    def set_content(self, widget: QWidget) -> None:
        self._stack.addWidget(widget)
        self._content = widget

    # -- state ---------------------------------------------------------------------------------

    def begin_load(self) -> None:
        """Called at the start of every load: the original bytes exist, so they can be saved."""
        self._save_action.setEnabled(True)

    def show_loading(self, name: str) -> None:
        """Say that `name` (already made safe by `display_name`) is being decoded."""
        self.show_message(
            QCoreApplication.translate("ViewerBase", "„{name}“ wird geladen …").format(name=name)
        )
        self._loading = True

    def is_loading(self) -> bool:
        """True from `show_loading` until the content or a message replaces it."""
        return self._loading

    def show_message(self, text: str) -> bool:
        """Show a plain-text message instead of the content; False, for `return show_message()`."""
        self._loading = False
        self._message.setText(text)
        self._stack.setCurrentWidget(self._message)
        for action in self._document_actions:
            action.setEnabled(False)
        return False

    def show_content(self) -> None:
        self._loading = False
        self._message.clear()
        self._stack.setCurrentWidget(self._content)
        for action in self._document_actions:
            action.setEnabled(True)

    def message_text(self) -> str:
        """The German message shown instead of the document, or "" while a document is shown."""
        return self._message.text() if self._stack.currentWidget() is self._message else ""

    def toolbar(self) -> QToolBar:
        return self._toolbar
