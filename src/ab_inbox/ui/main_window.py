"""The main window: views on the left, the queue in the middle, the case on the right.

All reading and writing goes through `Inbox` in background ops (ui.ops), except the rows of
the page the queue is painting (a few hundred, one indexed query, queue_model); this module
only decides what to ask for and where to show it. A timer polls the store's data_version, so a
`fetch --watch` in another process shows up within seconds without losing the selection.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QItemSelection,
    QItemSelectionModel,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ab_inbox import config
from ab_inbox.casework.roles import AccessDenied
from ab_inbox.errors import BilingualError, QueryTooSlow
from ab_inbox.inbox import Inbox
from ab_inbox.ui.case_view import CaseView
from ab_inbox.ui.fetch_status import show_fetches
from ab_inbox.ui.i18n import current_language, local_time
from ab_inbox.ui.main_actions import build_actions
from ab_inbox.ui.ops import Op, ThreadLocalInbox
from ab_inbox.ui.queue_delegate import QueueDelegate
from ab_inbox.ui.queue_model import CASE_ID_ROLE, COLUMNS, PAGE_SIZE, QueueModel
from ab_inbox.ui.queue_table import QueueTable
from ab_inbox.ui.reminder_bar import ReminderBar
from ab_inbox.ui.team_actions import apply_role

LIVE_POLL_MS = 1500
FIRST_PAGE_IDS = 2 * PAGE_SIZE  # a screenful on a tall screen, read in well under 1 ms
# The first screenful is read on the GUI thread only if that takes no longer than this;
# else in the background.
FIRST_PAGE_ON_THE_SPOT_S = 0.03
VIEWS = (
    ("new", QT_TRANSLATE_NOOP("MainWindow", "Neu")),
    ("mine", QT_TRANSLATE_NOOP("MainWindow", "Meine Fälle")),
    ("unassigned", QT_TRANSLATE_NOOP("MainWindow", "Nicht zugewiesen")),
    ("due_today", QT_TRANSLATE_NOOP("MainWindow", "Heute fällig")),
    ("overdue", QT_TRANSLATE_NOOP("MainWindow", "Überfällig")),
    ("follow_up_due", QT_TRANSLATE_NOOP("MainWindow", "Wiedervorlage fällig")),
    ("invalid", QT_TRANSLATE_NOOP("MainWindow", "Ungültig")),
    ("quarantine", QT_TRANSLATE_NOOP("MainWindow", "Quarantäne")),
    ("open", QT_TRANSLATE_NOOP("MainWindow", "Offen")),
    ("all", QT_TRANSLATE_NOOP("MainWindow", "Alle")),
)
VIEW_ROLE = Qt.ItemDataRole.UserRole + 1
ASSIGNEE_ROLE = Qt.ItemDataRole.UserRole + 2  # a temporary view: one person's open cases
SAVED_SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3  # the id of a saved search
SCOPE_ROLE = Qt.ItemDataRole.UserRole + 4  # a view narrowed to the user's own and unassigned
SAVED_NAME_ROLE = Qt.ItemDataRole.UserRole + 5  # its name (the entry shows a mark and a count)


class MainWindow(QMainWindow):
    case_shown = Signal(int)  # emitted when a case is displayed (tests, screenshots)
    ids_applied = Signal()
    import_finished = Signal(list)  # outcome kinds of a drag & drop / file import

    def __init__(self, inbox: Inbox, workers: ThreadLocalInbox, parent=None):
        super().__init__(parent)
        self.inbox = inbox
        self.workers = workers
        self.setWindowTitle(self.tr("AB-Inbox – Posteingang Ausländerbehörde"))
        self.setAcceptDrops(True)
        self._refresh_token = 0
        self._query_error: str | None = None  # shown once until a query works again
        self.locked_out = False  # the core refused to show cases to this login
        self._pending_query: tuple | None = None
        # False while only the first ids of the window's first query are shown (the rest of
        # a long list is still being read); True once the latest query is in or has failed.
        self.queue_complete = True
        self._first_page_token: int | None = None  # the query whose first page is shown
        self._first_ids_done = False  # counts and saved searches are read after that
        # Restoring the saved sort (the header's state) asks for a query; the one query that
        # counts is sent when the window is built.
        self._built = False
        self._case_token = 0
        self._data_version = inbox.data_version()
        self._wanted_case: int | None = None  # to select once the next ids arrive
        self._saved_counts: dict[int, int] = {}  # saved search id -> cases it lists
        self._counts_pending = False  # a read of the counts is on its way
        self.actor = None  # the acting user as the core sees them (roles.Actor)
        self.team_dialogs: dict[str, QWidget] = {}
        self.assignee_filter_note = None  # team_actions.AssigneeFilterNote, once used
        self._build_widgets()
        self.actions_by_name = build_actions(self)
        apply_role(self, None)  # nothing a role might not allow until the core has answered
        self._restore_state()
        self.live_timer = QTimer(self)
        self.live_timer.setInterval(LIVE_POLL_MS)
        self.live_timer.timeout.connect(self.poll_for_changes)
        self.live_timer.start()
        # The queue first; the role, counts and saved searches once it is on screen, so they
        # do not compete with the first query.
        self._built = True
        self.refresh(counts=False, first_page=True)

    def _after_first_ids(self) -> None:
        """Once the first query's whole list is in (and not before: they would compete)."""
        self._first_ids_done = True
        self.reload_actor()  # the actions the role allows (all off until then)
        self._refresh_counts()  # and the reminders
        self.reload_saved_searches()

    def reload_actor(self) -> None:
        """Ask the core who is acting with which role; the window shows what the role allows."""
        Op(self, lambda: self.workers.get().actor()).on_success(self._apply_actor).start()

    def _apply_actor(self, actor) -> None:
        self.actor = actor
        apply_role(self, actor)
        if self.locked_out and actor.known:  # access given back (reactivated)
            self.locked_out = False
            self.model.forget_rows()
            self.refresh()

    # --- layout ----------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.views = QListWidget()
        self.views.setAccessibleName(self.tr("Ansichten"))
        for key, title in VIEWS:
            item = QListWidgetItem(QCoreApplication.translate("MainWindow", title))
            item.setData(VIEW_ROLE, (key, None))
            self.views.addItem(item)
        self.views.setCurrentRow(0)
        self.views.currentItemChanged.connect(self._view_chosen)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Suchen: Name, Antragsidentifikation, Dokument"))
        self.search.setAccessibleName(self.tr("Suche"))
        self.search.setClearButtonEnabled(True)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(250)
        self.search_timer.timeout.connect(lambda: self.refresh(keep_selection=False, counts=False))
        self.search.textChanged.connect(lambda _: self.search_timer.start())

        self.model = QueueModel(self.inbox.case_rows, self)
        self.model.rows_failed.connect(self._query_failed, Qt.ConnectionType.QueuedConnection)
        self.table = QueueTable()
        self.table.setAccessibleName(self.tr("Warteschlange"))
        self.table.setModel(self.model)
        self.table.setItemDelegate(QueueDelegate(self.model, self.table))
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Tab goes on to the next part of the window; the arrow keys move within the queue.
        # (Qt's default walks cell by cell and, past the last column, opens the next case.)
        self.table.setTabKeyNavigation(False)
        # Several rows for batch actions (printing); the current row is the case shown.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.quarantine = None  # QuarantineTable, made when the view is first chosen
        self.center = QStackedWidget()
        self.center.addWidget(self.table)

        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        self.reminder_bar = ReminderBar()
        self.reminder_bar.view_requested.connect(self.show_reminder_view)
        middle_layout.addWidget(self.reminder_bar)
        middle_layout.addWidget(self.search)
        middle_layout.addWidget(self.center)

        self.case_view = CaseView()
        self.case_view.attachment_requested.connect(self.open_attachment)
        self.case_view.raw_xml_requested.connect(self.open_raw_xml)
        self.case_view.note_submitted.connect(self.add_note)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.views)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.case_view)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.setCentralWidget(self.splitter)
        self.counts_label = QLabel()
        self.fetch_label = QLabel()
        self.fetch_label.setAccessibleName(self.tr("Letzter Abruf"))
        self.statusBar().addPermanentWidget(self.fetch_label)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.model.sort_requested.connect(lambda *_: self.refresh(counts=False))

    # --- state ----------------------------------------------------------------------------
    def _state(self) -> QSettings:
        return QSettings(str(config.data_dir() / "window.ini"), QSettings.Format.IniFormat)

    def _restore_state(self) -> None:
        state = self._state()
        if state.value("geometry"):
            self.restoreGeometry(state.value("geometry"))
        else:
            self.resize(1400, 850)
        if state.value("window"):
            self.restoreState(state.value("window"))
        if state.value("splitter"):
            self.splitter.restoreState(state.value("splitter"))
        else:
            self.splitter.setSizes([170, 760, 470])
        if state.value("documents_splitter"):
            self.case_view.documents_splitter.restoreState(state.value("documents_splitter"))
        if state.value("header"):
            self.table.horizontalHeader().restoreState(state.value("header"))
        else:
            # At least as wide as the title (in the UI language, with room for the sort mark).
            header = self.table.horizontalHeader()
            metrics = header.fontMetrics()
            for column, spec in enumerate(COLUMNS):
                title = self.model.headerData(column, Qt.Orientation.Horizontal)
                self.table.setColumnWidth(
                    column, max(spec[3], metrics.horizontalAdvance(title) + 28)
                )

    def save_state(self) -> None:
        state = self._state()
        state.setValue("geometry", self.saveGeometry())
        state.setValue("window", self.saveState())
        state.setValue("splitter", self.splitter.saveState())
        state.setValue("documents_splitter", self.case_view.documents_splitter.saveState())
        state.setValue("header", self.table.horizontalHeader().saveState())
        state.sync()

    def closeEvent(self, event) -> None:  # noqa: N802
        self.stop_background()
        self.save_state()
        super().closeEvent(event)

    def stop_background(self) -> None:
        """The window is closing: no more polling, and results still on their way (or reads
        not yet started, such as the rest of the first list) are dropped."""
        self.live_timer.stop()
        self._refresh_token += 1
        self._case_token += 1

    # --- the queue ------------------------------------------------------------------------
    def current_view(self) -> tuple[str, str | None]:
        item = self.views.currentItem()
        return item.data(VIEW_ROLE) if item else ("all", None)

    def _view_chosen(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is not None and item.data(SAVED_SEARCH_ROLE) is not None and self.search.text():
            # A saved search is itself a search: what was typed for another view would narrow
            # it unseen (typing afterwards narrows it, in sight).
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.search_timer.stop()
        self.refresh(keep_selection=False, counts=False)

    def current_search(self) -> str:
        """What the queue is searched for: a saved search's text and what is typed."""
        _view, saved = self.current_view()
        return " ".join(part for part in (saved, self.search.text().strip()) if part)

    def current_assignee(self) -> str | None:
        """The login the queue is filtered to (team_actions.show_assignee_cases, or a saved
        search), if any."""
        item = self.views.currentItem()
        return item.data(ASSIGNEE_ROLE) if item else None

    def current_scope(self) -> str | None:
        """The narrowing of a reminder's view (cases.SCOPES), if the queue has one."""
        item = self.views.currentItem()
        return item.data(SCOPE_ROLE) if item else None

    def selected_case_ids(self) -> list[int]:
        """The selected cases in queue order (the current one when nothing else is), taken
        from the selection's ranges: Ctrl+A over 100,000 cases is one range, not 100,000
        indexes."""
        ranges = sorted(
            (selected.top(), selected.bottom())
            for selected in self.table.selectionModel().selection()
        )
        ids, seen = [], set()
        for top, bottom in ranges:
            for case_id in self.model.ids_between(top, bottom):
                if case_id not in seen:
                    seen.add(case_id)
                    ids.append(case_id)
        current = self.current_case_id()
        return ids or ([current] if current else [])

    def selected_case_versions(self) -> tuple[dict[int, int], list[int]]:
        """For conflict checks: the selected cases the queue has shown, with the version it
        showed, and the ones never painted (the caller reads their current versions in the
        background, with Inbox.case_versions)."""
        shown = self.model.cached_versions()
        seen, unseen = {}, []
        for case_id in self.selected_case_ids():
            if case_id in shown:
                seen[case_id] = shown[case_id]
            else:
                unseen.append(case_id)
        return seen, unseen

    def select_view(self, key: str) -> bool:
        """Switch the queue to a fixed view by its key ("overdue", "mine", …)."""
        for i in range(self.views.count()):
            item = self.views.item(i)
            if item.data(VIEW_ROLE) == (key, None) and not is_temporary(item):
                self.views.setCurrentRow(i)
                return True
        return False

    def open_case(self, case_id: int, view: str | None = None) -> None:
        """Show a case, switching to `view` first; it is selected once the queue has it."""
        self._wanted_case = case_id
        self.load_case(case_id, audit=False)
        if view is None or self.current_view()[0] == view:
            self.model.forget_rows()
            self.refresh()
        else:
            self.select_view(view)
            self._refresh_counts()

    def current_case_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.case_id(index.row()) if index.isValid() else None

    def refresh(
        self, keep_selection: bool = True, counts: bool = True, first_page: bool = False
    ) -> None:
        """Re-run the current view's query in the background and apply it when it returns.

        View counts cost a COUNT per view over all cases; they are refreshed when data
        changed, not when the user only searches, sorts or switches views. A request for the
        query already on its way (Qt may ask twice for one header click) is not sent again,
        unless data changed (counts=True). `first_page` (the window's first query): the first
        screenful of ids is read (on the spot, if quick) and shown on its own while the whole
        list is read."""
        if self.locked_out or not self._built:
            return
        view, _saved = self.current_view()
        if view == "quarantine":
            self.center.setCurrentWidget(self._quarantine_table())
            # No case is at hand there: the case actions and the keys that move through the
            # queue must not act on the queue hidden behind it.
            self.case_view.show_case(None)
            Op(self, lambda: self.workers.get().quarantine_entries()).on_success(
                self.quarantine.show_entries
            ).on_failure(self.show_error).start()
            if counts:  # data changed: the side list and the status bar too
                self._refresh_counts()
            return
        self.center.setCurrentWidget(self.table)
        search = self.current_search()
        assignee = self.current_assignee()
        scope = self.current_scope()
        sort_key = COLUMNS[self.model.sort_column][2]
        descending = self.model.sort_descending
        query_key = (view, search, sort_key, descending, assignee, scope)
        if not counts and query_key == self._pending_query:
            return
        self._pending_query = query_key
        self._refresh_token += 1
        token = self._refresh_token
        keep = self.current_case_id() if keep_selection else None
        keep_row = self.table.currentIndex().row()
        also = self.selected_case_ids() if keep_selection else []
        if self._wanted_case is not None:
            keep, keep_row = self._wanted_case, -1

        def query(inbox: Inbox, limit=None, within_s=None):
            return inbox.case_ids(
                view,
                search=search,
                sort=sort_key,
                descending=descending,
                assignee=assignee,
                scope=scope,
                limit=limit,
                within_s=within_s,
            )

        def whole_list():
            if token != self._refresh_token:
                return  # a newer query, or the window closed, since the first page
            Op(self, lambda: query(self.workers.get())).on_success(
                lambda ids: self._apply_ids(token, ids, keep, keep_row, also)
            ).on_failure(self._query_failed).start()

        if first_page and keep is None:
            self.queue_complete = False
            try:
                # Read on the spot, if quick, as it is (well under 1 ms for 100,000 cases):
                # then the window's first paint shows the queue filled, not empty and then
                # filled a moment later.
                first = query(self.inbox, FIRST_PAGE_IDS, within_s=FIRST_PAGE_ON_THE_SPOT_S)
            except QueryTooSlow:  # in the background, then
                Op(self, lambda: query(self.workers.get(), FIRST_PAGE_IDS)).on_success(
                    lambda ids: self._show_first_page(token, ids, whole_list)
                ).on_failure(lambda _exc: whole_list()).start()  # which says why
            except (BilingualError, sqlite3.Error):
                whole_list()  # its query fails too, and says why
            else:
                self._show_first_page(token, first, whole_list)
        else:
            whole_list()
        if counts:
            self._refresh_counts()

    def _quarantine_table(self):
        """The quarantine view's table, made when first shown (not needed for start-up)."""
        if self.quarantine is None:
            from ab_inbox.ui.quarantine_table import QuarantineTable

            self.quarantine = QuarantineTable()
            self.center.addWidget(self.quarantine)
        return self.quarantine

    def _apply_ids(
        self,
        token: int,
        ids: list[int],
        keep: int | None,
        keep_row: int = -1,
        also: list[int] | None = None,
    ) -> None:
        """Show new ids; the selected case stays selected, or, if it left this view (e.g.
        taken out of "Neu"), the case now at its place is selected, as in a mail client.
        Other selected cases (`also`, for batch actions) stay selected where still listed."""
        if token != self._refresh_token:
            return  # a newer refresh is on its way
        self._pending_query = None
        self._query_error = None
        if token == self._first_page_token:  # the whole list of a first page shown
            self._first_page_token = None
            if self._extend_first_page(ids):
                self.queue_complete = True
                self._ids_applied()
                return
            # It changed meanwhile: as any refresh, keeping what the user chose since.
            keep, keep_row = self.current_case_id(), self.table.currentIndex().row()
            also = self.selected_case_ids()
        self.queue_complete = True
        wanted, self._wanted_case = self._wanted_case, None
        scroll = self.table.verticalScrollBar().value()
        anchor = self._scroll_anchor() if keep is not None else None
        self.table.selectionModel().blockSignals(True)
        rows_before = self.model.rowCount()
        self.model.set_ids(ids)
        if len(ids) != rows_before:
            # Lay the new rows out now: after a reset Qt does it on a timer, which comes after
            # the first paint and, as the number of rows changed, paints every visible row a
            # second time. With as many rows as before (a sort) it changes nothing, and laying
            # out 100,000 rows at once would cost the paint more than it saves.
            self.table.doItemsLayout()
        row = self.model.row_of(keep) if keep is not None else -1
        moved_on = keep is not None and row < 0 and bool(ids) and keep_row >= 0
        if moved_on:
            row = min(keep_row, len(ids) - 1)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.selectRow(row)
            if also and len(also) > 1:
                self._reselect(ids, also)
        self.table.selectionModel().blockSignals(False)
        if wanted is not None and row >= 0:
            self.table.scrollTo(self.model.index(row, 0))
        elif anchor is not None:
            anchor_id, offset = anchor
            anchor_row = row if anchor_id == keep else self.model.row_of(anchor_id)
            if anchor_row >= 0 and not moved_on:
                top = self.model.index(max(anchor_row - offset, 0), 0)
                self.table.scrollTo(top, QAbstractItemView.ScrollHint.PositionAtTop)
            else:  # it left the view: the rows around its place stay where they were
                self.table.verticalScrollBar().setValue(scroll)
        if row >= 0:
            self.load_case(self.model.case_id(row), audit=moved_on)
        elif wanted is not None and keep == wanted:
            pass  # not in this view (a search hides it): the case view keeps showing it
        elif keep is not None or not ids:
            self.case_view.show_case(None)
        self._ids_applied()

    def _scroll_anchor(self) -> tuple[int, int] | None:
        """The case the eye is on and its place on screen (rows below the top row): the
        current case where it is on screen, else the top row's. New cases sorted in above
        it (a live update) then do not push the rows the user is reading down or away."""
        top = self.table.rowAt(0)
        if top < 0:
            return None
        bottom = self.table.rowAt(self.table.viewport().height() - 1)
        bottom = self.model.rowCount() - 1 if bottom < 0 else bottom
        current = self.table.currentIndex().row()
        row = current if top <= current <= bottom else top
        case_id = self.model.case_id(row)
        return (case_id, row - top) if case_id is not None else None

    def _ids_applied(self) -> None:
        self.ids_applied.emit()
        if not self._first_ids_done:
            self._after_first_ids()

    def _show_first_page(self, token: int, ids: list[int], whole_list) -> None:
        """The first screenful of the window's first query, shown on its own; the whole
        list is read once it is painted (its reading would compete with the painting)."""
        if token != self._refresh_token:
            return  # a newer query
        if len(ids) < FIRST_PAGE_IDS:  # that is the whole list
            self._apply_ids(token, ids, None)
            return
        self.model.set_ids(ids)
        self.table.doItemsLayout()
        self._first_page_token = token
        self.ids_applied.emit()
        self.table.after_paint(whole_list)

    def _extend_first_page(self, ids: list[int]) -> bool:
        """Add the rest of the list below the first page shown, if that is still how the
        list begins. Everything selected (Ctrl+A meanwhile) stays everything."""
        shown = self.model.rowCount()
        everything = shown > 0 and len(self.table.selectionModel().selectedRows()) == shown
        if not self.model.extend_ids(ids):
            return False
        if everything and len(ids) > shown:
            self.table.selectAll()
        return True

    def _reselect(self, ids: list[int], wanted: list[int]) -> None:
        """Select again the rows of `wanted` cases that are still listed, as row ranges."""
        position = {case_id: row for row, case_id in enumerate(ids)}
        rows = sorted(position[i] for i in wanted if i in position)
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        start = previous = None
        for row in [*rows, None]:
            if start is not None and row != previous + 1:
                selection.select(self.model.index(start, 0), self.model.index(previous, last))
                start = None
            if row is not None and start is None:
                start = row
            previous = row
        self.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.Select)

    def _refresh_counts(self) -> None:
        if self.locked_out:
            return

        def counts():
            inbox = self.workers.get()
            return (
                inbox.view_counts(),
                inbox.counts(),
                inbox.last_received_at(),
                inbox.last_fetches(),
                inbox.reminders(),
                inbox.saved_search_counts(),
            )

        def failed(exc: BaseException) -> None:
            self._counts_pending = False
            self._query_failed(exc)

        self._counts_pending = True
        Op(self, counts).on_success(self._show_counts).on_failure(failed).start()

    def _show_counts(self, result) -> None:
        """The side list's counts, the status bar and the reminder bar, from one read."""
        views, totals, last, fetches, reminders, self._saved_counts = result
        self._counts_pending = False
        self.reminder_bar.show_counts(reminders)
        self._show_saved_counts()
        for i in range(self.views.count()):
            item = self.views.item(i)
            key, saved = item.data(VIEW_ROLE)
            base = dict(VIEWS).get(key)
            if saved is None and base and not is_temporary(item):
                number = totals["quarantine"] if key == "quarantine" else views.get(key, 0)
                title = QCoreApplication.translate("MainWindow", base)
                item.setText(f"{title} ({number})")
        self.counts_label.setText(
            self.tr("Fälle: {0} · Neu: {1} · Ungültig: {2} · Letzter Eingang: {3}").format(
                views.get("all", 0), views.get("new", 0), views.get("invalid", 0), local_time(last)
            )
        )
        show_fetches(self.fetch_label, fetches, self.inbox.FETCH_RECORD_MINUTES)

    def _show_saved_counts(self) -> None:
        for i in range(self.views.count()):
            item = self.views.item(i)
            count = self._saved_counts.get(item.data(SAVED_SEARCH_ROLE))
            if count is not None:
                item.setText(f"★ {item.data(SAVED_NAME_ROLE)} ({count})")

    def poll_for_changes(self) -> None:
        """Cheap check (PRAGMA data_version) whether anyone committed since we last looked."""
        if self.inbox.data_version() != self._data_version:
            self.after_own_write()  # the same reload; a changed role or deactivation shows too
            if self._first_ids_done:  # saved searches renamed or deleted elsewhere, too
                self.reload_saved_searches()
        else:
            self.model.check_day()

    # --- the case -------------------------------------------------------------------------
    def _current_row_changed(self, current, _previous) -> None:
        case_id = current.data(CASE_ID_ROLE) if current.isValid() else None
        if case_id is not None:
            # The case already on screen (found again in another view) is no new access.
            shown = (self.case_view.case or {}).get("id")
            self.load_case(case_id, audit=case_id != shown)

    def load_case(self, case_id: int, audit: bool) -> None:
        self._case_token += 1
        token = self._case_token

        def read():
            inbox = self.workers.get()
            case = inbox.case(case_id)
            versions = [m["version"] for m in case["messages"] if m.get("version")]
            return case, inbox.schema_labels(versions[0] if versions else None)

        def show(result):
            case, labels = result
            if token == self._case_token:
                self.case_view.show_case(case, labels)
                self.case_shown.emit(case_id)

        Op(self, read).on_success(show).on_failure(
            lambda exc: self.show_error(exc, reload=False)
        ).start()
        if audit:
            Op(self, lambda: self.workers.get().mark_viewed(case_id), "write").on_failure(
                lambda exc: self._view_not_audited(case_id, exc)
            ).start()

    def _view_not_audited(self, case_id: int, exc: BaseException) -> None:
        """Every view of a case is in the audit log; a view that could not be logged is
        taken off screen and the user is told why."""
        if (self.case_view.case or {}).get("id") == case_id:
            self._case_token += 1  # a read still on its way must not show it again
            self.case_view.show_case(None)
        self.show_error(exc, reload=False)

    def open_attachment(self, message_id: int, position: int) -> None:
        from ab_inbox.ui.attachments import open_attachment

        open_attachment(self, message_id, position)

    def open_raw_xml(self, message_id: int) -> None:
        from ab_inbox.ui.attachments import open_raw_xml

        open_raw_xml(self, message_id)

    def add_note(self, case_id: int, text: str) -> None:
        """The case view keeps the draft until the note is stored (a failed write loses
        nothing)."""
        self.write(
            lambda inbox: inbox.add_note(case_id, text),
            done=lambda _changes: self.case_view.note_saved(case_id, text),
        )

    # --- writes ---------------------------------------------------------------------------
    def write(self, fn, done=None) -> None:
        """Run a write on the serial worker; conflicts and refusals are shown, then reload."""

        def finished(changes):
            if done is not None:
                done(changes)
            self.after_own_write()

        Op(self, lambda: fn(self.workers.get()), "write").on_success(finished).on_failure(
            self.show_error
        ).start()

    def after_own_write(self) -> None:
        """Reload after a commit: our own (the poll then need not take it for someone else's)
        or another process's the poll noticed. Reads everything fresh, the user's role too."""
        self._data_version = self.inbox.data_version()
        self.model.forget_rows()
        self.refresh()
        self.reload_actor()  # the write may have changed the user's own role

    def _error_text(self, exc: BaseException) -> str:
        if isinstance(exc, BilingualError):
            return exc.text(current_language())
        return self.tr("Unerwarteter Fehler: {0}").format(type(exc).__name__)

    def show_error(self, exc: BaseException, reload: bool = True) -> None:
        """A refused or failed action: say why, then show the queue as it now is (a write
        may have lost a race). `reload=False` for failed reads, which a reload would repeat."""
        self._warn(self._error_text(exc))
        if isinstance(exc, AccessDenied):
            self.reload_actor()  # the role may have changed since the window asked
        if reload:
            self.model.forget_rows()
            self.refresh()

    def _query_failed(self, exc: BaseException) -> None:
        """The queue could not be read. Said once (the live poll would repeat it every few
        seconds) until a query works again; refused access empties the window until the
        login is allowed again."""
        if isinstance(exc, AccessDenied) and not self.locked_out:
            self.locked_out = True
            self.model.set_ids([])
            self.case_view.show_case(None)
            self.reload_actor()
        elif self.actor is None:  # the first query failed: the role is read all the same
            self.reload_actor()
        self._pending_query = None  # asking again tries again
        self.queue_complete = True  # nothing more is coming for that query
        text = self._error_text(exc)
        if text == self._query_error:
            return
        self._query_error = text
        self.statusBar().showMessage(text)
        self._warn(text)

    def _warn(self, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox  # loaded when first needed: 3 ms of start-up

        QMessageBox.warning(self, self.tr("AB-Inbox"), text)

    # --- drag and drop --------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802
        # Any local file or folder: what is not an XML file is named in the summary, rather
        # than refused without a word.
        if any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        self.import_files(
            [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        )
        event.acceptProposedAction()

    def import_files(self, paths: list[Path]) -> None:
        from ab_inbox.ui.importing import import_files

        import_files(self, paths)

    def reload_saved_searches(self, choose: str | None = None) -> None:
        """Saved searches appear below the fixed views, each a view plus a search text. The
        one chosen stays chosen (or the one named `choose`, just saved or renamed)."""

        def show(searches):
            current = self.current_saved_search()
            self.views.blockSignals(True)  # rebuilding is no choice of the user's
            for i in reversed(range(self.views.count())):
                if self.views.item(i).data(SAVED_SEARCH_ROLE) is not None:
                    self.views.takeItem(i)
            chosen, same = None, False
            for s in searches:
                item = QListWidgetItem(f"★ {s['name']}")
                item.setData(VIEW_ROLE, (s["view"], s["search"] or ""))
                item.setData(SAVED_SEARCH_ROLE, s["id"])
                item.setData(SAVED_NAME_ROLE, s["name"])
                item.setData(ASSIGNEE_ROLE, s["assignee"])
                item.setData(SCOPE_ROLE, s["scope"])
                item.setToolTip(self._saved_search_tip(s))
                self.views.addItem(item)
                if s["name"] == choose or (choose is None and current and current[0] == s["id"]):
                    chosen = item
                    same = current is not None and current[0] == s["id"]
            if chosen is not None and same:
                # The search chosen before (renamed, perhaps): the same query, and what was
                # typed to narrow it stays.
                self.views.setCurrentItem(chosen)
            self.views.blockSignals(False)
            if chosen is not None and not same:
                self.views.setCurrentItem(chosen)
            elif current is not None and chosen is None:
                self.select_view("all")  # it is gone
            if any(s["id"] not in self._saved_counts for s in searches):
                if not self._counts_pending:  # else that read counts them
                    self._refresh_counts()
            else:
                self._show_saved_counts()

        Op(self, lambda: self.workers.get().saved_searches()).on_success(show).start()

    def _saved_search_tip(self, saved: dict) -> str:
        """What a saved search lists, in words: its view, text, person and scope."""
        view = saved["view"]
        parts = [
            self.tr("Ansicht „{0}“").format(
                QCoreApplication.translate("MainWindow", dict(VIEWS).get(view, view))
            )
        ]
        if saved["search"]:
            parts.append(self.tr("Suche „{0}“").format(saved["search"]))
        if saved["assignee"]:
            parts.append(self.tr("Fälle von {0}").format(saved["assignee"]))
        if saved["scope"]:
            parts.append(self.tr("meine und nicht zugewiesene"))
        return ", ".join(parts)

    def saved_search_names(self) -> set[str]:
        return {
            self.views.item(i).data(SAVED_NAME_ROLE)
            for i in range(self.views.count())
            if self.views.item(i).data(SAVED_SEARCH_ROLE) is not None
        }

    def show_reminder_view(self, kind: str) -> None:
        """A reminder's button: the view of that kind, narrowed to what the reminder counted
        (the user's own cases and the unassigned ones), as a temporary entry in the side list."""
        for row in reversed(range(self.views.count())):
            item = self.views.item(row)
            if is_temporary(item) and item.data(SCOPE_ROLE) is not None:
                self.views.takeItem(row)
        base = dict(VIEWS)[kind]
        item = QListWidgetItem(
            self.tr("{0} – meine und nicht zugewiesene").format(
                QCoreApplication.translate("MainWindow", base)
            )
        )
        item.setData(VIEW_ROLE, (kind, None))
        item.setData(SCOPE_ROLE, "mine_or_unassigned")
        font = QFont(item.font())
        font.setItalic(True)
        item.setFont(font)
        self.views.insertItem(len(VIEWS), item)
        self.views.setCurrentItem(item)

    def current_saved_search(self) -> tuple[int, str] | None:
        """(id, name) of the saved search chosen in the side list, if one is."""
        item = self.views.currentItem()
        search_id = item.data(SAVED_SEARCH_ROLE) if item else None
        return (search_id, item.data(SAVED_NAME_ROLE)) if search_id is not None else None

    def trigger(self, name: str) -> QAction:
        """An action by name (menus, toolbar and shortcuts share them)."""
        return self.actions_by_name[name]


def is_temporary(item: QListWidgetItem) -> bool:
    """A side-list entry that narrows a fixed view for now (one person's cases, a reminder's
    cases); a saved search narrowed so is kept."""
    return item.data(SAVED_SEARCH_ROLE) is None and (
        item.data(ASSIGNEE_ROLE) is not None or item.data(SCOPE_ROLE) is not None
    )
