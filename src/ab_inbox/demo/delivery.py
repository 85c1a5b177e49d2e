"""A packaged document delivery: an application whose documents travel in separate packets.

The application lists its documents by `dokumentuuid` only; the documents go into one ZIP file
(entries `<dokumentuuid>.<format>`), which is split into parts, each part base64 in the
`dokumentcontainer` of an Administration.Dokumentenlieferung.Paket.000040. The application's
`angabenDokumentenlieferung` is written after the ZIP exists, so `anzahlDerPakete` and
`archivgroesse` are exact. `make_archive` lets a test wrap the real documents in a hostile or
wrong ZIP; the announcement then matches whatever it returns, so only the ZIP is at fault.
"""

from __future__ import annotations

import base64
import io
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from lxml import etree

from ab_inbox.demo import documents as docs
from ab_inbox.demo.compose import OFFICE_ADDRESS, SERVICE_ADDRESS, compose, message_root
from ab_inbox.demo.context import Application, new_uuid
from ab_inbox.demo.generate import (
    DEFAULT_READER_KENNUNG,
    DEFAULT_READER_NAME,
    DEFAULT_REFERENCE_TIME,
)
from ab_inbox.demo.xml_parts import EMAIL, NS, code, contact, postal, sub

PACKET_ROOT = "Administration.Dokumentenlieferung.Paket.000040"
PACKET_CODE = "000040"
_EXTENSIONS = {docs.PDF: "pdf", docs.JPEG: "jpg"}


@dataclass
class PackagedDelivery:
    message: bytes  # the application, documents referenced by dokumentuuid
    nachrichten_uuid: str
    packets: list[bytes]  # packet messages, in the order of their paketnummer
    archive: bytes  # the ZIP the packets carry
    documents: dict[str, bytes]  # entry name "<dokumentuuid>.<format>" -> content


def zip_documents(documents: dict[str, bytes]) -> bytes:
    """The ZIP as the standard asks for it: flat entries, DEFLATE."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in documents.items():
            archive.writestr(
                zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED
            )
    return buffer.getvalue()


def split(archive: bytes, count: int) -> list[bytes]:
    """`count` consecutive parts of nearly equal size (the last may be shorter)."""
    size = -(-len(archive) // count)
    return [archive[i * size : (i + 1) * size] for i in range(count)]


def build_packaged_delivery(
    rng: random.Random,
    *,
    packets: int = 2,
    type_code: str = "130101",
    created: datetime | None = None,
    reader_kennung: str = DEFAULT_READER_KENNUNG,
    reader_name: str = DEFAULT_READER_NAME,
    make_archive: Callable[[dict[str, bytes]], bytes] = zip_documents,
) -> PackagedDelivery:
    """An application (130101, 130301 or 130401) with referenced documents, and its packets."""
    created = created or DEFAULT_REFERENCE_TIME
    for _ in range(50):  # the builder decides how many documents a message gets
        built = compose(
            type_code,
            rng,
            created=created,
            reader_kennung=reader_kennung,
            reader_name=reader_name,
            referenced=True,
        )
        if built.referenced and built.application is not None:
            break
    else:
        raise ValueError(f"type {type_code} does not reference documents")
    documents = {
        f"{uuid}.{_EXTENSIONS[spec.media]}": docs.render(spec, rng)
        for uuid, spec in built.referenced
    }
    archive = make_archive(documents)
    message = announce(built.data, packets, len(archive))
    packet_messages = [
        packet_message(
            part,
            number,
            built.application,
            rng=rng,
            created=created + timedelta(minutes=number),
            reader_kennung=reader_kennung,
            reader_name=reader_name,
        )
        for number, part in enumerate(split(archive, packets), start=1)
    ]
    return PackagedDelivery(message, built.nachrichten_uuid, packet_messages, archive, documents)


def announce(message: bytes, packets: int, archive_size: int) -> bytes:
    """Set anzahlDerPakete and archivgroesse in a built message's angabenDokumentenlieferung."""
    root = etree.fromstring(message)
    block = root.find(f"{{{NS}}}angabenDokumentenlieferung")
    block.find(f"{{{NS}}}anzahlDerPakete").text = str(packets)
    block.find(f"{{{NS}}}archivgroesse").text = str(archive_size)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def packet_message(
    part: bytes,
    number: int,
    application: Application,
    *,
    rng: random.Random,
    created: datetime,
    reader_kennung: str = DEFAULT_READER_KENNUNG,
    reader_name: str = DEFAULT_READER_NAME,
) -> bytes:
    """One Administration.Dokumentenlieferung.Paket.000040 carrying `part` as packet `number`."""
    service = application.service
    root = message_root(PACKET_ROOT, service.product)
    head = sub(root, "nachrichtenkopf.g2g", q=False)
    ident = sub(head, "identifikation.nachricht", q=False)
    sub(ident, "nachrichtenUUID", new_uuid(rng), q=False)
    code(ident, "nachrichtentyp", "nachrichtentyp", PACKET_CODE, q=False)
    sub(ident, "erstellungszeitpunkt", created.isoformat(timespec="seconds"), q=False)
    reader = sub(head, "leser", q=False)
    code(reader, "verzeichnisdienst", "verzeichnisdienst", "DVDV", q=False)
    sub(reader, "kennung", reader_kennung, q=False)
    sub(reader, "name", reader_name, q=False)
    author = sub(head, "autor", q=False)
    code(author, "verzeichnisdienst", "verzeichnisdienst", "DVDV", q=False)
    sub(author, "kennung", service.kennung, q=False)
    sub(author, "name", service.name, q=False)
    contact(author, "erreichbarkeit", EMAIL, service.mailbox, q=False)
    postal(root, "anschrift.leser", OFFICE_ADDRESS, q=False)
    postal(root, "anschrift.autor", SERVICE_ADDRESS, q=False)
    sub(root, "dokumentcontainer", base64.b64encode(part).decode("ascii"))
    target = sub(root, "identifikationFachnachricht")
    sub(target, "nachrichtenUUID", application.nachrichten_uuid, q=False)
    code(target, "nachrichtentyp", "nachrichtentyp", application.type_code, q=False)
    sub(target, "erstellungszeitpunkt", application.created.isoformat(timespec="seconds"), q=False)
    sub(root, "paketnummer", str(number))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
