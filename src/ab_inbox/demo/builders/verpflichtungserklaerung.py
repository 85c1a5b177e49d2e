"""OZG.Verpflichtungserklaerung.130201: a host vouches for a guest's costs (§§ 66, 68 AufenthG).

Unlike the other types, the person who writes is not the one who travels: a private host (German
or with a residence title) or an institution declares its income and commitments, and the guest
abroad is described with visa, passport number and fellow travellers. The host is recorded as the
application's applicant, because follow-ups and the office's letters go to the host.
"""

from __future__ import annotations

from ab_inbox.demo.builders.registry import builds
from ab_inbox.demo.context import Context, days_after, token
from ab_inbox.demo.document_specs import document, evidence_labels, evidence_spec, letter_spec
from ab_inbox.demo.names import (
    APPLICANTS,
    EMPLOYERS,
    GERMAN,
    OFFICE_CITY,
    ORGANISATIONS,
    ORIGINS,
    Person,
    german_address,
    make_person,
    weighted,
)
from ab_inbox.demo.people import birth, contacts, foreign_address, relative
from ab_inbox.demo.xml_parts import address, code, name, sex, state, sub


@builds("130201", "OZG.Verpflichtungserklaerung.130201", service="ve")
def build_verpflichtung(ctx: Context, root):
    rng = ctx.rng
    slots = ctx.plan_documents([], fill="nachweis", zusammenfassungBelehrung=1)
    if rng.random() < 0.6:
        sub(root, "rechtsverbindlicheVE", "true")
    host_el = sub(root, "gastgeber")
    private = rng.random() < 0.85
    guest_origin = weighted(rng, APPLICANTS | {"IN": 6, "CO": 4, "PH": 4, "BR": 4})
    if private:
        german = rng.random() < 0.5
        host = make_person(rng, GERMAN if german else guest_origin, ctx.today, ages=(25, 75))
        ctx.applicant = host
        _private_host(ctx, sub(host_el, "privat"), host, german, slots["nachweis"])
        relation = rng.choice(("03", "06")) if german else rng.choice(("01", "01", "03", "05"))
    else:
        host = make_person(rng, GERMAN, ctx.today, ages=(30, 65))
        ctx.applicant = host
        _institution_host(ctx, sub(host_el, "institutionell"), host, slots["nachweis"])
        relation = rng.choice(("02", "06"))
    guest = make_person(rng, guest_origin, ctx.today, ages=(18, 80), with_address=False)
    _guest(ctx, sub(root, "gast"), guest, host, relation)
    spec = letter_spec(
        ctx,
        "Zusammenfassung und Belehrung zur Verpflichtungserklärung",
        [
            f"Verpflichtungserklärung nach §§ 66, 68 AufenthG für {guest.full_name}",
            f"Gastgeber/in: {host.full_name}",
            "Die verpflichtete Person haftet für die Kosten des Lebensunterhalts einschließlich",
            "Wohnraum, Versorgung im Krankheitsfall und der Ausreise.",
            "Die Belehrung über Umfang und Dauer der Haftung wurde zur Kenntnis genommen.",
        ],
        "Zusammenfassung_Belehrung",
    )
    document(ctx, root, "zusammenfassungBelehrung", spec)


def _private_host(ctx: Context, el, host: Person, german: bool, evidence: int):
    rng = ctx.rng
    name(el, "vorname", host.given)
    name(el, "familienname", host.family)
    if not german:
        ident = sub(el, "auslaendischeIdentifikation")
        code(ident, "artDesAufenthaltstitels", "titelart", rng.choice(("01", "02", "05", "06")))
        sub(ident, "nummerEAT", token(rng, 1, "Y") + token(rng, 8))
        sub(ident, "ausstellendeABH", f"Ausländerbehörde {OFFICE_CITY}")
        code(ident, "artDesAuslaendischenIdentifikationsdokuments", "ausweisart", "01")
        sub(ident, "nummerDesAuslaendischenIdentifikationsdokuments", token(rng, 9))
        sub(ident, "ausstellenderStaat", ORIGINS[host.origin].state_name)
    if rng.random() < 0.8:
        birth(ctx, el, "geburtsangaben", host)
    sex(el, "geschlecht", host.sex)
    for nationality in host.nationalities:
        state(el, "staatsangehoerigkeit", nationality)
    address(el, "anschrift", host.address)
    channels = contacts(ctx, el, host)
    if german:
        ident = sub(el, "deutscheIdentifikation")
        code(ident, "artDesIdentifikationsdokuments", "deutscherausweis", "01")
        sub(ident, "nummerDesDeutschenIdentifikationsdokuments", token(rng, 9))
        sub(ident, "ausstellendeBehoerde", f"Stadt {OFFICE_CITY}")
    retired = int(host.birth[:4]) < ctx.today.year - 66
    jobs = ("Krankenpfleger/in", "Softwareentwickler/in", "Busfahrer/in", "Elektriker/in")
    sub(el, "beruf", "Rentner/in" if retired else rng.choice(jobs + ("Verkäufer/in",)))
    if not retired:
        sub(el, "arbeitgeber", rng.choice(EMPLOYERS))
        work = sub(el, "arbeitnehmerverhaeltnis")
        salary = rng.randrange(1900, 5200, 10)
        for _ in range(7):
            sub(work, "einkuenfte", str(salary + rng.randrange(-150, 150)))
        if rng.random() < 0.2:
            sub(work, "befristet", days_after(ctx, 200, 900).isoformat())
    else:
        pension = rng.randrange(1100, 2400, 10)
        for _ in range(7):
            sub(el, "sonstigeEinkuenfte", str(pension))
    sub(el, "regelmaessigeAusgaben", str(rng.randrange(600, 1800, 10)))
    if rng.random() < 0.3:
        sub(el, "vermoegen", f"Sparguthaben ca. {rng.randrange(3, 40)}.000 EUR")
    sub(el, "finanzielleVerantwortung", str(rng.randint(0, 3)))
    if rng.random() < 0.1:
        other = sub(el, "weitereVE")
        sub(other, "nummerVE", token(rng, 10, "0123456789"))
        sub(other, "nameABH", f"Ausländerbehörde {OFFICE_CITY}")
        sub(other, "anzahlAbgesichertePersonen", str(rng.randint(1, 3)))
    choices = ["Einkommensnachweis", "Gehaltsabrechnungen (letzte 3 Monate)", "Mietvertrag"]
    for bezeichnung in evidence_labels(rng, choices, evidence):
        document(ctx, el, "nachweis", evidence_spec(ctx, host, bezeichnung), "extended")
    if rng.random() < 0.3:
        trust = sub(el, "vertrauensniveau")
        sub(trust, "vorname", "true")
        sub(trust, "familienname", "true")
        sub(trust, "anschrift", "true")
        for _ in range(channels):
            sub(trust, "kommunikation", "false")


