"""The caseworker's window: views, search, sort, case view, keyboard triage, live updates."""

from __future__ import annotations

import shutil
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, Qt, QUrl
from PySide6.QtGui import QAction, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView

from ab_inbox.config import Settings
from ab_inbox.demo import generate_demo
from ab_inbox.inbox import Inbox
from ab_inbox.store.search_text import fold
from ab_inbox.ui.app import create_window
from ab_inbox.ui.follow_up_dialog import FollowUpDialog
from ab_inbox.ui.queue_model import COLUMNS
from ab_inbox.ui.shortcuts_dialog import ShortcutsDialog
from tests.conftest import ensure_tester
from tests.messages import set_family_name, set_text, valid_message
from tests.ui.conftest import close_window


def _fetch_into(db_path, schemas_dir, files: dict[str, bytes], tmp_path) -> None:
    drop = tmp_path / "drop-feed"
    drop.mkdir(exist_ok=True)
    for name, data in files.items():
        (drop / name).write_bytes(data)
    with Inbox(db_path, schemas_dir) as box:
        ensure_tester(box)
        box.fetch(drop, settle_s=0)


@pytest.fixture
def store(tmp_path, schemas_dir):
    db_path = tmp_path / "ui.sqlite3"
    files = {p.name: p.read_bytes() for p in generate_demo(tmp_path / "gen", 24, seed=8)}
    files["mueller.xml"] = set_family_name(valid_message(seed=71), "Müller", "Jürgen")
    files["lukasz.xml"] = set_family_name(valid_message(seed=72), "Wróbel", "Łukasz")
    files["invalid.xml"] = set_text(valid_message(seed=73), "antragsdatum", "kaputt")
    _fetch_into(db_path, schemas_dir, files, tmp_path)
    return db_path


@pytest.fixture
def window(qtbot, store, schemas_dir):
    win = create_window(store, schemas_dir, Settings())
    qtbot.addWidget(win)
    win.show()
    yield win
    close_window(win)


def _names(win) -> list[str]:
    return [win.model.row_data(r)["applicant_name"] for r in range(win.model.rowCount())]


def _select_view(win, key: str) -> None:
    for i in range(win.views.count()):
        if win.views.item(i).data(Qt.ItemDataRole.UserRole + 1)[0] == key:
            win.views.setCurrentRow(i)
            return
    raise AssertionError(key)


def test_views_show_counts_and_filter_the_queue(window):
    assert window.model.rowCount() >= 15  # "Neu": nothing worked on yet
    texts = [window.views.item(i).text() for i in range(window.views.count())]
    assert any(t.startswith("Neu (") for t in texts)
    assert any(t.startswith("Ungültig (1)") for t in texts)
    _select_view(window, "invalid")
    assert window.model.rowCount() == 1
    assert window.model.row_data(0)["validation"] == "invalid"


def test_status_bar_tells_when_the_inbox_last_fetched_and_when_that_failed(
    window, store, schemas_dir, tmp_path
):
    from ab_inbox.ui.i18n import local_time

    with Inbox(store, schemas_dir) as box:
        runs = box.last_fetches()
    assert window.fetch_label.text() == f"Letzter Abruf: {local_time(runs['folder']['at'])}"
    assert "Eingangsordner: " in window.fetch_label.toolTip()
    assert "UTC" not in window.counts_label.text()  # times in the workstation's local time
    assert not window.fetch_label.styleSheet()

    with Inbox(store, schemas_dir) as box, pytest.raises(FileNotFoundError):
        box.fetch(tmp_path / "unmounted", settle_s=0)  # a watch elsewhere lost its folder
    window.poll_for_changes()

    assert window.fetch_label.text().startswith("Abruf fehlgeschlagen: ")
    assert "FileNotFoundError" in window.fetch_label.toolTip()
    assert "zuletzt gelungen: " + local_time(runs["folder"]["at"]) in window.fetch_label.toolTip()
    assert "b00020" in window.fetch_label.styleSheet()


@pytest.mark.parametrize(
    ("typed", "expected"), [("muller", "Müller, Jürgen"), ("Lukasz", "Wróbel, Łukasz")]
)
def test_search_ignores_diacritics(window, qtbot, typed, expected):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()
    qtbot.keyClicks(window.search, typed)
    window.search_timer.timeout.emit()
    assert expected in _names(window)
    assert len(_names(window)) < window.inbox.view_counts()["all"]


def test_sorting_by_name_happens_in_sql(window):
    column = [c[0] for c in __import__("ab_inbox.ui.queue_model").ui.queue_model.COLUMNS].index(
        "applicant_name"
    )
    window.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    from ab_inbox.store.search_text import fold

    names = [n for n in _names(window) if n and n != "–"]
    assert [fold(n) for n in names] == sorted(fold(n) for n in names)
    window.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    again = [n for n in _names(window) if n and n != "–"]
    assert again[0] == names[-1]


def test_selecting_a_case_shows_it_and_audits_the_view(window, qtbot):
    with qtbot.waitSignal(window.case_shown):
        window.table.selectRow(0)
    case = window.case_view.case
    assert case is not None and case["id"] == window.model.case_id(0)
    html = window.case_view.details.toHtml()
    assert "Prüfergebnis" in html and "Verlauf" in html

    def viewed() -> int:
        return window.inbox.db.execute(
            "SELECT count(*) FROM audit WHERE action = 'viewed' AND case_id = ?", (case["id"],)
        ).fetchone()[0]

    assert viewed() == 1
    window.table.clearSelection()
    window.table.setCurrentIndex(window.model.index(-1, -1))
    window.table.selectRow(0)  # the case on screen, selected again: no second access
    assert viewed() == 1
    window.table.selectRow(1)
    with qtbot.waitSignal(window.case_shown):
        window.table.selectRow(0)
    assert viewed() == 2


