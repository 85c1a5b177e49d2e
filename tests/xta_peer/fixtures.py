"""Pytest fixtures for XTA tests: the PKI (once per session), a running loopback server per
test (failing the test if it saw anything against the spec), a client and a fresh store.

Test modules bind them by assignment (`xta_peer = fixtures.xta_peer`), which pytest collects
like a definition."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from ab_inbox.ingest.checking import CheckPolicy
from ab_inbox.ingest.xta import XtaClient, client_context
from ab_inbox.store.connection import open_database
from ab_inbox.store.database import Database
from ab_inbox.store.migrations import migrate
from ab_inbox.xauslaender.schema_pack import PackLibrary
from tests.xta_peer.pki import Pki, make_pki
from tests.xta_peer.server import XtaPeer
from tests.xta_peer.spec import xta_spec_dir


@dataclass
class Store:
    db: Database
    packs: PackLibrary
    policy: CheckPolicy
    path: Path


@pytest.fixture(scope="session")
def xta_pki(tmp_path_factory) -> Pki:
    if not (xta_spec_dir() / "XTA.wsdl").is_file():
        pytest.fail(f"XTA spec not found at {xta_spec_dir()}; set AB_INBOX_TEST_XTA")
    return make_pki(tmp_path_factory.mktemp("xta-pki"))


@pytest.fixture
def xta_peer(request, xta_pki):
    """A running server; `indirect` parametrisation picks the mode ("mtom" or "inline")."""
    peer = XtaPeer(xta_pki, mode=getattr(request, "param", "mtom")).start()
    yield peer
    peer.stop()
    if peer.errors:
        pytest.fail("the XTA server saw spec violations:\n" + "\n".join(peer.errors))


def make_client(peer: XtaPeer, p12: Path, password: str, ca_file: Path, **kw) -> XtaClient:
    context = client_context(p12, password, ca_file)
    kw.setdefault("timeout", 10)
    return XtaClient(peer.management_url, peer.msgbox_url, peer.send_url, context, **kw)


@pytest.fixture
def xta_client(xta_peer, xta_pki):
    with make_client(xta_peer, xta_pki.client_p12, xta_pki.password, xta_pki.ca_file) as client:
        yield client


def open_store(path: Path, schemas_dir: Path) -> Store:
    db = open_database(path)
    migrate(db)
    packs = PackLibrary(path.parent / "installed", schemas_dir, cache_dir=path.parent / "cache")
    return Store(db, packs, CheckPolicy(), path)


@pytest.fixture
def xta_store(tmp_path, schemas_dir):
    store = open_store(tmp_path / "inbox.sqlite3", schemas_dir)
    yield store
    store.db.conn.close()
