"""One XTA fetch run in a process of its own, so a test can kill it at a chosen moment.

Usage: python -m tests.xta_peer.fetch_child '<json>' with db, schemas, p12, password, ca,
management_url, msgbox_url, send_url and reader_ids. Prints the report's counts as JSON.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

from ab_inbox.ingest.xta import XtaClient, client_context
from ab_inbox.ingest.xta_fetch import fetch_once
from tests.xta_peer.fixtures import open_store


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    args = json.loads(argv[0])
    store = open_store(Path(args["db"]), Path(args["schemas"]))
    context = client_context(args["p12"], args["password"], args["ca"])
    urls = (args["management_url"], args["msgbox_url"], args["send_url"])
    with XtaClient(*urls, context, timeout=10) as client:
        report = fetch_once(
            store.db, client, store.packs, store.policy, reader_ids=args["reader_ids"]
        )
    print(json.dumps(report.counts()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
