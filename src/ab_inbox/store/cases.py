"""Cases in the store: the queue's id lists and rows, status changes, notes, history.

The queue asks for ids only (filter and sort in SQL, full-text search through FTS5) and then
for the rows of the few ids it shows, so a list of 100,000 cases stays cheap. Every change of a
case bumps its `version`; a caller that read version N and writes with expected_version=N gets
a ConflictError when someone else changed the case meanwhile, never a silent overwrite.
"""

from __future__ import annotations

import json

from ab_inbox.errors import BilingualError
from ab_inbox.store.audit import append_audit, utc_now
from ab_inbox.store.database import Database
from ab_inbox.store.search_text import fts_query

CASE_COLUMNS = (
    "c.id, c.antragsidentifikation, c.status, c.validation, c.type_code, c.applicant_name,"
    " c.nationality, c.reason, c.received_at, c.updated_at, c.assignee, c.follow_up_date,"
    " c.attachments, c.version, c.application_message_id, c.purged_at, c.due_at,"
    " (SELECT count(*) FROM messages m WHERE m.case_id = c.id) AS message_count"
)
SORT_COLUMNS = {
    "received": "c.received_at",
    "age": "c.received_at",
    "type": "c.type_code",
    "applicant": "c.applicant_sort",
    "nationality": "c.nationality",
    "reason": "c.reason",
    "status": "c.status",
    "assignee": "c.assignee",
    "validation": "c.validation",
    "attachments": "c.attachments",
    "follow_up": "c.follow_up_date",
    "due": "c.due_at",
    "id": "c.id",
}
NOT_NULL_SORTS = {"c.received_at", "c.status", "c.id", "c.applicant_sort", "c.attachments"}
FINAL = ("exported", "not_responsible", "done")
# A case still to be worked on (the SQL twin of casework.status.OPEN_STATUSES).
OPEN_SQL = "c.status NOT IN (" + ", ".join(f"'{s}'" for s in FINAL) + ")"
VIEWS = {
    "new": "c.status = 'new'",
    "mine": f"c.assignee = :user AND {OPEN_SQL}",
    "invalid": "c.validation = 'invalid'",
    "follow_up_due": f"c.follow_up_date IS NOT NULL AND c.follow_up_date <= :today AND {OPEN_SQL}",
    "due_today": f"c.due_at >= :day_start AND c.due_at < :day_end AND {OPEN_SQL}",
    "overdue": f"c.due_at < :day_start AND {OPEN_SQL}",
    "unassigned": f"c.assignee IS NULL AND {OPEN_SQL}",
    "open": OPEN_SQL,
    "all": "1 = 1",
}
# A narrower look at a view: the acting user's reminders are about their own cases and the
# ones nobody has taken yet.
SCOPES = {"mine_or_unassigned": "(c.assignee = :user OR c.assignee IS NULL)"}


class ConflictError(BilingualError):
    """Someone else changed the case after it was read; reload and decide again."""


class CaseNotFound(BilingualError):
    def __init__(self, case_id: int):
        super().__init__(f"Fall {case_id} gibt es nicht.", f"There is no case {case_id}.")


def case_ids(
    db: Database,
    *,
    view: str = "all",
    search: str | None = None,
    status: str | None = None,
    sort: str = "received",
    descending: bool = True,
    user: str = "",
    today: str = "",
    day: tuple[str, str] = ("", ""),
    assignee: str | None = None,
    scope: str | None = None,
    limit: int | None = None,
) -> list[int]:
    """The ids of a queue view, filtered and sorted entirely in SQL.

    `today` is the local date (follow-ups), `day` that date's [start, end) in UTC (due times);
    `scope` one of SCOPES; `limit`: only the first ids of that order.
    """
    conditions = _conditions(view, scope, search, status, assignee, user=user, today=today, day=day)
    if conditions is None:
        return []
    where, params = conditions
    column = SORT_COLUMNS.get(sort, SORT_COLUMNS["received"])
    direction = "DESC" if descending else "ASC"
    # Columns that are never NULL sort straight off an index; the others put gaps last.
    nulls_last = "" if column in NOT_NULL_SORTS else f"{column} IS NULL, "
    # One row holding a JSON array instead of one row per case: stepping 100,000 rows through
    # the sqlite3 module costs about twice as much as SQLite building the array. SQLite feeds
    # an aggregate the rows of an ordered subquery in that order (tests compare the two forms).
    sql = (
        f"SELECT json_group_array(id) FROM (SELECT c.id AS id FROM cases c"
        f" WHERE {' AND '.join(where)}"
        f" ORDER BY {nulls_last}{column} {direction}, c.id {direction}"
        f"{' LIMIT :limit' if limit is not None else ''})"
    )
    if limit is not None:
        params["limit"] = limit
    return json.loads(db.execute(sql, params).fetchone()[0])


def _view_where(
    view: str, scope: str | None, *, user: str, today: str, day: tuple[str, str]
) -> tuple[list[str], dict[str, object]]:
    where = [VIEWS.get(view, VIEWS["all"])]
    if scope is not None:
        where.append(SCOPES[scope])
    params: dict[str, object] = {
        "user": user,
        "today": today,
        "day_start": day[0],
        "day_end": day[1],
    }
    return where, params


def _conditions(
    view: str,
    scope: str | None,
    search: str | None,
    status: str | None,
    assignee: str | None,
    *,
    user: str,
    today: str,
    day: tuple[str, str],
) -> tuple[list[str], dict[str, object]] | None:
    """The WHERE conditions of a view, narrowed; None if the search has nothing to find."""
    where, params = _view_where(view, scope, user=user, today=today, day=day)
    if status:
        where.append("c.status = :status")
        params["status"] = status
    if assignee:
        where.append("c.assignee = :assignee")
        params["assignee"] = assignee
    if search:
        match = fts_query(search)
        if match is None:
            return None
        where.append(
            "c.id IN (SELECT m.case_id FROM messages m WHERE m.id IN"
            " (SELECT rowid FROM message_search WHERE message_search MATCH :match))"
        )
        params["match"] = match
    return where, params


