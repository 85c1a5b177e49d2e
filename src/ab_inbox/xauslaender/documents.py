"""The documents a message carries: where they sit, what they are called, their decoded bytes.

Attachments are listed from any message, valid or not, so the office sees every file the sender
meant to deliver; content that is not valid base64 becomes a `decode_error` on the document (a
finding later), never an exception that would stop the message from being stored.
"""

from __future__ import annotations

import binascii

from ab_inbox.xauslaender.code_check import element_path
from ab_inbox.xauslaender.reader import Reader
from ab_inbox.xauslaender.record import DeliveryAnnouncement, DocumentRef


def documents(reader: Reader) -> list[DocumentRef]:
    """Every OZG.Dokument* / OZG.DokumentOderReferenz* in document order.

    Each of those blocks has exactly one `dokumententyp` child; that is how they are found, so
    a document in an unexpected place of an invalid message is still listed.
    """
    xa = reader.xa
    found: list[DocumentRef] = []
    for typ in reader.root.iter(xa + "dokumententyp"):
        block = typ.getparent()
        holder = block.find(xa + "dokumentOderReferenz")
        holder = block if holder is None else holder
        content = decode_error = None
        data = holder.find(xa + "dokument")
        uuid = holder.findtext(xa + "dokumentuuid")
        if data is not None:
            content, decode_error = decode_base64(data.text)
        found.append(
            DocumentRef(
                index=len(found) + 1,
                path=element_path(block),
                dokumententyp=reader.code(typ),
                dateiname=block.findtext(xa + "dateiname"),
                bezeichnung=block.findtext(xa + "bezeichnung"),
                content=content,
                encoded=data.text if data is not None else None,
                dokumentuuid=uuid.strip() if uuid else None,
                decode_error=decode_error,
            )
        )
    return found


def delivery_announcement(reader: Reader) -> DeliveryAnnouncement | None:
    """`angabenDokumentenlieferung`, wherever the message type declares it (a direct child of
    the root in every OZG message that has it); None when the message announces no packets."""
    block = reader.find(reader.root, "angabenDokumentenlieferung")
    if block is None:
        return None
    return DeliveryAnnouncement(
        anzahl_der_pakete=integer(reader.text(block, "anzahlDerPakete")),
        archivgroesse=integer(reader.text(block, "archivgroesse")),
    )


def integer(text: str | None) -> int | None:
    """xs:integer as sent; anything unreadable is unknown (the XSD finding says why)."""
    try:
        return int((text or "").strip())
    except ValueError:
        return None


def decode_base64(text: str | None) -> tuple[bytes | None, str | None]:
    """(content, None) or (None, reason): broken base64 is a finding, never an exception."""
    try:
        compact = b"".join((text or "").encode("ascii").split())
        return binascii.a2b_base64(compact, strict_mode=True), None
    except (UnicodeEncodeError, binascii.Error, ValueError) as exc:
        return None, f"Base64-Inhalt nicht lesbar / base64 content unreadable: {exc}"
