"""The case view keeps each case's data with that case: note drafts, the raw XML on screen,
and keyboard mnemonics that reach one thing only."""

from __future__ import annotations

import ast
import hashlib
import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel

from ab_inbox.config import Settings
from ab_inbox.demo import generate_demo
from ab_inbox.inbox import Inbox
from ab_inbox.ui import attachments
from ab_inbox.ui.app import create_window
from tests.conftest import ensure_tester
from tests.messages import fetch_files, set_family_name, valid_message
from tests.ui.conftest import close_window

UI = Path(attachments.__file__).parent


@pytest.fixture
def store(tmp_path, schemas_dir):
    db_path = tmp_path / "ui.sqlite3"
    files = {p.name: p.read_bytes() for p in generate_demo(tmp_path / "gen", 6, seed=8)}
    files["mueller.xml"] = set_family_name(valid_message(seed=71), "Müller", "Jürgen")
    files["lukasz.xml"] = set_family_name(valid_message(seed=72), "Wróbel", "Łukasz")
    with Inbox(db_path, schemas_dir) as box:
        ensure_tester(box)
        fetch_files(box, tmp_path / "drop-feed", files)
    return db_path


@pytest.fixture
def window(qtbot, store, schemas_dir):
    win = create_window(store, schemas_dir, Settings())
    qtbot.addWidget(win)
    win.show()
    yield win
    close_window(win)


def _row_of_name(win, family_name: str) -> int:
    for row in range(win.model.rowCount()):
        if (win.model.row_data(row)["applicant_name"] or "").startswith(family_name):
            return row
    raise AssertionError(family_name)


def _xml_text(win) -> str:
    viewer = win.case_view.raw_xml_holder.currentWidget()
    return viewer.text() if viewer is not None else ""


def _open_xml_tab(win) -> None:
    view = win.case_view
    view.tabs.setCurrentWidget(view.raw_xml_holder)


# --- note drafts -------------------------------------------------------------------------------
def test_a_note_draft_stays_with_the_case_it_was_written_on(window):
    view = window.case_view
    window.table.selectRow(0)
    first = view.case["id"]
    view.note_edit.setPlainText("Pass liegt nur als Kopie vor")

    window.trigger("next").trigger()  # Alt+Down
    second = view.case["id"]
    assert second != first
    assert view.note_edit.toPlainText() == ""
    view.note_button.click()
    assert window.inbox.case(second)["notes"] == []

    window.trigger("previous").trigger()
    assert view.case["id"] == first
    assert view.note_edit.toPlainText() == "Pass liegt nur als Kopie vor"
    view.note_button.click()
    assert [n["text"] for n in window.inbox.case(first)["notes"]] == [
        "Pass liegt nur als Kopie vor"
    ]
    assert window.inbox.case(second)["notes"] == []
    assert view.note_edit.toPlainText() == "" and view.draft(first) == ""


def test_a_failed_note_write_keeps_the_text(window, store, warnings):
    view = window.case_view
    window.table.selectRow(0)
    case_id = view.case["id"]
    with closing(sqlite3.connect(store)) as db:  # the store refuses notes for a moment
        db.execute(
            "CREATE TRIGGER refuse_notes BEFORE INSERT ON case_notes"
            " BEGIN SELECT RAISE(ABORT, 'no notes now'); END"
        )
        db.commit()
    view.note_edit.setPlainText("Rückfrage wegen Meldebescheinigung")
    view.note_button.click()

    assert warnings and "IntegrityError" in warnings[0]
    assert window.inbox.case(case_id)["notes"] == []
    assert view.case["id"] == case_id
    assert view.note_edit.toPlainText() == "Rückfrage wegen Meldebescheinigung"

    with closing(sqlite3.connect(store)) as db:
        db.execute("DROP TRIGGER refuse_notes")
        db.commit()
    view.note_button.click()
    assert [n["text"] for n in window.inbox.case(case_id)["notes"]] == [
        "Rückfrage wegen Meldebescheinigung"
    ]
    assert view.note_edit.toPlainText() == ""


def test_no_case_no_note_editor(window):
    window.table.selectRow(0)
    window.case_view.note_edit.setPlainText("Entwurf")
    window.case_view.show_case(None)
    assert window.case_view.note_edit.toPlainText() == ""
    assert not window.case_view.note_button.isEnabled()


