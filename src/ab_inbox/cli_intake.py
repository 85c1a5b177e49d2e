"""Commands for what comes in: fetch, validate, list, show, attachment.

The jobs a scheduled task or an IT script runs against the drop folder and the stored messages.
They work on messages, not cases, so they sit apart from the casework commands.
"""

from __future__ import annotations

import json
import signal
import threading
from pathlib import Path

from ab_inbox.cli_common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    AddCommand,
    Handler,
    open_inbox,
)
from ab_inbox.cli_output import Printer, message_json, print_message, print_table
from ab_inbox.inbox_intake import IntakeMixin
from ab_inbox.ingest.checking import Rejected
from ab_inbox.times import local_text, minutes_since


def register(command: AddCommand) -> dict[str, Handler]:
    """Add the intake subcommands to the parser; return their handlers by name."""
    p = command("fetch", "Nachrichten aus dem Eingangsordner übernehmen")
    p.add_argument(
        "--from", dest="folder", type=Path, help="Eingangsordner (Einstellung drop_folder)"
    )
    p.add_argument(
        "--xta", action="store_true", help="aus dem XTA-2-Postfach abrufen (Einstellungen xta_*)"
    )
    p.add_argument("--watch", action="store_true", help="fortlaufend abrufen")
    p.add_argument("--interval", type=float, help="Abrufintervall in Sekunden (mit --watch)")
    p.add_argument("--settle", type=float, help="Sekunden, die eine Datei unverändert sein muss")

    p = command(
        "last-fetch",
        "Wann zuletzt abgerufen wurde, je Eingangsweg; Rückgabe 1, wenn der letzte Abruf "
        "fehlschlug oder (mit --max-age) zu lange kein Abruf gelang",
    )
    p.add_argument(
        "--max-age",
        type=float,
        metavar="MINUTEN",
        help="höchstes Alter des letzten gelungenen Abrufs; Abrufe ohne neue Nachrichten "
        f"werden höchstens alle {IntakeMixin.FETCH_RECORD_MINUTES} Minuten vermerkt, kleinere "
        "Werte sind daher nicht sinnvoll",
    )
    p.add_argument("--json", action="store_true")

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

    return {
        "fetch": _fetch,
        "last-fetch": _last_fetch,
        "validate": _validate,
        "list": _list,
        "show": _show,
        "attachment": _attachment,
    }


def _fetch(args, settings, out: Printer) -> int:
    if args.xta:
        return _fetch_xta(args, settings, out)
    folder = args.folder or (Path(settings.drop_folder) if settings.drop_folder else None)
    if folder is None or not folder.is_dir():
        out.error(
            f"Eingangsordner fehlt oder existiert nicht: {folder}. Mit --from ORDNER angeben.",
            f"Drop folder missing or not a directory: {folder}. Pass --from DIR.",
        )
        return EXIT_USAGE
    with open_inbox(args, settings) as inbox:

        def show(outcome):
            out.line(outcome.line(out.lang))

        if args.watch:
            stop = _stop_on_signals()
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


def _stop_on_signals() -> threading.Event:
    """Set by Ctrl+C or a service stop (SIGTERM): a watch ends after the message in hand."""
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    return stop


def _fetch_xta(args, settings, out: Printer) -> int:
    if args.folder is not None:
        out.error("--xta und --from schließen sich aus.", "--xta and --from exclude each other.")
        return EXIT_USAGE
    with open_inbox(args, settings) as inbox:

        def show(outcome):
            out.line(outcome.line(out.lang))

        if args.watch:
            stop = _stop_on_signals()
            out.info("Rufe das XTA-Postfach ab (Strg+C beendet)", "Polling the XTA mailbox")
            inbox.watch_xta(
                stop,
                interval_s=args.interval,
                on_outcome=show,
                on_error=lambda exc: out.error(
                    f"Abruf fehlgeschlagen: {getattr(exc, 'text_de', exc)}",
                    f"Fetch failed: {getattr(exc, 'text_en', exc)}",
                ),
            )
            out.info("Beendet.", "Stopped.")
            return EXIT_OK
        report = inbox.fetch_xta(on_outcome=show)
    for name, error in report.failed:
        out.line(f"failed\t{name}\t{error}")
    out.summary(report.counts(), 0, len(report.failed))
    out.info(
        f"{len(report.closed)} im Postfach quittiert, {len(report.skipped)} fremde Nachrichten "
        "belassen",
        f"{len(report.closed)} closed in the mailbox, {len(report.skipped)} other messages left",
    )
    return EXIT_OK if report.ok else EXIT_FAILED


def _validate(args, settings, out: Printer) -> int:
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


def _list(args, settings, out: Printer) -> int:
    with open_inbox(args, settings) as inbox:
        rows = inbox.list_messages(
            status=args.status, validation=args.validation, search=args.search, limit=args.limit
        )
    if args.json:
        for row in rows:
            out.line(json.dumps(message_json(row), ensure_ascii=False))
    else:
        print_table(out, rows)
    return EXIT_OK


def _show(args, settings, out: Printer) -> int:
    with open_inbox(args, settings) as inbox:
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


_SOURCE_NAMES = {
    "folder": ("Eingangsordner", "Drop folder"),
    "xta": ("XTA-Postfach", "XTA mailbox"),
}


def _last_fetch(args, settings, out: Printer) -> int:
    """Exit 1 when a way in failed last time or, with --max-age, a way in has not fetched
    successfully for that long: for a monitoring job that should notice a stopped watch."""
    with open_inbox(args, settings) as inbox:
        runs = inbox.last_fetches()
    for source, row in runs.items():
        if args.json:
            out.line(json.dumps(row, ensure_ascii=False))
        else:
            _print_run(out, out.pick(*_SOURCE_NAMES.get(source, (source, source))), row)
    if not runs and not args.json:
        out.info("Noch kein Abruf vermerkt.", "No fetch recorded yet.")
    if args.max_age is not None:
        stale = [
            out.pick(*_SOURCE_NAMES.get(source, (source, source)))
            for source, row in runs.items()
            if not row["last_ok_at"] or minutes_since(row["last_ok_at"]) > args.max_age
        ]
        if stale or not runs:
            names = ", ".join(stale) or out.pick("alle Eingangswege", "every way in")
            out.error(
                f"Seit über {args.max_age:g} Minuten kein gelungener Abruf: {names}.",
                f"No successful fetch for over {args.max_age:g} minutes: {names}.",
            )
            return EXIT_FAILED
    return EXIT_OK if all(row["ok"] for row in runs.values()) else EXIT_FAILED


def _print_run(out: Printer, name: str, row: dict) -> None:
    when = local_text(row["at"])
    if row["ok"]:
        stored = row["stored"]
        out.info(f"{name}: {when}, {stored} gespeichert", f"{name}: {when}, {stored} stored")
        return
    reason = out.pick(row["error_de"] or "", row["error_en"] or "") or out.pick(
        f"{row['failed']} Datei(en) nicht verarbeitet", f"{row['failed']} file(s) not handled"
    )
    last_ok = local_text(row["last_ok_at"]) or "–"
    out.info(
        f"{name}: {when}, fehlgeschlagen: {reason} (zuletzt gelungen: {last_ok})",
        f"{name}: {when}, failed: {reason} (last success: {last_ok})",
    )


def _attachment(args, settings, out: Printer) -> int:
    with open_inbox(args, settings) as inbox:
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
