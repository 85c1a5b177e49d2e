"""Building a reply: checks first, then the shared header, the type's part, and validation.

Every outbound message answers one stored inbound message: it goes back to that message's
author (`leser`), names it in `ausloeserUUID` and carries its `antragsidentifikation`. The office
signs as `autor` with its DVDV id and contact. What is returned has passed the same XSD and
code-list checks as incoming messages; anything else raises a ReplyRefused with the reason.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from ab_inbox import __version__
from ab_inbox.xauslaender.code_check import check_codes
from ab_inbox.xauslaender.findings import Finding
from ab_inbox.xauslaender.message_types import by_code
from ab_inbox.xauslaender.outbound.errors import ReplyInvalid, ReplyRefused
from ab_inbox.xauslaender.outbound.fields import clean_content
from ab_inbox.xauslaender.outbound.office import Office
from ab_inbox.xauslaender.outbound.parts import Draft, stamp_code_lists
from ab_inbox.xauslaender.outbound.registry import ReplyType, reply_type
from ab_inbox.xauslaender.safe_xml import parse_untrusted
from ab_inbox.xauslaender.schema_pack import SchemaPack
from ab_inbox.xauslaender.xsd_findings import validate_with_xsd

PRODUCT = "AB-Inbox"
DVDV = "DVDV"
EMAIL, PHONE = "01", "02"  # Erreichbarkeit channels
TEST_DETAIL = ("Testnachricht", "ja")  # how the record marks a message sent with test="true"


@dataclass(frozen=True)
class BuiltReply:
    data: bytes
    type_code: str
    name: str  # root element, e.g. "OZG.Statusmeldung.130104"
    nachrichten_uuid: str
    created: datetime


def build_reply(
    type_code: str,
    *,
    answered: dict,
    office: Office,
    content: dict,
    pack: SchemaPack,
    now: datetime | None = None,
) -> bytes:
    """The bytes of a validated reply to the stored record `answered` (see build_reply_message)."""
    return build_reply_message(
        type_code, answered=answered, office=office, content=content, pack=pack, now=now
    ).data


def build_reply_message(
    type_code: str,
    *,
    answered: dict,
    office: Office,
    content: dict,
    pack: SchemaPack,
    now: datetime | None = None,
) -> BuiltReply:
    """Build and validate one reply; every call makes a new message with a new UUID."""
    kind = reply_type(type_code)
    now = (now or datetime.now()).astimezone()
    check_back_channel(answered)
    _check_answered(answered)
    kennung = _check_office(office, answered)
    values = clean_content(kind.fields, content, pack, today=now.date(), title_de=kind.title_de)
    if kind.check is not None:
        kind.check(values)
    draft = _root(kind, pack, answered)
    nachrichten_uuid = str(uuid.uuid4())
    _header(draft, kind, answered, office, kennung, nachrichten_uuid, now)
    kind.build(draft, values, office)
    stamp_code_lists(draft.root, pack)
    data = etree.tostring(draft.root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    findings = validate_reply(data, pack)
    if findings:
        raise ReplyInvalid(kind.name, findings)
    return BuiltReply(data, kind.code, kind.name, nachrichten_uuid, now)


def validate_reply(data: bytes, pack: SchemaPack) -> list[Finding]:
    """Errors of a built message against the pack's XSD and code lists ([] when valid)."""
    tree = parse_untrusted(data)
    with pack.borrowed_schema("OZG") as schema:
        findings = validate_with_xsd(schema, tree)
    findings += check_codes(tree, pack)
    return [f for f in findings if f.is_error]


def check_back_channel(record: dict) -> None:
    """Refuse unless the message said rueckkanalVorhanden=true (false forbids any reply)."""
    if record.get("rueckkanal_vorhanden") is not True:
        said = {False: "false"}.get(record.get("rueckkanal_vorhanden"), "keine Angabe")
        said_en = {False: "false"}.get(record.get("rueckkanal_vorhanden"), "not given")
        raise ReplyRefused(
            f"Für den Antrag {record.get('antragsidentifikation') or '?'} ist kein Rückkanal "
            f"vorhanden (rueckkanalVorhanden: {said}). Antworten über das Onlineportal sind "
            "nicht zulässig; bitte auf anderem Weg antworten (z. B. per Brief).",
            f"The application {record.get('antragsidentifikation') or '?'} has no back channel "
            f"(rueckkanalVorhanden: {said_en}). Replies through the online portal are not "
            "allowed; please answer another way (e.g. by letter).",
        )


