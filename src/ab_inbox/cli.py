"""`ab-inbox`: without a subcommand the desktop; with one, a headless job for scripts and IT.

Exit codes: 0 everything handled, 1 something could not be handled (or a message is invalid,
for `validate`), 2 usage errors and missing schema packs.
"""

from __future__ import annotations

import argparse
import json
import signal
import sqlite3
import sys
import threading
from datetime import date
from pathlib import Path

from ab_inbox import __version__, config
from ab_inbox.cli_output import Printer, message_json, print_message, print_table
from ab_inbox.errors import BilingualError
from ab_inbox.ingest.checking import Rejected
from ab_inbox.store.connection import StoreError
from ab_inbox.xauslaender.schema_pack import SchemaPackError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _global_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--db",
        type=Path,
        default=default,
        help="Datenbankdatei (Standard: $AB_INBOX_DB oder Benutzerdatenordner)",
    )
    parser.add_argument(
        "--schemas",
        type=Path,
        default=default,
        help="Ordner eines XAusländer-Schema-Pakets ($AB_INBOX_SCHEMAS)",
    )
    parser.add_argument(
        "--lang",
        choices=("de", "en"),
        default=default,
        help="Sprache der Ausgabe / output language",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ab-inbox",
        description="AB-Inbox: Posteingang für XAusländer-OZG-Nachrichten.",
    )
    parser.add_argument("--version", action="version", version=f"ab-inbox {__version__}")
    _global_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="BEFEHL")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        _global_options(p, suppress=True)
        return p

    p = command("fetch", "Nachrichten aus dem Eingangsordner übernehmen")
    p.add_argument(
        "--from", dest="folder", type=Path, help="Eingangsordner (Einstellung drop_folder)"
    )
    p.add_argument("--watch", action="store_true", help="Ordner fortlaufend überwachen")
    p.add_argument("--interval", type=float, help="Abrufintervall in Sekunden (mit --watch)")
    p.add_argument("--settle", type=float, help="Sekunden, die eine Datei unverändert sein muss")

    p = command("validate", "Dateien prüfen, ohne sie zu speichern")
    p.add_argument("files", nargs="+", type=Path)

    p = command("list", "Nachrichten auflisten")
    p.add_argument("--json", action="store_true", help="JSON Lines ausgeben")
    p.add_argument("--status", help="nur Fälle mit diesem Status (z. B. new)")
    p.add_argument("--validation", choices=("valid", "invalid"))
    p.add_argument("--search", help="Volltextsuche (Namen, Antragsidentifikation, Dokumente)")
    p.add_argument("--limit", type=int)

    p = command("show", "Eine Nachricht mit Prüfergebnis und Anhängen zeigen")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true")

    p = command("attachment", "Einen Anhang in eine Datei schreiben")
    p.add_argument("id", type=int)
    p.add_argument("n", type=int, help="Nummer des Anhangs (1, 2, ...)")
    p.add_argument("--out", type=Path, required=True)

    p = command("cases", "Fälle auflisten (wie die Warteschlange der Oberfläche)")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--view", default="all", choices=("new", "mine", "invalid", "follow_up_due", "open", "all")
    )
    p.add_argument("--search")
    p.add_argument(
        "--sort",
        default="received",
        choices=(
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
        ),
    )
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

    p = command("export", "Einen Fall an das Fachverfahren übergeben")
    p.add_argument("case_id", type=int, metavar="FALL")
    p.add_argument("--to", type=Path, help="Exportordner (Einstellung export_folder)")
    p.add_argument("--exporter", help="xauslaender-folder oder structured (Einstellung exporter)")
    p.add_argument(
        "--override",
        metavar="BEGRÜNDUNG",
        help="Ausnahme der Teamleitung: auch nicht freigegebene Fälle exportieren",
    )
    p.add_argument("--json", action="store_true")

    p = command("reply", "Eine Antwort über den Rückkanal senden")
    p.add_argument("case_id", type=int, metavar="FALL")
    p.add_argument(
        "--type",
        dest="type_code",
        required=True,
        help="130102, 130104, 130105, 130107, 130109 oder 130110",
    )
    p.add_argument("--defaults", action="store_true", help="mit den Textvorlagen beginnen")
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FELD=WERT",
        help="Inhalt eines Feldes (mehrfach; Listen mit ; trennen)",
    )
    p.add_argument(
        "--file",
        action="append",
        default=[],
        metavar="FELD=DATEI",
        help="Dokument (PDF oder JPEG) für ein Dokumentfeld",
    )
    p.add_argument("--message", type=int, help="die beantwortete Nachricht (Standard: Antrag)")
    p.add_argument("--json", action="store_true")

    p = command("report", "PDF-Zusammenfassung eines Falls schreiben")
    p.add_argument("case_id", type=int, metavar="FALL")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--appendix", action="store_true", help="Bilder der Anhänge beifügen")

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

    p = command("schemas", "Schema-Pakete verwalten")
    schemas_sub = p.add_subparsers(dest="schemas_command", metavar="AKTION", required=True)
    add = schemas_sub.add_parser("add", help="Ein Schema-Paket installieren")
    add.add_argument("dir", type=Path)
    schemas_sub.add_parser("list", help="Installierte Schema-Pakete anzeigen")
    return parser


