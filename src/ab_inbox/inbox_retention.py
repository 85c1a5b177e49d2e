"""The facade's retention part: what is due for deletion, purging it, and marking purged cases.

A mixin of Inbox (inbox.py), kept apart so the facade stays one object for its callers while each
part of it stays small. It relies on Inbox for `db`, `settings` and `user`. It comes first among
Inbox's bases: its `case` and `message` add the purge marks to what the other mixins return, so
no caller shows an emptied case as if it were complete.

The rules (what is kept, what is removed, when a case is due) are in store/retention.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from ab_inbox.casework import roles
from ab_inbox.store import retention, stray_retention

if TYPE_CHECKING:
    from ab_inbox import config
    from ab_inbox.store.database import Database


@dataclass
class PurgeReport:
    """One purge run: what was due, what was purged, what was left alone and why."""

    today: date
    dry_run: bool
    due: list[dict] = field(default_factory=list)
    purged: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # reopened or answered since listed
    counts: dict[str, int] = field(default_factory=dict)  # totals by kind
    stray: dict[str, list[int]] = field(default_factory=dict)  # input without a case, due
    stray_counts: dict[str, int] = field(default_factory=dict)  # what of it was removed
    checkpointed: bool | None = None  # WAL copied and truncated (None: nothing was purged)

    def as_dict(self) -> dict:
        return {
            "today": self.today.isoformat(),
            "dry_run": self.dry_run,
            "due": [
                {k: e[k] for k in ("case_id", "status", "since", "due", "retention_days")}
                for e in self.due
            ],
            "purged": self.purged,
            "skipped": self.skipped,
            "counts": self.counts,
            "stray_due": self.stray,
            "stray_purged": self.stray_counts,
            "checkpointed": self.checkpointed,
        }


class RetentionMixin:
    # Provided by Inbox; `require` and `require_case` by AccessMixin (inbox_access).
    db: Database
    settings: config.Settings
    user: str

    def retention_policy(self) -> dict[str, int]:
        """Days to keep a case per final status (0: keep for ever), from the settings."""
        return {
            "exported": self.settings.retention_days_exported,
            "done": self.settings.retention_days_done,
            "not_responsible": self.settings.retention_days_not_responsible,
        }

    def due_for_purge(self, today: date | None = None) -> list[dict]:
        """Cases due for deletion on `today` (default: today); a later day previews."""
        self.require(roles.PLAN)
        return retention.due_for_purge(self.db, self.retention_policy(), today or date.today())

    def purge(self, dry_run: bool = False, today: date | None = None) -> PurgeReport:
        """Purge every due case, each in its own transaction and audited; dry_run only lists."""
        self.require(roles.PLAN if dry_run else roles.PURGE)
        today = today or date.today()
        policy = self.retention_policy()
        report = PurgeReport(today=today, dry_run=dry_run)
        report.due = retention.due_for_purge(self.db, policy, today)
        stray_days = self.settings.retention_days_stray_input
        report.stray = stray_retention.stray_due(self.db, stray_days, today)
        if dry_run:
            return report
        report.stray_counts = stray_retention.purge_stray(self.db, stray_days, today)
        for entry in report.due:
            try:
                counts = retention.purge_case(
                    self.db, entry["case_id"], self.user, policy=policy, today=today
                )
            except retention.PurgeRefused:
                report.skipped.append(entry["case_id"])
                continue
            report.purged.append(entry["case_id"])
            for kind, number in counts.items():
                report.counts[kind] = report.counts.get(kind, 0) + number
        if report.purged or report.stray_counts.get("packets"):
            retention.compact_search_index(self.db)
        if report.purged or any(report.stray_counts.values()):
            report.checkpointed = retention.checkpoint(self.db)
        return report

    # --- marks on what the other mixins return -----------------------------------------------
    def case(self, case_id: int) -> dict:
        row = super().case(case_id)  # type: ignore[misc]
        purged_at = self.db.execute(
            "SELECT purged_at FROM cases WHERE id = ?", (case_id,)
        ).fetchone()[0]
        row["purged_at"] = purged_at
        row["purged"] = purged_at is not None
        row["purge_due"] = retention.purge_due_date(self.db, self.retention_policy(), case_id)
        return row

    def message(self, message_id: int) -> dict | None:
        row = super().message(message_id)  # type: ignore[misc]
        if row is not None:
            purged_at = self.db.execute(
                "SELECT purged_at FROM messages WHERE id = ?", (message_id,)
            ).fetchone()[0]
            row["purged_at"] = purged_at
            row["purged"] = purged_at is not None
        return row
