"""The append-only audit log: who did what, when, from where; never message content.

Triggers in the schema refuse UPDATE and DELETE on the table, and every entry is sealed into a
hash chain (audit_chain.py), so an entry changed, removed or inserted in the file directly shows
in `ab-inbox audit verify`. Details carry ids, counts and rule codes only, so the log itself
holds no personal data of applicants.
"""

from __future__ import annotations

from datetime import UTC, datetime

from ab_inbox.identity import login, workstation
from ab_inbox.store.connection import write_transaction
from ab_inbox.store.database import Database
from ab_inbox.times import utc_text


def utc_now() -> str:
    """Now in the store's one time format (times.utc_text)."""
    return utc_text(datetime.now(UTC))


def append_audit(
    db: Database,
    action: str,
    *,
    result: str = "ok",
    case_id: int | None = None,
    message_id: int | None = None,
    detail: str | None = None,
    at: str | None = None,
) -> None:
    """Append one entry, linked to the newest one (prev_hash) and sealed with its hash.

    Call it inside the write transaction of the change it records (BEGIN IMMEDIATE, see
    connection.write_transaction): then reading the newest hash and inserting the new entry
    happen under the one write lock, so two processes can never link to the same entry and
    fork the chain, and the entry commits or rolls back with the change. Called outside a
    transaction, it opens one of its own for the same reason.

    Values are normalised to what the table gives back (ids as int, text as str, an empty
    detail as NULL), so the hash computed here is the one verify_chain recomputes.
    """
    fields = (
        str(at or utc_now()),
        login(),
        workstation(),
        str(action),
        None if case_id is None else int(case_id),
        None if message_id is None else int(message_id),
        None if detail is None or detail == "" else str(detail),
        str(result),
    )
    if db.conn.in_transaction:
        _insert(db, fields)
    else:
        with write_transaction(db):
            _insert(db, fields)


def _insert(db: Database, fields: tuple) -> None:
    # imported here: the chain (and hashlib) is needed by the first write, not at start-up
    from ab_inbox.store.audit_chain import chain_head, entry_hash

    prev_hash = chain_head(db)
    db.execute(
        "INSERT INTO audit (at, os_user, workstation, action, case_id, message_id, detail,"
        " result, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*fields, prev_hash, entry_hash(prev_hash, fields)),
    )