def _open_inbox(args, settings):
    from ab_inbox.inbox import Inbox

    return Inbox(db_path=args.db, schemas_dir=args.schemas, settings=settings)


def _cmd_fetch(args, settings, out: Printer) -> int:
    folder = args.folder or (Path(settings.drop_folder) if settings.drop_folder else None)
    if folder is None or not folder.is_dir():
        out.error(
            f"Eingangsordner fehlt oder existiert nicht: {folder}. Mit --from ORDNER angeben.",
            f"Drop folder missing or not a directory: {folder}. Pass --from DIR.",
        )
        return EXIT_USAGE
    with _open_inbox(args, settings) as inbox:

        def show(outcome):
            out.line(outcome.line(out.lang))

        if args.watch:
            stop = threading.Event()
            for sig in (signal.SIGINT, signal.SIGTERM):
                signal.signal(sig, lambda *_: stop.set())
            out.info(f"Überwache {folder} (Strg+C beendet)", f"Watching {folder} (Ctrl+C stops)")
            inbox.watch(
                folder,
                stop,
                interval_s=args.interval,
                settle_s=args.settle,
                on_outcome=show,
                on_error=lambda exc: out.error(
                    f"Abruf fehlgeschlagen: {exc}", f"Fetch failed: {exc}"
                ),
            )
            out.info("Beendet.", "Stopped.")
            return EXIT_OK
        report = inbox.fetch(folder, settle_s=args.settle, on_outcome=show)
    for name, error in report.failed:
        out.line(f"failed\t{name}\t{error}")
    for name in report.waiting:
        out.line(
            f"waiting\t{name}\t"
            + ("wird noch geschrieben" if out.lang == "de" else "still being written")
        )
    counts = report.counts()
    out.summary(counts, len(report.waiting), len(report.failed))
    return EXIT_OK if report.ok else EXIT_FAILED


def _cmd_validate(args, settings, out: Printer) -> int:
    from ab_inbox.inbox import pack_library, policy_from
    from ab_inbox.ingest.checking import check_message

    packs = pack_library(args.schemas, settings)
    policy = policy_from(settings)
    all_valid = True
    seen_uuids: dict[str, Path] = {}
    for path in args.files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            out.line(f"unreadable\t{path}\t{exc}")
            all_valid = False
            continue
        try:
            checked = check_message(data, packs, policy)
        except Rejected as rejected:
            if rejected.code == "unknown_version" and "ab-inbox schemas add" in rejected.text_en:
                out.error(rejected.text_de, rejected.text_en)
                return EXIT_USAGE
            out.line(f"rejected\t{path}\t{out.pick(rejected.text_de, rejected.text_en)}")
            all_valid = False
            continue
        uuid = checked.record.nachrichten_uuid
        findings = list(checked.findings)
        if uuid and uuid in seen_uuids:
            all_valid = False
            out.line(
                f"invalid\t{path}\t"
                + out.pick(
                    f"nachrichtenUUID {uuid} kommt schon in {seen_uuids[uuid]} vor",
                    f"nachrichtenUUID {uuid} already used by {seen_uuids[uuid]}",
                )
            )
        elif uuid:
            seen_uuids[uuid] = path
        state = "valid" if checked.valid else "invalid"
        all_valid &= checked.valid
        out.line(f"{state}\t{path}\t{checked.record.type_name}")
        for f in findings:
            where = (
                f" (Zeile {f.line})"
                if f.line and out.lang == "de"
                else (f" (line {f.line})" if f.line else "")
            )
            out.line(f"  {f.severity}\t{f.rule}{where}\t{f.path or ''}")
            out.line(f"    {out.pick(f.text_de, f.text_en)}")
    return EXIT_OK if all_valid else EXIT_FAILED


