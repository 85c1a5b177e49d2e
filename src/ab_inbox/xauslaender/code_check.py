"""Check the codes of a message against the pack's code lists where the XSD cannot.

XÖV code types come in two kinds that matter here. Where the XSD enumerates the values (code
types 1 and 2: "Familienstand", "Dokumentformat", most OZG lists), libxml2 validation already
rejects a wrong code, so we stay out of it. Where the XSD only names the list (`listURI` fixed,
`listVersionID` left to the sender: DESTATIS Staatsangehörigkeit, Geschlecht, OZG Antragsgrund,
...), any token passes the XSD; those codes are looked up here in the pack's genericode lists.

Lists the pack does not hold (e.g. Augenfarbe, Verzeichnisdienst) produce no finding: the
Verzeichnisdienst code is in every message header, so a per-message note would be noise on every
message. That gap belongs to the pack, not to a message; `unchecked_code_lists(pack)` names it
once, for the pack status view.

Which element carries which code type is learnt once per pack from the xmlschema model (element
path -> code type -> list URI, fixed version, enumerated or not). Per message we only iterate the
`code` elements and look their parent's path up in a dict.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from lxml import etree

from ab_inbox.xauslaender.code_schema_cache import load_cached, store_cached
from ab_inbox.xauslaender.codelists import CodeListIndex, codelists_for
from ab_inbox.xauslaender.findings import ERROR, Finding
from ab_inbox.xauslaender.schema_pack import NAMESPACE_PREFIX, SchemaPack

XOEV_CODE = "{http://xoev.de/schemata/code/1_0}Code"
RULE_UNKNOWN_VALUE = "code.unknown_value"
RULE_UNKNOWN_VERSION = "code.unknown_list_version"

PathKey = tuple[str, ...]


@dataclass(frozen=True)
class CodeSpec:
    """What the schema says about one code type."""

    type_name: str  # local name, e.g. "Code.Staatsangehoerigkeit"
    list_uri: str | None  # fixed/default listURI, else the kennung in the annotation
    list_version: str | None  # fixed/default listVersionID (code types 1 and 2)
    enumerated: bool  # the XSD lists the allowed values itself
    list_name: str | None = None  # nameKurz from the annotation
    enum_labels: tuple[tuple[str, str], ...] = ()  # (code, label) from enumeration annotations

    def enum_label(self, code: str) -> str | None:
        """The label the XSD gives an enumerated code (for lists the pack does not hold)."""
        return next((label for value, label in self.enum_labels if value == code), None)


class CodeSchema:
    """Element path (tags from the root) -> CodeSpec, for every code element of a family."""

    def __init__(self, by_path: dict[PathKey, CodeSpec]):
        self.by_path = by_path
        self.tags = frozenset(path[-1] for path in by_path)

    def spec_for(self, element: etree._Element) -> CodeSpec | None:
        if element.tag not in self.tags:
            return None
        return self.by_path.get(path_key(element))

    def specs(self) -> set[CodeSpec]:
        return set(self.by_path.values())


def path_key(element: etree._Element) -> PathKey:
    tags = [element.tag]
    tags.extend(a.tag for a in element.iterancestors())
    tags.reverse()
    return tuple(tags)


def element_path(element: etree._Element) -> str:
    """'/xa:OZG.Antrag.130101/xa:angabenZurPerson/xa:staatsangehoerigkeit[2]/...' for findings.

    XAusländer elements get the prefix "xa", unqualified ones none; a position is added only
    where siblings share the name, as libxml2 does in its own error paths.
    """
    parts: list[str] = []
    node = element
    while node is not None:
        qname = etree.QName(node)
        if not qname.namespace:
            name = qname.localname
        elif qname.namespace.startswith(NAMESPACE_PREFIX):
            name = "xa:" + qname.localname
        else:
            name = f"{node.prefix}:{qname.localname}" if node.prefix else node.tag
        parent = node.getparent()
        if parent is not None:
            same = list(parent.iterchildren(node.tag))
            if len(same) > 1:
                name += f"[{same.index(node) + 1}]"
        parts.append(name)
        node = parent
    return "/" + "/".join(reversed(parts))


# --- learning the code types from the schema (once per pack) ---------------------------------


def _derives_from_code(xsd_type) -> bool:
    seen = 0
    while xsd_type is not None and seen < 20:
        if getattr(xsd_type, "name", None) == XOEV_CODE:
            return True
        xsd_type = getattr(xsd_type, "base_type", None)
        seen += 1
    return False


def _appinfo(xsd_type) -> dict[str, str]:
    found: dict[str, str] = {}
    annotation = getattr(xsd_type, "annotation", None)
    for appinfo in getattr(annotation, "appinfo", None) or []:
        for node in appinfo.iter():
            tag = node.tag.rsplit("}", 1)[-1] if isinstance(node.tag, str) else ""
            if tag in ("kennung", "version", "nameKurz") and node.text and tag not in found:
                found[tag] = node.text.strip()
    return found


def _spec_from_type(xsd_type) -> CodeSpec:
    info = _appinfo(xsd_type)
    attributes = xsd_type.attributes
    uri_attr = attributes.get("listURI")
    version_attr = attributes.get("listVersionID")
    uri = (uri_attr.fixed or uri_attr.default) if uri_attr is not None else None
    version = (version_attr.fixed or version_attr.default) if version_attr is not None else None
    enumerated = False
    labels: tuple[tuple[str, str], ...] = ()
    for child in xsd_type.content.iter_elements():
        if getattr(child, "local_name", None) == "code":
            enumerated = bool(getattr(child.type, "enumeration", None))
            if enumerated:
                labels = _enumeration_labels(child.type)
    return CodeSpec(
        type_name=xsd_type.local_name or "",
        list_uri=uri or info.get("kennung"),
        list_version=version or info.get("version"),
        enumerated=enumerated,
        list_name=info.get("nameKurz"),
        enum_labels=labels,
    )


def _enumeration_labels(simple_type) -> tuple[tuple[str, str], ...]:
    """XÖV code types 1/2 annotate each enumeration value with its label (`appinfo/Wert`)."""
    facets = getattr(simple_type, "facets", None) or {}
    enumeration = facets.get("{http://www.w3.org/2001/XMLSchema}enumeration")
    if enumeration is None:
        return ()
    labels: list[tuple[str, str]] = []
    for position, value in enumerate(enumeration.enumeration):
        annotation = enumeration.get_annotation(position)
        text = ""
        for appinfo in getattr(annotation, "appinfo", None) or []:
            first = next(iter(appinfo), None)
            text = " ".join((first.text if first is not None else appinfo.text or "").split())
            if text:
                break
        if text:
            labels.append((str(value), text))
    return tuple(labels)


def _build_code_schema(xsd) -> CodeSchema:
    by_path: dict[PathKey, CodeSpec] = {}
    type_specs: dict[str, CodeSpec] = {}

    def walk(element, path: PathKey, open_types: tuple) -> None:
        xsd_type = element.type
        if _derives_from_code(xsd_type):
            key = xsd_type.name or id(xsd_type)
            spec = type_specs.get(key)
            if spec is None:
                spec = type_specs[key] = _spec_from_type(xsd_type)
            by_path[path] = spec
            return
        if (
            not xsd_type.is_complex()
            or xsd_type in open_types
            or not xsd_type.has_complex_content()
        ):
            return
        for child in xsd_type.content.iter_elements():
            if hasattr(child, "type") and child.name:  # wildcards have no type
                walk(child, path + (child.name,), open_types + (xsd_type,))

    for element in xsd.elements.values():
        walk(element, (element.name,), ())
    return CodeSchema(by_path)


@dataclass(frozen=True)
class _CheckPlan:
    by_path: dict[PathKey, CodeSpec]  # only the code elements we can and must check
    tags: frozenset[str]
    lists: CodeListIndex


_SCHEMAS: dict[tuple, CodeSchema] = {}
_PLANS: dict[tuple, _CheckPlan] = {}
_LOCK = threading.Lock()


def code_schema(pack: SchemaPack, family: str = "OZG") -> CodeSchema:
    """The pack's code elements, learnt once per process (about a second, mostly xmlschema).

    With a cache folder the result is kept on disk, keyed by the pack's fingerprint, so a CLI
    run or the desktop start does not pay that second again.
    """
    key = (pack.root, pack.version, family)
    schema = _SCHEMAS.get(key)
    if schema is None:
        with _LOCK:
            schema = _SCHEMAS.get(key)
            if schema is None:
                schema = load_cached(pack, family)
                if schema is None:
                    schema = _build_code_schema(pack.xmlschema_schema(family))
                    store_cached(pack, family, schema)
                _SCHEMAS[key] = schema
    return schema


def _plan(pack: SchemaPack, family: str = "OZG") -> _CheckPlan:
    key = (pack.root, pack.version, family)
    plan = _PLANS.get(key)
    if plan is None:
        schema = code_schema(pack, family)
        lists = codelists_for(pack)
        checked = {
            path: spec
            for path, spec in schema.by_path.items()
            if not spec.enumerated and (spec.list_uri is None or lists.has_list(spec.list_uri))
        }
        plan = _CheckPlan(checked, frozenset(p[-1] for p in checked), lists)
        with _LOCK:
            plan = _PLANS.setdefault(key, plan)
    return plan


def unchecked_code_lists(pack: SchemaPack, family: str = "OZG") -> list[CodeSpec]:
    """Code types the XSD leaves open and the pack has no list for: their codes go unchecked."""
    lists = codelists_for(pack)
    open_specs = {
        s
        for s in code_schema(pack, family).specs()
        if not s.enumerated and s.list_uri and not lists.has_list(s.list_uri)
    }
    return sorted(open_specs, key=lambda s: s.type_name)


def warm_up(pack: SchemaPack, family: str = "OZG") -> None:
    """Build the per-pack tables now (e.g. in the background at start-up)."""
    _plan(pack, family)


# --- the check itself (per message) -----------------------------------------------------------


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()) if value is not None else None


def check_codes(tree, pack: SchemaPack, family: str = "OZG") -> list[Finding]:
    """Findings for codes missing from their list, or naming a list version the pack lacks."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    plan = _plan(pack, family)
    findings: list[Finding] = []
    for code_element in root.iter("code"):
        element = code_element.getparent()
        if element is None or element.tag not in plan.tags:
            continue
        spec = plan.by_path.get(path_key(element))
        if spec is None:
            continue
        list_uri = spec.list_uri or _clean(element.get("listURI"))
        if not list_uri or not plan.lists.has_list(list_uri):
            continue
        code = _clean(code_element.text) or ""
        version = spec.list_version or _clean(element.get("listVersionID"))
        finding = _check_one(plan.lists, element, list_uri, code, version, spec)
        if finding is not None:
            findings.append(finding)
    return findings


