"""Opening the SQLite store safely, and running write transactions that survive contention.

Several AB-Inbox processes (a `fetch --watch`, the desktop, a second user on a terminal server)
share one file. Writers take the lock up front (BEGIN IMMEDIATE) so they queue instead of
deadlocking, and a busy database is retried with backoff instead of surfacing as an error.
"""

from __future__ import annotations

import os
import random
import sqlite3
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from ab_inbox.errors import BilingualError
from ab_inbox.store.database import Database

BUSY_TIMEOUT_MS = 15_000
PAGE_SIZE = 16_384
WAL_AUTOCHECKPOINT_PAGES = 2_500  # about 40 MB of WAL between checkpoints
WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024
CACHE_KIB = 8 * 1024  # per connection
_NETWORK_FS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb",
    "smb2",
    "smb3",
    "smbfs",
    "afs",
    "9p",
    "ncpfs",
    "fuse.sshfs",
    "sshfs",
    "davfs",
    "fuse.davfs2",
    "glusterfs",
    "ceph",
    "fuse.glusterfs",
    "lustre",
    "gpfs",
    "fuse.rclone",
}


class StoreError(BilingualError):
    """A store problem a user must act on."""


def fs_type_for(path: str, mounts_text: str) -> str | None:
    """File-system type of the longest mount point containing path (from /proc/mounts text)."""
    best, best_type = "", None
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        prefix = mount_point.rstrip("/") + "/"
        if (path == mount_point or path.startswith(prefix)) and len(mount_point) > len(best):
            best, best_type = mount_point, parts[2]
    return best_type


def _linux_fs_type(path: Path) -> str | None:
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return fs_type_for(str(path), mounts)


def is_network_fs(fs_type: str | None) -> bool:
    return (fs_type or "") in _NETWORK_FS


def _windows_is_remote(path: Path) -> bool:
    text = str(path)
    if text.startswith("\\\\") or text.startswith("//"):
        return True
    try:
        import ctypes

        drive = os.path.splitdrive(text)[0] + "\\"
        return ctypes.windll.kernel32.GetDriveTypeW(drive) == 4  # DRIVE_REMOTE
    except Exception:  # noqa: BLE001 - no drive information is not a reason to refuse
        return False


def refuse_network_share(path: Path) -> None:
    """SQLite locking is unreliable on network file systems: refuse before data is at risk."""
    resolved = Path(path).resolve()
    folder = resolved.parent
    if sys.platform.startswith("win"):
        remote = _windows_is_remote(resolved)
        fs_type = "network drive"
    else:
        fs_type = _linux_fs_type(folder) or ""
        remote = is_network_fs(fs_type)
    if remote:
        raise StoreError(
            f"Die Datenbank {resolved} liegt auf einem Netzlaufwerk ({fs_type}). SQLite kann "
            "dort Daten verlieren. Bitte einen lokalen Pfad wählen (z. B. auf dem "
            "Terminalserver).",
            f"The database {resolved} is on a network share ({fs_type}). SQLite may lose data "
            "there. Please choose a local path (e.g. on the terminal server).",
        )


def open_database(path: Path | str) -> Database:
    """Open (and create) the store with the pragmas every connection needs."""
    path = Path(path)
    refuse_network_share(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # Messages are blobs of hundreds of KB: larger pages and fewer, larger checkpoints halve
    # the write cost per message (bench/ingest.py). page_size only applies to a new file.
    conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
    _with_busy_retry(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone())
    conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")
    conn.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT_BYTES}")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")
    # The default 2 MB cache holds only 125 pages of 16 KB, fewer than one search of the queue
    # touches (full-text index, messages, cases); with 8 MB a search runs from the cache.
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    return Database(conn)


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _with_busy_retry(fn, attempts: int = 12):
    delay = 0.02
    for attempt in range(attempts):
        try:
            return fn()
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or attempt == attempts - 1:
                raise
            time.sleep(delay + random.random() * delay)  # noqa: S311 - jitter, not crypto
            delay = min(delay * 2, 1.0)


@contextmanager
def write_transaction(db: Database):
    """BEGIN IMMEDIATE ... COMMIT; rolls back on any exception (nothing half-written)."""
    conn = db.conn
    _with_busy_retry(lambda: conn.execute("BEGIN IMMEDIATE"))
    try:
        yield db
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        try:
            _with_busy_retry(lambda: conn.execute("COMMIT"))
        except BaseException:
            if conn.in_transaction:  # a COMMIT that failed leaves the transaction open
                conn.execute("ROLLBACK")
            raise
