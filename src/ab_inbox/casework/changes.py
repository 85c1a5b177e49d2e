"""What a write through the facade changed, so each view can decide whether to refresh."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    """What a write changed, so each view can decide whether to refresh."""

    kind: str  # "case" | "note" | "messages" | "searches" | "users"
    case_ids: tuple[int, ...] = ()
