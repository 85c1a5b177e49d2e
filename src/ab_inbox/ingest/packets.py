"""Collecting the packets of a packaged document delivery until it is complete.

Large document sets do not travel inside their message: the message lists the documents by
`dokumentuuid` (stored as "awaited" attachments) and announces in `angabenDokumentenlieferung`
how many packet messages (Administration.Dokumentenlieferung.Paket.000040) will carry the ZIP
file, split into parts, and how large that ZIP is. Packets and message may arrive in any order
and over any transport, so every arrival is first stored like any message (nothing is lost) and
then this module looks whether its delivery is complete: the message is there and every number
from 1 to `anzahlDerPakete` arrived, once and with one content. Only then does
`packet_assembly` join and unpack it. Everything here runs inside the caller's write
transaction.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

from ab_inbox.ingest.packet_assembly import DeliveryNote, assemble, fail, flag_message
from ab_inbox.store import packets as store
from ab_inbox.store.database import Database
from ab_inbox.store.messages import MessageRow
from ab_inbox.xauslaender.record import DeliveryAnnouncement, MessageRecord

MAX_PACKETS = 10_000  # of 50 MB each: far beyond any application
MAX_ARCHIVE_BYTES = 2**62

if TYPE_CHECKING:
    from ab_inbox.ingest.checking import CheckPolicy


def receive_packet(
    db: Database, row: MessageRow, record: MessageRecord, received_at: str, limits: CheckPolicy
) -> tuple[int, int | None, DeliveryNote]:
    """Store a packet message and add it to its delivery; (message id, case id, note).

    The intake's CheckPolicy brings the limits: its zip and attachment limits apply.
    """
    packet = record.packet
    uuid = packet.fachnachricht_uuid
    target = store.message_by_uuid(db, uuid) if uuid else None
    case_id = target[1] if target else None
    message_id = store.insert_packet_message(db, row, received_at, case_id)
    if not uuid:
        return (
            message_id,
            None,
            DeliveryNote(
                "Das Paket nennt keine Nachricht (identifikationFachnachricht); es wird nur "
                "gespeichert.",
                "The packet names no message (identifikationFachnachricht); it is only stored.",
            ),
        )
    delivery = store.ensure_delivery(db, uuid, received_at)
    if target is not None and delivery["message_id"] is None:
        _link(db, delivery, target[0], target[1], _announcement_of(db, target[0]), received_at)
        delivery = store.delivery_by_id(db, delivery["id"])
    number = packet.paketnummer
    if delivery["state"] != store.WAITING:
        return message_id, case_id, _finished_note(delivery, number)
    if number is None or number < 1 or packet.part is None:
        why_de = packet.decode_error or "Paketnummer fehlt oder ist kleiner als 1"
        why_en = packet.decode_error or "packet number missing or below 1"
        note = fail(
            db,
            delivery,
            received_at,
            "packet_unreadable",
            f"Paket {number if number is not None else '?'} ist nicht verwendbar ({why_de}).",
            f"packet {number if number is not None else '?'} is unusable ({why_en}).",
        )
        return message_id, case_id, note
    store.add_packet(
        db,
        delivery_id=delivery["id"],
        message_id=message_id,
        paketnummer=number,
        part_sha256=hashlib.sha256(packet.part).hexdigest(),
        part_size=len(packet.part),
        span=_span(row.raw, packet.encoded),
        received_at=received_at,
    )
    return message_id, case_id, assemble_if_complete(db, delivery["id"], received_at, limits)


def message_stored(
    db: Database,
    message_id: int,
    case_id: int | None,
    record: MessageRecord,
    received_at: str,
    limits: CheckPolicy,
) -> DeliveryNote | None:
    """A message was stored: register its announced delivery and take in waiting packets."""
    uuid = record.nachrichten_uuid
    if not uuid:
        return None
    delivery = store.delivery(db, uuid)
    if delivery is None and record.delivery is None:
        return None
    delivery = delivery or store.ensure_delivery(db, uuid, received_at)
    _link(db, delivery, message_id, case_id, record.delivery, received_at)
    if delivery["state"] == store.FAILED:  # failed before the message was there to show it
        flag_message(
            db, message_id, delivery["reason_code"], delivery["text_de"], delivery["text_en"]
        )
        return DeliveryNote(delivery["text_de"], delivery["text_en"], made_invalid=True)
    return assemble_if_complete(db, delivery["id"], received_at, limits)


def _within(value: int | None, low: int, high: int) -> int | None:
    """A number the sender announced, if sane: the counts drive loops and fill SQLite
    integers, so an absurd one counts as no announcement (the delivery then fails)."""
    return value if value is not None and low <= value <= high else None


def _link(db, delivery, message_id, case_id, announcement: DeliveryAnnouncement | None, now):
    store.announce(
        db,
        delivery["id"],
        message_id=message_id,
        case_id=case_id,
        expected_packets=_within(
            announcement.anzahl_der_pakete if announcement else None, 1, MAX_PACKETS
        ),
        archivgroesse=_within(
            announcement.archivgroesse if announcement else None, 0, MAX_ARCHIVE_BYTES
        ),
        now=now,
    )


def _announcement_of(db: Database, message_id: int) -> DeliveryAnnouncement | None:
    row = db.execute("SELECT record_json FROM messages WHERE id = ?", (message_id,)).fetchone()
    found = json.loads(row[0]).get("delivery") if row else None
    return DeliveryAnnouncement(**found) if found else None


def _span(raw: bytes, encoded: str | None) -> tuple[int, int] | None:
    """Where the part's base64 text lies in the packet's bytes (None: not verbatim there)."""
    try:
        needle = (encoded or "").encode("ascii")
    except UnicodeEncodeError:
        return None
    offset = raw.find(needle) if needle else -1
    return (offset, len(needle)) if offset >= 0 else None


def assemble_if_complete(
    db: Database, delivery_id: int, now: str, limits: CheckPolicy
) -> DeliveryNote:
    """Join, check and unpack the delivery once every packet is there; else say what is missing."""
    delivery = store.delivery_by_id(db, delivery_id)
    if delivery["state"] != store.WAITING:
        return _finished_note(delivery, None)
    packets = store.packets_of(db, delivery_id)
    if delivery["message_id"] is None:
        numbers = ", ".join(str(p["paketnummer"]) for p in packets)
        uuid = delivery["fachnachricht_uuid"]
        return DeliveryNote(
            f"Paket(e) {numbers} für Nachricht {uuid} gespeichert; die Nachricht ist noch nicht "
            "eingegangen.",
            f"Packet(s) {numbers} for message {uuid} stored; the message has not arrived yet.",
        )
    expected = delivery["expected_packets"]
    if expected is None or expected < 1:
        return fail(
            db,
            delivery,
            now,
            "not_announced",
            "die Nachricht kündigt keine gültige Paketanzahl an (angabenDokumentenlieferung).",
            "the message announces no valid number of packets (angabenDokumentenlieferung).",
        )
    by_number: dict[int, dict] = {}
    for packet in packets:
        first = by_number.setdefault(packet["paketnummer"], packet)
        if first["part_sha256"] != packet["part_sha256"]:
            n = packet["paketnummer"]
            return fail(
                db,
                delivery,
                now,
                "packet_conflict",
                f"Paket {n} kam zweimal mit verschiedenem Inhalt.",
                f"packet {n} arrived twice with different content.",
            )
    beyond = sorted(n for n in by_number if n > expected)
    if beyond:
        return fail(
            db,
            delivery,
            now,
            "packet_number",
            f"Paket {beyond[0]} liegt außerhalb der angekündigten {expected} Pakete.",
            f"packet {beyond[0]} lies beyond the announced {expected} packets.",
        )
    missing = [n for n in range(1, expected + 1) if n not in by_number]
    if missing:
        shown = ", ".join(str(n) for n in missing)
        return DeliveryNote(
            f"Dokumentenlieferung: {expected - len(missing)} von {expected} Paketen da, es "
            f"fehlen Nr. {shown}.",
            f"Document delivery: {expected - len(missing)} of {expected} packets in, missing "
            f"no. {shown}.",
        )
    return assemble(db, delivery, [by_number[n] for n in range(1, expected + 1)], now, limits)


def _finished_note(delivery: dict, number: int | None) -> DeliveryNote:
    uuid = delivery["fachnachricht_uuid"]
    which_de = f"Paket {number}" if number is not None else "Das Paket"
    which_en = f"packet {number}" if number is not None else "the packet"
    if delivery["state"] == store.COMPLETE:
        return DeliveryNote(
            f"Die Dokumentenlieferung zu Nachricht {uuid} ist bereits vollständig; "
            f"{which_de} wird nur gespeichert.",
            f"The document delivery for message {uuid} is already complete; {which_en} is "
            "only stored.",
        )
    return DeliveryNote(
        f"Die Dokumentenlieferung zu Nachricht {uuid} ist bereits fehlgeschlagen; "
        f"{which_de} wird nur gespeichert. {delivery['text_de'] or ''}".strip(),
        f"The document delivery for message {uuid} has already failed; {which_en} is only "
        f"stored. {delivery['text_en'] or ''}".strip(),
    )
