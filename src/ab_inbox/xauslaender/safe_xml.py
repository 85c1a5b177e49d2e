"""Hardened XML parsing for untrusted messages.

Every byte that reaches us from outside goes through `parse_untrusted`: the size is capped before
libxml2 sees anything, DTDs and entities are never loaded or expanded, no network is touched and a
DOCTYPE is refused outright (XAusländer messages never carry one).

libxml2 refuses text nodes over 10 MB and nesting deeper than 256 unless told otherwise. Only
documents carried as base64 (`dokument` in OZG messages, `dokumentcontainer` in document
packets, which may each approach the 50 MB the standard allows per message) may be longer: when
the normal parse stops at a long text node, the message is parsed again with libxml2's large
mode and accepted only if every long text belongs to such an element and the nesting stays
within the normal depth. A long text anywhere else is still refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from ab_inbox.errors import BilingualError

DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024
TEXT_NODE_LIMIT = 10_000_000  # libxml2's limit without its large mode
MAX_DEPTH = 256  # libxml2's limit without its large mode
BINARY_ELEMENTS = frozenset({"dokument", "dokumentcontainer"})
# A DOCTYPE may only appear in the prolog; look there (after an optional BOM/declaration/comments).
_PROLOG_WINDOW = 4096
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_DOCTYPE_UTF16 = re.compile("<!DOCTYPE".encode("utf-16-le"), re.IGNORECASE)


class UnsafeXmlError(BilingualError, ValueError):
    """Input refused before or during parsing; carries a stable reason code and both languages."""

    def __init__(self, code: str, text_de: str, text_en: str, line: int | None = None):
        super().__init__(text_de, text_en)
        self.code = code
        self.line = line


@dataclass(frozen=True)
class ParseLimits:
    max_bytes: int = DEFAULT_MAX_MESSAGE_BYTES


def hardened_parser(*, large_text: bool = False) -> etree.XMLParser:
    """A fresh parser with every dangerous feature off (parsers are not thread-safe)."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=large_text,
        recover=False,
        remove_comments=False,
        remove_pis=False,
        collect_ids=False,
    )


def parse_untrusted(data: bytes, limits: ParseLimits = ParseLimits()) -> etree._ElementTree:
    """Parse message bytes or raise UnsafeXmlError with a reason a caseworker can read."""
    if not data or not data.strip():
        raise UnsafeXmlError("empty", "Die Datei ist leer.", "The file is empty.")
    if len(data) > limits.max_bytes:
        raise UnsafeXmlError(
            "too_large",
            f"Die Datei ist mit {len(data):,} Bytes größer als die erlaubten "
            f"{limits.max_bytes:,} Bytes.".replace(",", "."),
            f"The file has {len(data):,} bytes, more than the allowed {limits.max_bytes:,}.",
        )
    head = data[:_PROLOG_WINDOW]
    if _DOCTYPE.search(head) or _DOCTYPE_UTF16.search(head):
        raise UnsafeXmlError(
            "doctype",
            "Die Datei enthält eine DOCTYPE-Deklaration; XAusländer-Nachrichten dürfen keine "
            "enthalten (Schutz vor Entity-Angriffen).",
            "The file contains a DOCTYPE declaration; XAusländer messages must not have one "
            "(protection against entity attacks).",
        )
    try:
        try:
            tree = etree.ElementTree(etree.fromstring(data, hardened_parser()))
        except etree.XMLSyntaxError as exc:
            if "Text node too long" not in str(exc):
                raise
            tree = _parse_with_long_documents(data)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        msg = str(exc.msg if hasattr(exc, "msg") else exc)
        if "DOCTYPE" in msg or "Entity" in msg or "entity" in msg:
            raise UnsafeXmlError(
                "doctype",
                f"Unzulässige DTD- oder Entity-Verwendung (Zeile {line}): {msg}",
                f"Forbidden DTD or entity use (line {line}): {msg}",
                line,
            ) from None
        if "Excessive depth" in msg or "huge" in msg.lower():
            raise UnsafeXmlError(
                "too_deep",
                f"Die XML-Struktur ist zu tief verschachtelt oder zu groß (Zeile {line}).",
                f"The XML structure is nested too deeply or too large (line {line}).",
                line,
            ) from None
        raise UnsafeXmlError(
            "not_wellformed",
            f"Die Datei ist kein wohlgeformtes XML (Zeile {line}): {msg}",
            f"The file is not well-formed XML (line {line}): {msg}",
            line,
        ) from None
    if tree.docinfo.doctype:
        raise UnsafeXmlError(
            "doctype",
            "Die Datei enthält eine DOCTYPE-Deklaration.",
            "The file contains a DOCTYPE declaration.",
        )
    return tree


def _parse_with_long_documents(data: bytes) -> etree._ElementTree:
    """The large-mode parse for messages carrying big base64 documents (see the module text)."""
    tree = etree.ElementTree(etree.fromstring(data, hardened_parser(large_text=True)))
    stack = [(tree.getroot(), 1)]
    while stack:
        element, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise UnsafeXmlError(
                "too_deep",
                f"Die XML-Struktur ist tiefer als {MAX_DEPTH} Ebenen verschachtelt.",
                f"The XML structure is nested deeper than {MAX_DEPTH} levels.",
                element.sourceline,
            )
        long_text = element.text is not None and len(element.text) > TEXT_NODE_LIMIT
        if long_text and etree.QName(element).localname not in BINARY_ELEMENTS:
            raise UnsafeXmlError(
                "too_deep",
                f"Das Element „{etree.QName(element).localname}“ (Zeile {element.sourceline}) "
                "enthält mehr als 10 MB Text; das ist nur für Dokumentinhalte erlaubt.",
                f"The element '{etree.QName(element).localname}' (line {element.sourceline}) "
                "holds more than 10 MB of text; only document content may.",
                element.sourceline,
            )
        if element.tail is not None and len(element.tail) > TEXT_NODE_LIMIT:
            raise UnsafeXmlError(
                "too_deep",
                f"Mehr als 10 MB Text zwischen Elementen (Zeile {element.sourceline}).",
                f"More than 10 MB of text between elements (line {element.sourceline}).",
                element.sourceline,
            )
        stack.extend((child, depth + 1) for child in element if isinstance(child.tag, str))
    return tree
