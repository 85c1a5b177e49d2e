"""Writing files so that readers never see half of them and a crash never loses them.

Used by every layer that hands files to someone else (export folders, the outbox, audit
exports): write under a dot-name, fsync, rename into place, fsync the folder.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def sync_folder(folder: Path) -> None:
    """Persist the folder's entries (a new name); a no-op where folders cannot be synced."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some network file systems refuse fsync on folders; the data is synced anyway
    finally:
        os.close(fd)


def write_file_atomic(target: Path, data: bytes) -> Path:
    """All or nothing under `target`'s name: `.name.<random>.part`, fsync, rename, sync."""
    import secrets  # imported here: it loads hashlib, which the desktop's start-up does not need

    target = Path(target)
    part = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    try:
        with open(part, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(part, target)
    except BaseException:
        with contextlib.suppress(OSError):
            part.unlink()
        raise
    sync_folder(target.parent)
    return target