# --- raw XML -----------------------------------------------------------------------------------
def test_the_xml_tab_follows_the_case(window):
    window.table.selectRow(_row_of_name(window, "Müller"))
    _open_xml_tab(window)
    assert "Müller" in _xml_text(window)

    window.table.selectRow(_row_of_name(window, "Wróbel"))
    assert "Wróbel" in _xml_text(window)
    assert "Müller" not in _xml_text(window)

    window.case_view.show_case(None)
    assert window.case_view.raw_xml_holder.count() == 0
    assert _xml_text(window) == ""


def test_xml_of_a_case_no_longer_shown_is_dropped(window):
    window.table.selectRow(_row_of_name(window, "Müller"))
    mueller = window.case_view._raw_message_id()
    window.table.selectRow(_row_of_name(window, "Wróbel"))
    _open_xml_tab(window)
    attachments.open_raw_xml(window, mueller)  # a late answer for the case before
    assert "Wróbel" in _xml_text(window)
    assert "Müller" not in _xml_text(window)


def test_the_xml_tab_is_emptied_when_the_case_changes_elsewhere(window):
    window.table.selectRow(_row_of_name(window, "Müller"))
    _open_xml_tab(window)
    window.case_view.tabs.setCurrentIndex(0)
    window.table.selectRow(_row_of_name(window, "Wróbel"))
    assert window.case_view.raw_xml_holder.count() == 0  # not loaded until the tab is opened
    _open_xml_tab(window)
    assert "Wróbel" in _xml_text(window)


def test_saving_the_raw_xml_writes_the_file_and_audits_it(window, monkeypatch, tmp_path):
    window.table.selectRow(_row_of_name(window, "Müller"))
    case = window.case_view.case
    message_id = window.case_view._raw_message_id()
    _open_xml_tab(window)
    target = tmp_path / "saved.xml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    viewer = window.case_view.raw_xml_holder.currentWidget()
    save = next(a for a in viewer.findChildren(QAction) if a.text() == "Speichern unter…")
    assert save.isEnabled()
    save.trigger()

    assert target.read_bytes() == window.inbox.message_bytes(message_id)
    rows = window.inbox.db.execute(
        "SELECT case_id, detail FROM audit WHERE action = 'message_saved' AND message_id = ?",
        (message_id,),
    ).fetchall()
    assert len(rows) == 1 and rows[0][0] == case["id"] and rows[0][1].startswith("sha256=")
    assert window.statusBar().currentMessage() == f"Gespeichert: {target}"


def test_the_core_saves_a_message_with_an_audit_entry(inbox, tmp_path):
    ids = fetch_files(inbox, tmp_path / "drop", {"a.xml": valid_message(seed=5)})
    case = inbox.case(ids["a.xml"])
    message_id = case["messages"][0]["id"]
    sha = inbox.save_message(message_id, tmp_path / "out.xml")
    assert (tmp_path / "out.xml").read_bytes() == inbox.message_bytes(message_id)
    assert sha == hashlib.sha256(inbox.message_bytes(message_id)).hexdigest()
    count = inbox.db.execute(
        "SELECT count(*) FROM audit WHERE action = 'message_saved' AND message_id = ?",
        (message_id,),
    ).fetchone()[0]
    assert count == 1
    with pytest.raises(LookupError):
        inbox.save_message(999_999, tmp_path / "none.xml")
    assert not (tmp_path / "none.xml").exists()


def test_a_saved_document_is_audited_with_its_case(inbox, tmp_path):
    """The audit viewer and its export filter by case: a saved document must be found there."""
    ids = fetch_files(inbox, tmp_path / "drop", {"a.xml": valid_message(seed=5)})
    case = inbox.case(ids["a.xml"])
    message = case["messages"][0]
    position = next(a["position"] for a in message["attachments"] if a["state"] == "stored")
    inbox.save_attachment(message["id"], position, tmp_path / "doc.pdf")
    rows = inbox.db.execute(
        "SELECT case_id, detail FROM audit WHERE action = 'attachment_saved' AND message_id = ?",
        (message["id"],),
    ).fetchall()
    assert rows == [(case["id"], rows[0][1])] and rows[0][1].startswith(f"position={position} ")


