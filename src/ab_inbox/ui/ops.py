"""The one way the desktop runs work off the GUI thread.

Every slow call (ingest, queries over many messages, PDF rendering) goes through `Op`, so the
rules live in one place instead of in every window:

- `fn` runs on a worker thread and must never touch widgets. Its result or exception travels
  back to the GUI thread by a queued signal, and the callbacks run there.
- If `parent` has been destroyed by then (a closed window), the callbacks are dropped; a
  failure then still goes to the default failure handler, so a lost write is never silent.
- "write" ops run on one serial worker in submission order, so two writes never race for the
  database lock and the order the user acted in is the order things happen. "read" ops share a
  small pool. "trial" ops (a document tried in a separate process before it is shown, which
  can take seconds) have a worker of their own, so they never hold up a read.
- Tests switch to synchronous mode (`run_synchronously`), where `start()` runs `fn` and the
  callbacks at once on the calling thread; `wait_for_all` and `active_count` let a fixture fail
  a test that leaves workers running.

Thread safety: `fn` must not use a SQLite connection that another thread is using. The GUI's
`Inbox` belongs to the GUI thread; `ThreadLocalInbox` gives each worker thread its own.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, Signal, Slot

if TYPE_CHECKING:
    from ab_inbox.inbox import Inbox

T = TypeVar("T")
FailureHandler = Callable[[BaseException], None]

READ_THREADS = 2
KINDS = ("read", "write", "trial")

_lock = threading.Lock()
_idle = threading.Condition(_lock)  # notified when the last running op has finished
_active = 0
_synchronous = False
_pools: dict[str, QThreadPool] = {}
_in_flight: set[Op] = set()
_relay: _Relay | None = None


def _report_to_stderr(exc: BaseException) -> None:
    """Type and code positions only: messages and values may quote names or message content."""
    frames = "".join(
        f"  {frame.filename}:{frame.lineno} in {frame.name}\n"
        for frame in traceback.extract_tb(exc.__traceback__)
    )
    print(
        f"ab-inbox: background operation failed: {type(exc).__module__}.{type(exc).__qualname__}"
        f"\n{frames}",
        file=sys.stderr,
        end="",
    )


_default_failure_handler: FailureHandler = _report_to_stderr


def set_default_failure_handler(handler: FailureHandler | None) -> FailureHandler:
    """Install the handler for failures of ops without `on_failure`; None restores stderr.

    Returns the previous handler so a caller can put it back.
    """
    global _default_failure_handler
    previous = _default_failure_handler
    _default_failure_handler = handler or _report_to_stderr
    return previous


class _SynchronousMode:
    def __init__(self, previous: bool):
        self._previous = previous

    def __enter__(self) -> _SynchronousMode:
        return self

    def __exit__(self, *exc) -> None:
        global _synchronous
        _synchronous = self._previous


def run_synchronously(enabled: bool = True) -> _SynchronousMode:
    """Switch synchronous mode now; used as a context manager it restores the previous mode."""
    global _synchronous
    previous = _synchronous
    _synchronous = enabled
    return _SynchronousMode(previous)


def is_synchronous() -> bool:
    return _synchronous


def _pool(kind: str) -> QThreadPool:
    with _lock:
        pool = _pools.get(kind)
        if pool is None:
            pool = QThreadPool()
            pool.setMaxThreadCount(READ_THREADS if kind == "read" else 1)
            # Threads live as long as the pool: ThreadLocalInbox keeps one connection per
            # thread, and a thread retired after Qt's 30 s idle time would take a new one
            # (cold page cache, the old connection left open) on the next op.
            pool.setExpiryTimeout(-1)
            pool.setObjectName(f"ab_inbox_{kind}_pool")
            _pools[kind] = pool
        return pool


def active_count() -> int:
    """Ops whose `fn` is queued or running (not counting callbacks still to be delivered)."""
    with _lock:
        return _active


def wait_for_all(timeout_ms: int = 30_000) -> bool:
    """Block until no op is queued or running; False if that did not happen within the time.

    The pools keep their threads: QThreadPool.waitForDone would end them, and with each thread
    the connection ThreadLocalInbox keeps for it (the next op would open a new one, with an
    empty page cache, and the old one would stay open until close_all)."""
    deadline = time.monotonic() + timeout_ms / 1000
    with _idle:
        while _active:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            _idle.wait(remaining)
    return True


def end_worker_threads(timeout_ms: int = 10_000) -> bool:
    """At exit: let the pools' threads finish their ops and end (False if one was still busy
    after `timeout_ms`). Ops started afterwards start new threads."""
    deadline = time.monotonic() + timeout_ms / 1000
    with _lock:
        pools = list(_pools.values())
    return all(
        pool.waitForDone(max(0, int((deadline - time.monotonic()) * 1000))) for pool in pools
    )


def _alive(obj: QObject) -> bool:
    return shiboken6.isValid(obj)


class _Relay(QObject):
    """Lives in the GUI thread; a worker emits `finished` with its op, the slot runs in the
    GUI thread. One for all ops: a QObject and a connection made for each op cost a tenth
    of a millisecond of every query's way back."""

    finished = Signal(object, bool, object)

    def __init__(self):
        super().__init__()
        self.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(object, bool, object)
    def _deliver(self, op: Op, ok: bool, value: object) -> None:
        try:
            op._deliver(ok, value)
        finally:
            _in_flight.discard(op)


