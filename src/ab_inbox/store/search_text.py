"""Folding names for search: "muller" finds "Müller", "Lukasz" finds "Łukasz".

SQLite's unicode61 tokenizer strips combining accents, but letters such as Ł, Đ, ß or ı have no
decomposition and stay as they are. We fold both the indexed text and the query the same way, and
index German umlauts twice ("Müller" as "muller mueller") because caseworkers type either.
"""

from __future__ import annotations

import re
import unicodedata

_SPECIAL = str.maketrans(
    {
        "Ł": "L",
        "ł": "l",
        "Đ": "D",
        "đ": "d",
        "Ð": "D",
        "ð": "d",
        "Ø": "O",
        "ø": "o",
        "Æ": "AE",
        "æ": "ae",
        "Œ": "OE",
        "œ": "oe",
        "Þ": "TH",
        "þ": "th",
        "ß": "ss",
        "ẞ": "SS",
        "ı": "i",
        "Ħ": "H",
        "ħ": "h",
        "Ŧ": "T",
        "ŧ": "t",
        "Ŋ": "N",
        "ŋ": "n",
        "ĸ": "k",
        "Ŀ": "L",
        "ŀ": "l",
        "ſ": "s",
    }
)
_UMLAUT_E = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_TOKEN = re.compile(r"[^\w]+", re.UNICODE)


def fold(text: str) -> str:
    """Lower-case ASCII-ish form of a name: accents and special letters removed."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_SPECIAL).casefold()


def index_text(*parts: str | None) -> str:
    """The text put into the full-text index for some fields (with umlaut spellings)."""
    words: list[str] = []
    for part in parts:
        if not part:
            continue
        words.append(fold(part))
        alt = fold(part.translate(_UMLAUT_E))
        if alt != words[-1]:
            words.append(alt)
    return " ".join(words)


def fts_query(user_text: str) -> str | None:
    """A safe FTS5 MATCH expression: each word a quoted prefix term, all must match."""
    tokens = [t for t in _TOKEN.split(fold(user_text)) if t]
    if not tokens:
        return None
    return " ".join(f'"{t}"*' for t in tokens)
