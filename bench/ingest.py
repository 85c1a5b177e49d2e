"""Ingest throughput: `fetch` against the floor of the same work done bare, in one run.

The floor for each file: read it, parse it with lxml, validate it with the compiled libxml2 XSD,
insert its bytes into SQLite in its own transaction (same WAL + synchronous=FULL as the store).
Ours: the drop-folder fetch with everything it does on top (code lists, extraction, attachment
decoding and checks, content-addressed blobs, full-text index, audit, moving the file), measured
twice: checking and storing in turn on one thread, and as fetch runs (checks on worker threads
while the previous message is written).

Usage: python bench/ingest.py [--count 2000] [--size 300000]
The last line printed is one JSON object with the figures.
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/queue.py is named like the standard library's `queue`: keep this folder off the path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import json
import os
import resource
import shutil
import sqlite3
import tempfile
import time

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from lxml import etree  # noqa: E402

from ab_inbox.demo import generate_demo  # noqa: E402
from ab_inbox.inbox import Inbox  # noqa: E402
from ab_inbox.ingest.folder_fetch import DEFAULT_WORKERS, fetch_once  # noqa: E402
from ab_inbox.xauslaender.safe_xml import hardened_parser  # noqa: E402
from ab_inbox.xauslaender.schema_pack import open_pack  # noqa: E402


def schemas_dir() -> Path:
    explicit = os.environ.get("AB_INBOX_SCHEMAS") or os.environ.get("AB_INBOX_TEST_SCHEMAS")
    return Path(explicit) if explicit else REPO.parent / "shared" / "xauslaender"


def floor_run(folder: Path, db_path: Path, schema: etree.XMLSchema) -> float:
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE raw (id INTEGER PRIMARY KEY, data BLOB NOT NULL)")
    files = sorted(p for p in folder.iterdir() if p.is_file())
    start = time.perf_counter()
    for path in files:
        data = path.read_bytes()
        tree = etree.ElementTree(etree.fromstring(data, hardened_parser()))
        schema.validate(tree)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO raw (data) VALUES (?)", (data,))
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--size", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="ab-inbox-bench-"))
    os.environ["AB_INBOX_DATA"] = str(work / "appdata")
    os.environ["AB_INBOX_CONFIG"] = str(work / "settings.json")
    try:
        source = work / "source"
        t0 = time.perf_counter()
        generate_demo(source, args.count, seed=args.seed, attachment_bytes=args.size)
        gen_s = time.perf_counter() - t0
        input_bytes = sum(p.stat().st_size for p in source.iterdir())
        print(f"generated {args.count} messages, {input_bytes / 1e6:.1f} MB in {gen_s:.1f} s")

        pack = open_pack(schemas_dir())
        t0 = time.perf_counter()
        schema = pack.lxml_schema("OZG")
        compile_s = time.perf_counter() - t0

        # Every timed run starts with nothing left for the OS to write back: the generated
        # files, the floor's store and each drop-folder copy are 600 MB each, and flushing them
        # during the next run slowed it by up to a quarter.
        os.sync()
        floor_s = floor_run(source, work / "floor.sqlite3", schema)
        print(f"floor (parse + XSD + insert): {floor_s:.2f} s, {args.count / floor_s:.1f} msg/s")

        inbox = Inbox(db_path=work / "inbox.sqlite3", schemas_dir=schemas_dir())
        t0 = time.perf_counter()
        inbox.check_bytes((source / sorted(os.listdir(source))[0]).read_bytes())
        warm_s = time.perf_counter() - t0  # first message: code-list and schema models built
        inbox.close()

        def fetch_run(name: str, workers: int) -> tuple[float, dict]:
            drop = work / f"drop-{name}"
            shutil.copytree(source, drop)
            box = Inbox(db_path=work / f"{name}.sqlite3", schemas_dir=schemas_dir())
            os.sync()
            t0 = time.perf_counter()
            report = fetch_once(box.db, drop, box.packs, box.policy, settle_s=0, workers=workers)
            elapsed = time.perf_counter() - t0
            box.close()
            for name_, error in report.failed:  # a file left for the next run, and why
                print(f"  not handled: {name_}: {error}")
            counts = report.counts()
            if report.failed or report.waiting:
                counts.update(failed=len(report.failed), waiting=len(report.waiting))
            return elapsed, counts

        seq_s, _ = fetch_run("sequential", workers=0)
        print(
            f"fetch on one thread (checking and storing in turn): {seq_s:.2f} s, "
            f"{args.count / seq_s:.1f} msg/s, ratio {seq_s / floor_s:.2f}"
        )
        ours_s, counts = fetch_run("inbox", workers=DEFAULT_WORKERS)
        print(
            f"fetch ({DEFAULT_WORKERS} check workers + writer): {ours_s:.2f} s, "
            f"{args.count / ours_s:.1f} msg/s, ratio {ours_s / floor_s:.2f}, outcomes {counts}"
        )
        print(
            f"one-off costs: XSD compile {compile_s * 1000:.0f} ms, first check "
            f"(code-list and schema models) {warm_s * 1000:.0f} ms"
        )
        db_bytes = sum(p.stat().st_size for p in work.glob("inbox.sqlite3*") if p.is_file())
        peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        result = {
            "messages": args.count,
            "messages_per_s": round(args.count / ours_s, 1),
            "floor_messages_per_s": round(args.count / floor_s, 1),
            "ratio": round(ours_s / floor_s, 2),
            "db_bytes": db_bytes,
            "input_bytes": input_bytes,
            "peak_rss_mb": round(peak_rss_mb, 1),
            "xsd_compile_ms": round(compile_s * 1000, 1),
            "first_check_ms": round(warm_s * 1000, 1),
            "accepted": counts.get("accepted", 0),
            "sequential_messages_per_s": round(args.count / seq_s, 1),
            "sequential_ratio": round(seq_s / floor_s, 2),
            "workers": DEFAULT_WORKERS,
        }
        print(json.dumps(result))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
