"""Read a MessageRecord from an inbound OZG message: what the queue and the detail view show.

The store keeps schema-invalid messages too, so reading never assumes the schema held: every
lookup may come back empty and then the field stays None. Names and free texts are taken exactly
as sent (no trimming, no Unicode normalisation), codes keep their value and get the German label
from the pack's code lists. Which list a code belongs to comes from the schema (see
`code_check.code_schema`), because senders usually omit `listURI` where the XSD fixes it.

One extractor per message type fills the type-specific part; they attach themselves to the
registry in `message_types`, so `extract_record` has no branch per type.

Who is the "applicant" (the person a queue row is about):
  130101 Antrag, 130301 Freizügigkeit: `angabenZurPerson`.
  130201 Verpflichtungserklärung: the host (`gastgeber`), who makes the declaration at this
         office and whose means are examined; the guest lives abroad and is recorded as a
         reference person with role "guest" (further guests likewise).
  130401 Fachkräfteverfahren: the skilled worker (`fachkraft`); the employer's agent is the
         representative, the employer and family members are reference persons.
  130103, 130111, 130404, 130406: follow-ups that name no person; applicant stays None and the
         case is found through `antragsidentifikation`.
"""

from __future__ import annotations

import binascii
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from ab_inbox.xauslaender.code_check import CodeSchema, code_schema, element_path
from ab_inbox.xauslaender.codelists import CodeListIndex, codelists_for
from ab_inbox.xauslaender.message_types import MessageType, by_name, set_extractor
from ab_inbox.xauslaender.record import CodeValue, DocumentRef, MessageRecord, Person
from ab_inbox.xauslaender.schema_pack import (
    NAMESPACE_PREFIX,
    SchemaPack,
    version_from_namespace,
)


class UnknownMessageType(ValueError):
    """The root element is not an inbound OZG message this program can read."""

    def __init__(self, root_name: str, text_de: str, text_en: str):
        super().__init__(text_en)
        self.root_name = root_name
        self.text_de = text_de
        self.text_en = text_en


@dataclass
class Reader:
    """The message being read plus what is needed to label its codes."""

    root: etree._Element
    xa: str  # "{namespace}" of the message's XAusländer elements
    lists: CodeListIndex
    codes: CodeSchema
    record: MessageRecord

    # --- lookups that tolerate missing elements ---

    def find(self, parent, *names: str):
        """The first element at parent/xa:name1/xa:name2..., or None."""
        node = parent
        for name in names:
            if node is None:
                return None
            node = node.find(self.xa + name)
        return node

    def findall(self, parent, name: str) -> list:
        return [] if parent is None else list(parent.iterchildren(self.xa + name))

    def text(self, parent, *names: str) -> str | None:
        node = self.find(parent, *names)
        return node.text if node is not None else None

    def code(self, element) -> CodeValue | None:
        """A code element's value, list and German label."""
        if element is None:
            return None
        raw = element.findtext("code")
        if raw is None:
            return None
        code = " ".join(raw.split())
        spec = self.codes.spec_for(element)
        list_uri = (spec.list_uri if spec else None) or element.get("listURI")
        version = (spec.list_version if spec else None) or element.get("listVersionID")
        label = self.lists.label(list_uri, code, version)
        if label is None and spec is not None and spec.enumerated:
            label = spec.enum_label(code)
        return CodeValue(code=code, list_uri=list_uri, list_version=version, label=label)

    def code_at(self, parent, *names: str) -> CodeValue | None:
        return self.code(self.find(parent, *names))

    # --- XInneres / XAusländer building blocks ---

    def name(self, parent, tag: str) -> str | None:
        """xian:AllgemeinerName: `name` as sent, None if missing or `nichtVorhanden`."""
        return _findtext(self.find(parent, tag), "name")

    def birth(self, person, tag: str = "geburt") -> tuple[str | None, str | None]:
        """(date as "YYYY"/"YYYY-MM"/"YYYY-MM-DD", place) from an xauslaender:Geburt."""
        geburt = self.find(person, tag)
        if geburt is None:
            return None, None
        return partial_date(self.find(geburt, "tagDerGeburt")), self.text(
            geburt, "geburtsort", "ort"
        )

    def nationalities(self, person) -> list[CodeValue]:
        found = (
            self.code_at(s, "staatsangehoerigkeit")
            for s in self.findall(person, "staatsangehoerigkeit")
        )
        return [c for c in found if c is not None]

    def sex(self, person) -> CodeValue | None:
        return self.code_at(person, "geschlecht", "geschlecht")

    def person(self, element, role: str, *, relation_tag: str | None = None) -> Person | None:
        """An OZG.Person, OZG.Referenzperson or similar block; None if absent."""
        if element is None:
            return None
        birth_date, birth_place = self.birth(element)
        if birth_date is None and birth_place is None:
            birth_date, birth_place = self.birth(element, "geburtsangaben")
        return Person(
            role=role,
            family_name=self.name(element, "familienname"),
            given_names=self.name(element, "vorname"),
            birth_name=self.name(element, "geburtsname"),
            birth_date=birth_date,
            birth_place=birth_place,
            sex=self.sex(element),
            nationalities=self.nationalities(element),
            relation=self.code_at(element, relation_tag) if relation_tag else None,
        )

    def representative(self, element) -> Person | None:
        """OZG.AntragstellerVertreter and the employer's agent in 130401."""
        if element is None:
            return None
        person = Person(
            role="representative",
            family_name=self.name(element, "familienname"),
            given_names=self.name(element, "vorname"),
            birth_date=self.text(element, "tagDerGeburt"),
            sex=self.sex(element),
            relation=self.code_at(element, "vertretungsart"),
        )
        if not person.family_name and not person.given_names:
            person.family_name = self.text(element, "firma")
        return person

    def detail(self, key: str, value: str | None) -> None:
        if value is not None and value != "":
            self.record.details[key] = value

    def reason(self, parent, *names: str) -> None:
        value = self.code_at(parent, *names)
        if value is not None:
            self.record.reasons.append(value)


