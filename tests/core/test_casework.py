"""Cases: the status workflow enforced in the core, notes, follow-ups, the queue's SQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ab_inbox.casework.status import TRANSITIONS, TransitionError
from ab_inbox.demo import generate_demo
from ab_inbox.store.cases import ConflictError
from tests.messages import (
    fetch_files,
    invalid_answer_to,
    set_family_name,
    set_text,
    valid_message,
)


def _fill(inbox, tmp_path, files: dict[str, bytes]) -> dict[str, int]:
    return fetch_files(inbox, tmp_path / "drop", files)


@pytest.fixture
def two_cases(inbox, tmp_path):
    return _fill(
        inbox,
        tmp_path,
        {
            "valid.xml": set_family_name(valid_message(seed=61), "Wróbel", "Łukasz"),
            "invalid.xml": set_text(valid_message(seed=62), "antragsdatum", "kaputt"),
        },
    )


def test_a_case_walks_through_the_workflow_with_history_and_audit(inbox, two_cases):
    case_id = two_cases["valid.xml"]
    inbox.set_status(case_id, "in_progress")
    inbox.set_status(case_id, "query", note="Pass fehlt")
    inbox.set_status(case_id, "in_progress")
    inbox.set_status(case_id, "ready")

    case = inbox.case(case_id)
    assert case["status"] == "ready" and case["status_label"] == "Bereit zum Export"
    assert [h["to_status"] for h in case["history"]] == [
        "new",
        "in_progress",
        "query",
        "in_progress",
        "ready",
    ]
    assert case["history"][2]["note"] == "Pass fehlt"
    actions = [r["action"] for r in inbox.db.query("SELECT action FROM audit")]
    assert actions.count("status_changed") == 4


@pytest.mark.parametrize(
    ("path", "target"),
    [((), "ready"), ((), "query"), (("in_progress", "ready"), "done"), ((), "exported")],
)
def test_forbidden_transitions_are_refused_in_the_core(inbox, two_cases, path, target):
    case_id = two_cases["valid.xml"]
    for step in path:
        inbox.set_status(case_id, step)
    before = inbox.case(case_id)
    with pytest.raises(TransitionError) as err:
        inbox.set_status(case_id, target)
    assert err.value.text_de and err.value.text_en
    assert inbox.case(case_id)["version"] == before["version"]


def test_invalid_case_can_be_worked_but_not_made_ready(inbox, two_cases):
    case_id = two_cases["invalid.xml"]
    inbox.set_status(case_id, "in_progress")
    with pytest.raises(TransitionError) as err:
        inbox.set_status(case_id, "ready")
    assert "nicht exportiert" in err.value.text_de


def test_a_case_with_an_invalid_follow_up_can_be_worked_but_not_made_ready(inbox, tmp_path):
    application = valid_message(seed=63)
    case_id = _fill(inbox, tmp_path, {"a.xml": application})["a.xml"]
    _fill(inbox, tmp_path, {"b.xml": invalid_answer_to(application, seed=64)})

    inbox.set_status(case_id, "in_progress")
    with pytest.raises(TransitionError) as err:
        inbox.set_status(case_id, "ready")
    assert "ungültige Nachricht" in err.value.text_de and "invalid message" in err.value.text_en
    assert inbox.case(case_id)["status"] == "in_progress"


def test_parking_needs_a_follow_up_date_in_the_future(inbox, two_cases):
    case_id = two_cases["valid.xml"]
    with pytest.raises(TransitionError):
        inbox.set_status(case_id, "parked")
    with pytest.raises(TransitionError):
        inbox.set_status(case_id, "parked", follow_up=date.today() - timedelta(days=1))
    inbox.set_status(case_id, "parked", follow_up=date.today())
    assert case_id in inbox.case_ids("follow_up_due")
    assert inbox.case(case_id)["follow_up_date"] == date.today().isoformat()


def test_a_parked_case_keeps_its_follow_up_date(inbox, two_cases):
    """Without a date a parked case would never come back as due."""
    case_id = two_cases["valid.xml"]
    later = date.today() + timedelta(days=7)
    inbox.set_status(case_id, "parked", follow_up=later)
    with pytest.raises(TransitionError) as refused:
        inbox.set_follow_up(case_id, None)
    assert "zurückgestellter Fall" in refused.value.text_de
    assert inbox.case(case_id)["follow_up_date"] == later.isoformat()
    inbox.set_follow_up(case_id, later + timedelta(days=1))  # another date: fine
    inbox.set_status(case_id, "in_progress")
    inbox.set_follow_up(case_id, None)  # back in progress: it may go
    assert inbox.case(case_id)["follow_up_date"] is None


def test_every_status_is_reachable_and_none_is_a_dead_end():
    reachable = {"new"}
    frontier = ["new"]
    while frontier:
        for nxt in TRANSITIONS[frontier.pop()]:
            if nxt not in reachable:
                reachable.add(nxt)
                frontier.append(nxt)
    assert reachable == set(TRANSITIONS)
    assert all(TRANSITIONS[s] for s in TRANSITIONS)


def test_a_stale_version_is_a_conflict_not_an_overwrite(inbox, two_cases):
    case_id = two_cases["valid.xml"]
    seen = inbox.case(case_id)["version"]
    inbox.take_case(case_id)  # someone else acted first
    with pytest.raises(ConflictError) as err:
        inbox.set_status(case_id, "done", expected_version=seen)
    assert "neu laden" in err.value.text_de
    assert inbox.case(case_id)["status"] == "in_progress"


def test_take_case_assigns_me_and_starts_work(inbox, two_cases):
    case_id = two_cases["valid.xml"]
    inbox.take_case(case_id)
    case = inbox.case(case_id)
    assert case["assignee"] == inbox.user and case["status"] == "in_progress"
    assert inbox.case_ids("mine") == [case_id]


def test_notes_keep_author_and_time_and_audit_holds_no_text(inbox, two_cases):
    case_id = two_cases["valid.xml"]
    inbox.add_note(case_id, "Rückruf der Antragstellerin am Montag")
    [note] = inbox.case(case_id)["notes"]
    assert note["author"] == inbox.user and note["at"].endswith("Z")
    audit = " ".join(str(r) for r in inbox.db.query("SELECT * FROM audit"))
    assert "Rückruf" not in audit


def test_queue_views_search_and_sort_in_sql(inbox, tmp_path):
    _fill(inbox, tmp_path, {p.name: p.read_bytes() for p in generate_demo(tmp_path / "g", 30, 5)})
    all_ids = inbox.case_ids("all")
    rows = inbox.case_rows(all_ids)
    assert len(all_ids) == len(rows) == inbox.view_counts()["all"]
    by_name = inbox.case_ids("all", sort="applicant", descending=False)
    names = [rows[i]["applicant_name"] for i in by_name if rows[i]["applicant_name"]]
    from ab_inbox.store.search_text import fold

    assert [fold(n) for n in names] == sorted(fold(n) for n in names)
    some = next(r for r in rows.values() if r["applicant_name"])
    family = some["applicant_name"].split(",")[0]
    assert some["id"] in inbox.case_ids("all", search=fold(family))
    assert inbox.case_ids("new") == inbox.case_ids("all")  # nothing worked on yet


def test_every_sort_gives_the_same_order_as_a_plain_order_by(inbox, tmp_path):
    """The ids come back as one JSON array built over an ordered subquery; the order must be
    exactly what a plain ORDER BY returns, for every column and both directions."""
    from ab_inbox.store.cases import SORT_COLUMNS

    _fill(inbox, tmp_path, {p.name: p.read_bytes() for p in generate_demo(tmp_path / "g", 40, 7)})
    ids = inbox.case_ids("all")
    inbox.take_case(ids[3])
    inbox.set_follow_up(ids[5], date.today())
    for sort, column in SORT_COLUMNS.items():
        for descending in (False, True):
            direction = "DESC" if descending else "ASC"
            plain = [
                row[0]
                for row in inbox.db.execute(
                    f"SELECT c.id FROM cases c ORDER BY {column} IS NULL,"
                    f" {column} {direction}, c.id {direction}"
                )
            ]
            assert inbox.case_ids("all", sort=sort, descending=descending) == plain, sort
            first = inbox.case_ids("all", sort=sort, descending=descending, limit=7)
            assert first == plain[:7], sort


def test_saved_searches_belong_to_their_owner_and_are_audited_without_their_text(inbox):
    inbox.save_search("Familie Müller", "open", "müller")
    inbox.save_search("Familie Müller", "all", "mueller")  # same name: replaced
    [saved] = inbox.saved_searches()
    assert (saved["view"], saved["search"]) == ("all", "mueller")
    inbox.delete_saved_search(saved["id"])
    assert inbox.saved_searches() == []
    audit = list(inbox.db.query("SELECT action, detail FROM audit WHERE action != 'user_added'"))
    assert [a["action"] for a in audit] == ["search_saved", "search_saved", "search_deleted"]
    assert "ller" not in " ".join(str(a["detail"]) for a in audit)


def test_a_saved_search_is_renamed_and_counts_what_it_lists(inbox, two_cases):
    from ab_inbox.store.saved_searches import NameTaken, SearchGone

    inbox.save_search("Łukasz", "all", "lukasz")
    inbox.save_search("Ungültige", "invalid", None)
    inbox.save_search("Niemand", "all", "zzzzqx")
    by_name = {s["name"]: s["id"] for s in inbox.saved_searches()}
    assert inbox.saved_search_counts() == {
        by_name["Łukasz"]: 1,
        by_name["Ungültige"]: 1,
        by_name["Niemand"]: 0,
    }
    with pytest.raises(NameTaken) as taken:
        inbox.rename_saved_search(by_name["Łukasz"], " Ungültige ")
    assert "Ungültige" in taken.value.text_de and "already" in taken.value.text_en
    inbox.rename_saved_search(by_name["Łukasz"], "Familie Wróbel")
    assert {s["name"] for s in inbox.saved_searches()} == {"Familie Wróbel", "Ungültige", "Niemand"}
    details = [
        a["detail"]
        for a in inbox.db.query("SELECT detail FROM audit WHERE action = ?", ["search_renamed"])
    ]
    assert details == [f"search={by_name['Łukasz']}"]  # no name, no text
    inbox.delete_saved_search(by_name["Niemand"])
    with pytest.raises(SearchGone):  # deleted in another window meanwhile
        inbox.rename_saved_search(by_name["Niemand"], "Doch jemand")
    inbox.delete_saved_search(by_name["Niemand"])  # again: nothing to do, nothing audited
    deleted = list(inbox.db.query("SELECT 1 FROM audit WHERE action = 'search_deleted'"))
    assert len(deleted) == 1


def test_a_saved_search_keeps_its_person_and_scope(inbox, two_cases):
    valid, invalid = two_cases["valid.xml"], two_cases["invalid.xml"]
    inbox.take_case(valid)
    inbox.save_search("Meine", "all", None, assignee=inbox.user)
    inbox.save_search("Meine und offene", "all", None, scope="mine_or_unassigned")
    with pytest.raises(ValueError):
        inbox.save_search("Unsinn", "all", None, scope="everything")
    by_name = {s["name"]: s for s in inbox.saved_searches()}
    assert (by_name["Meine"]["assignee"], by_name["Meine"]["scope"]) == (inbox.user, None)
    counts = inbox.saved_search_counts()
    assert counts[by_name["Meine"]["id"]] == 1
    assert counts[by_name["Meine und offene"]["id"]] == len({valid, invalid})
