"""Commands for whoever looks after the installation: quarantine, demo, settings, the office's
retention periods, schemas, audit.

None of them touches a case. They sit together so that the casework modules stay about
casework, and they come last in `ab-inbox --help`, after the daily jobs.
"""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime
from pathlib import Path

from ab_inbox import config
from ab_inbox.cli_common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    AddCommand,
    Handler,
    open_inbox,
)
from ab_inbox.cli_output import Printer
from ab_inbox.times import local_text


def register(command: AddCommand) -> dict[str, Handler]:
    """Add the administration subcommands to the parser; return their handlers by name."""
    p = command("quarantine", "Quarantäne-Einträge auflisten")
    p.add_argument("--json", action="store_true")

    p = command("demo", "Synthetische Demo-Nachrichten erzeugen")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--count", type=int, default=50)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--attachment-bytes", type=int, help="Zielgröße je Nachricht (Benchmarks)")

    p = command("settings", "Einstellungen anzeigen oder ändern")
    settings_sub = p.add_subparsers(dest="settings_command", metavar="AKTION")
    settings_sub.add_parser("list", help="Alle Einstellungen mit Werten anzeigen")
    set_p = settings_sub.add_parser("set", help="Eine Einstellung ändern")
    set_p.add_argument("name")
    set_p.add_argument("value", help="Listen durch Kommas trennen")

    p = command("retention", "Aufbewahrungsfristen der Behörde anzeigen oder ändern")
    retention_sub = p.add_subparsers(dest="retention_command", metavar="AKTION")
    list_p = retention_sub.add_parser("list", help="Die Fristen anzeigen (Standard)")
    list_p.add_argument("--json", action="store_true")
    retention_sub.add_parser(
        "confirm", help="Die Fristen nach einer Aktualisierung bestätigen (nur Administration)"
    )
    set_p = retention_sub.add_parser("set", help="Eine Frist ändern (nur Administration)")
    set_p.add_argument("name", help="z. B. done oder retention_days_done")
    set_p.add_argument("days", metavar="TAGE")

    p = command("schemas", "Schema-Pakete verwalten")
    schemas_sub = p.add_subparsers(dest="schemas_command", metavar="AKTION", required=True)
    add = schemas_sub.add_parser("add", help="Ein Schema-Paket installieren")
    add.add_argument("dir", type=Path)
    schemas_sub.add_parser("list", help="Installierte Schema-Pakete anzeigen")

    p = command("audit", "Audit-Protokoll prüfen oder exportieren")
    audit_sub = p.add_subparsers(dest="audit_command", metavar="AKTION", required=True)
    verify = audit_sub.add_parser("verify", help="Die Hash-Kette des Audit-Protokolls prüfen")
    verify.add_argument("--json", action="store_true")
    export = audit_sub.add_parser("export", help="Audit-Einträge als CSV-Datei schreiben")
    export.add_argument("--out", type=Path, required=True, metavar="DATEI.csv")
    export.add_argument(
        "--since", type=_moment, metavar="DATUM", help="ab diesem Tag (JJJJ-MM-TT, Ortszeit)"
    )
    export.add_argument(
        "--until", type=_moment, metavar="DATUM", help="bis einschließlich diesem Tag"
    )
    export.add_argument("--action", help="nur diese Aktion (z. B. viewed, status_changed)")
    export.add_argument("--case", dest="case_id", type=int, metavar="FALL")
    export.add_argument("--user", metavar="ANMELDUNG", help="nur Einträge dieser Anmeldung")

    return {
        "quarantine": _quarantine,
        "demo": _demo,
        "settings": _settings,
        "retention": _retention,
        "schemas": _schemas,
        "audit": _audit,
    }


def _moment(text: str) -> date | datetime:
    """YYYY-MM-DD (a whole local day) or an ISO date and time."""
    try:
        return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"kein Datum / not a date: {text!r} (JJJJ-MM-TT)"
        ) from None


def _quarantine(args, settings, out: Printer) -> int:
    with open_inbox(args, settings) as inbox:
        rows = inbox.quarantine_entries()
    for row in rows:
        if args.json:
            out.line(json.dumps(row, ensure_ascii=False))
        else:
            received = local_text(row["received_at"], seconds=True)
            out.line(
                f"{row['id']}\t{received}\t{row['source_name']}\t"
                f"{row['reason_code']}\t{out.pick(row['text_de'], row['text_en'])}"
            )
    return EXIT_OK


def _demo(args, settings, out: Printer) -> int:
    from ab_inbox.demo import generate_demo

    if args.count < 1:
        out.error("--count muss mindestens 1 sein.", "--count must be at least 1.")
        return EXIT_USAGE
    args.out.mkdir(parents=True, exist_ok=True)
    paths = generate_demo(
        args.out, args.count, seed=args.seed, attachment_bytes=args.attachment_bytes
    )
    out.info(
        f"{len(paths)} Demo-Nachrichten in {args.out}", f"{len(paths)} demo messages in {args.out}"
    )
    return EXIT_OK


