"""receive -> check -> store, in one transaction per message; every input ends in exactly one state.

accepted    stored, schema-valid
invalid     stored with its findings (a caseworker must see it), status "new" like any other
duplicate   same bytes or same nachrichtenUUID as a stored message: nothing new is stored
quarantined not storable as a message (not XML, hostile, unknown root or version, empty):
            kept with its reason in the quarantine table
The transport is acknowledged by the caller only after this function returned, i.e. after COMMIT.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ab_inbox.ingest.checking import CheckedMessage, CheckPolicy, Rejected, check_message
from ab_inbox.ingest.packets import message_stored, receive_packet
from ab_inbox.store.audit import append_audit, utc_now
from ab_inbox.store.connection import write_transaction
from ab_inbox.store.database import Database
from ab_inbox.store.messages import (
    FindingRow,
    MessageRow,
    find_duplicate,
    insert_message,
    insert_quarantine,
)
from ab_inbox.store.search_text import fold, index_text
from ab_inbox.xauslaender.schema_pack import PackLibrary

ACCEPTED, INVALID, DUPLICATE, QUARANTINED = "accepted", "invalid", "duplicate", "quarantined"


@dataclass
class Outcome:
    kind: str
    source_name: str | None = None
    message_id: int | None = None
    case_id: int | None = None
    quarantine_id: int | None = None
    reason_code: str | None = None
    text_de: str = ""
    text_en: str = ""
    findings: list = field(default_factory=list)

    def line(self, language: str = "de") -> str:
        """One line for the CLI: state, file and why."""
        text = self.text_de if language == "de" else self.text_en
        parts = [self.kind, self.source_name or "-"]
        if self.message_id is not None:
            parts.append(f"#{self.message_id}")
        if text:
            parts.append(text)
        return "\t".join(parts)


def _message_row(checked: CheckedMessage, source_name: str | None, transport: str) -> MessageRow:
    rec = checked.record
    people = [p for p in [rec.applicant, rec.representative, *rec.reference_persons] if p]
    applicant = rec.applicant
    nationality = applicant.nationalities[0] if applicant and applicant.nationalities else None
    reason = rec.reasons[0] if rec.reasons else None
    return MessageRow(
        raw=checked.data,
        sha256=checked.sha256,
        validation="valid" if checked.valid else "invalid",
        record_json=rec.to_json(),
        nachrichten_uuid=rec.nachrichten_uuid,
        family=rec.family,
        type_code=rec.type_code,
        type_name=rec.type_name,
        version=rec.version,
        erstellungszeitpunkt=rec.erstellungszeitpunkt,
        transport=transport,
        source_name=source_name,
        author_kennung=rec.author.kennung,
        reader_kennung=rec.reader.kennung,
        antragsidentifikation=rec.antragsidentifikation,
        is_application=rec.is_application,
        applicant_name=rec.applicant_name or None,
        applicant_sort=fold(rec.applicant_name) if rec.applicant_name else None,
        nationality=(nationality.label or nationality.code) if nationality else None,
        reason=(reason.label or reason.code) if reason else None,
        search_names=index_text(
            *[n for p in people for n in (p.family_name, p.given_names, p.birth_name, p.firm)]
        ),
        search_labels=index_text(*[t for d in rec.documents for t in (d.dateiname, d.bezeichnung)]),
        findings=[
            FindingRow(f.severity, f.rule, f.text_de, f.text_en, f.path, f.line)
            for f in checked.findings
        ],
        attachments=checked.attachments,
    )


def _duplicate_outcome(dup, source_name: str | None) -> Outcome:
    how_de = "identischer Inhalt" if dup.same_bytes else "gleiche nachrichtenUUID, anderer Inhalt"
    how_en = "identical content" if dup.same_bytes else "same nachrichtenUUID, different content"
    return Outcome(
        DUPLICATE,
        source_name,
        message_id=dup.message_id,
        case_id=dup.case_id,
        reason_code="same_bytes" if dup.same_bytes else "same_uuid",
        text_de=f"bereits gespeichert als Nachricht #{dup.message_id} ({how_de})",
        text_en=f"already stored as message #{dup.message_id} ({how_en})",
    )


def quarantine(
    db: Database,
    *,
    raw: bytes | None,
    sha256: str,
    size: int,
    rejected: Rejected,
    source_name: str | None,
    transport: str,
    stored_as: str | None = None,
    delivery: Delivery | None = None,
) -> Outcome:
    delivery = delivery or Delivery()
    with write_transaction(db):
        existing = db.execute(
            "SELECT id FROM quarantine WHERE sha256 = ? AND reason_code = ?",
            (sha256, rejected.code),
        ).fetchone()
        if existing:
            qid = existing[0]
        else:
            qid = insert_quarantine(
                db,
                raw=raw,
                sha256=sha256,
                size=size,
                reason_code=rejected.code,
                text_de=rejected.text_de,
                text_en=rejected.text_en,
                source_name=source_name,
                transport=transport,
                stored_as=stored_as,
                received_at=delivery.received_at or utc_now(),
                transport_id=delivery.transport_id,
            )
    return Outcome(
        QUARANTINED,
        source_name,
        quarantine_id=qid,
        reason_code=rejected.code,
        text_de=rejected.text_de,
        text_en=rejected.text_en,
    )


@dataclass(frozen=True)
class Delivery:
    """What the transport says about a message: its reception time is the legal receipt time
    (the drop folder has none, so the time of intake stands in), its id and sender."""

    received_at: str | None = None
    transport_id: str | None = None
    sender_id: str | None = None


@dataclass
class Prepared:
    """A message checked but not yet stored: the part of intake that needs no database and
    may therefore run on a worker thread while the previous message is being written."""

    data: bytes
    sha256: str
    source_name: str | None
    transport: str
    checked: CheckedMessage | None = None
    rejected: Rejected | None = None
    row: MessageRow | None = None
    delivery: Delivery = field(default_factory=Delivery)
    policy: CheckPolicy = field(default_factory=CheckPolicy)


def prepare(
    data: bytes,
    packs: PackLibrary,
    *,
    source_name: str | None = None,
    transport: str = "dropfolder",
    policy: CheckPolicy = CheckPolicy(),
    sha256: str | None = None,
    delivery: Delivery | None = None,
) -> Prepared:
    sha256 = sha256 or hashlib.sha256(data).hexdigest()
    delivery = delivery or Delivery()
    prepared = Prepared(data, sha256, source_name, transport, delivery=delivery, policy=policy)
    try:
        prepared.checked = check_message(data, packs, policy, sha256=sha256)
    except Rejected as rejected:
        prepared.rejected = rejected
    else:
        prepared.row = _message_row(prepared.checked, source_name, transport)
        prepared.row.transport_id = delivery.transport_id
        prepared.row.sender_id = delivery.sender_id
    return prepared


def store_prepared(db: Database, prepared: Prepared) -> Outcome:
    """The writing half: one transaction; a duplicate is detected inside it."""
    source_name = prepared.source_name
    if prepared.rejected is not None:
        return quarantine(
            db,
            raw=prepared.data,
            sha256=prepared.sha256,
            size=len(prepared.data),
            rejected=prepared.rejected,
            source_name=source_name,
            transport=prepared.transport,
            delivery=prepared.delivery,
        )
    row, checked = prepared.row, prepared.checked
    note = None
    with write_transaction(db):
        dup = find_duplicate(db, prepared.sha256, row.nachrichten_uuid)
        if dup is not None:
            append_audit(
                db,
                "duplicate_received",
                message_id=dup.message_id,
                detail="same_bytes" if dup.same_bytes else "same_uuid",
            )
        else:
            received_at = prepared.delivery.received_at or utc_now()
            record = checked.record
            if record.packet is not None:  # joins the case of the message it delivers for
                message_id, case_id, note = receive_packet(
                    db, row, record, received_at, prepared.policy
                )
            else:
                message_id, case_id = insert_message(db, row, received_at)
                note = message_stored(db, message_id, case_id, record, received_at, prepared.policy)
    if dup is not None:
        return _duplicate_outcome(dup, source_name)
    made_invalid = note is not None and note.made_invalid and checked.record.packet is None
    outcome = Outcome(
        ACCEPTED if checked.valid and not made_invalid else INVALID,
        source_name,
        message_id=message_id,
        case_id=case_id,
        findings=checked.findings,
    )
    errors = [f for f in checked.findings if f.is_error]
    shown = errors or checked.findings  # the first error, else the first warning
    if shown:
        first = shown[0]
        more_de = f" (+{len(shown) - 1} weitere)" if len(shown) > 1 else ""
        more_en = f" (+{len(shown) - 1} more)" if len(shown) > 1 else ""
        where = f" [Zeile {first.line}]" if first.line else ""
        label_de, label_en = ("", "") if errors else ("Hinweis: ", "Warning: ")
        outcome.text_de = f"{label_de}{first.text_de}{where}{more_de}"
        outcome.text_en = f"{label_en}{first.text_en}{where.replace('Zeile', 'line')}{more_en}"
    if note is not None:
        outcome.text_de = " – ".join(t for t in (outcome.text_de, note.text_de) if t)
        outcome.text_en = " – ".join(t for t in (outcome.text_en, note.text_en) if t)
    return outcome


def receive(
    db: Database,
    data: bytes,
    packs: PackLibrary,
    *,
    source_name: str | None = None,
    transport: str = "dropfolder",
    policy: CheckPolicy = CheckPolicy(),
    sha256: str | None = None,
    delivery: Delivery | None = None,
) -> Outcome:
    """Check and store one message; safe to call again with the same bytes (idempotent)."""
    sha256 = sha256 or hashlib.sha256(data).hexdigest()
    dup = find_duplicate(db, sha256, None)
    if dup is not None:  # skip the checking work for a message we already have
        with write_transaction(db):
            append_audit(db, "duplicate_received", message_id=dup.message_id, detail="same_bytes")
        return _duplicate_outcome(dup, source_name)
    prepared = prepare(
        data,
        packs,
        source_name=source_name,
        transport=transport,
        policy=policy,
        sha256=sha256,
        delivery=delivery,
    )
    return store_prepared(db, prepared)
