"""How a case's packaged document deliveries stand: what the case view shows as a warning.

A delivery still waiting for packets is normal for a while (the packets travel separately, the
transport may be slow); only after the configured wait (`packet_wait_hours`) does it become a
warning with the missing packet numbers. The clock is passed in, so the rule can be tested
without waiting. Reading only.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple

from ab_inbox.store.database import Database
from ab_inbox.store.packets import WAITING
from ab_inbox.times import parse_utc


class IncompleteDelivery(NamedTuple):
    """A delivery still waiting: what is missing, since when, and whether that is too long."""

    delivery_id: int
    fachnachricht_uuid: str
    case_id: int | None  # None: the delivered message has not arrived
    message_id: int | None
    expected_packets: int | None  # None until the message says how many
    received: tuple[int, ...]
    missing: tuple[int, ...]  # empty while the number of packets is unknown
    waiting_since: str  # UTC, when the message or its first packet arrived
    age: timedelta
    overdue: bool  # waiting longer than the configured time: show the warning

    @property
    def text_de(self) -> str:
        hours = int(self.age.total_seconds() // 3600)
        if self.message_id is None:
            return (
                f"{len(self.received)} Dokumentenpaket(e) warten seit {hours} Stunden auf die "
                f"Nachricht {self.fachnachricht_uuid}."
            )
        numbers = ", ".join(str(n) for n in self.missing)
        return (
            f"Dokumentenlieferung unvollständig: {len(self.missing)} von "
            f"{self.expected_packets} Paketen fehlen (Nr. {numbers}), seit {hours} Stunden."
        )

    @property
    def text_en(self) -> str:
        hours = int(self.age.total_seconds() // 3600)
        if self.message_id is None:
            return (
                f"{len(self.received)} document packet(s) have been waiting {hours} hours for "
                f"message {self.fachnachricht_uuid}."
            )
        numbers = ", ".join(str(n) for n in self.missing)
        return (
            f"Document delivery incomplete: {len(self.missing)} of {self.expected_packets} "
            f"packets missing (no. {numbers}) for {hours} hours."
        )


def incomplete_deliveries(
    db: Database,
    *,
    now: datetime,
    wait: timedelta,
    case_id: int | None = None,
    overdue_only: bool = False,
) -> list[IncompleteDelivery]:
    """Deliveries still waiting for packets (or for their message), oldest first.

    `now` is passed in (an injectable clock); `wait` is the `packet_wait_hours` setting. With
    `case_id`, only that case's deliveries: what the case view shows as a warning.
    """
    sql = "SELECT * FROM deliveries WHERE state = ?"
    params: list = [WAITING]
    if case_id is not None:
        sql += " AND case_id = ?"
        params.append(case_id)
    found = []
    for row in db.query(sql + " ORDER BY first_seen_at, id", params):
        received = tuple(
            r[0]
            for r in db.execute(
                "SELECT DISTINCT paketnummer FROM packets WHERE delivery_id = ?"
                " ORDER BY paketnummer",
                (row["id"],),
            )
        )
        expected = row["expected_packets"]
        missing = tuple(n for n in range(1, (expected or 0) + 1) if n not in received)
        if row["message_id"] is not None and not missing:
            continue  # all packets are in; the delivery is being assembled
        age = max(now - parse_utc(row["first_seen_at"]), timedelta(0))
        item = IncompleteDelivery(
            delivery_id=row["id"],
            fachnachricht_uuid=row["fachnachricht_uuid"],
            case_id=row["case_id"],
            message_id=row["message_id"],
            expected_packets=expected,
            received=received,
            missing=missing,
            waiting_since=row["first_seen_at"],
            age=age,
            overdue=age >= wait,
        )
        if item.overdue or not overdue_only:
            found.append(item)
    return found


def case_deliveries(db: Database, case_id: int) -> list[dict]:
    """Every delivery of a case with its state and, for a failed one, the reason."""
    return list(
        db.query(
            "SELECT id, fachnachricht_uuid, message_id, expected_packets, archivgroesse, state,"
            " reason_code, text_de, text_en, documents, first_seen_at, completed_at"
            " FROM deliveries WHERE case_id = ? ORDER BY id",
            [case_id],
        )
    )
