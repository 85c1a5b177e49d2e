"""Every hostile or broken input ends in quarantine (or stored invalid) with its bytes kept,
and nothing ever reaches out to the network or the local file system."""

from __future__ import annotations

import http.server
import threading

import pytest

from ab_inbox.ingest.dropfolder import PROCESSED, QUARANTINE
from tests.messages import XA, edit, first, valid_message


class _RecordingHandler(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server API
        type(self).hits.append(self.path)
        body = b'<!ENTITY leak "LEAKED-FROM-HTTP">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def trap_server():
    """A loopback HTTP server that records every request an XXE would make."""
    _RecordingHandler.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _RecordingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _RecordingHandler.hits
    server.shutdown()
    server.server_close()


def _billion_laughs() -> bytes:
    ents = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [' + "".join(ents) + "]>\n"
        f'<xa:OZG.Antrag.130101 xmlns:xa="{XA}">&lol9;</xa:OZG.Antrag.130101>'
    ).encode()


def _quadratic_blowup() -> bytes:
    big = "A" * 50_000
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "{big}">]>\n'
        f'<xa:OZG.Antrag.130101 xmlns:xa="{XA}">' + "&a;" * 50_000 + "</xa:OZG.Antrag.130101>"
    ).encode()


def _deep_nesting() -> bytes:
    return (
        f'<xa:OZG.Antrag.130101 xmlns:xa="{XA}">'
        + "<a>" * 5000
        + "</a>" * 5000
        + "</xa:OZG.Antrag.130101>"
    ).encode()


def _huge_text_node() -> bytes:
    return (
        f'<xa:OZG.Antrag.130101 xmlns:xa="{XA}"><x>'
        + "A" * 11_000_000
        + "</x></xa:OZG.Antrag.130101>"
    ).encode()


def _pdf_bytes() -> bytes:
    from ab_inbox.demo.documents import DocSpec, text_pdf  # a real PDF

    return text_pdf(DocSpec("pdf", "Reisepass", "Reisepass", "pass.pdf", ["Testseite"]))


HOSTILE = {
    "billion_laughs.xml": (_billion_laughs, "doctype"),
    "quadratic.xml": (_quadratic_blowup, "doctype"),
    "deep.xml": (_deep_nesting, "too_deep"),
    "huge_text.xml": (_huge_text_node, None),
    "truncated.xml": (lambda: valid_message()[:1500], "not_wellformed"),
    "pdf_renamed.xml": (_pdf_bytes, "not_wellformed"),
    "empty.xml": (lambda: b"", "empty"),
    "wrong_version.xml": (
        lambda: valid_message().replace(b"xauslaender2611", b"xauslaender2511"),
        "unknown_version",
    ),
    "unknown_root.xml": (
        lambda: valid_message().replace(b"OZG.Antrag.130101", b"OZG.Unbekannt.999999"),
        "unknown_root",
    ),
    "not_xauslaender.xml": (lambda: b"<html><body>hallo</body></html>", "unknown_namespace"),
}


def _fetch(inbox, folder):
    outcomes = []
    report = inbox.fetch(folder, settle_s=0, on_outcome=outcomes.append)
    return report, outcomes


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_quarantined_with_its_bytes_and_reason(inbox, tmp_path, name):
    make, reason = HOSTILE[name]
    data = make()
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / name).write_bytes(data)

    report, outcomes = _fetch(inbox, drop)

    assert report.ok
    assert [o.kind for o in outcomes] == ["quarantined"]
    if reason:
        assert outcomes[0].reason_code == reason
    assert (
        outcomes[0].text_de and outcomes[0].text_en and outcomes[0].text_de != outcomes[0].text_en
    )
    assert not (drop / name).exists()
    assert (drop / QUARANTINE / name).read_bytes() == data
    reason_text = (drop / QUARANTINE / f"{name}.reason.txt").read_text(encoding="utf-8")
    assert "DE: " in reason_text and "EN: " in reason_text
    [entry] = inbox.quarantine_entries()
    assert entry["source_name"] == name
    stored = inbox.db.execute(
        "SELECT b.data FROM quarantine q JOIN blobs b ON b.id = q.blob_id WHERE q.id = ?",
        (entry["id"],),
    ).fetchone()[0]
    assert stored == data
    assert inbox.list_messages() == []


@pytest.mark.parametrize("kind", ["file", "http", "external_dtd", "parameter_entity"])
def test_external_entities_and_dtds_are_never_fetched(inbox, tmp_path, trap_server, kind):
    base, hits = trap_server
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    doctype = {
        "file": f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]>',
        "http": f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "{base}/entity">]>',
        "external_dtd": f'<!DOCTYPE x SYSTEM "{base}/evil.dtd">',
        "parameter_entity": f'<!DOCTYPE x [<!ENTITY % p SYSTEM "{base}/p.dtd"> %p;]>',
    }[kind]
    body = "&xxe;" if kind in ("file", "http") else ""
    data = (
        f'<?xml version="1.0"?>\n{doctype}\n<xa:OZG.Antrag.130101 xmlns:xa="{XA}">{body}'
        "</xa:OZG.Antrag.130101>"
    )
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "xxe.xml").write_text(data)

    report, outcomes = _fetch(inbox, drop)

    assert [o.kind for o in outcomes] == ["quarantined"]
    assert hits == []
    dump = b"".join(row[0] for row in inbox.db.execute("SELECT data FROM blobs"))
    assert b"TOP-SECRET-CONTENT" not in dump
    assert (drop / QUARANTINE / "xxe.xml").read_text() == data


def test_declared_pdf_that_is_a_jpeg_is_stored_invalid(inbox, tmp_path):
    import base64
    import random

    from ab_inbox.demo.documents import photo_jpeg

    jpeg = photo_jpeg(random.Random(3))

    def swap(root):
        doc = first(root, "dokumentOderReferenz")
        content = first(doc, "dokument")
        content.text = base64.b64encode(jpeg).decode()
        first(doc.getparent(), "dokumententyp").find("code").text = "1"  # 1 = PDF

    data = edit(valid_message(seed=11), swap)
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "mismatch.xml").write_bytes(data)

    _, outcomes = _fetch(inbox, drop)

    assert [o.kind for o in outcomes] == ["invalid"]
    shown = inbox.message(outcomes[0].message_id)
    assert "attachment.type_mismatch" in {f["rule"] for f in shown["findings"]}
    assert any(a["mime"] == "image/jpeg" for a in shown["attachments"])
    assert inbox.message_bytes(outcomes[0].message_id) == data
    assert (drop / PROCESSED / "mismatch.xml").read_bytes() == data
