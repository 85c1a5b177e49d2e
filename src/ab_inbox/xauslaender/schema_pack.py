"""Schema packs: the official XAusländer XSDs and code lists, loaded from a folder.

The schemas are public material that we do not ship; an office installs a pack (the folder layout
of the published release: `<version>/xsd/`, `<version>/codelisten/`, base schemas and a
`catalog.xml` mapping the absolute import URLs to local files). Imports resolve from the pack only:
any URL the catalog does not map is refused, so compiling a schema never touches the network.
Compiled schemas are cached per process, because compiling costs far more than validating.
"""

from __future__ import annotations

import hashlib
import queue
import re
import shutil
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from lxml import etree

from ab_inbox.errors import BilingualError
from ab_inbox.xauslaender.safe_xml import hardened_parser

CATALOG_NS = "urn:oasis:names:tc:entity:xmlns:xml:catalog"
NAMESPACE_PREFIX = "http://www.osci.de/xauslaender"
OZG_XSD = "xauslaender-nachrichten-ozg.xsd"
ADMINISTRATION_XSD = "xauslaender-nachrichten-administration.xsd"
_FAMILY_FILES = {"OZG": OZG_XSD, "Administration": ADMINISTRATION_XSD}
_VERSION_FOLDER = re.compile(r"^\d\d\.\d\d$")
_COMPILE_LOCK = threading.Lock()
# Validators per message family and pack: a fetch's check threads (2) and one more user
# (an outbound message built meanwhile); more users wait for one. About 20 ms each to compile.
VALIDATORS_PER_FAMILY = 3


class SchemaPackError(BilingualError):
    """A pack is missing or broken; the text says what to do about it."""


class SchemaPackMissing(SchemaPackError):
    def __init__(self, version: str, searched: list[Path]):
        where = ", ".join(str(p) for p in searched) or "-"
        super().__init__(
            f"Kein Schema-Paket für XAusländer {version} installiert (gesucht in: {where}). "
            f"Installieren mit: ab-inbox schemas add ORDNER  (Ordner mit {version}/xsd und "
            "catalog.xml) oder --schemas ORDNER angeben.",
            f"No schema pack for XAusländer {version} is installed (searched: {where}). "
            f"Install one with: ab-inbox schemas add DIR  (a folder with {version}/xsd and "
            "catalog.xml) or pass --schemas DIR.",
        )
        self.version = version


def version_from_namespace(namespace: str) -> str | None:
    """'http://www.osci.de/xauslaender2611' -> '26.11' (the standard encodes it that way)."""
    match = re.fullmatch(re.escape(NAMESPACE_PREFIX) + r"(\d\d)(\d\d)", namespace or "")
    return f"{match.group(1)}.{match.group(2)}" if match else None


def namespace_for_version(version: str) -> str:
    return NAMESPACE_PREFIX + version.replace(".", "")


class _PackResolver(etree.Resolver):
    """Maps schemaLocation URLs to the pack's files; refuses every other remote URL."""

    def __init__(self, mapping: dict[str, Path]):
        super().__init__()
        self._mapping = mapping

    def resolve(self, system_url, public_id, context):
        local = self._mapping.get(system_url)
        if local is not None:
            return self.resolve_filename(str(local), context)
        if system_url and re.match(r"^[a-z][a-z0-9+.-]*://", system_url, re.IGNORECASE):
            if system_url.startswith("file:"):
                return None
            raise SchemaPackError(
                f"Das Schema-Paket verweist auf {system_url}, das im Katalog fehlt.",
                f"The schema pack refers to {system_url}, which its catalog does not map.",
            )
        return None


