"""The facade's retention part: the office's retention periods, what is due for deletion,
purging it, and marking purged cases.

A mixin of Inbox (inbox.py), kept apart so the facade stays one object for its callers while each
part of it stays small. It relies on Inbox for `db` and `user`, and on AccessMixin for `actor`
and `require`. Among Inbox's bases it comes before the mixins whose `case` and `message` it
extends: its versions add the purge marks to what those return, so no caller shows an emptied
case as if it were complete.

The periods are the office's, read from the store by every computation (the due list, the date
in the case view, purge), never from the settings file of whoever happens to run it. Only
Administration changes them, here, with an audit entry holding the old and the new value.

The rules (what is kept, what is removed, when a case is due) are in store/retention.py; where
the periods are kept, in store/office_settings.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from ab_inbox import config
from ab_inbox.casework import roles
from ab_inbox.casework.changes import Changes
from ab_inbox.casework.roles import AccessDenied
from ab_inbox.errors import BilingualError
from ab_inbox.store import office_settings, retention, stray_retention
from ab_inbox.store.connection import write_transaction

if TYPE_CHECKING:
    from collections.abc import Callable

    from ab_inbox.casework.roles import Actor
    from ab_inbox.store.database import Database
    from ab_inbox.store.purge_report import PurgeReport

# Deciding how long personal data is kept goes with deciding to delete it: Administration.
SET_RETENTION = roles.PURGE


class RetentionError(BilingualError):
    """A retention period that cannot be set as asked (unknown name, not a whole number of
    days, out of range)."""


class RetentionMixin:
    # Provided by Inbox; `actor`, `require` and `require_case` by AccessMixin (inbox_access).
    db: Database
    user: str
    actor: Callable[[], Actor]
    require: Callable[[str], Actor]

    # --- the office's periods -------------------------------------------------------------
    def retention_policy(self) -> dict[str, int]:
        """Days to keep a case per final status, the office's as stored."""
        return office_settings.case_policy(self.db)

    def retention_settings(self) -> list[dict]:
        """Every declared period: name, days, default, set_at and set_by (None: the default
        applies), German and English title, German help. Not personal data: anyone may read."""
        stored = office_settings.rows(self.db)
        days = office_settings.retention_days(self.db, stored)
        return [
            {
                "name": setting.name,
                "days": days[setting.name],
                "default": setting.default,
                "set_at": stored.get(setting.name, {}).get("set_at"),
                "set_by": stored.get(setting.name, {}).get("set_by"),
                "title_de": setting.title_de,
                "title_en": setting.title_en,
                "help_de": setting.help_de,
            }
            for setting in config.OFFICE_RETENTION
        ]

    def may_set_retention(self) -> bool:
        return self.actor().may(SET_RETENTION)

    def set_retention(self, name: str, days: int | str) -> Changes:
        """Set one period (Administration only); audited as retention_set with old and new."""
        return self.set_retention_periods({name: days})

    def set_retention_periods(self, periods: Mapping[str, int | str]) -> Changes:
        """Set several periods at once, all or none, each change audited with old and new.

        Names are the declared ones (retention_days_done) or without the prefix (done)."""
        checked = {period_name(name): _whole_days(name, days) for name, days in periods.items()}
        with write_transaction(self.db):
            self._require_retention_admin()
            for name, number in checked.items():
                office_settings.set_retention_days(self.db, name, number, by=self.user)
            office_settings.confirm(self.db)
        return Changes("retention")

    def retention_confirmed(self) -> bool:
        """False in a store upgraded from workstation-file periods until Administration has
        confirmed the office's periods; until then nothing is purged."""
        return not office_settings.needs_confirmation(self.db)

    def confirm_retention(self) -> Changes:
        """Administration keeps the periods as they are (after an upgrade); audited."""
        with write_transaction(self.db):
            self._require_retention_admin()
            office_settings.confirm(self.db)
        return Changes("retention")

    def _require_retention_admin(self) -> None:
        actor = self.actor()
        if actor.may(SET_RETENTION):
            return
        if not actor.known:
            self.require(SET_RETENTION)  # the usual words for a login not set up or deactivated
        raise AccessDenied(
            "Die Aufbewahrungsfristen legt die Administration für die ganze Behörde fest; die "
            f"Rolle {roles.role_label(actor.role or '')} darf sie nicht ändern ({actor.login}).",
            "The retention periods are set by Administration for the whole office; the role "
            f"{roles.role_label(actor.role or '', 'en')} may not change them ({actor.login}).",
        )

    # --- what is due, and purging it ------------------------------------------------------
    def due_for_purge(self, today: date | None = None) -> list[dict]:
        """Cases due for deletion on `today` (default: today); a later day previews."""
        self.require(roles.PLAN)
        return retention.due_for_purge(self.db, self.retention_policy(), today or date.today())

    def purge(self, dry_run: bool = False, today: date | None = None) -> PurgeReport:
        """Purge every due case, each in its own transaction and audited; dry_run only lists."""
        # imported here: only a purge needs it, and the desktop's start-up does not
        from ab_inbox.store.purge_report import PurgeReport

        self.require(roles.PLAN if dry_run else roles.PURGE)
        if not dry_run and office_settings.needs_confirmation(self.db):
            raise RetentionError(
                "Es wird nichts gelöscht: Die Aufbewahrungsfristen der Behörde sind seit der "
                "Aktualisierung noch nicht bestätigt (früher galten die Werte jedes "
                "Arbeitsplatzes). Die Administration prüft sie und bestätigt sie mit "
                "„ab-inbox retention confirm“ oder legt sie mit „ab-inbox retention set“ fest.",
                "Nothing is deleted: the office's retention periods have not been confirmed "
                "since the upgrade (each workstation's values applied before). Administration "
                "checks them and confirms them with 'ab-inbox retention confirm' or sets them "
                "with 'ab-inbox retention set'.",
            )
        today = today or date.today()
        report = PurgeReport(today=today, dry_run=dry_run)
        report.due = retention.due_for_purge(self.db, self.retention_policy(), today)
        stray_days = office_settings.stray_days(self.db)
        report.stray = stray_retention.stray_due(self.db, stray_days, today)
        if dry_run:
            return report
        report.stray_counts = stray_retention.purge_stray(self.db, stray_days, today)
        for entry in report.due:
            try:
                counts = retention.purge_case(
                    self.db,
                    entry["case_id"],
                    self.user,
                    policy=office_settings.case_policy,
                    today=today,
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


def period_name(name: str) -> str:
    full = name if name in config.RETENTION_BY_NAME else f"retention_days_{name}"
    if full not in config.RETENTION_BY_NAME:
        known = ", ".join(config.RETENTION_BY_NAME)
        raise RetentionError(
            f"Unbekannte Aufbewahrungsfrist „{name}“ (bekannt: {known}).",
            f"Unknown retention period '{name}' (known: {known}).",
        )
    return full


def _whole_days(name: str, days: object) -> int:
    number: int | None = None
    if isinstance(days, int) and not isinstance(days, bool):
        number = days
    elif isinstance(days, str) and days.strip().isascii() and days.strip().isdigit():
        number = int(days.strip())
    low, high = config.RETENTION_MIN_DAYS, config.RETENTION_MAX_DAYS
    if number is None or not low <= number <= high:
        raise RetentionError(
            f"Die Aufbewahrungsfrist „{name}“ muss eine ganze Zahl von Tagen zwischen {low} und "
            f"{high} sein, nicht „{days}“.",
            f"The retention period '{name}' must be a whole number of days between {low} and "
            f"{high}, not '{days}'.",
        )
    return number
