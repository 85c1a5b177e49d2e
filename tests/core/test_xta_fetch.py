"""The XTA fetch run against the loopback server into a real store: what is taken, what is left,
the order store-then-close, recovery after a crash between the two, back-off and faults."""

from __future__ import annotations

import threading

import pytest

from ab_inbox.ingest import xta_fetch
from ab_inbox.ingest.xta import XtaFault, faults
from ab_inbox.ingest.xta.responses import MessageMeta
from ab_inbox.ingest.xta_fetch import Backoff, fetch_once, watch
from ab_inbox.store import fetch_runs
from tests.messages import valid_message
from tests.xta_peer import DEFAULT_AUTHOR, DEFAULT_READER, XtaPeer, fixtures

xta_pki, xta_peer, xta_client = fixtures.xta_pki, fixtures.xta_peer, fixtures.xta_client
xta_store = fixtures.xta_store
BOTH_MODES = pytest.mark.parametrize("xta_peer", ["mtom", "inline"], indirect=True)


def _fetch(store, client, *, sleeps=None, **kw):
    kw.setdefault("reader_ids", [DEFAULT_READER])
    sleep = sleeps.append if sleeps is not None else _no_sleep
    return fetch_once(store.db, client, store.packs, store.policy, sleep=sleep, **kw)


def _no_sleep(seconds):
    raise AssertionError(f"unexpected back-off of {seconds} s")


def _rows(store, sql, *args):
    return [dict(r) for r in store.db.query(sql, args)]


def _stored(store):
    return _rows(
        store,
        "SELECT transport, transport_id, sender_id, received_at, source_name, nachrichten_uuid"
        " FROM messages ORDER BY id",
    )


@BOTH_MODES
def test_a_run_stores_every_message_with_its_transport_data_and_closes_it_after(
    xta_peer, xta_client, xta_store
):
    codes = ["130101", "130401", "130201", "130301"]
    ids = [xta_peer.mailbox.add(valid_message(code, seed=i)) for i, code in enumerate(codes)]

    report = _fetch(xta_store, xta_client)

    assert report.counts() == {"accepted": 4, "skipped": 0, "closed": 4}
    assert report.closed == ids and report.ok
    rows = _stored(xta_store)
    assert [r["transport_id"] for r in rows] == ids
    for row, message_id in zip(rows, ids, strict=True):
        delivery = xta_peer.mailbox.messages[message_id].delivery
        assert row["transport"] == "xta" and row["sender_id"] == DEFAULT_AUTHOR
        assert row["received_at"] == delivery.isoformat(timespec="milliseconds").replace(
            "+00:00", "Z"
        )
        assert row["source_name"] == message_id
    assert xta_peer.mailbox.open_ids() == []
    requests = xta_peer.mailbox.requests
    for message_id in ids:  # closed only after it was fetched (and stored)
        assert requests.index(("getMessage", message_id)) < requests.index(("close", message_id))
    assert requests[0] == ("checkAccountActive", None)


def test_messages_of_other_types_are_never_downloaded_and_stay_in_the_mailbox(
    xta_peer, xta_client, xta_store
):
    box = xta_peer.mailbox
    outbound = box.add(valid_message(seed=1), message_type="OZG.Statusmeldung.130104")
    foreign = box.add(b"<x/>", message_type="Meldewesen.Rueckmeldung.0815")
    wanted = box.add(valid_message(seed=2))
    package = box.add(
        valid_message("130103", seed=3),
        message_type="Administration.Dokumentenlieferung.Paket.000040",
    )

    report = _fetch(xta_store, xta_client)

    assert report.skipped == [outbound, foreign]
    assert box.fetched_ids() == [wanted, package]
    assert set(box.open_ids()) == {outbound, foreign}
    assert report.counts()["skipped"] == 2 and report.counts()["closed"] == 2
    again = _fetch(xta_store, xta_client)  # left alone on every run
    assert again.skipped == [outbound, foreign] and box.fetched_ids() == [wanted, package]


def test_without_a_type_in_the_list_the_message_is_fetched_to_find_out(xta_pki, xta_store):
    with XtaPeer(xta_pki, list_form="MsgAtrributes") as peer:
        message_id = peer.mailbox.add(valid_message(seed=5))
        client = fixtures.make_client(peer, xta_pki.client_p12, xta_pki.password, xta_pki.ca_file)
        with client:
            report = _fetch(xta_store, client)
        assert peer.errors == []
    assert report.counts()["accepted"] == 1 and report.closed == [message_id]
    assert _stored(xta_store)[0]["sender_id"] == DEFAULT_AUTHOR  # from the fetch's metadata


