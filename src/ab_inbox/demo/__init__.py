"""Synthetic, schema-valid XAusländer OZG messages for the quick start, tests and benchmarks.

`generate_demo` writes a batch of files, `build_message` returns one message's bytes. All data is
fictitious; output is deterministic per seed. The standard's version is named once, in
`xml_parts.VERSION`.

How the package is cut: `generate` plans a batch, `compose` assembles one message around the
builder registered for its type in `builders`; builders are made of `people`, `document_specs`
and `xml_parts`, and share one `context` per message. `names` holds the fictitious people and
places, `documents` renders the PDF and JPEG attachments.
"""

from ab_inbox.demo.builders import DEMO_TYPE_CODES
from ab_inbox.demo.generate import build_message, generate_demo

__all__ = ["DEMO_TYPE_CODES", "build_message", "generate_demo"]
