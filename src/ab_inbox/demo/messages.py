"""Builders for the eight inbound XAusländer OZG message types, one function per type.

Each builder fills the type-specific part of the message after a shared header; the registry
`MESSAGE_TYPES` maps the Nachrichtentyp code to its builder and to what the batch planner needs
to know (does it answer an earlier application, how many documents can it carry). Element order
and namespaces follow xauslaender-nachrichten-ozg.xsd 26.11: elements declared by XAusländer are
qualified, those of the XInneres and XÖV base types (names, dates, addresses, code values,
the header) are not.

Documents are only described while the tree is built; `compose` renders them afterwards, when
the size of the surrounding XML is known, so a message can be grown to a requested byte size.
"""

from __future__ import annotations

import base64
import random
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from lxml import etree

from ab_inbox.demo import documents as docs
from ab_inbox.demo.documents import DocSpec
from ab_inbox.demo.names import (
    APPLICANTS,
    EMPLOYERS,
    EU_CITIZENS,
    GERMAN,
    LAW_FIRMS,
    OFFICE_CITY,
    ORGANISATIONS,
    ORIGINS,
    SKILLED,
    THIRD_COUNTRY_SPOUSES,
    Address,
    Person,
    ascii_fold,
    foreign_address_lines,
    german_address,
    make_person,
    weighted,
)
from ab_inbox.xauslaender.schema_pack import namespace_for_version

VERSION = "26.11"
NS = namespace_for_version(VERSION)

# The one place that names code list versions: (listURI, listVersionID) per list.
CODE_LISTS = {
    "nachrichtentyp": ("urn:de:xauslaender:codelist:nachrichtentyp", "19"),
    "dokumentformat": ("urn:de:xauslaender:codelist:dokumentformat", "2"),
    "familienstand": ("urn:de:xauslaender:codelist:familienstand", "2"),
    "vertretungsart": ("urn:de:xauslaender:codelist:vertretungsart", "3"),
    "geschlecht": ("urn:xoev-de:xinneres:codeliste:geschlecht", "1"),
    "staatsangehoerigkeit": (
        "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staatsangehoerigkeit",
        "2024-08-01",
    ),
    "staat": ("urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staat", "2024-08-01"),
    "antragsgrund": ("urn:xoev-de:xauslaender:codeliste:ozg.antragsgrund", "4"),
    "aufenthaltsgrund": ("urn:xoev-de:xauslaender:codeliste:ozg.aufenthaltsgrund", "2"),
    "meldungsgrund": ("urn:xoev-de:xauslaender:codeliste:ozg.meldungsgrund", "1"),
    "grund81a": ("urn:xoev-de:xauslaender:codeliste:ozg.grunddesaufenthalts81a", "1.0"),
    "familiaerebeziehung": (
        "urn:xoev-de:xauslaender:codeliste:ozg.familiaerebeziehungreferenzperson",
        "1",
    ),
    "beziehunggastgeber": ("urn:xoev-de:xauslaender:codeliste:ozg.beziehunggastgeber", "1"),
    "beziehunggast": ("urn:xoev-de:xauslaender:codeliste:ozg.beziehunggast", "1"),
    "cvisum": ("urn:xoev-de:xauslaender:codeliste:ozg.cvisumvisumfrei", "1"),
    "dvisum": ("urn:xoev-de:xauslaender:codeliste:ozg.dvisumaufenthaltstitel", "1"),
    "ausbildungszweck": ("urn:xoev-de:xauslaender:codeliste:ozg.ausbildungszweck", "1"),
    "titelart": ("urn:xoev-de:xauslaender:codeliste:ozg.aufenthaltstitelart", "1"),
    "ausweisart": ("urn:xoev-de:xauslaender:codeliste:ozg.auslaendischeidentifikationart", "1"),
    "deutscherausweis": (
        "urn:xoev-de:xauslaender:codeliste:ozg.deutschesidentifikationsdokument",
        "1",
    ),
    # XÖV lists that are not part of the schema pack; versions as in common practice.
    "verzeichnisdienst": ("urn:xoev-de:kosit:codeliste:verzeichnisdienst", "1"),
    "erreichbarkeit": ("urn:de:xoev:codeliste:erreichbarkeit", "2"),
}
FORMAT_CODES = {docs.PDF: "1", docs.JPEG: "2"}  # XA.Dokumentformat: PDF, JPG (nothing else)
EMAIL, PHONE = "01", "02"  # Erreichbarkeit channels

