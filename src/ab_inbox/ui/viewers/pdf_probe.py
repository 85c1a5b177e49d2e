"""Trying an untrusted PDF in a separate process, with a time limit, before the app opens it.

pdfium has no time limit of its own, and a PDF of two kilobytes can keep it busy for minutes
(Form XObjects that draw each other ten times, five levels deep), or make loading itself take
seconds. In the app that would freeze the window: QPdfView lays the document out on the GUI
thread, and every pdfium call there waits for pdfium's one lock while a render thread holds it.
A crash inside pdfium would take the app down with the caseworker's unsaved work.

So before a PDF is shown or printed, `probe_pdf` hands its bytes to a child process
(`python -m ab_inbox.ui.viewers.pdf_probe`) that loads it, reads every page's size and text and
renders each page small, timing each step. The child is killed when it runs over `timeout_s`.
The document is opened in the app only if the child finished, loading took at most
`max_load_s` and no page took more than `max_page_s`: such a document cannot hold the GUI
thread much longer when shown. The verdict is kept per SHA-256 for the session, so a document
opened again opens at once.

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

# A page rendered this small costs about what the page's drawing operations cost: the part a
# hostile document inflates.
PROBE_BOX = 96
MAX_PROBE_PAGES = 500  # the viewer refuses more; their count is all the child reports then


@dataclass(frozen=True)
class ProbeLimits:
    timeout_s: float = 120.0  # the whole child: 500 pages of scans within their budget
    startup_s: float = 3.0  # the child's start (about a quarter second when the PC is idle)
    max_load_s: float = 0.5
    max_page_s: float = 0.3


@dataclass(frozen=True)
class ProbeVerdict:
    ok: bool
    reason: str = ""  # "" | "timeout" | "slow_load" | "slow_page" | "crashed"
    page: int = -1  # 0-based page that was too slow
    seconds: float = 0.0  # how long the slow step took


_VERDICTS: dict[tuple[str, ProbeLimits], ProbeVerdict] = {}  # documents found fine
_LOCK = threading.Lock()


def probe_pdf(data: bytes, limits: ProbeLimits = ProbeLimits()) -> ProbeVerdict:
    """Whether the PDF may be opened in the app (see the module docstring). A file that is
    not a PDF at all, broken or encrypted passes: the viewer's own checks name those."""
    key = (hashlib.sha256(data).hexdigest(), limits)
    with _LOCK:
        known = _VERDICTS.get(key)
    if known is not None:
        return known
    verdict = _run_child(data, limits)
    if verdict.ok:  # a refusal is tried again next time: the machine may just have been busy
        with _LOCK:
            _VERDICTS[key] = verdict
    return verdict


def _run_child(data: bytes, limits: ProbeLimits) -> ProbeVerdict:
    """Runs the child and reads its report line by line: a step that takes too long is known
    (and the child killed) while it runs, not only when the whole document is done."""
    start = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-m", "ab_inbox.ui.viewers.pdf_probe"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
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
        return _judge(lines, limits, start)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        reader.join(timeout=5)  # the pipe ends with the child
        child.stdout.close()


def _judge(lines: queue.Queue, limits: ProbeLimits, start: float) -> ProbeVerdict:
    # The child starts, reads the bytes and loads the document: up to its start-up time (about
    # half a second, more on a busy machine) plus the load budget, with room to spare.
    step_wait = limits.startup_s + limits.max_load_s * 4
    load_s, page = None, -1
    while True:
        remaining = limits.timeout_s - (time.monotonic() - start)
        try:
            line = lines.get(timeout=max(0.0, min(step_wait, remaining)))
        except queue.Empty:
            if remaining <= step_wait:
                return ProbeVerdict(False, "timeout", seconds=time.monotonic() - start)
            if load_s is None:
                return ProbeVerdict(False, "slow_load", seconds=step_wait)
            return ProbeVerdict(False, "slow_page", page + 1, step_wait)
        if not line:
            return ProbeVerdict(False, "crashed", seconds=time.monotonic() - start)
        try:
            report = json.loads(line)
        except ValueError:
            return ProbeVerdict(False, "crashed", seconds=time.monotonic() - start)
        if "done" in report:
            return ProbeVerdict(True)
        if "load_s" in report:
            if not report["opened"]:
                return ProbeVerdict(True)  # broken, encrypted, not a PDF: the viewer says which
            load_s = report["load_s"]
            if load_s > limits.max_load_s:
                return ProbeVerdict(False, "slow_load", seconds=load_s)
        else:
            page = report["page"]
            if report["s"] > limits.max_page_s:
                return ProbeVerdict(False, "slow_page", page, report["s"])
        # The next page: its budget, with room for a busy machine.
        step_wait = limits.max_page_s * 3 + 0.5


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
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    start = time.monotonic()
    document.load(buffer)
    opened = document.status() == QPdfDocument.Status.Ready
    count = document.pageCount() if opened else 0
    say({"opened": opened, "load_s": time.monotonic() - start, "pages": count})
    if count <= MAX_PROBE_PAGES:
        for page in range(count):
            start = time.monotonic()
            size = document.pagePointSize(page)
            scale = PROBE_BOX / max(size.width(), size.height(), 1.0)
            width, height = round(size.width() * scale), round(size.height() * scale)
            document.render(page, QSize(max(1, width), max(1, height)))
            document.getAllText(page)
            say({"page": page, "s": time.monotonic() - start})
    document.close()
    say({"done": True})


if __name__ == "__main__":
    _child()
