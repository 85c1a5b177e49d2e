"""Opening a ZIP file from outside without letting it hurt us.

The ZIP of a packaged document delivery is written by the sender's side and arrives untrusted.
Everything the archive says about itself (how many entries, their names, sizes and compression
methods, where they lie) is checked against fixed rules before a single byte is decompressed;
decompression is then bounded by those checked claims (zipfile stops at the declared size and
verifies the CRC), so a lie ends in an error, never in an unbounded read. One broken rule
rejects the whole archive and nothing of it is returned: a half-extracted delivery would look
complete to a caseworker.

Allowed are flat files only (no folders, no path separators, no absolute or `..` names, no
duplicates), DEFLATE or STORE, unencrypted, within the size, count and ratio caps of `ZipLimits`.
"""

from __future__ import annotations

import io
import re
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field

from ab_inbox.errors import BilingualError

MIB = 1024 * 1024
_CHUNK = 64 * 1024
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature ... name length, extra length
_EOCD_SIGNATURE = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_DRIVE = re.compile(r"^[A-Za-z]:")
_FORBIDDEN_CHARS = set(':*?"<>|')
_METHODS = {zipfile.ZIP_STORED: "STORE", zipfile.ZIP_DEFLATED: "DEFLATE"}


@dataclass(frozen=True)
class ZipLimits:
    max_archive_bytes: int = 512 * MIB
    max_entries: int = 1000
    max_entry_bytes: int = 128 * MIB
    max_total_bytes: int = 512 * MIB
    max_ratio: int = 100  # uncompressed / compressed
    ratio_floor_bytes: int = 1 * MIB  # smaller entries are not judged by their ratio


@dataclass(frozen=True)
class ZipEntry:
    name: str
    data: bytes = field(repr=False)
    offset: int  # where the entry's local header starts in the archive


class UnsafeZip(BilingualError):
    """The archive broke a rule; `entry` and `offset` say where, when it is one entry."""

    def __init__(
        self,
        rule: str,
        text_de: str,
        text_en: str,
        entry: str | None = None,
        offset: int | None = None,
    ):
        super().__init__(text_de, text_en)
        self.rule = rule
        self.entry = entry
        self.offset = offset


def shown_name(name: str, limit: int = 80) -> str:
    """An untrusted entry name made safe to quote in a reason text."""
    clean = "".join("?" if unicodedata.category(c).startswith("C") else c for c in name)
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


def _entry_error(rule: str, info: zipfile.ZipInfo, de: str, en: str) -> UnsafeZip:
    name = shown_name(info.orig_filename)
    return UnsafeZip(
        rule, f"Eintrag „{name}“: {de}", f"Entry '{name}': {en}", name, info.header_offset
    )


