"""The OZG message types, as a registry: one row per root element of the OZG schema.

Everything that depends on the kind of message (its German title, whether it reaches the office
or leaves it, whether it starts a case, how its record is read) hangs off one entry here, so the
rest of the program asks the registry instead of comparing type codes.

Titles are the `appinfo/title` of the root elements in `xauslaender-nachrichten-ozg.xsd` (the
NachrichtenID list only pairs codes with element names); `short_title_de` is a narrower form for
queue columns. The direction follows the base type of each message, not the `autor`/`leser`
annotations, because two of those are swapped in 26.11 (130107 and 130301).

One message of the administration schema is received as well: the packet of a packaged
document delivery (`Administration.Dokumentenlieferung.Paket.000040`), family "Administration".
It is looked up by name and code like the others, but the type lists below name the OZG types
only unless asked for another family, because they describe the OZG exchange (replies, titles).

Extractors (how a record is read from an inbound message) live in the `extractors` package and
attach themselves with `set_extractor`; the registry loads that package the first time it is
asked.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import NamedTuple

INBOUND = "inbound"
OUTBOUND = "outbound"


class MessageType(NamedTuple):
    code: str  # "130101", the nachrichtentyp code
    name: str  # root element local name, "OZG.Antrag.130101"
    title_de: str
    title_en: str
    direction: str  # INBOUND (to the office) | OUTBOUND (from the office)
    is_application: bool  # starts a case (False: follows up an earlier message)
    short_title_de: str = ""
    family: str = "OZG"
    extractor: Callable | None = None  # fills a MessageRecord; inbound types only

    @property
    def is_inbound(self) -> bool:
        return self.direction == INBOUND


def _t(code, element, title_de, title_en, direction, is_application, short_title_de):
    return MessageType(
        code=code,
        name=f"OZG.{element}.{code}",
        title_de=title_de,
        title_en=title_en,
        direction=direction,
        is_application=is_application,
        short_title_de=short_title_de,
    )


_TYPES = [
    _t("130101", "Antrag", "Antrag", "Application", INBOUND, True, "Antrag"),
    _t(
        "130102",
        "RueckkanalFrage",
        "Rückfrage zum Antrag",
        "Question about the application",
        OUTBOUND,
        False,
        "Rückfrage",
    ),
    _t(
        "130103",
        "RueckkanalAntwort",
        "Antwort zur Rückfrage",
        "Answer to a question",
        INBOUND,
        False,
        "Rückkanal-Antwort",
    ),
    _t("130104", "Statusmeldung", "Statusmeldung", "Status report", OUTBOUND, False, "Status"),
    _t(
        "130105",
        "Terminmitteilung",
        "Angaben zur Terminmitteilung",
        "Appointment notice",
        OUTBOUND,
        False,
        "Termin",
    ),
    _t(
        "130107",
        "RuecknahmeReaktion",
        "Reaktion auf die Rücknahme",
        "Reply to the withdrawal",
        OUTBOUND,
        False,
        "Rücknahme-Reaktion",
    ),
    _t(
        "130109",
        "Unzustaendig",
        "Unzuständigkeitsmitteilung",
        "Notice of non-competence",
        OUTBOUND,
        False,
        "Unzuständig",
    ),
    _t(
        "130110",
        "BeabsichtigteAblehnung",
        "Ablehnungsabsicht",
        "Intended refusal",
        OUTBOUND,
        False,
        "Ablehnungsabsicht",
    ),
    _t(
        "130111",
        "Ruecknahme",
        "Erklärung der Rücknahme",
        "Withdrawal",
        INBOUND,
        False,
        "Rücknahme",
    ),
    _t(
        "130201",
        "Verpflichtungserklaerung",
        "Verpflichtungserklärung",
        "Formal obligation (sponsorship declaration)",
        INBOUND,
        True,
        "Verpflichtungserklärung",
    ),
    _t(
        "130301",
        "Freizuegigkeit",
        "Meldung oder Antrag zur Freizügigkeit",
        "Free movement (EU) notification or application",
        INBOUND,
        True,
        "Freizügigkeit",
    ),
    _t(
        "130401",
        "Fachkraefte",
        "Antrag beschleunigtes Fachkräfteverfahren",
        "Fast-track procedure for skilled workers",
        INBOUND,
        True,
        "Beschleunigtes Fachkräfteverfahren",
    ),
    _t("130402", "Beendigung", "Beendigung", "Termination", OUTBOUND, False, "Beendigung"),
    _t(
        "130403",
        "Vereinbarung",
        "Vereinbarung nach FEG",
        "Agreement (fast-track procedure)",
        OUTBOUND,
        False,
        "Vereinbarung",
    ),
    _t(
        "130404",
        "RueckmeldungVereinbarung",
        "Rückmeldung der Vereinbarung FEG",
        "Signed agreement returned (fast-track procedure)",
        INBOUND,
        False,
        "Rückmeldung zur Vereinbarung",
    ),
    _t(
        "130405",
        "BescheidAnerkennungsstelle",
        "Bescheid der Anerkennungsstelle",
        "Decision of the recognition authority",
        OUTBOUND,
        False,
        "Bescheid Anerkennungsstelle",
    ),
    _t(
        "130406",
        "BescheidEmpfangsbestaetigung",
        "Empfangsbestätigung FEG",
        "Acknowledgement of receipt of the decision",
        INBOUND,
        False,
        "Bescheid-Empfangsbestätigung",
    ),
    _t(
        "130407",
        "Vorabzustimmung",
        "Vorabzustimmung",
        "Advance approval",
        OUTBOUND,
        False,
        "Vorabzustimmung",
    ),
]

PACKET = MessageType(
    code="000040",
    name="Administration.Dokumentenlieferung.Paket.000040",
    title_de="Paket einer Aktenlieferung",
    title_en="Packet of a document delivery",
    direction=INBOUND,
    is_application=False,
    short_title_de="Dokumentenpaket",
    family="Administration",
)

_BY_CODE: dict[str, MessageType] = {}
_BY_NAME: dict[str, MessageType] = {}
_LOCK = threading.Lock()
_extractors_loaded = False


def register(message_type: MessageType) -> MessageType:
    """Add or replace a type (a newer standard version may add codes)."""
    with _LOCK:
        old = _BY_CODE.get(message_type.code)
        if old is not None:
            _BY_NAME.pop(old.name, None)
        _BY_CODE[message_type.code] = message_type
        _BY_NAME[message_type.name] = message_type
    return message_type


def set_extractor(code: str, extractor: Callable) -> None:
    """Attach the function that reads a record from messages of this inbound type."""
    message_type = _BY_CODE.get(code)
    if message_type is None or not message_type.is_inbound:
        raise ValueError(f"no inbound message type {code}")
    register(message_type._replace(extractor=extractor))


def _ensure_extractors() -> None:
    global _extractors_loaded
    if not _extractors_loaded:
        import ab_inbox.xauslaender.extractors  # noqa: F401  (attaches the extractors)

        _extractors_loaded = True


def by_name(local_name: str) -> MessageType | None:
    """The type of a root element local name, e.g. "OZG.Antrag.130101", with its extractor
    (the extractors, and lxml with them, load on the first call)."""
    _ensure_extractors()
    return _BY_NAME.get(local_name)


def by_code(code: str) -> MessageType | None:
    """The type of a code, for its titles and properties; `extractor` may not be attached
    yet (reading a message goes through by_name). Cheap: the desktop calls it at start."""
    return _BY_CODE.get(str(code).strip())


def all_types(family: str | None = "OZG") -> list[MessageType]:
    """The types of one family (None: every registered type), by code (as by_code)."""
    found = [t for t in _BY_CODE.values() if family is None or t.family == family]
    return sorted(found, key=lambda t: t.code)


def inbound_types(family: str | None = "OZG") -> list[MessageType]:
    return [t for t in all_types(family) if t.is_inbound]


def outbound_types(family: str | None = "OZG") -> list[MessageType]:
    return [t for t in all_types(family) if not t.is_inbound]


for _type in [*_TYPES, PACKET]:
    register(_type)
del _type
