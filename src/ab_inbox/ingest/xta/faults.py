"""What can go wrong talking to the XTA server, as errors an office can act on.

Every failure becomes an XtaError (a BilingualError): SOAP faults with an xta:*Exception detail,
TLS refusals (expired or untrusted certificates, on either side) and broken connections. Only
`retryable` errors are worth trying again after a pause: the server's XTAWSTechnicalProblem and
connection problems. Everything else needs a person (account, certificate, configuration).
"""

from __future__ import annotations

import http.client
import socket
import ssl
from urllib.parse import urlsplit

from ab_inbox.errors import BilingualError

PERMISSION_DENIED = "PermissionDenied"
TECHNICAL_PROBLEM = "XTAWSTechnicalProblem"
INVALID_MESSAGE_ID = "InvalidMessageID"
PARAMETER_NOT_VALID = "ParameterIsNotValid"
CANCEL_DENIED = "CancelDenied"
SCHEMA_VIOLATION = "MessageSchemaViolation"
VIRUS_DETECTION = "MessageVirusDetection"
SYNC_ASYNC = "SyncAsync"

# kind -> (German, English, retryable)
_KINDS: dict[str, tuple[str, str, bool]] = {
    PERMISSION_DENIED: (
        "Zugriff verweigert: Konto gesperrt oder unbekannt / Zertifikat prüfen",
        "Access denied: account locked or unknown / check the certificate",
        False,
    ),
    TECHNICAL_PROBLEM: (
        "Technisches Problem beim XTA-Server; der Abruf wird später wiederholt",
        "Technical problem at the XTA server; fetching will be retried",
        True,
    ),
    INVALID_MESSAGE_ID: (
        "Die Nachricht ist dem XTA-Server unter dieser Kennung nicht (mehr) bekannt",
        "The XTA server does not know a message with this id (any more)",
        False,
    ),
    PARAMETER_NOT_VALID: (
        "Der XTA-Server hat die Anfrage als ungültig abgewiesen (Parameter prüfen)",
        "The XTA server rejected the request as invalid (check the parameters)",
        False,
    ),
    CANCEL_DENIED: (
        "Der Transportauftrag kann nicht mehr zurückgezogen werden",
        "The transport order can no longer be cancelled",
        False,
    ),
    SCHEMA_VIOLATION: (
        "Die Nachricht verletzt ihr Schema oder das Service-Profil",
        "The message violates its schema or the service profile",
        False,
    ),
    VIRUS_DETECTION: (
        "Der XTA-Server hat Schadcode in der Nachricht gefunden",
        "The XTA server found malicious code in the message",
        False,
    ),
    SYNC_ASYNC: (
        "Der Dienst wird in dieser Form (synchron/asynchron) nicht angeboten",
        "The service is not offered in this mode (synchronous/asynchronous)",
        False,
    ),
}

# The XTA-WS Fehlernummer code list (its values are in XTA-Webservice-Datentypen.xsd).
_CODES: dict[str, tuple[str, str]] = {
    "9000": ("Unspezifizierter Fehler", "Unspecified error"),
    "9010": ("Authentisierung/Zertifikat ist abgelaufen", "Authentication/certificate expired"),
    "9011": ("Account ist gesperrt", "Account is locked"),
    "9012": ("Account nicht vorhanden", "Account does not exist"),
    "9013": ("Dienst ist nicht gebucht", "Service not subscribed"),
    "9014": (
        "Authentisierung/Zertifikat passt nicht zur Absenderkennung",
        "Authentication/certificate does not match the sender id",
    ),
    "9020": ("Keine Parameter vorhanden", "No parameters given"),
    "9021": ("Keine gültige URI", "Not a valid URI"),
    "9022": ("Ungültige Parameterkombination", "Invalid combination of parameters"),
    "9023": ("Die Nachricht überschreitet die Größenbeschränkung", "The message is too large"),
    "9024": ("MessageID ist bereits vergeben", "MessageID already in use"),
    "9030": ("Interner Fehler beim XTA-Server", "Internal error at the XTA server"),
    "9031": ("Fehler beim externen Verzeichnisdienst", "Error at the external directory"),
    "9032": ("Fehler bei der Zustellung", "Delivery error"),
    "9050": ("Fachnachricht ist nicht schemakonform", "Message is not schema-valid"),
    "9051": ("Fachnachricht trägt ein falsches Encoding", "Message has a wrong encoding"),
    "9052": ("Nachricht verletzt das Service-Profil", "Message violates the service profile"),
    "9060": ("Schadcode ermittelt", "Malicious code detected"),
    "9070": ("MessageID für den Account nicht bekannt", "MessageID unknown for this account"),
    "9080": ("Dienst wird nur asynchron angeboten", "Service is offered asynchronously only"),
    "9081": ("Dienst wird nur synchron angeboten", "Service is offered synchronously only"),
    "9100": ("Termin NotBefore ist verstrichen", "The NotBefore time has passed"),
    "9101": ("Schalter NotBefore wurde nicht gesetzt", "NotBefore was not set"),
}


