"""Outbound OZG messages: the replies an immigration office sends through the back channel.

`build_reply(type_code, answered=..., office=..., content=..., pack=...)` returns the bytes of one
validated message answering a stored inbound record; `REPLY_TYPES` lists what can be sent, each
with its content fields (German labels, default German texts) for a compose dialog.

One module per reply type registers its fields and builder (`registry.register`); importing this
package imports them all, so adding a type means adding a module and naming it below.
"""

from ab_inbox.xauslaender.outbound import (  # noqa: F401  (each module registers itself)
    beabsichtigte_ablehnung,
    rueckkanal_frage,
    ruecknahme_reaktion,
    statusmeldung,
    terminmitteilung,
    unzustaendig,
)
from ab_inbox.xauslaender.outbound.build import (
    BuiltReply,
    build_reply,
    build_reply_message,
    check_back_channel,
    validate_reply,
)
from ab_inbox.xauslaender.outbound.errors import ReplyContentError, ReplyInvalid, ReplyRefused
from ab_inbox.xauslaender.outbound.fields import Field
from ab_inbox.xauslaender.outbound.office import Address, Office
from ab_inbox.xauslaender.outbound.registry import (
    REPLY_TYPES,
    ReplyType,
    default_content,
    document_keys,
    reply_type,
)

__all__ = [
    "REPLY_TYPES",
    "Address",
    "BuiltReply",
    "Field",
    "Office",
    "ReplyContentError",
    "ReplyInvalid",
    "ReplyRefused",
    "ReplyType",
    "build_reply",
    "build_reply_message",
    "check_back_channel",
    "default_content",
    "document_keys",
    "reply_type",
    "validate_reply",
]
