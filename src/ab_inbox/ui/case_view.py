"""The case view: the application readable in sections, its documents, raw XML and notes.

The view only displays what the main window hands it (from background ops) and asks for more
through signals; it never opens the store itself. What belongs to one case stays with that case
when the caseworker moves on: a note draft is kept per case (and saved only to its own case),
and the raw XML of the previous case is taken off screen at once.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ab_inbox.ui.i18n import local_time, tr_status, type_title

DOC_ROLE = Qt.ItemDataRole.UserRole + 1
WARNING_STYLE = (
    "QLabel { background: #fff4ce; color: #5c4300; border: 1px solid #e0b400;"
    " border-radius: 3px; padding: 6px; }"
)


class _NoteEditor(QPlainTextEdit):
    """The note being written: Tab moves on to the save button (a note has no use for tab
    characters), and Ctrl+Return saves. That key opens the case elsewhere in the window;
    here the editor takes it first."""

    save_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)

    @staticmethod
    def _is_save_key(event) -> bool:
        return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        )

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._is_save_key(event):
            event.accept()  # the key comes to keyPressEvent, not to the window's shortcut
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if self._is_save_key(event):
            self.save_requested.emit()
            return
        super().keyPressEvent(event)


class CaseView(QWidget):
    attachment_requested = Signal(int, int)  # message id, position
    raw_xml_requested = Signal(int)  # message id
    note_submitted = Signal(int, str)  # case id, text

    def __init__(self, parent=None):
        super().__init__(parent)
        self.case: dict | None = None
        self._drafts: dict[int, str] = {}  # unsaved note text per case id
        self._draft_case: int | None = None  # the case whose draft the editor holds
        self._xml_message: int | None = None  # the message the XML tab shows or awaits
        self._chosen_message: int | None = None  # picked in Verlauf; else the application
        self.header = QLabel(self.tr("Kein Fall ausgewählt"))
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.header.setAccessibleName(self.tr("Fallkopf"))
        self.delivery_warning = QLabel()
        self.delivery_warning.setObjectName("delivery_warning")
        self.delivery_warning.setWordWrap(True)
        self.delivery_warning.setTextFormat(Qt.TextFormat.RichText)
        self.delivery_warning.setStyleSheet(WARNING_STYLE)
        self.delivery_warning.setAccessibleName(self.tr("Warnung zur Dokumentenlieferung"))
        self.delivery_warning.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.delivery_warning.hide()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Fallansicht"))
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.anchorClicked.connect(self._link_clicked)
        self.details.setAccessibleName(self.tr("Antrag"))
        # Mnemonics unlike the menu bar's (Datei, Fall, Navigation, Team, Hilfe) and the
        # viewers' "Suchen", so Alt+letter reaches one thing only.
        self.tabs.addTab(self.details, self.tr("&Antrag"))
        self.tabs.addTab(self._build_documents(), self.tr("D&okumente"))
        self.raw_xml_holder = QStackedWidget()
        self.raw_xml_holder.setAccessibleName(self.tr("XML-Anzeige"))
        self.tabs.addTab(self.raw_xml_holder, self.tr("&XML"))
        self.tabs.addTab(self._build_notes(), self.tr("Noti&zen"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.header)
        layout.addWidget(self.delivery_warning)
        layout.addWidget(self.tabs)
        # No tabs until a case is shown (nothing to show in them): "Kein Fall ausgewählt" at
        # the top of the empty area.
        self.header.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.tabs.hide()

    # --- building -------------------------------------------------------------------------
    def _build_documents(self) -> QWidget:
        self.documents = QListWidget()
        self.documents.setAccessibleName(self.tr("Dokumentliste"))
        self.documents.currentItemChanged.connect(self._document_chosen)
        self.viewer_holder = QStackedWidget()
        self.viewer_holder.setAccessibleName(self.tr("Dokumentanzeige"))
        self.viewer_message = QLabel(self.tr("Dokument auswählen"))
        self.viewer_message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.viewer_holder.addWidget(self.viewer_message)
        self.documents_splitter = QSplitter()  # its sizes are kept with the window's layout
        self.documents_splitter.addWidget(self.documents)
        self.documents_splitter.addWidget(self.viewer_holder)
        self.documents_splitter.setStretchFactor(1, 4)
        self.documents_splitter.setSizes([160, 640])
        return self.documents_splitter

    def _build_notes(self) -> QWidget:
        box = QWidget()
        self.notes = QTextBrowser()
        self.notes.setAccessibleName(self.tr("Notizen zum Fall"))
        self.note_edit = _NoteEditor()
        self.note_edit.save_requested.connect(self._submit_note)
        self.note_edit.setPlaceholderText(
            self.tr("Interne Notiz (nur für die Behörde); Strg+Eingabe speichert")
        )
        self.note_edit.setAccessibleName(self.tr("Neue Notiz"))
        self.note_edit.setMaximumHeight(90)
        self.note_edit.setEnabled(False)
        self.note_edit.textChanged.connect(self._draft_changed)
        self.note_button = QPushButton(self.tr("Notiz speichern"))
        self.note_button.setAccessibleName(self.tr("Notiz speichern"))
        self.note_button.setEnabled(False)
        self.note_button.clicked.connect(self._submit_note)
        row = QHBoxLayout()
        row.addWidget(self.note_edit)
        row.addWidget(self.note_button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.notes)
        layout.addLayout(row)
        return box

    # --- showing ---------------------------------------------------------------------------
    def show_case(self, case: dict | None, labels=None) -> None:
        same = self.case is not None and case is not None and case["id"] == self.case["id"]
        self.case = case
        if not same:
            self._chosen_message = None
            self._show_draft_of(case["id"] if case else None)
            self._clear_raw_xml()
        self._show_delivery_warnings(case)
        self.tabs.setVisible(case is not None)
        if case is None:
            self.header.setText(self.tr("Kein Fall ausgewählt"))
            self.details.clear()
            self.documents.clear()
            self._drop_viewers()
            self.notes.clear()
            return
        from html import escape

        # Loaded with the first case shown (with html's entity tables: 4 ms of start-up).
        from ab_inbox.ui.case_html import render_case

        number = self.tr("Fall {0}").format(case["id"])
        kind = type_title(case.get("type_code")) or case.get("type_title") or ""
        self.header.setText(
            f"<b>{escape(number)}</b> · {escape(kind)} · "
            f"{_plain(case.get('applicant_name'))} · {escape(tr_status(case['status']))}<br>"
            + self.tr("Eingang: {0} · Fällig: {1} · Bearbeitung: {2}").format(
                local_time(case.get("received_at"), seconds=True),
                local_time(case.get("due_at")),
                _plain(case.get("assignee")),
            )
        )
        scroll = self.details.verticalScrollBar().value()
        self.details.setHtml(render_case(case, labels))
        if same:
            self.details.verticalScrollBar().setValue(scroll)
        self._fill_documents(case, keep_selection=same)
        self._fill_notes(case)
        if not same and self.tabs.currentWidget() is self.raw_xml_holder:
            self._request_raw_xml()

    def _show_delivery_warnings(self, case: dict | None) -> None:
        """Packets still missing after the wait time: above the tabs, so no tab hides it."""
        warnings = (case or {}).get("delivery_warnings") or []
        if not warnings:
            self.delivery_warning.hide()
            self.delivery_warning.clear()
            return
        from html import escape

        from ab_inbox.ui.case_html import core_text

        self.delivery_warning.setText(
            "<br>".join(f"<b>⚠</b> {escape(core_text(w))}" for w in warnings)
        )
        self.delivery_warning.show()

    def _fill_documents(self, case: dict, keep_selection: bool) -> None:
        previous = (
            self.documents.currentItem().data(DOC_ROLE)
            if (keep_selection and self.documents.currentItem())
            else None
        )
        self.documents.blockSignals(True)
        self.documents.clear()
        for message in case.get("messages") or []:
            for a in message.get("attachments") or []:
                name = a.get("file_name") or a.get("label") or self.tr("(ohne Namen)")
                shown = name
                if a["state"] == "awaited":  # a placeholder until its packets have arrived
                    shown = self.tr("{0} (wird nachgeliefert)").format(name)
                item = QListWidgetItem(shown)
                item.setData(
                    DOC_ROLE,
                    (
                        message["id"],
                        a["position"],
                        a["state"],
                        a.get("mime"),
                        a.get("dokumentuuid"),
                        name,
                    ),
                )
                item.setToolTip(a.get("label") or name)
                self.documents.addItem(item)
                if previous and previous[:2] == (message["id"], a["position"]):
                    self.documents.setCurrentItem(item)
        self.documents.blockSignals(False)
        if previous is None:
            self._drop_viewers()

    def _fill_notes(self, case: dict) -> None:
        from html import escape

        parts = [
            f"<p><b>{escape(n['author'])}</b> <span style='color:#777'>"
            f"{escape(local_time(n['at']))}</span><br>{_lines(n['text'])}</p>"
            for n in case.get("notes") or []
        ]
        empty = escape(self.tr("Noch keine Notizen."))
        self.notes.setHtml("".join(parts) or f"<p>{empty}</p>")

    def show_document(self, viewer: QWidget) -> None:
        """Put a loaded viewer in place of the previous one."""
        self._drop_viewers()
        self.viewer_holder.addWidget(viewer)
        self.viewer_holder.setCurrentWidget(viewer)

    def _drop_viewers(self) -> None:
        """Close every document viewer: a hidden one would keep another applicant's document
        (and its rendered pages) in memory."""
        self.viewer_holder.setCurrentWidget(self.viewer_message)
        for index in reversed(range(self.viewer_holder.count())):
            widget = self.viewer_holder.widget(index)
            if widget is not self.viewer_message:
                self.viewer_holder.removeWidget(widget)
                widget.deleteLater()

    def show_raw_xml(self, viewer: QWidget) -> None:
        self._clear_raw_xml(keep_request=True)
        self.raw_xml_holder.addWidget(viewer)
        self.raw_xml_holder.setCurrentWidget(viewer)

    def wants_raw_xml(self, message_id: int) -> bool:
        """Whether XML arriving for this message still belongs on screen (the case may have
        changed while it was read)."""
        return self._xml_message is not None and self._xml_message == message_id

    def _clear_raw_xml(self, keep_request: bool = False) -> None:
        """Take the shown XML off screen: it is one applicant's personal data."""
        if not keep_request:
            self._xml_message = None
        while self.raw_xml_holder.count():
            old = self.raw_xml_holder.widget(0)
            self.raw_xml_holder.removeWidget(old)
            old.deleteLater()

    def _raw_message_id(self) -> int | None:
        if not self.case:
            return None
        ids = [m["id"] for m in self.case.get("messages") or []]
        if self._chosen_message in ids:
            return self._chosen_message
        return self.case.get("application_message_id") or (
            self.case["messages"][0]["id"] if self.case.get("messages") else None
        )

    def _request_raw_xml(self) -> None:
        message_id = self._raw_message_id()
        self._xml_message = message_id
        if message_id:
            self.raw_xml_requested.emit(message_id)

    # --- reacting --------------------------------------------------------------------------
    def _document_chosen(self, item, _previous=None) -> None:
        if item is None:
            return
        message_id, position, state, *_ = item.data(DOC_ROLE)
        self.attachment_requested.emit(message_id, position)

    def current_document(self) -> tuple | None:
        item = self.documents.currentItem()
        return item.data(DOC_ROLE) if item else None

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is not self.raw_xml_holder or not self.case:
            return
        if self.raw_xml_holder.count() and self._xml_message == self._raw_message_id():
            return  # already on screen for this case
        self._request_raw_xml()

    def _link_clicked(self, url) -> None:
        """A message in Verlauf ("message:ID"): its XML, as it arrived, in the XML tab."""
        if url.scheme() != "message" or not url.path().isdigit():
            return
        self._chosen_message = int(url.path())
        if self.tabs.currentWidget() is self.raw_xml_holder:
            self._request_raw_xml()
        else:
            self.tabs.setCurrentWidget(self.raw_xml_holder)

    # --- note drafts -----------------------------------------------------------------------
    def _show_draft_of(self, case_id: int | None) -> None:
        """Put the draft of `case_id` in the editor; the previous case's stays in _drafts."""
        self._draft_case = case_id
        self.note_edit.blockSignals(True)
        self.note_edit.setPlainText(self._drafts.get(case_id, "") if case_id is not None else "")
        self.note_edit.blockSignals(False)
        self.note_edit.setEnabled(case_id is not None)
        self.note_button.setEnabled(case_id is not None)

    def _draft_changed(self) -> None:
        if self._draft_case is None:
            return
        text = self.note_edit.toPlainText()
        if text.strip():
            self._drafts[self._draft_case] = text
        else:
            self._drafts.pop(self._draft_case, None)

    def draft(self, case_id: int) -> str:
        return self._drafts.get(case_id, "")

    def _submit_note(self) -> None:
        """Save the draft to the case it was written on; it stays until the write succeeded."""
        case_id = self._draft_case
        text = self.note_edit.toPlainText().strip()
        if text and case_id is not None:
            self.note_submitted.emit(case_id, text)

    def note_saved(self, case_id: int, text: str) -> None:
        """The note is stored: drop its draft, unless it was edited again meanwhile."""
        if self._drafts.get(case_id, "").strip() != text:
            return
        del self._drafts[case_id]
        if self._draft_case == case_id:
            self.note_edit.blockSignals(True)
            self.note_edit.clear()
            self.note_edit.blockSignals(False)


def _plain(value) -> str:
    from html import escape

    return escape(value) if value else "–"


def _lines(text: str) -> str:
    """A note as typed: its line breaks kept (HTML would run the lines together)."""
    from html import escape

    return "<br>".join(escape(line) for line in text.splitlines())
