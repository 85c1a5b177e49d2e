"""Test messages: generated valid ones, and precise edits of them (never hand-copied files)."""

from __future__ import annotations

import random

from lxml import etree

from ab_inbox.demo import build_message

XA = "http://www.osci.de/xauslaender2611"


def valid_message(type_code: str = "130101", seed: int = 1, **kw) -> bytes:
    return build_message(type_code, random.Random(seed), **kw)


def edit(data: bytes, fn) -> bytes:
    """Parse, let fn change the tree, serialise again."""
    root = etree.fromstring(data)
    fn(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def first(root, local_name: str):
    for el in root.iter():
        if isinstance(el.tag, str) and etree.QName(el).localname == local_name:
            return el
    raise AssertionError(f"no element {local_name}")


def set_text(data: bytes, local_name: str, value: str) -> bytes:
    def change(root):
        first(root, local_name).text = value

    return edit(data, change)


def follow_up_to(application: bytes, *, seed: int = 1, type_code: str = "130103") -> bytes:
    """A valid follow-up that joins the case of `application` (same antragsidentifikation)."""
    ident = first(etree.fromstring(application), "antragsidentifikation").text
    return set_text(valid_message(type_code, seed=seed), "antragsidentifikation", ident)


def invalid_answer_to(application: bytes, *, seed: int = 1) -> bytes:
    """A reply to a query (130103) in the case of `application`, schema-invalid."""
    return set_text(follow_up_to(application, seed=seed), "rueckkanalVorhanden", "vielleicht")


def set_family_name(data: bytes, family: str, given: str | None = None) -> bytes:
    def change(root):
        person = first(root, "angabenZurPerson")
        first(person, "familienname").find("name").text = family
        if given is not None:
            first(person, "vorname").find("name").text = given

    return edit(data, change)


def fetch_files(inbox, folder, files: dict[str, bytes]) -> dict[str, int]:
    """Write files into a drop folder, fetch them; file name -> case id."""
    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    outcomes = []
    inbox.fetch(folder, settle_s=0, on_outcome=outcomes.append)
    return {o.source_name: o.case_id for o in outcomes}