# --- mnemonics and translatable text ----------------------------------------------------------
def _mnemonic(text: str) -> str | None:
    found = re.search(r"(?<!&)&([^&\s])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def test_tab_mnemonics_clash_with_no_menu_or_button(window):
    window.table.selectRow(_row_of_name(window, "Müller"))
    _open_xml_tab(window)  # a viewer with its find bar ("&Suchen:") is on screen
    view = window.case_view
    texts = [a.text() for a in window.menuBar().actions() if a.isVisible()]
    texts += [view.tabs.tabText(i) for i in range(view.tabs.count())]
    texts += [b.text() for b in view.findChildren(QAbstractButton)]
    texts += [label.text() for label in view.findChildren(QLabel) if label.buddy() is not None]
    keys = [k for k in map(_mnemonic, texts) if k]
    assert len(keys) >= 9  # five menus, four tabs, the find bar
    assert len(keys) == len(set(keys)), sorted(keys)


@pytest.mark.parametrize("module", ["case_view.py", "attachments.py"])
def test_every_translated_text_is_a_plain_literal(module):
    """lupdate extracts only literals: no variables, f-strings or tr() inside f-strings."""
    tree = ast.parse((UI / module).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            calls = [n for n in ast.walk(node) if isinstance(n, ast.Call)]
            names = {getattr(c.func, "attr", getattr(c.func, "id", "")) for c in calls}
            assert not names & {"tr", "translate"}, ast.unparse(node)
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name == "tr":
                assert isinstance(node.args[0], ast.Constant), ast.unparse(node)
            if name == "translate":
                assert all(isinstance(a, ast.Constant) for a in node.args[:2]), ast.unparse(node)


def test_a_view_that_cannot_be_audited_is_taken_off_screen(window, store, warnings):
    """Every look at personal data is in the audit log; when that entry cannot be written,
    the case is not left on screen and the user is told."""
    with closing(sqlite3.connect(store)) as db:
        db.execute(
            "CREATE TRIGGER refuse_views BEFORE INSERT ON audit WHEN NEW.action = 'viewed'"
            " BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END"
        )
        db.commit()
    window.table.selectRow(1)
    assert window.case_view.case is None
    assert len(warnings) == 1


def test_a_saved_search_can_be_deleted_from_the_side_list(window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window.inbox.save_search("Müller-Anträge", "all", "muller")
    window.reload_saved_searches()
    saved = [i for i in range(window.views.count()) if "Müller" in window.views.item(i).text()]
    window.views.setCurrentRow(saved[0])
    asked, answer = [], [QMessageBox.StandardButton.No]
    monkeypatch.setattr(
        "PySide6.QtWidgets.QMessageBox.question",
        lambda *args: asked.append(args) or answer[0],
    )
    delete = window.trigger("delete_search")
    assert delete in window.views.actions()  # also the side list's context menu
    delete.trigger()
    _parent, _title, text, _buttons, default = asked[0]
    assert "Müller-Anträge" in text
    assert default == QMessageBox.StandardButton.No  # Enter by habit deletes nothing
    assert len(window.inbox.saved_searches()) == 1  # answered No: kept
    answer[0] = QMessageBox.StandardButton.Yes
    delete.trigger()
    assert window.inbox.saved_searches() == []
    assert not any("Müller" in window.views.item(i).text() for i in range(window.views.count()))
    assert window.current_view() == ("all", None)


def test_a_follow_up_message_in_verlauf_opens_its_own_xml(window, store, schemas_dir, tmp_path):
    with Inbox(store, schemas_dir) as box:
        generate_demo(tmp_path / "more", 12, seed=3)
        box.fetch(tmp_path / "more", settle_s=0)
    window.after_own_write()
    case_id = max(window.inbox.case_ids(), key=lambda c: len(window.inbox.case(c)["messages"]))
    messages = window.inbox.case(case_id)["messages"]
    assert len(messages) >= 2
    window.table.selectRow(window.model.row_of(case_id))
    html = window.case_view.details.toHtml()
    later = messages[-1]["id"]
    assert f"message:{later}" in html
    window.case_view.details.anchorClicked.emit(QUrl(f"message:{later}"))
    assert window.case_view.tabs.currentWidget() is window.case_view.raw_xml_holder
    shown = _xml_text(window)
    assert window.inbox.message_bytes(later).decode("utf-8")[:400] in shown
    assert window.inbox.message_bytes(messages[0]["id"]).decode("utf-8")[:400] not in shown
