"""A loopback XTA 2 version 3 server for tests and benchmarks, built from the official WSDL and
schemas: HTTPS with client certificates, the message box operations, MTOM and inline answers,
fault injection and dropped connections. It stands in for the transport provider; everything
of ours runs for real against it."""

from tests.xta_peer.mailbox import DEFAULT_AUTHOR, DEFAULT_READER, Mailbox
from tests.xta_peer.pki import Pki, make_pki
from tests.xta_peer.server import XtaPeer
from tests.xta_peer.spec import xta_spec_dir

__all__ = [
    "DEFAULT_AUTHOR",
    "DEFAULT_READER",
    "Mailbox",
    "Pki",
    "XtaPeer",
    "make_pki",
    "xta_spec_dir",
]
