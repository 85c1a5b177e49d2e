"""The facade's intake half: taking messages in, and reading what was taken in.

A mixin of Inbox (inbox.py), kept apart so the facade stays one object for its callers while each
part of it stays small. It relies on Inbox for `db`, `settings`, `packs` and `policy`. The intake
modules (lxml, schemas, attachment checks) load on first use, so the desktop shows its queue
without paying for them at start-up.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ab_inbox.casework import roles
from ab_inbox.durable_files import write_file_atomic
from ab_inbox.store import fetch_runs, queries
from ab_inbox.store.audit import append_audit
from ab_inbox.store.connection import write_transaction
from ab_inbox.xauslaender.message_types import by_code

if TYPE_CHECKING:
    from ab_inbox import config
    from ab_inbox.ingest.checking import CheckedMessage, CheckPolicy
    from ab_inbox.ingest.folder_fetch import FetchReport
    from ab_inbox.ingest.pipeline import Outcome
    from ab_inbox.store.database import Database
    from ab_inbox.xauslaender.schema_pack import PackLibrary


class IntakeMixin:
    # Provided by Inbox; `require` and `require_case` by AccessMixin (inbox_access).
    db: Database
    settings: config.Settings
    packs: PackLibrary
    policy: CheckPolicy

    # --- intake -------------------------------------------------------------------------
    def fetch(
        self,
        folder: Path,
        *,
        settle_s: float | None = None,
        on_outcome: Callable[[Outcome], None] | None = None,
        stop: threading.Event | None = None,
        watching: bool = False,
    ) -> FetchReport:
        """One pass over the drop folder (`watching`: one of `watch`'s passes, whose quiet
        runs are noted only now and then, see store.fetch_runs)."""
        from ab_inbox.ingest.folder_fetch import fetch_once

        self.require(roles.FETCH)
        return fetch_once(
            self.db,
            Path(folder),
            self.packs,
            self.policy,
            settle_s=self.settings.settle_s if settle_s is None else settle_s,
            on_outcome=on_outcome,
            stop=stop,
            watching=watching,
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
        self.require(roles.FETCH)
        interval = self.settings.poll_interval_s if interval_s is None else interval_s
        while not stop.is_set():
            try:
                self.fetch(
                    folder, settle_s=settle_s, on_outcome=on_outcome, stop=stop, watching=True
                )
            except Exception as exc:  # noqa: BLE001 - keep watching; the next round may work
                if on_error is not None:
                    on_error(exc)
            stop.wait(interval)

    def receive_bytes(self, data: bytes, source_name: str, transport: str = "file") -> Outcome:
        from ab_inbox.ingest.pipeline import receive

        self.require(roles.FETCH)
        return receive(
            self.db,
            data,
            self.packs,
            source_name=source_name,
            transport=transport,
            policy=self.policy,
        )

    def receive_file(self, path: Path, transport: str = "file") -> Outcome:
        """A file the user dropped or chose, through the same pipeline as the drop folder.
        One larger than the size cap is quarantined unread, only hashed, as the drop folder
        does: a dropped 200 MB file must not be read into memory nor copied into the store.
        The file itself stays where the user keeps it."""
        from ab_inbox.ingest.dropfolder import read_within_cap, too_large
        from ab_inbox.ingest.pipeline import quarantine

        self.require(roles.FETCH)
        with open(path, "rb") as handle:
            data, size, digest = read_within_cap(handle, self.policy.parse_limits.max_bytes)
        if data is None:
            return quarantine(
                self.db,
                raw=None,
                sha256=digest,
                size=size,
                rejected=too_large(size, self.policy),
                source_name=path.name,
                transport=transport,
            )
        return self.receive_bytes(data, path.name, transport=transport)

    def check_bytes(self, data: bytes) -> CheckedMessage:
        """Validate without storing (raises ingest.checking.Rejected for non-messages)."""
        from ab_inbox.ingest.checking import check_message

        return check_message(data, self.packs, self.policy)

    # --- reading ------------------------------------------------------------------------
    def list_messages(self, **filters) -> list[dict]:
        self.require(roles.READ_CASES)
        rows = queries.list_messages(self.db, **filters)
        for row in rows:
            message_type = by_code(row["type_code"]) if row["type_code"] else None
            row["type_title"] = message_type.title_de if message_type else row["type_name"]
        return rows

    def message(self, message_id: int) -> dict | None:
        self.require(roles.READ_CASES)
        row = queries.get_message(self.db, message_id)
        if row is not None:
            message_type = by_code(row["type_code"]) if row["type_code"] else None
            row["type_title"] = message_type.title_de if message_type else row["type_name"]
        return row

    def message_bytes(self, message_id: int) -> bytes | None:
        self.require(roles.READ_CASES)
        return queries.message_bytes(self.db, message_id)

    def attachment(self, message_id: int, position: int) -> dict | None:
        """An attachment's row with its bytes (for viewing; saving goes through
        save_attachment, which audits)."""
        self.require(roles.READ_CASES)
        return queries.attachment_bytes(self.db, message_id, position)

    def save_attachment(self, message_id: int, position: int, target: Path) -> dict:
        """Write an attachment's bytes to a file the user chose, and audit that it left."""
        self.require(roles.READ_CASES)
        row = queries.attachment_bytes(self.db, message_id, position)
        if row is None or row["data"] is None:
            raise LookupError(position)
        write_file_atomic(Path(target), row["data"])
        case = self.db.execute(
            "SELECT case_id FROM messages WHERE id = ?", (message_id,)
        ).fetchone()
        with write_transaction(self.db):
            append_audit(
                self.db,
                "attachment_saved",
                case_id=case[0] if case else None,  # found when the log is read per case
                message_id=message_id,
                detail=f"position={position} sha256={row['sha256']}",
            )
        return row

    def save_message(self, message_id: int, target: Path) -> str:
        """Write a message's original XML to a file the user chose, and audit that it left;
        returns its SHA-256."""
        self.require(roles.READ_CASES)
        row = self.db.execute(
            "SELECT m.case_id, m.sha256, b.data FROM messages m JOIN blobs b ON b.id = m.blob_id"
            " WHERE m.id = ?",
            (message_id,),
        ).fetchone()
        if row is None:
            raise LookupError(message_id)
        case_id, sha256, data = row
        write_file_atomic(Path(target), data)
        with write_transaction(self.db):
            append_audit(
                self.db,
                "message_saved",
                case_id=case_id,
                message_id=message_id,
                detail=f"sha256={sha256}",
            )
        return sha256

    def quarantine_entries(self) -> list[dict]:
        self.require(roles.FETCH)
        return queries.list_quarantine(self.db)

    def counts(self) -> dict:
        return queries.counts(self.db)

    def data_version(self) -> int:
        """Changes when another connection committed (cheap; polled for live refresh)."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    def last_received_at(self) -> str | None:
        return queries.last_received_at(self.db)

    def last_fetches(self) -> dict[str, dict]:
        """The last run per way in ("folder", "xta"); see store.fetch_runs."""
        return fetch_runs.last_runs(self.db)

    # Runs that stored nothing are noted at most this often (the shown time may lag by it).
    FETCH_RECORD_MINUTES = int(fetch_runs.RECORD_EVERY.total_seconds() // 60)
