"""Commands that hand a case on: export (Fachverfahren), reply (back channel), report (PDF).

Each one leaves the office with a file, so each goes through the Inbox method that checks the
rules and writes the audit entry; this module only turns options into arguments and prints.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ab_inbox.cli_common import EXIT_OK, EXIT_USAGE, AddCommand, Handler, open_inbox
from ab_inbox.cli_output import Printer
from ab_inbox.durable_files import write_file_atomic


def register(command: AddCommand) -> dict[str, Handler]:
    """Add the hand-off subcommands to the parser; return their handlers by name."""
    p = command("export", "Einen Fall an das Fachverfahren übergeben")
    p.add_argument("case_id", type=int, metavar="FALL")
    p.add_argument("--to", type=Path, help="Exportordner (Einstellung export_folder)")
    p.add_argument("--exporter", help="xauslaender-folder oder structured (Einstellung exporter)")
    p.add_argument(
        "--override",
        metavar="BEGRÜNDUNG",
        help="Ausnahme der Teamleitung: auch nicht freigegebene Fälle exportieren",
    )
    p.add_argument(
        "--without-awaited",
        action="store_true",
        help="auch wenn angekündigte Dokumente noch nachgeliefert werden",
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
    p.add_argument(
        "--appendix",
        action="store_true",
        help="Anhänge beifügen: Bilder als Seiten, PDF-Dokumente angehängt",
    )

    return {"export": _export, "reply": _reply, "report": _report}


def _export(args, settings, out: Printer) -> int:
    with open_inbox(args, settings) as inbox:
        receipt = inbox.export_case(
            args.case_id,
            target_dir=args.to,
            exporter=args.exporter,
            override_reason=args.override,
            without_awaited=args.without_awaited,
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


def _reply(args, settings, out: Printer) -> int:
    try:
        values = _pairs(args.set, "--set")
        files = _pairs(args.file, "--file")
    except argparse.ArgumentTypeError as exc:
        out.error(f"Ungültige Angabe {exc}", f"Invalid value {exc}")
        return EXIT_USAGE
    with open_inbox(args, settings) as inbox:
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


def _report(args, settings, out: Printer) -> int:
    with open_inbox(args, settings) as inbox:
        pdf = inbox.summary_pdf(args.case_id, with_appendix=args.appendix)
    write_file_atomic(args.out, pdf)
    out.info(f"{len(pdf)} Bytes geschrieben: {args.out}", f"Wrote {len(pdf)} bytes: {args.out}")
    return EXIT_OK