def test_keyboard_triage_take_then_status_then_next(window, qtbot):
    window.table.setFocus()
    window.table.selectRow(0)
    first, second = window.model.case_id(0), window.model.case_id(1)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.inbox.case(first)["status"] == "in_progress"
    assert window.inbox.case(first)["assignee"] == window.inbox.user
    # the taken case left "Neu": like a mail client, the next one is now selected
    assert window.case_view.case["id"] == second
    _select_view(window, "mine")
    assert window.model.case_id(0) == first
    window.table.selectRow(0)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # Rückfrage
    assert window.inbox.case(first)["status"] == "query"
    _select_view(window, "all")
    window.table.selectRow(0)
    qtbot.keyClick(window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.table.currentIndex().row() == 1


def test_a_new_language_waits_for_the_restart_in_every_message(window, qtbot, warnings):
    """The settings dialog says a new language takes effect at the restart; until then the
    core's messages stay in the language the rest of the window speaks."""
    window.inbox.settings.set("language", "en")  # as saved by the settings dialog
    window.table.selectRow(0)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # new -> ready
    assert warnings and "nicht nach" in warnings[0]


def test_a_forbidden_transition_is_refused_with_a_message(window, qtbot, warnings):
    window.table.selectRow(0)
    case_id = window.case_view.case["id"]
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # new -> ready
    assert warnings and "nicht nach" in warnings[0]
    assert window.inbox.case(case_id)["status"] == "new"


def test_a_change_by_another_process_appears_without_losing_the_selection(
    window, tmp_path, schemas_dir, store
):
    window.table.selectRow(3)
    selected = window.case_view.case["id"]
    before = window.model.rowCount()
    _fetch_into(store, schemas_dir, {"late.xml": valid_message(seed=99)}, tmp_path)

    window.poll_for_changes()

    assert window.model.rowCount() == before + 1
    assert window.current_case_id() == selected


def test_new_cases_sorted_in_above_do_not_move_the_rows_being_read(
    window, tmp_path, schemas_dir, store
):
    """Newest first: cases fetched by another process come in above the rows on screen.
    The selected case stays where the eye is, and so do the rows around it."""
    window.resize(1000, 420)  # a screen shorter than the queue, scrolled down a little
    table = window.table
    table.scrollTo(window.model.index(3, 0), QAbstractItemView.ScrollHint.PositionAtTop)
    top_before = table.rowAt(0)
    assert (
        top_before == 3 and table.verticalScrollBar().value() < table.verticalScrollBar().maximum()
    )
    table.selectRow(top_before + 3)
    selected = window.current_case_id()
    y_before = table.visualRect(table.currentIndex()).top()
    late = {f"late{i}.xml": valid_message(seed=300 + i) for i in range(4)}
    _fetch_into(store, schemas_dir, late, tmp_path)

    window.poll_for_changes()

    assert window.current_case_id() == selected
    assert window.model.row_of(selected) == top_before + 3 + 4  # four new rows above it
    assert table.visualRect(table.currentIndex()).top() == y_before
    assert table.rowAt(0) == top_before + 4


def test_counts_follow_a_fetch_while_the_quarantine_is_open(window, tmp_path, schemas_dir, store):
    _select_view(window, "quarantine")
    cases = window.inbox.view_counts()["all"]
    assert f"Fälle: {cases} " in window.counts_label.text()
    files = {"late.xml": valid_message(seed=98), "junk.xml": b"<kein xml"}
    _fetch_into(store, schemas_dir, files, tmp_path)

    window.poll_for_changes()

    assert f"Fälle: {cases + 1} " in window.counts_label.text()
    texts = [window.views.item(i).text() for i in range(window.views.count())]
    assert f"Alle ({cases + 1})" in texts and "Quarantäne (1)" in texts


def _drop(window, paths) -> None:
    """Drops the paths onto the window, as a file manager does."""
    mime = QMimeData()  # the event only points to it: kept alive here until the drop is done
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)


def test_dropping_xml_files_imports_them(window, qtbot, tmp_path):
    files = []
    for i in range(3):
        path = tmp_path / f"dropped{i}.xml"
        path.write_bytes(valid_message(seed=200 + i))
        files.append(path)
    before = window.model.rowCount()
    with qtbot.waitSignal(window.import_finished) as blocker:
        _drop(window, files)
    assert blocker.args[0] == ["accepted"] * 3
    assert window.model.rowCount() == before + 3


def _summary_text(window) -> str:
    from PySide6.QtWidgets import QMessageBox

    [box] = [b for b in window.findChildren(QMessageBox) if b.objectName() == "import_summary"]
    return box.text()


def test_a_dropped_folder_brings_its_xml_files_and_other_files_are_named(window, qtbot, tmp_path):
    folder = tmp_path / "Posteingang"
    (folder / "März").mkdir(parents=True)
    (folder / "a.xml").write_bytes(valid_message(seed=210))
    (folder / "März" / "b.XML").write_bytes(valid_message(seed=211))
    (folder / "März" / "scan.pdf").write_bytes(b"%PDF-1.4")
    scan = tmp_path / "pass.jpg"
    scan.write_bytes(b"\xff\xd8")
    empty = tmp_path / "leer"
    empty.mkdir()
    before = window.model.rowCount()

    with qtbot.waitSignal(window.import_finished) as blocker:
        _drop(window, [folder, scan, empty])

    assert sorted(blocker.args[0]) == ["accepted", "accepted", "skipped", "skipped"]
    assert window.model.rowCount() == before + 2
    text = _summary_text(window)
    assert "2 gespeichert" in text and "2 übersprungen (keine XML-Datei)" in text
    assert text.endswith("Übersprungen, keine XML-Datei:\npass.jpg\nleer")


def test_a_file_the_pipeline_rejects_is_named_with_the_reason(window, qtbot, tmp_path, monkeypatch):
    junk = tmp_path / "kaputt.xml"
    junk.write_bytes(b"<nicht geschlossen")
    with qtbot.waitSignal(window.import_finished) as blocker:
        _drop(window, [junk])
    assert blocker.args[0] == ["quarantined"]
    text = _summary_text(window)
    reason = window.inbox.quarantine_entries()[0]["text_de"]
    assert f"Abgewiesen (Quarantäne):\nkaputt.xml: {reason}" in text


