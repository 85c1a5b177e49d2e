"""Commands for the XTA 2 transport: check the connection, put the certificate password into
the keyring. Fetching itself is `ab-inbox fetch --xta [--watch]`."""

from __future__ import annotations

import getpass
import sys

from ab_inbox.cli_common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, AddCommand, Handler, open_inbox
from ab_inbox.cli_output import Printer


def register(command: AddCommand) -> dict[str, Handler]:
    p = command(
        "xta",
        "XTA-2-Postfach: Verbindung prüfen (check) oder das Zertifikatspasswort im "
        "Schlüsselbund ablegen (set-password, liest es verdeckt oder von der Standardeingabe)",
    )
    p.add_argument("action", choices=("check", "set-password"))
    return {"xta": _xta}


def _xta(args, settings, out: Printer) -> int:
    from ab_inbox.inbox_transport import store_certificate_password

    if args.action == "set-password":
        if sys.stdin.isatty():
            password = getpass.getpass("Passwort des XTA-Zertifikats: ")
        else:
            password = sys.stdin.readline().rstrip("\n")
        if not password:
            out.error("Kein Passwort angegeben.", "No password given.")
            return EXIT_USAGE
        store_certificate_password(password)
        out.info("Passwort im Schlüsselbund gespeichert.", "Password stored in the keyring.")
        return EXIT_OK
    with open_inbox(args, settings) as inbox:
        check = inbox.xta_check()
    out.line(f"{out.pick('Zertifikat', 'Certificate')}\t{check.subject}")
    out.line(f"{out.pick('Aussteller', 'Issuer')}\t{check.issuer}")
    until = check.not_after.date().isoformat()
    if check.expired:
        out.line(out.pick(f"Gültig bis\t{until} (ABGELAUFEN)", f"Valid until\t{until} (EXPIRED)"))
    else:
        out.line(
            out.pick(
                f"Gültig bis\t{until} (noch {check.days_left} Tage)",
                f"Valid until\t{until} ({check.days_left} days left)",
            )
        )
    account = out.pick(check.account_text_de, check.account_text_en)
    out.line(f"{out.pick('Postfach', 'Mailbox')}\t{account}")
    return EXIT_OK if check.account_ok and not check.expired else EXIT_FAILED
