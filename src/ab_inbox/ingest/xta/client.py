"""A small XTA 2 (version 3) web-service client: the calls a reader needs to empty its mailbox.

Plain http.client over HTTPS with the office's client certificate (see tls.py); one kept-alive
connection per server, reopened after any failure. Requests are SOAP 1.2 with WS-Addressing
(soap.py); responses may be plain SOAP or MTOM and are parsed hardened and size-capped
(responses.py). Every failure is raised as an XtaError (faults.py). Not thread-safe: use one
client per thread.
"""

from __future__ import annotations

import http.client
import logging
import ssl
from urllib.parse import urlsplit

from ab_inbox.ingest.xta import soap
from ab_inbox.ingest.xta.faults import (
    XtaError,
    XtaTooLarge,
    from_transport_error,
    http_status_error,
)
from ab_inbox.ingest.xta.responses import (
    Envelope,
    FetchedMessage,
    StatusList,
    parse_fetched,
    parse_status_list,
    read_envelope,
)

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 60.0
# A container may hold 40 MB (XTA); base64 inline adds a third, the envelope a little more.
DEFAULT_MAX_RESPONSE_BYTES = 96 * 1024 * 1024
_ACCEPT = "multipart/related, application/soap+xml"
_SOAP_TYPES = ("application/soap+xml", "multipart/related", "application/xop+xml")
_STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


class XtaClient:
    def __init__(
        self,
        management_url: str,
        msgbox_url: str,
        send_url: str,
        ssl_context: ssl.SSLContext,
        timeout: float = DEFAULT_TIMEOUT_S,
        *,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ):
        for url in (management_url, msgbox_url, send_url):
            if urlsplit(url).scheme != "https":
                raise XtaError(
                    f"XTA-Adressen müssen mit https:// beginnen: {url}",
                    f"XTA addresses must start with https://: {url}",
                )
        self.management_url = management_url
        self.msgbox_url = msgbox_url
        self.send_url = send_url
        self.ssl_context = ssl_context
        self.timeout = timeout
        self.max_response_bytes = max_response_bytes
        self._connections: dict[str, http.client.HTTPSConnection] = {}

    # --- operations -----------------------------------------------------------------------
    def check_account_active(self, author_id: str | None = None) -> None:
        """Raises XtaFault(PermissionDenied) when the account is locked or unknown."""
        self._call(self.management_url, soap.check_account_active(self.management_url, author_id))

    def get_status_list(self, reader_id: str, max_items: int = 100) -> StatusList:
        request = soap.get_status_list(self.msgbox_url, reader_id, max_items)
        return parse_status_list(self._call(self.msgbox_url, request))

    def get_next_status_list(self, reader_id: str, request_id: str) -> StatusList:
        request = soap.get_next_status_list(self.msgbox_url, reader_id, request_id)
        return parse_status_list(self._call(self.msgbox_url, request))

    def get_message(self, reader_id: str, message_id: str) -> FetchedMessage:
        request = soap.get_message(self.msgbox_url, reader_id, message_id)
        return parse_fetched(self._call(self.msgbox_url, request))

    def close(self, reader_id: str, request_id: str, message_id: str) -> None:
        """Confirm receipt: the server deletes the message. Call only after COMMIT."""
        self._call(self.msgbox_url, soap.close(self.msgbox_url, reader_id, request_id, message_id))

    def disconnect(self) -> None:
        for connection in self._connections.values():
            connection.close()
        self._connections.clear()

    def __enter__(self) -> XtaClient:
        return self

    def __exit__(self, *exc) -> None:
        self.disconnect()

    # --- transport ------------------------------------------------------------------------
    def _connection(self, netloc: str) -> tuple[http.client.HTTPSConnection, bool]:
        connection = self._connections.get(netloc)
        if connection is not None:
            return connection, True
        parts = urlsplit(f"https://{netloc}")
        connection = http.client.HTTPSConnection(
            parts.hostname, parts.port or 443, timeout=self.timeout, context=self.ssl_context
        )
        self._connections[netloc] = connection
        return connection, False

    def _drop(self, netloc: str) -> None:
        connection = self._connections.pop(netloc, None)
        if connection is not None:
            connection.close()

    def _call(self, url: str, request: soap.Request) -> Envelope:
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = {"Content-Type": request.content_type, "Accept": _ACCEPT}
        while True:
            connection, reused = self._connection(parts.netloc)
            try:
                connection.request("POST", path, body=request.body, headers=headers)
                response = connection.getresponse()
                content_type = response.getheader("Content-Type", "")
                body = self._read(response)
            except XtaTooLarge:
                self._drop(parts.netloc)
                raise
            except (OSError, http.client.HTTPException) as exc:
                if reused and isinstance(exc, _STALE):  # the server closed an idle connection
                    self._drop(parts.netloc)
                    log.debug("XTA connection to %s went stale; reconnecting", parts.netloc)
                    continue
                cause = _alert_behind(connection, exc)
                self._drop(parts.netloc)
                raise from_transport_error(cause, url) from exc
            break
        if response.will_close:
            self._drop(parts.netloc)
        log.debug("XTA %s -> HTTP %s", request.action.rsplit("/", 1)[-1], response.status)
        media = content_type.split(";", 1)[0].strip().lower()
        if response.status not in (200, 202, 400, 500) or (
            response.status != 200 and media not in _SOAP_TYPES
        ):
            raise http_status_error(response.status, url)
        if response.status == 202 and not body:  # an empty answer to a one-way operation
            return read_envelope(soap.SOAP12_CONTENT_TYPE, _EMPTY_ENVELOPE)
        return read_envelope(content_type, body, relates_to=request.message_id)

    def _read(self, response: http.client.HTTPResponse) -> bytes:
        """The body, at most max_response_bytes; a body shorter than its Content-Length is a
        broken connection (http.client and ssl both hand back a short read without error)."""
        limit = self.max_response_bytes
        length = response.getheader("Content-Length")
        expected = int(length) if length and length.strip().isdigit() else None
        if expected is not None and expected > limit:
            raise XtaTooLarge(limit)
        chunks, total = [], 0
        while True:
            chunk = response.read(min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise XtaTooLarge(limit)
        body = b"".join(chunks)
        if expected is not None and total < expected:
            raise http.client.IncompleteRead(body, expected - total)
        return body


def _alert_behind(connection: http.client.HTTPSConnection, exc: BaseException) -> BaseException:
    """With TLS 1.3 the server judges our certificate after the handshake; when it refuses,
    sending the request may fail with a bare EOF while its alert (saying why) is already
    waiting to be read. Read it, so the error names the reason."""
    sock = connection.sock
    if sock is None or not isinstance(
        exc, ssl.SSLEOFError | ConnectionResetError | BrokenPipeError
    ):
        return exc
    try:
        sock.settimeout(1)
        sock.recv(1)
    except ssl.SSLError as alert:
        if not isinstance(alert, ssl.SSLEOFError):
            return alert
    except OSError:
        pass
    return exc


_EMPTY_ENVELOPE = (
    b'<s12:Envelope xmlns:s12="http://www.w3.org/2003/05/soap-envelope"><s12:Body/></s12:Envelope>'
)
