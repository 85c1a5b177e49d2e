"""ui.ops: results on the GUI thread, serial writes, failures, dead parents, synchronous mode."""

from __future__ import annotations

import threading
import time

import pytest
import shiboken6
from PySide6.QtCore import QObject

from ab_inbox.ui import ops
from ab_inbox.ui.ops import Op, ThreadLocalInbox
from tests.conftest import ensure_tester


@pytest.fixture
def parent():
    obj = QObject()
    yield obj
    if shiboken6.isValid(obj):
        shiboken6.delete(obj)


@pytest.fixture
def failures():
    seen: list[BaseException] = []
    previous = ops.set_default_failure_handler(seen.append)
    yield seen
    ops.set_default_failure_handler(previous)


@pytest.mark.real_threads
def test_result_arrives_on_gui_thread(qtbot, parent):
    gui = threading.get_ident()
    seen: list[tuple[int, int]] = []

    def work() -> int:
        return threading.get_ident()

    Op(parent, work).on_success(lambda worker: seen.append((worker, threading.get_ident()))).start()
    qtbot.waitUntil(lambda: bool(seen))
    worker, callback = seen[0]
    assert worker != gui
    assert callback == gui


@pytest.mark.real_threads
def test_writes_run_one_at_a_time_in_submission_order(qtbot, parent):
    order: list[int] = []
    running = 0
    overlap = False
    lock = threading.Lock()

    def write(i: int) -> int:
        nonlocal running, overlap
        with lock:
            running += 1
            overlap = overlap or running > 1
        time.sleep(0.002 * (i % 3))
        order.append(i)
        with lock:
            running -= 1
        return i

    delivered: list[int] = []
    for i in range(12):
        Op(parent, lambda i=i: write(i), kind="write").on_success(delivered.append).start()
    qtbot.waitUntil(lambda: len(delivered) == 12)
    assert order == list(range(12))
    assert delivered == list(range(12))
    assert not overlap


@pytest.mark.real_threads
def test_reads_share_a_pool_of_two(qtbot, parent):
    barrier = threading.Barrier(2, timeout=5)
    done: list[int] = []
    for _ in range(2):
        Op(parent, barrier.wait, kind="read").on_success(done.append).start()
    qtbot.waitUntil(lambda: len(done) == 2)
    assert sorted(done) == [0, 1]


@pytest.mark.real_threads
def test_failure_reaches_on_failure_on_gui_thread(qtbot, parent, failures):
    gui = threading.get_ident()
    seen: list[tuple[BaseException, int]] = []

    def boom():
        raise ValueError("kaputt")

    (
        Op(parent, boom)
        .on_success(lambda _: pytest.fail("no success expected"))
        .on_failure(lambda exc: seen.append((exc, threading.get_ident())))
        .start()
    )
    qtbot.waitUntil(lambda: bool(seen))
    exc, thread = seen[0]
    assert isinstance(exc, ValueError) and str(exc) == "kaputt"
    assert thread == gui
    assert failures == []


def test_failure_without_handler_goes_to_default_hook(real_threads, qtbot, parent, failures):
    assert not ops.is_synchronous()

    def boom():
        raise KeyError("x")

    Op(parent, boom, kind="write").start()
    qtbot.waitUntil(lambda: bool(failures))
    assert isinstance(failures[0], KeyError)


def test_default_hook_prints_no_message_text(parent, capsys):
    def boom():
        raise ValueError("Antrag von Müller, Anna")

    Op(parent, boom).start()
    err = capsys.readouterr().err
    assert "ValueError" in err
    assert "Müller" not in err


@pytest.mark.real_threads
def test_callbacks_dropped_after_parent_destroyed(qtbot, parent, failures):
    doomed = QObject()
    release = threading.Event()
    called: list[object] = []
    after: list[object] = []

    Op(doomed, lambda: release.wait(5), kind="write").on_success(called.append).start()

    def late_failure():
        raise RuntimeError("after the window closed")

    Op(doomed, late_failure, kind="write").on_failure(called.append).start()
    Op(parent, lambda: "later", kind="write").on_success(after.append).start()
    shiboken6.delete(doomed)
    release.set()
    qtbot.waitUntil(lambda: bool(after))
    assert called == []
    assert after == ["later"]
    assert [type(exc) for exc in failures] == [RuntimeError]


@pytest.mark.real_threads
def test_wait_for_all_and_active_count(qtbot, parent):
    release = threading.Event()
    results: list[str] = []
    Op(parent, lambda: release.wait(5) and "done").on_success(results.append).start()
    assert ops.active_count() == 1
    assert ops.wait_for_all(50) is False
    release.set()
    assert ops.wait_for_all(2000) is True
    assert ops.active_count() == 0
    qtbot.waitUntil(lambda: results == ["done"])


def test_synchronous_mode_runs_immediately_on_calling_thread(parent):
    assert ops.is_synchronous()
    seen: list[tuple[str, int]] = []
    Op(parent, lambda: "ok", kind="write").on_success(
        lambda value: seen.append((value, threading.get_ident()))
    ).start()
    assert seen == [("ok", threading.get_ident())]
    assert ops.active_count() == 0


