"""Administration.Dokumentenlieferung.Paket.000040: one packet of a packaged document delivery.

A packet names no person and no application; it points at the message whose referenced
documents it carries (`identifikationFachnachricht`) and says which part of the split ZIP file
it holds (`paketnummer`, from 1). The part's bytes are decoded here once, so intake can keep them
for assembly without parsing the message again; a broken base64 text becomes `decode_error`.
"""

from __future__ import annotations

from ab_inbox.xauslaender.documents import decode_base64, integer
from ab_inbox.xauslaender.reader import Reader, extractor, findtext
from ab_inbox.xauslaender.record import PacketRef


@extractor("000040")
def _paket(r: Reader) -> None:
    root = r.root
    ident = r.find(root, "identifikationFachnachricht")
    uuid = findtext(ident, "nachrichtenUUID")
    type_code = findtext(ident, "nachrichtentyp/code")
    container = r.find(root, "dokumentcontainer")
    packet = PacketRef(
        fachnachricht_uuid=uuid.strip() if uuid else None,
        fachnachricht_type_code=type_code.strip() if type_code else None,
        paketnummer=integer(r.text(root, "paketnummer")),
    )
    if container is not None:
        packet.encoded = container.text or ""
        packet.part, packet.decode_error = decode_base64(packet.encoded)
    r.record.packet = packet
    r.detail("Bezieht sich auf Nachricht (UUID)", packet.fachnachricht_uuid)
    r.detail("Paketnummer", str(packet.paketnummer) if packet.paketnummer is not None else None)