@dataclass
class SchemaPack:
    """One XAusländer version's schemas and code lists in a folder."""

    root: Path
    version: str
    cache_dir: Path | None = None  # where models derived from the XSDs may be kept between runs
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _compiled: dict = field(default_factory=dict, repr=False, compare=False)
    # Per family: a pool of compiled validators, or why the family's schema does not compile.
    _validators: dict = field(default_factory=dict, repr=False, compare=False)
    _validators_ready: bool = field(default=False, repr=False, compare=False)

    @property
    def namespace(self) -> str:
        return namespace_for_version(self.version)

    @property
    def xsd_dir(self) -> Path:
        return self.root / self.version / "xsd"

    @cached_property
    def catalog(self) -> dict[str, Path]:
        """systemId -> local file, from the pack's OASIS catalog."""
        path = self.root / "catalog.xml"
        if not path.is_file():
            raise SchemaPackError(
                f"Im Schema-Paket {self.root} fehlt catalog.xml.",
                f"The schema pack {self.root} has no catalog.xml.",
            )
        tree = etree.fromstring(path.read_bytes(), hardened_parser())
        mapping: dict[str, Path] = {}
        for entry in tree.iter(f"{{{CATALOG_NS}}}system", f"{{{CATALOG_NS}}}uri"):
            key = entry.get("systemId") or entry.get("name")
            if key and entry.get("uri"):
                mapping[key] = (path.parent / entry.get("uri")).resolve()
        return mapping

    @cached_property
    def fingerprint(self) -> str:
        """A digest of every schema file, so derived caches die with any change to the pack."""
        digest = hashlib.sha256()
        for path in sorted(self.root.rglob("*.xsd")) + [self.root / "catalog.xml"]:
            digest.update(str(path.relative_to(self.root)).encode())
            digest.update(path.read_bytes())
        return digest.hexdigest()[:24]

    def codelist_dirs(self) -> list[Path]:
        """Folders holding genericode lists: the version's own and the external ones."""
        candidates = [self.root / self.version / "codelisten", self.root / "codelisten-extern"]
        candidates += sorted(p for p in self.root.glob("codelisten*") if p.is_dir())
        seen: list[Path] = []
        for c in candidates:
            if c.is_dir() and c not in seen:
                seen.append(c)
        return seen

    def xsd_file(self, family: str) -> Path:
        name = _FAMILY_FILES.get(family)
        if name is None:
            raise SchemaPackError(
                f"Nachrichtenfamilie {family} wird nicht unterstützt.",
                f"Message family {family} is not supported.",
            )
        path = self.xsd_dir / name
        if not path.is_file():
            raise SchemaPackError(
                f"Im Schema-Paket {self.root} fehlt {self.version}/xsd/{name}.",
                f"The schema pack {self.root} lacks {self.version}/xsd/{name}.",
            )
        return path

    def _parser(self) -> etree.XMLParser:
        parser = hardened_parser()
        parser.resolvers.add(_PackResolver(self.catalog))
        return parser

    def _compile_lxml(self, family: str) -> etree.XMLSchema:
        """Compile the family's XSD; one compile at a time in the whole process, because
        libxml2's schema parser (with our catalog resolver) is not safe to run in parallel."""
        with _COMPILE_LOCK:
            return self._compile_lxml_unlocked(family)

    def _compile_lxml_unlocked(self, family: str) -> etree.XMLSchema:
        path = self.xsd_file(family)
        doc = etree.parse(str(path), self._parser())
        try:
            return etree.XMLSchema(doc)
        except etree.XMLSchemaParseError as exc:
            raise SchemaPackError(
                f"Das Schema {path.name} lässt sich nicht übersetzen: {exc}",
                f"The schema {path.name} does not compile: {exc}",
            ) from None

    def lxml_schema(self, family: str = "OZG") -> etree.XMLSchema:
        """The compiled libxml2 validator for a message family (compiled once per process).

        For one thread at a time only: an XMLSchema keeps the errors of its last validate()
        in itself. Code that may validate on several threads uses `borrowed_schema`.
        """
        key = ("lxml", family)
        with self._lock:
            if key not in self._compiled:
                self._compiled[key] = self._compile_lxml(family)
            return self._compiled[key]

    @contextmanager
    def borrowed_schema(self, family: str = "OZG"):
        """A validator nobody else uses until the block ends (validate + read error_log).

        lxml validators are not thread-safe: sharing one, a thread may read another's empty
        error log and take an invalid message for valid. So a pool lends out one compiled
        validator per concurrent user; with all lent out, the next user waits for one.
        """
        pool = self._validator_pool(family)
        schema = pool.get()
        try:
            yield schema
        finally:
            pool.put(schema)

    def prepare_validators(self) -> None:
        """Compile the validators of every family now, on the calling thread (see below)."""
        with self._lock:
            self._prepare_validators_locked()

    def _validator_pool(self, family: str) -> queue.SimpleQueue:
        """The pack's validators are compiled at its first use, for every family at once and
        never later: compiling while other threads parse or validate with libxml2 now and then
        fails to resolve an imported schema's types (seen about once in a few thousand fetched
        messages; lxml's XSD compile is not safe next to other libxml2 work). A fetch prepares
        them on its calling thread before its check threads start (PackLibrary)."""
        with self._lock:
            self._prepare_validators_locked()
            entry = self._validators.get(family)
            if entry is None:  # no schema for this family in the pack: say what is missing
                self.xsd_file(family)
                entry = self._validators[family] = self._compiled_pool(family)
        if isinstance(entry, SchemaPackError):  # this family's schema does not compile
            raise SchemaPackError(entry.text_de, entry.text_en)
        return entry

    def _prepare_validators_locked(self) -> None:
        if self._validators_ready:
            return
        self._validators_ready = True
        for family, file_name in _FAMILY_FILES.items():
            if not (self.xsd_dir / file_name).is_file():
                continue  # a pack without this family's schema: its messages say so
            try:
                self._validators[family] = self._compiled_pool(family)
            except SchemaPackError as exc:  # the other families still work
                self._validators[family] = exc

    def _compiled_pool(self, family: str) -> queue.SimpleQueue:
        pool: queue.SimpleQueue = queue.SimpleQueue()
        for _ in range(VALIDATORS_PER_FAMILY):
            pool.put(self._compile_lxml(family))
        return pool

    def xmlschema_schema(self, family: str = "OZG"):
        """The xmlschema model (annotations, enumerations); slower to build, built lazily."""
        import xmlschema

        key = ("xmlschema", family)
        with self._lock:
            if key not in self._compiled:
                mapping = {url: path.as_uri() for url, path in self.catalog.items()}

                def uri_mapper(url: str) -> str:
                    return mapping.get(url, url)

                self._compiled[key] = xmlschema.XMLSchema10(
                    str(self.xsd_file(family)),
                    uri_mapper=uri_mapper,
                    allow="local",
                    defuse="always",
                )
            return self._compiled[key]