def _institution_host(ctx: Context, el, contact_person: Person, evidence: int):
    rng = ctx.rng
    sub(el, "nameOrganisation", rng.choice(ORGANISATIONS))
    address(el, "anschrift", german_address(rng))
    if rng.random() < 0.2:
        sub(el, "sonstigeAnmerkungen", "Einladung zu einem Fachaustausch, Unterkunft gestellt.")
    person_el = sub(el, "vertretungsberechtigtePerson")
    name(person_el, "vorname", contact_person.given)
    name(person_el, "familienname", contact_person.family)
    sex(person_el, "geschlecht", contact_person.sex)
    contacts(ctx, person_el, contact_person)
    choices = ["Einkommensnachweis", "Kontoauszug Sperrkonto"]
    for bezeichnung in evidence_labels(rng, choices, evidence):
        spec = evidence_spec(ctx, contact_person, bezeichnung)
        document(ctx, el, "nachweis", spec, "extended")
    if rng.random() < 0.5:
        trust = sub(el, "vertrauensniveau")
        sub(trust, "nameOrganisation", "true")
        sub(trust, "anschrift", "true")


def _guest(ctx: Context, el, guest: Person, host: Person, relation: str):
    rng = ctx.rng
    visa = sub(el, "aufenthaltVisum")
    roll = rng.random()
    if roll < 0.8:
        kind = "cVisum" if guest.origin not in ("BR", "CO", "UA") else "visumfrei"
        short = sub(visa, kind)
        purpose = rng.choice(("01", "02", "03", "03", "03"))
        code(short, "cVisum", "cvisum", purpose)
        if rng.random() < 0.6:
            sub(short, "zweck", rng.choice(("Familienbesuch", "Hochzeit", "Geburt eines Enkels")))
        sub(short, "aufenthaltsdauer", str(rng.randint(10, 90)))
    elif roll < 0.9:
        long = sub(visa, "dVisum")
        purpose = rng.choice(("01", "02", "04"))
        code(long, "dVisum", "dvisum", purpose)
        if purpose == "01":
            code(long, "ausbildungszweck", "ausbildungszweck", rng.choice(("01", "02", "05")))
        sub(long, "aufenthaltsdauer", str(rng.randint(180, 365)))
    else:
        sub(visa, "sonstiges", "Besuch zur Teilnahme an einem Sprachkurs (Dauer 6 Wochen).")
    sub(el, "voraussichtlichesEinreisedatum", days_after(ctx, 20, 150).isoformat())
    if rng.random() < 0.5:
        sub(el, "krankenversicherung", str(rng.randint(30, 120)))
    name(el, "familienname", guest.family)
    name(el, "vorname", guest.given)
    state(el, "staatsangehoerigkeit", guest.nationalities[0])
    where = sub(el, "anschrift")
    if rng.random() < 0.85:
        sub(where, "anschriftWieGastgeber", "true")
    else:
        address(where, "abweichendeAnschrift", german_address(rng))
    foreign_address(ctx, el, "anschriftAusland", guest)
    birth(ctx, el, "geburt", guest)
    sub(el, "reisepassnummer", token(rng, 1, "ABCDEFGHJKLMNPRSTUVWXYZ") + token(rng, 8))
    code(el, "beziehungZumGastgeber", "beziehunggastgeber", relation)
    for companion in ("01", "02")[: rng.choice((0, 0, 0, 1, 2))]:
        other = relative(ctx, guest, companion, same_origin=True)
        extra = sub(el, "weitereGaeste")
        name(extra, "vorname", other.given)
        name(extra, "familienname", other.family)
        birth(ctx, extra, "geburt", other)
        code(extra, "beziehungZumGast", "beziehunggast", companion)
        sex(extra, "geschlecht", other.sex)
        state(extra, "staatsangehoerigkeit", guest.nationalities[0])
    sex(el, "geschlecht", guest.sex)