def test_an_unexpected_error_with_one_file_does_not_stop_the_others(
    window, qtbot, tmp_path, monkeypatch
):
    import sqlite3

    real = Inbox.receive_file

    def failing_once(inbox, path, *args, **kwargs):
        if path.name == "zwei.xml":
            raise sqlite3.OperationalError("disk I/O error")
        return real(inbox, path, *args, **kwargs)

    monkeypatch.setattr(Inbox, "receive_file", failing_once)
    paths = []
    for i, name in enumerate(("eins.xml", "zwei.xml", "drei.xml")):
        paths.append(tmp_path / name)
        paths[-1].write_bytes(valid_message(seed=220 + i))
    with qtbot.waitSignal(window.import_finished) as blocker:
        window.import_files(paths)
    assert blocker.args[0] == ["accepted", "failed", "accepted"]
    text = _summary_text(window)
    assert "zwei.xml: Unerwarteter Fehler (OperationalError)" in text
    assert "Abbruch" not in text  # nobody cancelled


def test_notes_are_added_from_the_case_view(window):
    window.table.selectRow(0)
    case_id = window.case_view.case["id"]
    window.case_view.note_edit.setPlainText("Pass liegt nur als Kopie vor")
    window.case_view.note_button.click()
    assert "Pass liegt nur als Kopie vor" in window.case_view.notes.toPlainText()
    assert window.inbox.case(case_id)["notes"][0]["text"] == "Pass liegt nur als Kopie vor"


def test_a_note_is_shown_with_its_line_breaks(window):
    window.table.selectRow(0)
    window.case_view.note_edit.setPlainText("Rückfrage:\n1. Pass fehlt\n2. Lichtbild <fehlt>")
    window.case_view.note_button.click()
    shown = window.case_view.notes.toPlainText().splitlines()
    assert shown[-3:] == ["Rückfrage:", "1. Pass fehlt", "2. Lichtbild <fehlt>"]


def test_help_lists_every_shortcut_without_clashes(window):
    from ab_inbox.ui.shortcuts_dialog import ShortcutsDialog

    keys = [
        a.shortcut().toString()
        for a in window.actions_by_name.values()
        if not a.shortcut().isEmpty()
    ]
    assert len(keys) == len(set(keys))
    system = {"Ctrl+C", "Ctrl+V", "Ctrl+X", "Ctrl+Z", "Ctrl+A", "Ctrl+W", "Alt+F4", "Ctrl+Tab"}
    # Keys a text field on Linux (X11 bindings) keeps for itself, the search field too:
    # end and start of line, delete to the end of the line.
    system |= {"Ctrl+E", "Ctrl+K"}
    assert not system & set(keys)
    assert {"Ctrl+Shift+A", "Ctrl+Shift+T", "Alt+0"} <= set(keys)  # assign, take next, view 10
    dialog = ShortcutsDialog(list(window.actions_by_name.values()), window)
    assert dialog.table.rowCount() == len(keys)  # the tester is admin: every action is usable
    listed = {dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())}
    assert {"Zuweisen…", "Nächsten Fall übernehmen"} <= listed
    assert {"Ansicht: Neu", "Ansicht: Alle"} <= listed  # which view each Alt+digit opens


def test_window_layout_is_remembered(qtbot, store, schemas_dir):
    first = create_window(store, schemas_dir, Settings())
    qtbot.addWidget(first)
    first.splitter.setSizes([111, 600, 400])
    sizes = first.splitter.sizes()
    first.case_view.documents_splitter.setSizes([230, 570])
    documents = first.case_view.documents_splitter.sizes()
    first.close()
    close_window(first)
    second = create_window(store, schemas_dir, Settings())
    qtbot.addWidget(second)
    assert second.splitter.sizes()[0] == sizes[0]
    assert second.case_view.documents_splitter.sizes() == documents
    close_window(second)


def test_quarantine_view_lists_rejected_inputs(window, tmp_path, schemas_dir, store):
    _fetch_into(store, schemas_dir, {"broken.xml": b"<kein xml"}, tmp_path)
    _select_view(window, "quarantine")
    assert window.center.currentWidget() is window.quarantine
    assert window.quarantine.rowCount() == 1
    assert "wohlgeformt" in window.quarantine.item(0, 3).text()
    shutil.rmtree(tmp_path / "drop-feed", ignore_errors=True)


def test_a_document_opens_in_the_viewer_without_shortcut_clashes(window):
    from PySide6.QtGui import QAction

    from ab_inbox.ui.viewers.pdf_viewer import PdfViewer

    for row in range(window.model.rowCount()):
        window.table.selectRow(row)
        docs = window.case_view.documents
        pdfs = [
            i
            for i in range(docs.count())
            if docs.item(i).data(Qt.ItemDataRole.UserRole + 1)[3] == "application/pdf"
        ]
        if pdfs:
            break
    window.case_view.tabs.setCurrentIndex(1)
    docs.setCurrentRow(pdfs[0])
    viewer = window.case_view.viewer_holder.currentWidget()
    assert isinstance(viewer, PdfViewer) and viewer.page_count() >= 1

    window_keys = {a.shortcut().toString() for a in window.actions_by_name.values()}
    viewer_keys = {k.toString() for a in viewer.findChildren(QAction) for k in a.shortcuts()}
    assert not (window_keys - {""}) & viewer_keys


