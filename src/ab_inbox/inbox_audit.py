"""The facade's accountability part: checking the audit chain and exporting the log.

A mixin of Inbox (inbox.py), kept apart so the facade stays one object for its callers while each
part of it stays small. It relies on Inbox for `db`. Exporting the log hands out who did what
with whose case, so the export is itself audited; checking it only reads.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ab_inbox.casework import roles
from ab_inbox.store.audit import append_audit
from ab_inbox.store.connection import write_transaction

# Checking and exporting the log load their modules on first use (inside the methods), so the
# desktop's start-up does not pay for them.
if TYPE_CHECKING:
    from ab_inbox.store.audit_chain import ChainReport
    from ab_inbox.store.database import Database


class AuditMixin:
    # Provided by Inbox; `require` and `require_case` by AccessMixin (inbox_access).
    db: Database

    def verify_audit(self) -> ChainReport:
        """Recompute the audit log's hash chain; the report names the first broken entry."""
        from ab_inbox.store.audit_chain import verify_chain

        self.require(roles.READ_AUDIT)
        return verify_chain(self.db)

    def audit_entries(
        self,
        *,
        since: date | datetime | None = None,
        until: date | datetime | None = None,
        action: str | None = None,
        case_id: int | None = None,
        user: str | None = None,
        limit: int = 500,
        offset: int = 0,
    ) -> tuple[list[dict], int]:
        """A page of the audit log for the viewer (newest first) and the number of matches."""
        from ab_inbox.store.audit_export import entries

        self.require(roles.READ_AUDIT)
        return entries(
            self.db,
            since=since,
            until=until,
            action=action,
            case_id=case_id,
            user=user,
            limit=limit,
            offset=offset,
        )

    def audit_actions(self) -> list[str]:
        from ab_inbox.store.audit_export import actions

        self.require(roles.READ_AUDIT)
        return actions(self.db)

    def export_audit(
        self,
        path: Path | str,
        *,
        since: date | datetime | None = None,
        until: date | datetime | None = None,
        action: str | None = None,
        case_id: int | None = None,
        user: str | None = None,
    ) -> int:
        """Write the matching audit entries as CSV (atomically); returns how many."""
        from ab_inbox.store.audit_export import export_csv

        self.require(roles.READ_AUDIT)
        count = export_csv(
            self.db, path, since=since, until=until, action=action, case_id=case_id, user=user
        )
        filters = [
            f"{name}={value.isoformat() if isinstance(value, date) else value}"
            for name, value in (
                ("since", since),
                ("until", until),
                ("action", action),
                ("case", case_id),
                ("user", user),
            )
            if value is not None
        ]
        with write_transaction(self.db):
            append_audit(
                self.db,
                "audit_exported",
                case_id=case_id,
                detail=" ".join([f"rows={count}", *filters]),
            )
        return count
