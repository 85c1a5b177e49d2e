"""Queue responsiveness with 100,000 cases: the desktop against the raw SQL of the same queries.

The store is filled from real demo messages that went through `fetch`; their case, message and
search rows are then cloned in SQL with new names, ids and hashes (the message bytes stay shared,
content-addressed) until the store holds the requested number of cases. Then, offscreen, each
step on a settled window (the background work of the step before has finished):
  first paint   window created -> ids of "Alle" applied -> visible rows painted
  search        a name typed, the pause after typing over -> ids applied -> rows painted
  sort          by applicant -> ids applied -> rows painted
  scroll        1,000 rows, a page at a time, each painted
The raw SQL of search and sort is the SQL the window ran for the step, timed around the core
calls as they ran: the case_ids() query on a worker's connection and the rows of the first page
on the GUI thread's. The same queries repeated on a warm connection are printed too (a new
search term is not in a connection's cache yet, so its first run is slower).
Start-up to a usable window (the way `ab-inbox` starts: settings, store, access gate, window;
until the first screenful of the queue is painted) is measured against a bare PySide6 window,
each in a fresh process; the time until all ids of the view are in the
window (the queue scrolls to its end) is printed beside it.

The window is measured in three processes of its own, one after the other; each figure is the
median of the three (RSS: the largest process's peak).

Usage: QT_QPA_PLATFORM=offscreen python bench/queue.py [--cases 100000]
The last line printed is one JSON object.
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is named like the standard library's `queue`; keep its folder off the import path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from ab_inbox.demo import generate_demo  # noqa: E402
from ab_inbox.demo.names import ORIGINS  # noqa: E402
from ab_inbox.inbox import Inbox  # noqa: E402
from ab_inbox.store.connection import write_transaction  # noqa: E402
from ab_inbox.store.search_text import fold, index_text  # noqa: E402


def schemas_dir() -> Path:
    explicit = os.environ.get("AB_INBOX_SCHEMAS") or os.environ.get("AB_INBOX_TEST_SCHEMAS")
    return Path(explicit) if explicit else REPO.parent / "shared" / "xauslaender"


def fill_store(db_path: Path, work: Path, cases: int) -> None:
    seed_dir = work / "seed"
    generate_demo(seed_dir, 200, seed=11)
    with Inbox(db_path, schemas_dir()) as inbox:
        inbox.add_user(inbox.user, "admin")  # the first user of the store
        inbox.fetch(seed_dir, settle_s=0)
        db = inbox.db
        rng = random.Random(5)
        families = [f.split("|")[0] for o in ORIGINS.values() for f in o.family]
        givens = [g for o in ORIGINS.values() for g in (*o.male, *o.female)]
        templates = list(
            db.query(
                "SELECT c.*, m.id AS mid FROM cases c JOIN messages m"
                " ON m.id = c.application_message_id"
            )
        )
        have = db.execute("SELECT count(*) FROM cases").fetchone()[0]
        batch = 5000
        while have < cases:
            with write_transaction(db):
                for _ in range(min(batch, cases - have)):
                    t = rng.choice(templates)
                    family, given = rng.choice(families), rng.choice(givens)
                    name = f"{family}, {given}"
                    ident = f"BENCH-{have:07d}"
                    received = (
                        f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}T"
                        f"{rng.randint(6, 18):02d}:{rng.randint(0, 59):02d}:00.000Z"
                    )
                    cur = db.execute(
                        "INSERT INTO messages (case_id, nachrichten_uuid, sha256, blob_id, size,"
                        " family, type_code, type_name, version, erstellungszeitpunkt,"
                        " received_at, transport, source_name, validation, author_kennung,"
                        " reader_kennung, antragsidentifikation, applicant_name, attachments,"
                        " record_json) SELECT NULL, ?, ?, blob_id, size, family, type_code,"
                        " type_name, version, erstellungszeitpunkt, ?, transport, source_name,"
                        " validation, author_kennung, reader_kennung, ?, ?, attachments,"
                        " record_json FROM messages WHERE id = ?",
                        (f"bench-{have}", f"bench-sha-{have}", received, ident, name, t["mid"]),
                    )
                    mid = cur.lastrowid
                    cur = db.execute(
                        "INSERT INTO cases (antragsidentifikation, application_message_id, status,"
                        " validation, type_code, applicant_name, applicant_sort, nationality,"
                        " reason, received_at, updated_at, attachments, version)"
                        " VALUES (?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                        (
                            ident,
                            mid,
                            t["validation"],
                            t["type_code"],
                            name,
                            fold(name),
                            t["nationality"],
                            t["reason"],
                            received,
                            received,
                            t["attachments"],
                        ),
                    )
                    db.execute("UPDATE messages SET case_id = ? WHERE id = ?", (cur.lastrowid, mid))
                    db.execute(
                        "INSERT INTO message_search (rowid, names, antragsidentifikation, labels)"
                        " VALUES (?, ?, ?, '')",
                        (mid, index_text(family, given), ident),
                    )
                    have += 1
        db.execute("ANALYZE")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _wait(app, signal, action, timeout_s: float = 60.0) -> float:
    """Run action, return seconds until signal fired; Qt's own event loop runs meanwhile,
    as in the real application (a Python polling loop would starve the worker threads)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    connection = signal.connect(loop.quit)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    start = time.perf_counter()
    action()
    loop.exec()
    elapsed = time.perf_counter() - start
    signal.disconnect(connection)
    return elapsed


