"""Turning XML bytes into text for display, without parsing them.

The raw view shows exactly what arrived, so nothing is parsed and nothing is resolved: no DTD, no
entity, no schema location. Only the encoding is worked out, from a byte-order mark or from the
XML declaration, and only encodings that map bytes to text are accepted (Python would also accept
`unicode_escape` or `idna`, which would show something other than the bytes). Undecodable bytes
become U+FFFD so a broken file is still readable; the caller is told that happened.

`prepare_xml` does all of this, plus cutting overlong lines and splitting the text into pieces the
viewer can insert one per event-loop turn. It is plain Python on bytes and strings, so it runs in a
background op; it works in pieces of about a megabyte so that no single call holds the GIL long
enough to stall the GUI thread's Python code.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

DECODE_PIECE_BYTES = 1024 * 1024
FILL_CHUNK_CHARS = 256 * 1024

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
    body = memoryview(data)[skip:]
    try:
        return DecodedText(_decode(body, codec, "strict"), codec, declared=declared)
    except UnicodeDecodeError:
        return DecodedText(_decode(body, codec, "replace"), codec, True, declared)


def _decode(body: memoryview, codec: str, errors: str) -> str:
    """The same text as `bytes.decode`, decoded a piece at a time (see the module docstring)."""
    decoder = codecs.getincrementaldecoder(codec)(errors)
    parts = [
        decoder.decode(body[start : start + DECODE_PIECE_BYTES])
        for start in range(0, len(body), DECODE_PIECE_BYTES)
    ]
    parts.append(decoder.decode(b"", final=True))
    return "".join(parts)


def unix_line_ends(text: str) -> str:
    """ "\\r\\n" and a lone "\\r" (old Mac files) as "\\n". The viewer counts, cuts and chunks
    lines at "\\n"; a file with "\\r" alone was one line to it, cut after its first
    characters, while Qt showed its lines. Done a piece at a time (see the module docstring),
    an "\\r" at a piece's end held back in case its "\\n" follows."""
    if "\r" not in text:
        return text
    parts, carry = [], ""
    for start in range(0, len(text), DECODE_PIECE_BYTES):
        piece = carry + text[start : start + DECODE_PIECE_BYTES]
        carry = ""
        if piece.endswith("\r"):
            piece, carry = piece[:-1], "\r"
        parts.append(piece.replace("\r\n", "\n").replace("\r", "\n"))
    if carry:
        parts.append("\n")
    return "".join(parts)


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


@dataclass(frozen=True)
class PreparedText:
    """Text ready for display: `chunks` joined is the text, each chunk ends at a line end."""

    chunks: tuple[str, ...]
    encoding: str
    replaced: bool = False
    shortened: int = 0


def prepare_xml(
    data: bytes, *, max_line_chars: int, marker: str, chunk_chars: int = FILL_CHUNK_CHARS
) -> PreparedText:
    """Decode `data`, cut lines over `max_line_chars` and split the result into chunks.

    A chunk holds about `chunk_chars` characters and always whole lines (except a last line
    without a newline), so inserting chunks one after another gives the same lines as
    inserting the text at once. Lines end in "\\n" (see `unix_line_ends`). Runs off the GUI
    thread: no Qt here.
    """
    decoded = decode_xml(data)
    text = unix_line_ends(decoded.text)
    chunks: list[str] = []
    shortened = 0
    start = 0
    while start < len(text):
        end = text.find("\n", start + max(1, chunk_chars) - 1)
        end = len(text) if end < 0 else end + 1
        chunk, cut = shorten_long_lines(text[start:end], max_line_chars, marker)
        chunks.append(chunk)
        shortened += cut
        start = end
    return PreparedText(tuple(chunks), decoded.encoding, decoded.replaced, shortened)