def test_another_case_closes_the_document_viewers_of_the_last(window):
    """A viewer left hidden would keep the last applicant's document in memory."""
    holder = window.case_view.viewer_holder
    for row in range(window.model.rowCount()):
        window.table.selectRow(row)
        docs = window.case_view.documents
        if docs.count() >= 2:
            break
    window.case_view.tabs.setCurrentIndex(1)
    docs.setCurrentRow(0)
    docs.setCurrentRow(1)
    assert holder.count() == 2  # the message "Dokument auswählen" and one viewer
    opened = holder.currentWidget()
    assert opened is not window.case_view.viewer_message

    window.table.selectRow(row + 1 if row + 1 < window.model.rowCount() else 0)

    assert holder.count() == 1 and holder.currentWidget() is window.case_view.viewer_message
    assert opened.parent() is None or not opened.isVisible()


def test_raw_xml_tab_shows_the_untouched_message(window):
    window.table.selectRow(0)
    case = window.case_view.case
    window.case_view.tabs.setCurrentIndex(2)
    viewer = window.case_view.raw_xml_holder.currentWidget()
    message_id = case["application_message_id"] or case["messages"][0]["id"]
    raw = window.inbox.message_bytes(message_id).decode("utf-8")
    assert viewer.text()[:200] == raw[:200]


def test_section_titles_and_field_help_come_from_the_schema_pack(window):
    for row in range(window.model.rowCount()):
        window.table.selectRow(row)
        case = window.case_view.case
        lead = next(m for m in case["messages"] if m["id"] == case["application_message_id"])
        if lead["type_code"] == "130101":
            break
    html = window.case_view.details.toHtml()
    labels = window.inbox.schema_labels("26.11")
    assert labels.title("angabenZurPerson", "") == "Angaben zur Person"
    assert "Angaben zur Person" in html  # the pack's wording, not built into the code
    assert labels.help("familienname") and "Familienname" in labels.help("familienname")


def _tooltips(browser) -> dict[str, str]:
    found, block = {}, browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().toolTip():
                found[fragment.text()] = fragment.charFormat().toolTip()
            it += 1
        block = block.next()
    return found


def test_field_labels_explain_themselves_on_hover(window):
    window.table.selectRow(0)
    tips = _tooltips(window.case_view.details)
    assert "Familienname" in tips and "Familienname" in tips["Familienname"]


@pytest.mark.real_threads
def test_start_up_asks_once_for_the_first_view_in_the_saved_order(
    qtbot, store, schemas_dir, monkeypatch
):
    """Restoring the header's sort and the window's own first refresh ask for the same ids:
    one query is sent, and the queue opens sorted as it was closed."""
    from ab_inbox.store.search_text import fold
    from ab_inbox.ui import ops
    from ab_inbox.ui.queue_model import COLUMNS

    def close(win):
        win.close()  # saves the layout and the sort
        ops.wait_for_all(10_000)
        qtbot.wait(1)  # deliver what the workers sent back before the connections close
        close_window(win)

    first = create_window(store, schemas_dir, Settings())
    qtbot.addWidget(first)
    column = [c[0] for c in COLUMNS].index("applicant_name")
    with qtbot.waitSignal(first.ids_applied):
        first.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    close(first)

    asked: list[dict] = []
    real_case_ids = Inbox.case_ids

    def recording_case_ids(self, *args, **kwargs):
        asked.append(kwargs)
        return real_case_ids(self, *args, **kwargs)

    monkeypatch.setattr(Inbox, "case_ids", recording_case_ids)
    second = create_window(store, schemas_dir, Settings())  # the query leaves in here
    qtbot.addWidget(second)
    second.show()
    qtbot.waitUntil(lambda: second.queue_complete, timeout=10_000)
    names = [n for n in _names(second) if n and n != "–"]
    assert [fold(n) for n in names] == sorted(fold(n) for n in names)
    assert [(a["sort"], a["descending"]) for a in asked] == [("applicant", False)]
    second.live_timer.stop()
    close(second)


@pytest.fixture
def berlin_time(monkeypatch):
    """The workstation's zone set to Europe/Berlin, as in the offices (POSIX only)."""
    import time

    if not hasattr(time, "tzset"):
        pytest.skip("needs time.tzset")
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_times_show_in_the_offices_local_time_not_in_utc(berlin_time, window):
    from datetime import datetime

    row = window.model.row_data(0)
    stored = datetime.fromisoformat(row["received_at"].replace("Z", "+00:00"))
    local = stored.astimezone()
    assert local.utcoffset().total_seconds() > 0  # CET/CEST: one or two hours ahead of UTC
    column = [c[0] for c in __import__("ab_inbox.ui.queue_model").ui.queue_model.COLUMNS].index(
        "received_at"
    )
    shown = window.model.index(0, column).data()
    assert shown == f"{local:%d.%m.%Y %H:%M}"
    window.table.selectRow(0)
    assert f"{local:%d.%m.%Y %H:%M:%S}" in window.case_view.details.toPlainText()


def test_dates_read_in_german_order_in_the_case_view(window):
    import re

    row = next(
        r
        for r in range(window.model.rowCount())
        if window.model.row_data(r)["validation"] == "valid"
        and window.model.row_data(r)["type_code"] == "130101"
    )
    window.table.selectRow(row)
    text = window.case_view.details.toPlainText()
    assert re.search(r"Antragsdatum\s*\d{2}\.\d{2}\.\d{4}", text), text[:400]
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text)  # no ISO dates left anywhere


def test_column_titles_fit_their_columns_on_first_start(window):
    header = window.table.horizontalHeader()
    for column in range(window.model.columnCount()):
        title = window.model.headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) > header.fontMetrics().horizontalAdvance(title), title


def test_an_impossible_date_in_a_message_is_shown_as_sent(window, store, schemas_dir, tmp_path):
    """The sender's 30 February is a finding, and the case view still opens and shows it."""
    bad_day = set_text(valid_message(seed=81), "antragsdatum", "2026-02-30")
    _fetch_into(store, schemas_dir, {"bad-day.xml": bad_day}, tmp_path)
    window.poll_for_changes()
    _select_view(window, "invalid")
    shown = []
    for row in range(window.model.rowCount()):
        window.table.selectRow(row)
        shown.append(window.case_view.details.toPlainText())
    assert any("2026-02-30" in text for text in shown)


