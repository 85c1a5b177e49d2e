"""Writing files a Fachverfahren may pick up at any moment: whole or not at all.

A Fachverfahren polls its import folder and takes what it finds. So nothing is ever written
under its final name: the bytes go to a hidden temporary file in the same folder (same file
system, so the rename is atomic), are flushed to the disk, and only then renamed; the folder
itself is synced so the rename survives a power cut. A process killed halfway leaves at most a
dot-prefixed `.part` file, which import folders ignore and a later export clears away.
"""

from __future__ import annotations

import hashlib
import os
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ab_inbox.durable_files import sync_folder, write_file_atomic

STALE_PART_SECONDS = 600  # a writer that is alive touches its file far more often than this


@dataclass(frozen=True)
class WrittenFile:
    """One file of an export, named relative to the target folder (always with "/")."""

    name: str
    sha256: str
    size: int

    def as_dict(self) -> dict:
        return {"name": self.name, "sha256": self.sha256, "size": self.size}


def make_folder(folder: Path) -> None:
    """Create a folder (and parents) so that the new entry is durable too."""
    missing = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    folder.mkdir(parents=True, exist_ok=True)
    for created in reversed(missing):
        sync_folder(created.parent)


def write_atomic(folder: Path, name: str, data: bytes) -> str:
    """Write `data` as folder/name through a synced temporary file; returns the sha256."""
    write_file_atomic(folder / name, data)
    return hashlib.sha256(data).hexdigest()


def ensure_file(target: Path, relative: str, data: bytes) -> WrittenFile:
    """Write a file of fixed content unless an earlier, interrupted run already did.

    A file under its final name is always complete (see write_atomic), so an identical one is
    left alone: a Fachverfahren reading it is not disturbed and a re-run does less work.
    """
    path = target.joinpath(*PurePosixPath(relative).parts)
    digest = hashlib.sha256(data).hexdigest()
    if not _same_file(path, data, digest):
        make_folder(path.parent)
        write_atomic(path.parent, path.name, data)
    return WrittenFile(relative, digest, len(data))


def replace_file(target: Path, relative: str, data: bytes) -> WrittenFile:
    """Write a file whose content differs per run (manifest, case.json): always rewritten."""
    path = target.joinpath(*PurePosixPath(relative).parts)
    make_folder(path.parent)
    digest = write_atomic(path.parent, path.name, data)
    return WrittenFile(relative, digest, len(data))


def _same_file(path: Path, data: bytes, digest: str) -> bool:
    try:
        if not path.is_file() or path.stat().st_size != len(data):
            return False
        return hashlib.sha256(path.read_bytes()).hexdigest() == digest
    except OSError:
        return False


def clear_stale_parts(target: Path, files: list[WrittenFile]) -> None:
    """Remove temporary files that killed runs left for these files (never a live writer's)."""
    names_by_folder: dict[Path, set[str]] = {}
    for written in files:
        path = target.joinpath(*PurePosixPath(written.name).parts)
        names_by_folder.setdefault(path.parent, set()).add(path.name)
    limit = time.time() - STALE_PART_SECONDS
    for folder, names in names_by_folder.items():
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if _part_of(entry.name, names):
                with suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_mtime < limit:
                        os.unlink(entry.path)


def _part_of(entry_name: str, names: set[str]) -> bool:
    if not (entry_name.startswith(".") and entry_name.endswith(".part")):
        return False
    final = entry_name[1:].rsplit(".", 2)[0]
    return final in names
