"""OZG.Unzustaendig.130109: this office is not responsible; where to turn instead.

The default text is the schema's own default for `hinweis`.
"""

from __future__ import annotations

from ab_inbox.xauslaender.outbound.fields import LINE, TEXT, Field
from ab_inbox.xauslaender.outbound.registry import ReplyType, register

TEMPLATE = (
    "Ihr Anliegen kann von uns nicht bearbeitet werden, weil wir nicht zuständig sind. "
    "Bitte wenden Sie sich an die für Sie zuständige Ausländerbehörde."
)

FIELDS = (
    Field("hinweis", "Hinweis", "Notice", TEXT, required=True, template_de=TEMPLATE),
    Field(
        "zustaendigeABH",
        "Zuständige Ausländerbehörde",
        "Responsible immigration office",
        LINE,
    ),
)


def build(draft, values, office) -> None:
    draft.add(draft.root, "hinweis", values["hinweis"])
    draft.optional_text(draft.root, values, "zustaendigeABH")


register(ReplyType("130109", FIELDS, build))