class _PaintCounter:
    """Counts the table's paint events, to prove a measured step ended with a real paint."""

    def __init__(self, window):
        from PySide6.QtCore import QEvent, QObject

        paint = QEvent.Type.Paint

        class Filter(QObject):
            count = 0

            def eventFilter(self, _obj, event):  # noqa: N802
                if event.type() == paint:
                    Filter.count += 1
                return False

        self.filter = Filter()
        self.kind = Filter
        window.table.viewport().installEventFilter(self.filter)

    @property
    def count(self) -> int:
        return self.kind.count


def _until_painted(app, window, counter: _PaintCounter) -> float:
    """Seconds until Qt has painted what the new ids show and has nothing left to paint: the
    updates the step asked for, processed by the event loop as in the running application (a
    second paint the step causes counts too)."""
    start = time.perf_counter()
    before = counter.count
    app.processEvents()
    if counter.count == before:  # Qt merged the update elsewhere: paint now, still measured
        window.table.viewport().repaint()
    end = time.perf_counter()
    quiet = 0
    while quiet < 3:  # a paint may ask for a layout, which asks for another paint
        painted = counter.count
        app.processEvents()
        if counter.count == painted:
            quiet += 1
        else:
            quiet, end = 0, time.perf_counter()
    return end - start


def _settle(app) -> None:
    """Let background work of the previous step finish (view counts after a refresh, the case
    view), so each step is measured on its own, as a user doing one thing at a time sees it."""
    from PySide6.QtCore import QEventLoop, QTimer

    from ab_inbox.ui.ops import wait_for_all

    wait_for_all(30_000)
    loop = QEventLoop()
    QTimer.singleShot(200, loop.quit)
    loop.exec()


