"""The core facade: the one API that the CLI and the desktop call.

Callers never run SQL or touch the XML layer directly; every write goes through a method here,
which also writes the audit entry. Nothing in this module knows about Qt.

Inbox stays one object for its callers, but its methods live in mixins, each in its own module
so each stays small: inbox_intake (messages in and reading them), inbox_cases (the queue and
casework), inbox_handoff (export, replies, PDF), inbox_retention (deletion after the retention
period), inbox_audit (checking and exporting the audit log), inbox_team (users, assignment,
distribution rules, deadlines), inbox_transport (the XTA 2 mailbox) and inbox_access (the
role check every other part calls first). This module keeps what they share: the database,
the settings, the schema packs, the check policy and the acting user.
"""

from __future__ import annotations

from datetime import timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ab_inbox import config
from ab_inbox.casework.changes import Changes
from ab_inbox.identity import login
from ab_inbox.inbox_access import AccessMixin
from ab_inbox.inbox_audit import AuditMixin
from ab_inbox.inbox_cases import CasesMixin
from ab_inbox.inbox_handoff import HandOffMixin
from ab_inbox.inbox_intake import IntakeMixin
from ab_inbox.inbox_retention import RetentionMixin
from ab_inbox.inbox_team import TeamMixin
from ab_inbox.inbox_transport import TransportMixin
from ab_inbox.store.connection import open_database
from ab_inbox.store.migrations import migrate

# The intake modules (lxml, schemas, attachment checks) load on first use, so the desktop
# shows its queue without paying for them at start-up.
if TYPE_CHECKING:
    from ab_inbox.ingest.checking import CheckPolicy
    from ab_inbox.xauslaender.schema_pack import PackLibrary

__all__ = ["Changes", "Inbox", "pack_library", "policy_from"]


def pack_library(schemas_dir: Path | str | None = None, settings=None) -> PackLibrary:
    """Explicit folder (option, env AB_INBOX_SCHEMAS, setting) first, then installed packs."""
    import os

    from ab_inbox.xauslaender.schema_pack import PackLibrary

    explicit = (
        schemas_dir
        or os.environ.get("AB_INBOX_SCHEMAS")
        or (settings.schemas_dir if settings is not None else "")
    )
    return PackLibrary(
        config.installed_schemas_dir(),
        Path(explicit) if explicit else None,
        cache_dir=config.data_dir() / "cache",
    )


def policy_from(settings: config.Settings) -> CheckPolicy:
    from ab_inbox.ingest.attachments import AttachmentLimits
    from ab_inbox.ingest.checking import CheckPolicy
    from ab_inbox.xauslaender.safe_xml import ParseLimits

    return CheckPolicy(
        office_dvdv_ids=tuple(settings.office_dvdv_ids),
        clock_skew=timedelta(minutes=settings.clock_skew_minutes),
        parse_limits=ParseLimits(max_bytes=settings.max_message_mb * 1024 * 1024),
        attachment_limits=AttachmentLimits(
            max_bytes=settings.max_attachment_mb * 1024 * 1024,
            max_pixels=settings.max_image_megapixels * 1_000_000,
        ),
    )


class Inbox(
    AccessMixin,
    TeamMixin,
    RetentionMixin,
    IntakeMixin,
    TransportMixin,
    CasesMixin,
    HandOffMixin,
    AuditMixin,
):
    def __init__(
        self,
        db_path: Path | str | None = None,
        schemas_dir: Path | str | None = None,
        settings: config.Settings | None = None,
    ):
        self.settings = settings or config.Settings.load()
        self.db_path = Path(db_path) if db_path else config.default_db_path()
        self._schemas_dir = schemas_dir
        self.db = open_database(self.db_path)
        migrate(self.db)

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Inbox:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @cached_property
    def packs(self) -> PackLibrary:
        return pack_library(self._schemas_dir, self.settings)

    @property
    def policy(self) -> CheckPolicy:
        return policy_from(self.settings)

    @property
    def user(self) -> str:
        """The acting user: the OS login."""
        return login()
