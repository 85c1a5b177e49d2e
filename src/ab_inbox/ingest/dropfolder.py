"""The drop folder's files: which are complete, claiming one, moving it when it is done.

A file is acknowledged (moved to `processed/` or `quarantine/`) only after its transaction has
committed. A crash at any point therefore leaves the file either still waiting (and the next run
finds the stored copy and only finishes the move) or acknowledged with exactly one record.
"""

from __future__ import annotations

import errno
import hashlib
import os
import time
from contextlib import suppress
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

from ab_inbox.ingest.checking import CheckPolicy, Rejected
from ab_inbox.ingest.pipeline import Outcome
from ab_inbox.store.audit import utc_now

PROCESSED, QUARANTINE = "processed", "quarantine"
_INCOMPLETE_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", ".filepart", "~")


def is_candidate(path: Path) -> bool:
    name = path.name
    return not (
        name.startswith(".") or name.lower().endswith(_INCOMPLETE_SUFFIXES) or not path.is_file()
    )


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def settled_files(folder: Path, settle_s: float) -> tuple[list[Path], list[Path]]:
    """Split the folder's candidates into (ready, still changing), oldest first.

    A file untouched for `settle_s` is ready at once; younger files are looked at again after
    one short wait for the whole batch and taken if size and time did not change.
    """
    candidates = []
    for entry in os.scandir(folder):
        path = Path(entry.path)
        if is_candidate(path):
            sig = _signature(path)
            if sig is not None:
                candidates.append((sig[1], path.name, path, sig))
    candidates.sort()
    now_ns = time.time_ns()
    settle_ns = int(settle_s * 1e9)
    ready = [p for mtime, _, p, _ in candidates if now_ns - mtime >= settle_ns]
    young = [(p, sig) for mtime, _, p, sig in candidates if now_ns - mtime < settle_ns]
    changing: list[Path] = []
    if young:
        time.sleep(settle_s)
        for path, sig in young:
            (ready if _signature(path) == sig else changing).append(path)
    return ready, changing


def _same_content(a: Path, b: Path) -> bool:
    try:
        if a.stat().st_size != b.stat().st_size:
            return False
        return hashlib.sha256(a.read_bytes()).digest() == hashlib.sha256(b.read_bytes()).digest()
    except OSError:
        return False


def move_no_clobber(src: Path, target_dir: Path) -> Path:
    """Move src into target_dir under its name (or name.N) without overwriting anything."""
    target_dir.mkdir(exist_ok=True)
    stem, suffix = src.stem, src.suffix
    for n in range(10_000):
        target = target_dir / (src.name if n == 0 else f"{stem}.{n}{suffix}")
        if target.exists() and _same_content(src, target):
            src.unlink()  # an earlier run linked it already but stopped before unlinking
            return target
        try:
            os.link(src, target)
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EXDEV, errno.ENOTSUP, errno.EOPNOTSUPP):
                raise
            if target.exists():
                continue
            os.replace(src, target)
            return target
        src.unlink()
        return target
    raise OSError(f"no free name for {src.name} in {target_dir}")


def write_reason(target_dir: Path, name: str, outcome: Outcome, sha256: str) -> None:
    target_dir.mkdir(exist_ok=True)
    text = (
        f"Datei / file: {name}\n"
        f"Zeit / time (UTC): {utc_now()}\n"
        f"SHA-256: {sha256}\n"
        f"Quarantäne-Nr. / quarantine id: {outcome.quarantine_id}\n"
        f"Grund / reason: {outcome.reason_code}\n\n"
        f"DE: {outcome.text_de}\n"
        f"EN: {outcome.text_en}\n"
    )
    tmp = target_dir / f".{name}.reason.txt.tmp"
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target_dir / f"{name}.reason.txt")


def too_large(size: int, policy: CheckPolicy) -> Rejected:
    cap = policy.parse_limits.max_bytes
    return Rejected(
        "too_large",
        f"Die Datei ist mit {size} Bytes größer als die erlaubten {cap} Bytes; sie wurde nicht "
        "gelesen.",
        f"The file has {size} bytes, more than the allowed {cap}; it was not read.",
    )


class ClaimedElsewhere(Exception):
    """Another fetch process is working on this file (or already moved it)."""


def read_within_cap(handle, cap: int) -> tuple[bytes | None, int, str | None]:
    """(bytes, size, None) of an open file of at most `cap` bytes; (None, size, SHA-256) of a
    larger one, hashed in blocks and never read whole into memory. A file that grew past the
    cap since its size was taken counts as larger."""
    size = os.fstat(handle.fileno()).st_size
    if size <= cap:
        data = handle.read(cap + 1)
        if len(data) <= cap:
            return data, len(data), None
        handle.seek(0)
    digest = hashlib.file_digest(handle, "sha256").hexdigest()
    return None, max(size, handle.tell()), digest


def claim(path: Path):
    """Open the file holding an exclusive advisory lock, so two fetch processes on one folder
    do not both work on it; the caller closes the handle when the file is acknowledged.
    Without flock (Windows) the store's uniqueness still prevents a second record; the lock
    only saves the duplicate work and report."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise ClaimedElsewhere(path.name) from None
    try:
        if fcntl is not None:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise ClaimedElsewhere(path.name) from None
            try:
                same = os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino
            except FileNotFoundError:
                same = False
            if not same:  # moved away by the process that held the lock before us
                raise ClaimedElsewhere(path.name)
    except BaseException:
        handle.close()
        raise
    return handle


def acknowledge(path: Path, target_dir: Path) -> None:
    # FileNotFoundError: acknowledged by another fetch process; the record exists either way
    with suppress(FileNotFoundError):
        move_no_clobber(path, target_dir)