def _findtext(element, path: str) -> str | None:
    return element.findtext(path) if element is not None else None


def partial_date(element) -> str | None:
    """xida:TeilbekanntesDatum(MitUnbekannt) or Tagesdatum -> "YYYY", "YYYY-MM", "YYYY-MM-DD"."""
    if element is None:
        return None
    inner = element.find("teilbekanntesDatum")
    if inner is None:
        inner = element
    for tag in ("jahrMonatTag", "jahrMonat", "jahr", "datum"):
        value = inner.findtext(tag)
        if value is not None:
            return value.strip() or None
    if len(element) == 0 and element.text and element.text.strip():
        return element.text.strip()  # a plain xida:Tagesdatum
    return None


def _boolean(value: str | None) -> bool | None:
    value = (value or "").strip()
    return True if value in ("true", "1") else False if value in ("false", "0") else None


# --- documents ----------------------------------------------------------------------------------


def _documents(reader: Reader) -> list[DocumentRef]:
    """Every OZG.Dokument* / OZG.DokumentOderReferenz* in document order.

    Each of those blocks has exactly one `dokumententyp` child; that is how they are found, so
    a document in an unexpected place of an invalid message is still listed.
    """
    xa = reader.xa
    documents: list[DocumentRef] = []
    for typ in reader.root.iter(xa + "dokumententyp"):
        block = typ.getparent()
        holder = block.find(xa + "dokumentOderReferenz")
        holder = block if holder is None else holder
        content = decode_error = None
        data = holder.find(xa + "dokument")
        uuid = holder.findtext(xa + "dokumentuuid")
        if data is not None:
            content, decode_error = decode_base64(data.text)
        documents.append(
            DocumentRef(
                index=len(documents) + 1,
                path=element_path(block),
                dokumententyp=reader.code(typ),
                dateiname=block.findtext(xa + "dateiname"),
                bezeichnung=block.findtext(xa + "bezeichnung"),
                content=content,
                encoded=data.text if data is not None else None,
                dokumentuuid=uuid.strip() if uuid else None,
                decode_error=decode_error,
            )
        )
    return documents


def decode_base64(text: str | None) -> tuple[bytes | None, str | None]:
    """(content, None) or (None, reason): broken base64 is a finding, never an exception."""
    try:
        compact = b"".join((text or "").encode("ascii").split())
        return binascii.a2b_base64(compact, strict_mode=True), None
    except (UnicodeEncodeError, binascii.Error, ValueError) as exc:
        return None, f"Base64-Inhalt nicht lesbar / base64 content unreadable: {exc}"


