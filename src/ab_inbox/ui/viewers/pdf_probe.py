"""Trying an untrusted PDF in a separate process, with a time limit, before the app opens it.

pdfium has no time limit of its own, and a PDF of two kilobytes can keep it busy for minutes
(Form XObjects that draw each other ten times, five levels deep), or make loading itself take
seconds. In the app that would freeze the window: QPdfView lays the document out on the GUI
thread, and every pdfium call there waits for pdfium's one lock while a render thread holds it.
A crash inside pdfium would take the app down with the caseworker's unsaved work.

So before a PDF is shown or printed, `probe_pdf` hands its bytes to a child process
(`python -m ab_inbox.ui.viewers.pdf_probe`) that loads it, reads every page's size and text and
renders each page small, reporting each step as it is done. The child is stopped as soon as a
step overruns its budget. The budgets aim at documents that cost seconds to minutes: a page
of a 600-dpi colour scan takes about a third of a second here, and passes. The document is
opened in the app only if the trial finished within them. A document found fine is kept per
SHA-256 while the app runs, so it opens at once the next time.

A trial the caller no longer needs (the caseworker moved on) is stopped through `cancel`. If
the child cannot run at all (no interpreter beside the app, say), the verdict says so rather
than blaming the document.

The parent side is plain Python (it runs in a background op); only the child imports Qt.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

from ab_inbox.ui.viewers.render_limits import MAX_PDF_PAGES

# A page rendered this small costs about what the page's drawing operations cost: the part a
# hostile document inflates.
PROBE_BOX = 96


@dataclass(frozen=True)
class ProbeLimits:
    # The child's start, up to its first report: a quarter second on an idle PC, much more
    # on a busy one or with a virus scanner looking at it.
    startup_s: float = 20.0
    max_load_s: float = 0.5  # loading happens again in the app, on its GUI thread
    max_page_s: float = 1.0  # a page renders in the app off the GUI thread
    max_text_s: float = 0.3  # but its text is read on the GUI thread when searched
    timeout_s: float = 600.0  # the whole trial, whatever the number of pages


@dataclass(frozen=True)
class ProbeVerdict:
    ok: bool
    # "" | "slow_load" | "slow_page" | "too_many_pages" | "timeout" | "crashed" (the child
    # died on this document) | "unavailable" (the trial could not run) | "cancelled"
    reason: str = ""
    page: int = -1  # 0-based page that was too slow
    seconds: float = 0.0  # how long the slow step took
    pages: int = 0  # the document's page count, where the trial got that far


_VERDICTS: dict[tuple[str, ProbeLimits], ProbeVerdict] = {}  # documents found fine
_LOCK = threading.Lock()
_POLL_S = 0.2  # how often a running trial looks whether it was cancelled


def probe_pdf(
    data: bytes, limits: ProbeLimits = ProbeLimits(), cancel: threading.Event | None = None
) -> ProbeVerdict:
    """Whether the PDF may be opened in the app (see the module docstring). A file that is
    not a PDF at all, broken or encrypted passes: the viewer's own checks name those."""
    key = (hashlib.sha256(data).hexdigest(), limits)
    with _LOCK:
        known = _VERDICTS.get(key)
    if known is not None:
        return known
    if cancel is not None and cancel.is_set():
        return ProbeVerdict(False, "cancelled")
    verdict = _run_child(data, limits, cancel or threading.Event())
    if verdict.ok:  # a refusal is tried again next time: the machine may just have been busy
        with _LOCK:
            _VERDICTS[key] = verdict
    return verdict


