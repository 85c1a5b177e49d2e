"""Free text for outbound messages: tidy what word processors insert, and find what DIN 91379
does not allow, so the caseworker learns which character to change instead of reading a
schema error.

Text elements of the OZG messages are DIN 91379 datatype C: Latin letters with diacritics,
digits, common punctuation, tab and line breaks, but no typographic quotes or dashes. Those
few are replaced by their plain forms (`„Termin“ – bitte` becomes `"Termin" - bitte`); any other
character outside the standard is reported. The allowed set is read from the schema pack's own
DIN 91379 schema, so it follows the pack, not this module.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from pathlib import Path

from lxml import etree

from ab_inbox.xauslaender.safe_xml import hardened_parser
from ab_inbox.xauslaender.schema_pack import SchemaPack

XS = "{http://www.w3.org/2001/XMLSchema}"
DATATYPE = "datatypeC"

_PLAIN_FORMS = str.maketrans(
    {
        "\u201e": '"',  # „
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u00ab": '"',  # «
        "\u00bb": '"',  # »
        "\u201a": "'",  # ‚
        "\u2018": "'",  # ‘
        "\u2013": "-",  # –
        "\u2014": "-",  # —
        "\u2212": "-",  # minus sign
        "\u2026": "...",  # …
        "\u2022": "-",  # •
        "\u2009": " ",  # thin space
        "\u202f": " ",  # narrow no-break space
        "\u200b": "",  # zero-width space
        "\ufeff": "",  # byte order mark
    }
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_PATTERNS: dict[Path, re.Pattern | None] = {}
_LOCK = threading.Lock()


def tidy(text: str, *, single_line: bool = False) -> str:
    """Plain forms for typographic characters, \\n line ends, no controls, trimmed."""
    text = unicodedata.normalize("NFC", text).translate(_PLAIN_FORMS)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if single_line:
        return " ".join(text.split())
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def _din_file(pack: SchemaPack) -> Path | None:
    for system_id, path in pack.catalog.items():
        if "din-norm-91379" in system_id and path.is_file():
            return path
    return None


def allowed_pattern(pack: SchemaPack) -> re.Pattern | None:
    """The pack's DIN 91379 datatype C pattern as a Python regex (None if the pack has none)."""
    path = _din_file(pack)
    if path is None:
        return None
    with _LOCK:
        if path not in _PATTERNS:
            _PATTERNS[path] = _compile(path)
        return _PATTERNS[path]


def _compile(path: Path) -> re.Pattern | None:
    root = etree.fromstring(path.read_bytes(), hardened_parser())
    for simple in root.iter(f"{XS}simpleType"):
        if simple.get("name") == DATATYPE:
            pattern = simple.find(f".//{XS}pattern")
            if pattern is not None and pattern.get("value"):
                try:
                    return re.compile(pattern.get("value"))
                except re.error:
                    return None  # a syntax Python does not share: the XSD still checks
    return None


def disallowed_characters(text: str, pack: SchemaPack) -> list[str]:
    """What DIN 91379 datatype C does not allow in `text`, each once, in order of appearance.

    A letter with combining marks is judged as one (the standard allows some such sequences);
    it is reported whole when the letter alone would pass.
    """
    pattern = allowed_pattern(pack)
    if pattern is None or pattern.fullmatch(text):
        return []
    found: list[str] = []
    for cluster in _clusters(text):
        if pattern.fullmatch(cluster):
            continue
        bad = cluster if pattern.fullmatch(cluster[0]) else cluster[0]
        if bad not in found:
            found.append(bad)
    return found


def _clusters(text: str) -> list[str]:
    clusters: list[str] = []
    for char in text:
        if clusters and unicodedata.combining(char):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def describe(chars: list[str]) -> str:
    """'"😀" (U+1F600), "Ǆ" (U+01C4)' for an error text."""
    return ", ".join(f'"{c}" ({" ".join(f"U+{ord(x):04X}" for x in c)})' for c in chars[:8])
