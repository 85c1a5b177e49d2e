"""What a message builder works with: the message being built and the application behind it.

A `Context` carries the single random source of one message, so every builder draws from it in
a fixed order and a seed always gives the same bytes. It also collects the document slots the
builders describe, because their content is rendered only once the size of the surrounding XML
is known. An `Application` is what survives a message for the follow-ups that answer it later
in the batch; a `Service` is the OZG online service that writes it. The date and token helpers
live here because they all draw from the context's random source or its creation date.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from lxml import etree

from ab_inbox.demo.documents import DocSpec
from ab_inbox.demo.names import Person


@dataclass(frozen=True)
class Service:
    """The OZG online service that writes a message (its autor)."""

    kennung: str
    name: str
    product: str
    prefix: str  # of the antragsidentifikation it assigns
    mailbox: str


SERVICES = {
    "aufenthalt": Service(
        "ozg:00000002",
        "Onlinedienst Aufenthaltstitel (Eingabeverfahren)",
        "OZG-Onlinedienst Aufenthaltstitel",
        "AT",
        "postfach@aufenthalt.onlinedienst.example",
    ),
    "fachkraefte": Service(
        "ozg:00000003",
        "Onlinedienst Beschleunigtes Fachkräfteverfahren",
        "OZG-Onlinedienst Fachkräfteeinwanderung",
        "BFV",
        "postfach@fachkraefte.onlinedienst.example",
    ),
    "ve": Service(
        "ozg:00000004",
        "Onlinedienst Verpflichtungserklärung",
        "OZG-Onlinedienst Verpflichtungserklärung",
        "VE",
        "postfach@ve.onlinedienst.example",
    ),
    "freizuegigkeit": Service(
        "ozg:00000005",
        "Onlinedienst Freizügigkeit EU/EWR",
        "OZG-Onlinedienst Freizügigkeit",
        "FZ",
        "postfach@freizuegigkeit.onlinedienst.example",
    ),
}


@dataclass
class Application:
    """What a follow-up needs to know about the application it refers to."""

    type_code: str
    nachrichten_uuid: str
    antragsidentifikation: str
    service: Service
    applicant: Person
    created: datetime
    rueckkanal: bool
    employer: str | None = None


@dataclass
class Context:
    """State of one message while it is being built."""

    rng: random.Random
    type_code: str
    created: datetime
    reader_kennung: str
    reader_name: str
    service: Service
    antragsidentifikation: str
    nachrichten_uuid: str
    rueckkanal: bool
    original: Application | None
    doc_budget: int
    referenced: bool  # documents travel separately (dokumentuuid) in a packaged delivery
    pending: list[tuple[etree._Element, DocSpec]] = field(default_factory=list)
    referenced_docs: list[tuple[str, DocSpec]] = field(default_factory=list)  # (dokumentuuid, ...)
    applicant: Person | None = None
    employer: str | None = None

    @property
    def referenced_count(self) -> int:
        return len(self.referenced_docs)

    @property
    def today(self) -> date:
        return self.created.date()

    def uuid(self) -> str:
        return new_uuid(self.rng)

    def plan_documents(self, optional: list[tuple[str, float]], fill: str, **required) -> Counter:
        """Spread the document budget: required slots, then optional ones, the rest to `fill`."""
        slots: Counter = Counter(required)
        left = self.doc_budget - sum(required.values())
        for slot, chance in optional:
            if left > 0 and self.rng.random() < chance:
                slots[slot] += 1
                left -= 1
        if left > 0 and fill:
            slots[fill] += left
        return slots


def new_uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def days_before(ctx: Context, low: int, high: int) -> date:
    return ctx.today - timedelta(days=ctx.rng.randint(low, high))


def days_after(ctx: Context, low: int, high: int) -> date:
    return ctx.today + timedelta(days=ctx.rng.randint(low, high))


def de(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def token(rng: random.Random, length: int, alphabet: str = "0123456789CFGHJKLMNPRTVWXYZ") -> str:
    return "".join(rng.choice(alphabet) for _ in range(length))
