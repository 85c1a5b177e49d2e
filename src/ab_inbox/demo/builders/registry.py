"""The registry of demo message types: each builder declares what it builds where it is defined.

`compose` and the batch planner in `generate` need more than a builder function per type: the
root element, which online service writes it, whether it answers an earlier application and how
many documents it can carry. Declaring that next to the builder (`@builds(...)`) keeps a type's
facts in its own module, so adding a type touches no other builder and no if-chain.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from ab_inbox.demo.context import Context

Builder = Callable[[Context, etree._Element], None]


@dataclass(frozen=True)
class MessageType:
    code: str
    root: str  # root element name
    build: Builder
    service: str | None  # a key of SERVICES; None: the service of the application it refers to
    answers: bool = False  # carries ausloeserUUID
    refers_to: tuple[str, ...] = ()  # a follow-up: application types it may refer to
    documents: tuple[int, int] = (1, 3)  # how many documents it can carry
    may_reference: bool = False  # has OZG.DokumentOderReferenz slots

    @property
    def is_follow_up(self) -> bool:
        return bool(self.refers_to)


APPLICATION_TYPES = ("130101", "130201", "130301", "130401")
MESSAGE_TYPES: dict[str, MessageType] = {}


def builds(
    code: str,
    root: str,
    *,
    service: str | None,
    answers: bool = False,
    refers_to: tuple[str, ...] = (),
    documents: tuple[int, int] = (1, 3),
    may_reference: bool = False,
) -> Callable[[Builder], Builder]:
    """Register the decorated function as the builder of message type `code`."""

    def register(build: Builder) -> Builder:
        if code in MESSAGE_TYPES:
            raise ValueError(f"demo message type {code} is registered twice")
        MESSAGE_TYPES[code] = MessageType(
            code, root, build, service, answers, refers_to, documents, may_reference
        )
        return build

    return register