class _PaintCount(QObject):
    """Counts the paint events a widget receives."""

    def __init__(self, widget):
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _watched, event):  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _until_quiet(qapp, paints: _PaintCount) -> None:
    quiet = 0
    while quiet < 5:
        before = paints.count
        qapp.processEvents()
        quiet = quiet + 1 if paints.count == before else 0


@pytest.mark.parametrize("step", ["search", "sort", "view"])
def test_new_rows_are_painted_once(window, qapp, step):
    """A search, a sort or another view paints the queue once, not a second time when Qt
    lays out the new rows (that doubled the time until the queue was quiet)."""
    paints = _PaintCount(window.table.viewport())
    window.search.setText("a" if step == "search" else "")
    window.search_timer.stop()
    _until_quiet(qapp, paints)
    before = paints.count
    if step == "search":
        window.search_timer.timeout.emit()
    elif step == "sort":
        window.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    else:
        _select_view(window, "invalid")
    _until_quiet(qapp, paints)
    assert paints.count - before == 1


def test_the_queue_sorts_from_the_menu_without_a_mouse(window):
    """Navigation > Sortieren nach > Antragsteller; again turns the order round."""
    column = [c[0] for c in COLUMNS].index("applicant_name")
    sort_action = window.findChild(QAction, f"sort_{column}")
    assert sort_action is not None
    sort_action.trigger()
    names = [fold(n) for n in _names(window) if n and n != "–"]
    assert names == sorted(names)
    sort_action.trigger()
    again = [fold(n) for n in _names(window) if n and n != "–"]
    assert again == sorted(names, reverse=True)


def test_help_lists_the_document_viewers_keys_too(window):
    from ab_inbox.ui.main_actions import viewer_actions
    from ab_inbox.ui.shortcuts_dialog import ShortcutsDialog

    dialog = ShortcutsDialog(list(window.actions_by_name.values()), window, viewer_actions())
    rows = [
        tuple(dialog.table.item(row, col).text() for col in range(3))
        for row in range(dialog.table.rowCount())
    ]
    viewer_keys = {keys for _text, keys, area in rows if area == "Dokumentanzeige"}
    assert {"Ctrl+Shift+F", "Ctrl+0", "R"} <= {k for keys in viewer_keys for k in keys.split(", ")}
    assert len(rows) == len(set(rows))


def _mnemonic(text: str) -> str | None:
    at = text.replace("&&", "").find("&")
    return text.replace("&&", "")[at + 1].lower() if at >= 0 else None


def test_menu_mnemonics_are_unique_within_each_menu(window):
    """Alt+letter (menu bar) and the letter inside an open menu each lead to one place."""
    bar = window.menuBar()
    menus = [a.menu() for a in bar.actions() if a.menu() is not None]
    titles = [_mnemonic(a.text()) for a in bar.actions() if a.isVisible()]
    assert len([t for t in titles if t]) == len({t for t in titles if t}), titles
    while menus:
        menu = menus.pop()
        keys = [_mnemonic(a.text()) for a in menu.actions() if not a.isSeparator()]
        keys = [k for k in keys if k]
        assert len(keys) == len(set(keys)), (menu.title(), keys)
        menus.extend(a.menu() for a in menu.actions() if a.menu() is not None)


def test_a_follow_up_date_can_be_taken_away(window, monkeypatch):
    from ab_inbox.ui.follow_up_dialog import FollowUpDialog

    window.table.selectRow(0)
    case_id = window.case_view.case["id"]
    window.inbox.set_follow_up(case_id, date.today() + timedelta(days=3))
    window.after_own_write()
    window.table.selectRow(window.model.row_of(case_id))
    assert window.case_view.case["follow_up_date"]

    def press_remove(dialog):
        dialog.remove_button.click()
        return dialog.result()

    monkeypatch.setattr(FollowUpDialog, "exec", press_remove)
    window.trigger("follow_up").trigger()
    assert window.inbox.case(case_id)["follow_up_date"] is None


def test_a_parked_case_is_not_offered_to_lose_its_follow_up_date(window, monkeypatch):
    from ab_inbox.ui.follow_up_dialog import FollowUpDialog

    window.table.selectRow(0)
    case_id = window.case_view.case["id"]
    window.inbox.set_status(case_id, "parked", follow_up=date.today() + timedelta(days=3))
    _select_view(window, "all")  # it has left "Neu"
    window.table.selectRow(window.model.row_of(case_id))
    assert window.case_view.case["status"] == "parked"
    offered: list[bool] = []

    def look(dialog):
        offered.append(hasattr(dialog, "remove_button"))
        return FollowUpDialog.DialogCode.Rejected

    monkeypatch.setattr(FollowUpDialog, "exec", look)
    window.trigger("follow_up").trigger()
    assert offered == [False]


def test_the_window_starts_without_loading_the_document_viewers():
    """QtPdf and the viewers are loaded when a document is first opened or printed: at
    start-up they would cost every caseworker time for something not yet asked for."""
    import subprocess
    import sys

    code = (
        "import sys, ab_inbox.ui.app, ab_inbox.ui.main_window;"
        "print(sorted(m for m in sys.modules if 'QtPdf' in m or 'viewers' in m"
        " or 'print_pages' in m))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_long_queue_shows_its_first_screenful_first_and_adds_the_rest_below(
    qtbot, store, schemas_dir, monkeypatch
):
    """The window's first query shows the first ids at once and reads the whole list after
    they are painted; a case selected in between stays selected when the rest arrives."""
    from ab_inbox.ui import main_window

    monkeypatch.setattr(main_window, "FIRST_PAGE_IDS", 5)
    with Inbox(store, schemas_dir) as box:
        everything = box.case_ids("new")
    win = create_window(store, schemas_dir, Settings())
    qtbot.addWidget(win)
    assert not win.queue_complete
    assert [win.model.case_id(r) for r in range(win.model.rowCount())] == everything[:5]
    win.table.selectRow(2)
    chosen = win.current_case_id()
    qtbot.waitUntil(lambda: win.queue_complete)
    assert [win.model.case_id(r) for r in range(win.model.rowCount())] == everything
    assert win.current_case_id() == chosen and win.selected_case_ids() == [chosen]
    assert win.model.row_data(len(everything) - 1)["id"] == everything[-1]  # rows read
    close_window(win)