def read_pack_version(root: Path) -> str:
    """The XAusländer version a pack folder holds, read from its OZG schema's `version`."""
    root = Path(root)
    found: list[str] = []
    for sub in sorted(root.iterdir()) if root.is_dir() else []:
        xsd = sub / "xsd" / OZG_XSD
        if _VERSION_FOLDER.match(sub.name) and xsd.is_file():
            head = etree.parse(str(xsd), hardened_parser()).getroot()
            version = head.get("version") or ""
            target = version_from_namespace(head.get("targetNamespace") or "")
            if target and version and target != version:
                raise SchemaPackError(
                    f"{xsd}: version={version}, Namensraum sagt {target}.",
                    f"{xsd}: version={version} but the namespace says {target}.",
                )
            found.append(target or version)
    if not found:
        raise SchemaPackError(
            f"{root} ist kein XAusländer-Schema-Paket (erwartet: <Version>/xsd/{OZG_XSD} "
            "und catalog.xml).",
            f"{root} is not an XAusländer schema pack (expected <version>/xsd/{OZG_XSD} "
            "and catalog.xml).",
        )
    if len(found) > 1:
        raise SchemaPackError(
            f"{root} enthält mehrere Versionen ({', '.join(found)}); ein Paket je Version.",
            f"{root} holds several versions ({', '.join(found)}); one pack per version.",
        )
    return found[0]


_PACKS: dict[Path, SchemaPack] = {}
_PACKS_LOCK = threading.Lock()


def open_pack(root: Path, cache_dir: Path | None = None) -> SchemaPack:
    """The process-wide pack object for a folder, so its compiled schemas are shared."""
    root = Path(root).resolve()
    with _PACKS_LOCK:
        pack = _PACKS.get(root)
        if pack is None:
            pack = SchemaPack(root=root, version=read_pack_version(root), cache_dir=cache_dir)
            if not (root / "catalog.xml").is_file():
                raise SchemaPackError(
                    f"Im Schema-Paket {root} fehlt catalog.xml.",
                    f"The schema pack {root} has no catalog.xml.",
                )
            _PACKS[root] = pack
        return pack


class PackLibrary:
    """Where packs are found: an explicit folder first, then those installed in the data folder."""

    def __init__(
        self, installed_dir: Path, explicit: Path | None = None, cache_dir: Path | None = None
    ):
        self.installed_dir = Path(installed_dir)
        self.explicit = Path(explicit) if explicit else None
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self._explicit_version: str | None = None
        self._by_version: dict[str, SchemaPack] = {}

    def searched(self) -> list[Path]:
        return [p for p in (self.explicit, self.installed_dir) if p is not None]

    def available(self) -> dict[str, Path]:
        found: dict[str, Path] = {}
        if self.installed_dir.is_dir():
            for sub in sorted(self.installed_dir.iterdir()):
                if sub.is_dir() and _VERSION_FOLDER.match(sub.name):
                    found[sub.name] = sub
        if self.explicit is not None:
            if self._explicit_version is None:
                self._explicit_version = read_pack_version(self.explicit)
            found[self._explicit_version] = self.explicit
        return found

    def pack_for_version(self, version: str) -> SchemaPack:
        """The pack for a version; looked up once, then served from memory (hot path)."""
        pack = self._by_version.get(version)
        if pack is None:
            root = self.available().get(version)
            if root is None:
                raise SchemaPackMissing(version, self.searched())
            pack = self._by_version[version] = open_pack(root, self.cache_dir)
        return pack

    def prepare_validators(self) -> None:
        """Compile every available pack's validators now, on the calling thread: a fetch does
        this before its check threads start (SchemaPack._validator_pool says why). A pack that
        cannot be opened is left alone; its messages will say why."""
        for version in self.available():
            try:
                self.pack_for_version(version).prepare_validators()
            except SchemaPackError:
                continue

    def install(self, source: Path) -> tuple[str, Path]:
        """Copy a pack into the data folder, registered by the version its XSDs declare."""
        source = Path(source)
        version = read_pack_version(source)
        probe = SchemaPack(root=source.resolve(), version=version)
        probe.lxml_schema("OZG")  # refuse a pack that does not compile before copying it
        target = self.installed_dir / version
        staging = self.installed_dir / f".{version}.installing"
        if staging.exists():
            shutil.rmtree(staging)
        self.installed_dir.mkdir(parents=True, exist_ok=True)
        shutil.copytree(source, staging, ignore=shutil.ignore_patterns("selfmade-test-instances"))
        for path in staging.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
        self._by_version.pop(version, None)
        with _PACKS_LOCK:
            _PACKS.pop(target.resolve(), None)
        return version, target