# --- the header all OZG messages share --------------------------------------------------------


def _header(reader: Reader) -> None:
    record, root = reader.record, reader.root
    kopf = root.find("nachrichtenkopf.g2g")
    ident = kopf.find("identifikation.nachricht") if kopf is not None else None
    record.nachrichten_uuid = _findtext(ident, "nachrichtenUUID")
    record.erstellungszeitpunkt = _findtext(ident, "erstellungszeitpunkt")
    for party, tag in ((record.reader, "leser"), (record.author, "autor")):
        node = kopf.find(tag) if kopf is not None else None
        party.kennung = _findtext(node, "kennung")
        party.name = _findtext(node, "name")
    record.antragsidentifikation = reader.text(root, "antragsidentifikation")
    record.rueckkanal_vorhanden = _boolean(reader.text(root, "rueckkanalVorhanden"))
    header_code = _findtext(ident, "nachrichtentyp/code")
    if header_code is not None and header_code.strip() != record.type_code:
        reader.detail("Nachrichtentyp im Nachrichtenkopf", header_code.strip())
    reader.detail("Bezieht sich auf Nachricht (UUID)", reader.text(root, "ausloeserUUID"))
    if root.get("test") == "true":
        reader.detail("Testnachricht", "ja")


# --- the type-specific extractors -------------------------------------------------------------

_EXTRACTORS: dict[str, Callable[[Reader], None]] = {}


def _extractor(code: str):
    def decorate(fn: Callable[[Reader], None]) -> Callable[[Reader], None]:
        _EXTRACTORS[code] = fn
        return fn

    return decorate


def _application_common(r: Reader) -> None:
    """The part OZG.Antrag and OZG.Freizuegigkeit share."""
    root, record = r.root, r.record
    r.detail("Antragsdatum", r.text(root, "antragsdatum"))
    r.reason(root, "grundDesAntrags")
    person = r.find(root, "angabenZurPerson")
    record.applicant = r.person(person, "applicant")
    r.detail(
        "Weitere Namen", "; ".join(t.text for t in r.findall(person, "weitererName") if t.text)
    )
    record.representative = r.representative(r.find(root, "antragstellerVertreter"))
    for ref in r.findall(root, "referenzperson"):
        record.reference_persons.append(
            r.person(ref, "reference_person", relation_tag="familiaereBeziehung")
        )
    r.detail("Sonstige Anmerkung", r.text(root, "sonstigeAnmerkung"))
    linked = [t.text for t in r.findall(root, "verbundenerAntrag") if t.text]
    r.detail("Verbundene Anträge", ", ".join(linked))
    r.detail(
        "Dokumentenlieferung (Pakete)",
        r.text(root, "angabenDokumentenlieferung", "anzahlDerPakete"),
    )


@_extractor("130101")
def _antrag(r: Reader) -> None:
    _application_common(r)
    r.reason(r.root, "grundDesAufenthalts")
    r.detail("Ersteinreisedatum", r.text(r.root, "ersteinreisedatum"))
    r.detail(
        "Grund der Änderung der Nebenbestimmung", r.text(r.root, "grundAenderungNebenbestimmung")
    )


@_extractor("130301")
def _freizuegigkeit(r: Reader) -> None:
    _application_common(r)
    r.reason(r.root, "grundDerMeldung")
    r.detail("Einreisedatum", r.text(r.root, "einreisedatum"))
    if _boolean(r.text(r.root, "verurteilung")):
        r.detail("Verurteilung angegeben", "ja")
    stays = r.findall(r.root, "auslandsaufenthalt")
    if stays:
        r.detail("Auslandsaufenthalte", str(len(stays)))


@_extractor("130103")
def _rueckkanal_antwort(r: Reader) -> None:
    r.detail("Antworttext", r.text(r.root, "antworttext"))
    r.detail(
        "Dokumentenlieferung (Pakete)",
        r.text(r.root, "angabenDokumentenlieferung", "anzahlDerPakete"),
    )


@_extractor("130111")
def _ruecknahme(r: Reader) -> None:
    """The withdrawal carries nothing beyond the shared header."""


@_extractor("130404")
def _rueckmeldung_vereinbarung(r: Reader) -> None:
    """The signed agreement is the message's one document."""


@_extractor("130406")
def _empfangsbestaetigung(r: Reader) -> None:
    """The signed acknowledgement is the message's one document."""


