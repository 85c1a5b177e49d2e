"""A loopback XTA 2 server over HTTPS with client certificates, faithful to the WSDL.

Every request must be a SOAP 1.2 envelope that validates against the official schemas (the
envelope, each header block and the body's element strictly), with the WS-Addressing headers
the osciCommon policy requires and the action of an operation of the addressed port. Every
answer is validated the same way before it is sent. Violations are collected in `errors`;
the test fixture fails any test that leaves one behind.

Operations: checkAccountActive (management port); getStatusList, getNextStatusList,
getMessage and close (message box port). Answers are MTOM (mode "mtom", as the WSDL's
OptimizedMimeSerialization policy asks) or plain SOAP with inline base64 (mode "inline").
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
import traceback
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from lxml import etree

from tests.xta_peer import envelopes as env
from tests.xta_peer.mailbox import Mailbox
from tests.xta_peer.pki import Pki
from tests.xta_peer.spec import envelope_errors, xop_infoset

_MSGBOX = f"{env.OSCI}/urn/messageTypes"
PORTS = {
    "/xta/management": {"http://www.xta.de/XTA/CheckAccountActive": "checkAccountActive"},
    "/xta/msgbox": {
        f"{_MSGBOX}/MsgBoxStatusListRequest": "getStatusList",
        f"{_MSGBOX}/MsgBoxGetNextListRequest": "getNextStatusList",
        f"{_MSGBOX}/MsgBoxFetchRequest": "getMessage",
        f"{_MSGBOX}/MsgBoxCloseRequest": "close",
    },
    "/xta/send": {},
}
MAX_REQUEST_BYTES = 1024 * 1024


class RequestRejected(Exception):
    """A request that breaks the spec: answered with a plain SOAP Sender fault."""


def _parse(body: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        return etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise RequestRejected(f"request not well-formed: {exc}") from None


def _content_type_action(content_type: str) -> str | None:
    media, _, params = content_type.partition(";")
    if media.strip().lower() != "application/soap+xml":
        raise RequestRejected(f"content type {media!r} is not SOAP 1.2")
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.lower() == "action":
            return value.strip('"')
    return None


class XtaPeer:
    def __init__(self, pki: Pki, *, mode: str = "mtom", list_form: str | None = None):
        if mode not in ("mtom", "inline"):
            raise ValueError(mode)
        self.pki = pki
        self.mode = mode
        self.list_form = list_form  # force "MsgAtrributes" to imitate a server ignoring ListForm
        self.mailbox = Mailbox()
        self.errors: list[str] = []
        self.tls_failures: list[str] = []
        self.busy_s = 0.0  # time spent answering (validation included), for benchmarks
        # Called with each operation before it is carried out; returning "drop" ends the
        # connection without carrying it out (e.g. after killing the client mid-run).
        self.on_request: Callable[[str], str | None] | None = None
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- life cycle -----------------------------------------------------------------------
    def start(self) -> XtaPeer:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.load_cert_chain(self.pki.server_cert, self.pki.server_key)
        context.load_verify_locations(cafile=str(self.pki.ca_file))
        context.verify_mode = ssl.CERT_REQUIRED  # sp:HttpsToken RequireClientCertificate
        self._httpd = _Server(("127.0.0.1", 0), _Handler, self, context)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join(5)
            self._httpd = None

    def __enter__(self) -> XtaPeer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"https://{host}:{port}"

    @property
    def management_url(self) -> str:
        return self.base_url + "/xta/management"

    @property
    def msgbox_url(self) -> str:
        return self.base_url + "/xta/msgbox"

    @property
    def send_url(self) -> str:
        return self.base_url + "/xta/send"

    # --- one request ----------------------------------------------------------------------
    def handle(self, path: str, content_type: str, body: bytes):
        """(HTTP status, content type, body, drop the connection half-way?); status None:
        close the connection without any answer."""
        port = PORTS.get(urlsplit(path).path)
        if port is None:
            return 404, "text/plain", b"not found", False
        action = relates_to = None
        try:
            header_action = _content_type_action(content_type)
            request = _parse(body)
            problems = envelope_errors(request, "request")
            if problems:
                raise RequestRejected("; ".join(problems))
            action, relates_to, author = self._addressing(request, path)
            if header_action is not None and header_action != action:
                raise RequestRejected(f"content-type action {header_action} != wsa:Action")
            operation = port.get(action)
            if operation is None:
                raise RequestRejected(f"action {action} is not an operation of {path}")
        except RequestRejected as exc:
            self.errors.append(str(exc))
            answer = env.fault(action or "", relates_to, None, "", str(exc)[:500])
            return self._send(400, answer, {}, action or "")
        if self.on_request is not None and self.on_request(operation) == "drop":
            return None, "", b"", True  # not carried out, no answer: the connection just ends
        injection = self.mailbox.take_injection(operation)
        if injection is not None and injection.action == "fault":
            answer = env.fault(action, relates_to, injection.kind, injection.code, "injected")
            return self._send(500, answer, {}, action)
        status, answer, parts = self._operation(operation, request, action, relates_to, author)
        result = self._send(status, answer, parts, action)
        if injection is not None and injection.action == "drop":
            return (*result[:3], True)
        return result

    def _addressing(self, request, path: str):
        header = request.find(f"{{{env.SOAP12}}}Header")
        if header is None:
            raise RequestRejected("WS-Addressing headers missing (osciCommon policy)")
        action = header.findtext(f"{{{env.WSA}}}Action")
        message_id = header.findtext(f"{{{env.WSA}}}MessageID")
        to = header.findtext(f"{{{env.WSA}}}To")
        reply_to = header.findtext(f"{{{env.WSA}}}ReplyTo/{{{env.WSA}}}Address")
        if not action or not message_id or not to or not reply_to:
            raise RequestRejected("wsa:Action, MessageID, To and ReplyTo are required")
        if urlsplit(to).path != urlsplit(path).path:
            raise RequestRejected(f"wsa:To {to} is not this port")
        author = header.findtext(f"{{{env.META}}}Author/{{{env.META}}}Identifier")
        return action.strip(), message_id.strip(), author.strip() if author else None

    def _send(self, status: int, answer, parts: dict, action: str):
        problems = envelope_errors(xop_infoset(answer, parts), "response")
        if problems:
            self.errors.extend(problems)
            return 500, "text/plain", b"server produced an invalid response", False
        content_type, body = env.serialise(answer, parts, self.mode == "mtom", action)
        return status, content_type, body, False

    def _operation(self, operation: str, request, action: str, relates_to: str, author):
        box = self.mailbox
        body = request.find(f"{{{env.SOAP12}}}Body")
        payload = body[0] if len(body) else None
        if author is not None and author not in box.readers:
            return self._fault(action, relates_to, "PermissionDenied", "9012")
        if not box.account_active:
            return self._fault(action, relates_to, "PermissionDenied", "9011")
        if operation == "checkAccountActive":
            box.requests.append((operation, None))
            return 200, env.envelope(action, relates_to), {}
        if operation in ("getStatusList", "getNextStatusList"):
            return self._status_list(operation, payload, author, action, relates_to)
        if operation == "getMessage":
            message_id = payload.findtext(f"{{{env.OSCI}}}MsgSelector/{{{env.WSA}}}MessageID")
            box.requests.append((operation, message_id))
            message = box.fetch(author, (message_id or "").strip())
            if message is None:
                return self._fault(action, relates_to, "InvalidMessageID", "9070")
            container, parts = env.content_container(message, self.mode == "mtom")
            headers = [env.metadata(message), env.msgbox_response(box.new_request_id(), 0)]
            return 200, env.envelope(action, relates_to, headers, [container]), parts
        # close
        request_id = payload.get("MsgBoxRequestID")
        ids = [(e.text or "").strip() for e in payload.iter(f"{{{env.OSCI}}}LastMsgReceived")]
        box.requests.extend(("close", i) for i in ids)
        if request_id not in box.request_ids:
            self.errors.append(f"close with a MsgBoxRequestID never handed out: {request_id}")
            return self._fault(action, relates_to, "InvalidMessageID", "9070")
        if box.close(author, ids):
            return self._fault(action, relates_to, "InvalidMessageID", "9070")
        return 200, env.envelope(action, relates_to), {}

    def _status_list(self, operation, payload, author, action, relates_to):
        box = self.mailbox
        box.requests.append((operation, None))
        if operation == "getStatusList":
            max_items = int(payload.get("maxListItems") or 100)
            form = self.list_form or payload.get("ListForm") or "MessageMetaData"
            request_id, items, pending = box.page(author, max_items)
            reason = None if items else "NoMatch"
        else:
            request_id = payload.get("MsgBoxRequestID")
            form = self.list_form or "MessageMetaData"
            page = box.next_page(request_id)
            items, pending = page if page is not None else ([], 0)
            reason = "RequestIdInvalid" if page is None else (None if items else "NoMatch")
        build = env.attributes if form == "MsgAtrributes" else env.metadata
        status_list = env.E(env.OSCI, "MsgStatusList", *[build(m) for m in items])
        header = env.msgbox_response(request_id, pending, reason)
        return 200, env.envelope(action, relates_to, [header], [status_list]), {}

    def _fault(self, action, relates_to, kind, code):
        return 500, env.fault(action, relates_to, kind, code, kind), {}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address, handler, peer: XtaPeer, context: ssl.SSLContext):
        super().__init__(address, handler)
        self.peer = peer
        self.context = context

    def finish_request(self, request, client_address):
        """The TLS handshake runs on the connection's own thread, not in accept()."""
        try:
            request = self.context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError) as exc:
            self.peer.tls_failures.append(getattr(exc, "reason", None) or str(exc))
            _lingering_close(request)
            return
        super().finish_request(request, client_address)

    def handle_error(self, request, client_address):
        pass  # a client that went away mid-request is not the server's failure


def _lingering_close(sock: socket.socket) -> None:
    """Close like a web server does after refusing a handshake: stop sending, read what the
    client already sent, then close; closing with unread data would send a TCP reset that can
    destroy the TLS alert on its way to the client."""
    try:
        sock.shutdown(socket.SHUT_WR)
        sock.settimeout(2)
        while sock.recv(65536):
            pass
    except OSError:
        pass
    finally:
        sock.close()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 15
    disable_nagle_algorithm = True  # headers and body go out in two writes

    def do_POST(self):
        peer: XtaPeer = self.server.peer
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_REQUEST_BYTES:
            self.send_error(413)
            return
        body = self.rfile.read(length)
        started = time.perf_counter()
        try:
            status, content_type, payload, drop = peer.handle(
                self.path, self.headers.get("Content-Type", ""), body
            )
        except Exception:  # noqa: BLE001 - a bug of the server itself: fail the test
            peer.errors.append(traceback.format_exc())
            status, content_type, payload, drop = 500, "text/plain", b"server bug", False
        peer.busy_s += time.perf_counter() - started
        if status is None:
            self.close_connection = True
            return
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if drop:  # the connection breaks half-way through the answer
            self.wfile.write(payload[: len(payload) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.wfile.write(payload)

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass
