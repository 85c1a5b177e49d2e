"""The facade's hand-off part: export to the Fachverfahren, back-channel replies, PDF summaries.

A mixin of Inbox (inbox.py), kept apart so the facade stays one object for its callers while each
part of it stays small. It relies on Inbox for `db`, `settings`, `packs` and `user`, and on the
other mixins for `case` and `attachment`. Everything that leaves the office goes through here,
so each method checks the rules or writes the audit entry; the export and PDF modules (reportlab)
load on first use.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ab_inbox.casework import roles
from ab_inbox.casework import status as workflow
from ab_inbox.store import cases, queries
from ab_inbox.store.audit import append_audit
from ab_inbox.store.connection import write_transaction

if TYPE_CHECKING:
    from ab_inbox import config
    from ab_inbox.store.database import Database
    from ab_inbox.xauslaender.schema_pack import PackLibrary


class HandOffMixin:
    # Provided by Inbox; `require` and `require_case` by AccessMixin (inbox_access).
    db: Database
    settings: config.Settings
    packs: PackLibrary
    user: str

    # --- hand-off: export and back-channel replies ------------------------------------------
    def export_case(
        self,
        case_id: int,
        *,
        target_dir: Path | str | None = None,
        exporter: str | None = None,
        override_reason: str | None = None,
        without_awaited: bool = False,
    ):
        """Hand a case to the Fachverfahren (ExportRefused when the rules do not allow it).
        `without_awaited`: although documents announced for a later delivery are missing."""
        from ab_inbox.export.case_export import export_case
        from ab_inbox.export.errors import ExportRefused

        self.require_case(case_id)
        if override_reason:
            self.require(roles.EXPORT_OVERRIDE)
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
            status_label=workflow.label,
            without_awaited=without_awaited,
        )

    def exports(self, case_id: int) -> list[dict]:
        from ab_inbox.store.exports import list_exports

        self.require(roles.READ_CASES)
        return list_exports(self.db, case_id)

    def office(self):
        from ab_inbox.xauslaender.outbound import Office

        return Office.from_settings(self.settings)

    def reply_defaults(self, case_id: int, type_code: str) -> dict:
        """The German default texts of a reply type, filled in for this case."""
        from ab_inbox.xauslaender.outbound import default_content

        self.require(roles.READ_CASES)
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

        self.require_case(case_id)
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

        self.require(roles.READ_CASES)
        return list_replies(self.db, case_id)

    # --- paper ----------------------------------------------------------------------------
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
