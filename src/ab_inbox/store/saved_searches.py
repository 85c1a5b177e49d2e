"""Saved searches: a user's own named views of the queue (view, search text, and the person
or reminder scope the view was narrowed to).

The search text may hold a name someone typed, so the audit records only that a search was
saved or removed, never its text or name.
"""

from __future__ import annotations

from ab_inbox.errors import BilingualError
from ab_inbox.store.audit import append_audit, utc_now
from ab_inbox.store.database import Database


class NameTaken(BilingualError):
    """Another of the owner's saved searches has that name."""


class SearchGone(BilingualError):
    """The saved search was deleted meanwhile (in another window or on another PC)."""


def list_for(db: Database, owner: str) -> list[dict]:
    return list(
        db.query(
            "SELECT id, name, view, search, assignee, scope FROM saved_searches"
            " WHERE owner = ? ORDER BY name",
            [owner],
        )
    )


def save(
    db: Database,
    owner: str,
    name: str,
    view: str,
    search: str | None,
    assignee: str | None = None,
    scope: str | None = None,
) -> None:
    """Create or replace (by name) one of the owner's searches; caller's transaction."""
    db.execute(
        "INSERT INTO saved_searches (owner, name, view, search, assignee, scope, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (owner, name) DO UPDATE SET"
        " view = excluded.view, search = excluded.search, assignee = excluded.assignee,"
        " scope = excluded.scope",
        (owner, name.strip(), view, search or None, assignee, scope, utc_now()),
    )
    append_audit(db, "search_saved", detail=f"view={view}")


def delete(db: Database, owner: str, search_id: int) -> None:
    """Delete one of the owner's searches; already gone elsewhere: nothing to do or audit."""
    if db.execute(
        "DELETE FROM saved_searches WHERE id = ? AND owner = ?", (search_id, owner)
    ).rowcount:
        append_audit(db, "search_deleted", detail=f"search={search_id}")


def rename(db: Database, owner: str, search_id: int, name: str) -> None:
    """Give one of the owner's searches another name (NameTaken if another has it)."""
    name = name.strip()
    taken = db.execute(
        "SELECT 1 FROM saved_searches WHERE owner = ? AND name = ? AND id != ?",
        (owner, name, search_id),
    ).fetchone()
    if taken:
        raise NameTaken(
            f"Es gibt schon eine gespeicherte Suche „{name}“.",
            f"There already is a saved search '{name}'.",
        )
    if not db.execute(
        "UPDATE saved_searches SET name = ? WHERE id = ? AND owner = ?", (name, search_id, owner)
    ).rowcount:
        raise SearchGone(
            "Diese gespeicherte Suche gibt es nicht mehr (an anderer Stelle gelöscht).",
            "This saved search no longer exists (deleted elsewhere).",
        )
    append_audit(db, "search_renamed", detail=f"search={search_id}")
