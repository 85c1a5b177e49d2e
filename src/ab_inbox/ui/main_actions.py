"""Every command of the main window as a QAction: menus, toolbar and keyboard share them.

Shortcuts avoid the system's own (Ctrl+C/V/X/Z/A, Alt+F4, Ctrl+W, Ctrl+Tab); the list is in the
help dialog (F1), built from these actions so it cannot go stale.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog

from ab_inbox.casework import status as workflow
from ab_inbox.ui import handoff_actions as handoff
from ab_inbox.ui.i18n import current_language, tr_status
from ab_inbox.ui.questions import confirm
from ab_inbox.ui.queue_model import COLUMNS
from ab_inbox.ui.team_actions import add_team_actions, build_team_menu

# Back-channel reply types offered in the "Antworten" menu (titles from the type registry).
REPLY_CODES = ("130102", "130104", "130105", "130109", "130110", "130107")


def reply_title(code: str, language: str = "de") -> str:
    from ab_inbox.xauslaender.message_types import by_code

    message_type = by_code(code)
    return (message_type.title_de if language == "de" else message_type.title_en) + "…"


# (status slug, shortcut) for the "Status" menu; "exported" is set only by the export.
STATUS_SHORTCUTS = (
    (workflow.IN_PROGRESS, "Ctrl+1"),
    (workflow.QUERY, "Ctrl+2"),
    (workflow.READY, "Ctrl+3"),
    (workflow.PARKED, "Ctrl+4"),
    (workflow.NOT_RESPONSIBLE, "Ctrl+5"),
    (workflow.DONE, "Ctrl+6"),
)


def _action(window, name: str, text: str, shortcut: str | None, handler, tip: str = ""):
    action = QAction(text, window)
    action.setObjectName(name)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: handler())
    window.addAction(action)  # shortcuts work wherever the focus is inside the window
    return action


def build_actions(window) -> dict[str, QAction]:
    acts: dict[str, QAction] = {}

    def add(name, text, shortcut, handler, tip=""):
        acts[name] = _action(window, name, text, shortcut, handler, tip)
        return acts[name]

    add(
        "fetch",
        QCoreApplication.translate("MainWindow", "&Abrufen"),
        "F5",
        lambda: fetch_now(window),
        QCoreApplication.translate("MainWindow", "Eingangsordner jetzt abrufen"),
    )
    add(
        "import",
        QCoreApplication.translate("MainWindow", "&Importieren…"),
        "Ctrl+O",
        lambda: choose_import(window),
        QCoreApplication.translate("MainWindow", "XML-Dateien importieren"),
    )
    add(
        "settings",
        QCoreApplication.translate("MainWindow", "&Einstellungen…"),
        "Ctrl+,",
        lambda: open_settings(window),
    )
    add("quit", QCoreApplication.translate("MainWindow", "&Beenden"), "Ctrl+Q", window.close)
    add(
        "search",
        QCoreApplication.translate("MainWindow", "&Suchen"),
        "Ctrl+F",
        lambda: (window.search.setFocus(), window.search.selectAll()),
    )
    add(
        "save_search",
        QCoreApplication.translate("MainWindow", "Suche s&peichern…"),
        None,
        lambda: save_search(window),
    )
    add(
        "rename_search",
        QCoreApplication.translate("MainWindow", "Gespeicherte Suche &umbenennen…"),
        None,
        lambda: rename_saved_search(window),
    )
    add(
        "delete_search",
        QCoreApplication.translate("MainWindow", "Gespeicherte Suche &löschen…"),
        None,
        lambda: delete_saved_search(window),
    )
    add(
        "next",
        QCoreApplication.translate("MainWindow", "&Nächster Fall"),
        "Alt+Down",
        lambda: move(window, +1),
    )
    add(
        "previous",
        QCoreApplication.translate("MainWindow", "&Vorheriger Fall"),
        "Alt+Up",
        lambda: move(window, -1),
    )
    add(
        "queue",
        QCoreApplication.translate("MainWindow", "Zur &Warteschlange"),
        "F6",
        lambda: window.center.currentWidget().setFocus(),  # the queue, or the quarantine
    )
    add(
        "open",
        QCoreApplication.translate("MainWindow", "Fall ö&ffnen"),
        "Ctrl+Return",
        lambda: window.case_view.tabs.setFocus(),
    )
    add(
        "take",
        QCoreApplication.translate("MainWindow", "Fall ü&bernehmen"),
        "Ctrl+T",
        lambda: with_case(
            window, lambda inbox, cid, version: inbox.take_case(cid, expected_version=version)
        ),
        QCoreApplication.translate("MainWindow", "Den Fall mir zuweisen und in Bearbeitung nehmen"),
    )
    add(
        "follow_up",
        QCoreApplication.translate("MainWindow", "&Wiedervorlage setzen…"),
        "Ctrl+D",
        lambda: follow_up(window),
    )
    add(
        "note",
        QCoreApplication.translate("MainWindow", "&Notiz schreiben"),
        "Ctrl+Shift+N",
        lambda: focus_note(window),
    )
    add(
        "export",
        QCoreApplication.translate("MainWindow", "E&xportieren…"),
        "Ctrl+Shift+E",  # Ctrl+E is "end of line" in Linux text fields, the search field too
        lambda: handoff.export_case(window),
        QCoreApplication.translate("MainWindow", "Den Fall an das Fachverfahren übergeben"),
    )
    add(
        "print",
        QCoreApplication.translate("MainWindow", "Zusammenfassung &drucken…"),
        "Ctrl+P",
        lambda: handoff.print_summary(window),
    )
    add(
        "print_all",
        QCoreApplication.translate("MainWindow", "Zusammenfassung mit An&lagen drucken…"),
        None,
        lambda: handoff.print_summary(window, with_attachments=True),
    )
    add(
        "save_pdf",
        QCoreApplication.translate("MainWindow", "Zusammenfassung als &PDF speichern…"),
        "Ctrl+Shift+P",
        lambda: handoff.save_summary(window),
    )
    for code in REPLY_CODES:
        add(
            f"reply_{code}",
            reply_title(code, current_language()),
            None,
            lambda code=code: handoff.compose_reply(window, code),
        )
    for slug, key in STATUS_SHORTCUTS:
        add(f"status_{slug}", tr_status(slug), key, lambda slug=slug: set_status(window, slug))
    add_team_actions(window, add)
    # Alt+1 … Alt+9 and Alt+0 for the first ten views (saved searches come after them).
    from ab_inbox.ui.main_window import VIEW_ROLE, VIEWS  # the window's module, loaded

    titles = dict(VIEWS)
    for number in range(1, min(window.views.count(), 10) + 1):
        add(
            f"view_{number}",
            QCoreApplication.translate("MainWindow", "Ansicht: {0}").format(
                QCoreApplication.translate(
                    "MainWindow", titles[window.views.item(number - 1).data(VIEW_ROLE)[0]]
                )
            ),
            f"Alt+{number % 10}",
            lambda row=number - 1: window.views.setCurrentRow(row),
        )
    add(
        "help",
        QCoreApplication.translate("MainWindow", "&Tastenkürzel"),
        "F1",
        lambda: show_shortcuts(window),
    )
    _menus(window, acts)
    return acts


def _menus(window, acts) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Datei"))
    for name in ("fetch", "import", "settings"):
        file_menu.addAction(acts[name])
    file_menu.addSeparator()
    file_menu.addAction(acts["quit"])
    case_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Fall"))
    for name in ("take", "take_next", "follow_up", "note"):
        case_menu.addAction(acts[name])
    status_menu = case_menu.addMenu(QCoreApplication.translate("MainWindow", "&Status"))
    for slug, _ in STATUS_SHORTCUTS:
        status_menu.addAction(acts[f"status_{slug}"])
    reply_menu = case_menu.addMenu(QCoreApplication.translate("MainWindow", "&Antworten"))
    for code in REPLY_CODES:
        reply_menu.addAction(acts[f"reply_{code}"])
    case_menu.addSeparator()
    for name in ("export", "print", "print_all", "save_pdf"):
        case_menu.addAction(acts[name])
    nav = bar.addMenu(QCoreApplication.translate("MainWindow", "&Navigation"))
    for name in ("next", "previous", "queue", "open", "search"):
        nav.addAction(acts[name])
    for name in ("save_search", "rename_search", "delete_search"):
        nav.addAction(acts[name])
    # The side list's own menu: right click or the context-menu key on a saved search.
    window.views.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    window.views.addAction(acts["rename_search"])
    window.views.addAction(acts["delete_search"])
    _sort_menu(window, nav.addMenu(QCoreApplication.translate("MainWindow", "S&ortieren nach")))
    build_team_menu(window, acts)
    help_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Hilfe"))
    help_menu.addAction(acts["help"])
    toolbar = window.addToolBar(QCoreApplication.translate("MainWindow", "Werkzeuge"))
    toolbar.setObjectName("main_toolbar")
    for name in ("fetch", "take", "take_next", "follow_up"):
        toolbar.addAction(acts[name])
    toolbar.addSeparator()
    for slug, _ in STATUS_SHORTCUTS:
        toolbar.addAction(acts[f"status_{slug}"])


def _sort_menu(window, menu) -> None:
    """Sorting without the mouse: one entry per column; the column sorted by again turns the
    order round (as a second click on its header does)."""
    for column, (_key, title, _sort, _width) in enumerate(COLUMNS):
        action = menu.addAction(QCoreApplication.translate("QueueModel", title))
        action.setObjectName(f"sort_{column}")
        action.triggered.connect(lambda _checked=False, c=column: sort_by(window, c))


# --- handlers ---------------------------------------------------------------------------------
def sort_by(window, column: int) -> None:
    header = window.table.horizontalHeader()
    if header.sortIndicatorSection() == column:
        ascending = header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
        order = Qt.SortOrder.DescendingOrder if ascending else Qt.SortOrder.AscendingOrder
    else:
        order = Qt.SortOrder.AscendingOrder
    window.table.sortByColumn(column, order)


def move(window, step: int) -> None:
    rows = window.model.rowCount()
    if not rows or window.center.currentWidget() is not window.table:
        return  # the quarantine is shown: the queue behind it is not moved through
    current = window.table.currentIndex().row()
    row = min(max(0 if current < 0 else current + step, 0), rows - 1)
    window.table.setCurrentIndex(window.model.index(row, 0))
    window.table.selectRow(row)


def has_case(window) -> bool:
    """Whether a case is shown to act on; if not, the status bar says so (before any dialog
    asks for a date that would go nowhere)."""
    if window.case_view.case is not None:
        return True
    window.statusBar().showMessage(
        QCoreApplication.translate("MainWindow", "Kein Fall ausgewählt"), 3000
    )
    return False


def with_case(window, fn) -> None:
    """Run fn(inbox, case_id, version seen) on the selected case as a write."""
    if not has_case(window):
        return
    case = window.case_view.case
    case_id, version = case["id"], case["version"]
    window.write(lambda inbox: fn(inbox, case_id, version))


def set_status(window, slug: str) -> None:
    if not has_case(window):
        return
    follow = None
    if slug == workflow.PARKED:
        follow = ask_date(window)
        if follow is None:
            return
    with_case(
        window,
        lambda inbox, cid, version: inbox.set_status(
            cid, slug, expected_version=version, follow_up=follow
        ),
    )


def ask_date(window) -> date | None:
    from ab_inbox.ui.follow_up_dialog import FollowUpDialog

    dialog = FollowUpDialog(window)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


def follow_up(window) -> None:
    """Set the follow-up date; a case that has one may also have it taken away, unless it
    is parked (it would never come back as due)."""
    from ab_inbox.ui.follow_up_dialog import FollowUpDialog

    if not has_case(window):
        return
    case = window.case_view.case
    current = case.get("follow_up_date")
    initial = date.fromisoformat(current) if current else None
    removable = initial is not None and case.get("status") != "parked"
    dialog = FollowUpDialog(window, initial, removable=removable)
    result = dialog.exec()
    if result == QDialog.DialogCode.Accepted:
        day = dialog.chosen()
    elif result == FollowUpDialog.REMOVED:
        day = None
    else:
        return
    with_case(
        window,
        lambda inbox, cid, version: inbox.set_follow_up(cid, day, expected_version=version),
    )


def focus_note(window) -> None:
    view = window.case_view
    view.tabs.setCurrentIndex(view.tabs.count() - 1)
    view.note_edit.setFocus()


def fetch_now(window) -> None:
    """Fetch what the office receives: the drop folder and/or the XTA mailbox, as set up."""
    folder = window.inbox.settings.drop_folder
    xta = window.inbox.xta_configured()
    if not folder and not xta:
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "MainWindow", "Kein Eingangsordner eingestellt (Datei → Einstellungen)"
            ),
            5000,
        )
        return
    from pathlib import Path

    def fetch(inbox) -> dict[str, int]:
        reports = [inbox.fetch(Path(folder))] if folder else []
        if xta:
            reports.append(inbox.fetch_xta())
        totals: dict[str, int] = {}
        for report in reports:
            for kind, number in report.counts().items():
                totals[kind] = totals.get(kind, 0) + number
        return totals

    def done(counts: dict[str, int]) -> None:
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "MainWindow", "Abruf: {0} übernommen, {1} ungültig, {2} doppelt, {3} Quarantäne"
            ).format(
                counts.get("accepted", 0),
                counts.get("invalid", 0),
                counts.get("duplicate", 0),
                counts.get("quarantined", 0),
            ),
            10000,
        )

    window.write(fetch, done=done)


def choose_import(window) -> None:
    from pathlib import Path

    names, _ = QFileDialog.getOpenFileNames(
        window,
        QCoreApplication.translate("MainWindow", "XML-Nachrichten importieren"),
        "",
        QCoreApplication.translate("MainWindow", "XML (*.xml)"),
    )
    window.import_files([Path(n) for n in names])


def open_settings(window):
    """Open the settings (window-modal, not blocking); returns the dialog (tests)."""
    from ab_inbox.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(
        window.inbox.settings,
        window,
        check_connection=connection_check(window.inbox.db_path),
        office=window.workers.get,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def connection_check(db_path):
    """The XTA check with settings (and a typed password, if any) as entered in the dialog,
    not the saved ones: run in a background op, on its own connection to the store (closed
    again at once)."""

    def check(settings, password=None):
        from ab_inbox.inbox import Inbox

        with Inbox(db_path, settings=settings) as inbox:
            return inbox.xta_check(password)

    return check


def save_search(window) -> None:
    """Save the queue as it is on screen: its view, what it is searched for (a saved
    search's own text and what was typed to narrow it), and the person or reminder scope it
    is narrowed to. A name in use is replaced only when the user says so; the new search is
    then the one chosen."""
    view, _ = window.current_view()
    if view == "quarantine":  # no cases there, and no search
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "MainWindow", "Die Quarantäne kann nicht als Suche gespeichert werden."
            ),
            5000,
        )
        return
    text = window.current_search()
    name, ok = QInputDialog.getText(
        window,
        QCoreApplication.translate("MainWindow", "Suche speichern"),
        QCoreApplication.translate("MainWindow", "Name:"),
    )
    name = name.strip()
    if not ok or not name:
        return
    if name in window.saved_search_names() and not confirm(
        window,
        QCoreApplication.translate(
            "MainWindow", "Eine gespeicherte Suche „{0}“ gibt es schon. Ersetzen?"
        ).format(name),
        QCoreApplication.translate("MainWindow", "Suche speichern"),
    ):
        return
    assignee, scope = window.current_assignee(), window.current_scope()
    window.write(
        lambda inbox: inbox.save_search(name, view, text, assignee=assignee, scope=scope),
        done=lambda _c: window.reload_saved_searches(choose=name),
    )


def _chosen_saved_search(window) -> tuple[int, str] | None:
    chosen = window.current_saved_search()
    if chosen is None:
        window.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Keine gespeicherte Suche ausgewählt"), 3000
        )
    return chosen


def rename_saved_search(window) -> None:
    chosen = _chosen_saved_search(window)
    if chosen is None:
        return
    search_id, old_name = chosen
    name, ok = QInputDialog.getText(
        window,
        QCoreApplication.translate("MainWindow", "Gespeicherte Suche umbenennen"),
        QCoreApplication.translate("MainWindow", "Neuer Name:"),
        text=old_name,
    )
    name = name.strip()
    if ok and name and name != old_name:
        window.write(
            lambda inbox: inbox.rename_saved_search(search_id, name),
            done=lambda _c: window.reload_saved_searches(choose=name),
        )


def delete_saved_search(window) -> None:
    chosen = _chosen_saved_search(window)
    if chosen is None:
        return
    search_id, name = chosen
    if not confirm(
        window,
        QCoreApplication.translate("MainWindow", "„{0}“ löschen?").format(name),
        QCoreApplication.translate("MainWindow", "Gespeicherte Suche löschen"),
    ):
        return

    def done(_changes) -> None:
        window.select_view("all")
        window.reload_saved_searches()

    window.write(lambda inbox: inbox.delete_saved_search(search_id), done=done)


def show_shortcuts(window) -> None:
    from ab_inbox.ui.shortcuts_dialog import ShortcutsDialog

    ShortcutsDialog(list(window.actions_by_name.values()), window, viewer_actions()).exec()


def viewer_actions() -> list:
    """The document viewers' own keys (they work while a document has the focus)."""
    from ab_inbox.ui.viewers.image_viewer import ImageViewer
    from ab_inbox.ui.viewers.pdf_viewer import PdfViewer
    from ab_inbox.ui.viewers.xml_viewer import XmlViewer

    found = []
    for kind in (PdfViewer, ImageViewer, XmlViewer):
        viewer = kind()
        found.extend((action.text(), action.shortcuts()) for action in viewer.actions())
        viewer.deleteLater()
    return found
