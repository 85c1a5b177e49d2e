"""Sending a reply through the back channel: pick the message answered, build, hand over, record.

The order keeps a crash harmless. The message is built and validated first; then it is written
to the outbox under a hidden `.part` name, synced and renamed, so the intermediary never picks
up half a file; only then are the reply row and its audit entry committed, in one transaction.
Should that commit fail, the file is taken back out of the outbox if it is still there.

Sending twice means sending two messages: every call builds a new message with a new
nachrichtenUUID, also for identical content. The Eingabeverfahren must be able to tell two
deliveries apart, and a repeated question or status is a new event for the applicant. A caller
that wants to prevent an accidental double send shows `store.replies.list_replies` and asks.

Text given for a document field (e.g. the notice of an intended refusal, which the schema
carries only as a PDF) is rendered here as a plain PDF letter from the office.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from ab_inbox.durable_files import write_file_atomic
from ab_inbox.errors import BilingualError
from ab_inbox.store import cases, queries
from ab_inbox.store.audit import append_audit, utc_now
from ab_inbox.store.connection import write_transaction
from ab_inbox.store.database import Database
from ab_inbox.store.replies import insert_reply, latest_case_message, message_case_id
from ab_inbox.xauslaender.message_types import by_code
from ab_inbox.xauslaender.outbound import (
    Office,
    ReplyRefused,
    ReplyType,
    build_reply_message,
    check_back_channel,
    document_keys,
    reply_type,
)
from ab_inbox.xauslaender.schema_pack import PackLibrary

FONT_CANDIDATES = (
    str(Path(__file__).with_name("fonts") / "DejaVuSans.ttf"),  # bundled with the summaries
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "C:/Windows/Fonts/arial.ttf",
    "/System/Library/Fonts/Supplemental/Arial.ttf",
    "/Library/Fonts/Arial.ttf",
)


class OutboxError(BilingualError):
    """The outbox folder cannot be written to (missing share, permissions, disk full)."""


@dataclass(frozen=True)
class ReplyReceipt:
    reply_id: int
    case_id: int
    answers_message_id: int
    type_code: str
    type_name: str  # root element, e.g. "OZG.Statusmeldung.130104"
    nachrichten_uuid: str
    sha256: str
    path: Path  # the file in the outbox
    sent_at: str


def send_reply(
    db: Database,
    packs: PackLibrary,
    case_id: int,
    type_code: str,
    content: dict,
    *,
    office: Office,
    outbox_dir: Path | str | None,
    actor: str,
    answers_message_id: int | None = None,
    now: datetime | None = None,
) -> ReplyReceipt:
    """Build, validate, hand over and record one reply in a case (ReplyRefused if not allowed).

    Without `answers_message_id` the reply answers the case's application, or for a reaction
    to a withdrawal the latest withdrawal. Both the message answered and the application must
    have said rueckkanalVorhanden=true.
    """
    kind = reply_type(type_code)
    if outbox_dir is None or not str(outbox_dir).strip():
        raise ReplyRefused(
            "Es ist kein Postausgangsordner eingestellt (Einstellungen: Postausgangsordner).",
            "No outbox folder is set (settings: outbox folder).",
        )
    case = cases.get_case(db, case_id)
    message_id = _answered_message_id(db, case, kind, answers_message_id)
    message = queries.get_message(db, message_id)
    record = message["record"]
    check_back_channel(record)
    application_id = case.get("application_message_id")
    if application_id and application_id != message_id:
        check_back_channel(queries.get_message(db, application_id)["record"])
    pack = packs.pack_for_version(message["version"] or record.get("version"))
    content = _with_letters(kind, content, record, office, now)
    built = build_reply_message(
        kind.code, answered=record, office=office, content=content, pack=pack, now=now
    )
    try:
        path = write_to_outbox(
            Path(outbox_dir), f"{built.name}_{built.nachrichten_uuid}.xml", built.data
        )
    except OSError as exc:
        raise OutboxError(
            f"Die Antwort konnte nicht in den Postausgangsordner {outbox_dir} geschrieben "
            f"werden: {exc.strerror or exc}. Es wurde nichts versandt.",
            f"The reply could not be written to the outbox folder {outbox_dir}: "
            f"{exc.strerror or exc}. Nothing was sent.",
        ) from exc
    sent_at = utc_now()
    try:
        with write_transaction(db):
            reply_id = insert_reply(
                db,
                case_id=case_id,
                answers_message_id=message_id,
                type_code=kind.code,
                nachrichten_uuid=built.nachrichten_uuid,
                data=built.data,
                outbox_path=str(path),
                sent_at=sent_at,
                sent_by=actor,
            )
            append_audit(
                db,
                "reply_sent",
                case_id=case_id,
                message_id=message_id,
                detail=f"reply={reply_id} type={kind.code} uuid={built.nachrichten_uuid}",
                at=sent_at,
            )
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    return ReplyReceipt(
        reply_id,
        case_id,
        message_id,
        kind.code,
        built.name,
        built.nachrichten_uuid,
        hashlib.sha256(built.data).hexdigest(),
        path,
        sent_at,
    )


def _answered_message_id(db: Database, case: dict, kind: ReplyType, chosen: int | None) -> int:
    case_id = case["id"]
    if chosen is not None:
        if message_case_id(db, chosen) != case_id:
            raise ReplyRefused(
                f"Nachricht {chosen} gehört nicht zu Fall {case_id}.",
                f"Message {chosen} does not belong to case {case_id}.",
            )
        return chosen
    if kind.answers:
        found = latest_case_message(db, case_id, kind.answers)
        if found is None:
            titles = " oder ".join(f"„{by_code(code).title_de}“" for code in kind.answers)
            titles_en = " or ".join(f'"{by_code(code).title_en}"' for code in kind.answers)
            raise ReplyRefused(
                f"„{kind.title_de}“ beantwortet eine Nachricht {titles}; im Fall {case_id} "
                "liegt keine solche Nachricht vor.",
                f'"{kind.title_en}" answers a message {titles_en}; case {case_id} has none.',
            )
        return found
    found = case.get("application_message_id") or next(
        iter(cases.case_message_ids(db, case_id)), None
    )
    if found is None:
        raise ReplyRefused(
            f"Fall {case_id} enthält keine Nachricht, auf die geantwortet werden kann.",
            f"Case {case_id} holds no message that could be answered.",
        )
    return found


def _with_letters(kind: ReplyType, content: dict, record: dict, office: Office, now) -> dict:
    """Texts given for document fields become PDF letters; everything else is passed on."""
    content = dict(content)
    for key in document_keys(kind.code):
        value = content.get(key)
        if isinstance(value, str) and value.strip():
            content[key] = render_letter(
                value,
                title=kind.field(key).label_de,
                office=office,
                antragsidentifikation=record.get("antragsidentifikation") or "",
                when=(now or datetime.now()).astimezone(),
            )
    return content


def _font() -> str:
    """A font with the Latin letters of DIN 91379 if the system has one; else Helvetica."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "LetterSans" in pdfmetrics.getRegisteredFontNames():
        return "LetterSans"
    for candidate in FONT_CANDIDATES:
        if Path(candidate).is_file():
            with contextlib.suppress(Exception):
                pdfmetrics.registerFont(TTFont("LetterSans", candidate))
                return "LetterSans"
    return "Helvetica"


