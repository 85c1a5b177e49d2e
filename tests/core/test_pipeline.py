"""The receive -> check -> store pipeline as a caseworker sees its results."""

from __future__ import annotations

import json
import random
import threading
from datetime import UTC, datetime, timedelta

from ab_inbox.config import Settings
from ab_inbox.demo import generate_demo
from ab_inbox.inbox import Inbox
from ab_inbox.ingest.dropfolder import PROCESSED
from tests.messages import (
    fetch_files,
    first,
    follow_up_to,
    invalid_answer_to,
    set_family_name,
    set_text,
    valid_message,
)


def _drop(tmp_path, files: dict[str, bytes]):
    drop = tmp_path / "drop"
    drop.mkdir(exist_ok=True)
    for name, data in files.items():
        (drop / name).write_bytes(data)
    return drop


def _fetch(inbox, drop):
    outcomes = []
    report = inbox.fetch(drop, settle_s=0, on_outcome=outcomes.append)
    return report, outcomes


def test_valid_message_is_accepted_with_its_bytes_untouched(inbox, tmp_path):
    data = valid_message(seed=5)
    drop = _drop(tmp_path, {"a.xml": data})

    report, [outcome] = _fetch(inbox, drop)

    assert report.ok and outcome.kind == "accepted"
    assert inbox.message_bytes(outcome.message_id) == data
    row = inbox.message(outcome.message_id)
    assert row["validation"] == "valid" and row["status"] == "new"
    assert row["type_code"] == "130101" and row["type_title"] == "Antrag"
    assert row["findings"] == []
    assert (drop / PROCESSED / "a.xml").read_bytes() == data
    audit = [
        r["action"] for r in inbox.db.query("SELECT action FROM audit WHERE action != 'user_added'")
    ]
    assert audit == ["message_received", "fetch_working"]  # the receipt, the way in working


def test_schema_invalid_message_is_stored_with_path_line_and_both_languages(inbox, tmp_path):
    data = set_text(valid_message(seed=6), "antragsdatum", "2025-13-45")
    drop = _drop(tmp_path, {"bad.xml": data})

    _, [outcome] = _fetch(inbox, drop)

    assert outcome.kind == "invalid"
    [finding] = [
        f for f in inbox.message(outcome.message_id)["findings"] if f["rule"].startswith("xsd")
    ]
    assert finding["path"].endswith("antragsdatum")
    assert finding["line"] > 1
    assert "2025-13-45" in finding["text_de"] and "antragsdatum" in finding["text_de"]
    assert "2025-13-45" in finding["text_en"]
    assert inbox.list_messages(validation="invalid")[0]["id"] == outcome.message_id


def test_same_bytes_or_same_uuid_again_is_a_duplicate_not_a_second_record(inbox, tmp_path):
    data = valid_message(seed=7)
    same_uuid_other_bytes = (
        set_text(data, "sonstigeAnmerkung", "geändert")
        if b"sonstigeAnmerkung" in data
        else set_text(data, "antragsdatum", "2025-01-02")
    )
    drop = _drop(tmp_path, {"1.xml": data})
    _fetch(inbox, drop)
    _drop(tmp_path, {"2.xml": data, "3.xml": same_uuid_other_bytes})

    _, outcomes = _fetch(inbox, drop)

    assert sorted(o.kind for o in outcomes) == ["duplicate", "duplicate"]
    assert {o.reason_code for o in outcomes} == {"same_bytes", "same_uuid"}
    assert len(inbox.list_messages()) == 1
    assert sorted(p.name for p in (drop / PROCESSED).iterdir()) == ["1.xml", "2.xml", "3.xml"]


def test_follow_up_joins_the_case_of_its_application_even_when_it_arrives_first(inbox, tmp_path):
    paths = generate_demo(tmp_path / "gen", 40, seed=3)
    follow_ups = [p for p in paths if "Ruecknahme" in p.name or "RueckkanalAntwort" in p.name]
    assert follow_ups
    follow = follow_ups[0].read_bytes()
    ident = first(__import__("lxml.etree").etree.fromstring(follow), "antragsidentifikation").text
    application = next(
        p.read_bytes() for p in paths if p not in follow_ups and ident.encode() in p.read_bytes()
    )
    drop = _drop(tmp_path, {"f.xml": follow})
    _, [f_out] = _fetch(inbox, drop)
    _drop(tmp_path, {"a.xml": application})
    _, [a_out] = _fetch(inbox, drop)

    assert f_out.case_id == a_out.case_id
    case = inbox.message(a_out.message_id)
    assert [m["id"] for m in case["case_messages"]] == [f_out.message_id, a_out.message_id]
    case_row = inbox.db.execute(
        "SELECT application_message_id, applicant_name FROM cases WHERE id = ?", (a_out.case_id,)
    ).fetchone()
    assert case_row[0] == a_out.message_id and case_row[1]


