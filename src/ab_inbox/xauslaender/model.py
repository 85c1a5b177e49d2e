"""Read a MessageRecord from an inbound OZG message: what the queue and the detail view show.

This is the one entry point the rest of the program uses. It decides whether the root element is
an inbound message this program reads, then fills the record in three steps that are the same
for every type: the shared header, the type's own part (the extractor the type registered in
`message_types`, see `extractors/`), and the documents. So there is no branch per type here and
adding a type never touches this module.

The store keeps schema-invalid messages too, so none of the steps assumes the schema held; see
`reader` for how missing elements and codes are treated.
"""

from __future__ import annotations

from lxml import etree

from ab_inbox.errors import BilingualError
from ab_inbox.xauslaender.code_check import code_schema
from ab_inbox.xauslaender.codelists import codelists_for
from ab_inbox.xauslaender.documents import delivery_announcement, documents
from ab_inbox.xauslaender.message_types import MessageType, by_name
from ab_inbox.xauslaender.reader import Reader, boolean, findtext
from ab_inbox.xauslaender.record import MessageRecord
from ab_inbox.xauslaender.schema_pack import (
    NAMESPACE_PREFIX,
    SchemaPack,
    version_from_namespace,
)


class UnknownMessageType(BilingualError, ValueError):
    """The root element is not an inbound OZG message this program can read."""

    def __init__(self, root_name: str, text_de: str, text_en: str):
        super().__init__(text_de, text_en)
        self.root_name = root_name


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
        raise _unknown(root, message_type)
    namespace = etree.QName(root).namespace
    record = MessageRecord(
        family=message_type.family,
        type_code=message_type.code,
        type_name=message_type.name,
        title_de=message_type.title_de,
        version=pack.version,
        is_application=message_type.is_application,
    )
    codes = code_schema(pack, message_type.family)
    reader = Reader(root, f"{{{namespace}}}", codelists_for(pack), codes, record)
    message_version = version_from_namespace(namespace)
    if message_version and message_version != pack.version:
        reader.detail("XAusländer-Version der Nachricht", message_version)
    _header(reader)
    message_type.extractor(reader)
    record.documents = documents(reader)
    record.delivery = delivery_announcement(reader)
    return record


def _unknown(root: etree._Element, message_type: MessageType | None) -> UnknownMessageType:
    name = etree.QName(root).localname
    if message_type is not None:
        return UnknownMessageType(
            name,
            f"{name} ({message_type.title_de}) wird von der Ausländerbehörde versandt, "
            "nicht empfangen; als Eingang wird sie nicht verarbeitet.",
            f"{name} ({message_type.title_en}) is sent by the immigration office, not "
            "received; it is not processed as an incoming message.",
        )
    return UnknownMessageType(
        name,
        f"„{name}“ ist keine eingehende OZG-Nachricht von XAusländer "
        f"(Namensraum {etree.QName(root).namespace or 'keiner'}).",
        f'"{name}" is not an inbound XAusländer OZG message '
        f"(namespace {etree.QName(root).namespace or 'none'}).",
    )


def _header(reader: Reader) -> None:
    """The part all OZG messages share: `nachrichtenkopf.g2g` and the case reference."""
    record, root = reader.record, reader.root
    kopf = root.find("nachrichtenkopf.g2g")
    ident = kopf.find("identifikation.nachricht") if kopf is not None else None
    record.nachrichten_uuid = findtext(ident, "nachrichtenUUID")
    record.erstellungszeitpunkt = findtext(ident, "erstellungszeitpunkt")
    for party, tag in ((record.reader, "leser"), (record.author, "autor")):
        node = kopf.find(tag) if kopf is not None else None
        party.kennung = findtext(node, "kennung")
        party.name = findtext(node, "name")
    record.antragsidentifikation = reader.text(root, "antragsidentifikation")
    record.rueckkanal_vorhanden = boolean(reader.text(root, "rueckkanalVorhanden"))
    header_code = findtext(ident, "nachrichtentyp/code")
    if header_code is not None and header_code.strip() != record.type_code:
        reader.detail("Nachrichtentyp im Nachrichtenkopf", header_code.strip())
    reader.detail("Bezieht sich auf Nachricht (UUID)", reader.text(root, "ausloeserUUID"))
    if root.get("test") == "true":
        reader.detail("Testnachricht", "ja")
