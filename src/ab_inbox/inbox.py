"""The core facade: the one API that the CLI and the desktop call.

Callers never run SQL or touch the XML layer directly; every write goes through a method here,
which also writes the audit entry. Nothing in this module knows about Qt.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from ab_inbox import config
from ab_inbox.ingest.attachments import AttachmentLimits
from ab_inbox.ingest.checking import CheckedMessage, CheckPolicy, check_message
from ab_inbox.ingest.folder_fetch import FetchReport, fetch_once
from ab_inbox.ingest.pipeline import Outcome, receive
from ab_inbox.store import queries
from ab_inbox.store.audit import append_audit
from ab_inbox.store.connection import open_database, write_transaction
from ab_inbox.store.migrations import migrate
from ab_inbox.xauslaender.message_types import by_code
from ab_inbox.xauslaender.safe_xml import ParseLimits
from ab_inbox.xauslaender.schema_pack import PackLibrary


def pack_library(schemas_dir: Path | str | None = None, settings=None) -> PackLibrary:
    """Explicit folder (option, env AB_INBOX_SCHEMAS, setting) first, then installed packs."""
    import os

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
    return CheckPolicy(
        office_dvdv_ids=tuple(settings.office_dvdv_ids),
        clock_skew=timedelta(minutes=settings.clock_skew_minutes),
        parse_limits=ParseLimits(max_bytes=settings.max_message_mb * 1024 * 1024),
        attachment_limits=AttachmentLimits(
            max_bytes=settings.max_attachment_mb * 1024 * 1024,
            max_pixels=settings.max_image_megapixels * 1_000_000,
        ),
    )


class Inbox:
    def __init__(
        self,
        db_path: Path | str | None = None,
        schemas_dir: Path | str | None = None,
        settings: config.Settings | None = None,
    ):
        self.settings = settings or config.Settings.load()
        self.db_path = Path(db_path) if db_path else config.default_db_path()
        self.packs = pack_library(schemas_dir, self.settings)
        self.db = open_database(self.db_path)
        migrate(self.db)

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Inbox:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def policy(self) -> CheckPolicy:
        return policy_from(self.settings)

    # --- intake -------------------------------------------------------------------------
    def fetch(
        self,
        folder: Path,
        *,
        settle_s: float | None = None,
        on_outcome: Callable[[Outcome], None] | None = None,
        stop: threading.Event | None = None,
    ) -> FetchReport:
        return fetch_once(
            self.db,
            Path(folder),
            self.packs,
            self.policy,
            settle_s=self.settings.settle_s if settle_s is None else settle_s,
            on_outcome=on_outcome,
            stop=stop,
        )

    def watch(
        self,
        folder: Path,
        stop: threading.Event,
        *,
        interval_s: float | None = None,
        settle_s: float | None = None,
        on_outcome: Callable[[Outcome], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Poll the folder until `stop` is set; a failing round is reported, not fatal."""
        interval = self.settings.poll_interval_s if interval_s is None else interval_s
        while not stop.is_set():
            try:
                self.fetch(folder, settle_s=settle_s, on_outcome=on_outcome, stop=stop)
            except Exception as exc:  # noqa: BLE001 - keep watching; the next round may work
                if on_error is not None:
                    on_error(exc)
            stop.wait(interval)

    def receive_bytes(self, data: bytes, source_name: str, transport: str = "file") -> Outcome:
        return receive(
            self.db,
            data,
            self.packs,
            source_name=source_name,
            transport=transport,
            policy=self.policy,
        )

    def check_bytes(self, data: bytes) -> CheckedMessage:
        """Validate without storing (raises ingest.checking.Rejected for non-messages)."""
        return check_message(data, self.packs, self.policy)

    # --- reading ------------------------------------------------------------------------
    def list_messages(self, **filters) -> list[dict]:
        rows = queries.list_messages(self.db, **filters)
        for row in rows:
            message_type = by_code(row["type_code"]) if row["type_code"] else None
            row["type_title"] = message_type.title_de if message_type else row["type_name"]
        return rows

    def message(self, message_id: int) -> dict | None:
        row = queries.get_message(self.db, message_id)
        if row is not None:
            message_type = by_code(row["type_code"]) if row["type_code"] else None
            row["type_title"] = message_type.title_de if message_type else row["type_name"]
        return row

    def message_bytes(self, message_id: int) -> bytes | None:
        return queries.message_bytes(self.db, message_id)

    def save_attachment(self, message_id: int, position: int, target: Path) -> dict:
        """Write an attachment's bytes to a file the user chose, and audit that it left."""
        row = queries.attachment_bytes(self.db, message_id, position)
        if row is None or row["data"] is None:
            raise LookupError(position)
        target = Path(target)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(row["data"])
        tmp.replace(target)
        with write_transaction(self.db):
            append_audit(
                self.db,
                "attachment_saved",
                message_id=message_id,
                detail=f"position={position} sha256={row['sha256']}",
            )
        return row

    def quarantine_entries(self) -> list[dict]:
        return queries.list_quarantine(self.db)

    def counts(self) -> dict:
        return queries.counts(self.db)
