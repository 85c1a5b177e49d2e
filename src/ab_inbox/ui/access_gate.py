"""Who may open the desktop: decided before any window with personal data exists.

A store without users offers to set the current login up as its first user (Administration);
a login that is not set up, or is deactivated, gets the core's bilingual refusal and no window.
The decision is a plain function and the questions are callbacks, so tests check every branch
without a modal dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QCoreApplication

from ab_inbox.casework import roles
from ab_inbox.errors import BilingualError

if TYPE_CHECKING:
    from ab_inbox.inbox import Inbox

EXIT_DECLINED = 1
EXIT_REFUSED = 2


class Access(Enum):
    GRANTED = "granted"
    FIRST_USER = "first_user"  # the store has no users yet: offer to set this login up
    REFUSED = "refused"


class Decision(NamedTuple):
    access: Access
    login: str
    error: BilingualError | None = None


def decide(inbox: Inbox) -> Decision:
    """Whether the acting login may open the window (small reads of the users table)."""
    actor = inbox.actor()
    if actor.may(roles.READ_CASES):
        return Decision(Access.GRANTED, actor.login)
    try:
        inbox.require(roles.READ_CASES)
    except roles.AccessDenied as exc:
        if not inbox.has_users():
            return Decision(Access.FIRST_USER, actor.login, exc)
        return Decision(Access.REFUSED, actor.login, exc)
    return Decision(Access.GRANTED, actor.login)


def pass_gate(
    inbox: Inbox,
    language: str,
    *,
    ask_first_user: Callable[[str], bool],
    show_refusal: Callable[[str], None],
) -> int | None:
    """None when the window may open; otherwise the exit code (the user was told why)."""
    decision = decide(inbox)
    if decision.access is Access.GRANTED:
        return None
    if decision.access is Access.FIRST_USER:
        if not ask_first_user(decision.login):
            return EXIT_DECLINED
        try:
            inbox.add_user(decision.login, "admin")
        except BilingualError as exc:  # someone else set the store up meanwhile
            show_refusal(exc.text(language))
            return EXIT_REFUSED
        return pass_gate(
            inbox, language, ask_first_user=lambda _login: False, show_refusal=show_refusal
        )
    assert decision.error is not None
    show_refusal(decision.error.text(language))
    return EXIT_REFUSED


def ask_first_user_dialog(login: str) -> bool:
    """The question at the first start of an empty store (German source, translated)."""
    from PySide6.QtWidgets import QMessageBox  # loaded when first needed: 3 ms of start-up

    answer = QMessageBox.question(
        None,
        "AB-Inbox",
        QCoreApplication.translate(
            "AccessGate",
            "AB-Inbox hat noch keine Benutzer. Soll die Anmeldung „{0}“ als erster Benutzer "
            "mit der Rolle Administration eingerichtet werden?",
        ).format(login),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def show_refusal_dialog(text: str) -> None:
    from PySide6.QtWidgets import QMessageBox  # loaded when first needed: 3 ms of start-up

    QMessageBox.critical(None, "AB-Inbox", text)