def test_long_lists_are_paged_past_the_messages_left_alone(xta_peer, xta_client, xta_store):
    box = xta_peer.mailbox
    foreign = [box.add(b"<x/>", message_type="Other.Type.000001") for _ in range(4)]
    wanted = [box.add(valid_message(seed=10 + i)) for i in range(5)]

    report = _fetch(xta_store, xta_client, max_items=3)

    assert box.fetched_ids() == wanted and report.closed == wanted
    assert report.skipped == foreign
    assert ("getNextStatusList", None) in box.requests
    assert set(box.open_ids()) == set(foreign)


def test_same_content_under_a_new_transport_id_is_a_duplicate_and_closed(
    xta_peer, xta_client, xta_store
):
    data = valid_message(seed=21)
    first = xta_peer.mailbox.add(data)
    second = xta_peer.mailbox.add(data)

    report = _fetch(xta_store, xta_client)

    assert [o.kind for o in report.outcomes] == ["accepted", "duplicate"]
    assert report.closed == [first, second] and len(_stored(xta_store)) == 1


def test_a_non_message_goes_to_quarantine_with_its_transport_id_and_is_closed(
    xta_peer, xta_client, xta_store
):
    junk = xta_peer.mailbox.add(b"%PDF-1.7 not xml", message_type="OZG.Antrag.130101")

    report = _fetch(xta_store, xta_client)

    assert [o.kind for o in report.outcomes] == ["quarantined"] and report.closed == [junk]
    [row] = _rows(xta_store, "SELECT transport, transport_id FROM quarantine")
    assert row == {"transport": "xta", "transport_id": junk}


@pytest.mark.parametrize("data", [valid_message(seed=30), b"not xml at all"])
def test_stored_but_not_closed_is_offered_again_and_then_only_closed(
    xta_peer, xta_client, xta_store, data
):
    box = xta_peer.mailbox
    message_id = box.add(data, message_type="OZG.Antrag.130101")
    box.inject_fault("close", faults.PERMISSION_DENIED, "9011")

    with pytest.raises(XtaFault) as caught:
        _fetch(xta_store, xta_client)
    assert caught.value.report.outcomes[0].kind in ("accepted", "quarantined")
    assert box.open_ids() == [message_id]  # not closed: the mailbox offers it again

    report = _fetch(xta_store, xta_client)

    assert report.already_stored == [message_id] and report.closed == [message_id]
    assert report.outcomes == []
    assert box.fetched_ids() == [message_id]  # not downloaded a second time
    assert box.open_ids() == []
    stored = _rows(xta_store, "SELECT count(*) AS n FROM messages")[0]["n"]
    stored += _rows(xta_store, "SELECT count(*) AS n FROM quarantine")[0]["n"]
    assert stored == 1


def test_technical_problems_back_off_exponentially_then_succeed(xta_peer, xta_client, xta_store):
    message_id = xta_peer.mailbox.add(valid_message(seed=40))
    xta_peer.mailbox.inject_fault("getMessage", faults.TECHNICAL_PROBLEM, "9030", times=3)
    xta_peer.mailbox.drop_connection("close", times=1)
    sleeps: list[float] = []

    report = _fetch(xta_store, xta_client, sleeps=sleeps)

    assert sleeps == [1.0, 2.0, 4.0, 1.0]  # three for getMessage, then one for close
    assert report.retries == 4 and report.closed == [message_id]
    assert xta_peer.mailbox.fetched_ids() == [message_id]  # faults came before the work
    # the first close was carried out, only its answer broke off; the retry finds it closed
    assert xta_peer.mailbox.requests.count(("close", message_id)) == 2
    assert len(_stored(xta_store)) == 1


def test_back_off_is_capped_and_gives_up_with_the_retryable_error(xta_peer, xta_client, xta_store):
    xta_peer.mailbox.inject_fault("getStatusList", faults.TECHNICAL_PROBLEM, "9032", times=99)
    sleeps: list[float] = []

    with pytest.raises(XtaFault) as caught:
        _fetch(
            xta_store,
            xta_client,
            sleeps=sleeps,
            backoff=Backoff(initial_s=1, factor=2, max_s=300, retries=10),
        )

    assert sleeps == [1, 2, 4, 8, 16, 32, 64, 128, 256, 300]
    assert caught.value.retryable and caught.value.kind == faults.TECHNICAL_PROBLEM
    assert "Fehler bei der Zustellung" in caught.value.text_de


