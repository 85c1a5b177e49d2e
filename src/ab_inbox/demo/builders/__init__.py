"""One builder per inbound XAusländer OZG message type, each module registering its own types.

Importing this package imports every type module, so a type is registered as soon as anyone uses
`MESSAGE_TYPES`; there is no second list to keep in step. A new type is a new module here plus
its line in `TYPE_MODULES` (a test checks that no module in this package is left out).
"""

from ab_inbox.demo.builders import (
    antrag,
    fachkraefte,
    followups,
    freizuegigkeit,
    verpflichtungserklaerung,
)
from ab_inbox.demo.builders.registry import APPLICATION_TYPES, MESSAGE_TYPES, MessageType

TYPE_MODULES = (antrag, followups, verpflichtungserklaerung, freizuegigkeit, fachkraefte)
DEMO_TYPE_CODES = tuple(sorted(MESSAGE_TYPES))

__all__ = [
    "APPLICATION_TYPES",
    "DEMO_TYPE_CODES",
    "MESSAGE_TYPES",
    "TYPE_MODULES",
    "MessageType",
]
