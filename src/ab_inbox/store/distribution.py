"""Distribution rules: new cases go to a caseworker by family-name letter and message type.

ABH split their work by the first letter of the family name ("A–K: Frau Yılmaz"). The letter is
taken after folding as in the search (DIN 5007 style: Ä counts as A, Ö as O, Ü as U, Ł as L,
Ø as O, Ç as C), skipping leading characters that are not letters (apostrophes, spaces), so no
name falls between two ranges. A rule may also name a message type; a rule matching both type
and letter wins over one matching the letter alone, which wins over one matching the type
alone; among equals the older rule wins. Rules of deactivated users are skipped.
"""

from __future__ import annotations

from ab_inbox.store.audit import append_audit, utc_now
from ab_inbox.store.database import Database
from ab_inbox.store.search_text import fold

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def letter_key(family_name: str | None) -> str | None:
    """The distribution letter of a name: "Ärmel" -> A, "Łukasiewicz" -> L, "'t Hooft" -> T."""
    for ch in fold(family_name or ""):
        upper = ch.upper()
        if upper in LETTERS:
            return upper
    return None


def normalise_range(letters_from: str | None, letters_to: str | None) -> tuple[str, str] | None:
    """A letter range given by a person ("ä", "Z") as two capital letters in order."""
    if not letters_from and not letters_to:
        return None
    start = letter_key(letters_from or "A")
    end = letter_key(letters_to or letters_from or "Z")
    if start is None or end is None:
        raise ValueError("letters")
    return (start, end) if start <= end else (end, start)


def rules(db: Database) -> list[dict]:
    return list(
        db.query(
            "SELECT r.*, COALESCE(u.active, 0) AS assignee_active FROM distribution_rules r"
            " LEFT JOIN users u ON u.login = r.assignee ORDER BY r.id"
        )
    )


def add_rule(
    db: Database,
    assignee: str,
    *,
    letters: tuple[str, str] | None,
    type_code: str | None,
) -> int:
    cursor = db.execute(
        "INSERT INTO distribution_rules (assignee, letters_from, letters_to, type_code,"
        " created_at) VALUES (?, ?, ?, ?, ?)",
        (
            assignee,
            letters[0] if letters else None,
            letters[1] if letters else None,
            type_code,
            utc_now(),
        ),
    )
    rule_id = cursor.lastrowid
    span = f"{letters[0]}-{letters[1]}" if letters else "*"
    append_audit(
        db,
        "rule_added",
        detail=f"rule={rule_id} to={assignee} letters={span} type={type_code or '*'}",
    )
    return rule_id


def remove_rule(db: Database, rule_id: int) -> bool:
    removed = db.execute("DELETE FROM distribution_rules WHERE id = ?", (rule_id,)).rowcount
    if removed:
        append_audit(db, "rule_removed", detail=f"rule={rule_id}")
    return bool(removed)


def _matches(rule: dict, letter: str | None, type_code: str | None) -> int:
    """0 when the rule does not apply, else its specificity (3 both, 2 letter, 1 type)."""
    score = 0
    if rule["letters_from"]:
        if letter is None or not rule["letters_from"] <= letter <= rule["letters_to"]:
            return 0
        score += 2
    if rule["type_code"]:
        if rule["type_code"] != type_code:
            return 0
        score += 1
    return score


def active_rules(db: Database) -> list[dict]:
    """The rules of active users, oldest first (the order breaks ties)."""
    return list(
        db.query(
            "SELECT r.id, r.assignee, r.letters_from, r.letters_to, r.type_code"
            " FROM distribution_rules r JOIN users u ON u.login = r.assignee AND u.active = 1"
            " ORDER BY r.id"
        )
    )


def best_rule(
    rules: list[dict], family_name: str | None, type_code: str | None
) -> tuple[str, int] | None:
    """(login, rule id) of the most specific matching rule, or None."""
    letter = letter_key(family_name)
    best: tuple[int, int, str] | None = None
    for rule in rules:
        score = _matches(rule, letter, type_code)
        if score and (best is None or score > best[0]):
            best = (score, rule["id"], rule["assignee"])
    return (best[2], best[1]) if best else None


def assignee_for(
    db: Database, family_name: str | None, type_code: str | None
) -> tuple[str, int] | None:
    """(login, rule id) of the best matching rule of an active user, or None."""
    return best_rule(active_rules(db), family_name, type_code)