def test_synchronous_mode_as_context_manager_restores(parent):
    assert ops.is_synchronous()
    with ops.run_synchronously(False):
        assert not ops.is_synchronous()
    assert ops.is_synchronous()


def test_synchronous_failure_and_dead_parent(parent):
    errors: list[BaseException] = []
    Op(parent, lambda: 1 / 0).on_failure(errors.append).start()
    assert isinstance(errors[0], ZeroDivisionError)

    doomed = QObject()
    shiboken6.delete(doomed)
    called: list[object] = []
    Op(doomed, lambda: 1).on_success(called.append).start()
    assert called == []


def test_rejects_unknown_kind_and_second_start(parent):
    with pytest.raises(ValueError):
        Op(parent, lambda: None, kind="fast")
    op = Op(parent, lambda: None)
    op.start()
    with pytest.raises(RuntimeError):
        op.start()


class _FakeInbox:
    def __init__(self):
        self.thread = threading.get_ident()
        self.closed = False

    def close(self):
        self.closed = True


def test_thread_local_inbox_one_per_thread():
    local = ThreadLocalInbox(_FakeInbox)
    here = local.get()
    assert local.get() is here
    other: list[_FakeInbox] = []
    worker = threading.Thread(target=lambda: other.append(local.get()))
    worker.start()
    worker.join()
    assert other[0] is not here
    assert other[0].thread != here.thread
    assert local.open_count() == 2
    local.close_all()
    assert here.closed and other[0].closed
    assert local.open_count() == 0
    fresh = local.get()
    assert fresh is not here and not fresh.closed


@pytest.mark.real_threads
def test_thread_local_inbox_in_ops(qtbot, parent, tmp_path, schemas_dir):
    from ab_inbox.inbox import Inbox

    with Inbox(db_path=tmp_path / "t.sqlite3") as box:
        ensure_tester(box)
    local = ThreadLocalInbox(lambda: Inbox(db_path=tmp_path / "t.sqlite3", schemas_dir=schemas_dir))
    rows: list[list] = []
    Op(parent, lambda: local.get().list_messages(), kind="read").on_success(rows.append).start()
    qtbot.waitUntil(lambda: bool(rows))
    assert rows == [[]]
    assert ops.wait_for_all(2000)
    local.close_all()


@pytest.mark.real_threads
def test_worker_threads_are_not_retired_so_connections_do_not_pile_up(qtbot, parent):
    """A retired pool thread would leave its connection open and the next op would open a
    new one; over a working day that piles up connections. The pools keep their threads."""
    seen: list[int] = []
    for kind in ops.KINDS:
        Op(parent, threading.get_native_id, kind=kind).on_success(seen.append).start()
    qtbot.waitUntil(lambda: len(seen) == len(ops.KINDS))
    assert all(ops._pool(kind).expiryTimeout() < 0 for kind in ops.KINDS)


@pytest.mark.real_threads
def test_waiting_for_the_ops_keeps_each_threads_connection(qtbot, parent):
    """wait_for_all once ended the pools' threads (QThreadPool.waitForDone does): every op
    after a wait opened a new connection with an empty page cache, and the old ones stayed
    open until the window closed."""
    local = ThreadLocalInbox(_FakeInbox)
    used: list[_FakeInbox] = []
    for _ in range(6):
        Op(parent, local.get).on_success(used.append).start()
        assert ops.wait_for_all(5000)
        qtbot.waitUntil(lambda count=len(used): len(used) == count + 1)
    assert local.open_count() <= ops.READ_THREADS
    assert len({id(inbox) for inbox in used}) <= ops.READ_THREADS
    assert ops.end_worker_threads(5000)
    assert local.close_all()


@pytest.mark.real_threads
def test_closing_the_connections_waits_for_an_op_still_using_one(qtbot, parent):
    """Closing a connection under a running query crashed the process (a window closed
    while its counts were still being read): close_all waits for running ops first."""
    release = threading.Event()
    started = threading.Event()
    local = ThreadLocalInbox(_FakeInbox)
    used: list[_FakeInbox] = []

    def work():
        inbox = local.get()
        started.set()
        release.wait(5)
        used.append(inbox)
        return inbox.closed  # still open while the op ran

    results: list[bool] = []
    Op(parent, work).on_success(results.append).start()
    assert started.wait(5)
    threading.Timer(0.05, release.set).start()
    assert local.close_all()
    assert used and used[0].closed
    qtbot.waitUntil(lambda: bool(results))
    assert results == [False]


@pytest.mark.real_threads
def test_connections_stay_open_while_an_op_outlasts_the_wait(parent):
    release, started = threading.Event(), threading.Event()
    local = ThreadLocalInbox(_FakeInbox)
    opened: list[_FakeInbox] = []
    Op(parent, lambda: (opened.append(local.get()), started.set(), release.wait(5))).start()
    assert started.wait(5)
    assert not local.close_all(wait_ms=50)
    assert opened and not opened[0].closed
    release.set()
    assert ops.wait_for_all(5000)
    assert local.close_all()
