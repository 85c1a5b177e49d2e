"""Small, schema-valid OZG messages built in code for the xauslaender tests.

Each builder returns bytes of one inbound message type with fictitious data; keyword arguments
change the parts the tests look at (names, dates, codes). `XA` is the 26.11 namespace.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

from lxml import etree

XA_NS = "http://www.osci.de/xauslaender2611"
XA = f"{{{XA_NS}}}"
STAATSANGEHOERIGKEIT_VERSION = "2024-08-01"
PDF_BYTES = b"%PDF-1.4\n% test document\n%%EOF\n"


def pack_root() -> Path:
    return Path(
        os.environ.get("AB_INBOX_TEST_SCHEMAS")
        or Path(__file__).resolve().parents[2].parent / "shared" / "xauslaender"
    )


def el(tag: str, *children, text: str | None = None, **attrs) -> etree._Element:
    """An element; a tag starting with "xa:" is in the XAusländer namespace."""
    name = XA + tag[3:] if tag.startswith("xa:") else tag
    node = etree.Element(name, nsmap={"xa": XA_NS} if tag.startswith("xa:OZG") else None)
    for key, value in attrs.items():
        node.set(key, value)
    if text is not None:
        node.text = text
    for child in children:
        if child is not None:
            node.append(child)
    return node


def code(tag: str, value: str, version: str | None = None) -> etree._Element:
    attrs = {"listVersionID": version} if version else {}
    return el(tag, el("code", text=value), **attrs)


def name(tag: str, value: str) -> etree._Element:
    return el(tag, el("name", text=value))


def date_of_birth(value: str) -> etree._Element:
    kind = {4: "jahr", 7: "jahrMonat", 10: "jahrMonatTag"}[len(value)]
    return el("xa:tagDerGeburt", el("teilbekanntesDatum", el(kind, text=value)))


def geburt(birth_date: str, place: str | None = "Beispielstadt", tag: str = "xa:geburt"):
    ort = el("xa:ort", text=place) if place else el("xa:unbekannt", text="true")
    return el(tag, el("xa:geburtsort", ort), date_of_birth(birth_date))


def staat(value: str, version: str = STAATSANGEHOERIGKEIT_VERSION, tag="xa:staatsangehoerigkeit"):
    return el(tag, code("xa:staatsangehoerigkeit", value, version))


def geschlecht(value: str = "w"):
    return el("xa:geschlecht", code("xa:geschlecht", value, "1"))


def address(tag: str = "anschrift.autor", wrapped: bool = True):
    inner = [
        el("postleitzahl", text="12345"),
        el("strasse", text="Musterstraße"),
        el("wohnort", text="Musterstadt"),
    ]
    return el(tag, el("gebaeude", *inner)) if wrapped else el(tag, *inner)


def document(tag: str, content: bytes | None = PDF_BYTES, uuid: str | None = None, **extra):
    """OZG.DokumentOderReferenz(Erweitert): embedded base64 or a reference by UUID."""
    if uuid is not None:
        inner = el("xa:dokumentuuid", text=uuid)
    else:
        inner = el("xa:dokument", text=base64.b64encode(content or b"").decode())
    children = [el("xa:dokumentOderReferenz", inner), code("xa:dokumententyp", "1")]
    if "dateiname" in extra:
        children.append(el("xa:dateiname", text=extra["dateiname"]))
    if "bezeichnung" in extra:
        children.append(el("xa:bezeichnung", text=extra["bezeichnung"]))
    return el(tag, *children)


def plain_document(tag: str, content: bytes = PDF_BYTES, raw: str | None = None):
    """OZG.Dokument: always embedded."""
    text = raw if raw is not None else base64.b64encode(content).decode()
    return el(tag, el("xa:dokument", text=text), code("xa:dokumententyp", "1"))


def person(
    tag: str = "xa:angabenZurPerson",
    vorname: str = "Max",
    familienname: str = "Mustermann",
    birth_date: str = "1990-05-20",
    nationalities: tuple[str, ...] = ("000",),
    sex: str = "m",
    extra: tuple = (),
):
    return el(
        tag,
        name("xa:vorname", vorname),
        name("xa:familienname", familienname),
        geschlecht(sex),
        geburt(birth_date),
        el("xa:familienstand", code("xa:familienstand", "LD")),
        *[staat(n) for n in nationalities],
        *extra,
    )


def header(type_code: str, uuid: str) -> list:
    return [
        el(
            "nachrichtenkopf.g2g",
            el(
                "identifikation.nachricht",
                el("nachrichtenUUID", text=uuid),
                el(
                    "nachrichtentyp",
                    el("code", text=type_code),
                    listURI="urn:de:xauslaender:codelist:nachrichtentyp",
                    listVersionID="19",
                ),
                el("erstellungszeitpunkt", text="2025-01-15T10:30:00+01:00"),
            ),
            el(
                "leser",
                code("verzeichnisdienst", "DVDV", "1"),
                el("kennung", text="abh:00000001"),
                el("name", text="Ausländerbehörde Musterstadt"),
            ),
            el(
                "autor",
                code("verzeichnisdienst", "DVDV", "1"),
                el("kennung", text="ozg:00000002"),
                el("name", text="Onlinedienst Aufenthaltstitel"),
                el(
                    "erreichbarkeit",
                    code("kanal", "01", "2"),
                    el("kennung", text="postfach@example.org"),
                ),
            ),
        ),
        address(),
    ]


def message(root_name: str, type_code: str, body: list, *, uuid: str, antrag: str, **kw):
    root = el(
        f"xa:{root_name}",
        *header(type_code, uuid),
        el("xa:antragsidentifikation", text=antrag),
        el("xa:rueckkanalVorhanden", text=kw.get("rueckkanal", "true")),
        el("xa:ausloeserUUID", text=kw["ausloeser"]) if kw.get("ausloeser") else None,
        *body,
        produkt="Testprodukt",
        produkthersteller="Testhersteller",
        standard="XAusländer",
        version="26.11",
        test="true",
    )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def uuid_for(type_code: str) -> str:
    return f"3f2b8c1e-4d5a-4b6c-9e7f-{int(type_code):012d}"


def antrag_130101(
    vorname="Max",
    familienname="Mustermann",
    birth_date="1990-05-20",
    nationalities=("000",),
    grund_version="4",
    with_documents=True,
) -> bytes:
    body = [
        el("xa:antragsdatum", text="2025-01-15"),
        code("xa:grundDesAntrags", "01", grund_version),
        code("xa:grundDesAufenthalts", "01"),
        person(
            vorname=vorname,
            familienname=familienname,
            birth_date=birth_date,
            nationalities=nationalities,
        ),
        el(
            "xa:antragstellerVertreter",
            code("xa:vertretungsart", "1"),
            name("xa:vorname", "Vera"),
            name("xa:familienname", "Vertreterin"),
            geschlecht("w"),
        ),
        el(
            "xa:referenzperson",
            name("xa:vorname", "Anna"),
            name("xa:familienname", "Referenz"),
            geburt("1988"),
            staat("000"),
            code("xa:familiaereBeziehung", "01"),
        ),
    ]
    if with_documents:
        body += [
            document("xa:antragszusammenfassung", dateiname="zusammenfassung.pdf"),
            document("xa:nachweis", dateiname="pass.pdf", bezeichnung="Reisepass"),
            document(
                "xa:nachweis",
                uuid="0e5b8a8c-1111-4222-8333-944455556666",
                dateiname="foto.jpg",
                bezeichnung="Lichtbild",
            ),
        ]
    return message(
        "OZG.Antrag.130101", "130101", body, uuid=uuid_for("130101"), antrag="ANTRAG-130101"
    )


def rueckkanal_antwort_130103() -> bytes:
    body = [
        document("xa:unterlage", dateiname="nachreichung.pdf"),
        el("xa:antworttext", text="Anbei die fehlende Unterlage."),
    ]
    return message(
        "OZG.RueckkanalAntwort.130103",
        "130103",
        body,
        uuid=uuid_for("130103"),
        antrag="ANTRAG-130103",
        ausloeser=uuid_for("130102"),
    )


def ruecknahme_130111() -> bytes:
    return message(
        "OZG.Ruecknahme.130111", "130111", [], uuid=uuid_for("130111"), antrag="ANTRAG-130111"
    )


def verpflichtungserklaerung_130201(host_vorname="Yağmur", guest_vorname="Thị Hương") -> bytes:
    body = [
        el(
            "xa:gastgeber",
            el(
                "xa:privat",
                name("xa:vorname", host_vorname),
                name("xa:familienname", "Gastgeberin"),
                geschlecht("w"),
                staat("000"),
            ),
        ),
        el(
            "xa:gast",
            el("xa:aufenthaltVisum", el("xa:cVisum", code("xa:cVisum", "01"))),
            el("xa:voraussichtlichesEinreisedatum", text="2025-06-01"),
            name("xa:familienname", "Nguyễn"),
            name("xa:vorname", guest_vorname),
            staat("432"),
            el("xa:anschrift", el("xa:anschriftWieGastgeber", text="true")),
            geburt("1995-03", tag="xa:geburt"),
            code("xa:beziehungZumGastgeber", "01"),
            geschlecht("w"),
        ),
        plain_document("xa:zusammenfassungBelehrung"),
    ]
    return message(
        "OZG.Verpflichtungserklaerung.130201",
        "130201",
        body,
        uuid=uuid_for("130201"),
        antrag="ANTRAG-130201",
    )


def freizuegigkeit_130301() -> bytes:
    body = [
        el("xa:antragsdatum", text="2025-02-01"),
        code("xa:grundDesAntrags", "01", "4"),
        code("xa:grundDerMeldung", "02"),
        person(vorname="Łukasz", familienname="Wiśniewski", nationalities=("152",)),
        el("xa:einreisedatum", text="2024-12-01"),
    ]
    return message(
        "OZG.Freizuegigkeit.130301",
        "130301",
        body,
        uuid=uuid_for("130301"),
        antrag="ANTRAG-130301",
    )


def fachkraefte_130401() -> bytes:
    body = [
        el("xa:antragsdatum", text="2025-03-01"),
        code("xa:grundDesAufenthalts81a", "02", "1.0"),
        el(
            "xa:arbeitgeber",
            el("xa:firma", text="Muster GmbH"),
            address("xa:anschriftBetriebsstaette"),
            el(
                "xa:vertreter",
                name("xa:vorname", "Paul"),
                name("xa:familienname", "Personaler"),
                geschlecht("m"),
                document("xa:anlageVertreter", bezeichnung="Vollmacht"),
            ),
        ),
        person(tag="xa:fachkraft", vorname="Priya", familienname="Sharma", nationalities=("436",)),
        person(
            tag="xa:familienangehoerige",
            vorname="Arjun",
            familienname="Sharma",
            birth_date="2015",
            nationalities=("436",),
            extra=(code("xa:familiaereBeziehung", "02"),),
        ),
        document("xa:nachweis", bezeichnung="Arbeitsvertrag"),
    ]
    return message(
        "OZG.Fachkraefte.130401", "130401", body, uuid=uuid_for("130401"), antrag="ANTRAG-130401"
    )


def rueckmeldung_vereinbarung_130404() -> bytes:
    return message(
        "OZG.RueckmeldungVereinbarung.130404",
        "130404",
        [plain_document("xa:vereinbarung")],
        uuid=uuid_for("130404"),
        antrag="ANTRAG-130404",
        ausloeser=uuid_for("130403"),
    )


def empfangsbestaetigung_130406() -> bytes:
    return message(
        "OZG.BescheidEmpfangsbestaetigung.130406",
        "130406",
        [plain_document("xa:empfangsbestaetigung")],
        uuid=uuid_for("130406"),
        antrag="ANTRAG-130406",
        ausloeser=uuid_for("130405"),
    )


BUILDERS = {
    "130101": antrag_130101,
    "130103": rueckkanal_antwort_130103,
    "130111": ruecknahme_130111,
    "130201": verpflichtungserklaerung_130201,
    "130301": freizuegigkeit_130301,
    "130401": fachkraefte_130401,
    "130404": rueckmeldung_vereinbarung_130404,
    "130406": empfangsbestaetigung_130406,
}
