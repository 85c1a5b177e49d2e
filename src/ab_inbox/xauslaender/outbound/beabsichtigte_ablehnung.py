"""OZG.BeabsichtigteAblehnung.130110: the office intends to refuse the application.

The schema carries the notice only as a document (`mitteilung`, PDF or JPEG), never as text.
The field has a German default letter; a caller that lets the caseworker edit that text renders
it to a PDF before building (see `export.replies`). A fee notice may go along.
"""

from __future__ import annotations

from ab_inbox.xauslaender.outbound.fields import DOCUMENT, Field
from ab_inbox.xauslaender.outbound.registry import ReplyType, register

TEMPLATE = (
    "Sehr geehrte Damen und Herren,\n\n"
    "nach Prüfung Ihres Antrags {antragsidentifikation} beabsichtigen wir, ihn abzulehnen.\n\n"
    "Sie haben Gelegenheit, sich hierzu innerhalb von zwei Wochen nach Zugang dieses Schreibens "
    "zu äußern. Sie können Ihren Antrag auch zurücknehmen; bitte beachten Sie die Hinweise zu "
    "den Gebühren.\n\n"
    "Mit freundlichen Grüßen\n"
    "{office_name}"
)

FIELDS = (
    Field(
        "mitteilung",
        "Mitteilung der beabsichtigten Ablehnung",
        "Notice of the intended refusal",
        DOCUMENT,
        required=True,
        template_de=TEMPLATE,
    ),
    Field("gebuehrenmitteilung", "Gebührenmitteilung", "Fee notice", DOCUMENT),
)


def build(draft, values, office) -> None:
    draft.document(draft.root, "mitteilung", values["mitteilung"])
    draft.optional_document(values, "gebuehrenmitteilung")


register(ReplyType("130110", FIELDS, build))
