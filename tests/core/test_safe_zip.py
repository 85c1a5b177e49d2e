"""safe_zip: every hostile or malformed archive is refused with its rule, before extraction."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from ab_inbox.ingest.safe_zip import UnsafeZip, ZipLimits, read_zip

PDF = b"%PDF-1.4\n" + b"demo " * 50 + b"\n%%EOF\n"


def make_zip(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in entries.items():
            archive.writestr(zipfile.ZipInfo(name), data, method)
    return buffer.getvalue()


def central_headers(data: bytes) -> list[int]:
    """Offsets of the central directory headers, in order."""
    found, start = [], 0
    while (at := data.find(b"PK\x01\x02", start)) >= 0:
        found.append(at)
        start = at + 4
    return found


def refused(data: bytes, limits: ZipLimits = ZipLimits()) -> UnsafeZip:
    with pytest.raises(UnsafeZip) as caught:
        read_zip(data, limits)
    exc = caught.value
    assert exc.text_de and exc.text_en and exc.text_de != exc.text_en
    return exc


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
def test_flat_entries_come_back_with_their_bytes_and_offsets(method):
    data = make_zip({"a.pdf": PDF, "b.jpg": b"\xff\xd8\xff" + b"x" * 100}, method)

    entries = read_zip(data)

    assert [(e.name, e.data) for e in entries] == [
        ("a.pdf", PDF),
        ("b.jpg", b"\xff\xd8\xff" + b"x" * 100),
    ]
    assert entries[0].offset == 0 and entries[1].offset > 0


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("../evil.pdf", "path_traversal"),
        ("..", "path_traversal"),
        ("..\\evil.pdf", "path_traversal"),
        ("/etc/passwd", "absolute_path"),
        ("\\windows\\x.pdf", "absolute_path"),
        ("C:evil.pdf", "absolute_path"),
        ("sub/x.pdf", "not_flat"),
        ("sub\\x.pdf", "not_flat"),
        ("folder/", "directory"),
        ("x.pdf:stream", "bad_name"),
        ("x\x07.pdf", "bad_name"),
        ("x" * 300, "bad_name"),
    ],
)
def test_names_that_leave_the_folder_or_are_not_flat_are_refused(name, rule):
    exc = refused(make_zip({"ok.pdf": PDF, name: PDF}))

    assert exc.rule == rule
    assert exc.offset is not None and exc.offset > 0  # the second entry
    assert exc.entry is not None and "\x07" not in exc.text_de


def test_duplicate_names_are_refused_also_when_only_the_case_differs():
    data = make_zip({"a.pdf": PDF, "b.pdf": PDF}).replace(b"b.pdf", b"A.PDF")

    assert refused(data).rule == "duplicate_entry"


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_only_deflate_and_store(method):
    exc = refused(make_zip({"a.pdf": PDF}, method))

    assert exc.rule == "compression_method" and "DEFLATE" in exc.text_de


def test_encrypted_entries_are_refused():
    data = bytearray(make_zip({"a.pdf": PDF}))
    for at in central_headers(bytes(data)):
        data[at + 8] |= 0x1  # general purpose flag, bit 0: encrypted
    data[6] |= 0x1

    assert refused(bytes(data)).rule == "encrypted"


def test_a_zip_bomb_by_compression_ratio_is_refused_before_extraction():
    bomb = make_zip({"a.pdf": b"\0" * (20 * 1024 * 1024)})
    assert len(bomb) < 100_000

    exc = refused(bomb)

    assert exc.rule == "compression_ratio" and "ZIP-Bombe" in exc.text_de


def test_a_huge_declared_size_is_refused_without_reading():
    data = bytearray(make_zip({"a.pdf": PDF}))
    [at] = central_headers(bytes(data))
    struct.pack_into("<I", data, at + 24, 3_000_000_000)  # uncompressed size

    assert refused(bytes(data)).rule == "entry_too_large"


def test_a_declared_size_that_lies_is_caught_while_reading():
    data = bytearray(make_zip({"a.pdf": PDF}))
    [at] = central_headers(bytes(data))
    struct.pack_into("<I", data, at + 24, len(PDF) - 10)

    assert refused(bytes(data)).rule == "corrupt_entry"


def test_overlapping_entries_are_refused():
    data = bytearray(make_zip({"a.pdf": PDF, "b.pdf": PDF}))
    second = central_headers(bytes(data))[1]
    struct.pack_into("<I", data, second + 42, 0)  # b.pdf's local header offset -> a.pdf's

    assert refused(bytes(data)).rule == "overlapping_entries"


def test_count_and_total_caps():
    many = make_zip({f"{i}.pdf": PDF for i in range(5)})
    assert refused(many, ZipLimits(max_entries=4)).rule == "too_many_entries"
    assert refused(many, ZipLimits(max_total_bytes=len(PDF) * 3)).rule == "total_too_large"
    assert refused(many, ZipLimits(max_archive_bytes=100)).rule == "archive_too_large"


def test_something_that_is_no_zip():
    assert refused(b"%PDF-1.4 not a zip").rule == "not_a_zip"
    assert refused(b"").rule == "not_a_zip"
