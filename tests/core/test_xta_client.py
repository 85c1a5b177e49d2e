"""The XTA client against the loopback server: requests the schemas accept, both answer forms,
every fault kind as a bilingual error, TLS refusals, broken connections and size caps."""

from __future__ import annotations

import os
import socket
import tempfile
from datetime import UTC, datetime

import pytest
from lxml import etree

from ab_inbox.ingest.xta import (
    XtaConnectionError,
    XtaFault,
    XtaProtocolError,
    XtaTlsError,
    XtaTooLarge,
    certificate_info,
    faults,
    soap,
)
from ab_inbox.ingest.xta.client import XtaClient
from ab_inbox.ingest.xta.responses import read_envelope
from ab_inbox.ingest.xta.tls import client_context
from tests.messages import valid_message
from tests.xta_peer import DEFAULT_AUTHOR, DEFAULT_READER, fixtures
from tests.xta_peer.spec import envelope_errors

xta_pki, xta_peer, xta_client = fixtures.xta_pki, fixtures.xta_peer, fixtures.xta_client
BOTH_MODES = pytest.mark.parametrize("xta_peer", ["mtom", "inline"], indirect=True)


def test_every_request_the_client_builds_is_valid_against_the_xta_schemas():
    to = "https://xta.example/msgbox"
    requests = [
        soap.check_account_active(to, DEFAULT_READER),
        soap.check_account_active(to),
        soap.get_status_list(to, DEFAULT_READER, 50),
        soap.get_next_status_list(to, DEFAULT_READER, "urn:uuid:1"),
        soap.get_message(to, DEFAULT_READER, "urn:de:xta:messageid:1"),
        soap.close(to, DEFAULT_READER, "urn:uuid:1", "urn:de:xta:messageid:1"),
    ]
    for request in requests:
        assert envelope_errors(etree.fromstring(request.body), request.action) == []
        assert request.content_type.startswith("application/soap+xml; charset=utf-8; action=")
    assert len({r.message_id for r in requests}) == len(requests)


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ((b'maxListItems="5"', b'maxListItems="0"'), "positiveInteger"),
        ((b"<wsa:To>", b"<wsa:From><wsa:Address>"), "wsa:Action, MessageID, To and ReplyTo"),
        ((b"MsgBoxStatusListRequest ", b"MsgBoxStatusListReq "), "No matching global"),
    ],
)
def test_the_server_refuses_requests_against_the_spec(xta_peer, xta_client, change, complaint):
    good = soap.get_status_list(xta_peer.msgbox_url, DEFAULT_READER, 5)
    body = good.body.replace(*change)
    if change[1].startswith(b"<wsa:From>"):
        body = body.replace(b"</wsa:To>", b"</wsa:Address></wsa:From>")
    bad = soap.Request(good.action, body, good.message_id)

    with pytest.raises(XtaFault) as caught:
        xta_client._call(xta_peer.msgbox_url, bad)

    assert caught.value.kind is None and complaint in caught.value.text_en
    assert len(xta_peer.errors) == 1 and complaint in xta_peer.errors[0]
    xta_peer.errors.clear()  # seen and expected


@BOTH_MODES
def test_status_list_carries_the_metadata_and_the_message_comes_back_byte_identical(
    xta_peer, xta_client
):
    data = valid_message("130401", seed=4)
    message_id = xta_peer.mailbox.add(data)

    xta_client.check_account_active(DEFAULT_READER)
    listing = xta_client.get_status_list(DEFAULT_READER, 10)
    [meta] = listing.items
    fetched = xta_client.get_message(DEFAULT_READER, message_id)

    stored = xta_peer.mailbox.messages[message_id]
    assert listing.response.items_pending == 0 and listing.response.request_id
    assert meta.message_id == message_id
    assert meta.message_type == "OZG.Fachkraefte.130401"
    assert meta.author_id == DEFAULT_AUTHOR and meta.reader_id == DEFAULT_READER
    assert meta.delivery == stored.delivery.isoformat(timespec="milliseconds").replace(
        "+00:00", "Z"
    )
    assert fetched.data == data
    assert fetched.meta.message_id == message_id and fetched.meta.initial_fetch
    assert fetched.response.request_id != listing.response.request_id

    xta_client.close(DEFAULT_READER, fetched.response.request_id, message_id)
    empty = xta_client.get_status_list(DEFAULT_READER, 10)
    assert empty.items == [] and empty.response.no_message_reason.endswith("/NoMatch")


@BOTH_MODES
def test_content_above_libxml2s_text_limit_is_read_without_huge_tree(xta_peer, xta_client):
    data = os.urandom(9_000_000)  # 12 MB of base64 inline: over the 10 MB text node limit
    message_id = xta_peer.mailbox.add(data, message_type="OZG.Antrag.130101")

    assert xta_client.get_message(DEFAULT_READER, message_id).data == data


