"""Turning XML bytes into text for display, without parsing them.

The raw view shows exactly what arrived, so nothing is parsed and nothing is resolved: no DTD, no
entity, no schema location. Only the encoding is worked out, from a byte-order mark or from the
XML declaration, and only encodings that map bytes to text are accepted (Python would also accept
`unicode_escape` or `idna`, which would show something other than the bytes). Undecodable bytes
become U+FFFD so a broken file is still readable; the caller is told that happened.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_UTF16_WITHOUT_BOM = ((b"<\x00?\x00", "utf-16-le"), (b"\x00<\x00?", "utf-16-be"))
_DECLARATION = re.compile(
    rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z][\w.:-]{0,39})["']"""
)
_TEXT_CODECS = re.compile(
    r"^(ascii|utf-8|utf-16(-[lb]e)?|utf-32(-[lb]e)?|latin-1|iso8859-\d+|cp\d+|mac-\w+|koi8-\w+"
    r"|shift_jis\w*|euc_\w+|gb2312|gbk|gb18030|big5\w*)$"
)


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    replaced: bool = False
    declared: str | None = None


def _codec_name(label: str) -> str | None:
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return name if _TEXT_CODECS.match(name) else None


def detect_encoding(data: bytes) -> tuple[str, int, str | None]:
    """(codec, bytes to skip, declared label) from the BOM or the declaration; UTF-8 otherwise."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom), None
    for prefix, name in _UTF16_WITHOUT_BOM:
        if data.startswith(prefix):
            return name, 0, None
    match = _DECLARATION.match(data[:1024])
    declared = match.group(1).decode("ascii") if match else None
    codec = _codec_name(declared) if declared else None
    if codec is None or codec.startswith(("utf-16", "utf-32")):
        # The declaration was readable as ASCII, so the file cannot really be UTF-16/32.
        codec = "utf-8"
    return codec, 0, declared


def decode_xml(data: bytes) -> DecodedText:
    codec, skip, declared = detect_encoding(data)
    body = data[skip:]
    try:
        return DecodedText(body.decode(codec), codec, declared=declared)
    except UnicodeDecodeError:
        return DecodedText(body.decode(codec, errors="replace"), codec, True, declared)


def shorten_long_lines(text: str, limit: int, marker: str) -> tuple[str, int]:
    """Cut lines over `limit` characters, appending `marker` (with `{count}` left out).

    Returns the text and how many lines were cut; the number of lines never changes.
    """
    if limit <= 0 or len(text) <= limit:
        return text, 0
    lines = text.split("\n")
    cut = 0
    for index, line in enumerate(lines):
        if len(line) > limit:
            lines[index] = line[:limit] + marker.format(
                count=f"{len(line) - limit:,}".replace(",", ".")
            )
            cut += 1
    return ("\n".join(lines), cut) if cut else (text, 0)
