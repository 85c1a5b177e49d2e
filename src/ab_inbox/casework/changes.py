"""What a write through the facade changed, so each view can decide whether to refresh."""

from __future__ import annotations

from typing import NamedTuple


class Changes(NamedTuple):
    """What a write changed, so each view can decide whether to refresh."""

    kind: str  # "case" | "note" | "messages" | "searches" | "users"
    case_ids: tuple[int, ...] = ()
