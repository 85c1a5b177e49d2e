"""The official XTA 2 version 3 schemas, compiled once per test process, and the checks the
loopback server runs on every request and every response.

The spec lives beside the checkout (../shared/xta/v3, or $AB_INBOX_TEST_XTA) and is never
copied into the repo. The xta namespace is split over two files, so a small wrapper in that
namespace includes both (as the WSDL's <types> does) and imports the rest; it is parsed with a
base URL inside the spec folder, so every relative schemaLocation resolves there.
"""

from __future__ import annotations

import base64
import copy
import functools
import os
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

REPO = Path(__file__).resolve().parents[2]

SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
XOP = "http://www.w3.org/2004/08/xop/include"

_WRAPPER = b"""<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
    targetNamespace="http://xoev.de/transport/xta/211" elementFormDefault="qualified">
  <xs:import namespace="http://www.w3.org/2003/05/soap-envelope" schemaLocation=".xsd"/>
  <xs:import namespace="http://www.w3.org/2005/08/addressing" schemaLocation="ws-addr.xsd"/>
  <xs:import namespace="http://www.osci.eu/ws/2008/05/transport" schemaLocation="OSCI2_02.xsd"/>
  <xs:import namespace="http://www.osci.eu/ws/2014/10/transport"
      schemaLocation="OSCI_MessageMetaData_V2.02.xsd"/>
  <xs:include schemaLocation="XTA-Webservice-Globale-Elemente.xsd"/>
  <xs:include schemaLocation="XTA-Webservice-Exceptions.xsd"/>
</xs:schema>
"""


def xta_spec_dir() -> Path:
    """Like the XAusländer pack: the shared copy beside the checkout unless set explicitly."""
    explicit = os.environ.get("AB_INBOX_TEST_XTA")
    return Path(explicit) if explicit else REPO.parent / "shared" / "xta" / "v3"


@functools.cache
def xta_schema() -> etree.XMLSchema:
    folder = xta_spec_dir()
    if not (folder / "XTA.wsdl").is_file() or not (folder / ".xsd").is_file():
        raise FileNotFoundError(f"XTA spec not found at {folder}; set AB_INBOX_TEST_XTA")
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    wrapper = etree.fromstring(_WRAPPER, parser, base_url=str(folder / "ab-inbox-wrapper.xsd"))
    return etree.XMLSchema(wrapper)


def _errors(schema: etree.XMLSchema, where: str) -> list[str]:
    return [f"{where}: line {e.line}: {e.message}" for e in schema.error_log]


def xop_infoset(root: etree._Element, parts: dict[str, bytes]) -> etree._Element:
    """The envelope as XOP defines its meaning: each xop:Include replaced by its part in base64."""
    includes = root.findall(f".//{{{XOP}}}Include")
    if not includes:
        return root
    root = copy.deepcopy(root)
    for include in list(root.iter(f"{{{XOP}}}Include")):
        parent = include.getparent()
        cid = unquote(include.get("href", "")[4:])
        parent.remove(include)
        parent.text = base64.b64encode(parts[cid]).decode("ascii")
    return root


def envelope_errors(root: etree._Element, where: str) -> list[str]:
    """Schema errors of a SOAP 1.2 envelope: the envelope itself, then each header block and
    the body's child strictly against its global declaration (the envelope's wildcards are lax,
    so a misspelt element would otherwise pass)."""
    schema = xta_schema()
    errors = [] if schema.validate(root) else _errors(schema, where)
    if root.tag != f"{{{SOAP12}}}Envelope":
        return [*errors, f"{where}: root is {root.tag}, not a SOAP 1.2 Envelope"]
    blocks = []
    for container in root:
        if container.tag in (f"{{{SOAP12}}}Header", f"{{{SOAP12}}}Body"):
            blocks.extend(c for c in container if isinstance(c.tag, str))
    for block in blocks:
        if not schema.validate(block):
            errors += _errors(schema, f"{where} {etree.QName(block).localname}")
    return errors


@functools.cache
def error_code_names() -> dict[str, str]:
    """The XTA-WS Fehlernummer code list (code -> German name) as the spec defines it."""
    xs = "http://www.w3.org/2001/XMLSchema"
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    tree = etree.parse(str(xta_spec_dir() / "XTA-Webservice-Datentypen.xsd"), parser)
    names = {}
    for enum in tree.iterfind(
        f".//{{{xs}}}simpleType[@name='Codelist.Fehlernummer']//{{{xs}}}enumeration"
    ):
        names[enum.get("value")] = " ".join(enum.findtext(".//codeName", "").split())
    return names
