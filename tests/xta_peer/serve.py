"""Run the loopback XTA server in a process of its own (for benchmarks, so it does not share
the client's interpreter lock), with the messages of a folder in the mailbox.

Usage: python -m tests.xta_peer.serve PKI_DIR MESSAGES_DIR [--mode mtom|inline]
Prints one JSON line with the three port addresses, then serves until stdin is closed;
on exit prints one JSON line with the spec violations it saw (none expected).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tests.xta_peer.pki import CLIENT_PASSWORD, Pki
from tests.xta_peer.server import XtaPeer


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("pki_dir", type=Path)
    parser.add_argument("messages_dir", type=Path)
    parser.add_argument("--mode", choices=["mtom", "inline"], default="mtom")
    args = parser.parse_args()
    d = args.pki_dir
    pki = Pki(
        ca_file=d / "ca.pem",
        other_ca_file=d / "other-ca.pem",
        server_cert=d / "server.pem",
        server_key=d / "server.key",
        client_p12=d / "client.p12",
        expired_p12=d / "expired.p12",
        foreign_p12=d / "foreign.p12",
        password=CLIENT_PASSWORD,
    )
    with XtaPeer(pki, mode=args.mode) as peer:
        for path in sorted(args.messages_dir.iterdir()):
            peer.mailbox.add(path.read_bytes())
        urls = {
            "management_url": peer.management_url,
            "msgbox_url": peer.msgbox_url,
            "send_url": peer.send_url,
            "messages": len(peer.mailbox.messages),
        }
        print(json.dumps(urls), flush=True)
        sys.stdin.read()
        end = {"errors": peer.errors[:20], "open": len(peer.mailbox.open_ids())}
        print(json.dumps({**end, "busy_s": round(peer.busy_s, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
