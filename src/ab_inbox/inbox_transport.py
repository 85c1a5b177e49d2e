"""The facade's transport part: fetching the office's XTA 2 mailbox and checking the account.

A mixin of Inbox (inbox.py). The connection is built from the settings (three port URLs,
reader ids, the PKCS#12 client certificate and a CA file) and the certificate's password,
which only ever lives in the operating system's keyring. The mailbox messages go through the
same pipeline as the drop folder (ingest.xta_fetch).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from ab_inbox import config
from ab_inbox.casework import roles
from ab_inbox.errors import BilingualError
from ab_inbox.store import fetch_runs

if TYPE_CHECKING:
    from ab_inbox.casework.roles import Actor
    from ab_inbox.ingest.checking import CheckPolicy
    from ab_inbox.ingest.pipeline import Outcome
    from ab_inbox.ingest.xta.client import XtaClient
    from ab_inbox.ingest.xta_fetch import XtaFetchReport
    from ab_inbox.store.database import Database
    from ab_inbox.xauslaender.schema_pack import PackLibrary

KEYRING_SERVICE = config.APP_NAME
CERTIFICATE_PASSWORD_KEY = "xta_certificate_password"


class TransportNotConfigured(BilingualError):
    """A setting or the certificate password is missing; the text names which."""


class XtaCheck(NamedTuple):
    """What `ab-inbox xta check` and the settings page's connection test report."""

    subject: str
    issuer: str
    not_after: datetime
    days_left: int
    expired: bool
    account_ok: bool
    account_text_de: str
    account_text_en: str


class KeyringUnavailable(BilingualError):
    """The operating system's keyring cannot be used (none set up, locked, or it refused):
    whether a password is stored cannot be known, and typing it again does not help."""


def _keyring_reason(exc: BaseException) -> tuple[str, str]:
    from keyring.errors import InitError, KeyringLocked, NoKeyringError, PasswordSetError

    if isinstance(exc, KeyringLocked):
        return "er ist gesperrt", "it is locked"
    if isinstance(exc, NoKeyringError):
        return "es ist keiner eingerichtet", "none is set up"
    if isinstance(exc, InitError):
        return "er ließ sich nicht starten", "it could not be started"
    if isinstance(exc, PasswordSetError):
        return "er hat das Speichern abgelehnt", "it refused to store the password"
    name = type(exc).__name__
    return f"Fehler {name}", f"error {name}"


def _keyring_unavailable(exc: BaseException, storing: bool) -> KeyringUnavailable:
    reason_de, reason_en = _keyring_reason(exc)
    if storing:
        return KeyringUnavailable(
            f"Der Schlüsselbund des Betriebssystems ist nicht erreichbar ({reason_de}); das "
            "Passwort des XTA-Zertifikats wurde nicht gespeichert. Bitte den Schlüsselbund "
            "entsperren oder von der IT einrichten lassen und das Passwort dann erneut "
            "speichern.",
            f"The operating system's keyring is not available ({reason_en}); the XTA "
            "certificate's password was not stored. Please unlock the keyring or have IT set "
            "one up, then store the password again.",
        )
    return KeyringUnavailable(
        f"Der Schlüsselbund des Betriebssystems ist nicht erreichbar ({reason_de}); das "
        "Passwort des XTA-Zertifikats lässt sich darum nicht lesen. Bitte den Schlüsselbund "
        "entsperren oder von der IT einrichten lassen; das Passwort erneut einzugeben hilft "
        "erst danach.",
        f"The operating system's keyring is not available ({reason_en}), so the XTA "
        "certificate's password cannot be read. Please unlock the keyring or have IT set one "
        "up; typing the password again only helps after that.",
    )


def certificate_password() -> str | None:
    """The stored password, or None when the keyring holds none. KeyringUnavailable when the
    keyring itself cannot be asked (then nobody knows whether one is stored)."""
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, CERTIFICATE_PASSWORD_KEY)
    except KeyringError as exc:
        raise _keyring_unavailable(exc, storing=False) from exc


