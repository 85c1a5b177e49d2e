"""The normalised message record: what a caseworker needs from any inbound OZG message.

Names keep every DIN 91379 character exactly as sent; dates the applicant only partly knows stay
partial ("1990", "1990-05", "1990-05-20"). The raw message bytes are kept elsewhere, untouched.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field


def _plain_fields(obj) -> dict:
    if isinstance(obj, DocumentRef | PacketRef):
        return {k: v for k, v in vars(obj).items() if k not in _BYTES_FIELDS}
    return vars(obj)


@dataclass
class CodeValue:
    code: str
    list_uri: str | None = None
    list_version: str | None = None
    label: str | None = None  # German label from the code list, when known


@dataclass
class Party:
    """Author or reader of a message (DVDV identity)."""

    kennung: str | None = None
    name: str | None = None


# What a person of each role is called, in the case view's and the summary's headings (with
# the two roles only headings tell apart, see heading_role).
PERSON_ROLE_TITLES_DE = {
    "applicant": "Person",
    "representative": "Vertreter/in",
    "employer_representative": "Vertretung des Arbeitgebers",
    "signatory": "Vertretungsberechtigte Person",
    "reference_person": "Referenzperson",
    "family_member": "Familienangehörige Person",
    "guest": "Gast",
    "host": "Gastgeber/in",
    "worker": "Fachkraft",
    "employer": "Arbeitgeber",
    "collector": "Abholberechtigte Person",
}


def heading_role(type_code: str | None, role: str | None) -> str | None:
    """The role a person's heading names. The record's roles stay as exported; only the
    heading tells the representative of a 130401 (who acts for the employer) and of a 130201
    (who signs for the hosting institution) from an applicant's."""
    if role == "representative":
        return {"130401": "employer_representative", "130201": "signatory"}.get(type_code, role)
    return role


def role_numbers(roles: list[str | None]) -> list[int | None]:
    """Each person's number among the persons of its role ("Gast 1", "Gast 2"); None where
    its role comes once."""
    per_role = Counter(roles)
    seen: Counter = Counter()
    numbers: list[int | None] = []
    for role in roles:
        seen[role] += 1
        numbers.append(seen[role] if per_role[role] > 1 else None)
    return numbers


@dataclass
class Person:
    # applicant | representative | reference_person | family_member | guest | host | worker
    # | employer | collector (the exported values; PERSON_ROLE_TITLES_DE names them)
    role: str
    family_name: str | None = None
    given_names: str | None = None
    birth_name: str | None = None
    birth_date: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    birth_place: str | None = None
    sex: CodeValue | None = None
    nationalities: list[CodeValue] = field(default_factory=list)
    relation: CodeValue | None = None  # e.g. family relation of a reference person
    firm: str | None = None  # the firm the person acts for, e.g. a lawyer's chambers
    # A firm, employer or institution itself: its name is in family_name, and it has no
    # birth, sex or nationality to show.
    organisation: bool = False

    @property
    def display_name(self) -> str:
        parts = [p for p in (self.family_name, self.given_names) if p]
        return ", ".join(parts)


@dataclass
class DocumentRef:
    """One OZG.DokumentOderReferenz: embedded content or a UUID whose file comes later."""

    index: int  # position among the message's documents, 1-based
    path: str  # element path of the document in the message
    dokumententyp: CodeValue | None = None
    dateiname: str | None = None  # untrusted label from the sender
    bezeichnung: str | None = None  # untrusted label from the sender
    content: bytes | None = field(default=None, repr=False)  # decoded base64, None if referenced
    encoded: str | None = field(default=None, repr=False)  # the base64 text exactly as sent
    dokumentuuid: str | None = None
    decode_error: str | None = None  # set when the base64 could not be decoded


@dataclass
class DeliveryAnnouncement:
    """AngabenDokumentenlieferung: the referenced documents follow as one ZIP file, split into
    `anzahl_der_pakete` packet messages; `archivgroesse` is the ZIP's size before base64."""

    anzahl_der_pakete: int | None = None
    archivgroesse: int | None = None


@dataclass
class PacketRef:
    """What an Administration.Dokumentenlieferung.Paket.000040 carries: one part of a
    delivery's ZIP file and the message (nachrichtenUUID) whose documents it delivers."""

    fachnachricht_uuid: str | None = None
    fachnachricht_type_code: str | None = None
    paketnummer: int | None = None
    part: bytes | None = field(default=None, repr=False)  # the decoded dokumentcontainer
    encoded: str | None = field(default=None, repr=False)  # its base64 text exactly as sent
    decode_error: str | None = None


_BYTES_FIELDS = ("content", "encoded", "part")


@dataclass
class MessageRecord:
    family: str  # "OZG"
    type_code: str  # "130101"
    type_name: str  # root element local name, e.g. "OZG.Antrag.130101"
    title_de: str  # e.g. "Antrag"
    version: str  # "26.11"
    nachrichten_uuid: str | None = None
    erstellungszeitpunkt: str | None = None  # as sent (xs:dateTime)
    author: Party = field(default_factory=Party)
    reader: Party = field(default_factory=Party)
    antragsidentifikation: str | None = None
    rueckkanal_vorhanden: bool | None = None
    is_application: bool = True  # False for follow-ups that refer to an earlier application
    reasons: list[CodeValue] = field(default_factory=list)  # Antragsgrund, Aufenthaltszweck, ...
    applicant: Person | None = None
    representative: Person | None = None
    reference_persons: list[Person] = field(default_factory=list)
    documents: list[DocumentRef] = field(default_factory=list)
    details: dict[str, str] = field(default_factory=dict)  # type-specific extras, German keys
    delivery: DeliveryAnnouncement | None = None  # documents announced as a packaged delivery
    packet: PacketRef | None = None  # set for a packet of a packaged delivery

    @property
    def applicant_name(self) -> str:
        return self.applicant.display_name if self.applicant else ""

    def to_json(self) -> str:
        """The record as JSON without document bytes (they are stored as attachments)."""
        return json.dumps(self, default=_plain_fields, ensure_ascii=False)

    def as_dict(self, with_content: bool = False) -> dict:
        data = asdict(self)
        if not with_content:
            for part in [*data["documents"], data["packet"] or {}]:
                for key in _BYTES_FIELDS:
                    part.pop(key, None)
        return data
