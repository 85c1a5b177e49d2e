"""A throw-away PKI for the loopback XTA server, made at test time (never stored in the repo).

One test CA signs the server certificate (for 127.0.0.1 and localhost), the office's client
certificate and an expired client certificate; a second, unrelated CA signs a client
certificate the server must refuse. Client certificates come as PKCS#12 like the real ones.
EC P-256 keys keep generation in the milliseconds.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CLIENT_PASSWORD = "test-passwort"


@dataclass(frozen=True)
class Pki:
    ca_file: Path  # the test CA: trusted by the server (clients) and by the client (server)
    other_ca_file: Path  # an unrelated CA
    server_cert: Path
    server_key: Path
    client_p12: Path
    expired_p12: Path
    foreign_p12: Path  # signed by the unrelated CA
    password: str = CLIENT_PASSWORD


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "DE"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "AB-Inbox Test"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _ca(common_name: str, now: datetime):
    key = _key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(_name(common_name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def _leaf(ca, common_name: str, *, server: bool, not_before: datetime, not_after: datetime):
    ca_key, ca_cert = ca
    key = _key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.SERVER_AUTH if server else ExtendedKeyUsageOID.CLIENT_AUTH]
            ),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
    )
    if server:
        builder = builder.add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
    return key, builder.sign(ca_key, hashes.SHA256())


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _p12(path: Path, name: str, key, cert, password: str) -> Path:
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            name.encode(),
            key,
            cert,
            None,
            serialization.BestAvailableEncryption(password.encode()),
        )
    )
    return path


def make_pki(directory: Path) -> Pki:
    directory.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    valid = {"not_before": now - timedelta(days=1), "not_after": now + timedelta(days=90)}
    ca = _ca("AB-Inbox Test-CA", now)
    other = _ca("Fremde Test-CA", now)
    server_key, server_cert = _leaf(ca, "xta.test", server=True, **valid)
    client = _leaf(ca, "Ausländerbehörde Musterstadt", server=False, **valid)
    expired = _leaf(
        ca,
        "Ausländerbehörde Musterstadt (abgelaufen)",
        server=False,
        not_before=now - timedelta(days=400),
        not_after=now - timedelta(days=2),
    )
    foreign = _leaf(other, "Ausländerbehörde Fremdstadt", server=False, **valid)

    (directory / "ca.pem").write_bytes(_pem(ca[1]))
    (directory / "other-ca.pem").write_bytes(_pem(other[1]))
    (directory / "server.pem").write_bytes(_pem(server_cert))
    (directory / "server.key").write_bytes(
        server_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    (directory / "server.key").chmod(0o600)
    return Pki(
        ca_file=directory / "ca.pem",
        other_ca_file=directory / "other-ca.pem",
        server_cert=directory / "server.pem",
        server_key=directory / "server.key",
        client_p12=_p12(directory / "client.p12", "client", *client, CLIENT_PASSWORD),
        expired_p12=_p12(directory / "expired.p12", "expired", *expired, CLIENT_PASSWORD),
        foreign_p12=_p12(directory / "foreign.p12", "foreign", *foreign, CLIENT_PASSWORD),
    )
