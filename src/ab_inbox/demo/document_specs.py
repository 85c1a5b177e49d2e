"""What the documents in a demo message show, and the XML slot each one occupies.

Viewers and exporters should meet documents that look like an office's real mail: a passport
scan with a machine-readable zone that checks out, a tenancy agreement that names the applicant's
street, a power of attorney for the representative. The builders only describe a document here
(`DocSpec`); `document` records the slot, and `compose` renders every pending document at the end,
when the size of the surrounding XML is known. File names imitate what applicants upload (scanner
and phone names as well as tidy ones), because those labels are untrusted input for the inbox.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from ab_inbox.demo import documents as docs
from ab_inbox.demo.context import Context, days_after, days_before, de, token
from ab_inbox.demo.documents import DocSpec
from ab_inbox.demo.names import (
    EMPLOYERS,
    GERMAN,
    ORIGINS,
    Person,
    ascii_fold,
    german_address,
    make_person,
)
from ab_inbox.demo.xml_parts import code, sub

FORMAT_CODES = {docs.PDF: "1", docs.JPEG: "2"}  # XA.Dokumentformat: PDF, JPG (nothing else)


def document(ctx: Context, parent, tag: str, spec: DocSpec, form: str = "plain"):
    """One document slot; content is filled in by `compose` once sizes are known.

    form: plain (OZG.Dokument), extended (OZG.DokumentErweitert), ref (OZG.DokumentOderReferenz),
    ref_extended (OZG.DokumentOderReferenzErweitert).
    """
    el = sub(parent, tag)
    if form.startswith("ref"):
        holder = sub(el, "dokumentOderReferenz")
        if ctx.referenced:
            dokumentuuid = ctx.uuid()
            sub(holder, "dokumentuuid", dokumentuuid)
            ctx.referenced_docs.append((dokumentuuid, spec))
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


def evidence_labels(rng: random.Random, choices: list[str], count: int) -> list[str]:
    """`count` labels from `choices` in random order, each once before any repeats."""
    pool = list(dict.fromkeys(choices))
    rng.shuffle(pool)
    return [pool[i % len(pool)] for i in range(count)]


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
