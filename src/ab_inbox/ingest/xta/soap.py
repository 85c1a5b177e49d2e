"""The few SOAP 1.2 requests a reader sends to its XTA 2 (version 3) mailbox.

The WSDL's osciCommon policy makes WS-Addressing mandatory, so every request carries
wsa:Action (the operation's soapAction), a fresh wsa:MessageID, wsa:To (the port address) and
an anonymous wsa:ReplyTo. The optional oscimeta:Author header names the reader whose mailbox is
read; its Identifier needs a `type` (XÖV parties are identified by their DVDV id, type "xoev").
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from lxml import etree

SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
WSA = "http://www.w3.org/2005/08/addressing"
OSCI = "http://www.osci.eu/ws/2008/05/transport"
OSCIMETA = "http://www.osci.eu/ws/2014/10/transport"
XTA = "http://xoev.de/transport/xta/211"
XOP = "http://www.w3.org/2004/08/xop/include"

WSA_ANONYMOUS = f"{WSA}/anonymous"
SOAP12_CONTENT_TYPE = "application/soap+xml"

_MSGBOX = f"{OSCI}/urn/messageTypes"
CHECK_ACCOUNT_ACTIVE = "http://www.xta.de/XTA/CheckAccountActive"
GET_STATUS_LIST = f"{_MSGBOX}/MsgBoxStatusListRequest"
GET_NEXT_STATUS_LIST = f"{_MSGBOX}/MsgBoxGetNextListRequest"
GET_MESSAGE = f"{_MSGBOX}/MsgBoxFetchRequest"
CLOSE = f"{_MSGBOX}/MsgBoxCloseRequest"

LIST_FORM_METADATA = "MessageMetaData"
XOEV_PARTY_TYPE = "xoev"

_NSMAP = {"s12": SOAP12, "wsa": WSA, "osci": OSCI, "oscimeta": OSCIMETA}


def q(namespace: str, local: str) -> str:
    return f"{{{namespace}}}{local}"


@dataclass(frozen=True)
class Request:
    """One serialised request: the bytes to POST, its action and its wsa:MessageID."""

    action: str
    body: bytes
    message_id: str

    @property
    def content_type(self) -> str:
        return f'{SOAP12_CONTENT_TYPE}; charset=utf-8; action="{self.action}"'


def new_message_id() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


def _envelope(
    action: str, to: str, body_child: etree._Element | None, author_id: str | None
) -> Request:
    message_id = new_message_id()
    envelope = etree.Element(q(SOAP12, "Envelope"), nsmap=_NSMAP)
    header = etree.SubElement(envelope, q(SOAP12, "Header"))
    etree.SubElement(header, q(WSA, "Action")).text = action
    etree.SubElement(header, q(WSA, "MessageID")).text = message_id
    etree.SubElement(header, q(WSA, "To")).text = to
    reply_to = etree.SubElement(header, q(WSA, "ReplyTo"))
    etree.SubElement(reply_to, q(WSA, "Address")).text = WSA_ANONYMOUS
    if author_id:
        author = etree.SubElement(header, q(OSCIMETA, "Author"))
        identifier = etree.SubElement(author, q(OSCIMETA, "Identifier"))
        identifier.set("type", XOEV_PARTY_TYPE)
        identifier.text = author_id
    body = etree.SubElement(envelope, q(SOAP12, "Body"))
    if body_child is not None:
        body.append(body_child)
    data = etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")
    return Request(action, data, message_id)


def check_account_active(to: str, author_id: str | None = None) -> Request:
    return _envelope(CHECK_ACCOUNT_ACTIVE, to, None, author_id)


def get_status_list(to: str, reader_id: str, max_items: int) -> Request:
    if max_items < 1:
        raise ValueError("max_items must be positive")
    request = etree.Element(q(OSCI, "MsgBoxStatusListRequest"))
    request.set("maxListItems", str(int(max_items)))
    request.set("ListForm", LIST_FORM_METADATA)
    return _envelope(GET_STATUS_LIST, to, request, reader_id)


def get_next_status_list(to: str, reader_id: str, request_id: str) -> Request:
    request = etree.Element(q(OSCI, "MsgBoxGetNextRequest"))
    request.set("MsgBoxRequestID", request_id)
    return _envelope(GET_NEXT_STATUS_LIST, to, request, reader_id)


def get_message(to: str, reader_id: str, message_id: str) -> Request:
    request = etree.Element(q(OSCI, "MsgBoxFetchRequest"))
    selector = etree.SubElement(request, q(OSCI, "MsgSelector"))
    etree.SubElement(selector, q(WSA, "MessageID")).text = message_id
    return _envelope(GET_MESSAGE, to, request, reader_id)


def close(to: str, reader_id: str, request_id: str, message_id: str) -> Request:
    request = etree.Element(q(OSCI, "MsgBoxCloseRequest"))
    request.set("MsgBoxRequestID", request_id)
    etree.SubElement(request, q(OSCI, "LastMsgReceived")).text = message_id
    return _envelope(CLOSE, to, request, reader_id)