def store_certificate_password(password: str) -> None:
    """Put the password into the keyring; KeyringUnavailable when the keyring cannot take it."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, CERTIFICATE_PASSWORD_KEY, password)
    except KeyringError as exc:
        raise _keyring_unavailable(exc, storing=True) from exc


class TransportMixin:
    # Provided by Inbox; `require` by AccessMixin (inbox_access).
    db: Database
    settings: config.Settings
    packs: PackLibrary
    policy: CheckPolicy
    require: Callable[[str], Actor]

    def xta_configured(self) -> bool:
        """Whether this office fetches from an XTA mailbox (its MsgBox address is set)."""
        return bool(self.settings.xta_msgbox_url)

    def xta_reader_ids(self) -> list[str]:
        return list(self.settings.xta_reader_ids or self.settings.office_dvdv_ids)

    def _xta_settings(self) -> None:
        missing = [
            name
            for name in ("xta_management_url", "xta_msgbox_url", "xta_certificate_file")
            if not getattr(self.settings, name)
        ]
        if not self.xta_reader_ids():
            missing.append("xta_reader_ids")
        if missing:
            names = ", ".join(missing)
            raise TransportNotConfigured(
                f"XTA ist nicht eingerichtet; es fehlen die Einstellungen: {names}.",
                f"XTA is not set up; these settings are missing: {names}.",
            )

    def _certificate_password(self, given: str | None) -> str:
        password = given if given is not None else certificate_password()
        if password is None:
            raise TransportNotConfigured(
                "Das Passwort des XTA-Zertifikats fehlt im Schlüsselbund (Einstellungen › "
                "Transport).",
                "The XTA certificate's password is missing from the keyring (Settings › "
                "Transport).",
            )
        return password

    def xta_client(self, password: str | None = None) -> XtaClient:
        """A client from the settings and the keyring, or the password given (for the
        settings page's test before anything is stored). TransportNotConfigured, XtaTlsError."""
        from ab_inbox.ingest.xta.client import XtaClient
        from ab_inbox.ingest.xta.tls import client_context

        self._xta_settings()
        password = self._certificate_password(password)
        context = client_context(
            self.settings.xta_certificate_file, password, self.settings.xta_ca_file or None
        )
        return XtaClient(
            self.settings.xta_management_url,
            self.settings.xta_msgbox_url,
            self.settings.xta_send_url or self.settings.xta_management_url,
            context,
        )

    def _fetching_client(self, *, watching: bool) -> XtaClient:
        """The client for a fetch; when there is none to be had (settings, certificate,
        password), the run is noted as failed like one the mailbox refused."""
        try:
            return self.xta_client()
        except Exception as exc:
            fetch_runs.record_run(self.db, fetch_runs.XTA, error=exc, watching=watching)
            raise

    def fetch_xta(
        self,
        *,
        on_outcome: Callable[[Outcome], None] | None = None,
        stop: threading.Event | None = None,
    ) -> XtaFetchReport:
        """Empty the office's mailboxes once (XtaError when the transport refuses)."""
        from ab_inbox.ingest.xta_fetch import fetch_once

        self.require(roles.FETCH)
        with self._fetching_client(watching=False) as client:  # checks the account per reader
            return fetch_once(
                self.db,
                client,
                self.packs,
                self.policy,
                reader_ids=self.xta_reader_ids(),
                max_items=self.settings.xta_max_list_items,
                on_outcome=on_outcome,
                stop=stop,
            )

    def watch_xta(
        self,
        stop: threading.Event,
        *,
        interval_s: float | None = None,
        on_outcome: Callable[[Outcome], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        from ab_inbox.ingest.xta_fetch import watch

        self.require(roles.FETCH)
        with self._fetching_client(watching=True) as client:  # a failed run is not fatal
            watch(
                self.db,
                client,
                self.packs,
                self.policy,
                stop,
                reader_ids=self.xta_reader_ids(),
                interval_s=self.settings.poll_interval_s if interval_s is None else interval_s,
                max_items=self.settings.xta_max_list_items,
                on_outcome=on_outcome,
                on_error=on_error,
            )

    def xta_check(self, password: str | None = None) -> XtaCheck:
        """The certificate's subject and expiry, and whether the account is active; with
        `password`, that one instead of the keyring's."""
        from ab_inbox.ingest.xta.faults import XtaError
        from ab_inbox.ingest.xta.tls import certificate_info

        self.require(roles.FETCH)
        self._xta_settings()
        password = self._certificate_password(password)
        info = certificate_info(self.settings.xta_certificate_file, password)
        try:
            with self.xta_client(password) as client:
                client.check_account_active()
        except XtaError as exc:
            ok, text_de, text_en = False, exc.text_de, exc.text_en
        else:
            ok, text_de, text_en = (
                True,
                "Postfach erreichbar, Konto aktiv.",
                "Mailbox reachable, account active.",
            )
        return XtaCheck(
            subject=info.subject,
            issuer=info.issuer,
            not_after=info.not_after,
            days_left=info.days_left(),
            expired=info.expired(),
            account_ok=ok,
            account_text_de=text_de,
            account_text_en=text_en,
        )
