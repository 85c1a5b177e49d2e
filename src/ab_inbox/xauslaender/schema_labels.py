"""Labels and help texts for the case view, read from the schema pack's own annotations.

The XSDs name their complex types (`appinfo/title`, e.g. "Angaben zur Person") and explain most
elements (`documentation`, e.g. "Mit diesem Element wird der Familienname übermittelt."). The
case view takes section titles and field help from here, so a new pack version brings its own
wording without code changes; where the pack says nothing, the view keeps its built-in label.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from lxml import etree

from ab_inbox.xauslaender.safe_xml import hardened_parser
from ab_inbox.xauslaender.schema_pack import SchemaPack

XS = "{http://www.w3.org/2001/XMLSchema}"


@dataclass
class SchemaLabels:
    type_titles: dict[str, str] = field(default_factory=dict)  # type name -> title
    element_types: dict[str, str] = field(default_factory=dict)  # element name -> type name
    element_titles: dict[str, str] = field(default_factory=dict)  # element name -> title
    element_help: dict[str, str] = field(default_factory=dict)  # element name -> documentation

    def title(self, element: str, fallback: str) -> str:
        """The pack's title for an element (its own, else its type's), else the fallback."""
        if element in self.element_titles:
            return self.element_titles[element]
        type_name = self.element_types.get(element)
        return self.type_titles.get(type_name or "", fallback)

    def help(self, element: str) -> str | None:
        return self.element_help.get(element)

    def as_dict(self) -> dict:
        return {
            "type_titles": self.type_titles,
            "element_types": self.element_types,
            "element_titles": self.element_titles,
            "element_help": self.element_help,
        }


def _text(annotation, path: str) -> str | None:
    node = annotation.find(path) if annotation is not None else None
    if node is None or not (node.text or "").strip():
        return None
    return " ".join(node.text.split())


def _read(labels: SchemaLabels, root: etree._Element) -> None:
    for complex_type in root.iter(f"{XS}complexType"):
        name = complex_type.get("name")
        title = _text(complex_type.find(f"{XS}annotation"), f"{XS}appinfo/title")
        if name and title:
            labels.type_titles.setdefault(name, title)
    for element in root.iter(f"{XS}element"):
        name = element.get("name")
        if not name:
            continue
        annotation = element.find(f"{XS}annotation")
        type_name = (element.get("type") or "").split(":")[-1]
        if type_name:
            labels.element_types.setdefault(name, type_name)
        title = _text(annotation, f"{XS}appinfo/title")
        if title:
            labels.element_titles.setdefault(name, title)
        help_text = _text(annotation, f"{XS}documentation")
        if help_text:
            labels.element_help.setdefault(name, help_text)


_CACHE: dict[tuple, SchemaLabels] = {}
_LOCK = threading.Lock()


def labels_for(pack: SchemaPack) -> SchemaLabels:
    """All labels of the pack's XAusländer XSDs, read once per process (a few ms)."""
    key = (pack.root, pack.version)
    with _LOCK:
        labels = _CACHE.get(key)
        if labels is None:
            labels = SchemaLabels()
            for path in sorted(pack.xsd_dir.glob("*.xsd")):
                _read(labels, etree.parse(str(path), hardened_parser()).getroot())
            _CACHE[key] = labels
    return labels
