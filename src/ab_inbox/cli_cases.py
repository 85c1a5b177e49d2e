"""Commands for casework without the desktop: cases, status, note.

They mirror the queue and the case view of the desktop, so every change goes through the same
Inbox methods (workflow rules, audit) as a click there.
"""

from __future__ import annotations

import json
from datetime import date

from ab_inbox.cli_common import EXIT_OK, AddCommand, Handler, open_inbox
from ab_inbox.cli_output import Printer

_SORT_KEYS = (
    "received",
    "type",
    "applicant",
    "nationality",
    "reason",
    "status",
    "assignee",
    "validation",
    "attachments",
    "follow_up",
    "id",
)
# The fields of `cases --json`, in this order: a stable interface for scripts.
_JSON_FIELDS = (
    "id",
    "antragsidentifikation",
    "status",
    "validation",
    "type_code",
    "applicant_name",
    "nationality",
    "reason",
    "received_at",
    "assignee",
    "follow_up_date",
    "attachments",
    "message_count",
    "version",
)


def register(command: AddCommand) -> dict[str, Handler]:
    """Add the casework subcommands to the parser; return their handlers by name."""
    p = command("cases", "Fälle auflisten (wie die Warteschlange der Oberfläche)")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--view", default="all", choices=("new", "mine", "invalid", "follow_up_due", "open", "all")
    )
    p.add_argument("--search")
    p.add_argument("--sort", default="received", choices=_SORT_KEYS)
    p.add_argument("--asc", action="store_true", help="aufsteigend sortieren")

    p = command("status", "Status eines Falls ändern")
    p.add_argument("case_id", type=int, metavar="FALL")
    p.add_argument(
        "--set",
        dest="target",
        required=True,
        help="new, in_progress, query, ready, parked, not_responsible, done",
    )
    p.add_argument(
        "--until",
        type=date.fromisoformat,
        metavar="JJJJ-MM-TT",
        help="Wiedervorlagedatum (nötig für parked)",
    )
    p.add_argument("--note", help="Begründung")

    p = command("note", "Eine interne Notiz an einen Fall schreiben")
    p.add_argument("case_id", type=int, metavar="FALL")
    p.add_argument("text")

    return {"cases": _cases, "status": _status, "note": _note}


def _cases(args, settings, out: Printer) -> int:
    with open_inbox(args, settings) as inbox:
        ids = inbox.case_ids(args.view, search=args.search, sort=args.sort, descending=not args.asc)
        rows = inbox.case_rows(ids)
    for case_id in ids:
        row = rows[case_id]
        if args.json:
            out.line(json.dumps({k: row[k] for k in _JSON_FIELDS}, ensure_ascii=False))
        else:
            status = row["status_label"] if out.lang == "de" else row["status"]
            out.line(
                f"{case_id}\t{row['received_at'][:10]}\t{row['type_title'] or '-'}\t"
                f"{row['applicant_name'] or '-'}\t{status}\t{row['assignee'] or '-'}"
            )
    if not args.json:
        out.line(out.pick(f"{len(ids)} Fälle", f"{len(ids)} cases"))
    return EXIT_OK


def _status(args, settings, out: Printer) -> int:
    with open_inbox(args, settings) as inbox:
        inbox.set_status(args.case_id, args.target, follow_up=args.until, note=args.note)
        row = inbox.case_rows([args.case_id])[args.case_id]
    out.info(f"Fall {args.case_id}: {row['status_label']}", f"Case {args.case_id}: {row['status']}")
    return EXIT_OK


def _note(args, settings, out: Printer) -> int:
    with open_inbox(args, settings) as inbox:
        inbox.add_note(args.case_id, args.text)
    out.info(f"Notiz an Fall {args.case_id} gespeichert.", f"Note saved on case {args.case_id}.")
    return EXIT_OK
