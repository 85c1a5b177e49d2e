"""Writing the elements of an outbound message: names, addresses, documents, code values.

Elements declared by XAusländer are namespace-qualified, those of the XÖV and XInneres base
types (header, postal address parts, code values) are not, hence the `q` switch. Code elements
are written without their list attributes; `stamp_code_lists` adds listURI and listVersionID
afterwards from what the schema pack says about that element, so the versions of the standard's
code lists are never written down here. Only the two XÖV lists the pack does not carry
(Verzeichnisdienst, Erreichbarkeit) have their version named, in `UNPACKED_LIST_VERSIONS`.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from lxml import etree

from ab_inbox.xauslaender.code_check import code_schema
from ab_inbox.xauslaender.codelists import codelists_for
from ab_inbox.xauslaender.outbound.fields import Document
from ab_inbox.xauslaender.outbound.office import Address
from ab_inbox.xauslaender.schema_pack import SchemaPack

UNPACKED_LIST_VERSIONS = {
    "urn:xoev-de:kosit:codeliste:verzeichnisdienst": "1",
    "urn:de:xoev:codeliste:erreichbarkeit": "2",
}


@dataclass
class Draft:
    """The message being built: its root element and the namespace of its version."""

    root: etree._Element
    ns: str

    def add(self, parent, tag: str, text: str | None = None, *, q: bool = True):
        element = etree.SubElement(parent, f"{{{self.ns}}}{tag}" if q else tag)
        if text is not None:
            element.text = text
        return element

    def code(self, parent, tag: str, value: str, *, q: bool = True):
        element = self.add(parent, tag, q=q)
        self.add(element, "code", value, q=False)
        return element

    def building(self, parent, tag: str, address: Address, *, q: bool = True):
        """xipa:PostalischeInlandsanschrift.Gebaeudeanschrift, children in schema order."""
        element = self.add(parent, tag, q=q)
        if address.number:
            self.add(element, "hausnummer", address.number, q=False)
        if address.addition:
            self.add(element, "hausnummerBuchstabeZusatzziffer", address.addition, q=False)
        self.add(element, "postleitzahl", address.postcode, q=False)
        self.add(element, "strasse", address.street, q=False)
        self.add(element, "wohnort", address.city, q=False)
        return element

    def postal(self, parent, tag: str, address: Address):
        """xipa:PostalischeInlandsanschrift (a choice; the building address here)."""
        self.building(self.add(parent, tag, q=False), "gebaeude", address, q=False)

    def document(self, parent, tag: str, document: Document):
        """OZG.Dokument: the file in base64 and its format code."""
        element = self.add(parent, tag)
        self.add(element, "dokument", base64.b64encode(document.data).decode("ascii"))
        self.code(element, "dokumententyp", document.format_code)
        return element

    def optional_document(self, values: dict, key: str) -> None:
        if key in values:
            self.document(self.root, key, values[key])

    def optional_text(self, parent, values: dict, key: str) -> None:
        if values.get(key):
            self.add(parent, key, values[key])


def stamp_code_lists(root: etree._Element, pack: SchemaPack) -> None:
    """Give every code element the listURI and listVersionID its schema type requires."""
    schema = code_schema(pack)
    lists = codelists_for(pack)
    for code_element in list(root.iter("code")):
        element = code_element.getparent()
        spec = schema.spec_for(element) if element is not None else None
        if spec is None or not spec.list_uri:
            continue
        version = spec.list_version
        if version is None and lists.has_list(spec.list_uri):
            version = lists.versions(spec.list_uri)[-1]
        if version is None:
            version = UNPACKED_LIST_VERSIONS.get(spec.list_uri)
        element.set("listURI", spec.list_uri)
        if version is not None:
            element.set("listVersionID", version)