def _sql_time(call, runs: int = 5) -> float:
    """Median of a few runs: a single run of a 5 ms query is at the mercy of the scheduler."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


class _CoreClock:
    """Times the core calls the window makes for the queue, on whichever thread runs them:
    the id query on a worker, the rows of the page being painted on the GUI thread. That is
    the raw SQL of a step as it really ran (same query, same connection, same cache state)."""

    def __init__(self):
        from ab_inbox.inbox import Inbox

        self.calls: list[tuple[str, float]] = []
        for name in ("case_ids", "case_rows"):
            setattr(Inbox, name, self._timed(name, getattr(Inbox, name)))

    def _timed(self, name, real):
        def timed(inbox, *args, **kwargs):
            start = time.perf_counter()
            try:
                return real(inbox, *args, **kwargs)
            finally:
                self.calls.append((name, time.perf_counter() - start))

        return timed

    def take(self) -> dict[str, float]:
        """Seconds spent per call kind since the last take (one id query per step)."""
        calls, self.calls = self.calls, []
        ids = [t for name, t in calls if name == "case_ids"]
        if len(ids) != 1:
            raise RuntimeError(f"expected one id query in the step, saw {len(ids)}")
        return {"ids": ids[0], "rows": sum(t for name, t in calls if name == "case_rows")}


# Where in the queue the names searched for are taken from (the first five were the bench's
# names before it took fifteen).
SEARCH_FRACTIONS = (0.5, 0.1, 0.3, 0.7, 0.9, *(round(0.05 + 0.1 * i, 2) for i in range(10)))


def gui_figures(db_path: Path) -> dict:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from ab_inbox.config import Settings
    from ab_inbox.ui.app import create_window
    from ab_inbox.ui.queue_model import COLUMNS, PAGE_SIZE

    app = QApplication.instance() or QApplication([])
    clock = _CoreClock()
    start = time.perf_counter()
    window = create_window(db_path, schemas_dir(), Settings())
    counter = _PaintCounter(window)
    window.show()
    all_row = next(
        i
        for i in range(window.views.count())
        if window.views.item(i).data(Qt.ItemDataRole.UserRole + 1)[0] == "all"
    )
    _wait(app, window.ids_applied, lambda: window.views.setCurrentRow(all_row))
    _until_painted(app, window, counter)
    first_paint = time.perf_counter() - start
    rows = window.model.rowCount()
    _settle(app)

    def measure(action) -> dict:
        """One step: until the ids are in the model, until painted, and its SQL as it ran."""
        clock.calls.clear()
        ids = _wait(app, window.ids_applied, action)
        total = ids + _until_painted(app, window, counter)
        core = clock.take()
        _settle(app)
        return {"total": total, "ids": ids, "sql": core["ids"] + core["rows"]}

    # Names from across the queue, each a new search (its pages not yet in any cache): the
    # median of fifteen, as a single search is at the mercy of the scheduler (five gave
    # ratios 0.1 apart from one run to the next).
    terms = []
    for i, fraction in enumerate(SEARCH_FRACTIONS):
        if i == 5:
            earlier_sample = len(terms)  # the names the bench searched for before
        family = window.model.row_data(int(rows * fraction))["applicant_name"].split(",")[0]
        if fold(family)[:5] not in terms:
            terms.append(fold(family)[:5])
    searches, hits = [], []
    for term in terms:
        # Typing: each key's echo in the search field is painted as it is typed, a quarter
        # second before the search starts; the search is measured from the end of that pause.
        window.search.setText(term)
        window.search_timer.stop()
        _settle(app)
        searches.append(measure(window.search_timer.timeout.emit))
        hits.append(window.model.rowCount())
    window.search.blockSignals(True)
    window.search.clear()
    window.search.blockSignals(False)
    _wait(app, window.ids_applied, lambda: window.refresh(counts=False))
    _settle(app)

    # By name, ascending and descending in turn: each a new query over all 100,000 cases.
    column = [c[0] for c in COLUMNS].index("applicant_name")
    orders = [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder] * 2
    orders.append(Qt.SortOrder.AscendingOrder)
    sorts = [
        measure(lambda order=order: window.table.sortByColumn(column, order)) for order in orders
    ]

    bar = window.table.verticalScrollBar()
    page = max(
        1, window.table.viewport().height() // window.table.verticalHeader().defaultSectionSize()
    )
    start = time.perf_counter()
    scrolled = 0
    while scrolled < 1000:
        bar.setValue(bar.value() + page)
        window.table.viewport().repaint()
        app.processEvents()
        scrolled += page
    scroll = time.perf_counter() - start

    # For comparison: the same queries repeated on the window's own, warm connection.
    inbox = window.inbox
    term = terms[0]
    search_ids_list = inbox.case_ids("all", search=term)
    sort_ids_list = inbox.case_ids("all", sort="applicant", descending=False)
    warm_search = _sql_time(lambda: inbox.case_ids("all", search=term)) + _sql_time(
        lambda: inbox.case_rows(search_ids_list[:PAGE_SIZE])
    )
    warm_sort = _sql_time(
        lambda: inbox.case_ids("all", sort="applicant", descending=False)
    ) + _sql_time(lambda: inbox.case_rows(sort_ids_list[:PAGE_SIZE]))
    window.close()
    window.live_timer.stop()
    from ab_inbox.ui.ops import wait_for_all

    wait_for_all(10_000)
    window.workers.close_all()
    median = statistics.median
    return {
        "rows": rows,
        "search_terms": terms,
        "search_hits": hits,
        "paints": counter.count,
        "first_paint_s": first_paint,
        "search_s": median(r["total"] for r in searches),
        "search_ids_s": median(r["ids"] for r in searches),
        "search_sql_s": median(r["sql"] for r in searches),
        "search_ratio": median(r["total"] / r["sql"] for r in searches),
        "search_ratios": [r["total"] / r["sql"] for r in searches],
        "earlier_sample": earlier_sample,
        "sort_s": median(r["total"] for r in sorts),
        "sort_ids_s": median(r["ids"] for r in sorts),
        "sort_sql_s": median(r["sql"] for r in sorts),
        "sort_ratio": median(r["total"] / r["sql"] for r in sorts),
        "scroll_1000_s": scroll,
        "search_warm_sql_s": warm_search,
        "sort_warm_sql_s": warm_sort,
    }


STARTUP_BARE = """
import time, sys; t=time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([]); w = QMainWindow(); w.resize(1400, 850); w.show(); app.processEvents()
print(time.perf_counter() - t)
"""
STARTUP_APP = """
import time, sys; t=time.perf_counter()
sys.path.insert(0, {src!r})
from ab_inbox.ui.app import open_window
from ab_inbox.ui.queue_table import QueueTable
painted = []  # paints of the queue with cases in it
real_paint = QueueTable.paintEvent
def paint(table, event):
    real_paint(table, event)
    if table.model().rowCount():
        painted.append(True)
