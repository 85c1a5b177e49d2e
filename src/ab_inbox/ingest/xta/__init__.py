"""XTA 2 version 3 transport (client side): fetching messages from the office's mailbox.

`soap` builds the requests, `responses` reads the answers (plain SOAP or MTOM), `faults` turns
every failure into a bilingual error, `tls` makes the client-certificate context and `client`
puts them together. The fetch run itself lives in `ingest.xta_fetch`.
"""

from ab_inbox.ingest.xta.client import XtaClient
from ab_inbox.ingest.xta.faults import (
    XtaConnectionError,
    XtaError,
    XtaFault,
    XtaProtocolError,
    XtaTlsError,
    XtaTooLarge,
)
from ab_inbox.ingest.xta.tls import CertificateInfo, certificate_info, client_context

__all__ = [
    "CertificateInfo",
    "XtaClient",
    "XtaConnectionError",
    "XtaError",
    "XtaFault",
    "XtaProtocolError",
    "XtaTlsError",
    "XtaTooLarge",
    "certificate_info",
    "client_context",
]
