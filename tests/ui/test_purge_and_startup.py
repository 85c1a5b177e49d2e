"""A long deletion list stays cheap for the GUI thread; an unreadable store or settings file
is reported in a dialog at start-up; the transport page tells an unavailable keyring apart
from a missing password.

Nothing here measures time: the purge tests assert that the list is a model/view whose rows
are turned into text only when shown, so handing over twenty thousand cases formats a bounded
number of rows.
"""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QAbstractItemView, QMessageBox, QTableView, QTableWidget

from ab_inbox import cli, config
from ab_inbox.inbox import Inbox
from ab_inbox.inbox_transport import CERTIFICATE_PASSWORD_KEY, KEYRING_SERVICE
from ab_inbox.store.connection import write_transaction
from ab_inbox.ui import i18n, purge_dialog
from ab_inbox.ui.app import START_FAILED, run_gui
from ab_inbox.ui.settings_dialog import SettingsDialog
from ab_inbox.ui.team_actions import open_dialog
from ab_inbox.ui.team_dialog import SIZE_SAMPLE_ROWS, row_data
from tests.conftest import ensure_tester

DUE_CASES = 21_714
LONG_AGO = "2020-01-01T08:00:00.000Z"


# -- the deletion list --------------------------------------------------------------------------


@pytest.fixture
def many_due(tmp_path, schemas_dir):
    """A store with DUE_CASES cases done years ago, longer than any retention period.

    The rows are written straight into the store: only the list matters here, and going
    through the intake twenty thousand times would only make the test slow."""
    db = tmp_path / "many.sqlite3"
    with Inbox(db, schemas_dir) as box:
        ensure_tester(box)
        with write_transaction(box.db):
            box.db.conn.executemany(
                "INSERT INTO cases (antragsidentifikation, status, received_at, updated_at, "
                "version) VALUES (?, 'done', ?, ?, 1)",
                ((f"purge-{n:05d}", LONG_AGO, LONG_AGO) for n in range(DUE_CASES)),
            )
    return db


@pytest.fixture
def purge_window(main_windows, many_due, schemas_dir):
    win = main_windows(many_due, schemas_dir)
    win.show()
    return win


def test_a_long_deletion_list_formats_only_the_rows_it_shows(purge_window, qapp):
    dialog = open_dialog(purge_window, "purge")
    dialog.resize(640, 440)
    qapp.processEvents()
    dialog.table.viewport().repaint()

    assert isinstance(dialog.table, QTableView)
    assert not isinstance(dialog.table, QTableWidget)
    model = dialog.table.rows_model()
    assert model.rowCount() == DUE_CASES and dialog.table.rowCount() == DUE_CASES
    visible = dialog.table.viewport().height() // dialog.table.rowHeight(0) + 2
    bound = SIZE_SAMPLE_ROWS + visible
    assert 0 < model.formatted_rows() <= bound
    assert dialog.summary.text() == f"{DUE_CASES} Fälle sind zur Löschung fällig."

    dialog.table.scrollToBottom()
    dialog.table.viewport().repaint()
    assert model.formatted_rows() <= bound + visible
    last = dialog.table.item(DUE_CASES - 1, 0)
    assert last is not None and last.text() == str(dialog.due[-1]["case_id"])
    assert dialog.table.item(DUE_CASES - 1, 1).text() == "Erledigt"
    assert dialog.table.item(DUE_CASES, 0) is None
    assert model.formatted_rows() <= bound + visible + 1
    dialog.reject()


def test_the_long_list_keeps_selection_and_asks_before_deleting(purge_window, qapp, monkeypatch):
    dialog = open_dialog(purge_window, "purge")
    table = dialog.table
    assert table.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
    assert table.selectionMode() == QAbstractItemView.SelectionMode.SingleSelection
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    table.selectRow(12_345)
    assert table.currentRow() == 12_345
    assert row_data(table) == dialog.due[12_345]["case_id"]
    assert [i.row() for i in table.selectionModel().selectedRows()] == [12_345]

    asked = []
    monkeypatch.setattr(purge_dialog, "confirm", lambda _parent, text: asked.append(text) and False)
    assert dialog.purge_button.isVisible() and dialog.purge_button.isEnabled()
    dialog.purge_button.click()
    assert len(asked) == 1 and asked[0].startswith(f"{DUE_CASES} Fälle endgültig löschen?")
    assert dialog.report.text() == ""
    assert len(purge_window.inbox.due_for_purge()) == DUE_CASES
    dialog.reject()


# -- start-up errors ----------------------------------------------------------------------------


@pytest.fixture
def criticals(monkeypatch, qapp):
    shown: list[tuple[str, str]] = []

    def record(parent, title, text, *args, **kwargs):
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", record)
    yield shown
    i18n.remove_translators(qapp)


def test_a_file_that_is_not_a_database_is_reported_in_one_dialog(tmp_path, schemas_dir, criticals):
    damaged = tmp_path / "ab-inbox.sqlite3"
    damaged.write_bytes(b"Dies ist keine Datenbank.\n" * 200)

    assert run_gui(db_path=damaged, schemas_dir=schemas_dir) == START_FAILED == 2

    assert len(criticals) == 1
    title, text = criticals[0]
    assert title == "AB-Inbox"
    assert f"Der Datenbestand {damaged} kann nicht geöffnet werden" in text
    assert f"The store {damaged} cannot be opened" in text
    assert "file is not a database" in text
    assert "Dies ist keine" not in text