PRODUCER = "Muster-IT Onlinedienste GmbH (fiktiv)"
SERVICE_ADDRESS = Address("Am Datenpark", "7", "99998", "Beispielstadt")
OFFICE_ADDRESS = Address("Rathausplatz", "1", "12345", OFFICE_CITY)


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
    referenced_count: int = 0
    applicant: Person | None = None
    employer: str | None = None

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


# --- XML primitives -------------------------------------------------------------------------


def sub(parent, tag: str, text: str | None = None, *, q: bool = True, **attrib):
    """Append an element; `q` selects the XAusländer namespace (else unqualified)."""
    el = etree.SubElement(parent, f"{{{NS}}}{tag}" if q else tag, attrib)
    if text is not None:
        el.text = text
    return el


def code(parent, tag: str, codelist: str, value: str, *, q: bool = True):
    uri, version = CODE_LISTS[codelist]
    el = sub(parent, tag, q=q, listURI=uri, listVersionID=version)
    sub(el, "code", value, q=False)
    return el


def name(parent, tag: str, value: str):
    sub(sub(parent, tag), "name", value, q=False)


def partial_date(parent, tag: str, value: str, *, q: bool = True):
    """xida:TeilbekanntesDatum: "YYYY", "YYYY-MM" or "YYYY-MM-DD"."""
    kind = {4: "jahr", 7: "jahrMonat"}.get(len(value), "jahrMonatTag")
    sub(sub(parent, tag, q=q), kind, value, q=False)


def address_fields(el, addr: Address):
    """Children of xipa:PostalischeInlandsanschrift.Basis / .Gebaeudeanschrift, in order."""
    sub(el, "hausnummer", addr.number, q=False)
    if addr.suffix:
        sub(el, "hausnummerBuchstabeZusatzziffer", addr.suffix, q=False)
    sub(el, "postleitzahl", addr.postcode, q=False)
    if addr.floor:
        sub(el, "stockwerkswohnungsnummer", addr.floor, q=False)
    sub(el, "strasse", addr.street, q=False)
    sub(el, "wohnort", addr.city, q=False)
    if addr.care_of:
        sub(el, "wohnungsinhaber", addr.care_of, q=False)


def address(parent, tag: str, addr: Address, *, q: bool = True):
    address_fields(sub(parent, tag, q=q), addr)


def postal(parent, tag: str, addr: Address, *, q: bool = True):
    """xipa:PostalischeInlandsanschrift (a choice; always the building address here)."""
    address_fields(sub(sub(parent, tag, q=q), "gebaeude", q=False), addr)


def contact(parent, tag: str, channel: str, value: str, *, q: bool = True):
    el = sub(parent, tag, q=q)
    code(el, "kanal", "erreichbarkeit", channel, q=False)
    sub(el, "kennung", value, q=False)


def contacts(ctx: Context, parent, person: Person, tag: str = "kommunikation") -> int:
    count = 0
    if person.email and ctx.rng.random() < 0.9:
        contact(parent, tag, EMAIL, person.email)
        count += 1
    if person.phone and ctx.rng.random() < 0.5:
        contact(parent, tag, PHONE, person.phone)
        count += 1
    return count


def sex(parent, tag: str, value: str):
    code(sub(parent, tag), "geschlecht", "geschlecht", value)


def state(parent, tag: str, nationality: str):
    code(sub(parent, tag), "staatsangehoerigkeit", "staatsangehoerigkeit", nationality)


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


def days_before(ctx: Context, low: int, high: int) -> date:
    return ctx.today - timedelta(days=ctx.rng.randint(low, high))


def days_after(ctx: Context, low: int, high: int) -> date:
    return ctx.today + timedelta(days=ctx.rng.randint(low, high))


