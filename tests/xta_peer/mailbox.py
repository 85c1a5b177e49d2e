"""The loopback server's state: the messages waiting per reader, the iterators handed out,
what the client asked for, and the faults a test wants to see."""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from lxml import etree

DEFAULT_READER = "abh:00000001"
DEFAULT_AUTHOR = "ozg:aufenthalt-00000001"


def _root_name(data: bytes) -> str:
    try:
        return etree.QName(etree.fromstring(data)).localname
    except (etree.XMLSyntaxError, ValueError):
        return "Unbekannt.000000"


@dataclass
class StoredMessage:
    message_id: str
    reader_id: str
    author_id: str
    data: bytes
    message_type: str
    delivery: datetime
    initial_fetch: datetime | None = None
    closed: bool = False
    fetches: int = 0


@dataclass
class Injection:
    operation: str
    action: str  # "fault" | "drop"
    kind: str = ""  # the xta exception name without "Exception"
    code: str = ""
    times: int = 1


@dataclass
class Mailbox:
    readers: set[str] = field(default_factory=lambda: {DEFAULT_READER})
    account_active: bool = True
    messages: dict[str, StoredMessage] = field(default_factory=dict)
    requests: list[tuple[str, str | None]] = field(default_factory=list)  # (operation, msg id)
    injections: list[Injection] = field(default_factory=list)
    # request id -> (ids not yet listed, page size)
    iterators: dict[str, tuple[list[str], int]] = field(default_factory=dict)
    request_ids: set[str] = field(default_factory=set)
    lock: threading.RLock = field(default_factory=threading.RLock)

    # --- filling and inspecting -----------------------------------------------------------
    def add(
        self,
        data: bytes,
        *,
        reader_id: str = DEFAULT_READER,
        author_id: str = DEFAULT_AUTHOR,
        message_type: str | None = None,
        delivery: datetime | None = None,
    ) -> str:
        with self.lock:
            message_id = f"urn:de:xta:messageid:{uuid.uuid4()}"
            when = delivery or datetime.now(UTC).replace(microsecond=0) + timedelta(
                milliseconds=len(self.messages)
            )
            self.messages[message_id] = StoredMessage(
                message_id, reader_id, author_id, data, message_type or _root_name(data), when
            )
            self.readers.add(reader_id)
            return message_id

    def open_ids(self, reader_id: str | None = None) -> list[str]:
        with self.lock:
            return [
                m.message_id
                for m in self.messages.values()
                if not m.closed and (reader_id is None or m.reader_id == reader_id)
            ]

    def fetched_ids(self) -> list[str]:
        return [m for op, m in self.requests if op == "getMessage"]

    def inject_fault(self, operation: str, kind: str, code: str, times: int = 1) -> None:
        self.injections.append(Injection(operation, "fault", kind, code, times))

    def drop_connection(self, operation: str, times: int = 1) -> None:
        self.injections.append(Injection(operation, "drop", times=times))

    def take_injection(self, operation: str) -> Injection | None:
        with self.lock:
            for injection in self.injections:
                if injection.operation == operation and injection.times > 0:
                    injection.times -= 1
                    return injection
            return None

    # --- operations -----------------------------------------------------------------------
    def new_request_id(self) -> str:
        request_id = f"urn:uuid:{uuid.uuid4()}"
        self.request_ids.add(request_id)
        return request_id

    def page(self, reader_id: str | None, max_items: int) -> tuple[str, list[StoredMessage], int]:
        """A fresh iterator over the open messages: (request id, first page, still pending)."""
        with self.lock:
            open_ids = sorted(self.open_ids(reader_id), key=lambda i: self.messages[i].delivery)
            request_id = self.new_request_id()
            self.iterators[request_id] = (open_ids[max_items:], max_items)
            first = [self.messages[i] for i in open_ids[:max_items]]
            return request_id, first, max(0, len(open_ids) - max_items)

    def next_page(self, request_id: str) -> tuple[list[StoredMessage], int] | None:
        with self.lock:
            if request_id not in self.iterators:
                return None
            pending, size = self.iterators[request_id]
            still_open = [i for i in pending if not self.messages[i].closed]
            self.iterators[request_id] = (still_open[size:], size)
            return [self.messages[i] for i in still_open[:size]], max(0, len(still_open) - size)

    def fetch(self, reader_id: str | None, message_id: str) -> StoredMessage | None:
        with self.lock:
            message = self.messages.get(message_id)
            if message is None or message.closed:
                return None
            if reader_id is not None and message.reader_id != reader_id:
                return None
            message.fetches += 1
            message.initial_fetch = message.initial_fetch or datetime.now(UTC).replace(
                microsecond=0
            )
            return message

    def close(self, reader_id: str | None, message_ids: list[str]) -> list[str]:
        """Close the messages; returns the ids that were unknown or already closed."""
        with self.lock:
            unknown = []
            for message_id in message_ids:
                message = self.messages.get(message_id)
                if (
                    message is None
                    or message.closed
                    or (reader_id is not None and message.reader_id != reader_id)
                ):
                    unknown.append(message_id)
                else:
                    message.closed = True
            return unknown