def test_paging_through_a_long_list_with_get_next(xta_peer, xta_client):
    ids = [xta_peer.mailbox.add(valid_message(seed=i)) for i in range(5)]

    first = xta_client.get_status_list(DEFAULT_READER, 2)
    second = xta_client.get_next_status_list(DEFAULT_READER, first.response.request_id)
    third = xta_client.get_next_status_list(DEFAULT_READER, second.response.request_id)

    listed = [m.message_id for page in (first, second, third) for m in page.items]
    assert listed == ids
    assert [first.response.items_pending, third.response.items_pending] == [3, 0]
    unknown = xta_client.get_next_status_list(DEFAULT_READER, "urn:uuid:unknown")
    assert unknown.items == [] and unknown.response.no_message_reason.endswith("RequestIdInvalid")


@pytest.mark.parametrize(
    ("kind", "code", "german", "retryable"),
    [
        (faults.PERMISSION_DENIED, "9011", "Zugriff verweigert: Konto gesperrt", False),
        (faults.TECHNICAL_PROBLEM, "9030", "Technisches Problem beim XTA-Server", True),
        (faults.INVALID_MESSAGE_ID, "9070", "nicht (mehr) bekannt", False),
        (faults.PARAMETER_NOT_VALID, "9022", "als ungültig abgewiesen", False),
        (faults.CANCEL_DENIED, "9101", "nicht mehr zurückgezogen", False),
        (faults.SCHEMA_VIOLATION, "9050", "verletzt ihr Schema", False),
        (faults.VIRUS_DETECTION, "9060", "Schadcode", False),
        (faults.SYNC_ASYNC, "9080", "synchron/asynchron", False),
    ],
)
def test_each_xta_fault_becomes_its_bilingual_error(
    xta_peer, xta_client, kind, code, german, retryable
):
    xta_peer.mailbox.inject_fault("checkAccountActive", kind, code)

    with pytest.raises(XtaFault) as caught:
        xta_client.check_account_active(DEFAULT_READER)

    error = caught.value
    assert (error.kind, error.code, error.retryable) == (kind, code, retryable)
    assert german in error.text_de and f"XTA-Fehler {code}" in error.text_de
    assert f"XTA error {code}" in error.text_en and error.text("en") == error.text_en


def test_unknown_reader_and_locked_account_are_permission_denied(xta_peer, xta_client):
    with pytest.raises(XtaFault) as unknown:
        xta_client.get_status_list("abh:99999999", 10)
    xta_peer.mailbox.account_active = False
    with pytest.raises(XtaFault) as locked:
        xta_client.check_account_active(DEFAULT_READER)

    assert (unknown.value.kind, unknown.value.code) == (faults.PERMISSION_DENIED, "9012")
    assert "Account nicht vorhanden" in unknown.value.text_de
    assert (locked.value.kind, locked.value.code) == (faults.PERMISSION_DENIED, "9011")
    assert locked.value.text_de.startswith(
        "Zugriff verweigert: Konto gesperrt oder unbekannt / Zertifikat prüfen"
    )


def test_fetching_a_message_the_server_does_not_know(xta_client):
    with pytest.raises(XtaFault) as caught:
        xta_client.get_message(DEFAULT_READER, "urn:de:xta:messageid:nope")
    assert caught.value.kind == faults.INVALID_MESSAGE_ID and not caught.value.retryable


def test_a_connection_dropped_mid_answer_is_a_retryable_connection_error(xta_peer, xta_client):
    message_id = xta_peer.mailbox.add(valid_message(seed=8))
    xta_peer.mailbox.drop_connection("getMessage")

    with pytest.raises(XtaConnectionError) as caught:
        xta_client.get_message(DEFAULT_READER, message_id)

    assert caught.value.retryable and "abgebrochen" in caught.value.text_de
    assert xta_client.get_message(DEFAULT_READER, message_id).data == valid_message(seed=8)


def test_nobody_listening_is_a_retryable_connection_error(xta_pki):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"https://127.0.0.1:{port}/xta"
    context = client_context(xta_pki.client_p12, xta_pki.password, xta_pki.ca_file)
    client = XtaClient(url, url, url, context, timeout=5)

    with pytest.raises(XtaConnectionError) as caught:
        client.check_account_active()
    assert caught.value.retryable and "nimmt keine Verbindung an" in caught.value.text_de