class XtaError(BilingualError):
    """Any failure of an XTA call; `retryable` says whether waiting and trying again may help."""

    retryable = False

    def __init__(self, text_de: str, text_en: str, *, retryable: bool | None = None):
        super().__init__(text_de, text_en)
        if retryable is not None:
            self.retryable = retryable


class XtaFault(XtaError):
    """A SOAP fault from the server; `kind` is the xta exception name without "Exception"."""

    def __init__(self, kind: str | None, code: str | None = None, reason: str = ""):
        base_de, base_en, retryable = _KINDS.get(
            kind or "",
            ("Der XTA-Server meldet einen Fehler", "The XTA server reports an error", False),
        )
        detail_de = detail_en = ""
        if code:
            name_de, name_en = _CODES.get(code, ("", ""))
            detail_de = f" (XTA-Fehler {code}{': ' + name_de if name_de else ''})"
            detail_en = f" (XTA error {code}{': ' + name_en if name_en else ''})"
        elif reason:
            detail_de = detail_en = f" ({reason[:200]})"
        super().__init__(base_de + detail_de, base_en + detail_en, retryable=retryable)
        self.kind = kind
        self.code = code
        self.reason = reason


class XtaConnectionError(XtaError):
    retryable = True


class XtaTlsError(XtaError):
    """A TLS refusal: a certificate has to be renewed or trusted; retrying does not help."""


class XtaProtocolError(XtaError):
    """The server answered with something that is not a valid XTA response."""


class XtaTooLarge(XtaProtocolError):
    """A response above the size cap: that message cannot be fetched, the others can."""

    def __init__(self, limit: int):
        super().__init__(
            f"Die Antwort des XTA-Servers ist größer als die erlaubten {limit:,} Bytes.".replace(
                ",", "."
            ),
            f"The XTA server's response is larger than the allowed {limit:,} bytes.",
        )
        self.limit = limit


def fault_kind(local_name: str) -> str:
    """`PermissionDeniedException` -> `PermissionDenied` (lookupService's fault lacks the
    suffix in the WSDL, so both spellings occur)."""
    return local_name[: -len("Exception")] if local_name.endswith("Exception") else local_name