def _schemas(args, settings, out: Printer) -> int:
    from ab_inbox.inbox import pack_library

    library = pack_library(args.schemas, settings)
    if args.schemas_command == "add":
        version, target = library.install(args.dir)
        out.info(
            f"Schema-Paket XAusländer {version} installiert: {target}",
            f"Installed schema pack XAusländer {version}: {target}",
        )
        return EXIT_OK
    available = library.available()
    if not available:
        out.info(
            "Keine Schema-Pakete installiert. ab-inbox schemas add ORDNER",
            "No schema packs installed. ab-inbox schemas add DIR",
        )
    for version, root in sorted(available.items()):
        out.line(f"{version}\t{root}")
    return EXIT_OK


def _settings(args, settings, out: Printer) -> int:
    if args.settings_command == "set" and args.name in config.RETENTION_BY_NAME:
        # Kept for scripts of older versions: the periods now belong to the office's store.
        return _set_retention(args, settings, out, args.name, args.value)
    if args.settings_command == "set":
        try:
            settings.set(args.name, args.value)
        except KeyError:
            out.error(f"Unbekannte Einstellung: {args.name}", f"Unknown setting: {args.name}")
            return EXIT_USAGE
        except ValueError as exc:
            out.error(f"Ungültiger Wert: {exc}", f"Invalid value: {exc}")
            return EXIT_USAGE
        settings.save()
        out.info(f"Gespeichert in {config.settings_path()}", f"Saved to {config.settings_path()}")
        return EXIT_OK
    for setting in config.SETTINGS:
        value = getattr(settings, setting.name)
        shown = ", ".join(value) if isinstance(value, list) else value
        title = setting.title_de if out.lang == "de" else setting.title_en
        out.line(f"{setting.name}\t{shown}\t{title}")
    return EXIT_OK


def _retention(args, settings, out: Printer) -> int:
    if args.retention_command == "set":
        return _set_retention(args, settings, out, args.name, args.days)
    if args.retention_command == "confirm":
        with open_inbox(args, settings) as inbox:
            inbox.confirm_retention()
        out.info(
            "Aufbewahrungsfristen der Behörde bestätigt; sie gelten ab jetzt für das Löschen.",
            "Office retention periods confirmed; deletion follows them from now on.",
        )
        return EXIT_OK
    with open_inbox(args, settings) as inbox:
        periods = inbox.retention_settings()
        confirmed = inbox.retention_confirmed()
    if not confirmed and not getattr(args, "json", False):
        out.info(
            "Noch nicht bestätigt: bis dahin wird nichts gelöscht (ab-inbox retention confirm).",
            "Not confirmed yet: nothing is deleted until then (ab-inbox retention confirm).",
        )
    for period in periods:
        if getattr(args, "json", False):
            out.line(json.dumps(period, ensure_ascii=False))
            continue
        title = period["title_de"] if out.lang == "de" else period["title_en"]
        if period["set_at"] is None:
            origin = out.pick("Standard", "default")
        else:
            origin = f"{local_text(period['set_at'])} {period['set_by']}"
        out.line(f"{period['name']}\t{period['days']}\t{origin}\t{title}")
    return EXIT_OK


def _set_retention(args, settings, out: Printer, name: str, days: str) -> int:
    from ab_inbox.inbox_retention import RetentionError, period_name

    with open_inbox(args, settings) as inbox:
        try:
            inbox.set_retention(name, days)
        except RetentionError as exc:
            out.error(exc.text_de, exc.text_en)
            return EXIT_USAGE
        now = {p["name"]: p["days"] for p in inbox.retention_settings()}
    full = period_name(name)
    out.info(
        f"Aufbewahrungsfrist {full} der Behörde: {now[full]} Tage (in der Datenbank).",
        f"Office retention period {full}: {now[full]} days (in the database).",
    )
    return EXIT_OK


def _audit(args, settings, out: Printer) -> int:
    if args.audit_command == "export":
        with open_inbox(args, settings) as inbox:
            count = inbox.export_audit(
                args.out,
                since=args.since,
                until=args.until,
                action=args.action,
                case_id=args.case_id,
                user=args.user,
            )
        out.info(
            f"{count} Audit-Einträge nach {args.out} geschrieben.",
            f"{count} audit entries written to {args.out}.",
        )
        return EXIT_OK
    with open_inbox(args, settings) as inbox:
        report = inbox.verify_audit()
    if args.json:
        out.line(json.dumps(report.as_dict(), ensure_ascii=False))
        return EXIT_OK if report.ok else EXIT_FAILED
    out.info(report.text_de, report.text_en)
    for problem in report.problems[1:]:
        out.line("  " + out.pick(problem.text_de, problem.text_en))
    if report.head_id is not None:
        out.info(
            f"Letzter Eintrag Nr. {report.head_id}, Hash {report.head_hash}",
            f"Newest entry {report.head_id}, hash {report.head_hash}",
        )
    return EXIT_OK if report.ok else EXIT_FAILED
