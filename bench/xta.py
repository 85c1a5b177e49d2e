"""XTA fetch throughput against the drop-folder fetch, on the same messages in one run.

The loopback XTA server (tests/xta_peer: HTTPS with client certificates, every request and
answer validated against the XTA schemas, MTOM answers) runs in a child process with all
messages in its mailbox; the client fetches them with the full cycle (status list, getMessage,
check + store in one transaction, close) into a fresh store. The same files then go through
`fetch_once` of the drop folder (check workers + one writer) into another fresh store.

Usage: python bench/xta.py [--count 1000] [--size 300000] [--mode mtom|inline]
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
import subprocess
import tempfile
import time

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(1, str(REPO))

from tests.xta_peer.mailbox import DEFAULT_READER  # noqa: E402
from tests.xta_peer.pki import make_pki  # noqa: E402

from ab_inbox.demo import generate_demo  # noqa: E402
from ab_inbox.ingest.checking import CheckPolicy  # noqa: E402
from ab_inbox.ingest.folder_fetch import DEFAULT_WORKERS  # noqa: E402
from ab_inbox.ingest.folder_fetch import fetch_once as fetch_folder  # noqa: E402
from ab_inbox.ingest.pipeline import prepare  # noqa: E402
from ab_inbox.ingest.xta import XtaClient, client_context  # noqa: E402
from ab_inbox.ingest.xta_fetch import fetch_once as fetch_xta  # noqa: E402
from ab_inbox.store.connection import open_database  # noqa: E402
from ab_inbox.store.migrations import migrate  # noqa: E402
from ab_inbox.xauslaender.schema_pack import PackLibrary  # noqa: E402


def schemas_dir() -> Path:
    explicit = os.environ.get("AB_INBOX_SCHEMAS") or os.environ.get("AB_INBOX_TEST_SCHEMAS")
    return Path(explicit) if explicit else REPO.parent / "shared" / "xauslaender"


def store(path: Path):
    db = open_database(path)
    migrate(db)
    return db


def start_server(pki_dir: Path, source: Path, mode: str):
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.xta_peer.serve", str(pki_dir), str(source), "--mode", mode],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": f"{REPO / 'src'}{os.pathsep}{REPO}"},
    )
    return server, json.loads(server.stdout.readline())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--size", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--mode", choices=["mtom", "inline"], default="mtom")
    parser.add_argument("--max-items", type=int, default=100)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="ab-inbox-bench-xta-"))
    os.environ["AB_INBOX_DATA"] = str(work / "appdata")
    os.environ["AB_INBOX_CONFIG"] = str(work / "settings.json")
    server = None
    try:
        source = work / "source"
        generate_demo(source, args.count, seed=args.seed, attachment_bytes=args.size)
        input_bytes = sum(p.stat().st_size for p in source.iterdir())
        print(f"generated {args.count} messages, {input_bytes / 1e6:.1f} MB")
        pki = make_pki(work / "pki")
        t0 = time.perf_counter()
        server, urls = start_server(work / "pki", source, args.mode)
        print(
            f"XTA server ({args.mode}) up with {urls['messages']} messages in "
            f"{time.perf_counter() - t0:.1f} s"
        )

        packs = PackLibrary(work / "installed", schemas_dir(), cache_dir=work / "cache")
        policy = CheckPolicy()
        prepare((source / sorted(os.listdir(source))[0]).read_bytes(), packs, policy=policy)

        db = store(work / "xta.sqlite3")
        context = client_context(pki.client_p12, pki.password, pki.ca_file)
        endpoints = (urls["management_url"], urls["msgbox_url"], urls["send_url"])
        with XtaClient(*endpoints, context, timeout=30) as client:
            t0 = time.perf_counter()
            report = fetch_xta(
                db, client, packs, policy, reader_ids=[DEFAULT_READER], max_items=args.max_items
            )
            xta_s = time.perf_counter() - t0
        xta_counts = report.counts()
        db.conn.close()
        print(
            f"XTA fetch (status list, getMessage, store, close): {xta_s:.2f} s, "
            f"{args.count / xta_s:.1f} msg/s, {xta_counts}"
        )

        server.stdin.close()
        server_end = json.loads(server.stdout.readline())
        server.wait(30)
        server = None

        drop = work / "drop"
        shutil.copytree(source, drop)
        db = store(work / "folder.sqlite3")
        t0 = time.perf_counter()
        folder_report = fetch_folder(db, drop, packs, policy, settle_s=0, workers=DEFAULT_WORKERS)
        folder_s = time.perf_counter() - t0
        db.conn.close()
        print(
            f"drop-folder fetch ({DEFAULT_WORKERS} check workers + writer): {folder_s:.2f} s, "
            f"{args.count / folder_s:.1f} msg/s, {folder_report.counts()}"
        )
        server_s = server_end["busy_s"]
        print(
            f"of the XTA time, the loopback server answering (schema validation included): "
            f"{server_s:.2f} s; the client side: {xta_s - server_s:.2f} s, "
            f"{args.count / (xta_s - server_s):.1f} msg/s"
        )
        print(
            f"XTA / drop folder time ratio: {xta_s / folder_s:.2f}; "
            f"server spec violations: {len(server_end['errors'])}"
        )
        result = {
            "messages": args.count,
            "input_bytes": input_bytes,
            "mode": args.mode,
            "xta_messages_per_s": round(args.count / xta_s, 1),
            "folder_messages_per_s": round(args.count / folder_s, 1),
            "ratio_xta_to_folder_time": round(xta_s / folder_s, 2),
            "xta_s": round(xta_s, 2),
            "server_busy_s": round(server_s, 2),
            "xta_client_messages_per_s": round(args.count / (xta_s - server_s), 1),
            "folder_s": round(folder_s, 2),
            "xta_accepted": xta_counts.get("accepted", 0),
            "xta_closed": xta_counts.get("closed", 0),
            "folder_accepted": folder_report.counts().get("accepted", 0),
            "left_in_mailbox": server_end["open"],
            "server_spec_violations": len(server_end["errors"]),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }
        print(json.dumps(result))
    finally:
        if server is not None:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