def test_restoring_the_saved_sort_sends_one_query(qtbot, store, schemas_dir, monkeypatch):
    """Restoring the window's state asked for a query per restored setting; the one query
    sent is for the restored state (a small queue: the first screenful is all of it)."""
    first = create_window(store, schemas_dir, Settings())
    qtbot.addWidget(first)
    first.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    first.close()
    close_window(first)
    asked: list[tuple] = []
    real = Inbox.case_ids

    def counted(inbox, view="all", **kwargs):
        asked.append((view, kwargs.get("sort"), kwargs.get("descending")))
        return real(inbox, view, **kwargs)

    monkeypatch.setattr(Inbox, "case_ids", counted)
    second = create_window(store, schemas_dir, Settings())
    qtbot.addWidget(second)
    assert asked == [("new", "applicant", False)]
    close_window(second)


def _first_page_only(qtbot, store, schemas_dir, monkeypatch, size=5):
    from ab_inbox.ui import main_window

    monkeypatch.setattr(main_window, "FIRST_PAGE_IDS", size)
    win = create_window(store, schemas_dir, Settings())
    qtbot.addWidget(win)
    assert not win.queue_complete and win.model.rowCount() == size
    return win


def test_a_whole_list_that_cannot_be_read_is_said_and_read_again_when_asked(
    qtbot, store, schemas_dir, monkeypatch, warnings
):
    import sqlite3

    real = Inbox.case_ids
    failing = {"on": True}

    def case_ids(inbox, view="all", **kwargs):
        if failing["on"] and kwargs.get("limit") is None:
            raise sqlite3.OperationalError("database is locked")
        return real(inbox, view, **kwargs)

    monkeypatch.setattr(Inbox, "case_ids", case_ids)
    win = _first_page_only(qtbot, store, schemas_dir, monkeypatch)
    qtbot.waitUntil(lambda: bool(warnings))
    assert win.queue_complete  # nothing more is coming: not waiting for ever
    failing["on"] = False
    win.refresh(counts=False)  # the same query again: sent, not taken for one on its way
    with Inbox(store, schemas_dir) as box:
        assert win.model.rowCount() == len(box.case_ids("new"))
    close_window(win)


def test_a_window_closed_before_the_rest_of_its_list_reads_nothing_more(
    qtbot, store, schemas_dir, monkeypatch
):
    asked: list[int | None] = []
    real = Inbox.case_ids

    def case_ids(inbox, view="all", **kwargs):
        asked.append(kwargs.get("limit"))
        return real(inbox, view, **kwargs)

    monkeypatch.setattr(Inbox, "case_ids", case_ids)
    win = _first_page_only(qtbot, store, schemas_dir, monkeypatch)
    close_window(win)
    QApplication.processEvents()  # the deferred read of the rest would run now
    assert asked == [5]
    assert win.workers.open_count() == 0


def test_a_sort_while_the_first_page_is_shown_replaces_it(qtbot, store, schemas_dir, monkeypatch):
    win = _first_page_only(qtbot, store, schemas_dir, monkeypatch)
    win.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    with Inbox(store, schemas_dir) as box:
        by_name = box.case_ids("new", sort="applicant", descending=False)
    assert [win.model.case_id(r) for r in range(win.model.rowCount())] == by_name
    assert win.queue_complete
    QApplication.processEvents()  # the first query's rest, if it were still read, comes now
    assert [win.model.case_id(r) for r in range(win.model.rowCount())] == by_name
    close_window(win)


def test_everything_selected_before_the_rest_arrived_is_everything_after(
    qtbot, store, schemas_dir, monkeypatch
):
    """Ctrl+A on the first page, then a batch action: it must cover the whole list."""
    win = _first_page_only(qtbot, store, schemas_dir, monkeypatch)
    win.table.selectAll()
    qtbot.waitUntil(lambda: win.queue_complete)
    assert len(win.selected_case_ids()) == win.model.rowCount() > 5
    close_window(win)


@pytest.mark.real_threads
def test_the_first_screenful_is_in_the_window_before_it_is_first_painted(
    qtbot, store, schemas_dir, monkeypatch
):
    """On real worker threads, as the desktop runs: the first ids are read as the window is
    built, so its first paint shows the queue filled; the rest comes from a worker."""
    from ab_inbox.ui import main_window, ops

    monkeypatch.setattr(main_window, "FIRST_PAGE_IDS", 5)
    with Inbox(store, schemas_dir) as box:
        everything = box.case_ids("new")
    win = create_window(store, schemas_dir, Settings())
    qtbot.addWidget(win)
    assert [win.model.case_id(r) for r in range(win.model.rowCount())] == everything[:5]
    assert not win.queue_complete
    win.show()
    qtbot.waitUntil(lambda: win.queue_complete and win.actor is not None, timeout=10_000)
    assert [win.model.case_id(r) for r in range(win.model.rowCount())] == everything
    assert win.workers.open_count() <= ops.READ_THREADS
    close_window(win)
    assert ops.wait_for_all(5000)


