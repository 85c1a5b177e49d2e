"""The people of a case: each under a heading naming its role, a firm shown as a firm."""

from __future__ import annotations

import pytest
from lxml import etree
from PySide6.QtGui import QTextDocument

from ab_inbox.ui.case_html import render_case, role_title
from ab_inbox.xauslaender.record import PERSON_ROLE_TITLES_DE
from tests.core.ozg_samples import XA, fachkraefte_130401, verpflichtungserklaerung_130201
from tests.messages import fetch_files


def _shown(inbox, tmp_path, data: bytes) -> list[str]:
    """The case view's text of a message, line by line, as the caseworker reads it."""
    [case_id] = fetch_files(inbox, tmp_path / "drop", {"case.xml": data}).values()
    case = inbox.case(case_id)
    document = QTextDocument()
    document.setHtml(render_case(case, inbox.schema_labels(case["messages"][0]["version"])))
    return [line.strip() for line in document.toPlainText().splitlines() if line.strip()]


def _after(lines: list[str], heading: str, count: int) -> list[str]:
    """The lines (table cells) below the last line that reads `heading`."""
    at = len(lines) - 1 - lines[::-1].index(heading)
    return lines[at + 1 : at + 1 + count]


def test_an_employer_is_shown_by_its_name_not_as_a_person(inbox, tmp_path):
    lines = _shown(inbox, tmp_path, fachkraefte_130401())
    assert "Fachkraft" in lines  # the applicant's section names the skilled worker
    assert "Vertretung des Arbeitgebers" in lines
    employer = _after(lines, "Arbeitgeber", 3)
    assert employer[:2] == ["Name", "Muster GmbH"]
    assert employer[2] not in ("Vornamen", "Geburtsdatum")  # no empty person fields
    assert "Familienangehörige Person" in lines


def test_several_guests_are_numbered_and_an_institution_is_a_name(inbox, tmp_path):
    def institution_with_two_guests(root):
        host = root.find(f"{XA}gastgeber")
        host.remove(host[0])
        institution = etree.SubElement(host, f"{XA}institutionell")
        etree.SubElement(institution, f"{XA}nameOrganisation").text = "Verein Brücke e. V."
        guest = root.find(f"{XA}gast")
        companion = etree.SubElement(guest, f"{XA}weitereGaeste")
        for tag, value in (("familienname", "Nguyễn"), ("vorname", "Minh")):
            etree.SubElement(etree.SubElement(companion, f"{XA}{tag}"), "name").text = value

    root = etree.fromstring(verpflichtungserklaerung_130201())
    institution_with_two_guests(root)
    lines = _shown(inbox, tmp_path, etree.tostring(root))
    host = _after(lines, "Gastgeber/in", 3)
    assert host[:2] == ["Name", "Verein Brücke e. V."] and host[2] != "Vornamen"
    assert "Gast 1" in lines and "Gast 2" in lines and "Gast" not in lines


@pytest.mark.parametrize("language_code", ["de", "en"])
def test_role_headings_follow_the_interface_language(language, inbox, tmp_path, language_code):
    language(language_code)
    lines = _shown(inbox, tmp_path, fachkraefte_130401())
    heading = {"de": "Arbeitgeber", "en": "Employer"}[language_code]
    assert _after(lines, heading, 2) == ["Name", "Muster GmbH"]
    assert ("Employer" in lines) == (language_code == "en")


def test_the_role_headings_say_what_the_core_calls_the_roles():
    assert {role: role_title(role) for role in PERSON_ROLE_TITLES_DE} == PERSON_ROLE_TITLES_DE
