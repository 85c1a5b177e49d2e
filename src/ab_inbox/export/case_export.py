"""Handing a case to the Fachverfahren: check, write the files, then record it in one go.

Order matters. The files are written first (each atomically, see atomic.py) and only then, in
one write transaction, the export row with its receipt, the audit entry and the status change
to "exported". A crash before COMMIT leaves complete files and no record: running the export
again re-completes the files and records it once. A crash after COMMIT leaves a recorded
export, and running it again returns that receipt without writing anything, so files the
Fachverfahren has already taken away are not delivered twice.

Only a valid case in "ready" is exported. A team lead may decide otherwise; the override needs
a reason, which is kept with the export and in the status history (the audit entry notes that
there was an override, never free text). The rule mirrors the workflow's (ready -> exported
by the export only) and is checked here because export and casework are sibling layers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ab_inbox.export import registry
from ab_inbox.export.atomic import WrittenFile, clear_stale_parts
from ab_inbox.export.bundle import CaseBundle, ExportStamp, load_bundle
from ab_inbox.export.errors import ExportRefused, ExportWriteError
from ab_inbox.store import cases
from ab_inbox.store.audit import append_audit, utc_now
from ab_inbox.store.connection import write_transaction
from ab_inbox.store.database import Database
from ab_inbox.store.exports import find_export, insert_export

READY, EXPORTED = "ready", "exported"
# (slug, "de" | "en") -> the status's label; the facade passes casework.status.label, which
# this sibling layer may not import. Without it, refusals name the slug.
StatusLabel = Callable[[str, str], str]
RECEIPT_VERSION = 1


@dataclass(frozen=True)
class ExportReceipt:
    export_id: int
    case_id: int
    message_id: int
    exporter: str
    target: str
    files: tuple[WrittenFile, ...]
    exported_at: str
    exported_by: str
    override_reason: str | None
    already_exported: bool  # True: an earlier export was found and nothing was written

    @classmethod
    def from_row(cls, row: dict, *, already_exported: bool) -> ExportReceipt:
        return cls(
            export_id=row["id"],
            case_id=row["case_id"],
            message_id=row["message_id"],
            exporter=row["exporter"],
            target=row["target"],
            files=tuple(WrittenFile(**f) for f in row["receipt"]["files"]),
            exported_at=row["exported_at"],
            exported_by=row["exported_by"],
            override_reason=row["override_reason"],
            already_exported=already_exported,
        )

    def as_dict(self) -> dict:
        return {
            "export_id": self.export_id,
            "case_id": self.case_id,
            "message_id": self.message_id,
            "exporter": self.exporter,
            "target": self.target,
            "files": [f.as_dict() for f in self.files],
            "exported_at": self.exported_at,
            "exported_by": self.exported_by,
            "override_reason": self.override_reason,
            "already_exported": self.already_exported,
        }


def export_case(
    db: Database,
    case_id: int,
    *,
    exporter: str,
    target_dir: Path,
    actor: str,
    override_reason: str | None = None,
    status_label: StatusLabel | None = None,
    without_awaited: bool = False,
) -> ExportReceipt:
    """Export the case with the named exporter into target_dir (ExportRefused if not).

    A case still awaiting documents announced for a later delivery is refused (reason
    `documents_awaited`) unless `without_awaited`: the Fachverfahren would get it without
    them, which someone has to decide."""
    chosen = registry.get(exporter)
    reason = _override(override_reason)
    target = _target(target_dir)
    bundle = load_bundle(db, case_id)
    if not bundle.messages:
        raise ExportRefused(
            f"Fall {case_id} enthält keine Nachricht.",
            f"Case {case_id} holds no message.",
            reason="no_messages",
        )
    anchor = bundle.anchor
    existing = find_export(db, anchor.id, exporter, str(target))
    if existing is not None:
        return ExportReceipt.from_row(existing, already_exported=True)
    refusal = _refusal(bundle.case, reason, status_label)
    if refusal is not None:
        raise refusal
    awaited = awaited_documents(bundle)
    if awaited and not without_awaited:
        raise ExportRefused(
            f"Fall {case_id} wartet noch auf {len(awaited)} Dokument(e), die nachgeliefert "
            f"werden: {', '.join(awaited)}.",
            f"Case {case_id} is still awaiting {len(awaited)} document(s) to be delivered "
            f"later: {', '.join(awaited)}.",
            reason="documents_awaited",
        )

    stamp = ExportStamp(exported_at=utc_now(), exported_by=actor, overridden=reason is not None)
    try:
        files = chosen.write(bundle, target, stamp)
    except OSError as error:
        raise ExportWriteError(str(target), error) from error
    clear_stale_parts(target, files)
    with write_transaction(db):
        existing = find_export(db, anchor.id, exporter, str(target))  # a parallel run won
        if existing is not None:
            return ExportReceipt.from_row(existing, already_exported=True)
        current = _unchanged_case(db, bundle, reason, target)
        export_id = insert_export(
            db,
            case_id=case_id,
            message_id=anchor.id,
            exporter=exporter,
            target=str(target),
            receipt={
                "receipt_version": RECEIPT_VERSION,
                "exporter": exporter,
                "files": [f.as_dict() for f in files],
                "nachrichten_uuids": [m.nachrichten_uuid for m in bundle.messages],
                "generator_version": stamp.generator_version,
            },
            override_reason=reason,
            exported_at=stamp.exported_at,
            exported_by=actor,
        )
        if current["status"] != EXPORTED:
            note = f"exportiert ({exporter})"
            cases.change_status(
                db,
                case_id,
                from_status=current["status"],
                to_status=EXPORTED,
                actor=actor,
                expected_version=current["version"],
                note=f"{note}, Ausnahme: {reason}" if reason else note,
            )
        append_audit(
            db,
            "exported",
            case_id=case_id,
            message_id=anchor.id,
            detail=f"export={export_id} exporter={exporter} files={len(files)}"
            f" override={'yes' if reason else 'no'}",
        )
    return ExportReceipt(
        export_id=export_id,
        case_id=case_id,
        message_id=anchor.id,
        exporter=exporter,
        target=str(target),
        files=tuple(files),
        exported_at=stamp.exported_at,
        exported_by=actor,
        override_reason=reason,
        already_exported=False,
    )


def _override(reason: str | None) -> str | None:
    if reason is None:
        return None
    reason = " ".join(reason.split())
    if not reason:
        raise ExportRefused(
            "Eine Ausnahme braucht eine Begründung.",
            "An override needs a reason.",
            reason="override_without_reason",
        )
    return reason


def _target(target_dir: Path) -> Path:
    """The target must exist: a missing import folder (an unmounted share) is not created."""
    target = Path(target_dir).expanduser().resolve()
    if not target.is_dir():
        raise ExportRefused(
            f"Der Exportordner {target} ist nicht vorhanden oder kein Ordner.",
            f"The export folder {target} does not exist or is not a folder.",
            reason="target_missing",
        )
    return target


def awaited_documents(bundle: CaseBundle) -> list[str]:
    """The names of the case's documents announced for a later delivery and not here yet."""
    return [
        a.get("file_name") or a.get("label") or a.get("dokumentuuid") or "?"
        for message in bundle.messages
        for a in message.attachments
        if a.get("state") == "awaited"
    ]


