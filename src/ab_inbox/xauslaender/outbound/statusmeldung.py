"""OZG.Statusmeldung.130104: where the procedure stands, as a code of the OZG status list.

The message carries no free text; the Eingabeverfahren shows the status's wording from the code
list. A document (e.g. a letter) may go along.
"""

from __future__ import annotations

from ab_inbox.xauslaender.outbound.fields import CODE, DOCUMENT, Field
from ab_inbox.xauslaender.outbound.registry import ReplyType, register

STATUS_LIST = "urn:xoev-de:xauslaender:codeliste:ozg.status"

FIELDS = (
    Field("status", "Status", "Status", CODE, required=True, code_list=STATUS_LIST),
    Field("anhang", "Dokument zum Status", "Document on the status", DOCUMENT),
)


def build(draft, values, office) -> None:
    draft.code(draft.root, "status", values["status"])
    draft.optional_document(values, "anhang")


register(ReplyType("130104", FIELDS, build))
