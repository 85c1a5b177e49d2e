"""Fetching the office's XTA 2 mailbox: list, leave what is not ours, fetch, store, close.

Per reader id: checkAccountActive, then getStatusList with the messages' metadata. A message
whose metadata names a type we do not take in is left in the mailbox (not downloaded, not
closed: it may be meant for another application of the office). The others are fetched and go
through the same pipeline as the drop folder; the mailbox is told to delete a message (close)
only after its transaction has committed. A crash between COMMIT and close leaves the message
in the mailbox: the next run finds it stored under its XTA message id and only closes it.

Technical problems (XTAWSTechnicalProblem, broken connections) are retried after exponentially
growing pauses; a message the server no longer knows or cannot deliver is reported and the
others go on; every other fault stops the run with its bilingual error.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from ab_inbox.ingest.checking import CheckPolicy
from ab_inbox.ingest.folder_fetch import FetchReport, run_inline
from ab_inbox.ingest.pipeline import Delivery, Outcome, prepare, store_prepared
from ab_inbox.ingest.xta.client import XtaClient
from ab_inbox.ingest.xta.faults import INVALID_MESSAGE_ID, XtaError, XtaFault, XtaProtocolError
from ab_inbox.ingest.xta.responses import MessageMeta
from ab_inbox.store import fetch_runs
from ab_inbox.store.database import Database
from ab_inbox.xauslaender.message_types import by_code, by_name
from ab_inbox.xauslaender.schema_pack import PackLibrary

log = logging.getLogger(__name__)

TRANSPORT = "xta"
DEFAULT_MAX_ITEMS = 100
# Checking (parse, XSD, code lists, attachments) runs on a small pool while the next message
# downloads; at most CHECK_AHEAD downloaded messages wait for their turn to be stored.
CHECK_WORKERS = 2
CHECK_AHEAD = 4
# Types taken in besides the registry's inbound messages: the packaged document delivery
# that follows an application whose documents were announced by dokumentuuid.
EXTRA_MESSAGE_TYPES = frozenset({"Administration.Dokumentenlieferung.Paket.000040"})


@dataclass(frozen=True)
class Backoff:
    """Pauses before retrying a technical problem: initial_s, doubled each time, at most max_s."""

    initial_s: float = 1.0
    factor: float = 2.0
    max_s: float = 300.0
    retries: int = 8

    def delay(self, retry: int) -> float:
        return min(self.max_s, self.initial_s * self.factor**retry)


@dataclass
class XtaFetchReport(FetchReport):
    skipped: list[str] = field(default_factory=list)  # XTA ids left in the mailbox (not ours)
    closed: list[str] = field(default_factory=list)  # XTA ids confirmed to the mailbox
    already_stored: list[str] = field(default_factory=list)  # stored by an earlier run
    retries: int = 0

    def counts(self) -> dict[str, int]:
        result = super().counts()
        result["skipped"] = len(self.skipped)
        result["closed"] = len(self.closed)
        return result


def is_supported(meta: MessageMeta) -> bool:
    """Whether the metadata's message type is one we take in; no type given: find out by
    fetching it."""
    if not meta.message_type:
        return True
    name = meta.message_type.strip().rsplit(":", 1)[-1]
    if name in EXTRA_MESSAGE_TYPES:
        return True
    message_type = by_name(name) or by_code(name)
    return message_type is not None and message_type.is_inbound


def already_stored(db: Database, transport_id: str) -> bool:
    row = db.execute(
        "SELECT 1 FROM messages WHERE transport = ? AND transport_id = ?"
        " UNION ALL SELECT 1 FROM quarantine WHERE transport = ? AND transport_id = ? LIMIT 1",
        (TRANSPORT, transport_id, TRANSPORT, transport_id),
    ).fetchone()
    return row is not None


@dataclass
class _Downloaded:
    transport_id: str
    request_id: str
    checked: Future  # of pipeline.Prepared


class _Run:
    """One fetch run: the collaborators, the report and the retry rule in one place."""

    def __init__(
        self, db, client, packs, policy, max_items, on_outcome, stop, sleep, backoff, pool
    ):
        self.db, self.client, self.packs, self.policy = db, client, packs, policy
        self.pool = pool
        self.checked_one = False
        self.max_items, self.on_outcome, self.stop = max_items, on_outcome, stop
        self.sleep = sleep or (stop.wait if stop is not None else time.sleep)
        self.backoff = backoff
        self.report = XtaFetchReport()

    def stopped(self) -> bool:
        return self.stop is not None and self.stop.is_set()

    def retry(self, fn: Callable, *args):
        attempt = 0
        while True:
            try:
                return fn(*args)
            except XtaError as exc:
                if not exc.retryable or attempt >= self.backoff.retries or self.stopped():
                    raise
                delay = self.backoff.delay(attempt)
                log.warning(
                    "XTA %s failed (retry %d in %.0f s): %s",
                    fn.__name__,
                    attempt + 1,
                    delay,
                    exc.text_en,
                )
                self.report.retries += 1
                self.sleep(delay)
                attempt += 1

    def reader(self, reader_id: str) -> None:
        self.retry(self.client.check_account_active, reader_id)
        seen: set[str] = set()
        listing = self.retry(self.client.get_status_list, reader_id, self.max_items)
        while not self.stopped():
            fresh = [m for m in listing.items if m.message_id not in seen]
            if not fresh:
                break
            seen.update(m.message_id for m in fresh)
            self.page(reader_id, fresh, listing.response.request_id)
            if self.stopped():
                return
            if listing.response.items_pending:
                listing = self.retry(
                    self.client.get_next_status_list, reader_id, listing.response.request_id
                )
            else:  # look again: messages may have arrived meanwhile
                listing = self.retry(self.client.get_status_list, reader_id, self.max_items)

    def page(self, reader_id: str, metas: list[MessageMeta], request_id: str) -> None:
        """Download one page in order on this thread (the connection is not shared) while the
        check pool validates what arrived; store and close strictly one after the other. On
        stop, messages downloaded but not yet stored are left in the mailbox for next time."""
        in_flight: deque[_Downloaded] = deque()
        for meta in metas:
            if self.stopped():
                break
            got = self.download(reader_id, meta, request_id)
            if got is not None:
                in_flight.append(got)
            while in_flight and (len(in_flight) > CHECK_AHEAD or in_flight[0].checked.done()):
                self.finish(reader_id, in_flight.popleft())
                if self.stopped():
                    break
        while in_flight and not self.stopped():
            self.finish(reader_id, in_flight.popleft())
        for got in in_flight:  # stopped: downloaded but not stored stays in the mailbox
            got.checked.cancel()

    def download(self, reader_id: str, meta: MessageMeta, request_id: str) -> _Downloaded | None:
        transport_id = meta.message_id
        if not is_supported(meta):
            self.report.skipped.append(transport_id)
            return None
        if already_stored(self.db, transport_id):
            self.close(reader_id, request_id, transport_id)
            self.report.already_stored.append(transport_id)
            return None
        try:
            fetched = self.retry(self.client.get_message, reader_id, transport_id)
        except XtaFault as fault:
            if fault.kind != INVALID_MESSAGE_ID:
                raise
            self.report.failed.append((transport_id, fault.text_en))  # gone meanwhile
            return None
        except XtaProtocolError as exc:  # this message cannot be read; the others may
            log.warning("XTA message %s not readable: %s", transport_id, exc.text_en)
            self.report.failed.append((transport_id, exc.text_en))
            return None
        told = fetched.meta or meta
        delivery = Delivery(
            received_at=told.delivery or meta.delivery,
            transport_id=transport_id,
            sender_id=told.author_id or meta.author_id,
        )
        # The run's first message is checked on this thread, so what a check sets up on first
        # use (code schema, code lists, extractors) is set up before threads; the validators
        # are compiled before any check, never next to the check threads' libxml2 work.
        if not self.checked_one:
            self.packs.prepare_validators()
        submit = self.pool.submit if self.checked_one else run_inline
        self.checked_one = True
        checked = submit(
            prepare,
            fetched.data,
            self.packs,
            source_name=transport_id,
            transport=TRANSPORT,
            policy=self.policy,
            delivery=delivery,
        )
        request = fetched.response.request_id if fetched.response else request_id
        return _Downloaded(transport_id, request, checked)

    def finish(self, reader_id: str, got: _Downloaded) -> None:
        try:
            outcome = store_prepared(self.db, got.checked.result())
        except Exception as exc:  # noqa: BLE001 - not closed: offered again next run
            log.warning("XTA message %s not stored: %s", got.transport_id, type(exc).__name__)
            self.report.failed.append((got.transport_id, f"{type(exc).__name__}: {exc}"))
            return
        self.report.outcomes.append(outcome)
        if self.on_outcome is not None:
            self.on_outcome(outcome)
        self.close(reader_id, got.request_id, got.transport_id)

    def close(self, reader_id: str, request_id: str, transport_id: str) -> None:
        try:
            self.retry(self.client.close, reader_id, request_id, transport_id)
        except XtaFault as fault:
            if fault.kind != INVALID_MESSAGE_ID:
                raise
            # A retried close whose first attempt did arrive: the mailbox has deleted it.
        self.report.closed.append(transport_id)


def fetch_once(
    db: Database,
    client: XtaClient,
    packs: PackLibrary,
    policy: CheckPolicy = CheckPolicy(),
    *,
    reader_ids: list[str] | tuple[str, ...],
    max_items: int = DEFAULT_MAX_ITEMS,
    on_outcome: Callable[[Outcome], None] | None = None,
    stop: threading.Event | None = None,
    sleep: Callable[[float], object] | None = None,
    backoff: Backoff = Backoff(),
    watching: bool = False,
) -> XtaFetchReport:
    """Empty the mailboxes of `reader_ids` once. `on_outcome` hears of each message as soon as
    it is stored. A stopping error carries the report so far as `error.report`. The run is
    noted in the store (store.fetch_runs; `watching`: a watch's run), also when it stops with
    an error."""
    with ThreadPoolExecutor(max_workers=CHECK_WORKERS, thread_name_prefix="xta-check") as pool:
        run = _Run(db, client, packs, policy, max_items, on_outcome, stop, sleep, backoff, pool)
        try:
            for reader_id in reader_ids:
                if run.stopped():
                    break
                run.reader(reader_id)
        except Exception as exc:
            if isinstance(exc, XtaError):
                exc.report = run.report
            stored = run.report.stored_count()
            fetch_runs.record_run(db, fetch_runs.XTA, stored=stored, error=exc, watching=watching)
            raise
    fetch_runs.record_run(
        db,
        fetch_runs.XTA,
        stored=run.report.stored_count(),
        failed=len(run.report.failed),
        watching=watching,
    )
    return run.report


def watch(
    db: Database,
    client: XtaClient,
    packs: PackLibrary,
    policy: CheckPolicy,
    stop: threading.Event,
    *,
    reader_ids: list[str] | tuple[str, ...],
    interval_s: float = 60.0,
    max_items: int = DEFAULT_MAX_ITEMS,
    on_outcome: Callable[[Outcome], None] | None = None,
    on_report: Callable[[XtaFetchReport], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    sleep: Callable[[float], object] | None = None,
    backoff: Backoff = Backoff(),
) -> None:
    """Fetch every `interval_s` until `stop` is set; a failed run is reported, not fatal."""
    while not stop.is_set():
        try:
            report = fetch_once(
                db,
                client,
                packs,
                policy,
                reader_ids=reader_ids,
                max_items=max_items,
                on_outcome=on_outcome,
                stop=stop,
                sleep=sleep,
                backoff=backoff,
                watching=True,
            )
        except Exception as exc:  # noqa: BLE001 - keep watching; the next run may work
            client.disconnect()
            if on_error is not None:
                on_error(exc)
        else:
            if on_report is not None:
                on_report(report)
        stop.wait(interval_s)
