"""Fetching a drop folder: check on worker threads, store and acknowledge in order.

Checking a message (parse, XSD, code lists, extraction, attachment decoding) needs no database,
so up to `workers` files are checked ahead on a small thread pool while the main thread writes
the previous one; libxml2, hashing and SQLite release the GIL for their heavy parts. Writes stay
on one thread, one transaction per message, and a file is moved only after its COMMIT.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ab_inbox.ingest.checking import CheckPolicy
from ab_inbox.ingest.dropfolder import (
    PROCESSED,
    QUARANTINE,
    ClaimedElsewhere,
    acknowledge,
    claim,
    read_within_cap,
    settled_files,
    too_large,
    write_reason,
)
from ab_inbox.ingest.pipeline import (
    ACCEPTED,
    INVALID,
    QUARANTINED,
    Outcome,
    Prepared,
    prepare,
    quarantine,
    store_prepared,
)
from ab_inbox.store import fetch_runs
from ab_inbox.store.database import Database
from ab_inbox.xauslaender.schema_pack import PackLibrary

DEFAULT_WORKERS = min(2, os.cpu_count() or 1)


@dataclass
class FetchReport:
    outcomes: list[Outcome] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)  # still being written; taken next time
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, error) not handled

    @property
    def ok(self) -> bool:
        return not self.failed

    def stored_count(self) -> int:
        """Messages this run added to the store (valid or not; no duplicates, no quarantine)."""
        return sum(1 for outcome in self.outcomes if outcome.kind in (ACCEPTED, INVALID))

    def counts(self) -> dict[str, int]:
        result: dict[str, int] = {}
        for outcome in self.outcomes:
            result[outcome.kind] = result.get(outcome.kind, 0) + 1
        return result


@dataclass
class _Claimed:
    path: Path
    handle: BinaryIO
    size: int
    digest: str
    prepared: Prepared | None  # None: too large to read


def _claim_and_check(path: Path, packs: PackLibrary, policy: CheckPolicy) -> _Claimed:
    """Worker side: claim the file, read it once, check it. Touches no database."""
    handle = claim(path)
    try:
        data, size, digest = read_within_cap(handle, policy.parse_limits.max_bytes)
        if data is None:
            return _Claimed(path, handle, size, digest, None)
        digest = hashlib.sha256(data).hexdigest()
        prepared = prepare(data, packs, source_name=path.name, policy=policy, sha256=digest)
        return _Claimed(path, handle, size, digest, prepared)
    except BaseException:
        handle.close()
        raise


def _store_and_acknowledge(db: Database, claimed: _Claimed, policy: CheckPolicy) -> Outcome:
    """Writer side: one transaction, then move the file; the claim ends with the move."""
    path, folder = claimed.path, claimed.path.parent
    try:
        if claimed.prepared is None:
            outcome = quarantine(
                db,
                raw=None,
                sha256=claimed.digest,
                size=claimed.size,
                rejected=too_large(claimed.size, policy),
                source_name=path.name,
                transport="dropfolder",
                stored_as=f"{QUARANTINE}/{path.name}",
            )
        else:
            outcome = store_prepared(db, claimed.prepared)
        if outcome.kind == QUARANTINED:
            write_reason(folder / QUARANTINE, path.name, outcome, claimed.digest)
            acknowledge(path, folder / QUARANTINE)
        else:
            acknowledge(path, folder / PROCESSED)
        return outcome
    finally:
        claimed.handle.close()


def run_inline(fn, *args, **kwargs) -> Future:
    """Run on the calling thread, with the result in a Future like a pool's."""
    future: Future = Future()
    try:
        future.set_result(fn(*args, **kwargs))
    except BaseException as exc:  # noqa: BLE001 - delivered through the future like a pool's
        future.set_exception(exc)
    return future


def fetch_once(
    db: Database,
    folder: Path,
    packs: PackLibrary,
    policy: CheckPolicy = CheckPolicy(),
    *,
    settle_s: float = 1.0,
    on_outcome: Callable[[Outcome], None] | None = None,
    stop: threading.Event | None = None,
    workers: int = DEFAULT_WORKERS,
    watching: bool = False,
) -> FetchReport:
    """One pass over the folder; oldest files first, results reported in that order. The run
    is noted in the store (store.fetch_runs; `watching`: a watch's run), also when it stops
    with an error.

    workers=0 checks each file on the calling thread (no pool), for comparison and debugging.
    """
    try:
        report = _fetch_folder(db, folder, packs, policy, settle_s, on_outcome, stop, workers)
    except Exception as exc:
        fetch_runs.record_run(db, fetch_runs.FOLDER, error=exc, watching=watching)
        raise
    fetch_runs.record_run(
        db,
        fetch_runs.FOLDER,
        stored=report.stored_count(),
        failed=len(report.failed),
        watching=watching,
    )
    return report


def _fetch_folder(db, folder, packs, policy, settle_s, on_outcome, stop, workers) -> FetchReport:
    report = FetchReport()
    ready, changing = settled_files(folder, settle_s)
    report.waiting.extend(p.name for p in changing)
    pending = deque(ready)
    in_flight: deque[tuple[Path, Future]] = deque()
    if ready and workers > 0:
        packs.prepare_validators()  # never compiled next to the check threads' libxml2 work
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="check") as pool:
        # The first file is checked on this thread: what else a check loads on first use (code
        # schema, code lists, extractors) is then set up once, before the threads start.
        first = [True]

        def submit(*args) -> Future:
            if workers > 0 and not first[0]:
                return pool.submit(*args)
            first[0] = False
            return run_inline(*args)

        def top_up() -> None:
            while pending and len(in_flight) < max(1, 2 * workers):
                if stop is not None and stop.is_set():
                    report.waiting.extend(p.name for p in pending)
                    pending.clear()
                    return
                path = pending.popleft()
                in_flight.append((path, submit(_claim_and_check, path, packs, policy)))

        top_up()
        while in_flight:
            path, future = in_flight.popleft()
            try:
                outcome = _store_and_acknowledge(db, future.result(), policy)
            except ClaimedElsewhere:
                outcome = None  # taken by another fetch process meanwhile: it reports the file
            except PermissionError:
                report.waiting.append(path.name)  # locked by its writer; next round
                outcome = None
            except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
                report.failed.append((path.name, f"{type(exc).__name__}: {exc}"))
                outcome = None
            if outcome is not None:
                report.outcomes.append(outcome)
                if on_outcome is not None:
                    on_outcome(outcome)
            top_up()
    return report