def test_a_folder_in_place_of_the_store_is_reported(tmp_path, schemas_dir, criticals):
    folder = tmp_path / "ordner.sqlite3"
    folder.mkdir()
    assert run_gui(db_path=folder, schemas_dir=schemas_dir) == 2
    assert len(criticals) == 1
    assert str(folder) in criticals[0][1] and "cannot be opened" in criticals[0][1]


def test_a_broken_settings_file_is_reported_in_one_dialog_at_the_desktop_start(tmp_path, criticals):
    path = config.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"values": {"office_name": "Geheimamt"', encoding="utf-8")

    assert cli.main([]) == 2

    assert len(criticals) == 1
    text = criticals[0][1]
    assert f"Die Einstellungsdatei {path} kann nicht gelesen werden: kein gültiges JSON" in text
    assert f"The settings file {path} cannot be read: not valid JSON" in text
    assert "Geheimamt" not in text
    assert not config.default_db_path().exists()  # stopped before touching the store


def test_an_invalid_setting_is_reported_in_a_dialog(criticals):
    path = config.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"values": {"language": "fr"}}', encoding="utf-8")
    assert run_gui() == 2
    assert len(criticals) == 1
    assert (
        f"Die Einstellungsdatei {path} kann nicht gelesen werden: ungültiger Wert"
        in (criticals[0][1])
    )


@pytest.mark.parametrize(
    "content",
    [
        "[]",
        "null",
        '{"values": []}',
        '{"values": {"office_dvdv_ids": 5}}',
        '{"values": {"poll_interval_s": null}}',
        '{"values": {"poll_interval_s": NaN}}',
        '{"values": {"max_message_mb": Infinity}}',
    ],
)
def test_a_settings_file_of_the_wrong_shape_is_reported_in_a_dialog(criticals, content):
    """Valid JSON, but not what a settings file holds, or a number the application cannot
    work with: one clear dialog, no traceback."""
    path = config.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    assert run_gui() == 2
    assert len(criticals) == 1
    assert f"Die Einstellungsdatei {path} kann nicht gelesen werden" in criticals[0][1]


def test_a_number_beyond_its_limits_in_an_older_file_is_taken_as_the_nearest_limit():
    """Files written before the limits existed keep working (and can be repaired with
    `settings set`): the poll interval of 0 that spun a core becomes half a second."""
    path = config.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"values": {"poll_interval_s": 0, "max_message_mb": 9000}}', "utf-8")
    loaded = config.Settings.load()
    assert (loaded.poll_interval_s, loaded.max_message_mb) == (0.5, 4096)


# -- the keyring on the transport page ----------------------------------------------------------


def _page(qtbot, settings):
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    return dialog.transport


def test_an_unavailable_keyring_is_not_reported_as_a_missing_password(qtbot, fresh_settings):
    keyring.set_keyring(fail.Keyring())
    panel = _page(qtbot, fresh_settings)
    text = panel.password_status.text()
    assert text.startswith("Der Schlüsselbund des Betriebssystems ist nicht erreichbar")
    assert "kein Passwort gespeichert" not in text
    assert panel.password_status.property("warning") is True


def test_an_empty_keyring_says_no_password_is_stored(qtbot, fresh_settings, memory_keyring):
    panel = _page(qtbot, fresh_settings)
    assert panel.password_status.text() == "Im Schlüsselbund ist kein Passwort gespeichert."
    assert panel.password_status.property("warning") is False
    memory_keyring.set_password(KEYRING_SERVICE, CERTIFICATE_PASSWORD_KEY, "da")
    assert _page(qtbot, fresh_settings).password_status.text() == (
        "Ein Passwort ist im Schlüsselbund gespeichert."
    )


def test_storing_into_an_unavailable_keyring_explains_in_german(
    qtbot, fresh_settings, warning_boxes
):
    keyring.set_keyring(fail.Keyring())
    panel = _page(qtbot, fresh_settings)
    panel.password.setText("pw")
    panel.store_password()
    assert [title for title, _ in warning_boxes] == ["Schlüsselbund nicht erreichbar"]
    text = warning_boxes[0][1]
    assert "nicht im Schlüsselbund des Betriebssystems gespeichert" in text
    assert "es ist keiner eingerichtet" in text and "wurde nicht gespeichert" in text
    assert "No recommended backend" not in text and "keyring" not in text.lower()
    assert panel.password.text() == "pw"


def test_the_unavailable_keyring_is_explained_in_english(
    qtbot, qapp, fresh_settings, warning_boxes
):
    keyring.set_keyring(fail.Keyring())
    i18n.install_translators(qapp, "en")
    try:
        panel = _page(qtbot, fresh_settings)
        assert panel.password_status.text().startswith(
            "The operating system's keyring is not available (none is set up)"
        )
        panel.password.setText("pw")
        panel.store_password()
        assert "the XTA certificate's password was not stored" in warning_boxes[0][1]
        assert "Schlüsselbund" not in warning_boxes[0][1]
    finally:
        i18n.remove_translators(qapp)