def read_zip(data: bytes, limits: ZipLimits = ZipLimits()) -> list[ZipEntry]:
    """Every entry with its bytes, or UnsafeZip naming the first broken rule."""
    if len(data) > limits.max_archive_bytes:
        raise UnsafeZip(
            "archive_too_large",
            f"Das ZIP-Archiv ist mit {len(data)} Bytes größer als erlaubt "
            f"({limits.max_archive_bytes} Bytes).",
            f"The ZIP archive has {len(data)} bytes, more than the allowed "
            f"{limits.max_archive_bytes}.",
        )
    _check_directory_size(data, limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise UnsafeZip(
            "not_a_zip",
            f"Die Daten sind kein lesbares ZIP-Archiv ({exc}).",
            f"The data is not a readable ZIP archive ({exc}).",
        ) from None
    with archive:
        infos = archive.infolist()
        _check_count(len(infos), limits)
        _check_entries(infos, limits)
        _check_layout(infos, data)
        return [_extract(archive, info) for info in infos]


def _too_many(limits: ZipLimits) -> UnsafeZip:
    return UnsafeZip(
        "too_many_entries",
        f"Das ZIP-Archiv enthält mehr als {limits.max_entries} Einträge.",
        f"The ZIP archive holds more than {limits.max_entries} entries.",
    )


def _check_count(count: int, limits: ZipLimits) -> None:
    if count > limits.max_entries:
        raise _too_many(limits)


def _check_directory_size(data: bytes, limits: ZipLimits) -> None:
    """Refuse a huge central directory before zipfile builds an object per entry."""
    eocd = data.rfind(_EOCD_SIGNATURE, max(0, len(data) - 22 - 65_535))
    if eocd < 0 or len(data) < eocd + 22:
        return  # zipfile reports the archive as unreadable
    count, size = struct.unpack_from("<HI", data, eocd + 10)
    locator = eocd - 20
    if locator >= 0 and data[locator : locator + 4] == _ZIP64_LOCATOR:
        record = struct.unpack_from("<Q", data, locator + 8)[0]
        if record + 56 <= len(data):
            count, size = struct.unpack_from("<QQ", data, record + 32)
    if count > limits.max_entries or size > limits.max_entries * 1024:
        raise _too_many(limits)


def _check_name(info: zipfile.ZipInfo) -> None:
    name = info.orig_filename
    if name.endswith(("/", "\\")) or info.is_dir():
        raise _entry_error(
            "directory",
            info,
            "ist ein Verzeichnis; erlaubt sind nur Dateien.",
            "is a directory; only files are allowed.",
        )
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        raise _entry_error(
            "absolute_path",
            info,
            "hat einen absoluten Pfad.",
            "has an absolute path.",
        )
    parts = re.split(r"[\\/]", name)
    if ".." in parts:
        raise _entry_error(
            "path_traversal",
            info,
            "enthält „..“ und zeigt aus dem Zielordner heraus (Path Traversal).",
            "contains '..' and points out of the target folder (path traversal).",
        )
    if len(parts) > 1:
        raise _entry_error(
            "not_flat",
            info,
            "liegt in einem Unterordner; die Dokumente müssen flach im Archiv liegen.",
            "lies in a subfolder; the documents must lie flat in the archive.",
        )
    unsafe = any(unicodedata.category(c).startswith("C") or c in _FORBIDDEN_CHARS for c in name)
    if unsafe or name in ("", ".") or len(name.encode("utf-8")) > 255:
        raise _entry_error(
            "bad_name",
            info,
            "der Name ist leer, zu lang oder enthält unzulässige Zeichen.",
            "the name is empty, too long or contains characters that are not allowed.",
        )


def _check_entries(infos: list[zipfile.ZipInfo], limits: ZipLimits) -> None:
    seen: set[str] = set()
    total = 0
    for info in infos:
        _check_name(info)
        key = unicodedata.normalize("NFC", info.orig_filename).casefold()
        if key in seen:
            raise _entry_error(
                "duplicate_entry", info, "kommt mehrfach vor.", "occurs more than once."
            )
        seen.add(key)
        if info.flag_bits & 0x1:
            raise _entry_error("encrypted", info, "ist verschlüsselt.", "is encrypted.")
        if info.compress_type not in _METHODS:
            raise _entry_error(
                "compression_method",
                info,
                f"ist mit Verfahren {info.compress_type} komprimiert; erlaubt sind nur "
                "DEFLATE und STORE.",
                f"is compressed with method {info.compress_type}; only DEFLATE and STORE are "
                "allowed.",
            )
        if info.file_size > limits.max_entry_bytes:
            raise _entry_error(
                "entry_too_large",
                info,
                f"wäre entpackt {info.file_size} Bytes groß, mehr als erlaubt "
                f"({limits.max_entry_bytes} Bytes).",
                f"would unpack to {info.file_size} bytes, more than the allowed "
                f"{limits.max_entry_bytes}.",
            )
        total += info.file_size
        if total > limits.max_total_bytes:
            raise _entry_error(
                "total_too_large",
                info,
                f"mit ihm wären die Einträge entpackt größer als erlaubt "
                f"({limits.max_total_bytes} Bytes).",
                f"with it the entries would unpack to more than the allowed "
                f"{limits.max_total_bytes} bytes.",
            )
        packed = max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor_bytes and info.file_size > packed * limits.max_ratio:
            ratio = info.file_size // packed
            raise _entry_error(
                "compression_ratio",
                info,
                f"würde sich auf das {ratio}-Fache entpacken (erlaubt: {limits.max_ratio}-fach); "
                "Verdacht auf eine ZIP-Bombe.",
                f"would unpack to {ratio} times its size (allowed: {limits.max_ratio} times); "
                "suspected zip bomb.",
            )


def _check_layout(infos: list[zipfile.ZipInfo], data: bytes) -> None:
    """Entries must not overlap: overlapping entries multiply one compressed stream."""
    end = 0
    for info in sorted(infos, key=lambda i: i.header_offset):
        start = info.header_offset
        header = data[start : start + _LOCAL_HEADER.size]
        if start < end:
            raise _entry_error(
                "overlapping_entries",
                info,
                "überlappt mit einem anderen Eintrag (Verdacht auf eine ZIP-Bombe).",
                "overlaps another entry (suspected zip bomb).",
            )
        if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
            raise _entry_error(
                "corrupt_entry",
                info,
                "sein Kopf fehlt an der angegebenen Stelle.",
                "its header is missing at the stated position.",
            )
        _, name_length, extra_length = _LOCAL_HEADER.unpack(header)
        end = start + _LOCAL_HEADER.size + name_length + extra_length + info.compress_size
        if end > len(data):
            raise _entry_error(
                "corrupt_entry",
                info,
                "reicht über das Ende des Archivs hinaus.",
                "extends beyond the end of the archive.",
            )


def _extract(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> ZipEntry:
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > info.file_size:
                    break
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise _entry_error(
            "corrupt_entry",
            info,
            f"ist beschädigt oder seine Angaben stimmen nicht ({exc}).",
            f"is damaged or its stated details are wrong ({exc}).",
        ) from None
    if size != info.file_size:
        raise _entry_error(
            "corrupt_entry",
            info,
            f"hat entpackt {size} statt der angegebenen {info.file_size} Bytes.",
            f"unpacks to {size} instead of the stated {info.file_size} bytes.",
        )
    return ZipEntry(info.orig_filename, b"".join(chunks), info.header_offset)
