"""The hash chain over the audit log: each entry seals the one before it, so tampering shows.

Every entry stores `prev_hash` (the hash of the entry before it, GENESIS for the first one) and
`hash = sha256_hex(prev_hash + canonical(entry))`, where `canonical` is the compact JSON array

    [at, os_user, workstation, action, case_id, message_id, detail, result]

(no spaces, non-ASCII characters as UTF-8, not escaped; ids are JSON numbers, missing values
null), encoded as UTF-8. That is what Python's `json.dumps(..., ensure_ascii=False,
separators=(",", ":"))` and JavaScript's `JSON.stringify` both produce, so anyone can
recompute a chain without AB-Inbox.

The row id is deliberately not part of the hash: the order of the chain is given by the links
themselves, and an unfiltered CSV export (whose columns are exactly the fields above plus the
hash) can be re-verified on its own.

What the chain shows: a changed entry, a removed entry (a gap in the links), an inserted entry,
an entry without a hash. What a chain without a secret cannot show by itself: the newest
entries removed before anything else was appended, or an attacker who rewrites every hash from
the tampered entry to the end. Against both, note `head_hash` (printed by `ab-inbox audit
verify`) now and then outside the store; an honest log only ever extends it.

Entries written before the chain existed (schema v4 added the columns; older rows have no hash)
are tolerated as a leading, unchained prefix: the first chained entry links to a hash computed
over them in the same way, so from then on they are covered too.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from ab_inbox.store.database import Database

GENESIS = "0" * 64
FIELDS = ("at", "os_user", "workstation", "action", "case_id", "message_id", "detail", "result")
MAX_PROBLEMS = 100  # a report lists this many problems; it still counts all of them
_WINDOW = 4096  # recent hashes remembered to tell an inserted entry from a removed one

CHANGED, REMOVED, INSERTED, HASH_MISSING = "changed", "removed", "inserted", "hash_missing"


def canonical(fields: Sequence) -> str:
    """The entry's fields (in FIELDS order) as the compact JSON array that is hashed."""
    return json.dumps(list(fields), ensure_ascii=False, separators=(",", ":"), default=repr)


def entry_hash(prev_hash: str, fields: Sequence) -> str:
    return hashlib.sha256((prev_hash + canonical(fields)).encode("utf-8")).hexdigest()


_COLUMNS = ", ".join(FIELDS)


