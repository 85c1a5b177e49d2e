"""ui.i18n: German source strings by default, English from the shipped catalogue."""

from __future__ import annotations

import ast
import re
from collections import Counter

import pytest
from lxml import etree
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLineEdit

from ab_inbox import config
from ab_inbox.casework.status import STATUSES
from ab_inbox.inbox import Inbox
from ab_inbox.ui import i18n
from ab_inbox.ui.app import create_window
from ab_inbox.ui.follow_up_dialog import FollowUpDialog
from ab_inbox.ui.quarantine_table import QuarantineTable
from ab_inbox.ui.queue_model import COLUMNS
from ab_inbox.ui.settings_dialog import SettingsDialog
from ab_inbox.ui.viewers.find_bar import FindBar
from ab_inbox.xauslaender.message_types import by_code
from tests.conftest import ensure_tester
from tests.ui.conftest import close_window

# The core's labels: the UI's own list (literal for lupdate) must say the same.
GERMAN = {slug: status.label_de for slug, status in STATUSES.items()}
OWN_CONTEXTS = {"Status", "Setting", "SettingsDialog"}
TS_PATH = i18n.TRANSLATIONS_DIR / "ab_inbox_en.ts"
UI_SOURCES = i18n.TRANSLATIONS_DIR.parent
# Python format fields ({0}, {name}), Qt arguments (%1, %L1, %n), printf (%s) and HTML tags.
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%L?\d+|%[sn]|</?[A-Za-z][^<>]*>")


def _catalogue():
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(TS_PATH.read_bytes(), parser)


def _messages():
    """(context, message element) for every message of the English catalogue."""
    for context in _catalogue().iter("context"):
        for message in context.iter("message"):
            yield context.findtext("name") or "", message


def _translations(message) -> list[str]:
    translation = message.find("translation")
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


def _mnemonics(text: str) -> int:
    return text.count("&") - 2 * text.count("&&")


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
    assert dlg.transport.password.accessibleName() == "Certificate password"
    assert dlg.tabs.tabText(dlg.tabs.count() - 1) == "Transport (XTA 2)"


def test_catalogue_is_complete_and_built():
    assert i18n.catalogue_path("en").is_file()
    root = _catalogue()
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


def test_every_message_is_translated_and_keeps_its_placeholders():
    problems = []
    count = 0
    for context, message in _messages():
        count += 1
        source = message.findtext("source") or ""
        where = f"{context or '<empty>'}: {source!r}"
        kind = message.find("translation").get("type")
        if kind is not None:
            problems.append(f"{where} is {kind}")
        for text in _translations(message):
            if not text.strip():
                problems.append(f"{where} has an empty translation")
                continue
            if Counter(PLACEHOLDER.findall(source)) != Counter(PLACEHOLDER.findall(text)):
                problems.append(f"{where}: placeholders differ in {text!r}")
            if _mnemonics(source) != _mnemonics(text):
                problems.append(f"{where}: mnemonic lost or doubled in {text!r}")
            if source.endswith("…") != text.endswith("…"):
                problems.append(f"{where}: trailing ellipsis differs in {text!r}")
    assert count > 100
    assert problems == []


def test_english_ui_strings(language, qtbot):
    language("en")
    translate = QCoreApplication.translate
    assert (
        translate("MainWindow", "AB-Inbox – Posteingang Ausländerbehörde")
        == "AB-Inbox – Immigration Office Inbox"
    )
    assert (
        translate("MainWindow", "Fälle: {0} · Neu: {1} · Ungültig: {2} · Letzter Eingang: {3}")
        == "Cases: {0} · New: {1} · Invalid: {2} · Last received: {3}"
    )
    assert translate("FetchStatus", "Abruf fehlgeschlagen: {0}") == "Fetch failed: {0}"
    assert translate("PdfViewer", "Seite {page} von {count}") == "Page {page} of {count}"

    dialog = FollowUpDialog()
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Follow-up date"
    table = QuarantineTable()
    qtbot.addWidget(table)
    headers = [table.horizontalHeaderItem(i).text() for i in range(table.columnCount())]
    assert headers == ["Received", "File", "Reason", "Explanation"]
    assert table.accessibleName() == "Quarantine"
    table.show_entries(
        [
            {
                "received_at": "2026-11-02T09:00:00Z",
                "source_name": "x.xml",
                "reason_code": "not_xml",
                "text_de": "Die Datei ist kein XML.",
                "text_en": "The file is not XML.",
            }
        ]
    )
    assert table.item(0, 3).text() == "The file is not XML."
    bar = FindBar()
    qtbot.addWidget(bar)
    assert bar.findChild(QLineEdit).placeholderText() == "Find in document…"


def _runtime_contexts() -> set[str]:
    """Contexts the code asks for at run time: class names (self.tr) and literal contexts."""
    contexts = set()
    for path in UI_SOURCES.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                contexts.add(node.name)
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                if any(isinstance(t, ast.Name) and t.id.endswith("CONTEXT") for t in node.targets):
                    contexts.add(node.value.value)
            elif isinstance(node, ast.Call) and node.args:
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                first = node.args[0]
                if name in {"translate", "QT_TRANSLATE_NOOP"} and isinstance(first, ast.Constant):
                    contexts.add(first.value)
    return contexts


