"""The status workflow of a case, enforced in the core so no caller can skip a rule.

Identifiers are stable English slugs (store, CLI, automation); German labels are for people.
A case is parked only with a follow-up date; an invalid case can be worked on but never made
ready for export or exported; `exported` is set by the export itself, not by hand.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ab_inbox.errors import BilingualError

NEW, IN_PROGRESS, QUERY, READY = "new", "in_progress", "query", "ready"
EXPORTED, PARKED, NOT_RESPONSIBLE, DONE = "exported", "parked", "not_responsible", "done"


class Status(NamedTuple):
    slug: str
    label_de: str
    label_en: str
    final: bool = False  # no further work expected (retention starts from here)


STATUSES: dict[str, Status] = {
    s.slug: s
    for s in (
        Status(NEW, "Neu", "New"),
        Status(IN_PROGRESS, "In Bearbeitung", "In progress"),
        Status(QUERY, "Rückfrage", "Query"),
        Status(READY, "Bereit zum Export", "Ready for export"),
        Status(EXPORTED, "Exportiert", "Exported", final=True),
        Status(PARKED, "Zurückgestellt", "Parked"),
        Status(NOT_RESPONSIBLE, "Unzuständig", "Not responsible", final=True),
        Status(DONE, "Erledigt", "Done", final=True),
    )
}

TRANSITIONS: dict[str, frozenset[str]] = {
    NEW: frozenset({IN_PROGRESS, PARKED, NOT_RESPONSIBLE, DONE}),
    IN_PROGRESS: frozenset({QUERY, READY, PARKED, NOT_RESPONSIBLE, DONE}),
    QUERY: frozenset({IN_PROGRESS, READY, PARKED, DONE}),
    READY: frozenset({IN_PROGRESS, EXPORTED, PARKED}),
    EXPORTED: frozenset({DONE}),
    PARKED: frozenset({IN_PROGRESS, QUERY, DONE}),
    NOT_RESPONSIBLE: frozenset({IN_PROGRESS, DONE}),
    DONE: frozenset({IN_PROGRESS}),
}
OPEN_STATUSES = tuple(s for s, st in STATUSES.items() if not st.final)


class TransitionError(BilingualError):
    """A status change the workflow does not allow; the text says why."""


def label(slug: str, language: str = "de") -> str:
    status = STATUSES.get(slug)
    if status is None:
        return slug
    return status.label_de if language == "de" else status.label_en


def check_transition(
    current: str,
    target: str,
    *,
    validation: str,
    follow_up: date | None,
    by_export: bool = False,
    today: date | None = None,
) -> None:
    """Raise TransitionError unless `current -> target` is allowed for this case."""
    if target not in STATUSES:
        raise TransitionError(
            f"Unbekannter Status „{target}“ (erlaubt: {', '.join(STATUSES)}).",
            f"Unknown status '{target}' (allowed: {', '.join(STATUSES)}).",
        )
    if target == current:
        raise TransitionError(
            f"Der Fall hat bereits den Status „{label(current)}“.",
            f"The case already has the status '{label(current, 'en')}'.",
        )
    if target not in TRANSITIONS.get(current, frozenset()):
        allowed_de = ", ".join(label(s) for s in sorted(TRANSITIONS.get(current, ())))
        allowed_en = ", ".join(label(s, "en") for s in sorted(TRANSITIONS.get(current, ())))
        raise TransitionError(
            f"Von „{label(current)}“ geht es nicht nach „{label(target)}“; möglich: {allowed_de}.",
            f"'{label(current, 'en')}' cannot change to '{label(target, 'en')}'; possible: "
            f"{allowed_en}.",
        )
    if target in (READY, EXPORTED) and validation != "valid":
        raise TransitionError(
            "Der Fall enthält eine ungültige Nachricht; er kann bearbeitet, aber nicht "
            "exportiert werden.",
            "The case holds an invalid message; it can be worked on but not exported.",
        )
    if target == EXPORTED and not by_export:
        raise TransitionError(
            "„Exportiert“ wird vom Export gesetzt, nicht von Hand.",
            "'Exported' is set by the export itself, not by hand.",
        )
    if target == PARKED:
        if follow_up is None:
            raise TransitionError(
                "Zum Zurückstellen ist ein Wiedervorlagedatum nötig.",
                "Parking a case needs a follow-up date.",
            )
        if follow_up < (today or date.today()):
            raise TransitionError(
                f"Das Wiedervorlagedatum {follow_up:%d.%m.%Y} liegt in der Vergangenheit.",
                f"The follow-up date {follow_up:%Y-%m-%d} is in the past.",
            )