def count_view(
    db: Database,
    view: str,
    scope: str | None,
    *,
    user: str,
    today: str,
    day: tuple[str, str],
    search: str | None = None,
    assignee: str | None = None,
) -> int:
    """How many cases a view (narrowed by `scope`, a search, an assignee) lists: the same
    conditions as case_ids."""
    conditions = _conditions(view, scope, search, None, assignee, user=user, today=today, day=day)
    if conditions is None:
        return 0
    where, params = conditions
    sql = f"SELECT count(*) FROM cases c WHERE {' AND '.join(where)}"
    return db.execute(sql, params).fetchone()[0]


def case_rows(db: Database, ids: list[int]) -> dict[int, dict]:
    """Rows for a page of ids (at most a few hundred at a time)."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = db.query(f"SELECT {CASE_COLUMNS} FROM cases c WHERE c.id IN ({marks})", list(ids))
    return {row["id"]: row for row in rows}


def versions(db: Database, ids: list[int]) -> dict[int, int]:
    """Current version of each case, for a selection of any size (one query, ids as JSON)."""
    if not ids:
        return {}
    rows = db.execute(
        "SELECT id, version FROM cases WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(list(ids)),),
    )
    return dict(rows.fetchall())


def view_counts(
    db: Database, *, user: str, today: str, day: tuple[str, str] = ("", "")
) -> dict[str, int]:
    return {name: count_view(db, name, None, user=user, today=today, day=day) for name in VIEWS}


def get_case(db: Database, case_id: int) -> dict:
    rows = case_rows(db, [case_id])
    if case_id not in rows:
        raise CaseNotFound(case_id)
    return rows[case_id]


def _bump(db, case_id: int, expected_version: int | None, assignments: str, params: tuple):
    sql = f"UPDATE cases SET {assignments}, updated_at = ?, version = version + 1 WHERE id = ?"
    args = (*params, utc_now(), case_id)
    if expected_version is not None:
        sql += " AND version = ?"
        args = (*args, expected_version)
    if db.execute(sql, args).rowcount == 0:
        get_case(db, case_id)  # raises CaseNotFound
        raise_conflict(case_id)


def raise_conflict(case_id: int):
    raise ConflictError(
        f"Fall {case_id} wurde inzwischen von jemand anderem geändert. Bitte neu laden "
        "und die Änderung erneut prüfen.",
        f"Case {case_id} was changed by someone else meanwhile. Please reload and "
        "check the change again.",
    )


def change_status(
    db: Database,
    case_id: int,
    *,
    from_status: str,
    to_status: str,
    actor: str,
    expected_version: int | None,
    follow_up_date: str | None = None,
    note: str | None = None,
) -> None:
    """Write a checked status change with its history and audit entry (caller's transaction)."""
    if to_status == "parked":
        _bump(
            db,
            case_id,
            expected_version,
            "status = ?, follow_up_date = ?",
            (to_status, follow_up_date),
        )
    else:
        _bump(db, case_id, expected_version, "status = ?", (to_status,))
    db.execute(
        "INSERT INTO status_history (case_id, at, actor, from_status, to_status, note)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (case_id, utc_now(), actor, from_status, to_status, note),
    )
    append_audit(db, "status_changed", case_id=case_id, detail=f"{from_status}->{to_status}")


def set_assignee(
    db: Database, case_id: int, assignee: str | None, expected_version: int | None
) -> None:
    _bump(db, case_id, expected_version, "assignee = ?", (assignee,))
    append_audit(db, "assigned", case_id=case_id, detail=f"to={assignee or '-'}")


def take(db: Database, case_id: int, login: str, status: str, version: int) -> None:
    """`login` takes the case (read at `version`, in `status`): assigned to them, and a new
    case is in progress from now on (the casework.status transition new -> in_progress)."""
    set_assignee(db, case_id, login, version)
    if status == "new":
        change_status(
            db,
            case_id,
            from_status="new",
            to_status="in_progress",
            actor=login,
            expected_version=version + 1,
            note="übernommen",
        )


def set_follow_up(
    db: Database, case_id: int, day: str | None, expected_version: int | None
) -> None:
    _bump(db, case_id, expected_version, "follow_up_date = ?", (day,))
    append_audit(db, "follow_up_set", case_id=case_id, detail=f"date={day or '-'}")


def add_note(db: Database, case_id: int, author: str, text: str) -> int:
    get_case(db, case_id)
    cursor = db.execute(
        "INSERT INTO case_notes (case_id, at, author, text) VALUES (?, ?, ?, ?)",
        (case_id, utc_now(), author, text),
    )
    append_audit(db, "note_added", case_id=case_id, detail=f"note={cursor.lastrowid}")
    return cursor.lastrowid


def notes(db: Database, case_id: int) -> list[dict]:
    return list(
        db.query(
            "SELECT id, at, author, text FROM case_notes WHERE case_id = ? ORDER BY at, id",
            [case_id],
        )
    )


def history(db: Database, case_id: int) -> list[dict]:
    return list(
        db.query(
            "SELECT at, actor, from_status, to_status, note FROM status_history"
            " WHERE case_id = ? ORDER BY at, id",
            [case_id],
        )
    )


def case_message_ids(db: Database, case_id: int) -> list[int]:
    return [
        row[0]
        for row in db.execute(
            "SELECT id FROM messages WHERE case_id = ? ORDER BY received_at, id", (case_id,)
        )
    ]