@pytest.mark.parametrize(
    ("operation", "kind", "code"),
    [
        ("checkAccountActive", faults.PERMISSION_DENIED, "9010"),
        ("getStatusList", faults.PERMISSION_DENIED, "9013"),
        ("getMessage", faults.PERMISSION_DENIED, "9014"),
        ("getStatusList", faults.PARAMETER_NOT_VALID, "9021"),
    ],
)
def test_permanent_faults_stop_the_run_without_retrying(
    xta_peer, xta_client, xta_store, operation, kind, code
):
    xta_peer.mailbox.add(valid_message(seed=50))
    xta_peer.mailbox.inject_fault(operation, kind, code)

    with pytest.raises(XtaFault) as caught:
        _fetch(xta_store, xta_client)

    assert (caught.value.kind, caught.value.code) == (kind, code)
    assert not caught.value.retryable and caught.value.text_de and caught.value.text_en
    assert _stored(xta_store) == [] and len(xta_peer.mailbox.open_ids()) == 1


def test_a_message_gone_from_the_server_is_reported_and_the_others_are_fetched(
    xta_peer, xta_client, xta_store
):
    gone = xta_peer.mailbox.add(valid_message(seed=60))
    kept = xta_peer.mailbox.add(valid_message(seed=61))
    xta_peer.mailbox.inject_fault("getMessage", faults.INVALID_MESSAGE_ID, "9070")

    report = _fetch(xta_store, xta_client)

    assert [t for t, _ in report.failed] == [gone] and not report.ok
    assert "does not know" in report.failed[0][1]
    assert report.closed == [kept]


def test_several_readers_each_get_their_own_mailbox(xta_peer, xta_client, xta_store):
    other_reader = "abh:00000002"
    first = xta_peer.mailbox.add(valid_message(seed=70))
    second = xta_peer.mailbox.add(valid_message(seed=71), reader_id=other_reader)

    report = _fetch(xta_store, xta_client, reader_ids=[DEFAULT_READER, other_reader])

    assert report.closed == [first, second] and xta_peer.mailbox.open_ids() == []


def test_stop_ends_the_run_after_the_message_in_hand(xta_peer, xta_client, xta_store):
    ids = [xta_peer.mailbox.add(valid_message(seed=80 + i)) for i in range(3)]
    stop = threading.Event()

    report = _fetch(xta_store, xta_client, stop=stop, on_outcome=lambda outcome: stop.set())

    assert report.closed == ids[:1] and xta_peer.mailbox.open_ids() == ids[1:]


def test_watch_fetches_until_stopped_and_reports_failed_runs(xta_peer, xta_client, xta_store):
    first = xta_peer.mailbox.add(valid_message(seed=90))
    xta_peer.mailbox.inject_fault("checkAccountActive", faults.PERMISSION_DENIED, "9011")
    stop = threading.Event()
    errors, reports = [], []

    def on_report(report):
        reports.append(report)
        stop.set()

    watch(
        xta_store.db,
        xta_client,
        xta_store.packs,
        xta_store.policy,
        stop,
        reader_ids=[DEFAULT_READER],
        interval_s=0.01,
        on_report=on_report,
        on_error=errors.append,
        sleep=_no_sleep,
    )

    assert [e.kind for e in errors] == [faults.PERMISSION_DENIED]
    assert [r.closed for r in reports] == [[first]]


def test_supported_types_follow_the_registry():
    meta = MessageMeta
    assert xta_fetch.is_supported(meta("a", message_type="OZG.Antrag.130101"))
    assert xta_fetch.is_supported(meta("a", message_type="130406"))
    assert xta_fetch.is_supported(meta("a", message_type=None))
    assert xta_fetch.is_supported(
        meta("a", message_type="Administration.Dokumentenlieferung.Paket.000040")
    )
    assert not xta_fetch.is_supported(meta("a", message_type="OZG.RueckkanalFrage.130102"))
    assert not xta_fetch.is_supported(meta("a", message_type="XMeld.Anmeldung.0201"))


def test_each_run_is_noted_with_its_result_and_a_failure_keeps_the_last_success(
    xta_peer, xta_client, xta_store
):
    xta_peer.mailbox.add(valid_message(seed=70))
    _fetch(xta_store, xta_client)
    first = fetch_runs.last_runs(xta_store.db)["xta"]
    assert first["ok"] and first["stored"] == 1 and first["last_ok_at"] == first["at"]

    xta_peer.mailbox.inject_fault("getStatusList", faults.PERMISSION_DENIED, "9013")
    with pytest.raises(XtaFault) as caught:
        _fetch(xta_store, xta_client)

    failed = fetch_runs.last_runs(xta_store.db)["xta"]
    assert not failed["ok"] and failed["at"] > first["at"]
    assert (failed["error_de"], failed["error_en"]) == (caught.value.text_de, caught.value.text_en)
    assert failed["last_ok_at"] == first["at"]  # when it last worked stays visible
