"""Assembling one demo message: root and header, the type's builder, then the documents.

The part every inbound type shares (the nachrichtenkopf.g2g, the two postal addresses, the
antragsidentifikation and the back-channel flag) is written here once; the registered builder
fills in the rest. Documents are rendered last, after the tree is complete, because only then
is the size of the surrounding XML known, and `attachment_bytes` asks for a whole file of a given
size (the benchmarks need that).
"""

from __future__ import annotations

import base64
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from lxml import etree

from ab_inbox.demo import documents as docs
from ab_inbox.demo.builders import MESSAGE_TYPES, MessageType
from ab_inbox.demo.context import SERVICES, Application, Context, new_uuid, token
from ab_inbox.demo.names import OFFICE_CITY, SKILLED, Address, make_person, weighted
from ab_inbox.demo.xml_parts import EMAIL, NS, VERSION, boolean, code, contact, postal, sub

PRODUCER = "Muster-IT Onlinedienste GmbH (fiktiv)"
SERVICE_ADDRESS = Address("Am Datenpark", "7", "99998", "Beispielstadt")
OFFICE_ADDRESS = Address("Rathausplatz", "1", "12345", OFFICE_CITY)


@dataclass
class BuiltMessage:
    data: bytes
    root: str
    nachrichten_uuid: str
    application: Application | None  # set for application types, for later follow-ups
    # Documents only referenced by dokumentuuid, to be sent in a packaged delivery.
    referenced: list[tuple[str, docs.DocSpec]] = field(default_factory=list)


def message_root(name: str, product: str):
    """The root element of a demo message, with the attributes every XAusländer message has."""
    return etree.Element(
        f"{{{NS}}}{name}",
        {
            "produkt": product,
            "produkthersteller": PRODUCER,
            "produktversion": "4.2.1",
            "standard": "XAusländer",
            "test": "true",
            "version": VERSION,
        },
        nsmap={"xauslaender": NS},
    )


def header(ctx: Context, root, message_type: MessageType):
    """nachrichtenkopf.g2g, the addresses and the OZG base elements shared by all types."""
    head = sub(root, "nachrichtenkopf.g2g", q=False)
    ident = sub(head, "identifikation.nachricht", q=False)
    sub(ident, "nachrichtenUUID", ctx.nachrichten_uuid, q=False)
    code(ident, "nachrichtentyp", "nachrichtentyp", message_type.code, q=False)
    sub(ident, "erstellungszeitpunkt", ctx.created.isoformat(timespec="seconds"), q=False)
    reader = sub(head, "leser", q=False)
    code(reader, "verzeichnisdienst", "verzeichnisdienst", "DVDV", q=False)
    sub(reader, "kennung", ctx.reader_kennung, q=False)
    sub(reader, "name", ctx.reader_name, q=False)
    author = sub(head, "autor", q=False)
    code(author, "verzeichnisdienst", "verzeichnisdienst", "DVDV", q=False)
    sub(author, "kennung", ctx.service.kennung, q=False)
    sub(author, "name", ctx.service.name, q=False)
    contact(author, "erreichbarkeit", EMAIL, ctx.service.mailbox, q=False)
    postal(root, "anschrift.leser", OFFICE_ADDRESS, q=False)
    postal(root, "anschrift.autor", SERVICE_ADDRESS, q=False)
    sub(root, "antragsidentifikation", ctx.antragsidentifikation)
    sub(root, "rueckkanalVorhanden", boolean(ctx.rueckkanal))
    if message_type.answers:
        sub(root, "ausloeserUUID", ctx.original.nachrichten_uuid)


def stand_in_application(rng: random.Random, created: datetime, type_code: str) -> Application:
    """An application outside the batch, for follow-ups built on their own."""
    service = SERVICES["fachkraefte" if type_code == "130401" else "aufenthalt"]
    when = created - timedelta(days=rng.randint(5, 60))
    person = make_person(rng, weighted(rng, SKILLED), when.date())
    ident = f"{service.prefix}-{when.year}-{token(rng, 8)}"
    return Application(type_code, new_uuid(rng), ident, service, person, when, True, None)


def compose(
    type_code: str,
    rng: random.Random,
    *,
    created: datetime,
    reader_kennung: str,
    reader_name: str,
    original: Application | None = None,
    attachment_bytes: int | None = None,
    referenced: bool | None = None,
    rueckkanal: bool | None = None,
) -> BuiltMessage:
    """Build one message; documents are rendered last so the total size can be steered."""
    message_type = MESSAGE_TYPES[type_code]
    low, high = message_type.documents
    if attachment_bytes is not None:
        if not low <= 2 <= high:
            raise ValueError(f"{message_type.root} cannot carry two attachments")
        budget, referenced = 2, False
    else:
        budget = min(max(rng.choices((1, 2, 3), weights=(35, 40, 25))[0], low), high)
        if referenced is None:
            referenced = message_type.may_reference and rng.random() < 1 / 15
    if message_type.is_follow_up and original is None:
        original = stand_in_application(rng, created, message_type.refers_to[-1])
    if message_type.is_follow_up:
        service, ident = original.service, original.antragsidentifikation
    else:
        service = SERVICES[message_type.service]
        ident = f"{service.prefix}-{created.year}-{token(rng, 8)}"
    if rueckkanal is None:
        rueckkanal = original.rueckkanal if original else rng.random() < 0.9
    ctx = Context(
        rng=rng,
        type_code=type_code,
        created=created,
        reader_kennung=reader_kennung,
        reader_name=reader_name,
        service=service,
        antragsidentifikation=ident,
        nachrichten_uuid=new_uuid(rng),
        rueckkanal=rueckkanal,
        original=original,
        doc_budget=budget,
        referenced=bool(referenced),
        employer=original.employer if original else None,
    )
    root = message_root(message_type.root, service.product)
    header(ctx, root, message_type)
    message_type.build(ctx, root)
    _fill_documents(ctx, root, attachment_bytes)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    application = None
    if not message_type.is_follow_up:
        application = Application(
            type_code,
            ctx.nachrichten_uuid,
            ident,
            service,
            ctx.applicant,
            created,
            rueckkanal,
            ctx.employer,
        )
    return BuiltMessage(
        data, message_type.root, ctx.nachrichten_uuid, application, ctx.referenced_docs
    )


def _fill_documents(ctx: Context, root, attachment_bytes: int | None):
    if not ctx.pending:
        return
    sizes: list[int | None] = [None] * len(ctx.pending)
    if attachment_bytes is not None:
        skeleton = len(
            etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        )
        raw = max(0, attachment_bytes - skeleton) * 3 // 4
        shares = [ctx.rng.uniform(0.35, 0.65) for _ in ctx.pending]
        sizes = [max(1, int(raw * s / sum(shares))) for s in shares]
    for (element, spec), size in zip(ctx.pending, sizes, strict=True):
        element.text = base64.b64encode(docs.render(spec, ctx.rng, size)).decode("ascii")
