"""Findings: why a message is not (entirely) in order, in German and English.

A finding names the rule, where in the message (element path and line) and what is wrong. Errors
make a message invalid; warnings are shown but do not block its processing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    severity: str  # ERROR | WARNING
    rule: str  # stable identifier, e.g. "xsd.content", "code.unknown", "rule.reader"
    text_de: str
    text_en: str
    path: str | None = None  # element path, e.g. /xa:OZG.Antrag.130101/xa:angabenZurPerson
    line: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def as_dict(self) -> dict:
        return asdict(self)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.is_error for f in findings)