QueueTable.paintEvent = paint
w = open_window({db!r}, {schemas!r})  # as `ab-inbox` starts: settings, store, access gate
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication
app = QApplication.instance()
# As the bare window: its events processed once, then, if the queue is not painted with its
# first screenful yet, until it is (Qt's own paint, whenever the ids arrive).
app.processEvents()
while not painted:
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
usable = time.perf_counter() - t
while not w.queue_complete:  # and all the view's ids are in (scrolling to the end works)
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
app.processEvents()
print(usable, time.perf_counter() - t)
w.live_timer.stop()
from ab_inbox.ui.ops import wait_for_all; wait_for_all(5000); w.workers.close_all()
"""


def startup_figures(db_path: Path, runs: int = 11) -> dict:
    """Medians of `runs` starts each, bare and ours taking turns, so a slower moment of the
    machine falls on both alike."""
    # As installed: with byte code (an MSI or AppImage ships it, PySide6's is in site-packages),
    # written by a warm-up start into a cache outside the checkout.
    pycache = tempfile.mkdtemp(prefix="ab-inbox-pycache-")
    app_code = STARTUP_APP.format(
        src=str(REPO / "src"), db=str(db_path), schemas=str(schemas_dir())
    )

    def start(code: str) -> list[float]:
        # A first start: no window state saved yet (a saved sort would change the query).
        fresh = Path(tempfile.mkdtemp(prefix="ab-inbox-start-"))
        env = dict(os.environ, AB_INBOX_DATA=str(fresh), AB_INBOX_CONFIG=str(fresh / "s.json"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = pycache
        try:
            out = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
            )
        finally:
            shutil.rmtree(fresh, ignore_errors=True)
        if out.returncode != 0 or not out.stdout.strip():
            raise RuntimeError(f"start-up probe failed ({out.returncode}): {out.stderr[-2000:]}")
        return [float(x) for x in out.stdout.strip().splitlines()[-1].split()]

    try:
        start(STARTUP_BARE), start(app_code)  # the first starts only write the byte code
        bare, ours, complete = [], [], []
        for _ in range(runs):
            bare.append(start(STARTUP_BARE)[0])
            usable, whole = start(app_code)
            ours.append(usable)
            complete.append(whole)
    finally:
        shutil.rmtree(pycache, ignore_errors=True)
    median = statistics.median
    return {
        "startup_bare_s": median(bare),
        "startup_s": median(ours),
        "startup_complete_s": median(complete),
    }


def gui_in_own_process(db_path: Path) -> dict:
    """The window's figures from a process of its own, like the desktop's: in the process that
    built the store, its leftovers (100,000 more Python objects for the collector to walk,
    loaded schemas) slowed painting by a third."""
    out = subprocess.run(
        [sys.executable, __file__, "--window-only", str(db_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if out.returncode != 0:
        raise RuntimeError(f"window measurement failed: {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# The window is measured in this many processes of their own; each figure is the median of
# theirs. A process's figures moved together from one process to the next (by up to 0.15 in
# the search ratio, itself a median of 15 searches): the machine's state at the time.
WINDOW_PROCESSES = 3


def combined(runs: list[dict]) -> dict:
    """The window processes' figures in one: each the median of the runs' (RSS the largest;
    each search's ratio from all runs)."""
    result = dict(runs[0])
    for key, value in runs[0].items():
        if isinstance(value, float):
            result[key] = statistics.median(run[key] for run in runs)
    result["rss_mb"] = max(run["rss_mb"] for run in runs)
    result["search_ratios"] = [ratio for run in runs for ratio in run["search_ratios"]]
    result["earlier_ratio"] = statistics.median(
        statistics.median(run["search_ratios"][: run["earlier_sample"]]) for run in runs
    )
    result["runs"] = runs
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--window-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.window_only:  # the child of gui_in_own_process
        gui = gui_figures(args.window_only)
        gui["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(gui))
        return
    work = Path(tempfile.mkdtemp(prefix="ab-inbox-queue-"))
    os.environ["AB_INBOX_DATA"] = str(work / "appdata")
    os.environ["AB_INBOX_CONFIG"] = str(work / "settings.json")
    try:
        db_path = work / "queue.sqlite3"
        t0 = time.perf_counter()
        fill_store(db_path, work, args.cases)
        print(f"store with {args.cases} cases built in {time.perf_counter() - t0:.1f} s")
        # The 400 MB just written would otherwise be flushed by the OS during the measurements.
        os.sync()
        gui = combined([gui_in_own_process(db_path) for _ in range(WINDOW_PROCESSES)])
        start = startup_figures(db_path)
        rss = gui["rss_mb"]
        print(f"window figures: medians of {WINDOW_PROCESSES} processes, each measured on its own")
        print(f"first paint of {gui['rows']} cases: {gui['first_paint_s']:.3f} s")
        print(
            f"search, median of {len(gui['search_terms'])} names "
            f"({', '.join(gui['search_terms'])}; {min(gui['search_hits'])}-"
            f"{max(gui['search_hits'])} hits): {gui['search_s']:.4f} s; its SQL "
            f"{gui['search_sql_s']:.4f} s (ids and first page); ratio {gui['search_ratio']:.2f}; "
            f"the SQL repeated on a warm connection {gui['search_warm_sql_s']:.4f} s"
        )
        ratios = gui["search_ratios"]
        print(
            f"  each search's ratio: {min(ratios):.2f}-{max(ratios):.2f}; the median of the "
            f"first five names (the bench's sample before): {gui['earlier_ratio']:.2f}"
        )
        print(
            "  search / sort ratio of each window process: "
            + ", ".join(
                f"{run['search_ratio']:.2f} / {run['sort_ratio']:.2f}" for run in gui["runs"]
            )
        )
        print(
            f"sort by applicant, median of 5 (asc/desc in turn): {gui['sort_s']:.4f} s; its SQL "
            f"{gui['sort_sql_s']:.4f} s; ratio {gui['sort_ratio']:.2f}; the SQL repeated on a "
            f"warm connection {gui['sort_warm_sql_s']:.4f} s"
        )
        print(
            f"of that, until the new ids are in the model: search {gui['search_ids_s']:.4f} s, "
            f"sort {gui['sort_ids_s']:.4f} s (the rest is Qt painting the new rows)"
        )
        print(f"scroll through 1,000 rows: {gui['scroll_1000_s']:.3f} s")
        print(
            f"start-up to usable window (first screenful of the queue painted): "
            f"{start['startup_s']:.3f} s, bare PySide6 window {start['startup_bare_s']:.3f} s; "
            f"all {args.cases} ids of the view in: {start['startup_complete_s']:.3f} s"
        )
        result = {
            "cases": args.cases,
            "first_paint_s": round(gui["first_paint_s"], 3),
            "search_s": round(gui["search_s"], 4),
            "sort_s": round(gui["sort_s"], 4),
            "scroll_1000_s": round(gui["scroll_1000_s"], 3),
            "search_sql_s": round(gui["search_sql_s"], 4),
            "sort_sql_s": round(gui["sort_sql_s"], 4),
            "search_ratio_vs_sql": round(gui["search_ratio"], 2),
            "sort_ratio_vs_sql": round(gui["sort_ratio"], 2),
            "search_ratio_vs_warm_sql": round(gui["search_s"] / gui["search_warm_sql_s"], 2),
            "sort_ratio_vs_warm_sql": round(gui["sort_s"] / gui["sort_warm_sql_s"], 2),
            "startup_s": round(start["startup_s"], 3),
            "startup_bare_s": round(start["startup_bare_s"], 3),
            "startup_complete_s": round(start["startup_complete_s"], 3),
            "startup_ratio": round(start["startup_s"] / start["startup_bare_s"], 2),
            "rss_mb": round(rss, 1),
        }
        print(json.dumps(result))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
