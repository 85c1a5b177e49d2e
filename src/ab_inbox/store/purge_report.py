"""The report of one purge run (Inbox.purge): what was due, what was purged, what was left alone.

Kept in its own module so that only a purge loads it; the rules themselves are in retention.py
and stray_retention.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


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