def de(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def token(rng: random.Random, length: int, alphabet: str = "0123456789CFGHJKLMNPRTVWXYZ") -> str:
    return "".join(rng.choice(alphabet) for _ in range(length))


# --- documents ----------------------------------------------------------------------------


def document(ctx: Context, parent, tag: str, spec: DocSpec, form: str = "plain"):
    """One document slot; content is filled in by `compose` once sizes are known.

    form: plain (OZG.Dokument), extended (OZG.DokumentErweitert), ref (OZG.DokumentOderReferenz),
    ref_extended (OZG.DokumentOderReferenzErweitert).
    """
    el = sub(parent, tag)
    if form.startswith("ref"):
        holder = sub(el, "dokumentOderReferenz")
        if ctx.referenced:
            sub(holder, "dokumentuuid", ctx.uuid())
            ctx.referenced_count += 1
        else:
            ctx.pending.append((sub(holder, "dokument"), spec))
    else:
        ctx.pending.append((sub(el, "dokument"), spec))
    code(el, "dokumententyp", "dokumentformat", FORMAT_CODES[spec.media])
    if form.startswith("ref") and ctx.rng.random() < 0.9:
        sub(el, "dateiname", spec.dateiname)
    if form.endswith("extended"):
        sub(el, "bezeichnung", spec.bezeichnung)


def delivery_info(ctx: Context, parent):
    """AngabenDokumentenlieferung, when documents follow in a packaged delivery."""
    if ctx.referenced_count:
        el = sub(parent, "angabenDokumentenlieferung")
        sub(el, "anzahlDerPakete", str(ctx.rng.choice((1, 1, 1, 2))))
        sub(el, "archivgroesse", str(ctx.referenced_count * ctx.rng.randint(180_000, 2_400_000)))


def file_name(ctx: Context, stem: str, person: Person | None, media: str) -> str:
    ext = "pdf" if media == docs.PDF else "jpg"
    style = ctx.rng.random()
    if style < 0.15:
        return f"Scan_{days_before(ctx, 0, 20).isoformat()}_{ctx.rng.randint(800, 2359):04d}.{ext}"
    if style < 0.25 and media == docs.JPEG:
        return f"IMG_{ctx.rng.randint(1000, 9999)}.{ext}"
    if style < 0.55 and person:
        return f"{stem} {person.family}.{ext}"
    return f"{stem.replace(' ', '_')}.{ext}"


def mrz(person: Person, number: str, expiry: date) -> list[str]:
    """The two lines of a TD3 passport machine-readable zone, with valid check digits."""

    def check(text: str) -> str:
        values = [int(c) if c.isdigit() else (ord(c) - 55 if c.isalpha() else 0) for c in text]
        return str(sum(v * (7, 3, 1)[i % 3] for i, v in enumerate(values)) % 10)

    def clean(text: str) -> str:
        return "".join(c if c.isalnum() else "<" for c in ascii_fold(text).upper())

    iso = ORIGINS[person.origin].iso3
    line1 = f"P<{iso}{clean(person.family)}<<{clean(person.given)}".ljust(44, "<")[:44]
    born = person.birth_date.strftime("%y%m%d")
    sex_letter = {"m": "M", "w": "F"}.get(person.sex, "<")
    exp = expiry.strftime("%y%m%d")
    body = f"{number}{check(number)}{iso}{born}{check(born)}{sex_letter}{exp}{check(exp)}"
    body = body.ljust(42, "<") + "<"  # empty personal number, and its (filler) check digit
    return [line1, body + check(body[0:10] + body[13:20] + body[21:43])]


def passport_spec(ctx: Context, person: Person, kind: str = "jpeg_scan") -> tuple[DocSpec, dict]:
    number = token(ctx.rng, 1, "ABCDEFGHJKLMNPRSTUVWXYZ") + token(ctx.rng, 8, "0123456789")
    issued = days_before(ctx, 200, 3000)
    expiry = issued + timedelta(days=3652)
    lines = [
        f"Name / Surname: {person.family}",
        f"Vornamen / Given names: {person.given}",
        f"Geburtsdatum / Date of birth: {person.birth}",
        f"Geburtsort / Place of birth: {person.birth_place}",
        f"Pass-Nr.: {number}   Gültig bis: {de(expiry)}",
    ]
    title = "Reisepass (Kopie)" if kind == "pdf_scan" else "Reisepass"
    media = docs.KINDS[kind]
    spec = DocSpec(
        kind,
        title,
        "Reisepass (Kopie)",
        file_name(ctx, "Reisepass", person, media),
        lines,
        mrz=mrz(person, number, expiry),
    )
    return spec, {"number": number, "issued": issued, "expiry": expiry}


EVIDENCE: dict[str, tuple[str, ...]] = {
    # bezeichnung -> kinds it comes as (a letter-style PDF, a scanned PDF, a photo of the paper)
    "Arbeitsvertrag": ("pdf", "pdf_scan"),
    "Mietvertrag": ("pdf", "pdf_scan", "jpeg_scan"),
    "Meldebescheinigung": ("pdf", "jpeg_scan"),
    "Nachweis Krankenversicherung": ("pdf",),
    "Gehaltsabrechnungen (letzte 3 Monate)": ("pdf_scan", "jpeg_scan"),
    "Immatrikulationsbescheinigung": ("pdf",),
    "Heiratsurkunde (Übersetzung)": ("pdf_scan", "jpeg_scan"),
    "Geburtsurkunde": ("pdf_scan", "jpeg_scan"),
    "Lichtbild": ("photo",),
    "Reisepass (Kopie)": ("pdf_scan", "jpeg_scan"),
    "Anerkennungsbescheid": ("pdf",),
    "Berufsabschluss (Zeugnis)": ("pdf_scan",),
    "Lebenslauf": ("pdf",),
    "Arbeitsplatzangebot": ("pdf",),
    "Kontoauszug Sperrkonto": ("pdf",),
    "Einkommensnachweis": ("pdf", "pdf_scan"),
}


def evidence_spec(ctx: Context, person: Person, bezeichnung: str) -> DocSpec:
    kind = ctx.rng.choice(EVIDENCE[bezeichnung])
    if bezeichnung == "Reisepass (Kopie)":
        return passport_spec(ctx, person, kind)[0]
    write = _EVIDENCE_TEXT.get(bezeichnung)
    lines = (
        write(ctx, person)
        if write
        else [f"Name: {person.full_name}", f"Geburtsdatum: {person.birth}"]
    )
    stem = bezeichnung.split(" (")[0]
    return DocSpec(
        kind, bezeichnung, bezeichnung, file_name(ctx, stem, person, docs.KINDS[kind]), lines
    )


def _employment_text(ctx: Context, person: Person) -> list[str]:
    employer = ctx.employer or ctx.rng.choice(EMPLOYERS)
    return [
        f"zwischen {employer} (Arbeitgeber)",
        f"und {person.full_name}, geboren {person.birth} (Arbeitnehmer/in)",
        f"Beginn des Arbeitsverhältnisses: {de(days_after(ctx, 14, 120))}",
        f"Bruttomonatsgehalt: {ctx.rng.randrange(2600, 6200, 50)} EUR, 39 Wochenstunden",
    ]


def _tenancy_text(ctx: Context, person: Person) -> list[str]:
    landlord = make_person(ctx.rng, GERMAN, ctx.today, with_address=False)
    return [
        f"Vermieter/in: {landlord.full_name}",
        f"Mieter/in: {person.full_name}",
        f"Wohnung: {_street(ctx, person)}, {ctx.rng.randint(1, 4)} Zimmer",
        f"Kaltmiete: {ctx.rng.randrange(380, 1100, 10)} EUR monatlich",
    ]


def _registration_text(ctx: Context, person: Person) -> list[str]:
    return [
        f"Familienname: {person.family}",
        f"Vornamen: {person.given}",
        f"Anschrift: {_street(ctx, person)}",
        f"Einzug: {de(days_before(ctx, 60, 2000))}",
    ]


def _insurance_text(ctx: Context, person: Person) -> list[str]:
    number = token(ctx.rng, 1, "ABCDEFGHJKLMNPRSTUVWXYZ") + token(ctx.rng, 9, "0123456789")
    return [
        f"Versicherte Person: {person.full_name}",
        f"Versichertennummer: {number}",
        "Versicherungsschutz: gesetzlich, einschließlich Pflegeversicherung",
    ]


def _recognition_text(ctx: Context, person: Person) -> list[str]:
    return [
        f"Antragsteller/in: {person.full_name}",
        "Die ausländische Berufsqualifikation ist dem deutschen Referenzberuf",
        "in vollem Umfang gleichwertig.",
    ]


_EVIDENCE_TEXT = {
    "Arbeitsvertrag": _employment_text,
    "Arbeitsplatzangebot": _employment_text,
    "Mietvertrag": _tenancy_text,
    "Meldebescheinigung": _registration_text,
    "Nachweis Krankenversicherung": _insurance_text,
    "Anerkennungsbescheid": _recognition_text,
}


def _street(ctx: Context, person: Person) -> str:
    a = person.address or german_address(ctx.rng)
    return f"{a.street} {a.number}{a.suffix or ''}, {a.postcode} {a.city}"


def summary_spec(ctx: Context, person: Person, title: str, extra: list[str]) -> DocSpec:
    lines = [
        f"Antragsidentifikation: {ctx.antragsidentifikation}",
        f"Eingegangen über: {ctx.service.name}",
        f"Datum: {de(ctx.today)}",
        "",
        f"Familienname: {person.family}",
        f"Vornamen: {person.given}",
        f"Geburtsdatum: {person.birth}   Geburtsort: {person.birth_place}",
        f"Staatsangehörigkeit: {', '.join(_state_name(n) for n in person.nationalities)}",
        *extra,
    ]
    return DocSpec("pdf", title, title, f"{title.replace(' ', '_')}.pdf", lines)


def _state_name(nationality: str) -> str:
    for origin in ORIGINS.values():
        if origin.nationality == nationality:
            return origin.state_name
    return nationality


def letter_spec(ctx: Context, title: str, lines: list[str], stem: str) -> DocSpec:
    return DocSpec("pdf", title, title, f"{stem}.pdf", lines)


# --- people -------------------------------------------------------------------------------


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
        sub(born, "geburtsort", _bool(rng.random() < 0.8))
        if with_state:
            sub(born, "geburtsortStaat", "true")
        sub(born, "tagDerGeburt", "true")
        for _ in person.nationalities:
            sub(trust, "staatsangehoerigkeit", _bool(rng.random() < 0.9))
        if person.address and flags.get("address", True):
            sub(trust, "anschrift", _bool(rng.random() < 0.7))
        for _ in range(channels):
            sub(trust, "kommunikation", "false")


def _bool(value: bool) -> str:
    return "true" if value else "false"


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


REMARKS = (
    "Bitte Termine möglichst vormittags vergeben, ich arbeite im Schichtdienst.",
    "Die Übersetzung der Heiratsurkunde reiche ich nach.",
    "Mein Reisepass ist zur Verlängerung beim Konsulat; Kopie des alten Passes anbei.",
    "Ich bin unter der angegebenen Telefonnummer am besten ab 16 Uhr erreichbar.",
    "Wir sind zum 1. des Monats innerhalb von Musterstadt umgezogen.",
    "Bitte Schreiben auch per E-Mail senden.",
)


# --- message types ------------------------------------------------------------------------


def build_antrag(ctx: Context, root):
    rng = ctx.rng
    minor = rng.random() < 0.07
    person = applicant_for(ctx, APPLICANTS, (1, 17) if minor else (18, 64))
    humanitarian = person.origin in ("SY", "AF", "ER", "IR") and rng.random() < 0.7
    if minor:
        reason = "01"
    elif humanitarian:
        reason = "04"
    else:
        reason = weighted(rng, {"01": 25, "02": 18, "03": 42, "05": 5, "04": 10})
    grounds = (
        {"01": 25, "02": 35, "04": 5, "05": 15, "06": 10, "07": 10}
        if reason == "04"
        else ({"01": 35, "02": 40, "03": 8, "04": 17})
    )
    ground = "01" if minor and rng.random() < 0.5 else weighted(rng, grounds)
    if minor:
        ground = ground if ground in ("01", "02") else "02"
    slots = ctx.plan_documents(
        [
            ("antragszusammenfassung", 0.7),
            ("aufenthaltsdokument", 0.35 if ground == "02" else 0.0),
            ("ausweisseite", 0.3),
            ("anlageVertreter", 0.6 if minor else 0.0),
        ],
        fill="nachweis",
    )
    sub(root, "antragsdatum", ctx.today.isoformat())
    code(root, "grundDesAntrags", "antragsgrund", ground)
    if rng.random() < 0.7:
        low, high = (30, 700) if ground == "01" else (400, 4000)
        first = max(days_before(ctx, low, high), person.birth_date + timedelta(days=30))
        sub(root, "ersteinreisedatum", min(first, ctx.today).isoformat())
    if ground == "03":
        sub(
            root,
            "grundAenderungNebenbestimmung",
            rng.choice(
                (
                    "Streichung der Wohnsitzauflage wegen Arbeitsaufnahme in Musterstadt.",
                    "Erlaubnis zur Beschäftigung bei einem neuen Arbeitgeber.",
                    "Änderung der Auflage zur Erwerbstätigkeit (Teilzeit statt Vollzeit).",
                )
            ),
        )
    code(root, "grundDesAufenthalts", "aufenthaltsgrund", reason)
    residence = None
    if not slots["aufenthaltsdokument"]:
        residence = {"02": "deutsch", "01": "visumfrei"}.get(ground) if rng.random() < 0.5 else None
    ozg_person(ctx, sub(root, "angabenZurPerson"), person, slots, residence=residence)
    if minor or rng.random() < 0.18:
        representative(ctx, root, person, minor, bool(slots["anlageVertreter"]))
    relations = []
    if reason == "01":
        relations = ["03"] if minor else ["01"] + (["02"] if rng.random() < 0.3 else [])
    elif rng.random() < 0.08:
        relations = [rng.choice(("01", "04"))]
    for relation in relations:
        reference_person(
            ctx, root, relative(ctx, person, relation), relation, own_address=rng.random() < 0.3
        )
    if slots["antragszusammenfassung"]:
        extra = [f"Anliegen: Antragsgrund {ground}, Aufenthaltsgrund {reason}"]
        spec = summary_spec(ctx, person, "Antragszusammenfassung", extra)
        document(ctx, root, "antragszusammenfassung", spec, "ref")
    choices = {
        "01": ["Arbeitsvertrag", "Mietvertrag", "Heiratsurkunde (Übersetzung)", "Lichtbild"],
        "02": ["Immatrikulationsbescheinigung", "Lichtbild", "Nachweis Krankenversicherung"],
        "03": ["Arbeitsvertrag", "Gehaltsabrechnungen (letzte 3 Monate)"],
        "04": ["Reisepass (Kopie)", "Lichtbild", "Meldebescheinigung"],
        "05": ["Lichtbild", "Meldebescheinigung", "Mietvertrag"],
    }[reason] + ["Nachweis Krankenversicherung", "Meldebescheinigung"]
    for bezeichnung in _distinct(rng, choices, slots["nachweis"]):
        document(ctx, root, "nachweis", evidence_spec(ctx, person, bezeichnung), "ref_extended")
    if rng.random() < 0.25:
        sub(root, "sonstigeAnmerkung", rng.choice(REMARKS))
    if minor and rng.random() < 0.5:
        sub(root, "verbundenerAntrag", f"{ctx.service.prefix}-{ctx.today.year}-{token(rng, 8)}")
    delivery_info(ctx, root)


def _distinct(rng: random.Random, choices: list[str], count: int) -> list[str]:
    pool = list(dict.fromkeys(choices))
    rng.shuffle(pool)
    return [pool[i % len(pool)] for i in range(count)]


def build_rueckkanal_antwort(ctx: Context, root):
    rng = ctx.rng
    person = ctx.original.applicant
    slots = ctx.plan_documents([], fill="unterlage")
    choices = ["Gehaltsabrechnungen (letzte 3 Monate)", "Mietvertrag", "Reisepass (Kopie)"]
    choices += ["Nachweis Krankenversicherung", "Meldebescheinigung", "Lichtbild"]
    for bezeichnung in _distinct(rng, choices, slots["unterlage"]):
        document(ctx, root, "unterlage", evidence_spec(ctx, person, bezeichnung), "ref")
    if not slots["unterlage"] or rng.random() < 0.8:
        answers = (
            "Anbei die angeforderten Gehaltsabrechnungen der letzten drei Monate.",
            "Der neue Mietvertrag liegt bei; die Wohnungsgeberbestätigung folgt.",
            f"Mein Reisepass wurde am {de(days_before(ctx, 3, 40))} verlängert, Kopie anbei.",
            f"Den Termin am {de(days_after(ctx, 3, 20))} kann ich leider nicht wahrnehmen. "
            "Bitte schlagen Sie einen neuen Termin vor.",
            "Ja, ich bin weiterhin bei demselben Arbeitgeber beschäftigt.",
        )
        sub(root, "antworttext", rng.choice(answers))
    delivery_info(ctx, root)


def build_ruecknahme(ctx: Context, root):
    """OZG.Ruecknahme.130111 carries nothing beyond the shared part."""


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
    for bezeichnung in _distinct(rng, choices, evidence):
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
    for bezeichnung in _distinct(rng, ["Einkommensnachweis", "Kontoauszug Sperrkonto"], evidence):
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


def build_freizuegigkeit(ctx: Context, root):
    rng = ctx.rng
    reason = weighted(rng, {"01": 30, "02": 45, "03": 25})
    eu_citizen = reason == "03"
    person = applicant_for(ctx, EU_CITIZENS if eu_citizen else THIRD_COUNTRY_SPOUSES)
    slots = ctx.plan_documents([("antragszusammenfassung", 0.6)], fill="nachweis")
    sub(root, "antragsdatum", ctx.today.isoformat())
    code(root, "grundDesAntrags", "antragsgrund", "01" if rng.random() < 0.75 else "02")
    code(root, "grundDerMeldung", "meldungsgrund", reason)
    ozg_person(ctx, sub(root, "angabenZurPerson"), person)
    if rng.random() < 0.08:
        representative(ctx, root, person, False, False)
    if not eu_citizen:
        spouse_origin = weighted(rng, EU_CITIZENS)
        other_sex = {"m": "w", "w": "m"}.get(person.sex)
        spouse = make_person(rng, spouse_origin, ctx.today, sex=other_sex, ages=(20, 65))
        reference_person(ctx, root, spouse, "01", own_address=False)
    if rng.random() < 0.2:
        stay = sub(root, "auslandsaufenthalt")
        start = days_before(ctx, 300, 2000)
        partial_date(stay, "von", start.isoformat()[:7])
        partial_date(stay, "bis", (start + timedelta(days=rng.randint(20, 150))).isoformat()[:7])
        sub(
            stay,
            "grund",
            f"Pflege eines Angehörigen in {rng.choice(ORIGINS[person.origin].places)}",
        )
    low, high = (1900, 4000) if reason in ("01", "03") else (40, 400)
    sub(root, "einreisedatum", days_before(ctx, low, high).isoformat())
    if rng.random() < 0.03:
        sub(root, "verurteilung", "true")
    if slots["antragszusammenfassung"]:
        spec = summary_spec(ctx, person, "Antragszusammenfassung", [f"Meldungsgrund: {reason}"])
        document(ctx, root, "antragszusammenfassung", spec, "ref")
    choices = ["Meldebescheinigung", "Nachweis Krankenversicherung", "Reisepass (Kopie)"]
    choices += ["Arbeitsvertrag"] if eu_citizen else ["Heiratsurkunde (Übersetzung)", "Lichtbild"]
    for bezeichnung in _distinct(rng, choices, slots["nachweis"]):
        document(ctx, root, "nachweis", evidence_spec(ctx, person, bezeichnung), "ref_extended")
    if rng.random() < 0.2:
        sub(root, "sonstigeAnmerkung", rng.choice(REMARKS))
    delivery_info(ctx, root)


def build_fachkraefte(ctx: Context, root):
    rng = ctx.rng
    worker = applicant_for(ctx, SKILLED, (21, 55))
    worker.address = worker.phone = None  # still abroad: the address goes to auslandsanschrift
    ctx.employer = rng.choice(EMPLOYERS)
    slots = ctx.plan_documents(
        [("antragszusammenfassung", 0.5), ("ausweisseite", 0.3)],
        fill="nachweis",
        anlageVertreter=1,
        nachweis=1,
    )
    sub(root, "antragsdatum", ctx.today.isoformat())
    purposes = {"02": 30, "03": 25, "01": 10, "05": 8, "06": 5, "07": 7, "09": 8, "04": 3}
    code(root, "grundDesAufenthalts81a", "grund81a", weighted(rng, purposes | {"10": 2, "11": 2}))
    employer = sub(root, "arbeitgeber")
    sub(employer, "firma", ctx.employer)
    postal(employer, "anschriftBetriebsstaette", german_address(rng))
    agent = make_person(rng, GERMAN, ctx.today, ages=(28, 64))
    agent_el = sub(employer, "vertreter")
    name(agent_el, "vorname", agent.given)
    name(agent_el, "familienname", agent.family)
    sex(agent_el, "geschlecht", agent.sex)
    contact(agent_el, "kommunikation", EMAIL, f"personal{rng.randint(1, 9)}@firma.example")
    if rng.random() < 0.5:
        contact(
            agent_el,
            "kommunikation",
            PHONE,
            f"+49 {rng.randint(30, 999)} {rng.randint(10000, 999999)}",
        )
    if rng.random() < 0.3:
        sub(agent_el, "firma", ctx.employer)
    for _ in range(slots["anlageVertreter"]):
        spec = letter_spec(
            ctx,
            "Vollmacht der Fachkraft",
            [
                f"Ich, {worker.full_name}, geboren {worker.birth} in {worker.birth_place},",
                f"bevollmächtige {ctx.employer}, vertreten durch {agent.full_name},",
                "das beschleunigte Fachkräfteverfahren nach § 81a AufenthG zu beantragen.",
            ],
            "Vollmacht_Fachkraft",
        )
        document(ctx, agent_el, "anlageVertreter", spec, "ref_extended")
    worker_el = sub(root, "fachkraft")
    ozg_person(ctx, worker_el, worker, slots, address=False)
    foreign_address(ctx, worker_el, "auslandsanschrift", worker)
    if worker.marital == "VH" and rng.random() < 0.4:
        for relation in ("01", "02")[: rng.choice((1, 2))]:
            member = relative(ctx, worker, relation, same_origin=True)
            member_el = sub(root, "familienangehoerige")
            ozg_person(ctx, member_el, member, address=False)
            code(member_el, "familiaereBeziehung", "familiaerebeziehung", relation)
    if slots["antragszusammenfassung"]:
        spec = summary_spec(ctx, worker, "Antragszusammenfassung", [f"Arbeitgeber: {ctx.employer}"])
        document(ctx, root, "antragszusammenfassung", spec, "ref")
    choices = ["Anerkennungsbescheid", "Berufsabschluss (Zeugnis)", "Arbeitsplatzangebot"]
    choices += ["Lebenslauf", "Reisepass (Kopie)"]
    for bezeichnung in _distinct(rng, choices, slots["nachweis"]):
        document(ctx, root, "nachweis", evidence_spec(ctx, worker, bezeichnung), "ref_extended")
    if rng.random() < 0.2:
        sub(root, "sonstigeAnmerkung", "Die Fachkraft ist für Rückfragen per E-Mail erreichbar.")
    delivery_info(ctx, root)


def build_rueckmeldung_vereinbarung(ctx: Context, root):
    original = ctx.original
    spec = letter_spec(
        ctx,
        "Vereinbarung nach § 81a AufenthG (unterschrieben)",
        [
            f"Antragsidentifikation: {original.antragsidentifikation}",
            f"Arbeitgeber: {original.employer or ctx.rng.choice(EMPLOYERS)}",
            f"Fachkraft: {original.applicant.full_name}, geboren {original.applicant.birth}",
            "Die Vereinbarung wird unterschrieben zurückgesandt.",
            f"{OFFICE_CITY}, {de(ctx.today)}",
        ],
        "Vereinbarung_81a_unterschrieben",
    )
    document(ctx, root, "vereinbarung", spec)


def build_bescheid_empfang(ctx: Context, root):
    original = ctx.original
    spec = letter_spec(
        ctx,
        "Empfangsbestätigung",
        [
            f"Antragsidentifikation: {original.antragsidentifikation}",
            "Hiermit bestätigen wir den Empfang des Bescheids der zuständigen Stelle",
            f"über die Anerkennung der Berufsqualifikation von {original.applicant.full_name}.",
            f"{original.employer or 'Arbeitgeber'}, {de(ctx.today)}",
        ],
        "Empfangsbestaetigung",
    )
    document(ctx, root, "empfangsbestaetigung", spec)


@dataclass(frozen=True)
class MessageType:
    code: str
    root: str  # root element name
    build: Callable[[Context, etree._Element], None]
    service: str | None  # None: the service of the application it refers to
    answers: bool = False  # carries ausloeserUUID
    refers_to: tuple[str, ...] = ()  # a follow-up: application types it may refer to
    documents: tuple[int, int] = (1, 3)  # how many documents it can carry
    may_reference: bool = False  # has OZG.DokumentOderReferenz slots

    @property
    def is_follow_up(self) -> bool:
        return bool(self.refers_to)


APPLICATION_TYPES = ("130101", "130201", "130301", "130401")
MESSAGE_TYPES: dict[str, MessageType] = {
    t.code: t
    for t in (
        MessageType("130101", "OZG.Antrag.130101", build_antrag, "aufenthalt", may_reference=True),
        MessageType(
            "130103",
            "OZG.RueckkanalAntwort.130103",
            build_rueckkanal_antwort,
            None,
            answers=True,
            refers_to=APPLICATION_TYPES,
            documents=(0, 3),
            may_reference=True,
        ),
        MessageType(
            "130111",
            "OZG.Ruecknahme.130111",
            build_ruecknahme,
            None,
            refers_to=APPLICATION_TYPES,
            documents=(0, 0),
        ),
        MessageType("130201", "OZG.Verpflichtungserklaerung.130201", build_verpflichtung, "ve"),
        MessageType(
            "130301",
            "OZG.Freizuegigkeit.130301",
            build_freizuegigkeit,
            "freizuegigkeit",
            may_reference=True,
        ),
        MessageType(
            "130401",
            "OZG.Fachkraefte.130401",
            build_fachkraefte,
            "fachkraefte",
            documents=(2, 4),
            may_reference=True,
        ),
        MessageType(
            "130404",
            "OZG.RueckmeldungVereinbarung.130404",
            build_rueckmeldung_vereinbarung,
            None,
            answers=True,
            refers_to=("130401",),
            documents=(1, 1),
        ),
        MessageType(
            "130406",
            "OZG.BescheidEmpfangsbestaetigung.130406",
            build_bescheid_empfang,
            None,
            answers=True,
            refers_to=("130401",),
            documents=(1, 1),
        ),
    )
}
DEMO_TYPE_CODES = tuple(MESSAGE_TYPES)


# --- assembling a message -----------------------------------------------------------------


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
    sub(root, "rueckkanalVorhanden", _bool(ctx.rueckkanal))
    if message_type.answers:
        sub(root, "ausloeserUUID", ctx.original.nachrichten_uuid)


@dataclass
class BuiltMessage:
    data: bytes
    root: str
    nachrichten_uuid: str
    application: Application | None  # set for application types, for later follow-ups


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
    root = etree.Element(
        f"{{{NS}}}{message_type.root}",
        {
            "produkt": service.product,
            "produkthersteller": PRODUCER,
            "produktversion": "4.2.1",
            "standard": "XAusländer",
            "test": "true",
            "version": VERSION,
        },
        nsmap={"xauslaender": NS},
    )
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
    return BuiltMessage(data, message_type.root, ctx.nachrichten_uuid, application)


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
