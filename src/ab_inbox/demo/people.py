"""The people in a demo message: applicants, their relatives and their representatives.

Most message types describe a person the same way (OZG.Person, a Referenzperson, an
AntragstellerVertreter), so the builders share these functions instead of repeating the element
order of the schema. The rates at which optional details appear (a phone number, a trust level, a
power of attorney) are chosen to give the inbox the uneven records it meets in practice.
"""

from __future__ import annotations

from collections import Counter

from ab_inbox.demo import documents as docs
from ab_inbox.demo.context import Context, days_after, days_before, de
from ab_inbox.demo.document_specs import (
    document,
    evidence_spec,
    file_name,
    letter_spec,
    passport_spec,
)
from ab_inbox.demo.documents import DocSpec
from ab_inbox.demo.names import (
    GERMAN,
    LAW_FIRMS,
    OFFICE_CITY,
    ORIGINS,
    Person,
    foreign_address_lines,
    make_person,
    weighted,
)
from ab_inbox.demo.xml_parts import (
    EMAIL,
    PHONE,
    address,
    boolean,
    code,
    contact,
    name,
    partial_date,
    sex,
    state,
    sub,
)

REMARKS = (
    "Bitte Termine möglichst vormittags vergeben, ich arbeite im Schichtdienst.",
    "Die Übersetzung der Heiratsurkunde reiche ich nach.",
    "Mein Reisepass ist zur Verlängerung beim Konsulat; Kopie des alten Passes anbei.",
    "Ich bin unter der angegebenen Telefonnummer am besten ab 16 Uhr erreichbar.",
    "Wir sind zum 1. des Monats innerhalb von Musterstadt umgezogen.",
    "Bitte Schreiben auch per E-Mail senden.",
)


def contacts(ctx: Context, parent, person: Person, tag: str = "kommunikation") -> int:
    count = 0
    if person.email and ctx.rng.random() < 0.9:
        contact(parent, tag, EMAIL, person.email)
        count += 1
    if person.phone and ctx.rng.random() < 0.5:
        contact(parent, tag, PHONE, person.phone)
        count += 1
    return count


def birth(ctx: Context, parent, tag: str, person: Person) -> bool:
    """xauslaender:Geburt; returns whether the state of birth was given."""
    el = sub(parent, tag)
    sub(sub(el, "geburtsort"), "ort", person.birth_place)
    with_state = ctx.rng.random() < 0.7
    if with_state:
        state(el, "geburtsortStaat", ORIGINS[person.origin].nationality)
    partial_date(sub(el, "tagDerGeburt"), "teilbekanntesDatum", person.birth, q=False)
    return with_state


def foreign_address(ctx: Context, parent, tag: str, person: Person):
    """xiaa:Auslandsanschrift.Druckbild with the state code and printed lines."""
    origin = ORIGINS[person.origin]
    el = sub(parent, tag)
    code(el, "staat", "staat", origin.nationality, q=False)
    zone = sub(el, "anschriftzone", q=False)
    for number, line in enumerate(foreign_address_lines(ctx.rng, origin, person.birth_place), 1):
        row = sub(zone, "zeile.anschrift", q=False)
        sub(row, "zeilennummer", str(number), q=False)
        sub(row, "inhalt", line, q=False)


def ozg_person(ctx: Context, el, person: Person, slots: Counter | None = None, **flags):
    """The content of xauslaender:OZG.Person (applicant, skilled worker, family member)."""
    rng = ctx.rng
    name(el, "vorname", person.given)
    name(el, "familienname", person.family)
    if person.birth_name:
        sub(el, "weitererName", f"Geburtsname: {person.birth_name}")
    sex(el, "geschlecht", person.sex)
    with_state = birth(ctx, el, "geburt", person)
    if person.height_cm:
        sub(sub(el, "personenbeschreibung"), "koerpergroesse", str(person.height_cm))
    status = sub(el, "familienstand")
    code(status, "familienstand", "familienstand", person.marital)
    if person.marital == "VH" and rng.random() < 0.05:
        sub(status, "getrenntLebend", "true")
    if person.marital in ("VH", "GS", "VW", "LP") and rng.random() < 0.5:
        since = days_before(ctx, 200, 6000).isoformat()
        partial_date(el, "familienstandOderGetrenntlebendSeit", since[: rng.choice((4, 7, 10))])
    for nationality in person.nationalities:
        state(el, "staatsangehoerigkeit", nationality)
    if person.address and flags.get("address", True):
        address(el, "anschrift", person.address)
    channels = contacts(ctx, el, person)
    slots = slots or Counter()
    residence = flags.get("residence")
    if slots["aufenthaltsdokument"]:
        holder = sub(el, "aufenthaltsdokument")
        for side in ("Vorderseite", "Rückseite")[: slots["aufenthaltsdokument"]]:
            spec = DocSpec(
                "jpeg_scan",
                f"Aufenthaltstitel ({side})",
                f"Aufenthaltstitel {side}",
                file_name(ctx, f"Aufenthaltstitel {side}", person, docs.JPEG),
                [f"{person.family}, {person.given}", f"Gültig bis {de(days_after(ctx, 5, 90))}"],
            )
            document(ctx, holder, "aufenthaltsdokument", spec)
    elif residence == "visumfrei":
        sub(
            sub(el, "aufenthaltsdokument"),
            "visumsfreieEinreise",
            "Visumfreie Einreise als Staatsangehörige/r eines Staates nach Anhang II der "
            "Verordnung (EU) 2018/1806; Antrag innerhalb von 90 Tagen nach der Einreise.",
        )
    elif residence == "deutsch":
        sub(sub(el, "aufenthaltsdokument"), "deutschesAufenthaltsdokumentVorhanden", "true")
    if slots["ausweisseite"]:
        spec, passport = passport_spec(ctx, person)
        holder = sub(el, "ausweisdokument")
        document(ctx, holder, "ausweisseite", spec)
        for _ in range(slots["ausweisseite"] - 1):
            document(ctx, holder, "ausweisseite", evidence_spec(ctx, person, "Lichtbild"))
        period = sub(holder, "gueltigkeitszeitraum")
        sub(period, "von", passport["issued"].isoformat())
        sub(period, "bis", passport["expiry"].isoformat())
        sub(holder, "seriennummer", passport["number"])
    if rng.random() < 0.4:
        trust = sub(el, "vertrauensniveau")
        sub(trust, "vorname", "true")
        sub(trust, "familienname", "true")
        born = sub(trust, "geburt")
        sub(born, "geburtsort", boolean(rng.random() < 0.8))
        if with_state:
            sub(born, "geburtsortStaat", "true")
        sub(born, "tagDerGeburt", "true")
        for _ in person.nationalities:
            sub(trust, "staatsangehoerigkeit", boolean(rng.random() < 0.9))
        if person.address and flags.get("address", True):
            sub(trust, "anschrift", boolean(rng.random() < 0.7))
        for _ in range(channels):
            sub(trust, "kommunikation", "false")


