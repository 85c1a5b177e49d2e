"""Synthetic, schema-valid XAusländer 26.11 OZG messages for the quick start, tests and benchmarks.

`generate_demo` writes a batch of files, `build_message` returns one message's bytes. All data is
fictitious; output is deterministic per seed.
"""

from ab_inbox.demo.generate import build_message, generate_demo
from ab_inbox.demo.messages import DEMO_TYPE_CODES

__all__ = ["DEMO_TYPE_CODES", "build_message", "generate_demo"]