_VISA_KINDS = {
    "cVisum": ("C-Visum", "cVisum"),
    "visumfrei": ("Visumfreier Aufenthalt", "cVisum"),
    "dVisum": ("D-Visum", "dVisum"),
    "aufenthaltstitel": ("Aufenthaltstitel", "dVisum"),
}


@_extractor("130201")
def _verpflichtungserklaerung(r: Reader) -> None:
    root, record = r.root, r.record
    host = r.find(root, "gastgeber")
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
        record.applicant = Person(role="host", family_name=r.text(institution, "nameOrganisation"))
        agents = [
            r.person(a, "representative")
            for a in r.findall(institution, "vertretungsberechtigtePerson")
        ]
        if agents:
            record.representative = agents[0]
            record.reference_persons.extend(agents[1:])

    guest = r.find(root, "gast")
    if guest is not None:
        record.reference_persons.append(
            r.person(guest, "guest", relation_tag="beziehungZumGastgeber")
        )
        for other in r.findall(guest, "weitereGaeste"):
            record.reference_persons.append(
                r.person(other, "guest", relation_tag="beziehungZumGast")
            )
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


@_extractor("130401")
def _fachkraefte(r: Reader) -> None:
    root, record = r.root, r.record
    r.detail("Antragsdatum", r.text(root, "antragsdatum"))
    r.reason(root, "grundDesAufenthalts81a")
    worker = r.find(root, "fachkraft")
    record.applicant = r.person(worker, "worker")
    r.detail(
        "Weitere Namen", "; ".join(t.text for t in r.findall(worker, "weitererName") if t.text)
    )
    employer = r.find(root, "arbeitgeber")
    firma = r.text(employer, "firma")
    r.detail("Arbeitgeber", firma)
    if employer is not None:
        record.representative = r.representative(r.find(employer, "vertreter"))
        record.reference_persons.append(Person(role="employer", family_name=firma))
    for member in r.findall(root, "familienangehoerige"):
        record.reference_persons.append(
            r.person(member, "family_member", relation_tag="familiaereBeziehung")
        )
    r.detail("Sonstige Anmerkung", r.text(root, "sonstigeAnmerkung"))
    r.detail(
        "Dokumentenlieferung (Pakete)",
        r.text(root, "angabenDokumentenlieferung", "anzahlDerPakete"),
    )


for _code, _fn in _EXTRACTORS.items():
    set_extractor(_code, _fn)


# --- entry point ------------------------------------------------------------------------------


def message_type_of(root: etree._Element) -> MessageType | None:
    qname = etree.QName(root)
    if not (qname.namespace or "").startswith(NAMESPACE_PREFIX):
        return None
    return by_name(qname.localname)


def extract_record(tree, pack: SchemaPack) -> MessageRecord:
    """The record of an inbound OZG message (valid or not); UnknownMessageType otherwise."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    message_type = message_type_of(root)
    if message_type is None or not message_type.is_inbound or message_type.extractor is None:
        name = etree.QName(root).localname
        if message_type is not None:
            raise UnknownMessageType(
                name,
                f"{name} ({message_type.title_de}) wird von der Ausländerbehörde versandt, "
                "nicht empfangen; als Eingang wird sie nicht verarbeitet.",
                f"{name} ({message_type.title_en}) is sent by the immigration office, not "
                "received; it is not processed as an incoming message.",
            )
        raise UnknownMessageType(
            name,
            f"„{name}“ ist keine eingehende OZG-Nachricht von XAusländer "
            f"(Namensraum {etree.QName(root).namespace or 'keiner'}).",
            f'"{name}" is not an inbound XAusländer OZG message '
            f"(namespace {etree.QName(root).namespace or 'none'}).",
        )
    namespace = etree.QName(root).namespace
    record = MessageRecord(
        family=message_type.family,
        type_code=message_type.code,
        type_name=message_type.name,
        title_de=message_type.title_de,
        version=pack.version,
        is_application=message_type.is_application,
    )
    reader = Reader(root, f"{{{namespace}}}", codelists_for(pack), code_schema(pack), record)
    message_version = version_from_namespace(namespace)
    if message_version and message_version != pack.version:
        reader.detail("XAusländer-Version der Nachricht", message_version)
    _header(reader)
    message_type.extractor(reader)
    record.documents = _documents(reader)
    return record