def test_an_invalid_follow_up_makes_its_valid_case_invalid(inbox, tmp_path):
    application = valid_message(seed=71)
    ids = fetch_files(
        inbox,
        tmp_path / "drop",
        {"a.xml": application, "f.xml": follow_up_to(application, seed=72)},
    )
    case_id = ids["a.xml"]
    assert ids["f.xml"] == case_id and inbox.case(case_id)["validation"] == "valid"

    later = fetch_files(
        inbox, tmp_path / "drop", {"b.xml": invalid_answer_to(application, seed=73)}
    )

    assert later == {"b.xml": case_id}
    assert inbox.case(case_id)["validation"] == "invalid"
    assert inbox.case_ids("invalid") == [case_id]
    assert inbox.view_counts()["invalid"] == 1


def test_an_application_after_an_invalid_follow_up_leaves_the_case_invalid(inbox, tmp_path):
    application = valid_message(seed=74)
    early = fetch_files(
        inbox, tmp_path / "drop", {"b.xml": invalid_answer_to(application, seed=75)}
    )
    assert inbox.case(early["b.xml"])["validation"] == "invalid"

    ids = fetch_files(inbox, tmp_path / "drop", {"a.xml": application})

    case = inbox.case(ids["a.xml"])
    assert case["id"] == early["b.xml"] and case["applicant_name"]  # the application joined
    assert case["validation"] == "invalid"
    assert inbox.case_ids("invalid") == [case["id"]]


def test_creation_time_in_the_future_is_an_error_and_wrong_reader_a_warning(tmp_path, schemas_dir):
    future = (datetime.now(UTC) + timedelta(hours=2)).isoformat(timespec="seconds")
    data = set_text(valid_message(seed=8), "erstellungszeitpunkt", future)
    settings = Settings()
    settings.set("office_dvdv_ids", ["abh:99999999"])
    with Inbox(tmp_path / "db.sqlite3", schemas_dir, settings) as box:
        box.add_user(box.user, "admin")
        _, [outcome] = _fetch(box, _drop(tmp_path, {"f.xml": data}))
        rules = {f["rule"]: f["severity"] for f in box.message(outcome.message_id)["findings"]}
    assert outcome.kind == "invalid"
    assert rules["rule.future_time"] == "error"
    assert rules["rule.reader"] == "warning"


def test_search_ignores_diacritics_and_special_letters(inbox, tmp_path):
    names = [("Müller", "Jürgen"), ("Wróbel", "Łukasz"), ("Nguyễn", "Thị Hương"), ("Groß", "Ayşe")]
    files = {
        f"{i}.xml": set_family_name(valid_message(seed=100 + i), fam, given)
        for i, (fam, given) in enumerate(names)
    }
    _fetch(inbox, _drop(tmp_path, files))

    def found(text):
        return sorted(r["applicant_name"] for r in inbox.list_messages(search=text))

    assert found("muller") == ["Müller, Jürgen"]
    assert found("mueller") == ["Müller, Jürgen"]
    assert found("Lukasz") == ["Wróbel, Łukasz"]
    assert found("nguyen huong") == ["Nguyễn, Thị Hương"]
    assert found("gross ayse") == ["Groß, Ayşe"]  # "gross" alone also finds a law firm
    assert found("ayse") == ["Groß, Ayşe"]
    assert found("nobody") == []


def test_search_finds_the_firm_a_representative_acts_for(inbox, tmp_path):
    from lxml import etree

    from tests.core.ozg_samples import XA, antrag_130101

    root = etree.fromstring(antrag_130101())
    etree.SubElement(root.find(f"{XA}antragstellerVertreter"), f"{XA}firma").text = "Kanzlei Öztürk"
    _fetch(inbox, _drop(tmp_path, {"firm.xml": etree.tostring(root)}))
    assert [r["applicant_name"] for r in inbox.list_messages(search="ozturk")] == [
        "Mustermann, Max"
    ]


