"""The reply types, as a registry: one entry per outbound OZG message the office can send.

Each type module registers its fields (what the compose dialog asks for) and its builder (how
the fields become elements after the shared header). Titles and element names come from
`message_types`, so a reply type is only ever described in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ab_inbox.xauslaender.message_types import MessageType, by_code
from ab_inbox.xauslaender.outbound.errors import ReplyContentError, ReplyRefused
from ab_inbox.xauslaender.outbound.fields import DOCUMENT, Field
from ab_inbox.xauslaender.outbound.office import Office
from ab_inbox.xauslaender.outbound.parts import Draft

Builder = Callable[[Draft, dict, Office], None]  # appends the type's elements to draft.root
Check = Callable[[dict], None]  # cross-field checks on the cleaned values


@dataclass(frozen=True)
class ReplyType:
    code: str
    fields: tuple[Field, ...]
    build: Builder
    answers: tuple[str, ...] = ()  # inbound types this reply answers; () = the application
    check: Check | None = None

    @property
    def message_type(self) -> MessageType:
        return by_code(self.code)

    @property
    def name(self) -> str:
        return self.message_type.name  # root element, e.g. "OZG.Statusmeldung.130104"

    @property
    def title_de(self) -> str:
        return self.message_type.title_de

    @property
    def title_en(self) -> str:
        return self.message_type.title_en

    @property
    def required_keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields if f.required)

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)


REPLY_TYPES: dict[str, ReplyType] = {}


def register(reply_type: ReplyType) -> ReplyType:
    message_type = by_code(reply_type.code)
    if message_type is None or message_type.is_inbound:
        raise ValueError(f"{reply_type.code} is not an outbound message type")
    REPLY_TYPES[reply_type.code] = reply_type
    return reply_type


def reply_type(code: str) -> ReplyType:
    found = REPLY_TYPES.get(str(code).strip())
    if found is None:
        known = ", ".join(f"{c} {t.title_de}" for c, t in sorted(REPLY_TYPES.items()))
        raise ReplyRefused(
            f"Eine Antwort vom Typ {code} kann AB-Inbox nicht erstellen. Möglich: {known}.",
            f"AB-Inbox cannot build a reply of type {code}. Possible: {known}.",
        )
    return found


def content_error(key: str, text_de: str, text_en: str) -> ReplyContentError:
    """For the cross-field checks of the type modules."""
    return ReplyContentError(key, text_de, text_en)


def default_content(code: str, *, answered: dict, office: Office) -> dict:
    """The German default texts of a type, filled in, for a compose dialog to start from.

    Document fields with a template get the letter text; `export.replies` renders a text given
    for a document field as a PDF letter before building.
    """
    names = {
        "antragsidentifikation": answered.get("antragsidentifikation") or "",
        "office_name": office.name,
    }
    values = {}
    for field in reply_type(code).fields:
        if field.template_de:
            values[field.key] = field.template_de.format_map(names)
    return values


def document_keys(code: str) -> tuple[str, ...]:
    """The document fields of a type; a caller may take a text for them and render a letter."""
    return tuple(f.key for f in reply_type(code).fields if f.kind == DOCUMENT)
