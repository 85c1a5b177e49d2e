"""Commands for casework without the desktop: cases, status, note, purge.

They mirror the queue and the case view of the desktop, so every change goes through the same
Inbox methods (workflow rules, audit) as a click there.
"""

from __future__ import annotations

import json
from datetime import date

from ab_inbox.casework.status import label as status_label
from ab_inbox.cli_common import EXIT_OK, EXIT_USAGE, AddCommand, Handler, open_inbox
from ab_inbox.cli_output import Printer
from ab_inbox.times import local_text

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
    "due",
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
    "due_at",
    "attachments",
    "message_count",
    "version",
)


def register(command: AddCommand) -> dict[str, Handler]:
    """Add the casework subcommands to the parser; return their handlers by name."""
    p = command("cases", "Fälle auflisten (wie die Warteschlange der Oberfläche)")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--view",
        default="all",
        choices=(
            "new",
            "mine",
            "unassigned",
            "invalid",
            "follow_up_due",
            "due_today",
            "overdue",
            "open",
            "all",
        ),
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

    p = command(
        "purge",
        "Abgeschlossene Fälle löschen, deren Aufbewahrungsfrist abgelaufen ist "
        "(Fristen der Behörde: ab-inbox retention)",
    )
    p.add_argument("--dry-run", action="store_true", help="nur anzeigen, nichts löschen")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--until",
        type=date.fromisoformat,
        metavar="JJJJ-MM-TT",
        help="mit --dry-run: zeigen, was bis zu diesem Tag fällig wird",
    )

    return {"cases": _cases, "status": _status, "note": _note, "purge": _purge}


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
                f"{case_id}\t{local_text(row['received_at'])}\t{row['type_title'] or '-'}\t"
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


def _purge(args, settings, out: Printer) -> int:
    if args.until is not None and not args.dry_run:
        out.error("--until nur zusammen mit --dry-run.", "--until only with --dry-run.")
        return EXIT_USAGE
    with open_inbox(args, settings) as inbox:
        report = inbox.purge(dry_run=args.dry_run, today=args.until)
    if args.json:
        out.line(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return EXIT_OK
    results = {case_id: out.pick("gelöscht", "purged") for case_id in report.purged}
    results.update({case_id: out.pick("übersprungen", "skipped") for case_id in report.skipped})
    for entry in report.due:
        status = status_label(entry["status"]) if out.lang == "de" else entry["status"]
        result = results.get(entry["case_id"], out.pick("fällig", "due"))
        out.line(f"{entry['case_id']}\t{status}\t{entry['since'][:10]}\t{entry['due']}\t{result}")
    packets, entries = len(report.stray["packets"]), len(report.stray["quarantine"])
    if packets or entries:
        state_de = "fällig" if args.dry_run else "gelöscht"
        state_en = "due" if args.dry_run else "purged"
        out.info(
            f"Ohne Fall: {entries} Quarantäne-Einträge, {packets} Dokumentpakete {state_de}",
            f"Without a case: {entries} quarantine entries, {packets} document packets {state_en}",
        )
    due, purged, skipped = len(report.due), len(report.purged), len(report.skipped)
    if args.dry_run:
        out.info(
            f"{due} Fälle zur Löschung fällig (Probelauf, nichts gelöscht)",
            f"{due} cases due for deletion (dry run, nothing deleted)",
        )
    else:
        out.info(
            f"{due} Fälle fällig, {purged} gelöscht, {skipped} übersprungen",
            f"{due} cases due, {purged} purged, {skipped} skipped",
        )
    return EXIT_OK
