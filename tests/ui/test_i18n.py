"""ui.i18n: German source strings by default, English from the shipped catalogue."""

from __future__ import annotations

import pytest
from lxml import etree
from PySide6.QtCore import QCoreApplication

from ab_inbox import config
from ab_inbox.ui import i18n
from ab_inbox.ui.settings_dialog import SettingsDialog

GERMAN = {
    "new": "Neu",
    "in_progress": "In Bearbeitung",
    "query": "Rückfrage",
    "ready": "Bereit zum Export",
    "exported": "Exportiert",
    "parked": "Zurückgestellt",
    "not_responsible": "Unzuständig",
    "done": "Erledigt",
}
OWN_CONTEXTS = {"Status", "Setting", "SettingsDialog"}


@pytest.fixture
def language(qapp):
    def install(lang: str):
        return i18n.install_translators(qapp, lang)

    yield install
    i18n.remove_translators(qapp)


def test_german_is_the_default(qapp):
    assert {slug: i18n.tr_status(slug) for slug in i18n.STATUS_SLUGS} == GERMAN
    assert i18n.tr_status("unknown_slug") == "unknown_slug"


def test_english_status_labels(language):
    installed = language("en")
    assert any(t.language() == "en" and "ab_inbox" in t.filePath() for t in installed)
    assert i18n.tr_status("new") == "New"
    assert i18n.tr_status("query") == "Query"
    assert i18n.tr_status("not_responsible") == "Not responsible"


def test_switching_back_to_german(language):
    language("en")
    assert i18n.tr_status("done") == "Done"
    language("de")
    assert i18n.tr_status("done") == "Erledigt"


def test_german_installs_qt_strings(language):
    installed = language("de")
    assert all("ab_inbox" not in t.filePath() for t in installed)
    if installed:
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"


def test_settings_dialog_in_english(language, qtbot, fresh_settings):
    language("en")
    dlg = SettingsDialog(fresh_settings)
    qtbot.addWidget(dlg)
    assert dlg.windowTitle() == "Settings"
    for setting in config.SETTINGS:
        assert dlg.editor(setting.name).accessibleName() == setting.title_en
        assert dlg.editor(setting.name).toolTip() != setting.help_de, setting.name
    assert dlg.xta_user.accessibleName() == "XTA user"


def test_catalogue_is_complete_and_built():
    ts = i18n.TRANSLATIONS_DIR / "ab_inbox_en.ts"
    assert i18n.catalogue_path("en").is_file()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(ts.read_bytes(), parser)
    unfinished = [
        m.findtext("source")
        for context in root.iter("context")
        if context.findtext("name") in OWN_CONTEXTS
        for m in context.iter("message")
        if m.find("translation").get("type") == "unfinished"
    ]
    assert unfinished == []
    sources = {m.findtext("source") for m in root.iter("message")}
    assert set(GERMAN.values()) <= sources
    assert {s.title_de for s in config.SETTINGS} <= sources
    assert {s.help_de for s in config.SETTINGS} <= sources
