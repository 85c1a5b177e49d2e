"""The small XML pieces every demo message is made of, and the one place that names versions.

Element order and namespaces follow the OZG schema of `VERSION`: elements declared by XAusländer
are qualified, those of the XInneres and XÖV base types (names, dates, addresses, code values,
the header) are not, hence the `q` switch on every helper. Code values always carry their list's
URI and version from `CODE_LISTS`, so a new release of the standard or of a code list is a change
in this module only. Nothing here draws random numbers: these helpers write exactly what they are
given.
"""

from __future__ import annotations

from lxml import etree

from ab_inbox.demo.names import Address
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
EMAIL, PHONE = "01", "02"  # Erreichbarkeit channels


def sub(parent, tag: str, text: str | None = None, *, q: bool = True, **attrib):
    """Append an element; `q` selects the XAusländer namespace (else unqualified)."""
    el = etree.SubElement(parent, f"{{{NS}}}{tag}" if q else tag, attrib)
    if text is not None:
        el.text = text
    return el


def boolean(value: bool) -> str:
    """xs:boolean as the schema spells it."""
    return "true" if value else "false"


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


def sex(parent, tag: str, value: str):
    code(sub(parent, tag), "geschlecht", "geschlecht", value)


def state(parent, tag: str, nationality: str):
    code(sub(parent, tag), "staatsangehoerigkeit", "staatsangehoerigkeit", nationality)
