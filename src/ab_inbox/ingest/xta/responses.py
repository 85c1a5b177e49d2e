"""Reading XTA responses: plain SOAP 1.2 or MTOM (multipart/related with xop:Include), faults,
status lists and fetched messages.

Responses are parsed like any untrusted input (no DTD, no entities, no network, huge_tree off).
libxml2 without huge_tree refuses text nodes over 10 MB, so base64 content sent inline is cut
out of the XML before parsing and decoded on its own; MTOM content never enters the XML at all.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message as _HeaderParams
from urllib.parse import unquote

from lxml import etree

from ab_inbox.ingest.xta.faults import XtaFault, XtaProtocolError, fault_kind
from ab_inbox.ingest.xta.soap import OSCI, OSCIMETA, SOAP12, WSA, XOP, XTA, q
from ab_inbox.times import utc_text
from ab_inbox.xauslaender.safe_xml import hardened_parser

_NS = {"s12": SOAP12, "wsa": WSA, "osci": OSCI, "m": OSCIMETA, "xta": XTA, "xop": XOP}
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_NAME = rb"(?:[A-Za-z_][\w.\-]*:)?"
_ATTRS = rb"""(?:\s(?:[^>"']|"[^"]*"|'[^']*')*)?"""
_CONTAINER = re.compile(rb"<" + _NAME + rb"ContentContainer[\s>]")
_CONTENT_TEXT = re.compile(
    rb"(<(" + _NAME + rb")(Message|Attachment)" + _ATTRS + rb">)([^<]+)(</\2\3\s*>)"
)
# Line breaks in base64 text, also as the character references some Java serialisers write.
_BASE64_REFS = (b"&#13;", b"&#xD;", b"&#xd;", b"&#10;", b"&#xA;", b"&#xa;")


def _protocol(text_de: str, text_en: str) -> XtaProtocolError:
    return XtaProtocolError(
        f"Ungültige Antwort des XTA-Servers: {text_de}", f"Invalid XTA server response: {text_en}"
    )


# --- MIME ---------------------------------------------------------------------------------
def _params(content_type: str) -> _HeaderParams:
    header = _HeaderParams()
    header["content-type"] = content_type
    return header


def _part_headers(block: bytes) -> dict[str, str]:
    headers: dict[str, str] = {}
    for line in block.decode("latin-1").split("\r\n"):
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    return headers


def split_multipart(content_type: str, body: bytes) -> tuple[bytes, dict[str, bytes]]:
    """(root part, {content id: bytes}) of a multipart/related (MTOM/XOP) response."""
    params = _params(content_type)
    boundary = params.get_param("boundary")
    if not boundary or not isinstance(boundary, str):
        raise _protocol("MIME-Grenze fehlt", "multipart without boundary")
    start = params.get_param("start")
    delimiter = b"\r\n--" + boundary.encode("latin-1")
    data = b"\r\n" + body
    pos = data.find(delimiter)
    if pos < 0:
        raise _protocol("MIME-Grenze nicht gefunden", "MIME boundary not found")
    parts: list[tuple[dict[str, str], bytes]] = []
    while True:
        after = pos + len(delimiter)
        if data[after : after + 2] == b"--":
            break
        head_end = data.find(b"\r\n\r\n", after)
        following = data.find(delimiter, after)
        if head_end < 0 or following < 0 or head_end > following:
            raise _protocol("MIME-Teil unvollständig", "incomplete MIME part")
        headers = _part_headers(data[after + 2 : head_end])
        content = data[head_end + 4 : following]
        if headers.get("content-transfer-encoding", "binary").lower() == "base64":
            content = _decode_base64(content)
        parts.append((headers, content))
        pos = following
    if not parts:
        raise _protocol("keine MIME-Teile", "no MIME parts")
    by_id = {h.get("content-id", "").strip("<> "): c for h, c in parts}
    wanted = start.strip("<> ") if isinstance(start, str) else None
    root = by_id.get(wanted) if wanted else parts[0][1]
    if root is None:
        raise _protocol("Start-Teil fehlt", "start part missing")
    return root, by_id


def _decode_base64(text: bytes) -> bytes:
    if b"&" in text:
        for ref in _BASE64_REFS:
            text = text.replace(ref, b"")
    try:
        return base64.b64decode(text.translate(None, b" \t\r\n"), validate=True)
    except (binascii.Error, ValueError):
        raise _protocol("Inhalt ist kein gültiges Base64", "content is not valid base64") from None


# --- envelope -----------------------------------------------------------------------------
@dataclass
class Envelope:
    header: etree._Element | None
    body: etree._Element
    parts: dict[str, bytes] = field(default_factory=dict)  # MTOM attachments by content id
    inline: list[tuple[str, bytes]] = field(default_factory=list)  # lifted (kind, base64) texts


def _lift_inline(xml: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    match = _CONTAINER.search(xml)
    if match is None:
        return xml, []
    lifted: list[tuple[str, bytes]] = []

    def cut(m: re.Match) -> bytes:
        if not m.group(4).strip():
            return m.group(0)
        lifted.append((m.group(3).decode(), m.group(4)))
        return m.group(1) + m.group(5)

    head, tail = xml[: match.start()], xml[match.start() :]
    return head + _CONTENT_TEXT.sub(cut, tail), lifted


def _parse_xml(xml: bytes) -> etree._Element:
    if _DOCTYPE.search(xml[:4096]):
        raise _protocol("DOCTYPE nicht erlaubt", "DOCTYPE not allowed")
    try:
        root = etree.fromstring(xml, hardened_parser())
    except etree.XMLSyntaxError as exc:
        raise _protocol(f"kein wohlgeformtes XML ({exc})", f"not well-formed XML ({exc})") from None
    if root.getroottree().docinfo.doctype:
        raise _protocol("DOCTYPE nicht erlaubt", "DOCTYPE not allowed")
    return root


def read_envelope(content_type: str, body: bytes, relates_to: str | None = None) -> Envelope:
    """Parse a response; raises XtaFault for a SOAP fault, XtaProtocolError for garbage."""
    media = (content_type or "").split(";", 1)[0].strip().lower()
    parts: dict[str, bytes] = {}
    if media == "multipart/related":
        xml, parts = split_multipart(content_type, body)
    elif media in ("application/soap+xml", "application/xop+xml"):
        xml = body
    else:
        raise _protocol(
            f"Inhaltstyp „{media or '-'}“ statt SOAP 1.2", f"content type '{media}' not SOAP 1.2"
        )
    xml, inline = _lift_inline(xml)
    root = _parse_xml(xml)
    if root.tag != q(SOAP12, "Envelope"):
        raise _protocol("kein SOAP-1.2-Umschlag", "not a SOAP 1.2 envelope")
    header = root.find(q(SOAP12, "Header"))
    soap_body = root.find(q(SOAP12, "Body"))
    if soap_body is None:
        raise _protocol("SOAP-Body fehlt", "SOAP Body missing")
    fault = soap_body.find(q(SOAP12, "Fault"))
    if fault is not None:
        raise parse_fault(fault)
    if relates_to and header is not None:
        related = header.findtext(q(WSA, "RelatesTo"))
        if related is not None and related.strip() != relates_to:
            raise _protocol("Antwort gehört zu einer anderen Anfrage", "answer to another request")
    return Envelope(header, soap_body, parts, inline)


def parse_fault(fault: etree._Element) -> XtaFault:
    reason = ""
    texts = fault.findall("s12:Reason/s12:Text", _NS)
    if texts:
        german = [
            t
            for t in texts
            if (t.get("{http://www.w3.org/XML/1998/namespace}lang") or "")[:2] == "de"
        ]
        reason = " ".join(((german or texts)[0].text or "").split())
    kind = code = None
    detail = fault.find(q(SOAP12, "Detail"))
    if detail is not None:
        for child in detail:
            if isinstance(child.tag, str) and etree.QName(child).namespace == XTA:
                kind = fault_kind(etree.QName(child).localname)
                code = (child.findtext("xta:errorCode/code", namespaces=_NS) or "").strip() or None
                break
    return XtaFault(kind, code, reason)


# --- metadata -----------------------------------------------------------------------------
def utc_iso(value: str | None) -> str | None:
    """xs:dateTime -> the store's UTC format (`2026-11-01T07:00:00.000Z`); no zone = UTC."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return utc_text(moment)


@dataclass(frozen=True)
class MessageMeta:
    """What the mailbox says about one message (oscimeta:MessageMetaData or MsgAttributes)."""

    message_id: str
    service: str | None = None
    business_scenario: str | None = None
    message_type: str | None = None  # Qualifier/MessageType/code, e.g. "OZG.Antrag.130101"
    payload_schema: str | None = None
    author_id: str | None = None
    reader_id: str | None = None
    origin: str | None = None  # UTC ISO, as all times here
    delivery: str | None = None  # entry into the reader's mailbox: the legal receipt time
    initial_fetch: str | None = None
    size: int | None = None
    test_message: bool = False


def _text(element: etree._Element, path: str) -> str | None:
    value = element.findtext(path, namespaces=_NS)
    value = " ".join(value.split()) if value else ""
    return value or None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def parse_metadata(meta: etree._Element) -> MessageMeta:
    message_id = _text(meta, "m:MsgIdentification/wsa:MessageID")
    if not message_id:
        raise _protocol("MessageMetaData ohne MessageID", "MessageMetaData without MessageID")
    scenario = _text(meta, "m:Qualifier/m:BusinessScenario/m:Defined/code") or _text(
        meta, "m:Qualifier/m:BusinessScenario/m:Undefined"
    )
    message_type = meta.find("m:Qualifier/m:MessageType", _NS)
    return MessageMeta(
        message_id=message_id,
        service=_text(meta, "m:Qualifier/m:Service"),
        business_scenario=scenario,
        message_type=_text(message_type, "code") if message_type is not None else None,
        payload_schema=message_type.get("payloadSchema") if message_type is not None else None,
        author_id=_text(meta, "m:Originators/m:Author/m:Identifier"),
        reader_id=_text(meta, "m:Destinations/m:Reader/m:Identifier"),
        origin=utc_iso(_text(meta, "m:DeliveryAttributes/m:Origin")),
        delivery=utc_iso(_text(meta, "m:DeliveryAttributes/m:Delivery")),
        initial_fetch=utc_iso(_text(meta, "m:DeliveryAttributes/m:InitialFetch")),
        size=_int(_text(meta, "m:MsgSize")),
        test_message=(meta.get("TestMsg") or "").strip() in ("true", "1"),
    )


def _parse_attributes(attrs: etree._Element) -> MessageMeta:
    message_id = _text(attrs, "wsa:MessageID")
    if not message_id:
        raise _protocol("MsgAttributes ohne MessageID", "MsgAttributes without MessageID")
    return MessageMeta(
        message_id=message_id,
        delivery=utc_iso(_text(attrs, "osci:DeliveryTime")),
        initial_fetch=utc_iso(_text(attrs, "osci:InitialFetchedTime")),
        size=_int(_text(attrs, "osci:MsgSize")),
    )


# --- results ------------------------------------------------------------------------------
@dataclass(frozen=True)
class MsgBoxResponse:
    request_id: str
    items_pending: int | None = None
    no_message_reason: str | None = None


@dataclass(frozen=True)
class StatusList:
    response: MsgBoxResponse
    items: list[MessageMeta]


@dataclass(frozen=True)
class FetchedMessage:
    data: bytes
    meta: MessageMeta | None
    response: MsgBoxResponse | None
    content_type: str | None = None


def _msgbox_response(header: etree._Element | None) -> MsgBoxResponse | None:
    element = header.find(q(OSCI, "MsgBoxResponse")) if header is not None else None
    if element is None:
        return None
    request_id = (element.get("MsgBoxRequestID") or "").strip()
    if not request_id:
        raise _protocol("MsgBoxRequestID fehlt", "MsgBoxRequestID missing")
    no_message = element.find(q(OSCI, "NoMessageAvailable"))
    return MsgBoxResponse(
        request_id=request_id,
        items_pending=_int(_text(element, "osci:ItemsPending")),
        no_message_reason=no_message.get("reason") if no_message is not None else None,
    )


def parse_status_list(envelope: Envelope) -> StatusList:
    response = _msgbox_response(envelope.header)
    if response is None:
        raise _protocol("MsgBoxResponse-Kopf fehlt", "MsgBoxResponse header missing")
    status_list = envelope.body.find(q(OSCI, "MsgStatusList"))
    if status_list is None:
        raise _protocol("MsgStatusList fehlt", "MsgStatusList missing")
    items = [parse_metadata(m) for m in status_list.findall(q(OSCIMETA, "MessageMetaData"))]
    items += [_parse_attributes(a) for a in status_list.findall(q(OSCI, "MsgAttributes"))]
    return StatusList(response, items)


def _content_bytes(element: etree._Element, envelope: Envelope) -> bytes:
    include = element.find(q(XOP, "Include"))
    if include is not None:
        href = include.get("href") or ""
        if not href.startswith("cid:"):
            raise _protocol("xop:Include ohne cid-Verweis", "xop:Include without a cid reference")
        content = envelope.parts.get(unquote(href[4:]))
        if content is None:
            raise _protocol("MTOM-Teil fehlt", "MTOM part missing")
        return content
    for kind, text in envelope.inline:
        if kind == "Message":
            return _decode_base64(text)
    return _decode_base64((element.text or "").encode("ascii", "replace"))


def parse_fetched(envelope: Envelope) -> FetchedMessage:
    container = envelope.body.find(q(XTA, "GenericContentContainer"))
    if container is None:
        raise _protocol("GenericContentContainer fehlt", "GenericContentContainer missing")
    message = container.find("xta:ContentContainer/xta:Message", _NS)
    if message is None:
        if container.find("{http://www.w3.org/2001/04/xmlenc#}EncryptedData") is not None:
            raise XtaProtocolError(
                "Die Nachricht ist Ende-zu-Ende verschlüsselt; das wird nicht unterstützt.",
                "The message is end-to-end encrypted; that is not supported.",
            )
        raise _protocol("ContentContainer/Message fehlt", "ContentContainer/Message missing")
    meta = None
    if envelope.header is not None:
        element = envelope.header.find(q(OSCIMETA, "MessageMetaData"))
        meta = parse_metadata(element) if element is not None else None
    return FetchedMessage(
        data=_content_bytes(message, envelope),
        meta=meta,
        response=_msgbox_response(envelope.header),
        content_type=message.get("contentType"),
    )