def test_a_chosen_file_over_the_size_cap_is_quarantined_unread(inbox, tmp_path):
    import hashlib

    inbox.settings.set("max_message_mb", 1)
    big = tmp_path / "gross.xml"
    big.write_bytes(b"<a>" + b"x" * (3 * 1024 * 1024) + b"</a>")

    def store_size():  # the database with its write-ahead log
        return sum(f.stat().st_size for f in tmp_path.glob(inbox.db_path.name + "*"))

    store_before = store_size()

    outcome = inbox.receive_file(big)

    assert outcome.kind == "quarantined"
    [entry] = inbox.quarantine_entries()
    assert entry["reason_code"] == "too_large" and entry["source_name"] == "gross.xml"
    assert entry["sha256"] == hashlib.sha256(big.read_bytes()).hexdigest()
    assert entry["size"] == big.stat().st_size
    assert "nicht gelesen" in entry["text_de"]
    assert store_size() - store_before < 512 * 1024  # the bytes are not kept
    assert big.is_file()  # the user's own file stays where it is


def test_a_chosen_file_within_the_cap_is_stored_as_a_message(inbox, tmp_path):
    path = tmp_path / "antrag.xml"
    path.write_bytes(valid_message(seed=21))
    assert inbox.receive_file(path).kind == "accepted"


def test_incomplete_files_are_left_alone(inbox, tmp_path):
    data = valid_message(seed=9)
    drop = _drop(tmp_path, {".hidden.xml": data, "x.xml.tmp": data, "y.part": data})
    report, outcomes = _fetch(inbox, drop)
    assert outcomes == [] and report.ok
    assert sorted(p.name for p in drop.iterdir()) == [".hidden.xml", "x.xml.tmp", "y.part"]


def test_a_file_still_being_written_waits_for_the_next_round(inbox, tmp_path):
    drop = _drop(tmp_path, {})
    path = drop / "slow.xml"
    path.write_bytes(valid_message(seed=10)[:200])
    stop = threading.Event()

    def writer():
        with path.open("ab") as handle:
            while not stop.is_set():
                handle.write(b" ")
                handle.flush()
                stop.wait(0.005)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        report = inbox.fetch(drop, settle_s=0.3)
    finally:
        stop.set()
        thread.join()
    assert report.waiting == ["slow.xml"] and report.outcomes == []
    assert path.exists() and inbox.list_messages() == []


def test_record_json_keeps_din91379_names_exactly(inbox, tmp_path):
    data = set_family_name(valid_message(seed=12), "Þórsdóttir-Şahin", "Đặng Ğül")
    _, [outcome] = _fetch(inbox, _drop(tmp_path, {"n.xml": data}))
    record = inbox.message(outcome.message_id)["record"]
    assert record["applicant"]["family_name"] == "Þórsdóttir-Şahin"
    assert record["applicant"]["given_names"] == "Đặng Ğül"
    assert json.loads(json.dumps(record)) == record


def test_demo_batch_of_all_types_is_accepted(inbox, tmp_path):
    gen = tmp_path / "drop"
    paths = generate_demo(gen, 30, seed=random.Random(4).randint(1, 999))
    report, outcomes = _fetch(inbox, gen)
    assert report.ok and len(outcomes) == len(paths)
    assert {o.kind for o in outcomes} == {"accepted"}, [
        o.line("en") for o in outcomes if o.kind != "accepted"
    ]
    types = {
        r["message_type"]
        for r in map(lambda r: {"message_type": r["type_code"]}, inbox.list_messages())
    }
    assert types == {"130101", "130103", "130111", "130201", "130301", "130401", "130404", "130406"}


def test_follow_up_is_listed_and_found_under_its_applicants_name(inbox, tmp_path):
    from lxml import etree

    paths = generate_demo(tmp_path / "gen", 40, seed=3)
    withdrawal = next(p for p in paths if "Ruecknahme" in p.name)
    ident = first(etree.fromstring(withdrawal.read_bytes()), "antragsidentifikation").text
    application = next(
        p
        for p in paths
        if p != withdrawal and "Ruecknahme" not in p.name and ident.encode() in p.read_bytes()
    )
    drop = _drop(tmp_path, {"w.xml": withdrawal.read_bytes()})
    _, [w_out] = _fetch(inbox, drop)
    _drop(tmp_path, {"a.xml": application.read_bytes()})
    _, [a_out] = _fetch(inbox, drop)

    rows = {r["id"]: r for r in inbox.list_messages()}
    name = rows[a_out.message_id]["applicant_name"]
    assert name and rows[w_out.message_id]["applicant_name"] == name
    family = name.split(",")[0]
    assert {r["id"] for r in inbox.list_messages(search=family)} >= {
        w_out.message_id,
        a_out.message_id,
    }