def _cmd_list(args, settings, out: Printer) -> int:
    with _open_inbox(args, settings) as inbox:
        rows = inbox.list_messages(
            status=args.status, validation=args.validation, search=args.search, limit=args.limit
        )
    if args.json:
        for row in rows:
            out.line(json.dumps(message_json(row), ensure_ascii=False))
    else:
        print_table(out, rows)
    return EXIT_OK


def _cmd_show(args, settings, out: Printer) -> int:
    with _open_inbox(args, settings) as inbox:
        row = inbox.message(args.id)
    if row is None:
        out.error(f"Nachricht {args.id} gibt es nicht.", f"No message {args.id}.")
        return EXIT_FAILED
    if args.json:
        data = message_json(row)
        data.update(
            record=row["record"],
            findings=row["findings"],
            attachments=row["attachments"],
            case_messages=row["case_messages"],
            sha256=row["sha256"],
            size=row["size"],
        )
        out.line(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print_message(out, row)
    return EXIT_OK


def _cmd_attachment(args, settings, out: Printer) -> int:
    with _open_inbox(args, settings) as inbox:
        try:
            row = inbox.save_attachment(args.id, args.n, args.out)
        except LookupError:
            out.error(
                f"Nachricht {args.id} hat keinen gespeicherten Anhang {args.n}.",
                f"Message {args.id} has no stored attachment {args.n}.",
            )
            return EXIT_FAILED
    out.info(
        f"{row['size']} Bytes ({row['mime']}) geschrieben: {args.out}",
        f"Wrote {row['size']} bytes ({row['mime']}): {args.out}",
    )
    return EXIT_OK


def _cmd_cases(args, settings, out: Printer) -> int:
    with _open_inbox(args, settings) as inbox:
        ids = inbox.case_ids(args.view, search=args.search, sort=args.sort, descending=not args.asc)
        rows = inbox.case_rows(ids)
    for case_id in ids:
        row = rows[case_id]
        if args.json:
            out.line(
                json.dumps(
                    {
                        k: row[k]
                        for k in (
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
                    },
                    ensure_ascii=False,
                )
            )
        else:
            status = row["status_label"] if out.lang == "de" else row["status"]
            out.line(
                f"{case_id}\t{row['received_at'][:10]}\t{row['type_title'] or '-'}\t"
                f"{row['applicant_name'] or '-'}\t{status}\t{row['assignee'] or '-'}"
            )
    if not args.json:
        out.line(out.pick(f"{len(ids)} Fälle", f"{len(ids)} cases"))
    return EXIT_OK


def _cmd_status(args, settings, out: Printer) -> int:
    with _open_inbox(args, settings) as inbox:
        inbox.set_status(args.case_id, args.target, follow_up=args.until, note=args.note)
        row = inbox.case_rows([args.case_id])[args.case_id]
    out.info(f"Fall {args.case_id}: {row['status_label']}", f"Case {args.case_id}: {row['status']}")
    return EXIT_OK


def _cmd_note(args, settings, out: Printer) -> int:
    with _open_inbox(args, settings) as inbox:
        inbox.add_note(args.case_id, args.text)
    out.info(f"Notiz an Fall {args.case_id} gespeichert.", f"Note saved on case {args.case_id}.")
    return EXIT_OK


def _cmd_export(args, settings, out: Printer) -> int:
    with _open_inbox(args, settings) as inbox:
        receipt = inbox.export_case(
            args.case_id,
            target_dir=args.to,
            exporter=args.exporter,
            override_reason=args.override,
        )
    if args.json:
        out.line(json.dumps(receipt.as_dict(), ensure_ascii=False, indent=2))
        return EXIT_OK
    if receipt.already_exported:
        out.info(
            f"bereits exportiert\t#{receipt.export_id}", f"already exported\t#{receipt.export_id}"
        )
    for written in receipt.files:
        out.line(f"written\t{written.name}\t{written.sha256}")
    return EXIT_OK


def _pairs(items: list[str], what: str) -> dict[str, str]:
    result = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise argparse.ArgumentTypeError(f"{what}: {item!r} (FELD=WERT)")
        result[key.strip()] = value
    return result


def _cmd_reply(args, settings, out: Printer) -> int:
    try:
        values = _pairs(args.set, "--set")
        files = _pairs(args.file, "--file")
    except argparse.ArgumentTypeError as exc:
        out.error(f"Ungültige Angabe {exc}", f"Invalid value {exc}")
        return EXIT_USAGE
    with _open_inbox(args, settings) as inbox:
        content = inbox.reply_defaults(args.case_id, args.type_code) if args.defaults else {}
        for key, value in values.items():
            content[key] = value.split(";") if ";" in value else value
        for key, path in files.items():
            content[key] = Path(path).read_bytes()
        receipt = inbox.send_reply(
            args.case_id, args.type_code, content, answers_message_id=args.message
        )
    if args.json:
        out.line(json.dumps({k: str(v) for k, v in vars(receipt).items()}, ensure_ascii=False))
    else:
        out.info(
            f"gesendet\t{receipt.path}\t{receipt.nachrichten_uuid}",
            f"sent\t{receipt.path}\t{receipt.nachrichten_uuid}",
        )
    return EXIT_OK


def _cmd_report(args, settings, out: Printer) -> int:
    with _open_inbox(args, settings) as inbox:
        pdf = inbox.summary_pdf(args.case_id, with_appendix=args.appendix)
    tmp = args.out.with_name(f".{args.out.name}.part")
    tmp.write_bytes(pdf)
    tmp.replace(args.out)
    out.info(f"{len(pdf)} Bytes geschrieben: {args.out}", f"Wrote {len(pdf)} bytes: {args.out}")
    return EXIT_OK


def _cmd_quarantine(args, settings, out: Printer) -> int:
    with _open_inbox(args, settings) as inbox:
        rows = inbox.quarantine_entries()
    for row in rows:
        if args.json:
            out.line(json.dumps(row, ensure_ascii=False))
        else:
            out.line(
                f"{row['id']}\t{row['received_at']}\t{row['source_name']}\t"
                f"{row['reason_code']}\t{out.pick(row['text_de'], row['text_en'])}"
            )
    return EXIT_OK


def _cmd_demo(args, settings, out: Printer) -> int:
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


def _cmd_schemas(args, settings, out: Printer) -> int:
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


def _cmd_settings(args, settings, out: Printer) -> int:
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


_COMMANDS = {
    "fetch": _cmd_fetch,
    "validate": _cmd_validate,
    "list": _cmd_list,
    "show": _cmd_show,
    "attachment": _cmd_attachment,
    "quarantine": _cmd_quarantine,
    "demo": _cmd_demo,
    "schemas": _cmd_schemas,
    "settings": _cmd_settings,
    "cases": _cmd_cases,
    "status": _cmd_status,
    "note": _cmd_note,
    "export": _cmd_export,
    "reply": _cmd_reply,
    "report": _cmd_report,
}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = config.Settings.load()
    except (ValueError, OSError) as exc:
        print(f"Einstellungsdatei unlesbar / settings file unreadable: {exc}", file=sys.stderr)
        return EXIT_USAGE
    out = Printer(args.lang or settings.language)
    if args.command is None:
        from ab_inbox.ui.app import run_gui

        return run_gui(db_path=args.db, schemas_dir=args.schemas)
    try:
        return _COMMANDS[args.command](args, settings, out)
    except (SchemaPackError, StoreError) as exc:
        out.error(exc.text_de, exc.text_en)
        return EXIT_USAGE
    except BilingualError as exc:  # refused by a rule: the case, the workflow, a conflict
        out.error(exc.text_de, exc.text_en)
        return EXIT_FAILED
    except (OSError, sqlite3.Error) as exc:
        out.error(
            f"Datei oder Datenbank nicht zugreifbar: {exc}",
            f"File or database not accessible: {exc}",
        )
        return EXIT_FAILED