def _run_child(data: bytes, limits: ProbeLimits, cancel: threading.Event) -> ProbeVerdict:
    """Runs the child and reads its report line by line: a step that takes too long is known
    (and the child killed) while it runs, not only when the whole document is done."""
    start = time.monotonic()
    try:
        child = subprocess.Popen(
            [sys.executable, "-m", "ab_inbox.ui.viewers.pdf_probe"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),  # no console on Windows
        )
    except OSError:
        return ProbeVerdict(False, "unavailable")
    lines: queue.Queue[bytes] = queue.Queue()

    def feed_and_read() -> None:  # a thread: pipes cannot be waited on with a timeout everywhere
        try:
            child.stdin.write(data)
            child.stdin.close()
            for line in child.stdout:
                lines.put(line)
        except OSError:
            pass
        lines.put(b"")  # the end

    reader = threading.Thread(target=feed_and_read, daemon=True)
    reader.start()
    try:
        return _judge(lines, limits, start, cancel)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        reader.join(timeout=5)  # the pipe ends with the child
        child.stdout.close()


def _judge(
    lines: queue.Queue, limits: ProbeLimits, start: float, cancel: threading.Event
) -> ProbeVerdict:
    """The verdict from the child's reports, each step within its budget; a report that does
    not come in time is the step that overran. Budgets count with room for a busy machine:
    the verdict compares a step's own time, the waiting only stops a runaway child."""
    phase, page = "start", -1
    step_until = start + limits.startup_s
    while True:
        now = time.monotonic()
        if cancel.is_set():
            return ProbeVerdict(False, "cancelled")
        if now >= start + limits.timeout_s:
            return ProbeVerdict(False, "timeout", seconds=now - start)
        if now >= step_until:
            if phase == "start":
                return ProbeVerdict(False, "unavailable", seconds=now - start)
            if phase == "load":
                return ProbeVerdict(False, "slow_load", seconds=now - start)
            return ProbeVerdict(False, "slow_page", page + 1, now - start)
        try:
            line = lines.get(timeout=min(_POLL_S, step_until - now))
        except queue.Empty:
            continue
        try:
            report = json.loads(line) if line else None
        except ValueError:
            report = None
        if report is None:  # the child ended without finishing, or said something else
            return ProbeVerdict(False, "unavailable" if phase == "start" else "crashed")
        if "done" in report:
            return ProbeVerdict(True)
        if "started" in report:
            phase = "load"
            step_until = time.monotonic() + limits.max_load_s * 3 + 0.5
            continue
        if "load_s" in report:
            if not report["opened"]:
                return ProbeVerdict(True)  # broken, encrypted, not a PDF: the viewer says which
            if report["load_s"] > limits.max_load_s:
                return ProbeVerdict(False, "slow_load", seconds=report["load_s"])
            if report["pages"] > MAX_PDF_PAGES:  # loaded in the app only to be refused
                return ProbeVerdict(False, "too_many_pages", pages=report["pages"])
        elif report["s"] > limits.max_page_s or report["text_s"] > limits.max_text_s:
            return ProbeVerdict(False, "slow_page", report["page"], report["s"])
        else:
            page = report["page"]
        phase = "pages"
        step_until = time.monotonic() + limits.max_page_s * 3 + 0.5


def _child() -> None:
    """The child: the PDF from stdin; on stdout one JSON line per step, as soon as it is done."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtPdf import QPdfDocument

    def say(report: dict) -> None:
        sys.stdout.write(json.dumps(report) + "\n")
        sys.stdout.flush()

    data = sys.stdin.buffer.read()
    _app = QGuiApplication(["pdf_probe"])
    say({"started": True})
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    start = time.monotonic()
    document.load(buffer)
    opened = document.status() == QPdfDocument.Status.Ready
    count = document.pageCount() if opened else 0
    say({"opened": opened, "load_s": time.monotonic() - start, "pages": count})
    if count <= MAX_PDF_PAGES:
        for page in range(count):
            start = time.monotonic()
            size = document.pagePointSize(page)
            scale = PROBE_BOX / max(size.width(), size.height(), 1.0)
            width, height = round(size.width() * scale), round(size.height() * scale)
            document.render(page, QSize(max(1, width), max(1, height)))
            text_start = time.monotonic()
            document.getAllText(page)
            done = time.monotonic()
            say({"page": page, "s": done - start, "text_s": done - text_start})
    document.close()
    say({"done": True})


if __name__ == "__main__":
    _child()
