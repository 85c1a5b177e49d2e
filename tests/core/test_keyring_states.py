"""The certificate password's three states: stored, not stored, and keyring unavailable.

An unavailable keyring (none set up, locked) is its own bilingual error, so neither the
settings page nor a fetch sends the administration to retype a password that cannot be kept.
"""

from __future__ import annotations

import keyring
import keyring.core
import pytest
from keyring.backends import fail
from keyring.errors import KeyringLocked

from ab_inbox.config import Settings
from ab_inbox.errors import BilingualError
from ab_inbox.inbox import Inbox
from ab_inbox.inbox_transport import (
    CERTIFICATE_PASSWORD_KEY,
    KEYRING_SERVICE,
    KeyringUnavailable,
    TransportNotConfigured,
    certificate_password,
    store_certificate_password,
)
from ab_inbox.store import fetch_runs
from tests.conftest import MemoryKeyring, ensure_tester


class LockedKeyring(fail.Keyring):
    """A keyring that is there but locked, as a desktop keyring is before it is unlocked."""

    priority = 1

    def get_password(self, service, username):
        raise KeyringLocked("locked")

    def set_password(self, service, username, password):
        raise KeyringLocked("locked")


@pytest.fixture
def use_keyring(monkeypatch):
    """use_keyring(backend): the keyring for this test; the previous one comes back after."""
    monkeypatch.setattr(keyring.core, "_keyring_backend", None, raising=False)

    def use(backend):
        keyring.set_keyring(backend)
        return backend

    return use


def test_a_stored_and_a_missing_password(use_keyring):
    memory = use_keyring(MemoryKeyring())
    assert certificate_password() is None
    store_certificate_password("geheim")
    assert memory.passwords == {(KEYRING_SERVICE, CERTIFICATE_PASSWORD_KEY): "geheim"}
    assert certificate_password() == "geheim"


@pytest.mark.parametrize(
    ("backend", "reason_de", "reason_en"),
    [
        (fail.Keyring(), "es ist keiner eingerichtet", "none is set up"),
        (LockedKeyring(), "er ist gesperrt", "it is locked"),
    ],
)
def test_an_unavailable_keyring_is_not_a_missing_password(
    use_keyring, backend, reason_de, reason_en
):
    use_keyring(backend)
    with pytest.raises(KeyringUnavailable) as reading:
        certificate_password()
    assert isinstance(reading.value, BilingualError)
    assert not isinstance(reading.value, TransportNotConfigured)
    assert reading.value.text_de.startswith(
        f"Der Schlüsselbund des Betriebssystems ist nicht erreichbar ({reason_de})"
    )
    assert "lässt sich darum nicht lesen" in reading.value.text_de
    assert reading.value.text_en.startswith(
        f"The operating system's keyring is not available ({reason_en})"
    )

    with pytest.raises(KeyringUnavailable) as storing:
        store_certificate_password("geheim")
    assert "wurde nicht gespeichert" in storing.value.text_de
    assert "was not stored" in storing.value.text_en
    assert "geheim" not in storing.value.text_de + storing.value.text_en


@pytest.fixture
def xta_inbox(tmp_path, schemas_dir):
    settings = Settings()
    for name, value in {
        "xta_management_url": "https://xta.invalid/management",
        "xta_msgbox_url": "https://xta.invalid/msgbox",
        "xta_reader_ids": "abh:1",
        "xta_certificate_file": str(tmp_path / "client.p12"),
    }.items():
        settings.set(name, value)
    with Inbox(tmp_path / "xta.sqlite3", schemas_dir, settings=settings) as box:
        ensure_tester(box)
        yield box


def test_a_fetch_with_an_unavailable_keyring_says_so(use_keyring, xta_inbox):
    use_keyring(fail.Keyring())
    with pytest.raises(KeyringUnavailable) as raised:
        xta_inbox.fetch_xta()
    assert "fehlt im Schlüsselbund" not in raised.value.text_de
    run = fetch_runs.last_runs(xta_inbox.db)[fetch_runs.XTA]
    assert not run["ok"]
    assert run["error_de"].startswith("Der Schlüsselbund des Betriebssystems ist nicht erreichbar")
    assert run["error_en"].startswith("The operating system's keyring is not available")


def test_a_fetch_with_no_stored_password_says_it_is_missing(use_keyring, xta_inbox):
    use_keyring(MemoryKeyring())
    with pytest.raises(TransportNotConfigured) as raised:
        xta_inbox.fetch_xta()
    assert not isinstance(raised.value, KeyringUnavailable)
    assert "fehlt im Schlüsselbund" in raised.value.text_de
