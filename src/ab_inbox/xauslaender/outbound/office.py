"""The sending office, as the outbound messages need it: DVDV identity, contact, postal address.

Replies are written by the office, so its identity comes from the office settings, never from
the message answered. The settings hold the street and house number in one field (that is how
people type an address); the schema wants them apart, so `split_street` does that once here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "Rathausplatz 1", "Am Markt 12a", "Karl-Marx-Allee 3 b": street, number (digits), addition.
_STREET_NUMBER = re.compile(
    r"^(?P<street>.*?\S)\s*,?\s+(?P<number>\d{1,4})\s*(?P<addition>[^\W\d_]{1,4})?$"
)
_ADDRESS_LINE = re.compile(r"^(?P<street>.+?)\s*,\s*(?P<postcode>\d{5})\s+(?P<city>.+)$")


@dataclass(frozen=True)
class Address:
    """A German building address (xipa:PostalischeInlandsanschrift.Gebaeudeanschrift)."""

    street: str
    postcode: str
    city: str
    number: str = ""
    addition: str = ""

    @property
    def complete(self) -> bool:
        return bool(self.street and self.city and re.fullmatch(r"\d{5}", self.postcode))


def split_street(text: str) -> tuple[str, str, str]:
    """("Rathausplatz", "1", "a") from "Rathausplatz 1a"; no number found: (text, "", "")."""
    text = " ".join((text or "").split())
    match = _STREET_NUMBER.match(text)
    if not match:
        return text, "", ""
    return match["street"], match["number"], match["addition"] or ""


def address_from(street_line: str, postcode: str, city: str) -> Address:
    street, number, addition = split_street(street_line)
    return Address(
        street, "".join((postcode or "").split()), " ".join(city.split()), number, addition
    )


def parse_address_line(text: str) -> Address | None:
    """ "Rathausplatz 1, 12345 Musterstadt" as an Address; None if it does not read like one."""
    match = _ADDRESS_LINE.match(" ".join((text or "").split()))
    if not match:
        return None
    return address_from(match["street"], match["postcode"], match["city"])


@dataclass(frozen=True)
class Office:
    """The immigration office that sends the replies (filled from the office settings)."""

    dvdv_ids: tuple[str, ...]
    name: str
    street: str  # street and house number, as in the settings
    postcode: str
    city: str
    email: str = ""
    phone: str = ""

    @classmethod
    def from_settings(cls, settings) -> Office:
        """From any object with the office_* settings (missing contact settings stay empty)."""
        return cls(
            dvdv_ids=tuple(getattr(settings, "office_dvdv_ids", ()) or ()),
            name=getattr(settings, "office_name", "") or "",
            street=getattr(settings, "office_street", "") or "",
            postcode=getattr(settings, "office_postcode", "") or "",
            city=getattr(settings, "office_city", "") or "",
            email=getattr(settings, "office_email", "") or "",
            phone=getattr(settings, "office_phone", "") or "",
        )

    @property
    def address(self) -> Address:
        return address_from(self.street, self.postcode, self.city)

    def kennung_for(self, addressed_to: str | None) -> str | None:
        """The DVDV id to sign with: the one the answered message was sent to, if it is ours,
        else the first configured one (an office may receive under several ids)."""
        ids = [i.strip() for i in self.dvdv_ids if i and i.strip()]
        if addressed_to and addressed_to.strip() in ids:
            return addressed_to.strip()
        return ids[0] if ids else None
