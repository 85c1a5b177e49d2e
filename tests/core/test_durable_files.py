"""Files handed to others appear whole or not at all, and leave no temporary behind."""

from __future__ import annotations

import pytest

from ab_inbox.durable_files import write_file_atomic


def test_written_file_replaces_the_old_one_completely(tmp_path):
    target = tmp_path / "fall.pdf"
    target.write_bytes(b"old")
    write_file_atomic(target, b"%PDF-new")
    assert target.read_bytes() == b"%PDF-new"
    assert [p.name for p in tmp_path.iterdir()] == ["fall.pdf"]


def test_a_failed_write_keeps_the_old_file_and_no_part(tmp_path, monkeypatch):
    target = tmp_path / "fall.pdf"
    target.write_bytes(b"old")

    def broken_replace(*_args):
        raise OSError("disk full")

    monkeypatch.setattr("ab_inbox.durable_files.os.replace", broken_replace)
    with pytest.raises(OSError):
        write_file_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["fall.pdf"]
