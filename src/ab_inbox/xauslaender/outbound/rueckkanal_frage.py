"""OZG.RueckkanalFrage.130102: a question to the applicant, with an answer deadline.

The schema has one text element for the question; documents the office asks for are listed in
it, below the question, so the applicant reads them in the portal in one place. The deadline
travels separately (`fristdatum`) and the portal must tell the applicant about it and about the
consequence of missing it; the default text says so too.
"""

from __future__ import annotations

from ab_inbox.xauslaender.outbound.fields import DATE, DOCUMENT, LIST, TEXT, Field
from ab_inbox.xauslaender.outbound.registry import ReplyType, register

TEMPLATE = (
    "Sehr geehrte Damen und Herren,\n\n"
    "zur Bearbeitung Ihres Antrags {antragsidentifikation} benötigen wir noch weitere Angaben "
    "bzw. Unterlagen. Bitte reichen Sie diese innerhalb der genannten Frist über das "
    "Onlineportal nach. Gehen sie nicht fristgerecht ein, kann das Online-Verfahren beendet "
    "werden.\n\n"
    "Mit freundlichen Grüßen\n"
    "{office_name}"
)
DOCUMENTS_HEADING = "Bitte reichen Sie folgende Unterlagen nach:"

FIELDS = (
    Field("frage", "Frage", "Question", TEXT, required=True, template_de=TEMPLATE),
    Field("unterlagen", "Nachzureichende Unterlagen", "Documents requested", LIST),
    Field("fristdatum", "Frist", "Answer deadline", DATE, not_in_past=True),
    Field("anlage", "Anlage (z. B. Informationsblatt)", "Enclosure (e.g. leaflet)", DOCUMENT),
)


def question_text(values: dict) -> str:
    text = values["frage"]
    documents = values.get("unterlagen")
    if documents:
        text += "\n\n" + DOCUMENTS_HEADING + "\n" + "\n".join(f"- {d}" for d in documents)
    return text


def build(draft, values, office) -> None:
    draft.add(draft.root, "frage", question_text(values))
    if "fristdatum" in values:
        draft.add(draft.root, "fristdatum", values["fristdatum"].isoformat())
    draft.optional_document(values, "anlage")


register(ReplyType("130102", FIELDS, build))