def test_the_rest_of_a_long_queue_is_read_once_its_first_screenful_is_painted(
    qtbot, store, schemas_dir, monkeypatch
):
    """Reading the whole list while the window first paints would slow that paint (the
    worker's Python takes turns with the GUI thread's); it is read right after it."""
    from PySide6.QtCore import QEvent, QObject

    from ab_inbox.ui import main_window

    monkeypatch.setattr(main_window, "FIRST_PAGE_IDS", 5)
    paints: list[int] = []

    class PaintCounter(QObject):
        def eventFilter(self, _watched, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                paints.append(1)
            return False

    painted_before_whole_list: list[int] = []
    real = Inbox.case_ids

    def case_ids(inbox, view="all", **kwargs):
        if kwargs.get("limit") is None:
            painted_before_whole_list.append(len(paints))
        return real(inbox, view, **kwargs)

    monkeypatch.setattr(Inbox, "case_ids", case_ids)
    win = create_window(store, schemas_dir, Settings())
    qtbot.addWidget(win)
    counter = PaintCounter()
    win.table.viewport().installEventFilter(counter)
    win.show()
    qtbot.waitUntil(lambda: win.queue_complete)
    assert len(painted_before_whole_list) == 1 and painted_before_whole_list[0] >= 1
    win.close()  # no repaint of the rows added, once the store is closed
    close_window(win)


@pytest.mark.real_threads
def test_a_first_screenful_too_slow_to_read_at_once_comes_from_a_worker(
    qtbot, store, schemas_dir, monkeypatch
):
    """A store too slow for the GUI thread's time limit (a busy network drive, a huge
    store): the window opens at once and gets its first ids from a worker."""
    from ab_inbox.errors import QueryTooSlow
    from ab_inbox.ui import main_window

    monkeypatch.setattr(main_window, "FIRST_PAGE_IDS", 5)
    with Inbox(store, schemas_dir) as box:
        everything = box.case_ids("new")
    real = Inbox.case_ids

    def over_the_limit(inbox, view="all", **kwargs):
        if kwargs.get("within_s") is not None:
            raise QueryTooSlow(kwargs["within_s"])
        return real(inbox, view, **kwargs)

    monkeypatch.setattr(Inbox, "case_ids", over_the_limit)
    win = create_window(store, schemas_dir, Settings())
    qtbot.addWidget(win)
    assert win.model.rowCount() == 0 and not win.queue_complete
    shown: list[int] = []
    win.ids_applied.connect(lambda: shown.append(win.model.rowCount()))
    qtbot.waitUntil(lambda: win.queue_complete and win.actor is not None, timeout=10_000)
    assert shown[0] == 5 and shown[-1] == len(everything)
    assert [win.model.case_id(r) for r in range(win.model.rowCount())] == everything
    close_window(win)


# --- keyboard paths: Tab moves on, Enter takes, nothing acts unseen -----------------------
def test_tab_leaves_the_queue_without_opening_another_case(window, qtbot):
    window.table.setFocus()
    window.table.selectRow(2)
    shown = window.case_view.case["id"]
    for _ in range(12):  # more than the queue's columns
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if not window.table.hasFocus():
            break
    assert not window.table.hasFocus()
    assert window.case_view.case["id"] == shown


def test_tab_in_a_note_moves_on_and_ctrl_return_saves_it(window, qtbot):
    window.table.selectRow(0)
    case_id = window.case_view.case["id"]
    editor = window.case_view.note_edit
    window.case_view.tabs.setCurrentIndex(window.case_view.tabs.count() - 1)
    editor.setFocus()
    qtbot.keyClicks(editor, "Pass nur als Kopie")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "Pass nur als Kopie"  # no tab character typed
    assert not editor.hasFocus()
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [n["text"] for n in window.inbox.case(case_id)["notes"]] == ["Pass nur als Kopie"]


def test_in_the_quarantine_no_key_acts_on_the_queue_behind_it(window, qtbot):
    window.table.selectRow(0)
    before = window.inbox.case(window.model.case_id(0))
    window.case_view.tabs.setCurrentIndex(1)
    window.case_view.documents.setCurrentRow(0)  # a document of the case on screen
    _select_view(window, "quarantine")
    assert window.case_view.case is None
    assert window.case_view.viewer_holder.count() == 1  # its viewer closed with the case
    qtbot.keyClick(window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.case_view.case is None and window.table.currentIndex().row() == 0
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)  # take case
    after = window.inbox.case(before["id"])
    assert (after["status"], after["assignee"]) == (before["status"], before["assignee"])
    assert window.statusBar().currentMessage() == "Kein Fall ausgewählt"


def test_no_date_is_asked_for_when_no_case_is_chosen(window, monkeypatch):
    _select_view(window, "quarantine")
    asked = []
    monkeypatch.setattr(FollowUpDialog, "exec", lambda dialog: asked.append(dialog) or 0)
    window.trigger("follow_up").trigger()
    window.trigger("status_parked").trigger()
    assert asked == []
    assert window.statusBar().currentMessage() == "Kein Fall ausgewählt"


def test_enter_on_a_day_of_the_calendar_takes_it(qtbot):
    dialog = FollowUpDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    days = dialog.calendar.findChild(QTableView)
    assert days.accessibleName() == "Wiedervorlagedatum"  # where the keyboard focus lands
    start = dialog.chosen()
    qtbot.keyClick(days, Qt.Key.Key_Right)
    qtbot.keyClick(days, Qt.Key.Key_Return)
    assert dialog.result() == FollowUpDialog.DialogCode.Accepted
    assert (dialog.chosen() - start).days == 1


def test_the_help_list_is_read_not_edited(window):
    dialog = ShortcutsDialog(list(window.actions_by_name.values()), window)
    assert dialog.table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert not dialog.table.tabKeyNavigation()


# --- saved searches -------------------------------------------------------------------------
def _saved_entry(win, name: str) -> int:
    for i in range(win.views.count()):
        if win.views.item(i).data(Qt.ItemDataRole.UserRole + 5) == name:
            return i
    raise AssertionError(name)


def _answer(monkeypatch, name: str, replace: bool = True) -> list[str]:
    """The name typed into the next question for a name; Yes/No to replacing one."""
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    asked: list[str] = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (name, True))
    answer = QMessageBox.StandardButton.Yes if replace else QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a[2]) or answer)
    return asked