def _host(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc or url


_CLIENT_CERT_REFUSALS = {
    "SSLV3_ALERT_CERTIFICATE_EXPIRED": (
        "Der XTA-Server lehnt das Client-Zertifikat ab: es ist abgelaufen. Bitte ein neues "
        "Zertifikat einrichten.",
        "The XTA server refuses the client certificate: it has expired. Install a new one.",
    ),
    "TLSV1_ALERT_UNKNOWN_CA": (
        "Der XTA-Server lehnt das Client-Zertifikat ab: es stammt von einer Stelle, der er "
        "nicht vertraut. Zertifikat prüfen.",
        "The XTA server refuses the client certificate: its issuer is not trusted. Check the "
        "certificate.",
    ),
    "SSLV3_ALERT_CERTIFICATE_REVOKED": (
        "Der XTA-Server lehnt das Client-Zertifikat ab: es wurde gesperrt.",
        "The XTA server refuses the client certificate: it has been revoked.",
    ),
    "TLSV13_ALERT_CERTIFICATE_REQUIRED": (
        "Der XTA-Server verlangt ein Client-Zertifikat; es ist keines eingerichtet.",
        "The XTA server requires a client certificate; none is configured.",
    ),
}
_CLIENT_CERT_REFUSED_OTHER = (
    "Der XTA-Server lehnt das Client-Zertifikat ab. Zertifikat prüfen.",
    "The XTA server refuses the client certificate. Check the certificate.",
)


def from_transport_error(exc: BaseException, url: str) -> XtaError:
    """Turn a socket, TLS or HTTP failure into an XtaError that says what to do."""
    host = _host(url)
    if isinstance(exc, XtaError):
        return exc
    if isinstance(exc, ssl.SSLCertVerificationError):
        if exc.verify_code == 10:
            return XtaTlsError(
                f"Das Server-Zertifikat von {host} ist abgelaufen.",
                f"The server certificate of {host} has expired.",
            )
        if exc.verify_code == 62:
            return XtaTlsError(
                f"Das Server-Zertifikat passt nicht zur Adresse {host}.",
                f"The server certificate does not match the address {host}.",
            )
        return XtaTlsError(
            f"Dem Server-Zertifikat von {host} wird nicht vertraut (CA-Datei prüfen): "
            f"{exc.verify_message}.",
            f"The server certificate of {host} is not trusted (check the CA file): "
            f"{exc.verify_message}.",
        )
    if isinstance(exc, ssl.SSLError) and not isinstance(
        exc, ssl.SSLEOFError | ssl.SSLZeroReturnError
    ):
        reason = exc.reason or ""
        if reason in _CLIENT_CERT_REFUSALS:
            de, en = _CLIENT_CERT_REFUSALS[reason]
            return XtaTlsError(de, en)
        if "CERTIFICATE" in reason:
            return XtaTlsError(*_CLIENT_CERT_REFUSED_OTHER)
        return XtaTlsError(
            f"TLS-Verbindung zu {host} fehlgeschlagen ({reason or exc}).",
            f"TLS connection to {host} failed ({reason or exc}).",
        )
    if isinstance(exc, TimeoutError | socket.timeout):
        return XtaConnectionError(
            f"Der XTA-Server {host} antwortet nicht rechtzeitig.",
            f"The XTA server {host} did not answer in time.",
        )
    if isinstance(exc, socket.gaierror):
        return XtaConnectionError(
            f"Der Name des XTA-Servers {host} lässt sich nicht auflösen (Adresse prüfen).",
            f"The name of the XTA server {host} cannot be resolved (check the address).",
        )
    if isinstance(exc, ConnectionRefusedError):
        return XtaConnectionError(
            f"Der XTA-Server {host} nimmt keine Verbindung an.",
            f"The XTA server {host} refuses connections.",
        )
    if isinstance(exc, OSError | http.client.HTTPException):
        return XtaConnectionError(
            f"Die Verbindung zum XTA-Server {host} ist abgebrochen ({type(exc).__name__}).",
            f"The connection to the XTA server {host} broke off ({type(exc).__name__}).",
        )
    raise TypeError(f"not a transport error: {exc!r}")


def http_status_error(status: int, url: str) -> XtaError:
    host = _host(url)
    if status in (502, 503, 504):
        return XtaConnectionError(
            f"Der XTA-Server {host} ist vorübergehend nicht erreichbar (HTTP {status}).",
            f"The XTA server {host} is temporarily unavailable (HTTP {status}).",
        )
    if status in (401, 403):
        return XtaFault(PERMISSION_DENIED, reason=f"HTTP {status}")
    return XtaProtocolError(
        f"Der XTA-Server {host} antwortet mit HTTP {status} statt einer SOAP-Antwort "
        "(Adresse prüfen).",
        f"The XTA server {host} answered HTTP {status} instead of a SOAP response "
        "(check the address).",
    )
