"""The content fields of a reply: what the compose dialog asks for, and how entries are checked.

Each reply type declares its fields once (key, German and English label, kind, whether it is
required, a German default text). Keys are the schema's element names where a field fills one
element (`frage`, `fristdatum`, `uhrzeitAb`), so a field and its place in the message are found
by the same word. `clean_content` turns what a dialog or the command line passes (strings,
dates, bytes) into checked values, or raises ReplyContentError naming the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from ab_inbox.xauslaender.codelists import codelists_for
from ab_inbox.xauslaender.outbound.errors import ReplyContentError
from ab_inbox.xauslaender.outbound.office import Address, address_from, parse_address_line
from ab_inbox.xauslaender.outbound.text import describe, disallowed_characters, tidy
from ab_inbox.xauslaender.schema_pack import SchemaPack

TEXT, LINE, LIST, URL = "text", "line", "list", "url"  # free text (multi-line / one line / lines)
DATE, TIME, CODE, DOCUMENT, ADDRESS = "date", "time", "code", "document", "address"

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
DOCUMENT_FORMATS = ((b"%PDF-", "1"), (b"\xff\xd8\xff", "2"))  # Code.Dokumentformat: PDF, JPG
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?::(\d{2}))?(?:\s*Uhr)?$")
_URL = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class Field:
    key: str
    label_de: str
    label_en: str
    kind: str
    required: bool = False
    template_de: str = ""  # default text; may name {antragsidentifikation} and {office_name}
    code_list: str = ""  # list URI of a CODE field; the choices come from the pack
    not_in_past: bool = False  # DATE fields: a deadline or appointment cannot lie behind us


@dataclass(frozen=True)
class Document:
    data: bytes
    format_code: str  # Code.Dokumentformat


def _missing(field: Field) -> ReplyContentError:
    return ReplyContentError(
        field.key, f"Bitte „{field.label_de}“ angeben.", f'Please enter "{field.label_en}".'
    )


def _unusable(field: Field, what_de: str, what_en: str) -> ReplyContentError:
    return ReplyContentError(
        field.key, f"„{field.label_de}“: {what_de}", f'"{field.label_en}": {what_en}'
    )


def _text(field: Field, value, pack: SchemaPack) -> str:
    if not isinstance(value, str):
        raise _unusable(field, "Text erwartet.", "text expected.")
    text = tidy(value, single_line=field.kind in (LINE, URL))
    bad = disallowed_characters(text, pack)
    if bad:
        raise _unusable(
            field,
            f"Diese Zeichen sind in XAusländer nicht zulässig (DIN 91379): {describe(bad)}.",
            f"these characters are not allowed in XAusländer (DIN 91379): {describe(bad)}.",
        )
    if field.kind == URL and text and not _URL.match(text):
        raise _unusable(
            field,
            "Bitte eine vollständige Adresse mit https:// angeben.",
            "please give a complete address starting with https://.",
        )
    return text


def _date(field: Field, value, today: date) -> date:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, str):
        text = value.strip()
        try:
            if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", text):
                value = datetime.strptime(text, "%d.%m.%Y").date()
            else:
                value = date.fromisoformat(text)
        except ValueError:
            raise _unusable(
                field,
                f"„{text}“ ist kein Datum (TT.MM.JJJJ).",
                f'"{text}" is not a date (YYYY-MM-DD).',
            ) from None
    if not isinstance(value, date):
        raise _unusable(field, "Datum erwartet.", "date expected.")
    if field.not_in_past and value < today:
        raise _unusable(
            field,
            f"Das Datum {value:%d.%m.%Y} liegt in der Vergangenheit.",
            f"the date {value.isoformat()} lies in the past.",
        )
    return value


def _time(field: Field, value) -> time:
    if isinstance(value, str):
        match = _TIME.match(value.strip())
        try:
            if not match:
                raise ValueError(value)
            value = time(int(match[1]), int(match[2]), int(match[3] or 0))
        except ValueError:
            raise _unusable(
                field,
                f"„{value}“ ist keine Uhrzeit (SS:MM).",
                f'"{value}" is not a time of day (HH:MM).',
            ) from None
    if not isinstance(value, time):
        raise _unusable(field, "Uhrzeit erwartet.", "time of day expected.")
    return value.replace(microsecond=0, tzinfo=None)


def _code(field: Field, value, pack: SchemaPack) -> str:
    code = str(value).strip()
    code_list = codelists_for(pack).get(field.code_list)
    if code_list is not None and code not in code_list.labels:
        choices = "; ".join(f"{c} {label}" for c, label in sorted(code_list.labels.items()))
        raise _unusable(
            field,
            f"Der Code „{code}“ ist nicht zulässig. Möglich: {choices}.",
            f'the code "{code}" is not allowed. Choices: {choices}.',
        )
    return code


def _document(field: Field, value) -> Document:
    if isinstance(value, bytearray | memoryview):
        value = bytes(value)
    if not isinstance(value, bytes):
        raise _unusable(field, "PDF- oder JPEG-Datei erwartet.", "PDF or JPEG file expected.")
    if len(value) > MAX_DOCUMENT_BYTES:
        raise _unusable(
            field,
            f"Die Datei ist größer als {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB.",
            f"the file is larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB.",
        )
    for magic, code in DOCUMENT_FORMATS:
        if value.startswith(magic):
            return Document(value, code)
    raise _unusable(
        field,
        "Nur PDF- oder JPEG-Dateien können mitgeschickt werden.",
        "only PDF or JPEG files can be attached.",
    )


def _address(field: Field, value, pack: SchemaPack) -> Address:
    if isinstance(value, Address):
        address = value
    elif isinstance(value, dict):
        street = " ".join(str(value.get(k) or "") for k in ("strasse", "hausnummer")).strip()
        address = address_from(
            street, str(value.get("postleitzahl") or ""), value.get("wohnort") or ""
        )
    else:
        address = parse_address_line(_text(field, value, pack))
    if address is None or not address.complete:
        raise _unusable(
            field,
            "Bitte als „Straße Hausnummer, PLZ Ort“ angeben.",
            'please give it as "street number, postcode city".',
        )
    for part in (address.street, address.city, address.addition):
        _text(field, part, pack)
    return address


def _list(field: Field, value, pack: SchemaPack) -> list[str]:
    """One entry per line (a text) or per item (a list); blank entries are dropped."""
    lines = value.split("\n") if isinstance(value, str) else list(value)
    one_line = Field(field.key, field.label_de, field.label_en, LINE)
    return [line for line in (_text(one_line, item, pack) for item in lines) if line]


_CLEANERS = {
    TEXT: lambda field, value, pack, today: _text(field, value, pack),
    LINE: lambda field, value, pack, today: _text(field, value, pack),
    URL: lambda field, value, pack, today: _text(field, value, pack),
    LIST: lambda field, value, pack, today: _list(field, value, pack),
    DATE: lambda field, value, pack, today: _date(field, value, today),
    TIME: lambda field, value, pack, today: _time(field, value),
    CODE: lambda field, value, pack, today: _code(field, value, pack),
    DOCUMENT: lambda field, value, pack, today: _document(field, value),
    ADDRESS: lambda field, value, pack, today: _address(field, value, pack),
}


def _empty(value) -> bool:
    return value is None or (isinstance(value, str | list | tuple | bytes) and not value)


def clean_content(
    fields: tuple[Field, ...], content: dict, pack: SchemaPack, *, today: date, title_de: str
) -> dict:
    """Checked values by key; empty optional fields are left out."""
    known = {f.key for f in fields}
    unknown = sorted(set(content) - known)
    if unknown:
        raise ReplyContentError(
            unknown[0],
            f"„{unknown[0]}“ gehört nicht zur Nachricht „{title_de}“. Möglich: "
            f"{', '.join(sorted(known))}.",
            f'"{unknown[0]}" is not part of this reply type. Known: {", ".join(sorted(known))}.',
        )
    values: dict = {}
    for field in fields:
        raw = content.get(field.key)
        value = None if _empty(raw) else _CLEANERS[field.kind](field, raw, pack, today)
        if _empty(value):
            if field.required:
                raise _missing(field)
            continue
        values[field.key] = value
    return values


def choices(field: Field, pack: SchemaPack) -> list[tuple[str, str]]:
    """(code, German label) pairs of a CODE field, from the pack's code list, for a dialog."""
    code_list = codelists_for(pack).get(field.code_list) if field.code_list else None
    return sorted(code_list.labels.items()) if code_list is not None else []
