"""`ab-inbox`: without a subcommand the desktop; with one, a headless job for scripts and IT.

Exit codes: 0 everything handled, 1 something could not be handled (or a message is invalid,
for `validate`), 2 usage errors and missing schema packs.

This module only assembles the parser and turns errors into exit codes. The subcommands live in
the cli_* command modules: each one's `register` adds its parsers and returns its handlers, so a
new command is a new function in one of them (or one more module in _COMMAND_MODULES).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from ab_inbox import (
    __version__,
    cli_admin,
    cli_cases,
    cli_handoff,
    cli_intake,
    cli_team,
    cli_transport,
    config,
)
from ab_inbox.cli_common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, Handler
from ab_inbox.cli_output import Printer
from ab_inbox.errors import BilingualError
from ab_inbox.store.connection import StoreError
from ab_inbox.xauslaender.schema_pack import SchemaPackError

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]

# In this order in `ab-inbox --help`: daily intake, casework, team, hand-off, administration.
_COMMAND_MODULES = (cli_intake, cli_cases, cli_team, cli_handoff, cli_admin, cli_transport)


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


def _assemble() -> tuple[argparse.ArgumentParser, dict[str, Handler]]:
    """The parser with every module's subcommands, and the handlers by command name."""
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

    handlers: dict[str, Handler] = {}
    for module in _COMMAND_MODULES:
        handlers.update(module.register(command))
    return parser, handlers


def build_parser() -> argparse.ArgumentParser:
    return _assemble()[0]


def main(argv: list[str] | None = None) -> int:
    parser, handlers = _assemble()
    args = parser.parse_args(argv)
    if args.command is None:
        # The desktop reports unreadable settings or store in a dialog (it may have been
        # started from a shortcut, with nobody reading stderr).
        from ab_inbox.ui.app import run_gui

        return run_gui(db_path=args.db, schemas_dir=args.schemas)
    try:
        settings = config.Settings.load()
    except (ValueError, OSError) as exc:
        print(f"Einstellungsdatei unlesbar / settings file unreadable: {exc}", file=sys.stderr)
        return EXIT_USAGE
    out = Printer(args.lang or settings.language)
    try:
        return handlers[args.command](args, settings, out)
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
