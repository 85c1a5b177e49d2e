"""Roles and what each may do, checked in the core for every call (CLI and desktop alike).

Sachbearbeitung (caseworker) reads and works cases: its own, unassigned ones, and notes on any.
Teamleitung (teamlead) additionally distributes work, works any case, overrides the export
rule, sets deadlines and distribution rules, and reads the audit log. Administration (admin)
can do all of that and manages users and deletion; in small offices the first user is both.
A login that is not an active user may not read personal data at all.
"""

from __future__ import annotations

from typing import NamedTuple

from ab_inbox.errors import BilingualError
from ab_inbox.store.users import ADMIN, CASEWORKER, TEAMLEAD

ROLE_LABELS = {
    CASEWORKER: ("Sachbearbeitung", "Caseworker"),
    TEAMLEAD: ("Teamleitung", "Team lead"),
    ADMIN: ("Administration", "Administration"),
}

READ_CASES = "read_cases"  # see personal data: queue, case view, attachments, reports
WORK_CASES = "work_cases"  # status, notes, follow-ups, export, replies, printing
FETCH = "fetch"  # take messages in from a transport
WORK_ANY_CASE = "work_any_case"  # work a case assigned to someone else
ASSIGN = "assign"  # assign and reassign cases to others
PLAN = "plan"  # distribution rules, deadline targets, workload
EXPORT_OVERRIDE = "export_override"  # export a case that is not "ready"
READ_AUDIT = "read_audit"
MANAGE_USERS = "manage_users"
PURGE = "purge"

_CASEWORK = {READ_CASES, WORK_CASES, FETCH}
_LEAD = _CASEWORK | {WORK_ANY_CASE, ASSIGN, PLAN, EXPORT_OVERRIDE, READ_AUDIT}
PERMISSIONS: dict[str, frozenset[str]] = {
    CASEWORKER: frozenset(_CASEWORK),
    TEAMLEAD: frozenset(_LEAD),
    ADMIN: frozenset(_LEAD | {MANAGE_USERS, PURGE}),
}
_WHAT = {
    READ_CASES: ("Fälle einsehen", "read cases"),
    WORK_CASES: ("Fälle bearbeiten", "work on cases"),
    FETCH: ("Nachrichten abholen", "fetch messages"),
    WORK_ANY_CASE: ("Fälle anderer bearbeiten", "work on other people's cases"),
    ASSIGN: ("Fälle zuweisen", "assign cases"),
    PLAN: ("Verteilung und Fristen festlegen", "set distribution and deadlines"),
    EXPORT_OVERRIDE: ("nicht freigegebene Fälle exportieren", "export cases not ready"),
    READ_AUDIT: ("das Protokoll einsehen", "read the audit log"),
    MANAGE_USERS: ("Benutzer verwalten", "manage users"),
    PURGE: ("Daten löschen", "delete data"),
}


class AccessDenied(BilingualError):
    """The acting login may not do this; the text names the login and what is missing."""


class Actor(NamedTuple):
    login: str
    role: str | None  # None: not a user of this store
    active: bool
    display_name: str | None = None

    @property
    def known(self) -> bool:
        return self.role is not None and self.active

    def may(self, permission: str) -> bool:
        return self.known and permission in PERMISSIONS.get(self.role, frozenset())


def role_label(role: str, language: str = "de") -> str:
    de, en = ROLE_LABELS.get(role, (role, role))
    return de if language == "de" else en


def require(actor: Actor, permission: str, *, no_users_yet: bool = False) -> None:
    """Raise AccessDenied unless the actor may do this."""
    if actor.may(permission):
        return
    if no_users_yet:
        raise AccessDenied(
            "AB-Inbox ist noch nicht eingerichtet: es gibt keine Benutzer. Legen Sie den "
            f"ersten an mit: ab-inbox users add {actor.login} (er erhält die Rolle "
            "Administration).",
            "AB-Inbox is not set up yet: there are no users. Add the first one with: "
            f"ab-inbox users add {actor.login} (it gets the role Administration).",
        )
    if actor.role is None:
        raise AccessDenied(
            f"Die Anmeldung „{actor.login}“ ist in AB-Inbox nicht eingerichtet. Bitte wenden "
            "Sie sich an die Administration.",
            f"The login '{actor.login}' is not set up in AB-Inbox. Please ask your administrator.",
        )
    if not actor.active:
        raise AccessDenied(
            f"Die Anmeldung „{actor.login}“ ist in AB-Inbox deaktiviert.",
            f"The login '{actor.login}' is deactivated in AB-Inbox.",
        )
    what_de, what_en = _WHAT.get(permission, (permission, permission))
    raise AccessDenied(
        f"Die Rolle {role_label(actor.role)} darf nicht {what_de} ({actor.login}).",
        f"The role {role_label(actor.role, 'en')} may not {what_en} ({actor.login}).",
    )
