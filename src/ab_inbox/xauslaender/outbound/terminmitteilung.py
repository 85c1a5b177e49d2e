"""OZG.Terminmitteilung.130105: an appointment for the applicant to appear in person.

Date, time and place are sent in structured form; the place is the office's own address unless
another is given, with room or floor as `weitereAngabenZumOrt`. A time window (`uhrzeitBis`)
must end after it starts.
"""

from __future__ import annotations

from ab_inbox.xauslaender.outbound.fields import (
    ADDRESS,
    DATE,
    DOCUMENT,
    LINE,
    TEXT,
    TIME,
    URL,
    Field,
)
from ab_inbox.xauslaender.outbound.registry import ReplyType, content_error, register

TEMPLATE = (
    "Bitte bringen Sie zum Termin Ihren Pass, ein aktuelles biometrisches Lichtbild und die "
    "Originale der im Antrag {antragsidentifikation} hochgeladenen Unterlagen mit. Wenn Sie den "
    "Termin nicht wahrnehmen können, sagen Sie ihn bitte rechtzeitig ab."
)

FIELDS = (
    Field("datum", "Datum", "Date", DATE, required=True, not_in_past=True),
    Field("uhrzeitAb", "Uhrzeit (ab)", "Time (from)", TIME, required=True),
    Field("uhrzeitBis", "Uhrzeit (bis)", "Time (until)", TIME),
    Field("ort", "Ort (Straße Hausnummer, PLZ Ort)", "Place (street, postcode city)", ADDRESS),
    Field("weitereAngabenZumOrt", "Raum, Etage", "Room, floor", LINE),
    Field("terminmitteilung", "Schreiben zum Termin", "Appointment letter", DOCUMENT),
    Field("onlinevergabe", "Link zur Online-Terminvergabe", "Online booking link", URL),
    Field("gebuehrenmitteilung", "Gebührenmitteilung", "Fee notice", DOCUMENT),
    Field("weitereHinweise", "Weitere Hinweise", "Further notes", TEXT, template_de=TEMPLATE),
)


def check(values: dict) -> None:
    until = values.get("uhrzeitBis")
    if until is not None and until <= values["uhrzeitAb"]:
        raise content_error(
            "uhrzeitBis",
            "„Uhrzeit (bis)“ muss nach „Uhrzeit (ab)“ liegen.",
            '"Time (until)" must be after "Time (from)".',
        )


def build(draft, values, office) -> None:
    slot = draft.add(draft.root, "strukturierteTermininformationen")
    draft.add(slot, "datum", values["datum"].isoformat())
    draft.add(slot, "uhrzeitAb", values["uhrzeitAb"].isoformat("seconds"))
    if "uhrzeitBis" in values:
        draft.add(slot, "uhrzeitBis", values["uhrzeitBis"].isoformat("seconds"))
    draft.building(slot, "ort", values.get("ort") or office.address)
    draft.optional_text(slot, values, "weitereAngabenZumOrt")
    draft.optional_document(values, "terminmitteilung")
    draft.optional_text(draft.root, values, "onlinevergabe")
    draft.optional_document(values, "gebuehrenmitteilung")
    draft.optional_text(draft.root, values, "weitereHinweise")


register(ReplyType("130105", FIELDS, build, check=check))
