"""Turn libxml2 schema errors into findings a caseworker can read, in German and English.

libxml2 reports in English with Clark names (`{http://...}element`); we keep its text as the
English version (shortened), and build a German sentence from the error kind and the names in it.
"""

from __future__ import annotations

import re

from lxml import etree

from ab_inbox.xauslaender.findings import ERROR, Finding

_CLARK = re.compile(r"\{[^}]*\}")
_ELEMENT = re.compile(r"^Element '([^']+)'(?:, attribute '([^']+)')?: ")
_EXPECTED = re.compile(r"Expected is(?: one of)? \( ([^)]*) \)")
_VALUE = re.compile(r"[Tt]he value '([^']*)'|^'([^']*)' is not a valid value")
_TYPE = re.compile(r"of the (?:atomic|union|list) type '([^']+)'")
_SET = re.compile(r"set \{([^}]*)\}")
_FACET_LIMIT = re.compile(r"(?:length|value) of '?(\d+)'?")

MAX_FINDINGS_PER_MESSAGE = 50


def _plain(text: str) -> str:
    return _CLARK.sub("", text).strip()


def _german(type_name: str, element: str, attribute: str | None, message: str) -> str:
    where = f"Attribut „{attribute}“ von „{element}“" if attribute else f"Element „{element}“"
    expected = _EXPECTED.search(message)
    expected_text = _plain(expected.group(1)).replace(", ", " oder ") if expected else ""
    value_match = _VALUE.search(message)
    value = next((g for g in value_match.groups() if g is not None), "") if value_match else ""
    if type_name == "SCHEMAV_ELEMENT_CONTENT":
        if "Missing child element" in message:
            return f"Im {where} fehlt ein Pflichtelement; erwartet: {expected_text}."
        if expected_text:
            return f"{where} ist an dieser Stelle nicht erlaubt; erwartet: {expected_text}."
        return f"{where} ist an dieser Stelle nicht erlaubt."
    if type_name == "SCHEMAV_CVC_ENUMERATION_VALID":
        allowed = _SET.search(message)
        allowed_text = f" Erlaubt: {_plain(allowed.group(1))[:200]}." if allowed else ""
        return f"Der Wert „{value}“ im {where} ist nicht zulässig.{allowed_text}"
    if type_name == "SCHEMAV_CVC_PATTERN_VALID":
        return f"Der Wert „{value}“ im {where} hat nicht das vorgeschriebene Format."
    if type_name in ("SCHEMAV_CVC_MINLENGTH_VALID", "SCHEMAV_CVC_LENGTH_VALID"):
        return f"Der Wert im {where} ist zu kurz oder hat die falsche Länge."
    if type_name == "SCHEMAV_CVC_MAXLENGTH_VALID":
        return f"Der Wert im {where} ist zu lang."
    if type_name in (
        "SCHEMAV_CVC_DATATYPE_VALID_1_2_1",
        "SCHEMAV_CVC_DATATYPE_VALID_1_2_2",
        "SCHEMAV_CVC_DATATYPE_VALID_1_2_3",
    ):
        datatype = _TYPE.search(message)
        type_text = f" (erwartet: {_plain(datatype.group(1))})" if datatype else ""
        return f"Der Wert „{value}“ im {where} hat nicht den richtigen Datentyp{type_text}."
    if type_name == "SCHEMAV_CVC_COMPLEX_TYPE_4":
        return f"Im {where} fehlt ein Pflichtattribut: {_plain(message.split(':')[-1])}"
    if type_name in ("SCHEMAV_CVC_COMPLEX_TYPE_3_2_1", "SCHEMAV_CVC_COMPLEX_TYPE_3_2_2"):
        return f"{where} ist nicht erlaubt."
    if type_name == "SCHEMAV_CVC_ELT_1":
        return f"{where} ist als Wurzelelement im Schema nicht deklariert."
    if type_name in ("SCHEMAV_CVC_TYPE_3_1_2", "SCHEMAV_CVC_COMPLEX_TYPE_2_3"):
        return f"{where} darf keine Unterelemente bzw. keinen Text an dieser Stelle enthalten."
    if type_name == "SCHEMAV_CVC_COMPLEX_TYPE_2_4":
        return f"{where} enthält ein nicht erlaubtes Unterelement; erwartet: {expected_text}."
    if "facet" in message:
        return f"Der Wert „{value}“ im {where} verletzt eine Einschränkung des Schemas."
    return f"{where} entspricht nicht dem Schema."


def findings_from_error_log(error_log) -> list[Finding]:
    """One finding per schema error (capped, so a broken message cannot flood the store)."""
    findings: list[Finding] = []
    for entry in error_log:
        if len(findings) >= MAX_FINDINGS_PER_MESSAGE:
            findings.append(
                Finding(
                    ERROR,
                    "xsd.more",
                    f"Weitere Schemafehler wurden nicht aufgeführt (mehr als "
                    f"{MAX_FINDINGS_PER_MESSAGE}).",
                    f"Further schema errors were not listed (more than "
                    f"{MAX_FINDINGS_PER_MESSAGE}).",
                )
            )
            break
        message = entry.message or ""
        head = _ELEMENT.match(message)
        element = _plain(head.group(1)) if head else "?"
        attribute = head.group(2) if head else None
        english = _plain(message)
        rule = "xsd." + (entry.type_name or "error").removeprefix("SCHEMAV_").lower()
        findings.append(
            Finding(
                severity=ERROR,
                rule=rule,
                text_de=_german(
                    entry.type_name or "",
                    element,
                    attribute,
                    message[head.end() :] if head else message,
                ),
                text_en=english,
                path=entry.path or None,
                line=entry.line or None,
            )
        )
    return findings


def validate_with_xsd(schema: etree.XMLSchema, tree: etree._ElementTree) -> list[Finding]:
    """Validate against the compiled XSD; returns [] when the message conforms."""
    if schema.validate(tree):
        return []
    return findings_from_error_log(schema.error_log)
