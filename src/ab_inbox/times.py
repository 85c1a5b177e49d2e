"""Stored times as people read them.

The store keeps UTC ("2026-11-28T09:15:00.000Z"); caseworkers and IT staff read their local
time in German order ("28.11.2026 10:15"), in the desktop, the CLI and the PDF summaries alike.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo


def utc_text(moment: datetime) -> str:
    """The store's one time format: UTC, milliseconds, a Z."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_utc(text: str) -> datetime:
    """A stored time ("…Z"; one without a zone is taken as UTC)."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def local_text(utc_text: str | None, *, seconds: bool = False, tz: tzinfo | None = None):
    """ "28.11.2026 10:15" in `tz` (default: the machine's zone); None without a time."""
    if not utc_text:
        return None
    return clock_text(parse_utc(utc_text).astimezone(tz), seconds=seconds)


def clock_text(m: datetime, *, seconds: bool = False) -> str:
    """ "28.11.2026 10:15" for a time already in the zone it is to be read in."""
    # Spelt out: strftime costs four times as much (it imports `time` on each call), and the
    # queue formats a time for every row it shows.
    text = f"{m.day:02d}.{m.month:02d}.{m.year:04d} {m.hour:02d}:{m.minute:02d}"
    return f"{text}:{m.second:02d}" if seconds else text


def minutes_since(utc_text: str) -> float:
    return (datetime.now(UTC) - parse_utc(utc_text)).total_seconds() / 60
