"""The facade's casework part: the queue, cases, statuses, notes, follow-ups, saved searches.

A mixin of Inbox (inbox.py), kept apart so the facade stays one object for its callers while each
part of it stays small. It relies on Inbox for `db`, `user` and `packs`, and on the other mixins
for `message`, `exports` and `replies` (the case view shows them all). The writes here return a
Changes value (casework.changes; inbox.py re-exports it).
"""

from __future__ import annotations

from contextlib import nullcontext
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from ab_inbox.casework import roles
from ab_inbox.casework import status as workflow
from ab_inbox.casework.changes import Changes
from ab_inbox.store import cases, deadlines, delivery_status
from ab_inbox.store import saved_searches as saved_search_store
from ab_inbox.store.audit import append_audit
from ab_inbox.store.connection import write_transaction
from ab_inbox.xauslaender.message_types import by_code

if TYPE_CHECKING:
    from ab_inbox.config import Settings
    from ab_inbox.store.database import Database
    from ab_inbox.xauslaender.schema_pack import PackLibrary


class CasesMixin:
    # Provided by Inbox; `require` and `require_case` by AccessMixin (inbox_access).
    db: Database
    settings: Settings
    user: str
    packs: PackLibrary

    # --- the queue and cases --------------------------------------------------------------
    def case_ids(
        self,
        view: str = "all",
        *,
        search: str | None = None,
        status: str | None = None,
        sort: str = "received",
        descending: bool = True,
        assignee: str | None = None,
        scope: str | None = None,
        limit: int | None = None,
        within_s: float | None = None,
    ) -> list[int]:
        """The ids of a view in its order; `limit`: only the first ones (a screenful to show
        while the rest is read). `within_s`: stopped after that many seconds, raising
        QueryTooSlow (for a read that must not hold up the GUI thread)."""
        self.require(roles.READ_CASES)
        limited = self.db.time_limit(within_s) if within_s is not None else nullcontext()
        with limited:
            return cases.case_ids(
                self.db,
                view=view,
                search=search,
                status=status,
                sort=sort,
                descending=descending,
                assignee=assignee,
                scope=scope,
                limit=limit,
                **self._viewer_day(),
            )

    def case_rows(self, ids: list[int]) -> dict[int, dict]:
        self.require(roles.READ_CASES)
        rows = cases.case_rows(self.db, ids)
        for row in rows.values():
            message_type = by_code(row["type_code"]) if row["type_code"] else None
            row["type_title"] = message_type.title_de if message_type else None
            row["status_label"] = workflow.label(row["status"])
        return rows

    def case_versions(self, ids: list[int]) -> dict[int, int]:
        """Current versions of the given cases (a selection the queue has not painted)."""
        self.require(roles.READ_CASES)
        return cases.versions(self.db, ids)

    def view_counts(self) -> dict[str, int]:
        self.require(roles.READ_CASES)
        return cases.view_counts(self.db, **self._viewer_day())

    def _viewer_day(self) -> dict:
        """Who is looking and on which day: views such as "Meine Fälle" and "Heute fällig"
        depend on both (`today` the local date, `day` its bounds in UTC)."""
        today = date.today()
        return {"user": self.user, "today": today.isoformat(), "day": deadlines.day_bounds(today)}

    def case(self, case_id: int) -> dict:
        """Everything the case view shows: the case, its messages, notes and history."""
        row = self.case_rows([case_id]).get(case_id)
        if row is None:
            raise cases.CaseNotFound(case_id)
        row["messages"] = [self.message(mid) for mid in cases.case_message_ids(self.db, case_id)]
        row["notes"] = cases.notes(self.db, case_id)
        row["history"] = cases.history(self.db, case_id)
        for entry in row["history"]:
            entry["to_status_label"] = workflow.label(entry["to_status"])
        row["exports"] = self.exports(case_id)
        row["replies"] = self.replies(case_id)
        row["deliveries"] = delivery_status.case_deliveries(self.db, case_id)
        row["delivery_warnings"] = [
            {"text_de": w.text_de, "text_en": w.text_en, "missing": list(w.missing)}
            for w in delivery_status.incomplete_deliveries(
                self.db,
                now=datetime.now(UTC),
                wait=timedelta(hours=self.settings.packet_wait_hours),
                case_id=case_id,
                overdue_only=True,
            )
        ]
        return row

    def set_status(
        self,
        case_id: int,
        target: str,
        *,
        expected_version: int | None = None,
        follow_up: date | None = None,
        note: str | None = None,
    ) -> Changes:
        """Change a case's status if the workflow allows it (TransitionError otherwise)."""
        with write_transaction(self.db):
            self.require_case(case_id)
            row = cases.get_case(self.db, case_id)
            if expected_version is not None and row["version"] != expected_version:
                cases.raise_conflict(case_id)
            if row.get("purged_at"):
                raise workflow.TransitionError(
                    f"Fall {case_id} wurde nach Ablauf der Aufbewahrungsfrist gelöscht; sein "
                    "Status bleibt.",
                    f"Case {case_id} was deleted when its retention period ended; its status "
                    "stays.",
                )
            workflow.check_transition(
                row["status"],
                target,
                validation=row["validation"] or "invalid",
                follow_up=follow_up,
            )
            cases.change_status(
                self.db,
                case_id,
                from_status=row["status"],
                to_status=target,
                actor=self.user,
                expected_version=row["version"],
                follow_up_date=follow_up.isoformat() if follow_up else None,
                note=note,
            )
        return Changes("case", (case_id,))

    def take_case(self, case_id: int, *, expected_version: int | None = None) -> Changes:
        """Assign the case to the acting user; a new case becomes "in progress"."""
        with write_transaction(self.db):
            self.require_case(case_id)
            row = cases.get_case(self.db, case_id)
            version = row["version"] if expected_version is None else expected_version
            cases.take(self.db, case_id, self.user, row["status"], version)
        return Changes("case", (case_id,))

    def set_follow_up(
        self, case_id: int, day: date | None, *, expected_version: int | None = None
    ) -> Changes:
        """A parked case keeps a date: it would never come back as due (TransitionError)."""
        with write_transaction(self.db):
            self.require_case(case_id)
            if day is None and cases.get_case(self.db, case_id)["status"] == workflow.PARKED:
                raise workflow.TransitionError(
                    "Ein zurückgestellter Fall braucht ein Wiedervorlagedatum. Zum Entfernen "
                    "den Fall zuerst wieder in Bearbeitung nehmen.",
                    "A parked case needs a follow-up date. To remove it, set the case back to "
                    "in progress first.",
                )
            cases.set_follow_up(
                self.db, case_id, day.isoformat() if day else None, expected_version
            )
        return Changes("case", (case_id,))

    def add_note(self, case_id: int, text: str) -> Changes:
        text = text.strip()
        if not text:
            raise ValueError("empty note")
        with write_transaction(self.db):
            self.require(roles.WORK_CASES)
            cases.add_note(self.db, case_id, self.user, text)
        return Changes("note", (case_id,))

    def mark_viewed(self, case_id: int) -> None:
        """Opening a case shows personal data: that is audited (who, when, which case)."""
        self.require(roles.READ_CASES)
        with write_transaction(self.db):
            append_audit(self.db, "viewed", case_id=case_id)

    # --- saved searches (per user) --------------------------------------------------------
    def saved_searches(self) -> list[dict]:
        self.require(roles.READ_CASES)
        return saved_search_store.list_for(self.db, self.user)

    def save_search(
        self,
        name: str,
        view: str,
        search: str | None,
        *,
        assignee: str | None = None,
        scope: str | None = None,
    ) -> Changes:
        """Save a view of the queue under a name: its search text, and the person (assignee)
        or reminder scope (one of cases.SCOPES) it is narrowed to."""
        if scope is not None and scope not in cases.SCOPES:
            raise ValueError(f"unknown scope {scope!r}")
        with write_transaction(self.db):
            self.require(roles.READ_CASES)
            saved_search_store.save(
                self.db, self.user, name, view, search, assignee=assignee, scope=scope
            )
        return Changes("searches")

    def rename_saved_search(self, search_id: int, name: str) -> Changes:
        with write_transaction(self.db):
            self.require(roles.READ_CASES)
            saved_search_store.rename(self.db, self.user, search_id, name)
        return Changes("searches")

    def saved_search_counts(self) -> dict[int, int]:
        """How many cases each of the user's saved searches lists now (saved search id ->
        count), as the side list shows beside each."""
        self.require(roles.READ_CASES)
        viewer_day = self._viewer_day()
        return {
            saved["id"]: cases.count_view(
                self.db,
                saved["view"],
                saved["scope"],
                search=saved["search"],
                assignee=saved["assignee"],
                **viewer_day,
            )
            for saved in saved_search_store.list_for(self.db, self.user)
        }

    def delete_saved_search(self, search_id: int) -> Changes:
        with write_transaction(self.db):
            self.require(roles.READ_CASES)
            saved_search_store.delete(self.db, self.user, search_id)
        return Changes("searches")

    # --- what the case view shows beside the data ---------------------------------------------
    def schema_labels(self, version: str | None):
        """Section titles and field help from the schema pack of a version (None if absent)."""
        from ab_inbox.xauslaender.schema_labels import labels_for
        from ab_inbox.xauslaender.schema_pack import SchemaPackError

        if not version:
            return None
        try:
            return labels_for(self.packs.pack_for_version(version))
        except SchemaPackError:
            return None