def _check_answered(answered: dict) -> None:
    message_type = by_code(answered.get("type_code") or "")
    author = answered.get("author") or {}
    missing = [
        label
        for label, value in (
            ("nachrichtenUUID", answered.get("nachrichten_uuid")),
            ("antragsidentifikation", answered.get("antragsidentifikation")),
            ("autor/kennung", author.get("kennung")),
            ("autor/name", author.get("name")),
        )
        if not (value or "").strip()
    ]
    if message_type is None or not message_type.is_inbound or missing:
        what = ", ".join(missing) or "Nachrichtentyp"
        raise ReplyRefused(
            f"Auf diese Nachricht kann nicht geantwortet werden; es fehlt: {what}.",
            f"This message cannot be answered; missing: {what}.",
        )


def _check_office(office: Office, answered: dict) -> str:
    kennung = office.kennung_for((answered.get("reader") or {}).get("kennung"))
    gaps = [
        (de, en)
        for de, en, ok in (
            ("DVDV-Kennung der Behörde", "office DVDV id", kennung),
            ("Name der Behörde", "office name", office.name.strip()),
            (
                "E-Mail-Adresse oder Telefonnummer der Behörde",
                "office e-mail address or phone number",
                office.email.strip() or office.phone.strip(),
            ),
            (
                "Anschrift der Behörde (Straße, fünfstellige PLZ, Ort)",
                "office address (street, five-digit postcode, city)",
                office.address.complete,
            ),
        )
        if not ok
    ]
    if gaps:
        raise ReplyRefused(
            "Für Antworten fehlen in den Einstellungen: " + ", ".join(d for d, _ in gaps) + ".",
            "Replies need these settings: " + ", ".join(e for _, e in gaps) + ".",
        )
    return kennung


def _root(kind: ReplyType, pack: SchemaPack, answered: dict) -> Draft:
    ns = pack.namespace
    attrib = {
        "produkt": PRODUCT,
        "produkthersteller": PRODUCT,
        "produktversion": __version__,
        "standard": "XAusländer",
        "version": pack.version,
    }
    if (answered.get("details") or {}).get(TEST_DETAIL[0]) == TEST_DETAIL[1]:
        attrib["test"] = "true"  # a reply to a test message is a test message
    return Draft(etree.Element(f"{{{ns}}}{kind.name}", attrib, nsmap={"xauslaender": ns}), ns)


def _header(draft, kind, answered, office, kennung, nachrichten_uuid, now) -> None:
    """nachrichtenkopf.g2g, anschrift.autor and the OZG answer base (Basisnachricht.Antwort)."""
    root = draft.root
    head = draft.add(root, "nachrichtenkopf.g2g", q=False)
    ident = draft.add(head, "identifikation.nachricht", q=False)
    draft.add(ident, "nachrichtenUUID", nachrichten_uuid, q=False)
    draft.code(ident, "nachrichtentyp", kind.code, q=False)
    draft.add(ident, "erstellungszeitpunkt", now.isoformat(timespec="seconds"), q=False)
    author = answered["author"]
    reader = draft.add(head, "leser", q=False)
    draft.code(reader, "verzeichnisdienst", DVDV, q=False)
    draft.add(reader, "kennung", author["kennung"].strip(), q=False)
    draft.add(reader, "name", author["name"].strip(), q=False)
    writer = draft.add(head, "autor", q=False)
    draft.code(writer, "verzeichnisdienst", DVDV, q=False)
    draft.add(writer, "kennung", kennung, q=False)
    draft.add(writer, "name", office.name.strip(), q=False)
    for channel, value in ((EMAIL, office.email), (PHONE, office.phone)):
        if value.strip():
            contact = draft.add(writer, "erreichbarkeit", q=False)
            draft.code(contact, "kanal", channel, q=False)
            draft.add(contact, "kennung", value.strip(), q=False)
    draft.postal(root, "anschrift.autor", office.address)
    draft.add(root, "antragsidentifikation", answered["antragsidentifikation"].strip())
    draft.add(root, "ausloeserUUID", answered["nachrichten_uuid"].strip())
