"""OZG.Verpflichtungserklaerung (130201), the formal obligation to cover a guest's costs.

The applicant is the host (`gastgeber`): the host makes the declaration at this office and it is
the host's means that are examined. The guest lives abroad and is recorded as a reference person
with role "guest" (further guests likewise). A private host may name a person entitled to collect
the declaration; an institutional host has no person of its own, so its first authorised agent
is the representative.
"""

from __future__ import annotations

from ab_inbox.xauslaender.reader import Reader, extractor, partial_date
from ab_inbox.xauslaender.record import Person

# element of the visa choice -> (purpose shown, element holding its purpose code)
_VISA_KINDS = {
    "cVisum": ("C-Visum", "cVisum"),
    "visumfrei": ("Visumfreier Aufenthalt", "cVisum"),
    "dVisum": ("D-Visum", "dVisum"),
    "aufenthaltstitel": ("Aufenthaltstitel", "dVisum"),
}


@extractor("130201")
def _verpflichtungserklaerung(r: Reader) -> None:
    _host(r)
    _guests(r)


def _host(r: Reader) -> None:
    record = r.record
    host = r.find(r.root, "gastgeber")
    private = r.find(host, "privat")
    institution = r.find(host, "institutionell")
    if private is not None:
        r.detail("Art des Gastgebers", "privat")
        record.applicant = r.person(private, "host")
        r.detail("Beruf des Gastgebers", r.text(private, "beruf"))
        collector = r.find(private, "abholberechtigtePerson")
        if collector is not None:
            record.reference_persons.append(
                Person(
                    role="collector",
                    family_name=r.name(collector, "familienname"),
                    given_names=r.name(collector, "vorname"),
                    birth_date=partial_date(r.find(collector, "tagDerGeburt")),
                    birth_place=r.text(collector, "geburtsort", "ort"),
                )
            )
    elif institution is not None:
        r.detail("Art des Gastgebers", "institutionell")
        record.applicant = Person(
            role="host", family_name=r.text(institution, "nameOrganisation"), organisation=True
        )
        agents = [
            r.person(a, "representative")
            for a in r.findall(institution, "vertretungsberechtigtePerson")
        ]
        if agents:
            record.representative = agents[0]
            record.reference_persons.extend(agents[1:])


def _guests(r: Reader) -> None:
    record = r.record
    guest = r.find(r.root, "gast")
    if guest is None:
        return
    record.reference_persons.append(r.person(guest, "guest", relation_tag="beziehungZumGastgeber"))
    for other in r.findall(guest, "weitereGaeste"):
        record.reference_persons.append(r.person(other, "guest", relation_tag="beziehungZumGast"))
    r.detail("Voraussichtliches Einreisedatum", r.text(guest, "voraussichtlichesEinreisedatum"))
    visa = r.find(guest, "aufenthaltVisum")
    for tag, (title, code_tag) in _VISA_KINDS.items():
        kind = r.find(visa, tag)
        if kind is not None:
            r.detail("Aufenthaltszweck", title)
            r.reason(kind, code_tag)
            r.reason(kind, "ausbildungszweck")
            days = r.text(kind, "aufenthaltsdauer")
            unit = "Tage" if code_tag == "cVisum" else "Monate"
            r.detail("Aufenthaltsdauer", f"{days} {unit}" if days else None)
            r.detail("Zweck", r.text(kind, "zweck"))
            break
    else:
        other_purpose = r.text(visa, "sonstiges")
        if other_purpose:
            r.detail("Aufenthaltszweck", f"Sonstiges: {other_purpose}")
