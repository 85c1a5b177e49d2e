"""The loopback server's answers, built independently of the client's code from the WSDL's
message definitions, and serialised as plain SOAP 1.2 or as MTOM (multipart/related, XOP)."""

from __future__ import annotations

import base64
import uuid
from datetime import datetime
from urllib.parse import quote

from lxml import etree

from tests.xta_peer.mailbox import StoredMessage
from tests.xta_peer.spec import error_code_names

SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
WSA = "http://www.w3.org/2005/08/addressing"
OSCI = "http://www.osci.eu/ws/2008/05/transport"
META = "http://www.osci.eu/ws/2014/10/transport"
XTA = "http://xoev.de/transport/xta/211"
XOP = "http://www.w3.org/2004/08/xop/include"
XML_NS = "http://www.w3.org/XML/1998/namespace"

NSMAP = {"soap": SOAP12, "wsa": WSA, "osci": OSCI, "oscimeta": META, "xta": XTA}
XAUSLAENDER_NS = "http://www.osci.de/xauslaender2611"
SERVICE_URI = "urn:xoev-de:bmi:xauslaender:ozg"
MESSAGE_TYPE_LIST = "urn:de:payloadSchema:elementName"
SCENARIO_LIST = "urn:de:dataport:codeliste:business.scenario"
FEHLERNUMMER_LIST = "urn:de:xta:webservice:codeliste:fehlernummer"


def E(namespace: str, local: str, *children, text: str | None = None, **attrs):
    element = etree.Element(f"{{{namespace}}}{local}", nsmap=NSMAP)
    for name, value in attrs.items():
        element.set(name, value)
    if text is not None:
        element.text = text
    element.extend(children)
    return element


def _plain(local: str, text: str):
    element = etree.Element(local)  # code/name in xoev-dt:Code are unqualified
    element.text = text
    return element


def _time(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def envelope(action: str, relates_to: str | None, headers=(), body=()) -> etree._Element:
    header = E(
        SOAP12,
        "Header",
        E(WSA, "Action", text=action),
        E(WSA, "MessageID", text=f"urn:uuid:{uuid.uuid4()}"),
        *([E(WSA, "RelatesTo", text=relates_to)] if relates_to else []),
        *headers,
    )
    return E(SOAP12, "Envelope", header, E(SOAP12, "Body", *body))


def fault(action: str, relates_to: str | None, kind: str | None, code: str, reason: str):
    """A SOAP 1.2 fault; with `kind`, the xta:<kind>Exception detail the WSDL declares."""
    value = "soap:Receiver" if kind == "XTAWSTechnicalProblem" else "soap:Sender"
    text = E(SOAP12, "Text", text=reason)
    text.set(f"{{{XML_NS}}}lang", "de")
    parts = [E(SOAP12, "Code", E(SOAP12, "Value", text=value)), E(SOAP12, "Reason", text)]
    if kind:
        name = error_code_names().get(code, reason)
        error_code = E(
            XTA,
            "errorCode",
            _plain("code", code),
            _plain("name", name),
            listURI=FEHLERNUMMER_LIST,
            listVersionID="1.0",
        )
        parts.append(E(SOAP12, "Detail", E(XTA, f"{kind}Exception", error_code)))
    return envelope(action, relates_to, body=[E(SOAP12, "Fault", *parts)])


def _party(local: str, identifier: str):
    return E(META, local, E(META, "Identifier", text=identifier, type="xoev"))


def metadata(message: StoredMessage) -> etree._Element:
    times = [E(META, "Delivery", text=_time(message.delivery))]
    if message.initial_fetch is not None:
        times.append(E(META, "InitialFetch", text=_time(message.initial_fetch)))
    return E(
        META,
        "MessageMetaData",
        E(META, "DeliveryAttributes", E(META, "Origin", text=_time(message.delivery)), *times),
        E(META, "Originators", _party("Author", message.author_id)),
        E(META, "Destinations", _party("Reader", message.reader_id)),
        E(META, "MsgIdentification", E(WSA, "MessageID", text=message.message_id)),
        E(
            META,
            "Qualifier",
            E(META, "Service", text=SERVICE_URI),
            E(
                META,
                "BusinessScenario",
                E(
                    META,
                    "Defined",
                    _plain("code", "XAUSLAENDER_DATA"),
                    listURI=SCENARIO_LIST,
                    listVersionID="1",
                ),
            ),
            E(
                META,
                "MessageType",
                _plain("code", message.message_type),
                listURI=MESSAGE_TYPE_LIST,
                listVersionID="1.0",
                payloadSchema=XAUSLAENDER_NS,
            ),
        ),
        E(META, "MsgSize", text=str(max(1, len(message.data)))),
    )


def attributes(message: StoredMessage) -> etree._Element:
    """The other ListForm ("MsgAtrributes"): no type, no sender."""
    return E(
        OSCI,
        "MsgAttributes",
        E(WSA, "MessageID", text=message.message_id),
        E(OSCI, "TypeOfBusinessScenario", text=SERVICE_URI),
        E(OSCI, "MsgSize", text=str(len(message.data))),
        E(OSCI, "DeliveryTime", text=_time(message.delivery)),
    )


def msgbox_response(request_id: str, pending: int | None, reason: str | None = None):
    if reason is not None:
        choice = E(OSCI, "NoMessageAvailable", reason=f"{OSCI}/MsgBox/reasons/{reason}")
    else:
        choice = E(OSCI, "ItemsPending", text=str(pending or 0))
    return E(OSCI, "MsgBoxResponse", choice, MsgBoxRequestID=request_id)


def content_container(message: StoredMessage, mtom: bool) -> tuple[etree._Element, dict]:
    """The GenericContentContainer for a fetched message, and its MTOM parts (if any)."""
    content = E(XTA, "Message", contentType="application/xml", filename="nachricht.xml")
    parts = {}
    if mtom:
        cid = f"{uuid.uuid4()}@xta-peer.test"
        content.append(etree.Element(f"{{{XOP}}}Include", href=f"cid:{quote(cid)}"))
        parts[cid] = message.data
    else:  # like many Java servers: base64 in lines of 76 with CR LF (the CR as &#13;)
        content.text = base64.encodebytes(message.data).decode("ascii").replace("\n", "\r\n")
    content.set("size", str(max(1, len(message.data))))
    return E(XTA, "GenericContentContainer", E(XTA, "ContentContainer", content)), parts


def serialise(root: etree._Element, parts: dict[str, bytes], mtom: bool, action: str):
    """(content type, body bytes) as plain SOAP 1.2 or as a multipart/related MTOM package."""
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    if not mtom:
        return f'application/soap+xml; charset=utf-8; action="{action}"', xml
    boundary = f"uuid:{uuid.uuid4()}"
    start = "root.message@xta-peer.test"
    out = [
        f"--{boundary}\r\nContent-Type: application/xop+xml; charset=UTF-8; "
        f'type="application/soap+xml"\r\nContent-Transfer-Encoding: binary\r\n'
        f"Content-ID: <{start}>\r\n\r\n".encode(),
        xml,
    ]
    for cid, data in parts.items():
        out.append(
            f"\r\n--{boundary}\r\nContent-Type: application/octet-stream\r\n"
            f"Content-Transfer-Encoding: binary\r\nContent-ID: <{cid}>\r\n\r\n".encode()
        )
        out.append(data)
    out.append(f"\r\n--{boundary}--\r\n".encode())
    content_type = (
        f'multipart/related; type="application/xop+xml"; boundary="{boundary}"; '
        f'start="<{start}>"; start-info="application/soap+xml"; action="{action}"'
    )
    return content_type, b"".join(out)