def render_letter(
    text: str, *, title: str, office: Office, antragsidentifikation: str, when: datetime
) -> bytes:
    """A one-column A4 letter: office, date, subject, the text in paragraphs."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    font = _font()
    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=15, spaceAfter=4 * mm)
    small = ParagraphStyle("small", parent=body, fontSize=9, leading=12, spaceAfter=0)
    subject = ParagraphStyle("subject", parent=body, fontSize=13, leading=17)
    address = f"{office.street}, {office.postcode} {office.city}".strip(" ,")
    story = [
        Paragraph(escape(office.name), small),
        Paragraph(escape(address), small),
        Spacer(1, 15 * mm),
        Paragraph(when.strftime("%d.%m.%Y"), body),
        Paragraph(escape(title), subject),
        Paragraph(escape(f"Antrag {antragsidentifikation}"), body),
    ]
    for paragraph in text.replace("\r\n", "\n").split("\n\n"):
        if paragraph.strip():
            story.append(Paragraph(escape(paragraph.strip()).replace("\n", "<br/>"), body))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=title,
        author=office.name,
    )
    document.build(story)
    return buffer.getvalue()


def write_to_outbox(folder: Path, name: str, data: bytes) -> Path:
    """Write `.name.<random>.part`, fsync, rename to `name`, fsync the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    return write_file_atomic(folder / name, data)
