"""Team work in the main window: assigning, taking the next case, and the team lead's dialogs.

Which of these a login may use is the core's decision (casework.roles); the window only hides
what the role cannot use, so nobody is offered a command that would be refused. The core still
checks every call: a role changed while the window is open is refused there and shown as any
other error.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidgetItem, QToolButton, QWidget

from ab_inbox.casework import roles
from ab_inbox.ui.ops import Op

# Action name -> the permission it needs (the "take" family needs WORK_CASES like the rest).
PERMISSIONS = {
    "take_next": roles.WORK_CASES,
    "assign": roles.ASSIGN,
    "workload": roles.PLAN,
    "distribution": roles.PLAN,
    "audit": roles.READ_AUDIT,
    "purge": roles.PLAN,
    "users": roles.MANAGE_USERS,
}
translate = QCoreApplication.translate
TEAM_MENU = ("assign", "workload", "distribution", "audit", "purge", "users")


def add_team_actions(window, add) -> None:
    """Create the team actions with `add(name, text, shortcut, handler, tip)` of main_actions."""
    add(
        "take_next",
        translate("TeamActions", "Nä&chsten Fall übernehmen"),
        "Ctrl+Shift+T",
        lambda: take_next(window),
        translate("TeamActions", "Den dringendsten nicht zugewiesenen neuen Fall übernehmen"),
    )
    add(
        "assign",
        translate("TeamActions", "&Zuweisen…"),
        "Ctrl+Shift+A",
        lambda: assign(window),
        translate("TeamActions", "Die ausgewählten Fälle einer Person zuweisen"),
    )
    add(
        "workload",
        translate("TeamActions", "&Arbeitslast…"),
        None,
        lambda: open_dialog(window, "workload"),
    )
    add(
        "distribution",
        translate("TeamActions", "&Verteilung und Fristen…"),
        None,
        lambda: open_dialog(window, "distribution"),
    )
    add(
        "audit", translate("TeamActions", "&Protokoll…"), None, lambda: open_dialog(window, "audit")
    )
    add(
        "purge",
        translate("TeamActions", "Zur &Löschung fällig…"),
        None,
        lambda: open_dialog(window, "purge"),
    )
    add("users", translate("TeamActions", "&Benutzer…"), None, lambda: open_dialog(window, "users"))


def build_team_menu(window, acts) -> None:
    menu = window.menuBar().addMenu(translate("TeamActions", "&Team"))
    menu.menuAction().setObjectName("team_menu")
    for name in TEAM_MENU:
        menu.addAction(acts[name])
    window.team_menu = menu


def apply_role(window, actor) -> None:
    """Show what the acting user's role may use; hide the rest (also their shortcuts)."""
    for name, permission in PERMISSIONS.items():
        allowed = actor is not None and actor.may(permission)
        action = window.actions_by_name[name]
        action.setVisible(allowed)
        action.setEnabled(allowed)
    window.team_menu.menuAction().setVisible(
        any(window.actions_by_name[name].isVisible() for name in TEAM_MENU)
    )


# --- handlers ---------------------------------------------------------------------------------
def take_next(window) -> None:
    def done(case_id) -> None:
        if case_id is None:
            window.statusBar().showMessage(translate("TeamActions", "Kein freier neuer Fall"), 5000)
            return
        window.statusBar().showMessage(
            translate("TeamActions", "Fall {0} übernommen").format(case_id), 5000
        )
        window.open_case(case_id, view="mine")

    Op(window, lambda: window.workers.get().take_next(), "write").on_success(done).on_failure(
        window.show_error
    ).start()


