"""Safe file names for what leaves the office: the Fachverfahren's folder is not ours to break.

Attachment names are written by the applicant's side and arrive untrusted; identifiers come
from the message and are only mostly tame. Every name that reaches the file system passes
`safe_file_name`, which must hold on Linux and on Windows shares alike: no path separators or
control characters, no leading dots (hidden files, `..`), no trailing dots or spaces (Windows
drops them silently), no reserved device names (CON, NUL, COM1, ...), and a length cap in UTF-8
bytes so a temporary name built from it still fits the usual 255-byte limit.
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_BYTES = 150
MAX_EXTENSION_BYTES = 16
_FORBIDDEN = re.compile(r'[\\/:*?"<>|]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$", re.I)
_SPACES = re.compile(r"\s+")
EXTENSIONS = {
    "application/pdf": (".pdf",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
    "image/tiff": (".tif", ".tiff"),
}


def _is_unsafe_char(char: str) -> bool:
    # Control, format (bidi overrides), unassigned, surrogate and private-use characters.
    return unicodedata.category(char).startswith("C")


def _cut_utf8(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", errors="ignore")


def safe_file_name(name: str | None, *, fallback: str, max_bytes: int = MAX_NAME_BYTES) -> str:
    """A single path component that is harmless on every file system we may write to."""
    text = unicodedata.normalize("NFC", name or "")
    text = "".join("_" if _is_unsafe_char(c) else c for c in text)
    text = _SPACES.sub(" ", _FORBIDDEN.sub("_", text)).lstrip(". ").rstrip(". ")
    if not text.strip("_ "):
        text = fallback
    if _RESERVED.match(text.split(".", 1)[0].strip()):
        text = f"_{text}"
    stem, ext = _split_extension(text)
    if len(ext.encode("utf-8")) > MAX_EXTENSION_BYTES:  # a long "extension" is part of the name
        stem, ext = text, ""
    stem = _cut_utf8(stem, max_bytes - len(ext.encode("utf-8"))).rstrip(". ")
    return f"{stem or '_'}{ext}"


def _split_extension(text: str) -> tuple[str, str]:
    stem, dot, ext = text.rpartition(".")
    if not dot or not stem:
        return text, ""
    return stem, f".{ext}"


def with_extension_for(name: str, mime: str | None) -> str:
    """Make the extension match the bytes, so "scan.exe" holding a PDF opens as a PDF."""
    allowed = EXTENSIONS.get(mime or "")
    if not allowed or name.lower().endswith(allowed):
        return name
    return f"{name}{allowed[0]}"


def message_base_name(
    antragsidentifikation: str | None, nachrichten_uuid: str | None, *, fallback: str
) -> str:
    """`<antragsidentifikation>_<nachrichtenUUID>`: stable per message, unique per office."""
    uuid = safe_file_name(nachrichten_uuid, fallback="_", max_bytes=40) if nachrichten_uuid else ""
    # The UUID makes the name unique, so only the identification is shortened when too long.
    antrag = ""
    if antragsidentifikation:
        antrag = safe_file_name(antragsidentifikation, fallback="_", max_bytes=119 - len(uuid))
    joined = "_".join(p for p in (antrag, uuid) if p)
    return joined if joined.strip("_") else safe_file_name(None, fallback=fallback)


def attachment_file_name(number: int, original: str | None, mime: str | None) -> str:
    """`<n>_<safe name>` with an extension that matches the sniffed MIME type."""
    base = safe_file_name(original, fallback="Dokument", max_bytes=MAX_NAME_BYTES - 20)
    return f"{number}_{with_extension_for(base, mime)}"
