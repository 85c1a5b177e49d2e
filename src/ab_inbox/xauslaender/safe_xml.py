"""Hardened XML parsing for untrusted messages.

Every byte that reaches us from outside goes through `parse_untrusted`: the size is capped before
libxml2 sees anything, DTDs and entities are never loaded or expanded, no network is touched and a
DOCTYPE is refused outright (XAusländer messages never carry one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from ab_inbox.errors import BilingualError

DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024
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


def hardened_parser() -> etree.XMLParser:
    """A fresh parser with every dangerous feature off (parsers are not thread-safe)."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
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
        tree = etree.ElementTree(etree.fromstring(data, hardened_parser()))
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
