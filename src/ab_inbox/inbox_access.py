"""The facade's access part: who is acting and whether the role allows what they ask for.

A mixin of Inbox (inbox.py). Every facade method that reads personal data or changes
something calls `require` (or `require_case` for work on one case) first, so the CLI and the
desktop get the same answer; the user row is read on each call, so a changed role or a
deactivation takes effect at once, also in a running desktop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ab_inbox.casework.roles import WORK_ANY_CASE, WORK_CASES, AccessDenied, Actor, require
from ab_inbox.store import users

if TYPE_CHECKING:
    from ab_inbox.store.database import Database


class AccessMixin:
    # Provided by Inbox.
    db: Database
    user: str

    def actor(self) -> Actor:
        row = users.get(self.db, self.user)
        if row is None:
            return Actor(self.user, None, False)
        return Actor(row["login"], row["role"], bool(row["active"]), row["display_name"])

    def has_users(self) -> bool:
        """False only before setup: then the first user may be added by anyone."""
        return users.count(self.db) > 0

    def require(self, permission: str) -> Actor:
        """The acting user if the role allows the permission; AccessDenied otherwise."""
        actor = self.actor()
        if not actor.may(permission):
            require(actor, permission, no_users_yet=not self.has_users())
        return actor

    def require_case(self, case_id: int, permission: str = WORK_CASES) -> Actor:
        """Like require; a case assigned to someone else needs the right to work any case."""
        actor = self.require(permission)
        row = self.db.execute("SELECT assignee FROM cases WHERE id = ?", (case_id,)).fetchone()
        assignee = row[0] if row else None
        if assignee and assignee != actor.login and not actor.may(WORK_ANY_CASE):
            raise AccessDenied(
                f"Fall {case_id} ist {assignee} zugewiesen; nur die Teamleitung kann ihn "
                "neu zuweisen.",
                f"Case {case_id} is assigned to {assignee}; only a team lead can reassign it.",
            )
        return actor