def test_catalogue_contexts_are_the_ones_looked_up_at_run_time():
    contexts = {context for context, _ in _messages()}
    assert contexts - _runtime_contexts() == set()


@pytest.fixture
def english_window(language, qtbot, tmp_path, schemas_dir):
    language("en")
    with Inbox(tmp_path / "english.sqlite3") as box:
        ensure_tester(box)
    win = create_window(tmp_path / "english.sqlite3", schemas_dir, config.Settings())
    qtbot.addWidget(win)
    yield win
    close_window(win)


def test_main_window_in_english(english_window):
    win = english_window
    menus = [action.text() for action in win.menuBar().actions()]
    assert menus == ["&File", "&Case", "&Navigation", "&Team", "&Help"]  # the tester is admin
    assert win.trigger("import").text() == "&Import…"
    assert win.trigger("next").text() == "&Next case"

    views = [win.views.item(i).text() for i in range(win.views.count())]
    assert [view.partition(" (")[0] for view in views] == [
        "New",
        "My cases",
        "Unassigned",
        "Due today",
        "Overdue",
        "Follow-up due",
        "Invalid",
        "Quarantine",
        "Open",
        "All",
    ]
    assert views[0] == "New (0)"  # with the count, once the counts have arrived

    model = win.model
    headers = [
        model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())
    ]
    assert headers[:4] == ["Received", "Age/Due", "Type", "Applicant"]
    assert {"Nationality", "Status", "Assignee", "Attachments"} <= set(headers)
    assert not set(headers) & {"Eingang", "Antragsteller", "Bearbeitung", "Anhänge"}

    case_menu = win.menuBar().actions()[1].menu()
    status_menu = next(a.menu() for a in case_menu.actions() if a.text() == "&Status")
    assert [a.text() for a in status_menu.actions()] == [
        "In progress",
        "Query",
        "Ready for export",
        "Parked",
        "Not responsible",
        "Done",
    ]


def test_findings_follow_the_interface_language(language, inbox, tmp_path):
    from ab_inbox.ui.case_html import render_case
    from tests.messages import fetch_files, set_text, valid_message

    bad = set_text(valid_message(seed=44), "antragsdatum", "kaputt")
    [case_id] = fetch_files(inbox, tmp_path / "drop", {"bad.xml": bad}).values()
    case = inbox.case(case_id)
    finding = case["messages"][0]["findings"][0]
    assert finding["text_de"] != finding["text_en"]
    assert finding["text_de"] in render_case(case)
    language("en")
    html = render_case(case)
    assert finding["text_en"] in html.replace("&#x27;", "'") and finding["text_de"] not in html


def test_message_types_are_named_in_english(language, qtbot, tmp_path, schemas_dir):
    from tests.messages import fetch_files, valid_message

    language("en")
    db = tmp_path / "types.sqlite3"
    with Inbox(db, schemas_dir) as box:
        ensure_tester(box)
        fetch_files(box, tmp_path / "drop", {"a.xml": valid_message(seed=5)})
    win = create_window(db, schemas_dir, config.Settings())
    qtbot.addWidget(win)
    try:
        win.refresh()
        column = [key for key, *_ in COLUMNS].index("type_title")
        shown = win.model.data(win.model.index(0, column))
        code = win.model.row_data(0)["type_code"]
        assert shown == by_code(code).title_en != by_code(code).title_de
    finally:
        close_window(win)


def test_the_reply_dialog_speaks_english(language, qtbot):
    from ab_inbox.ui.compose_dialog import ComposeDialog
    from ab_inbox.xauslaender.outbound import REPLY_TYPES

    language("en")
    kind = next(iter(REPLY_TYPES.values()))
    dialog = ComposeDialog(kind, {}, {})
    qtbot.addWidget(dialog)
    assert kind.title_en in dialog.windowTitle()
    assert set(dialog.labels.values()) == {f.label_en for f in kind.fields}


def test_english_mnemonics_are_unique_too(english_window):
    def key(text: str) -> str | None:
        text = text.replace("&&", "")
        at = text.find("&")
        return text[at + 1].lower() if at >= 0 else None

    win = english_window
    bar = [key(a.text()) for a in win.menuBar().actions() if a.isVisible()]
    tabs = [key(win.case_view.tabs.tabText(i)) for i in range(win.case_view.tabs.count())]
    assert len(bar + tabs) == len(set(bar + tabs)), (bar, tabs)
    menus = [a.menu() for a in win.menuBar().actions() if a.menu() is not None]
    while menus:
        menu = menus.pop()
        keys = [k for a in menu.actions() if not a.isSeparator() and (k := key(a.text()))]
        assert len(keys) == len(set(keys)), (menu.title(), keys)
        menus.extend(a.menu() for a in menu.actions() if a.menu() is not None)
