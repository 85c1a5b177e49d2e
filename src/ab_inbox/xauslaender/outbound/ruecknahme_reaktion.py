"""OZG.RuecknahmeReaktion.130107: the office's answer to a withdrawal (OZG.Ruecknahme.130111).

It answers the withdrawal message, not the application, so `answers` names 130111: without a
withdrawal in the case there is nothing to react to. The text is optional in the schema (the
message alone confirms the withdrawal); the default text mentions the usual consequences.
"""

from __future__ import annotations

from ab_inbox.xauslaender.outbound.fields import DOCUMENT, TEXT, Field
from ab_inbox.xauslaender.outbound.registry import ReplyType, register

TEMPLATE = (
    "Sehr geehrte Damen und Herren,\n\n"
    "wir bestätigen die Rücknahme Ihres Antrags {antragsidentifikation}. Das Verfahren wird "
    "eingestellt. Über gegebenenfalls anfallende Gebühren erhalten Sie gesonderte Nachricht.\n\n"
    "Mit freundlichen Grüßen\n"
    "{office_name}"
)

FIELDS = (
    Field("rueckmeldung", "Rückmeldung", "Reply", TEXT, template_de=TEMPLATE),
    Field("anlage", "Schreiben zur Rücknahme", "Letter on the withdrawal", DOCUMENT),
)


def build(draft, values, office) -> None:
    draft.optional_text(draft.root, values, "rueckmeldung")
    draft.optional_document(values, "anlage")


register(ReplyType("130107", FIELDS, build, answers=("130111",)))
