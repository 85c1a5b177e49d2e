"""The toolkit every extractor reads a message with: tolerant lookups, codes, persons, dates.

The store keeps schema-invalid messages too, so reading never assumes the schema held: every
lookup may come back empty and then the field stays None. Names and free texts are taken exactly
as sent (no trimming, no Unicode normalisation), codes keep their value and get the German label
from the pack's code lists. Which list a code belongs to comes from the schema (see
`code_check.code_schema`), because senders usually omit `listURI` where the XSD fixes it.

Keeping these building blocks in one place means a new message type needs only its own module in
`extractors/`, registered with `@extractor(code)`, and reads persons and codes like all others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from ab_inbox.xauslaender.code_check import CodeSchema
from ab_inbox.xauslaender.codelists import CodeListIndex
from ab_inbox.xauslaender.message_types import set_extractor
from ab_inbox.xauslaender.record import CodeValue, MessageRecord, Person


@dataclass
class Reader:
    """The message being read plus what is needed to label its codes."""

    root: etree._Element
    xa: str  # "{namespace}" of the message's XAusländer elements
    lists: CodeListIndex
    codes: CodeSchema
    record: MessageRecord

    # --- lookups that tolerate missing elements ---

    def find(self, parent, *names: str):
        """The first element at parent/xa:name1/xa:name2..., or None."""
        node = parent
        for name in names:
            if node is None:
                return None
            node = node.find(self.xa + name)
        return node

    def findall(self, parent, name: str) -> list:
        return [] if parent is None else list(parent.iterchildren(self.xa + name))

    def text(self, parent, *names: str) -> str | None:
        node = self.find(parent, *names)
        return node.text if node is not None else None

    def code(self, element) -> CodeValue | None:
        """A code element's value, list and German label."""
        if element is None:
            return None
        raw = element.findtext("code")
        if raw is None:
            return None
        code = " ".join(raw.split())
        spec = self.codes.spec_for(element)
        list_uri = (spec.list_uri if spec else None) or element.get("listURI")
        version = (spec.list_version if spec else None) or element.get("listVersionID")
        label = self.lists.label(list_uri, code, version)
        if label is None and spec is not None and spec.enumerated:
            label = spec.enum_label(code)
        return CodeValue(code=code, list_uri=list_uri, list_version=version, label=label)

    def code_at(self, parent, *names: str) -> CodeValue | None:
        return self.code(self.find(parent, *names))

    # --- XInneres / XAusländer building blocks ---

    def name(self, parent, tag: str) -> str | None:
        """xian:AllgemeinerName: `name` as sent, None if missing or `nichtVorhanden`."""
        return findtext(self.find(parent, tag), "name")

    def birth(self, person, tag: str = "geburt") -> tuple[str | None, str | None]:
        """(date as "YYYY"/"YYYY-MM"/"YYYY-MM-DD", place) from an xauslaender:Geburt."""
        geburt = self.find(person, tag)
        if geburt is None:
            return None, None
        return partial_date(self.find(geburt, "tagDerGeburt")), self.text(
            geburt, "geburtsort", "ort"
        )

    def nationalities(self, person) -> list[CodeValue]:
        found = (
            self.code_at(s, "staatsangehoerigkeit")
            for s in self.findall(person, "staatsangehoerigkeit")
        )
        return [c for c in found if c is not None]

    def sex(self, person) -> CodeValue | None:
        return self.code_at(person, "geschlecht", "geschlecht")

    def person(self, element, role: str, *, relation_tag: str | None = None) -> Person | None:
        """An OZG.Person, OZG.Referenzperson or similar block; None if absent."""
        if element is None:
            return None
        birth_date, birth_place = self.birth(element)
        if birth_date is None and birth_place is None:
            birth_date, birth_place = self.birth(element, "geburtsangaben")
        return Person(
            role=role,
            family_name=self.name(element, "familienname"),
            given_names=self.name(element, "vorname"),
            birth_name=self.name(element, "geburtsname"),
            birth_date=birth_date,
            birth_place=birth_place,
            sex=self.sex(element),
            nationalities=self.nationalities(element),
            relation=self.code_at(element, relation_tag) if relation_tag else None,
        )

    def representative(self, element) -> Person | None:
        """OZG.AntragstellerVertreter and the employer's agent in 130401."""
        if element is None:
            return None
        person = Person(
            role="representative",
            family_name=self.name(element, "familienname"),
            given_names=self.name(element, "vorname"),
            birth_date=self.text(element, "tagDerGeburt"),
            sex=self.sex(element),
            relation=self.code_at(element, "vertretungsart"),
        )
        firm = self.text(element, "firma")
        if not person.family_name and not person.given_names:
            person.family_name, person.organisation = firm, firm is not None
        else:
            person.firm = firm
        return person

    def detail(self, key: str, value: str | None) -> None:
        if value is not None and value != "":
            self.record.details[key] = value

    def reason(self, parent, *names: str) -> None:
        value = self.code_at(parent, *names)
        if value is not None:
            self.record.reasons.append(value)


def findtext(element, path: str) -> str | None:
    """`element.findtext(path)`, or None when the element itself is missing."""
    return element.findtext(path) if element is not None else None


def partial_date(element) -> str | None:
    """xida:TeilbekanntesDatum(MitUnbekannt) or Tagesdatum -> "YYYY", "YYYY-MM", "YYYY-MM-DD"."""
    if element is None:
        return None
    inner = element.find("teilbekanntesDatum")
    if inner is None:
        inner = element
    for tag in ("jahrMonatTag", "jahrMonat", "jahr", "datum"):
        value = inner.findtext(tag)
        if value is not None:
            return value.strip() or None
    if len(element) == 0 and element.text and element.text.strip():
        return element.text.strip()  # a plain xida:Tagesdatum
    return None


def boolean(value: str | None) -> bool | None:
    """xs:boolean as sent ("true"/"1", "false"/"0"); anything else is unknown (None)."""
    value = (value or "").strip()
    return True if value in ("true", "1") else False if value in ("false", "0") else None


def extractor(code: str) -> Callable[[Callable[[Reader], None]], Callable[[Reader], None]]:
    """Register the decorated function as the extractor of inbound message type `code`."""

    def decorate(fn: Callable[[Reader], None]) -> Callable[[Reader], None]:
        set_extractor(code, fn)
        return fn

    return decorate