def test_responses_above_the_cap_are_refused(xta_peer, xta_pki):
    message_id = xta_peer.mailbox.add(os.urandom(200_000), message_type="OZG.Antrag.130101")
    client = fixtures.make_client(
        xta_peer, xta_pki.client_p12, xta_pki.password, xta_pki.ca_file, max_response_bytes=100_000
    )
    with client, pytest.raises(XtaTooLarge) as caught:
        client.get_message(DEFAULT_READER, message_id)
    assert "größer als die erlaubten 100.000 Bytes" in caught.value.text_de


# --- TLS ------------------------------------------------------------------------------------
def test_an_expired_client_certificate_is_refused_with_a_clear_error(xta_peer, xta_pki):
    client = fixtures.make_client(xta_peer, xta_pki.expired_p12, xta_pki.password, xta_pki.ca_file)
    with client, pytest.raises(XtaTlsError) as caught:
        client.check_account_active(DEFAULT_READER)
    assert "Client-Zertifikat ab: es ist abgelaufen" in caught.value.text_de
    assert not caught.value.retryable
    assert xta_peer.mailbox.requests == []


def test_a_client_certificate_from_another_ca_is_refused(xta_peer, xta_pki):
    client = fixtures.make_client(xta_peer, xta_pki.foreign_p12, xta_pki.password, xta_pki.ca_file)
    with client, pytest.raises(XtaTlsError) as caught:
        client.check_account_active(DEFAULT_READER)
    assert "Stelle, der er nicht vertraut" in caught.value.text_de
    assert xta_peer.mailbox.requests == []


def test_a_server_outside_the_configured_ca_is_not_trusted(xta_peer, xta_pki):
    client = fixtures.make_client(
        xta_peer, xta_pki.client_p12, xta_pki.password, xta_pki.other_ca_file
    )
    with client, pytest.raises(XtaTlsError) as caught:
        client.check_account_active(DEFAULT_READER)
    assert "Server-Zertifikat" in caught.value.text_de and "nicht vertraut" in caught.value.text_de


def test_wrong_pkcs12_password_is_a_clear_error(xta_pki):
    with pytest.raises(XtaTlsError) as caught:
        client_context(xta_pki.client_p12, "falsch", xta_pki.ca_file)
    assert "Passwort ist falsch" in caught.value.text_de


def test_the_private_key_never_stays_on_disk(xta_pki, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    client_context(xta_pki.client_p12, xta_pki.password, xta_pki.ca_file)
    assert list(tmp_path.iterdir()) == []


def test_certificate_info_reports_subject_and_expiry(xta_pki):
    valid = certificate_info(xta_pki.client_p12, xta_pki.password)
    expired = certificate_info(xta_pki.expired_p12, xta_pki.password)

    assert "CN=Ausländerbehörde Musterstadt" in valid.subject
    assert "AB-Inbox Test-CA" in valid.issuer
    assert not valid.expired() and 80 < valid.days_left() <= 90
    assert expired.expired() and expired.not_after < datetime.now(UTC)


# --- hostile or broken answers (parsed directly) ----------------------------------------
def _envelope(body: str) -> bytes:
    return (
        '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>'
        f"{body}</s:Body></s:Envelope>"
    ).encode()


def test_answers_that_are_not_soap_1_2_are_protocol_errors():
    with pytest.raises(XtaProtocolError, match="not SOAP 1.2"):
        read_envelope("text/html", b"<html>Wartung</html>")
    with pytest.raises(XtaProtocolError, match="DOCTYPE"):
        read_envelope(
            "application/soap+xml",
            b'<!DOCTYPE x [<!ENTITY a "b">]>' + _envelope("&a;"),
        )
    with pytest.raises(XtaProtocolError, match="not a SOAP 1.2 envelope"):
        read_envelope(
            "application/soap+xml",
            b'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"/>',
        )
    with pytest.raises(XtaProtocolError, match="another request"):
        read_envelope(
            "application/soap+xml",
            b'<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope">'
            b'<s:Header><a:RelatesTo xmlns:a="http://www.w3.org/2005/08/addressing">urn:x'
            b"</a:RelatesTo></s:Header><s:Body/></s:Envelope>",
            relates_to="urn:y",
        )


def test_a_fault_without_xta_detail_still_reads_as_a_bilingual_error():
    fault = (
        "<s:Fault><s:Code><s:Value>s:Receiver</s:Value></s:Code><s:Reason>"
        '<s:Text xml:lang="en">down</s:Text><s:Text xml:lang="de">Wartung</s:Text>'
        "</s:Reason></s:Fault>"
    )
    with pytest.raises(XtaFault) as caught:
        read_envelope("application/soap+xml", _envelope(fault))
    assert caught.value.kind is None and not caught.value.retryable
    assert caught.value.text_de == "Der XTA-Server meldet einen Fehler (Wartung)"
