"""The settings' transport page against the loopback XTA server: the connection test checks the
values as entered (saving nothing) and shows certificate, validity and account, or the error."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QPushButton

from ab_inbox import config
from ab_inbox.inbox import Inbox
from ab_inbox.inbox_transport import store_certificate_password
from ab_inbox.ui import i18n
from ab_inbox.ui.main_actions import connection_check, open_settings
from ab_inbox.ui.settings_dialog import SettingsDialog
from tests.conftest import ensure_tester
from tests.ui.conftest import close_window
from tests.xta_peer import DEFAULT_READER, fixtures

xta_pki, xta_peer = fixtures.xta_pki, fixtures.xta_peer


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "transport.sqlite3"
    with Inbox(path) as box:
        ensure_tester(box)
    return path


@pytest.fixture
def dialog(qtbot, fresh_settings, db_path, memory_keyring):
    dlg = SettingsDialog(fresh_settings, check_connection=connection_check(db_path))
    qtbot.addWidget(dlg)
    return dlg


def enter_peer(dlg, peer, pki, certificate=None) -> None:
    """Type the server's settings into the dialog, as IT would."""
    values = {
        "xta_management_url": peer.management_url,
        "xta_msgbox_url": peer.msgbox_url,
        "xta_send_url": peer.send_url,
        "xta_reader_ids": DEFAULT_READER,
        "xta_certificate_file": str(certificate or pki.client_p12),
        "xta_ca_file": str(pki.ca_file),
    }
    for name, value in values.items():
        dlg.editor(name).setText(value)


def run_test(dlg) -> dict[str, QLabel]:
    dlg.findChild(QPushButton, "test_connection").click()
    names = ("check_subject", "check_valid_until", "check_account", "check_error")
    return {name: dlg.findChild(QLabel, name) for name in names}


def test_a_working_connection_shows_certificate_validity_and_account(dialog, xta_peer, xta_pki):
    store_certificate_password(xta_pki.password)
    enter_peer(dialog, xta_peer, xta_pki)
    shown = run_test(dialog)
    assert "CN=" in shown["check_subject"].text()
    valid = shown["check_valid_until"]
    assert "(noch " in valid.text() and " Tag" in valid.text()
    assert valid.property("warning") is False and "b00020" not in valid.styleSheet()
    assert shown["check_account"].text() == "Postfach erreichbar, Konto aktiv."
    assert shown["check_account"].property("warning") is False
    assert shown["check_error"].isHidden() and not dialog.transport.result.isHidden()
    assert dialog.findChild(QPushButton, "test_connection").isEnabled()
    assert xta_peer.mailbox.requests  # the server was asked
    assert not config.settings_path().exists()  # a test saves nothing
    assert dialog.settings.xta_management_url == ""


def test_an_expired_certificate_is_red_and_the_refusal_is_shown(dialog, xta_peer, xta_pki):
    store_certificate_password(xta_pki.password)
    enter_peer(dialog, xta_peer, xta_pki, certificate=xta_pki.expired_p12)
    shown = run_test(dialog)
    valid = shown["check_valid_until"]
    assert "abgelaufen" in valid.text()
    assert valid.property("warning") is True and "b00020" in valid.styleSheet()
    assert "abgelaufen" in shown["check_account"].text()
    assert shown["check_account"].property("warning") is True
    assert xta_peer.mailbox.requests == []  # refused in the TLS handshake
    assert not config.settings_path().exists()


def test_missing_settings_name_what_is_missing(dialog):
    store_certificate_password("egal")
    shown = run_test(dialog)
    error = shown["check_error"]
    assert not error.isHidden() and dialog.transport.result.isHidden()
    assert error.text().startswith("XTA ist nicht eingerichtet; es fehlen die Einstellungen:")
    assert "xta_management_url" in error.text() and "xta_certificate_file" in error.text()


def test_a_certificate_error_is_shown_in_english(dialog, xta_peer, xta_pki, qapp):
    store_certificate_password("falsch")
    enter_peer(dialog, xta_peer, xta_pki)
    i18n.install_translators(qapp, "en")
    try:
        shown = run_test(dialog)
        assert dialog.transport.test_state.text() == "Test failed."
    finally:
        i18n.remove_translators(qapp)
    assert shown["check_error"].text() == (
        "The certificate file client.p12 is not PKCS#12 or the password is wrong."
    )
    assert xta_peer.mailbox.requests == []


def test_the_window_opens_the_dialog_with_a_working_test(
    qtbot, db_path, schemas_dir, memory_keyring, xta_peer, xta_pki
):
    from ab_inbox.ui.app import create_window

    win = create_window(db_path, schemas_dir, config.Settings())
    qtbot.addWidget(win)
    win.live_timer.stop()
    try:
        store_certificate_password(xta_pki.password)
        dlg = open_settings(win)
        enter_peer(dlg, xta_peer, xta_pki)
        shown = run_test(dlg)
        assert shown["check_account"].text() == "Postfach erreichbar, Konto aktiv."
        dlg.reject()
    finally:
        close_window(win)


@pytest.mark.real_threads
def test_the_test_runs_off_the_gui_thread(dialog, xta_peer, xta_pki, qtbot):
    store_certificate_password(xta_pki.password)
    enter_peer(dialog, xta_peer, xta_pki)
    button = dialog.findChild(QPushButton, "test_connection")
    button.click()
    assert not button.isEnabled()
    assert dialog.transport.test_state.text().startswith("Verbindung wird geprüft")
    qtbot.waitUntil(button.isEnabled, timeout=15_000)
    assert dialog.findChild(QLabel, "check_account").text() == "Postfach erreichbar, Konto aktiv."


def test_a_typed_password_is_tested_before_it_is_stored(dialog, xta_peer, xta_pki, memory_keyring):
    enter_peer(dialog, xta_peer, xta_pki)
    dialog.transport.password.setText(xta_pki.password)
    shown = run_test(dialog)
    assert shown["check_account"].text() == "Postfach erreichbar, Konto aktiv."
    assert memory_keyring.get_password("ab-inbox", "xta_certificate_password") is None


def test_fetch_now_empties_the_xta_mailbox_into_the_queue(
    qtbot, db_path, schemas_dir, xta_peer, xta_pki, memory_keyring
):
    from ab_inbox.ui.app import create_window
    from tests.messages import set_family_name, valid_message

    settings = config.Settings()
    for name, value in {
        "xta_management_url": xta_peer.management_url,
        "xta_msgbox_url": xta_peer.msgbox_url,
        "xta_reader_ids": DEFAULT_READER,
        "xta_certificate_file": str(xta_pki.client_p12),
        "xta_ca_file": str(xta_pki.ca_file),
    }.items():
        settings.set(name, value)
    store_certificate_password(xta_pki.password)
    xta_peer.mailbox.add(set_family_name(valid_message(seed=71), "Wiśniewska", "Zofia"))
    win = create_window(db_path, schemas_dir, settings)
    qtbot.addWidget(win)
    win.live_timer.stop()
    try:
        win.trigger("fetch").trigger()
        assert win.statusBar().currentMessage().startswith("Abruf: 1 übernommen")
        assert xta_peer.mailbox.open_ids() == []
        names = [win.model.row_data(r)["applicant_name"] for r in range(win.model.rowCount())]
        assert "Wiśniewska, Zofia" in names
    finally:
        close_window(win)
