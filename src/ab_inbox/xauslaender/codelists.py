"""The genericode code lists of a schema pack: code -> German label, per list URI and version.

XAusländer messages carry codes, not words; a caseworker needs the words, and the checker needs to
know which codes a list version holds. The lists come from the pack folders (never from the
network), are read once per pack with the hardened parser and kept in memory (about 2 MB of XML,
a few thousand rows). Each list is keyed by its `Identification/CanonicalUri` and
`Identification/Version`, the same pair a message names in `listURI`/`listVersionID`.

The code column is the list's first key; the label column is the first column that is not part
of that key, which in every list we know is the German name ("Wert", "Kurzbezeichnung",
"beschreibung", ...).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ab_inbox.xauslaender.safe_xml import ParseLimits, parse_untrusted
from ab_inbox.xauslaender.schema_pack import SchemaPack

_LIST_LIMITS = ParseLimits(max_bytes=32 * 1024 * 1024)
_VERSION_PART = re.compile(r"(\d+)")


@dataclass
class CodeList:
    """One version of one code list."""

    uri: str
    version: str
    short_name: str = ""
    long_name: str = ""
    source: Path | None = None
    labels: dict[str, str] = field(default_factory=dict)  # code -> German label ("" if none)

    @property
    def title(self) -> str:
        return self.long_name or self.short_name or self.uri


def version_sort_key(version: str) -> tuple:
    """Order "2" < "10" and "2023-01-01" < "2024-08-01": numbers compare as numbers."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in _VERSION_PART.split(version)
        if part
    )


class CodeListError(ValueError):
    """A file in a code list folder is not a usable genericode list."""


def _text(element, path: str) -> str:
    found = element.find(path)
    return (found.text or "").strip() if found is not None else ""


def parse_genericode(data: bytes, source: Path | None = None) -> CodeList:
    """Read one genericode document (bytes from the pack, parsed like any untrusted input)."""
    root = parse_untrusted(data, _LIST_LIMITS).getroot()
    if etree.QName(root).localname != "CodeList":
        raise CodeListError(f"{source}: not a genericode CodeList")
    uri = _text(root, "Identification/CanonicalUri")
    version = _text(root, "Identification/Version")
    if not uri or not version:
        raise CodeListError(f"{source}: CanonicalUri or Version missing")
    columns = [c.get("Id") for c in root.iterfind("ColumnSet/Column")]
    key = root.find("ColumnSet/Key")
    key_columns = [r.get("Ref") for r in key.iterfind("ColumnRef")] if key is not None else []
    if not key_columns and columns:
        key_columns = [columns[0]]
    if not key_columns:
        raise CodeListError(f"{source}: no columns")
    code_column = key_columns[0]
    label_column = next((c for c in columns if c not in key_columns), None)

    labels: dict[str, str] = {}
    for row in root.iterfind("SimpleCodeList/Row"):
        code = label = None
        for value in row.iterchildren("Value"):
            ref = value.get("ColumnRef")
            if ref == code_column:
                code = value.findtext("SimpleValue")
            elif ref == label_column:
                label = value.findtext("SimpleValue")
        if code is not None:
            labels[code.strip()] = (label or "").strip()
    return CodeList(
        uri=uri,
        version=version,
        short_name=_text(root, "Identification/ShortName"),
        long_name=_text(root, "Identification/LongName"),
        source=source,
        labels=labels,
    )


class CodeListIndex:
    """All code lists of one pack, by canonical URI and version."""

    def __init__(self, lists: list[CodeList] | None = None, problems: list[str] | None = None):
        self._lists: dict[str, dict[str, CodeList]] = {}
        self.problems: list[str] = list(problems or [])  # files that could not be read
        for code_list in lists or []:
            self.add(code_list)

    def add(self, code_list: CodeList) -> None:
        versions = self._lists.setdefault(code_list.uri, {})
        existing = versions.get(code_list.version)
        if existing is None:
            versions[code_list.version] = code_list
        else:  # the same list version in two files: keep both sets of codes
            for code, label in code_list.labels.items():
                existing.labels.setdefault(code, label)

    def uris(self) -> list[str]:
        return sorted(self._lists)

    def has_list(self, list_uri: str | None) -> bool:
        return bool(list_uri) and list_uri in self._lists

    def versions(self, list_uri: str) -> list[str]:
        """The versions the pack holds, oldest first."""
        return sorted(self._lists.get(list_uri, {}), key=version_sort_key)

    def get(self, list_uri: str, version: str | None = None) -> CodeList | None:
        """One list version; without a version the newest the pack holds."""
        versions = self._lists.get(list_uri)
        if not versions:
            return None
        if version is None:
            return versions[max(versions, key=version_sort_key)]
        return versions.get(version)

    def title(self, list_uri: str) -> str:
        code_list = self.get(list_uri)
        return code_list.title if code_list else list_uri

    def contains(self, list_uri: str, code: str, version: str | None = None) -> bool:
        """Whether the code is in that version (in any version the pack holds if None)."""
        versions = self._lists.get(list_uri, {})
        if version is not None:
            code_list = versions.get(version)
            return code_list is not None and code in code_list.labels
        return any(code in cl.labels for cl in versions.values())

    def label(
        self, list_uri: str | None, code: str | None, version: str | None = None
    ) -> str | None:
        """The German label; without a version from the newest version that has the code."""
        if not list_uri or code is None:
            return None
        versions = self._lists.get(list_uri)
        if not versions:
            return None
        if version is not None:
            code_list = versions.get(version)
            label = code_list.labels.get(code) if code_list else None
            return label or None
        for name in sorted(versions, key=version_sort_key, reverse=True):
            label = versions[name].labels.get(code)
            if label:
                return label
        return None


def load_codelists(dirs: list[Path]) -> CodeListIndex:
    """Read every *.xml in the folders; a broken file is recorded, not fatal."""
    lists: list[CodeList] = []
    problems: list[str] = []
    for folder in dirs:
        for path in sorted(Path(folder).glob("*.xml")):
            try:
                lists.append(parse_genericode(path.read_bytes(), path))
            except (OSError, ValueError) as exc:
                problems.append(f"{path}: {exc}")
    return CodeListIndex(lists, problems)


_CACHE: dict[tuple[Path, str], CodeListIndex] = {}
_CACHE_LOCK = threading.Lock()


def codelists_for(pack: SchemaPack) -> CodeListIndex:
    """The pack's code lists, loaded once per process and pack (thread-safe)."""
    key = (pack.root, pack.version)
    index = _CACHE.get(key)
    if index is not None:
        return index
    with _CACHE_LOCK:
        index = _CACHE.get(key)
        if index is None:
            index = load_codelists(pack.codelist_dirs())
            _CACHE[key] = index
        return index
