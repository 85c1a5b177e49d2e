"""The facade's team part: users and roles, assignment, distribution rules, deadlines, workload.

A mixin of Inbox (inbox.py). Team leads distribute work (by hand or by rules applied on
intake), caseworkers take the next unassigned case, administration manages who may use the
store. Every write runs in one write transaction with its audit entries; a bulk assignment is
all or nothing, so a conflict on one case leaves every case as it was.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from ab_inbox.casework import roles
from ab_inbox.casework.changes import Changes
from ab_inbox.casework.roles import AccessDenied
from ab_inbox.errors import BilingualError
from ab_inbox.store import cases, deadlines, distribution, users
from ab_inbox.store.cases import OPEN_SQL
from ab_inbox.store.connection import write_transaction
from ab_inbox.xauslaender.message_types import by_code

REMINDER_SCOPE = "mine_or_unassigned"

if TYPE_CHECKING:
    from collections.abc import Callable

    from ab_inbox.casework.roles import Actor
    from ab_inbox.store.database import Database


class TeamError(BilingualError):
    """A team change that cannot be made as asked (unknown user, last administrator…)."""


class UserAdded(NamedTuple):
    login: str
    role: str
    first_user: bool  # the first user of a store always becomes Administration


class TeamMixin:
    # Provided by Inbox (db, user) and AccessMixin (require).
    db: Database
    user: str
    require: Callable[[str], Actor]

    # --- users ----------------------------------------------------------------------------
    def users(self) -> list[dict]:
        """All users (administration), or the active ones a team lead can assign to."""
        actor = self.require(roles.READ_CASES)
        rows = users.all_users(self.db)
        if not actor.may(roles.MANAGE_USERS):
            if not actor.may(roles.ASSIGN):
                raise AccessDenied(
                    "Die Benutzerliste sehen Teamleitung und Administration.",
                    "The user list is for team leads and administration.",
                )
            rows = [row for row in rows if row["active"]]
        for row in rows:
            row["role_label"] = roles.role_label(row["role"])
        return rows

    def add_user(self, login: str, role: str, display_name: str | None = None) -> UserAdded:
        login = login.strip()
        if not login:
            raise TeamError("Die Anmeldung fehlt.", "The login is missing.")
        _check_role(role)
        with write_transaction(self.db):
            first = users.count(self.db) == 0
            if not first:
                self.require(roles.MANAGE_USERS)
            if users.get(self.db, login) is not None:
                raise TeamError(
                    f"Die Anmeldung „{login}“ gibt es schon.", f"The login '{login}' exists."
                )
            role = users.ADMIN if first else role
            users.add(self.db, login, role, display_name, by=self.user)
        return UserAdded(login, role, first)

    def set_role(self, login: str, role: str) -> Changes | None:
        """Give the user another role; None (nothing written) when it already has that one."""
        _check_role(role)
        with write_transaction(self.db):
            self.require(roles.MANAGE_USERS)
            row = self._existing_user(login)
            if row["role"] == role:
                return None
            if role != users.ADMIN:
                self._keep_an_admin(row)
            users.set_role(self.db, login, role)
        return Changes("users")

    def set_user_active(self, login: str, active: bool) -> Changes | None:
        """Activate or deactivate the user; None (nothing written) when it already is."""
        with write_transaction(self.db):
            self.require(roles.MANAGE_USERS)
            row = self._existing_user(login)
            if bool(row["active"]) == active:
                return None
            if not active:
                self._keep_an_admin(row)
            users.set_active(self.db, login, active)
        return Changes("users")

    def _existing_user(self, login: str) -> dict:
        row = users.get(self.db, login)
        if row is None:
            raise TeamError(
                f"Die Anmeldung „{login}“ ist nicht eingerichtet.",
                f"The login '{login}' is not set up.",
            )
        return row

    def _keep_an_admin(self, row: dict) -> None:
        """Refuse to demote or deactivate the user `row` if it is the last active
        administrator (an inactive or non-admin user never counts)."""
        if row["role"] != users.ADMIN or not row["active"]:
            return
        if users.active_admins(self.db) <= 1:
            login = row["login"]
            raise TeamError(
                f"„{login}“ ist die letzte aktive Administration; legen Sie zuerst eine "
                "weitere an.",
                f"'{login}' is the last active administrator; add another one first.",
            )

    def _assignable(self, login: str) -> str:
        row = users.get(self.db, login)
        if row is None or not row["active"]:
            raise TeamError(
                f"„{login}“ ist kein aktiver Benutzer von AB-Inbox.",
                f"'{login}' is not an active AB-Inbox user.",
            )
        return row["login"]

    # --- assignment -----------------------------------------------------------------------
    def assign(
        self,
        case_ids: list[int],
        to: str | None,
        *,
        expected_versions: dict[int, int] | None = None,
    ) -> Changes:
        """Assign (or with None release) cases; all or nothing (ConflictError names the case)."""
        with write_transaction(self.db):
            self.require(roles.ASSIGN)
            assignee = self._assignable(to) if to else None
            for case_id in case_ids:
                row = cases.get_case(self.db, case_id)
                if row.get("purged_at"):
                    raise TeamError(
                        f"Fall {case_id} ist gelöscht und kann nicht zugewiesen werden.",
                        f"Case {case_id} was deleted and cannot be assigned.",
                    )
                expected = (expected_versions or {}).get(case_id)
                if row["assignee"] == assignee and expected in (None, row["version"]):
                    continue
                cases.set_assignee(self.db, case_id, assignee, expected)
        return Changes("case", tuple(case_ids))

    def take_next(self) -> int | None:
        """Take the most urgent unassigned new case (due first, then oldest); None if none."""
        with write_transaction(self.db):
            actor = self.require(roles.WORK_CASES)
            row = self.db.execute(
                "SELECT id, version FROM cases WHERE status = 'new' AND assignee IS NULL"
                " AND purged_at IS NULL ORDER BY due_at IS NULL, due_at, received_at, id LIMIT 1"
            ).fetchone()
            if row is None:
                return None
            case_id, version = row
            cases.take(self.db, case_id, actor.login, "new", version)
        return case_id

    # --- distribution rules ---------------------------------------------------------------
    def distribution_rules(self) -> list[dict]:
        self.require(roles.PLAN)
        return distribution.rules(self.db)

    def add_distribution_rule(
        self,
        assignee: str,
        *,
        letters_from: str | None = None,
        letters_to: str | None = None,
        type_code: str | None = None,
    ) -> int:
        try:
            letters = distribution.normalise_range(letters_from, letters_to)
        except ValueError:
            raise TeamError(
                f"Ungültiger Buchstabenbereich „{letters_from}–{letters_to}“.",
                f"Invalid letter range '{letters_from}-{letters_to}'.",
            ) from None
        if type_code and by_code(type_code) is None:
            raise TeamError(
                f"Unbekannter Nachrichtentyp „{type_code}“.", f"Unknown message type '{type_code}'."
            )
        if letters is None and not type_code:
            raise TeamError(
                "Eine Regel braucht einen Buchstabenbereich oder einen Nachrichtentyp.",
                "A rule needs a letter range or a message type.",
            )
        with write_transaction(self.db):
            self.require(roles.PLAN)
            login = self._assignable(assignee)
            return distribution.add_rule(self.db, login, letters=letters, type_code=type_code)

    def remove_distribution_rule(self, rule_id: int) -> bool:
        with write_transaction(self.db):
            self.require(roles.PLAN)
            return distribution.remove_rule(self.db, rule_id)

    def distribute_unassigned(self) -> dict[int, str]:
        """Apply the rules to the open unassigned cases now (e.g. after adding a rule)."""
        done: dict[int, str] = {}
        with write_transaction(self.db):
            self.require(roles.ASSIGN)
            rows = self.db.execute(
                f"SELECT c.id, c.applicant_name, c.type_code, c.version FROM cases c"
                f" WHERE c.assignee IS NULL AND {OPEN_SQL} AND c.purged_at IS NULL"
            ).fetchall()
            rules = distribution.active_rules(self.db)
            for case_id, name, type_code, version in rows:
                found = distribution.best_rule(rules, name, type_code)
                if found is not None:
                    cases.set_assignee(self.db, case_id, found[0], version)
                    done[case_id] = found[0]
        return done

    # --- deadlines ------------------------------------------------------------------------
    def deadline_targets(self) -> dict[str, int]:
        self.require(roles.READ_CASES)
        return deadlines.targets(self.db)

    def set_deadline_target(self, type_code: str, days: int | None) -> int:
        """Target days for a type ("*" for the default); returns the open cases re-timed."""
        if type_code != deadlines.DEFAULT and by_code(type_code) is None:
            raise TeamError(
                f"Unbekannter Nachrichtentyp „{type_code}“.", f"Unknown message type '{type_code}'."
            )
        if days is not None and not 0 < days <= 3650:
            raise TeamError(
                "Die Frist muss zwischen 1 und 3650 Tagen liegen.",
                "The target must be between 1 and 3650 days.",
            )
        with write_transaction(self.db):
            self.require(roles.PLAN)
            return deadlines.set_target(self.db, type_code, days)

    # --- overviews ------------------------------------------------------------------------
    def workload(self, today: date | None = None) -> list[dict]:
        """Per assignee (None: unassigned): open cases by status, overdue, oldest receipt."""
        self.require(roles.PLAN)
        now = deadlines.day_bounds(today or date.today())[0]
        rows: dict[str | None, dict] = {}
        for assignee, status_slug, count, overdue, oldest in self.db.execute(
            f"SELECT c.assignee, c.status, count(*), sum(c.due_at < ?), min(c.received_at)"
            f" FROM cases c WHERE {OPEN_SQL} AND c.purged_at IS NULL"
            f" GROUP BY c.assignee, c.status",
            (now,),
        ):
            entry = rows.setdefault(
                assignee,
                {"assignee": assignee, "open": 0, "overdue": 0, "oldest": None, "by_status": {}},
            )
            entry["by_status"][status_slug] = count
            entry["open"] += count
            entry["overdue"] += overdue or 0
            if oldest and (entry["oldest"] is None or oldest < entry["oldest"]):
                entry["oldest"] = oldest
        for row in users.all_users(self.db):
            if row["active"] and row["role"] in (users.CASEWORKER, users.TEAMLEAD):
                rows.setdefault(
                    row["login"],
                    {
                        "assignee": row["login"],
                        "open": 0,
                        "overdue": 0,
                        "oldest": None,
                        "by_status": {},
                    },
                )
        return sorted(rows.values(), key=lambda r: (r["assignee"] is None, r["assignee"] or ""))

    def reminders(self, today: date | None = None) -> dict[str, int]:
        """What is due for the acting user (their cases and the unassigned ones): follow-ups,
        overdue, due today. Counted exactly as the views with REMINDER_SCOPE list them."""
        actor = self.require(roles.READ_CASES)
        today = today or date.today()
        day = deadlines.day_bounds(today)
        return {
            kind: cases.count_view(
                self.db,
                kind,
                REMINDER_SCOPE,
                user=actor.login,
                today=today.isoformat(),
                day=day,
            )
            for kind in ("follow_up_due", "overdue", "due_today")
        }


def _check_role(role: str) -> None:
    if role not in users.ROLES:
        raise TeamError(
            f"Unbekannte Rolle „{role}“ (erlaubt: {', '.join(users.ROLES)}).",
            f"Unknown role '{role}' (allowed: {', '.join(users.ROLES)}).",
        )
