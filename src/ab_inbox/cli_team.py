"""Commands for team work without the desktop: users, assign, take-next, rules, deadlines,
workload, whoami.

They act as the OS login, like the desktop, and call the same Inbox methods, so the role checks
and audit entries are the same. There is deliberately no option to act as someone else.
"""

from __future__ import annotations

import json

from ab_inbox.casework.roles import role_label
from ab_inbox.casework.status import label as status_label
from ab_inbox.cli_common import EXIT_OK, EXIT_USAGE, AddCommand, Handler, open_inbox
from ab_inbox.cli_output import Printer
from ab_inbox.times import local_text

_ROLES = ("caseworker", "teamlead", "admin")


def register(command: AddCommand) -> dict[str, Handler]:
    p = command("whoami", "Eigene Anmeldung und Rolle anzeigen")

    p = command(
        "users",
        "Benutzer verwalten (Administration; der erste Benutzer einer leeren Datenbank darf "
        "von jedem angelegt werden und erhält die Rolle admin)",
    )
    p.add_argument("action", choices=("list", "add", "set-role", "disable", "enable"))
    p.add_argument("login", nargs="?", metavar="ANMELDUNG", help="Betriebssystem-Anmeldung")
    p.add_argument("--role", choices=_ROLES, help="caseworker, teamlead oder admin")
    p.add_argument("--name", help="Anzeigename")
    p.add_argument("--json", action="store_true")

    p = command("assign", "Fälle zuweisen (Teamleitung)")
    p.add_argument("case_ids", type=int, nargs="+", metavar="FALL")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--to", metavar="ANMELDUNG")
    target.add_argument("--release", action="store_true", help="Zuweisung aufheben")

    command("take-next", "Den dringendsten nicht zugewiesenen neuen Fall übernehmen")

    p = command("rules", "Verteilungsregeln: Buchstabenbereiche und Nachrichtentypen (Teamleitung)")
    p.add_argument("action", choices=("list", "add", "remove", "apply"))
    p.add_argument("rule_id", nargs="?", type=int, metavar="REGEL")
    p.add_argument("--to", metavar="ANMELDUNG")
    p.add_argument("--letters", metavar="A-K", help="Bereich des Familiennamens, z. B. A-K")
    p.add_argument("--type", dest="type_code", metavar="CODE", help="Nachrichtentyp, z. B. 130101")
    p.add_argument("--json", action="store_true")

    p = command("deadlines", "Bearbeitungsfristen je Nachrichtentyp in Tagen (Teamleitung)")
    p.add_argument("action", choices=("list", "set", "unset"))
    p.add_argument("type_code", nargs="?", metavar="CODE", help="Nachrichtentyp oder * (Standard)")
    p.add_argument("--days", type=int)

    p = command("workload", "Arbeitslast je Person: offene Fälle nach Status, überfällig, ältester")
    p.add_argument("--json", action="store_true")

    return {
        "whoami": _whoami,
        "users": _users,
        "assign": _assign,
        "take-next": _take_next,
        "rules": _rules,
        "deadlines": _deadlines,
        "workload": _workload,
    }


def _whoami(args, settings, out: Printer) -> int:
    with open_inbox(args, settings) as inbox:
        actor = inbox.actor()
    if actor.role is None:
        out.info(f"{actor.login}: nicht eingerichtet", f"{actor.login}: not set up in AB-Inbox")
    else:
        state = "" if actor.active else out.pick(" (deaktiviert)", " (deactivated)")
        out.line(f"{actor.login}\t{role_label(actor.role, out.lang)}{state}")
    return EXIT_OK


def _users(args, settings, out: Printer) -> int:
    if args.action != "list" and not args.login:
        out.error("Anmeldung fehlt.", "Login missing.")
        return EXIT_USAGE
    with open_inbox(args, settings) as inbox:
        if args.action == "list":
            rows = inbox.users()
            for row in rows:
                if args.json:
                    out.line(json.dumps(row, ensure_ascii=False))
                    continue
                active = "" if row["active"] else out.pick("deaktiviert", "deactivated")
                out.line(
                    f"{row['login']}\t{role_label(row['role'], out.lang)}\t"
                    f"{row['display_name'] or '-'}\t{active}".rstrip()
                )
        elif args.action == "add":
            added = inbox.add_user(args.login, args.role or "caseworker", args.name)
            label = role_label(added.role, out.lang)
            out.info(
                f"{added.login} angelegt: {label}"
                + (" (erster Benutzer)" if added.first_user else ""),
                f"{added.login} added: {label}" + (" (first user)" if added.first_user else ""),
            )
        elif args.action == "set-role":
            if not args.role:
                out.error("--role fehlt.", "--role missing.")
                return EXIT_USAGE
            inbox.set_role(args.login, args.role)
            out.info(
                f"{args.login}: {role_label(args.role)}",
                f"{args.login}: {role_label(args.role, 'en')}",
            )
        else:
            active = args.action == "enable"
            inbox.set_user_active(args.login, active)
            out.info(
                f"{args.login} {'aktiviert' if active else 'deaktiviert'}",
                f"{args.login} {'enabled' if active else 'disabled'}",
            )
    return EXIT_OK


