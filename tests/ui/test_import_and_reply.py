"""Importing files one by one, composing a reply the core may refuse, and who may override the
export rule: with real stores and the real core, only the modal dialogs are driven."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QProgressDialog

from ab_inbox.config import Settings
from ab_inbox.inbox import Inbox
from ab_inbox.ui import compose_dialog, handoff_actions
from tests.conftest import ensure_tester
from tests.messages import fetch_files, valid_message

FOLDERS = {
    "export_folder": "fv",
    "outbox_folder": "out",
}
OFFICE = {
    "office_dvdv_ids": "abh:00000001",
    "office_street": "Rathausplatz 1",
    "office_postcode": "12345",
    "office_city": "Musterstadt",
    "office_email": "abh@example.org",
}


@pytest.fixture
def open_window(main_windows, tmp_path, schemas_dir):
    """open_window(login=None): the main window on a store with one new case, as that login
    (None: the tester, who is administration); a team lead and a caseworker exist too."""
    db = tmp_path / "ir.sqlite3"
    with Inbox(db, schemas_dir) as box:
        ensure_tester(box)
        box.add_user("lead", "teamlead", "Frau Leitner")
        box.add_user("anna", "caseworker", "Anna Arslan")
        fetch_files(box, tmp_path / "drop", {"a.xml": valid_message(seed=601)})
    settings = Settings()
    for name, folder in FOLDERS.items():
        (tmp_path / folder).mkdir()
        settings.set(name, str(tmp_path / folder))
    for name, value in OFFICE.items():
        settings.set(name, value)

    def make(login: str | None = None):
        window = main_windows(db, schemas_dir, settings, login)
        window.table.selectRow(0)
        return window

    return make


def _visible_progress(window) -> list[QProgressDialog]:
    return [d for d in window.findChildren(QProgressDialog) if d.isVisible()]


def _summary(window) -> QMessageBox:
    [box] = [b for b in window.findChildren(QMessageBox) if b.objectName() == "import_summary"]
    return box


# --- import ----------------------------------------------------------------------------------
def test_an_unreadable_file_is_named_and_the_others_are_imported(
    open_window, qtbot, tmp_path, warnings
):
    window = open_window()
    paths = []
    for i, name in enumerate(["one.xml", "two.xml", "broken.xml", "three.xml"]):
        path = tmp_path / name
        if name == "broken.xml":
            path.symlink_to(tmp_path / "moved-away.xml")  # listed, but its file is gone
        else:
            path.write_bytes(valid_message(seed=610 + i))
        paths.append(path)
    before = window.model.rowCount()
    with qtbot.waitSignal(window.import_finished) as blocker:
        window.import_files(paths)
    assert blocker.args[0] == ["accepted", "accepted", "failed", "accepted"]
    assert warnings == []
    assert window.model.rowCount() == before + 3
    assert _visible_progress(window) == []
    box = _summary(window)
    assert box.isVisible()
    assert "3 gespeichert" in box.text() and "1 fehlgeschlagen" in box.text()
    assert "broken.xml: Datei nicht mehr vorhanden (FileNotFoundError)" in box.text()
    assert window.statusBar().currentMessage().startswith("Import beendet: 3 gespeichert")


def test_an_import_without_failures_shows_no_box(open_window, qtbot, tmp_path, warnings):
    window = open_window()
    path = tmp_path / "fine.xml"
    path.write_bytes(valid_message(seed=620))
    with qtbot.waitSignal(window.import_finished) as blocker:
        window.import_files([path])
    assert blocker.args[0] == ["accepted"]
    assert not [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert _visible_progress(window) == []


def test_on_worker_threads_a_vanished_file_fails_alone_and_the_progress_closes(
    open_window, qtbot, tmp_path, warnings, real_threads
):
    window = open_window()
    good = tmp_path / "good.xml"
    good.write_bytes(valid_message(seed=630))
    gone = tmp_path / "gone.xml"
    with qtbot.waitSignal(window.import_finished, timeout=20000) as blocker:
        window.import_files([gone, good])
    assert blocker.args[0] == ["failed", "accepted"]
    assert warnings == []
    qtbot.waitUntil(lambda: _visible_progress(window) == [])
    assert "gone.xml: Datei nicht mehr vorhanden (FileNotFoundError)" in _summary(window).text()


# --- reply -----------------------------------------------------------------------------------
@pytest.fixture
def compose(monkeypatch):
    """Run each showing of the compose dialog through the next step; the steps click its buttons
    like a user. Returns the dialogs as shown, one entry per showing."""
    shown = []

    def run(steps):
        def exec_(self):
            self.setResult(0)
            self.show()
            shown.append(self)
            steps[len(shown) - 1](self)
            result = self.result()
            self.hide()
            return result

        monkeypatch.setattr(compose_dialog.ComposeDialog, "exec", exec_)
        return shown

    return run


def _button(dialog, which) -> None:
    dialog.findChild(QDialogButtonBox).button(which).click()


def _send(dialog) -> None:
    _button(dialog, QDialogButtonBox.StandardButton.Ok)


def _editor(dialog, key):
    return dialog.editors[key][1]


QUESTION = "Bitte reichen Sie eine Kopie Ihres Passes nach."


def test_a_refused_reply_comes_back_with_everything_typed(open_window, compose, tmp_path, warnings):
    window = open_window()
    case_id = window.case_view.case["id"]

    def first(dialog):
        _editor(dialog, "frage").setPlainText(QUESTION)
        _editor(dialog, "unterlagen").setPlainText("Pass\nMeldebescheinigung")
        _editor(dialog, "fristdatum").setDate(QDate.currentDate().addDays(-3))
        _send(dialog)

    def second(dialog):
        assert _editor(dialog, "frage").toPlainText() == QUESTION
        assert _editor(dialog, "unterlagen").toPlainText() == "Pass\nMeldebescheinigung"
        assert "Vergangenheit" in dialog.problem.text() and dialog.problem.isVisible()
        assert _editor(dialog, "fristdatum").property("invalid") is True
        assert _editor(dialog, "frage").property("invalid") is False
        _editor(dialog, "fristdatum").setDate(QDate.currentDate().addDays(7))
        _send(dialog)

    shown = compose([first, second])
    handoff_actions.compose_reply(window, "130102")
    assert warnings == []
    assert len(shown) == 2 and shown[0] is shown[1]
    [sent] = list((tmp_path / "out").glob("*.xml"))
    assert "Kopie Ihres Passes" in sent.read_text(encoding="utf-8")
    assert len(window.inbox.replies(case_id)) == 1


def test_an_empty_required_field_keeps_the_dialog_open(open_window, compose, tmp_path, monkeypatch):
    window = open_window()
    case_id = window.case_view.case["id"]
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)

    def only(dialog):
        _editor(dialog, "frage").setPlainText("   ")
        _send(dialog)
        assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
        assert "Frage" in dialog.problem.text()
        assert _editor(dialog, "frage").property("invalid") is True
        _editor(dialog, "frage").setPlainText(QUESTION)
        _button(dialog, QDialogButtonBox.StandardButton.Cancel)

    shown = compose([only])
    handoff_actions.compose_reply(window, "130102")
    assert len(shown) == 1
    assert list((tmp_path / "out").iterdir()) == []
    assert window.inbox.replies(case_id) == []


def test_what_was_typed_is_dropped_only_when_the_user_says_so(
    open_window, compose, tmp_path, monkeypatch
):
    window = open_window()
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked = []

    def question(_parent, _title, text, _buttons, default):
        asked.append((text, default))
        return answers[len(asked) - 1]

    monkeypatch.setattr(QMessageBox, "question", question)

    def only(dialog):
        _editor(dialog, "frage").setPlainText(QUESTION)
        dialog.reject()  # Escape
        assert dialog.isVisible() and _editor(dialog, "frage").toPlainText() == QUESTION
        dialog.reject()

    shown = compose([only])
    handoff_actions.compose_reply(window, "130102")
    assert not shown[0].isVisible()
    assert [default for _text, default in asked] == [QMessageBox.StandardButton.No] * 2
    assert "nicht gesendet" in asked[0][0]
    assert list((tmp_path / "out").iterdir()) == []


def test_a_changed_choice_is_not_dropped_without_asking(open_window, compose, monkeypatch):
    window = open_window()
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a: asked.append(a) or QMessageBox.StandardButton.No
    )

    def only(dialog):
        [combo] = [e for kind, e in dialog.editors.values() if kind == "code"]
        combo.setCurrentIndex((combo.currentIndex() + 1) % combo.count())
        dialog.reject()  # Escape: asked, No keeps it
        assert dialog.isVisible() and len(asked) == 1
        monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
        dialog.reject()

    shown = compose([only])
    handoff_actions.compose_reply(window, "130104")  # Statusmeldung: a status code
    assert len(shown) == 1 and not shown[0].isVisible()


# --- export override -------------------------------------------------------------------------
@pytest.fixture
def dialogs(monkeypatch):
    """Records what the export asks or says; a request for a reason is answered."""
    seen = {"asked": [], "told": []}

    def ask(*args, **kwargs):
        seen["asked"].append(args[2])
        return "Vorsprache heute", True

    monkeypatch.setattr(handoff_actions.QInputDialog, "getText", ask)
    monkeypatch.setattr(QMessageBox, "information", lambda *args: seen["told"].append(args[2]))
    return seen


def test_a_caseworker_is_told_a_team_lead_can_export_anyway(
    open_window, dialogs, tmp_path, warnings
):
    window = open_window("anna")
    case_id = window.case_view.case["id"]
    handoff_actions.export_case(window)
    assert dialogs["asked"] == [] and warnings == []
    [told] = dialogs["told"]
    assert "Teamleitung kann den Fall trotzdem exportieren" in told
    assert window.inbox.exports(case_id) == []
    assert list((tmp_path / "fv").iterdir()) == []


def test_a_team_lead_is_offered_the_override(open_window, dialogs, warnings):
    window = open_window("lead")
    case_id = window.case_view.case["id"]
    handoff_actions.export_case(window)
    assert dialogs["told"] == [] and warnings == [] and len(dialogs["asked"]) == 1
    [export] = window.inbox.exports(case_id)
    assert export["override_reason"] == "Vorsprache heute"