def _check_one(lists, element, list_uri, code, version, spec) -> Finding | None:
    name = etree.QName(element).localname
    title = spec.list_name or lists.title(list_uri)
    known = lists.versions(list_uri)
    if version is not None and version not in known:
        have = ", ".join(known)
        have_de = f"Versionen {have}" if len(known) > 1 else f"Version {have}"
        have_en = f"versions {have}" if len(known) > 1 else f"version {have}"
        return Finding(
            ERROR,
            RULE_UNKNOWN_VERSION,
            f"Das Element {name} nennt die Codeliste {title} ({list_uri}) in Version "
            f"„{version}“; das Schema-Paket enthält nur {have_de}. Der Code „{code}“ "
            "kann daher nicht geprüft werden.",
            f"The element {name} refers to the code list {title} ({list_uri}) version "
            f'"{version}"; the schema pack only holds {have_en}. The code "{code}" '
            "cannot be checked.",
            element_path(element),
            element.sourceline,
        )
    if lists.contains(list_uri, code, version):
        return None
    where_de = f"Version {version}" if version else f"allen Versionen ({', '.join(known)})"
    where_en = f"version {version}" if version else f"any version ({', '.join(known)})"
    return Finding(
        ERROR,
        RULE_UNKNOWN_VALUE,
        f"Der Code „{code}“ im Element {name} steht nicht in der Codeliste {title} "
        f"({list_uri}), {where_de}.",
        f'The code "{code}" in the element {name} is not in the code list {title} '
        f"({list_uri}), {where_en}.",
        element_path(element),
        element.sourceline,
    )