def _refusal(
    case: dict, override: str | None, status_label: StatusLabel | None = None
) -> ExportRefused | None:
    """Why this case may not be exported now (None: it may)."""
    if case.get("purged_at"):  # no exception can bring deleted data back
        return ExportRefused(
            f"Fall {case['id']} wurde nach Ablauf der Aufbewahrungsfrist gelöscht und kann "
            "nicht exportiert werden.",
            f"Case {case['id']} was deleted when its retention period ended and cannot be "
            "exported.",
            reason="purged",
        )
    if override is not None:
        return None
    if case["validation"] != "valid":
        return ExportRefused(
            f"Fall {case['id']} enthält eine ungültige Nachricht und wird nicht exportiert "
            "(nur mit Ausnahme durch die Teamleitung).",
            f"Case {case['id']} holds an invalid message and is not exported (only with a team "
            "lead's override).",
            reason="invalid",
        )
    if case["status"] != READY:
        label = status_label or (lambda slug, _language: slug)
        return ExportRefused(
            f"Fall {case['id']} ist nicht „Bereit zum Export“ "
            f"(Status: „{label(case['status'], 'de')}“).",
            f"Case {case['id']} is not ready for export (status: '{label(case['status'], 'en')}').",
            reason="not_ready",
        )
    return None


def _unchanged_case(db: Database, bundle: CaseBundle, override: str | None, target: Path):
    """The case as it is now, provided it may still be recorded as exported.

    Someone may have taken the case back, or a follow-up may have arrived, while the files
    were written; then recording "exported" would claim something that is not true.
    """
    current = cases.get_case(db, bundle.case_id)
    same_messages = cases.case_message_ids(db, bundle.case_id) == [m.id for m in bundle.messages]
    if same_messages and _refusal(current, override) is None:
        return current
    raise ExportRefused(
        f"Fall {bundle.case_id} wurde während des Exports geändert; der Export ist nicht "
        f"vermerkt. Die Dateien liegen bereits in {target}: bitte den Export wiederholen "
        "oder sie dort entfernen.",
        f"Case {bundle.case_id} changed during the export; the export is not recorded. The "
        f"files are already in {target}: please repeat the export or remove them there.",
        reason="changed_during_export",
    )