def chain_head(db: Database) -> str:
    """The hash a new entry links to: one lookup of the newest row by its primary key.

    Rows without a hash at the end (written before the chain existed, or by an older version)
    are folded in as if they had been chained; that walk happens once, for the first entry
    appended after them.
    """
    row = db.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        return GENESIS
    if row[1] is not None:
        return row[1]
    anchor = db.execute(
        "SELECT id, hash FROM audit WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if anchor is None:
        head, rows = GENESIS, db.execute(f"SELECT {_COLUMNS} FROM audit ORDER BY id")
    else:
        head = anchor[1]
        rows = db.execute(f"SELECT {_COLUMNS} FROM audit WHERE id > ? ORDER BY id", (anchor[0],))
    for fields in rows:
        head = entry_hash(head, fields)
    return head


@dataclass(frozen=True)
class ChainProblem:
    entry_id: int
    kind: str  # CHANGED | REMOVED | INSERTED | HASH_MISSING
    text_de: str
    text_en: str


@dataclass(frozen=True)
class ChainReport:
    entries: int  # entries checked
    unchained: int  # leading entries from before the chain existed (covered by it since)
    head_id: int | None
    head_hash: str  # what the next entry will link to; GENESIS for an empty log
    problems: tuple[ChainProblem, ...]  # the first MAX_PROBLEMS
    problem_count: int

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    @property
    def first_problem(self) -> ChainProblem | None:
        return self.problems[0] if self.problems else None

    @property
    def first_broken_id(self) -> int | None:
        return self.problems[0].entry_id if self.problems else None

    @property
    def text_de(self) -> str:
        if self.ok:
            older = f" (davon {self.unchained} aus der Zeit vor der Hash-Kette)"
            return f"Audit-Kette in Ordnung: {self.entries} Einträge" + (
                older if self.unchained else ""
            )
        more = self.problem_count - 1
        extra = f" ({more} weitere Auffälligkeiten)" if more else ""
        return f"Audit-Kette beschädigt: {self.problems[0].text_de}{extra}"

    @property
    def text_en(self) -> str:
        if self.ok:
            older = f" ({self.unchained} of them from before the hash chain)"
            return f"Audit chain intact: {self.entries} entries" + (older if self.unchained else "")
        more = self.problem_count - 1
        extra = f" ({more} more findings)" if more else ""
        return f"Audit chain broken: {self.problems[0].text_en}{extra}"

    def as_dict(self) -> dict:
        return {
            "ok": self.ok,
            "entries": self.entries,
            "unchained": self.unchained,
            "head_id": self.head_id,
            "head_hash": self.head_hash,
            "problem_count": self.problem_count,
            "problems": [asdict(p) for p in self.problems],
        }


def verify_chain(db: Database) -> ChainReport:
    """Recompute the chain from the first entry to the last (one read, streaming)."""
    cursor = db.execute(f"SELECT id, {_COLUMNS}, prev_hash, hash FROM audit ORDER BY id")
    walk = _Walk()
    current = cursor.fetchone()
    while current is not None:
        following = cursor.fetchone()
        walk.step(current, following)
        current = following
    return ChainReport(
        entries=walk.entries,
        unchained=walk.unchained,
        head_id=walk.last_id,
        head_hash=walk.expected,
        problems=tuple(walk.problems),
        problem_count=walk.problem_count,
    )


class _Walk:
    """The state of one pass over the log; `step` judges one entry, seeing the next one."""

    def __init__(self) -> None:
        self.expected = GENESIS  # the hash the current entry must link to
        self.entries = 0
        self.unchained = 0
        self.first_id: int | None = None
        self.last_id: int | None = None
        self.chained = False
        self.problems: list[ChainProblem] = []
        self.problem_count = 0
        self.follower: OrderedDict[str, int] = OrderedDict()  # hash -> id of the entry after it
        self.seen: OrderedDict[str, int] = OrderedDict()  # hash -> id of the entry carrying it

    def step(self, row: tuple, following: tuple | None) -> None:
        entry_id, fields, prev, stored = row[0], row[1:9], row[9], row[10]
        next_prev = following[9] if following is not None else None
        previous_id, self.last_id = self.last_id, entry_id
        self.entries += 1
        if self.first_id is None:
            self.first_id = entry_id
        if stored is None:
            if not self.chained:
                self.unchained += 1
                self.expected = entry_hash(self.expected, fields)
                return
            self._problem(entry_id, HASH_MISSING)
            if next_prev != self.expected:  # later entries were linked over it
                self.expected = entry_hash(self.expected, fields)
            return
        first_chained = not self.chained
        self.chained = True
        sealed = isinstance(prev, str) and entry_hash(prev, fields) == stored
        linked = prev == self.expected
        if sealed and linked:
            self._accept(entry_id, stored)
        elif sealed:
            self._judge_link(entry_id, previous_id, prev, stored, first_chained)
            self._accept(entry_id, stored)
        elif next_prev == self.expected and next_prev != stored:
            self._problem(entry_id, INSERTED)  # the next entry links past it
        elif linked or next_prev == stored:
            if following is None:  # the newest entry: nothing after it tells the two apart
                self._problem(
                    entry_id,
                    CHANGED,
                    de=f"Eintrag Nr. {entry_id} passt nicht zu seinem Hash: er wurde "
                    "nachträglich verändert oder gefälscht angehängt.",
                    en=f"Entry {entry_id} does not match its hash: it was changed afterwards "
                    "or forged and appended.",
                )
            else:
                self._problem(entry_id, CHANGED)
            self._accept(entry_id, stored)
        else:
            self._problem(entry_id, INSERTED)

    def _judge_link(self, entry_id, previous_id, prev, stored, first_chained) -> None:
        """A sound entry that links somewhere else: what lies between was inserted or removed."""
        if stored in self.seen:
            self._problem(entry_id, INSERTED)  # a copy of an earlier entry
        elif prev in self.follower:
            self._problem(self.follower[prev], INSERTED)  # entries bypassed by this link
        elif first_chained and self.unchained:
            self._problem(
                entry_id,
                CHANGED,
                de=f"Vor Eintrag Nr. {entry_id} ist die Kette unterbrochen: einer der älteren "
                f"Einträge Nr. {self.first_id}–{previous_id} (vor der Hash-Kette geschrieben) "
                "wurde verändert, oder ein Eintrag wurde entfernt.",
                en=f"The chain is broken before entry {entry_id}: one of the older entries "
                f"{self.first_id}–{previous_id} (written before the hash chain) was changed, "
                "or an entry was removed.",
            )
        else:
            gap = _gap(1 if previous_id is None else previous_id + 1, entry_id - 1)
            self._problem(
                entry_id,
                REMOVED,
                de=f"Vor Eintrag Nr. {entry_id} fehlt mindestens ein Eintrag{gap}: die "
                "Verkettung ist unterbrochen, ein Eintrag wurde entfernt.",
                en=f"At least one entry is missing before entry {entry_id}"
                f"{gap.replace('Nr. ', 'no. ')}: the chain is broken, an entry was removed.",
            )

    def _accept(self, entry_id: int, stored: str) -> None:
        _remember(self.follower, self.expected, entry_id)
        _remember(self.seen, stored, entry_id)
        self.expected = stored

    def _problem(self, entry_id: int, kind: str, *, de: str = "", en: str = "") -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            default_de, default_en = _TEXTS[kind]
            self.problems.append(
                ChainProblem(
                    entry_id,
                    kind,
                    de or default_de.format(id=entry_id),
                    en or default_en.format(id=entry_id),
                )
            )


def _gap(first: int, last: int) -> str:
    """The missing ids, when the numbering shows them."""
    if last < first:
        return ""
    return f" (Nr. {first})" if first == last else f" (Nr. {first}–{last})"


def _remember(memory: OrderedDict[str, int], key: str, value: int) -> None:
    memory[key] = value
    if len(memory) > _WINDOW:
        memory.popitem(last=False)


_TEXTS = {
    CHANGED: (
        "Eintrag Nr. {id} wurde nachträglich verändert: sein Inhalt passt nicht zu seinem Hash.",
        "Entry {id} was changed afterwards: its content does not match its hash.",
    ),
    REMOVED: (
        "Vor Eintrag Nr. {id} fehlt ein Eintrag: die Verkettung ist unterbrochen.",
        "An entry is missing before entry {id}: the chain is broken.",
    ),
    INSERTED: (
        "Eintrag Nr. {id} gehört nicht zur Kette: er wurde nachträglich eingefügt.",
        "Entry {id} is not part of the chain: it was inserted afterwards.",
    ),
    HASH_MISSING: (
        "Eintrag Nr. {id} hat keinen Hash: er wurde an der Hash-Kette vorbei geschrieben.",
        "Entry {id} has no hash: it was written bypassing the hash chain.",
    ),
}
