"""What the command modules share: exit codes, the handler signature, opening the inbox.

It sits apart from cli.py so that the command modules never import the module that assembles
them (no import cycle), and so a new command module needs nothing but this and cli_output.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from ab_inbox import config
from ab_inbox.cli_output import Printer

if TYPE_CHECKING:
    from ab_inbox.inbox import Inbox

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

# A subcommand's handler: parsed arguments, the loaded settings, the printer -> exit code.
Handler = Callable[[argparse.Namespace, config.Settings, Printer], int]
# What cli.py hands each module's `register`: (name, help text) -> the subcommand's parser,
# already carrying the global options.
AddCommand = Callable[[str, str], argparse.ArgumentParser]


def open_inbox(args: argparse.Namespace, settings: config.Settings) -> Inbox:
    # Imported on use: commands without a database (--help, settings) never load the core.
    from ab_inbox.inbox import Inbox

    return Inbox(db_path=args.db, schemas_dir=args.schemas, settings=settings)
