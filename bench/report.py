"""PDF summaries: how long one case takes, and a batch of them, against a goal of 100 ms a case.

A store is filled through `fetch` with demo messages until it holds the requested number of
cases (follow-ups join their application's case, so more messages than cases are generated).
Then, for every case:
  per case   render_summary alone (the case already loaded), with the documents' page counts
             read from the stored attachments, as the export does it
  batch      load the case from the store and render it, for all cases one after the other
The fonts are registered before timing starts; that one-off cost is printed separately.

Usage: python bench/report.py [--cases 500]
The last line printed is one JSON object with the figures.
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/queue.py is named like the standard library's `queue`: keep this folder off the path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]


# bench/queue.py is named like the standard library's `queue`; keep this folder off the path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
from datetime import datetime, timedelta, timezone

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from ab_inbox.demo import generate_demo
from ab_inbox.export.summary_files import pdf_page_count
from ab_inbox.export.summary_pdf import render_summary
from ab_inbox.inbox import Inbox

OFFICE = {
    "name": "Ausländerbehörde Musterstadt",
    "street": "Rathausplatz 1",
    "postcode": "12345",
    "city": "Musterstadt",
}
CREATED = datetime(2026, 12, 1, 9, 30, tzinfo=timezone(timedelta(hours=1)))


def schemas_dir() -> Path:
    explicit = os.environ.get("AB_INBOX_SCHEMAS") or os.environ.get("AB_INBOX_TEST_SCHEMAS")
    return Path(explicit) if explicit else REPO.parent / "shared" / "xauslaender"


def fill(inbox: Inbox, work: Path, cases: int, seed: int) -> list[int]:
    """Generate and fetch demo messages until the store holds `cases` cases."""
    count = int(cases * 1.3) + 8
    while True:
        drop = work / f"drop-{count}"
        generate_demo(drop, count, seed=seed)
        inbox.fetch(drop, settle_s=0)
        ids = sorted(inbox.case_ids())
        if len(ids) >= cases:
            return ids[:cases]
        seed, count = seed + 1, cases - len(ids) + 8


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="ab-inbox-bench-report-"))
    os.environ["AB_INBOX_DATA"] = str(work / "appdata")
    os.environ["AB_INBOX_CONFIG"] = str(work / "settings.json")
    try:
        inbox = Inbox(db_path=work / "inbox.sqlite3", schemas_dir=schemas_dir())
        inbox.add_user(inbox.user, "admin")  # the first user of the store
        t0 = time.perf_counter()
        ids = fill(inbox, work, args.cases, args.seed)
        print(f"store with {len(ids)} cases filled in {time.perf_counter() - t0:.1f} s")

        def data(message_id: int, position: int) -> bytes | None:
            row = inbox.attachment(message_id, position)
            return row["data"] if row else None

        def render(case: dict) -> bytes:
            return render_summary(
                case, office=OFFICE, user="bench", created_at=CREATED, attachment_data=data
            )

        first_case = inbox.case(ids[0])
        t0 = time.perf_counter()
        render(first_case)
        first_ms = (time.perf_counter() - t0) * 1000
        print(
            f"first summary (fonts registered, {len(first_case['messages'])} message(s)): "
            f"{first_ms:.0f} ms"
        )

        per_case = []
        for case_id in ids:
            case = inbox.case(case_id)
            t0 = time.perf_counter()
            render(case)
            per_case.append((time.perf_counter() - t0) * 1000)
        median, p95 = statistics.median(per_case), percentile(per_case, 0.95)
        print(
            f"per case: median {median:.1f} ms, p95 {p95:.1f} ms, max {max(per_case):.1f} ms "
            f"(goal <= 100 ms)"
        )

        pages = 0
        size = 0
        t0 = time.perf_counter()
        for case_id in ids:
            pdf = render(inbox.case(case_id))
            pages += pdf_page_count(pdf) or 0
            size += len(pdf)
        batch_s = time.perf_counter() - t0
        print(
            f"batch of {len(ids)} (load + render): {batch_s:.2f} s, {pages} pages, "
            f"{size / len(ids) / 1024:.0f} KB a summary on average"
        )
        inbox.close()
        result = {
            "per_case_ms_median": round(median, 1),
            "per_case_ms_p95": round(p95, 1),
            f"batch_{len(ids)}_s": round(batch_s, 2),
            "pages_total": pages,
            "cases": len(ids),
            "first_summary_ms": round(first_ms, 1),
            "bytes_per_summary": round(size / len(ids)),
        }
        print(json.dumps(result))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
