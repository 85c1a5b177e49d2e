"""The TLS side of XTA: a client context from the office's PKCS#12 certificate, and what the
certificate says about itself (for `xta check`).

Python's ssl module loads client keys only from files. The key therefore goes to a private
temporary file (mode 0600) only encrypted with a one-time random password that never leaves
memory, and the file is removed as soon as OpenSSL has read it.
"""

from __future__ import annotations

import os
import secrets
import ssl
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from ab_inbox.ingest.xta.faults import XtaTlsError


@dataclass(frozen=True)
class CertificateInfo:
    subject: str
    issuer: str
    serial_number: int
    not_before: datetime  # UTC
    not_after: datetime  # UTC

    def expired(self, now: datetime | None = None) -> bool:
        return (now or datetime.now(UTC)) > self.not_after

    def days_left(self, now: datetime | None = None) -> int:
        return (self.not_after - (now or datetime.now(UTC))).days


def _password(password: str | bytes | None) -> bytes | None:
    if password is None or password == "":
        return None
    return password.encode("utf-8") if isinstance(password, str) else password


def load_pkcs12(path: Path | str, password: str | bytes | None):
    """(key, certificate, further certificates) or an XtaTlsError saying what is wrong."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise XtaTlsError(
            f"Die Zertifikatsdatei {path.name} lässt sich nicht lesen ({exc.strerror}).",
            f"The certificate file {path.name} cannot be read ({exc.strerror}).",
        ) from None
    try:
        key, cert, chain = pkcs12.load_key_and_certificates(data, _password(password))
    except ValueError:
        raise XtaTlsError(
            f"Die Zertifikatsdatei {path.name} ist kein PKCS#12 oder das Passwort ist falsch.",
            f"The certificate file {path.name} is not PKCS#12 or the password is wrong.",
        ) from None
    if key is None or cert is None:
        raise XtaTlsError(
            f"Die Zertifikatsdatei {path.name} enthält keinen Schlüssel mit Zertifikat.",
            f"The certificate file {path.name} holds no key with a certificate.",
        )
    return key, cert, list(chain or [])


def _info(cert: x509.Certificate) -> CertificateInfo:
    return CertificateInfo(
        subject=cert.subject.rfc4514_string(),
        issuer=cert.issuer.rfc4514_string(),
        serial_number=cert.serial_number,
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
    )


def certificate_info(path: Path | str, password: str | bytes | None) -> CertificateInfo:
    """Subject, issuer and validity of the client certificate in a PKCS#12 file."""
    _, cert, _ = load_pkcs12(path, password)
    return _info(cert)


def client_context(
    pkcs12_path: Path | str,
    password: str | bytes | None,
    ca_file: Path | str | None = None,
) -> ssl.SSLContext:
    """A TLS client context presenting the office's certificate and trusting `ca_file`
    (or the system's trust store when none is given); TLS 1.2 at least, host names checked."""
    key, cert, chain = load_pkcs12(pkcs12_path, password)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        if ca_file:
            context.load_verify_locations(cafile=str(ca_file))
        else:
            context.load_default_certs(ssl.Purpose.SERVER_AUTH)
    except (OSError, ssl.SSLError) as exc:
        raise XtaTlsError(
            f"Die CA-Datei lässt sich nicht laden ({exc}).",
            f"The CA file cannot be loaded ({exc}).",
        ) from None
    one_time = secrets.token_urlsafe(32).encode()
    pem = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in [cert, *chain])
    pem += key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(one_time),
    )
    handle, name = tempfile.mkstemp(prefix="ab-inbox-xta-", suffix=".pem")  # mode 0600
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(pem)
        context.load_cert_chain(name, password=one_time)
    except ssl.SSLError as exc:
        raise XtaTlsError(
            f"Das Client-Zertifikat lässt sich nicht verwenden ({exc.reason or exc}).",
            f"The client certificate cannot be used ({exc.reason or exc}).",
        ) from None
    finally:
        os.unlink(name)
    return context