def _assign(args, settings, out: Printer) -> int:
    to = None if args.release else args.to
    with open_inbox(args, settings) as inbox:
        inbox.assign(args.case_ids, to)
    cases = ", ".join(str(c) for c in args.case_ids)
    if to:
        out.info(f"Fälle {cases} an {to} zugewiesen.", f"Cases {cases} assigned to {to}.")
    else:
        out.info(f"Zuweisung von {cases} aufgehoben.", f"Cases {cases} released.")
    return EXIT_OK


def _take_next(args, settings, out: Printer) -> int:
    with open_inbox(args, settings) as inbox:
        case_id = inbox.take_next()
        row = inbox.case_rows([case_id])[case_id] if case_id else None
    if row is None:
        out.info("Kein freier neuer Fall.", "No unassigned new case.")
        return EXIT_OK
    out.line(f"{case_id}\t{local_text(row['received_at'])}\t{row['type_title'] or '-'}")
    out.info(f"Fall {case_id} übernommen.", f"Took case {case_id}.")
    return EXIT_OK


def _rules(args, settings, out: Printer) -> int:
    with open_inbox(args, settings) as inbox:
        if args.action == "list":
            for rule in inbox.distribution_rules():
                if args.json:
                    out.line(json.dumps(rule, ensure_ascii=False))
                    continue
                letters = (
                    f"{rule['letters_from']}-{rule['letters_to']}" if rule["letters_from"] else "*"
                )
                inactive = "" if rule["assignee_active"] else out.pick(" (inaktiv)", " (inactive)")
                out.line(
                    f"{rule['id']}\t{rule['assignee']}{inactive}\t{letters}\t"
                    f"{rule['type_code'] or '*'}"
                )
        elif args.action == "add":
            if not args.to:
                out.error("--to fehlt.", "--to missing.")
                return EXIT_USAGE
            start, _, end = (args.letters or "").partition("-")
            rule_id = inbox.add_distribution_rule(
                args.to,
                letters_from=start or None,
                letters_to=end or start or None,
                type_code=args.type_code,
            )
            out.info(f"Regel {rule_id} angelegt.", f"Rule {rule_id} added.")
        elif args.action == "remove":
            if args.rule_id is None:
                out.error("Regelnummer fehlt.", "Rule number missing.")
                return EXIT_USAGE
            if not inbox.remove_distribution_rule(args.rule_id):
                out.error(f"Regel {args.rule_id} gibt es nicht.", f"No rule {args.rule_id}.")
                return EXIT_USAGE
            out.info(f"Regel {args.rule_id} entfernt.", f"Rule {args.rule_id} removed.")
        else:
            done = inbox.distribute_unassigned()
            for case_id, login in sorted(done.items()):
                out.line(f"{case_id}\t{login}")
            out.info(f"{len(done)} Fälle verteilt.", f"{len(done)} cases distributed.")
    return EXIT_OK


def _deadlines(args, settings, out: Printer) -> int:
    with open_inbox(args, settings) as inbox:
        if args.action == "list":
            for type_code, days in sorted(inbox.deadline_targets().items()):
                out.line(f"{type_code}\t{days}")
            return EXIT_OK
        if not args.type_code or (args.action == "set" and not args.days):
            out.error("Nachrichtentyp und --days nötig.", "Message type and --days needed.")
            return EXIT_USAGE
        changed = inbox.set_deadline_target(
            args.type_code, args.days if args.action == "set" else None
        )
    out.info(
        f"Frist gespeichert; {changed} offene Fälle neu terminiert.",
        f"Target saved; {changed} open cases re-timed.",
    )
    return EXIT_OK


def _workload(args, settings, out: Printer) -> int:
    with open_inbox(args, settings) as inbox:
        rows = inbox.workload()
    for row in rows:
        if args.json:
            out.line(json.dumps(row, ensure_ascii=False))
            continue
        who = row["assignee"] or out.pick("(nicht zugewiesen)", "(unassigned)")
        statuses = ", ".join(
            f"{status_label(s, out.lang)} {n}" for s, n in sorted(row["by_status"].items())
        )
        oldest = (row["oldest"] or "-")[:10]
        out.line(
            f"{who}\t{row['open']}\t{out.pick('überfällig', 'overdue')} {row['overdue']}\t"
            f"{out.pick('ältester', 'oldest')} {oldest}\t{statuses}"
        )
    return EXIT_OK
