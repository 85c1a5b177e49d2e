"""The users table: who may use this store, with which role; identity is the OS login.

Users are never deleted (the audit log and case history name them); leaving staff are
deactivated. Role identifiers are stable English slugs; labels live in casework.roles.
"""

from __future__ import annotations

from ab_inbox.store.audit import append_audit, utc_now
from ab_inbox.store.database import Database

CASEWORKER, TEAMLEAD, ADMIN = "caseworker", "teamlead", "admin"
ROLES = (CASEWORKER, TEAMLEAD, ADMIN)


def get(db: Database, login: str) -> dict | None:
    rows = list(db.query("SELECT * FROM users WHERE login = ?", [login]))
    return rows[0] if rows else None


def all_users(db: Database) -> list[dict]:
    return list(db.query("SELECT * FROM users ORDER BY active DESC, login"))


def count(db: Database) -> int:
    return db.execute("SELECT count(*) FROM users").fetchone()[0]


def add(db: Database, login: str, role: str, display_name: str | None, by: str) -> None:
    db.execute(
        "INSERT INTO users (login, display_name, role, active, created_at, created_by)"
        " VALUES (?, ?, ?, 1, ?, ?)",
        (login, display_name, role, utc_now(), by),
    )
    append_audit(db, "user_added", detail=f"login={login} role={role}")


def set_role(db: Database, login: str, role: str) -> None:
    db.execute("UPDATE users SET role = ? WHERE login = ?", (role, login))
    append_audit(db, "user_role_set", detail=f"login={login} role={role}")


def set_active(db: Database, login: str, active: bool) -> None:
    db.execute("UPDATE users SET active = ? WHERE login = ?", (1 if active else 0, login))
    append_audit(db, "user_enabled" if active else "user_disabled", detail=f"login={login}")


def active_admins(db: Database) -> int:
    return db.execute(
        "SELECT count(*) FROM users WHERE role = ? AND active = 1", (ADMIN,)
    ).fetchone()[0]
