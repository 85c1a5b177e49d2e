"""Why a reply is not sent: every refusal speaks German and English and names what to fix."""

from __future__ import annotations

from ab_inbox.errors import BilingualError
from ab_inbox.xauslaender.findings import Finding


class ReplyRefused(BilingualError):
    """The reply may not or cannot be built (no back channel, office settings incomplete, ...)."""


class ReplyContentError(ReplyRefused):
    """A value the caseworker entered is missing or unusable; `key` names the content field."""

    def __init__(self, key: str | None, text_de: str, text_en: str):
        super().__init__(text_de, text_en)
        self.key = key


class ReplyInvalid(ReplyRefused):
    """The built message does not conform to the schema or its code lists (nothing is sent)."""

    def __init__(self, type_name: str, findings: list[Finding]):
        first = findings[0] if findings else None
        more = len(findings) - 1
        super().__init__(
            f"Die Antwort {type_name} entspricht nicht dem XAusländer-Schema und wird nicht "
            f"versandt: {first.text_de if first else '?'}"
            + (f" (und {more} weitere Befunde)" if more > 0 else ""),
            f"The reply {type_name} does not conform to the XAusländer schema and is not sent: "
            f"{first.text_en if first else '?'}"
            + (f" (and {more} more findings)" if more > 0 else ""),
        )
        self.findings = findings