def assign(window) -> None:
    """Ask for a person (active users, or release) and assign the selected cases to them."""
    versions, unseen = window.selected_case_versions()
    if not versions and not unseen:
        window.statusBar().showMessage(translate("TeamActions", "Kein Fall ausgewählt"), 3000)
        return
    from ab_inbox.ui.assign_dialog import AssignDialog

    def chosen(login: str | None) -> None:
        case_ids = list(versions)
        window.write(
            lambda inbox: inbox.assign(case_ids, login, expected_versions=versions),
            done=lambda _changes: window.statusBar().showMessage(
                (
                    translate("TeamActions", "{0} Fälle zugewiesen an {1}").format(
                        len(case_ids), login
                    )
                    if login
                    else translate("TeamActions", "Zuweisung von {0} Fällen aufgehoben").format(
                        len(case_ids)
                    )
                ),
                5000,
            ),
        )

    def show(found) -> None:
        users, current = found
        versions.update(current)  # cases never painted: as they are now
        dialog = AssignDialog(users, len(versions), window)
        dialog.chosen.connect(chosen)
        window.team_dialogs["assign"] = dialog
        dialog.open()

    def read():
        inbox = window.workers.get()
        return inbox.users(), inbox.case_versions(unseen)

    Op(window, read).on_success(show).on_failure(window.show_error).start()


def show_assignee_cases(window, login: str, label: str | None = None) -> None:
    """Show one person's open cases (from the workload): a temporary entry below the fixed
    views, named in the status bar, until the filter is cleared there."""
    from ab_inbox.ui.main_window import ASSIGNEE_ROLE, VIEW_ROLE, VIEWS

    clear_assignee_filter(window, select_fallback=False)
    title = translate("TeamActions", "Fälle von {0}").format(label or login)
    item = QListWidgetItem(title)
    item.setData(VIEW_ROLE, ("open", None))
    item.setData(ASSIGNEE_ROLE, login)
    item.setToolTip(
        translate("TeamActions", "Offene Fälle von {0} (aus der Arbeitslast)").format(login)
    )
    font = QFont(item.font())
    font.setItalic(True)
    item.setFont(font)
    window.views.insertItem(len(VIEWS), item)
    _filter_note(window).show_login(login)
    window.views.setCurrentItem(item)


def clear_assignee_filter(window, select_fallback: bool = True) -> None:
    """Remove the temporary view; when it was shown, the queue goes back to "Offen"."""
    from ab_inbox.ui.main_window import ASSIGNEE_ROLE, is_temporary

    for row in reversed(range(window.views.count())):
        item = window.views.item(row)
        if item.data(ASSIGNEE_ROLE) is None or not is_temporary(item):
            continue
        if select_fallback and window.views.currentItem() is item:
            window.select_view("open")
        window.views.takeItem(row)
    note = getattr(window, "assignee_filter_note", None)
    if note is not None:
        note.hide()


class AssigneeFilterNote(QWidget):
    """In the status bar while one person's cases are shown: which filter, and a way out."""

    def __init__(self, window):
        super().__init__()
        self.setObjectName("assignee_filter_note")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        layout.addWidget(self.label)
        self.clear_button = QToolButton()
        self.clear_button.setObjectName("clear_assignee_filter")
        self.clear_button.setText(self.tr("Filter aufheben"))
        self.clear_button.setAccessibleName(self.tr("Filter nach Person aufheben"))
        self.clear_button.clicked.connect(lambda: clear_assignee_filter(window))
        layout.addWidget(self.clear_button)

    def show_login(self, login: str) -> None:
        self.label.setText(self.tr("Filter: Fälle von {0}").format(login))
        self.show()


def _filter_note(window) -> AssigneeFilterNote:
    note = getattr(window, "assignee_filter_note", None)
    if note is None:
        note = AssigneeFilterNote(window)
        window.statusBar().addPermanentWidget(note)
        window.assignee_filter_note = note
    return note


def open_dialog(window, name: str):
    """Open a team dialog (window-modal, not blocking); returns it (tests, screenshots)."""
    if name == "workload":
        from ab_inbox.ui.workload_dialog import WorkloadDialog as Dialog
    elif name == "distribution":
        from ab_inbox.ui.distribution_dialog import DistributionDialog as Dialog
    elif name == "audit":
        from ab_inbox.ui.audit_dialog import AuditDialog as Dialog
    elif name == "purge":
        from ab_inbox.ui.purge_dialog import PurgeDialog as Dialog
    else:
        from ab_inbox.ui.users_dialog import UsersDialog as Dialog
    dialog = Dialog(window)
    window.team_dialogs[name] = dialog
    dialog.open()
    dialog.reload()
    return dialog