def reference_person(ctx: Context, parent, person: Person, relation: str, own_address: bool):
    el = sub(parent, "referenzperson")
    name(el, "vorname", person.given)
    name(el, "familienname", person.family)
    birth(ctx, el, "geburt", person)
    for nationality in person.nationalities:
        state(el, "staatsangehoerigkeit", nationality)
    code(el, "familiaereBeziehung", "familiaerebeziehung", relation)
    if own_address and person.address:
        address(el, "anschrift", person.address)


def representative(ctx: Context, parent, applicant: Person, minor: bool, with_power: bool):
    """OZG.AntragstellerVertreter: a parent for minors, otherwise a lawyer or an agent."""
    rng = ctx.rng
    if minor:
        kind = "2"
        rep = make_person(rng, applicant.origin, ctx.today, ages=(25, 55), family=applicant.family)
        rep.address = applicant.address
        firm = None
    elif rng.random() < 0.75:
        kind = "1"
        rep = make_person(rng, rng.choice((GERMAN, GERMAN, "TR", "PL")), ctx.today, ages=(30, 66))
        firm = rng.choice(LAW_FIRMS)
        rep.email = f"kanzlei{rng.randint(1, 99)}@recht.example"
    else:
        kind = "7"
        rep = make_person(rng, applicant.origin, ctx.today, ages=(22, 70))
        firm = None
    el = sub(parent, "antragstellerVertreter")
    code(el, "vertretungsart", "vertretungsart", kind)
    name(el, "vorname", rep.given)
    name(el, "familienname", rep.family)
    if rep.address:
        address(el, "anschrift", rep.address)
    channels = contacts(ctx, el, rep)
    if with_power:
        title = "Vollmacht" if kind != "2" else "Nachweis der elterlichen Sorge"
        spec = letter_spec(
            ctx,
            title,
            [
                f"Hiermit bevollmächtige ich {rep.full_name}" + (f" ({firm})" if firm else ""),
                f"mich, {applicant.full_name}, im Verfahren {ctx.antragsidentifikation}",
                "gegenüber der Ausländerbehörde zu vertreten.",
                f"{OFFICE_CITY}, {de(days_before(ctx, 0, 10))}",
            ],
            title.replace(" ", "_"),
        )
        document(ctx, el, "anlageVertreter", spec)
    sex(el, "geschlecht", rep.sex)
    if rng.random() < 0.5:
        sub(el, "tagDerGeburt", rep.birth_date.isoformat())
    if firm:
        sub(el, "firma", firm)
    if rng.random() < 0.3:
        trust = sub(el, "vertrauensniveau")
        sub(trust, "vorname", "true")
        sub(trust, "familienname", "true")
        if rep.address:
            sub(trust, "anschrift", "false")
        for _ in range(channels):
            sub(trust, "kommunikation", "false")


def applicant_for(ctx: Context, weights: dict, ages=(18, 64)) -> Person:
    person = make_person(ctx.rng, weighted(ctx.rng, weights), ctx.today, ages=ages)
    ctx.applicant = person
    return person


def relative(ctx: Context, person: Person, relation: str, same_origin: bool = False) -> Person:
    """A spouse, child or parent of `person`: German or of the same origin."""
    rng = ctx.rng
    origin = person.origin if same_origin or rng.random() < 0.6 else GERMAN
    other_sex = {"m": "w", "w": "m"}.get(person.sex)
    if relation == "01":
        return make_person(rng, origin, ctx.today, sex=other_sex, ages=(20, 65))
    if relation == "02":
        oldest = max(0, min(17, ctx.today.year - int(person.birth[:4]) - 19))
        return make_person(rng, person.origin, ctx.today, ages=(0, oldest), family=person.family)
    return make_person(rng, origin, ctx.today, ages=(40, 80))