def _gui_relay(app: QCoreApplication) -> _Relay:
    global _relay
    with _lock:
        if _relay is None or not _alive(_relay):
            _relay = _Relay()
            if _relay.thread() != app.thread():
                _relay.moveToThread(app.thread())
        return _relay


class Op(Generic[T]):
    """`Op(parent, fn).on_success(cb).on_failure(cb).start()`; see the module docstring."""

    def __init__(self, parent: QObject, fn: Callable[[], T], kind: str = "read"):
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        self._parent = parent
        self._fn = fn
        self._kind = kind
        self._success: Callable[[T], None] | None = None
        self._failure: FailureHandler | None = None
        self._started = False

    @property
    def kind(self) -> str:
        return self._kind

    def on_success(self, callback: Callable[[T], None]) -> Op[T]:
        self._success = callback
        return self

    def on_failure(self, callback: FailureHandler) -> Op[T]:
        self._failure = callback
        return self

    def start(self) -> None:
        if self._started:
            raise RuntimeError("an Op can be started only once")
        self._started = True
        if _synchronous:
            self._run_now()
            return
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("Op needs a running QCoreApplication (or synchronous mode)")
        relay = _gui_relay(app)
        _in_flight.add(self)
        global _active
        with _lock:
            _active += 1
        _pool(self._kind).start(lambda: self._work(relay))

    def _run_now(self) -> None:
        try:
            value = self._fn()
        except Exception as exc:
            self._deliver(False, exc)
        else:
            self._deliver(True, value)

    def _work(self, relay: _Relay) -> None:
        global _active
        try:
            try:
                value = self._fn()
            except BaseException as exc:
                ok, result = False, exc
            else:
                ok, result = True, value
            try:
                relay.finished.emit(self, ok, result)
            except RuntimeError:  # the application has gone, without waiting for this op
                if not ok:
                    _report_to_stderr(result)
        finally:
            with _idle:
                _active -= 1
                if not _active:
                    _idle.notify_all()

    def _deliver(self, ok: bool, value: object) -> None:
        parent, self._parent, self._fn = self._parent, None, None
        if not _alive(parent):
            if not ok:
                _default_failure_handler(value)  # type: ignore[arg-type]
            return
        if ok:
            if self._success is not None:
                self._success(value)  # type: ignore[arg-type]
        elif self._failure is not None:
            self._failure(value)  # type: ignore[arg-type]
        else:
            _default_failure_handler(value)  # type: ignore[arg-type]


class ThreadLocalInbox:
    """One `Inbox` (and so one SQLite connection) per worker thread, opened on first use.

    A sqlite3 connection must not be shared by threads that write, so an op's `fn` calls
    `local.get()` instead of using the GUI's `Inbox`. Qt's pool threads are not Python threads:
    Python gives them a fresh thread state for every task, so `threading.local` would forget
    the connection after each op (and its page cache with it). Connections are therefore kept
    per OS thread id. `close_all()` closes every connection when the window closes, once no op
    is running.
    """

    def __init__(self, factory: Callable[[], Inbox]):
        self._factory = factory
        self._lock = threading.Lock()
        self._by_thread: dict[int, Inbox] = {}

    def get(self) -> Inbox:
        key = threading.get_native_id()
        with self._lock:
            inbox = self._by_thread.get(key)
        if inbox is None:
            inbox = self._factory()
            with self._lock:
                self._by_thread[key] = inbox
        return inbox

    def open_count(self) -> int:
        with self._lock:
            return len(self._by_thread)

    def close_all(self, wait_ms: int = 10_000) -> bool:
        """Close every worker's connection once no op is running; False (and nothing closed)
        if ops are still running after `wait_ms`: closing a connection under a running query
        crashes the process."""
        if not wait_for_all(wait_ms):
            return False
        with self._lock:
            opened, self._by_thread = list(self._by_thread.values()), {}
        for inbox in opened:
            inbox.close()
        return True
