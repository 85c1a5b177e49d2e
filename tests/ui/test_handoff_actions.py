"""Export, reply, save and print from the desktop, through the same core calls as the CLI."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPdfWriter
from PySide6.QtWidgets import QDialog

from ab_inbox.config import Settings
from ab_inbox.ui import handoff_actions
from ab_inbox.ui.app import create_window
from tests.conftest import ensure_tester
from tests.messages import fetch_files, valid_message
from tests.ui.conftest import close_window


@pytest.fixture
def setup(qtbot, tmp_path, schemas_dir):
    from ab_inbox.inbox import Inbox

    db = tmp_path / "h.sqlite3"
    with Inbox(db, schemas_dir) as box:
        ensure_tester(box)
        fetch_files(box, tmp_path / "drop", {"a.xml": valid_message(seed=501)})
    settings = Settings()
    for name, value in {
        "export_folder": str(tmp_path / "fv"),
        "outbox_folder": str(tmp_path / "out"),
        "office_dvdv_ids": "abh:00000001",
        "office_street": "Rathausplatz 1",
        "office_postcode": "12345",
        "office_city": "Musterstadt",
        "office_email": "abh@example.org",
    }.items():
        settings.set(name, value)
    (tmp_path / "fv").mkdir()
    (tmp_path / "out").mkdir()
    window = create_window(db, schemas_dir, settings)
    qtbot.addWidget(window)
    window.table.selectRow(0)
    yield window, tmp_path
    close_window(window)


def test_export_of_a_new_case_asks_for_a_reason_and_records_it(setup, monkeypatch):
    window, tmp_path = setup
    monkeypatch.setattr(
        handoff_actions.QInputDialog, "getText", lambda *a, **k: ("Vorsprache heute", True)
    )
    case_id = window.case_view.case["id"]
    handoff_actions.export_case(window)
    exports = window.inbox.exports(case_id)
    assert len(exports) == 1 and exports[0]["override_reason"] == "Vorsprache heute"
    assert any(p.name.endswith(".manifest.json") for p in (tmp_path / "fv").iterdir())


def test_a_reply_is_composed_from_the_type_fields_and_sent(setup, monkeypatch):
    window, tmp_path = setup
    from ab_inbox.ui import compose_dialog

    monkeypatch.setattr(
        compose_dialog.ComposeDialog, "exec", lambda self: QDialog.DialogCode.Accepted
    )
    case_id = window.case_view.case["id"]
    handoff_actions.compose_reply(window, "130104")
    [sent] = list((tmp_path / "out").glob("*.xml"))
    assert b"Statusmeldung" in sent.read_bytes()
    assert window.inbox.replies(case_id)
    window.load_case(case_id, audit=False)
    assert "Antwort gesendet" in window.case_view.details.toPlainText()


def test_summary_is_saved_and_printed(setup, monkeypatch):
    window, tmp_path = setup
    target = tmp_path / "fall.pdf"
    monkeypatch.setattr(
        handoff_actions.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "")
    )
    handoff_actions.save_summary(window)
    pdf = target.read_bytes()
    assert pdf.startswith(b"%PDF")

    printed = tmp_path / "printed.pdf"
    writer = QPdfWriter(str(printed))
    pages = handoff_actions.print_pdf(pdf, writer)
    del writer
    assert pages >= 1 and printed.read_bytes().startswith(b"%PDF")
    audit = [r[0] for r in window.inbox.db.execute("SELECT action FROM audit")]
    assert audit.count("summary_printed") == 1


def test_a_selection_of_cases_prints_as_one_job_with_attachments(setup, monkeypatch, tmp_path):
    window, _ = setup
    from PySide6.QtCore import QItemSelectionModel

    from ab_inbox.inbox import Inbox

    with Inbox(window.inbox.db_path, window.inbox._schemas_dir) as box:
        fetch_files(box, tmp_path / "more", {"b.xml": valid_message(seed=502)})
    window.poll_for_changes()
    model = window.table.selectionModel()
    for row in range(window.model.rowCount()):
        model.select(
            window.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    assert len(window.selected_case_ids()) == 2

    printed = tmp_path / "batch.pdf"
    writer = QPdfWriter(str(printed))
    monkeypatch.setattr(handoff_actions, "choose_printer", lambda _window: writer)
    handoff_actions.print_summary(window, with_attachments=True)
    writer = None  # the PDF is finished when the writer goes away
    assert printed.read_bytes().startswith(b"%PDF")
    audit = [r[0] for r in window.inbox.db.execute("SELECT action FROM audit")]
    assert audit.count("summary_printed") == 2
