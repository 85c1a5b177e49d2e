"""The core facade: the one API that the CLI and the desktop call.

Callers never run SQL or touch the XML layer directly; every write goes through a method here,
which also writes the audit entry. Nothing in this module knows about Qt.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ab_inbox import config
from ab_inbox.casework import status as workflow
from ab_inbox.store import cases, queries
from ab_inbox.store.audit import append_audit, os_user
from ab_inbox.store.connection import open_database, write_transaction
from ab_inbox.store.migrations import migrate
from ab_inbox.xauslaender.message_types import by_code

# The intake modules (lxml, schemas, attachment checks) load on first use, so the desktop
# shows its queue without paying for them at start-up.
if TYPE_CHECKING:
    from ab_inbox.ingest.checking import CheckedMessage, CheckPolicy
    from ab_inbox.ingest.folder_fetch import FetchReport
    from ab_inbox.ingest.pipeline import Outcome
    from ab_inbox.xauslaender.schema_pack import PackLibrary


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


@dataclass(frozen=True)
class Changes:
    """What a write changed, so each view can decide whether to refresh."""

    kind: str  # "case" | "note" | "messages" | "searches"
    case_ids: tuple[int, ...] = ()


class Inbox:
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

    # --- intake -------------------------------------------------------------------------
    def fetch(
        self,
        folder: Path,
        *,
        settle_s: float | None = None,
        on_outcome: Callable[[Outcome], None] | None = None,
        stop: threading.Event | None = None,
    ) -> FetchReport:
        from ab_inbox.ingest.folder_fetch import fetch_once

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
        from ab_inbox.ingest.pipeline import receive

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
        from ab_inbox.ingest.checking import check_message

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

    # --- the queue and cases --------------------------------------------------------------
    @property
    def user(self) -> str:
        """The acting user: the OS login."""
        return os_user()

    def case_ids(
        self,
        view: str = "all",
        *,
        search: str | None = None,
        status: str | None = None,
        sort: str = "received",
        descending: bool = True,
    ) -> list[int]:
        return cases.case_ids(
            self.db,
            view=view,
            search=search,
            status=status,
            sort=sort,
            descending=descending,
            user=self.user,
            today=date.today().isoformat(),
        )

    def case_rows(self, ids: list[int]) -> dict[int, dict]:
        rows = cases.case_rows(self.db, ids)
        for row in rows.values():
            message_type = by_code(row["type_code"]) if row["type_code"] else None
            row["type_title"] = message_type.title_de if message_type else None
            row["status_label"] = workflow.label(row["status"])
        return rows

    def view_counts(self) -> dict[str, int]:
        return cases.view_counts(self.db, user=self.user, today=date.today().isoformat())

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
        return row

    def data_version(self) -> int:
        """Changes when another connection committed (cheap; polled for live refresh)."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    def last_received_at(self) -> str | None:
        return self.db.execute("SELECT max(received_at) FROM messages").fetchone()[0]

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
            row = cases.get_case(self.db, case_id)
            if expected_version is not None and row["version"] != expected_version:
                cases.raise_conflict(case_id)
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
            row = cases.get_case(self.db, case_id)
            version = row["version"] if expected_version is None else expected_version
            cases.set_assignee(self.db, case_id, self.user, version)
            if row["status"] == workflow.NEW:
                cases.change_status(
                    self.db,
                    case_id,
                    from_status=workflow.NEW,
                    to_status=workflow.IN_PROGRESS,
                    actor=self.user,
                    expected_version=version + 1,
                    note="übernommen",
                )
        return Changes("case", (case_id,))

    def set_follow_up(
        self, case_id: int, day: date | None, *, expected_version: int | None = None
    ) -> Changes:
        with write_transaction(self.db):
            cases.set_follow_up(
                self.db, case_id, day.isoformat() if day else None, expected_version
            )
        return Changes("case", (case_id,))

    def add_note(self, case_id: int, text: str) -> Changes:
        text = text.strip()
        if not text:
            raise ValueError("empty note")
        with write_transaction(self.db):
            cases.add_note(self.db, case_id, self.user, text)
        return Changes("note", (case_id,))

    def mark_viewed(self, case_id: int) -> None:
        """Opening a case shows personal data: that is audited (who, when, which case)."""
        with write_transaction(self.db):
            append_audit(self.db, "viewed", case_id=case_id)

    # --- saved searches (per user) --------------------------------------------------------
    def saved_searches(self) -> list[dict]:
        return list(
            self.db.query(
                "SELECT id, name, view, search FROM saved_searches WHERE owner = ? ORDER BY name",
                [self.user],
            )
        )

    def save_search(self, name: str, view: str, search: str | None) -> Changes:
        with write_transaction(self.db):
            self.db.execute(
                "INSERT INTO saved_searches (owner, name, view, search, created_at)"
                " VALUES (?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
                " ON CONFLICT (owner, name) DO UPDATE SET view = excluded.view,"
                " search = excluded.search",
                (self.user, name.strip(), view, search or None),
            )
        return Changes("searches")

    def delete_saved_search(self, search_id: int) -> Changes:
        with write_transaction(self.db):
            self.db.execute(
                "DELETE FROM saved_searches WHERE id = ? AND owner = ?", (search_id, self.user)
            )
        return Changes("searches")

    def attachment(self, message_id: int, position: int) -> dict | None:
        """An attachment's row with its bytes (for viewing; saving goes through
        save_attachment, which audits)."""
        return queries.attachment_bytes(self.db, message_id, position)

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

    # --- hand-off: export and back-channel replies ------------------------------------------
    def export_case(
        self,
        case_id: int,
        *,
        target_dir: Path | str | None = None,
        exporter: str | None = None,
        override_reason: str | None = None,
    ):
        """Hand a case to the Fachverfahren (ExportRefused when the rules do not allow it)."""
        from ab_inbox.export.case_export import export_case
        from ab_inbox.export.errors import ExportRefused

        target = target_dir or self.settings.export_folder
        if not target:
            raise ExportRefused(
                "Kein Exportordner angegeben (Einstellung export_folder oder --to ORDNER).",
                "No export folder given (setting export_folder or --to DIR).",
                reason="target_missing",
            )
        return export_case(
            self.db,
            case_id,
            exporter=exporter or self.settings.exporter,
            target_dir=Path(target),
            actor=self.user,
            override_reason=override_reason,
        )

    def exports(self, case_id: int) -> list[dict]:
        from ab_inbox.store.exports import list_exports

        return list_exports(self.db, case_id)

    def office(self):
        from ab_inbox.xauslaender.outbound import Office

        return Office.from_settings(self.settings)

    def reply_defaults(self, case_id: int, type_code: str) -> dict:
        """The German default texts of a reply type, filled in for this case."""
        from ab_inbox.xauslaender.outbound import default_content

        case = cases.get_case(self.db, case_id)
        message_id = case["application_message_id"] or cases.case_message_ids(self.db, case_id)[0]
        answered = queries.get_message(self.db, message_id)["record"]
        return default_content(type_code, answered=answered, office=self.office())

    def send_reply(
        self,
        case_id: int,
        type_code: str,
        content: dict,
        *,
        answers_message_id: int | None = None,
    ):
        """Build, validate and hand over a reply through the back channel (ReplyRefused)."""
        from ab_inbox.export.replies import send_reply

        return send_reply(
            self.db,
            self.packs,
            case_id,
            type_code,
            content,
            office=self.office(),
            outbox_dir=self.settings.outbox_folder or None,
            actor=self.user,
            answers_message_id=answers_message_id,
        )

    def replies(self, case_id: int) -> list[dict]:
        from ab_inbox.store.replies import list_replies

        return list_replies(self.db, case_id)

    def summary_pdf(self, case_id: int, *, with_appendix: bool = False) -> bytes:
        """The case as an A4 PDF for the paper file or the applicant's visit (audited)."""
        from ab_inbox.export.summary_pdf import render_summary

        case = self.case(case_id)
        office = {
            "name": self.settings.office_name,
            "street": self.settings.office_street,
            "postcode": self.settings.office_postcode,
            "city": self.settings.office_city,
        }

        def attachment_data(message_id: int, position: int) -> bytes | None:
            return (self.attachment(message_id, position) or {}).get("data")

        appendix = None
        if with_appendix:
            appendix = [
                (a.get("file_name") or a.get("label") or f"#{a['position']}", a["mime"], data)
                for m in case["messages"]
                for a in m["attachments"]
                if a["state"] == "stored"
                and (data := attachment_data(m["id"], a["position"])) is not None
            ]
        pdf = render_summary(
            case,
            office=office,
            user=self.user,
            appendix=appendix,
            attachment_data=attachment_data,
        )
        with write_transaction(self.db):
            append_audit(
                self.db,
                "summary_printed",
                case_id=case_id,
                detail=f"appendix={'yes' if with_appendix else 'no'}",
            )
        return pdf