def test_a_saved_search_is_what_is_on_screen_and_is_chosen_once_saved(window, monkeypatch):
    _select_view(window, "all")
    window.search.setText("muller")
    window.search_timer.timeout.emit()
    found = window.model.rowCount()
    assert "Müller, Jürgen" in _names(window)
    _answer(monkeypatch, "Familie Müller")
    window.trigger("save_search").trigger()
    assert window.current_saved_search()[1] == "Familie Müller"
    assert window.views.currentItem().text() == f"★ Familie Müller ({found})"
    assert [(s["view"], s["search"]) for s in window.inbox.saved_searches()] == [("all", "muller")]
    # Narrowed by typing, and saved again under a new name: both words are kept.
    window.search.setText("jurg")
    window.search_timer.timeout.emit()
    assert _names(window) == ["Müller, Jürgen"]
    _answer(monkeypatch, "Jürgen Müller")
    window.trigger("save_search").trigger()
    assert {s["search"] for s in window.inbox.saved_searches()} == {"muller", "muller jurg"}
    assert window.current_saved_search()[1] == "Jürgen Müller"
    entry = window.views.item(_saved_entry(window, "Jürgen Müller"))
    assert entry.text() == "★ Jürgen Müller (1)" and "muller jurg" in entry.toolTip()


def test_choosing_a_saved_search_clears_what_was_typed_for_another_view(window):
    window.inbox.save_search("Łukasz", "all", "lukasz")
    window.reload_saved_searches()
    window.search.setText("muller")
    window.search_timer.timeout.emit()
    window.views.setCurrentRow(_saved_entry(window, "Łukasz"))
    assert window.search.text() == ""
    assert _names(window) == ["Wróbel, Łukasz"]
    window.search.setText("nobody")  # typing narrows the saved search
    window.search_timer.timeout.emit()
    assert window.model.rowCount() == 0


def test_a_saved_search_is_replaced_only_when_the_user_says_so(window, monkeypatch):
    window.inbox.save_search("Meine Suche", "all", "lukasz")
    window.reload_saved_searches()
    _select_view(window, "invalid")
    asked = _answer(monkeypatch, "Meine Suche", replace=False)
    window.trigger("save_search").trigger()
    assert "Meine Suche" in asked[0]
    assert [s["view"] for s in window.inbox.saved_searches()] == ["all"]  # No: kept
    _answer(monkeypatch, "Meine Suche", replace=True)
    window.trigger("save_search").trigger()
    assert [s["view"] for s in window.inbox.saved_searches()] == ["invalid"]


def test_a_saved_search_is_renamed_from_the_side_list(window, monkeypatch):
    window.inbox.save_search("Alt", "all", "lukasz")
    window.reload_saved_searches()
    window.views.setCurrentRow(_saved_entry(window, "Alt"))
    rename = window.trigger("rename_search")
    assert rename in window.views.actions()
    _answer(monkeypatch, "Neu benannt")
    rename.trigger()
    assert [s["name"] for s in window.inbox.saved_searches()] == ["Neu benannt"]
    assert window.current_saved_search()[1] == "Neu benannt"
    assert window.views.currentItem().text() == "★ Neu benannt (1)"
    asked = _answer(monkeypatch, "")
    window.trigger("delete_search").trigger()
    assert asked == ["„Neu benannt“ löschen?"]  # its name, without the mark or the count


def test_a_saved_search_keeps_the_person_it_was_narrowed_to(window, monkeypatch):
    """Saved from "Fälle von …" (the workload's filter), it lists that person's cases."""
    from ab_inbox.ui.team_actions import clear_assignee_filter, show_assignee_cases

    taken = [window.model.case_id(row) for row in (0, 1)]
    for case_id in taken:
        window.inbox.take_case(case_id)
    show_assignee_cases(window, window.inbox.user)
    assert sorted(window.model.case_id(r) for r in range(window.model.rowCount())) == sorted(taken)
    _answer(monkeypatch, "Meine zwei")
    window.trigger("save_search").trigger()
    [saved] = window.inbox.saved_searches()
    assert (saved["view"], saved["assignee"], saved["scope"]) == ("open", window.inbox.user, None)
    clear_assignee_filter(window)  # the temporary filter goes; the saved search stays
    window.views.setCurrentRow(_saved_entry(window, "Meine zwei"))
    assert sorted(window.model.case_id(r) for r in range(window.model.rowCount())) == sorted(taken)
    assert window.views.currentItem().text() == "★ Meine zwei (2)"


def test_renaming_the_chosen_saved_search_keeps_what_was_typed(window, monkeypatch):
    window.inbox.save_search("Müller", "all", "muller")
    window.reload_saved_searches()
    window.views.setCurrentRow(_saved_entry(window, "Müller"))
    window.search.setText("jurg")
    window.search_timer.timeout.emit()
    assert _names(window) == ["Müller, Jürgen"]
    _answer(monkeypatch, "Familie Müller")
    window.trigger("rename_search").trigger()
    assert window.search.text() == "jurg" and _names(window) == ["Müller, Jürgen"]


def test_the_quarantine_is_not_saved_as_a_search(window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    asked: list[tuple] = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: asked.append(a) or ("Q", True))
    _select_view(window, "quarantine")
    window.trigger("save_search").trigger()
    assert asked == [] and window.inbox.saved_searches() == []
    assert "Quarantäne" in window.statusBar().currentMessage()


def test_the_rest_of_the_queue_comes_to_a_window_started_minimized(
    qtbot, store, schemas_dir, monkeypatch
):
    from ab_inbox.ui import main_window

    monkeypatch.setattr(main_window, "FIRST_PAGE_IDS", 5)
    win = create_window(store, schemas_dir, Settings())
    qtbot.addWidget(win)
    win.showMinimized()
    QApplication.processEvents()
    assert win.queue_complete and win.model.rowCount() > 5
    win.close()
    close_window(win)
