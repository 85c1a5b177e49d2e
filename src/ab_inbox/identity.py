"""Who is acting: the OS login, never a name a user could type in.

The audit log, role checks and "my cases" all ask `login()`. Tests that need several users in
one process or in worker processes switch the acting login through `act_as_for_tests`; that
seam is a function call only, so no command-line option or setting can impersonate anyone.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

_test_login: str | None = None


def os_login() -> str:
    """The login of the process's user account, asked of the operating system.

    Not getpass.getuser(): that believes the LOGNAME, USER and USERNAME environment variables,
    which anyone can set for one command ("USER=teamlead ab-inbox assign …").
    """
    try:
        if os.name == "nt":
            return _windows_login()
        import pwd

        return pwd.getpwuid(os.geteuid()).pw_name
    except Exception:  # noqa: BLE001 - no login name (e.g. a service): still audit the action
        return "unknown"


def _windows_login() -> str:
    import ctypes
    from ctypes import wintypes

    size = wintypes.DWORD(257)
    buffer = ctypes.create_unicode_buffer(size.value)
    if not ctypes.windll.advapi32.GetUserNameW(buffer, ctypes.byref(size)):
        raise OSError("GetUserNameW")
    return buffer.value


def login() -> str:
    """The acting user's login."""
    return _test_login if _test_login is not None else os_login()


def workstation() -> str:
    import socket  # imported here: only audit entries need it, not the desktop's start-up

    return socket.gethostname() or "unknown"


@contextmanager
def act_as_for_tests(name: str | None) -> Iterator[None]:
    """Tests only: act as another login inside the block (None: the OS login)."""
    global _test_login
    before, _test_login = _test_login, name
    try:
        yield
    finally:
        _test_login = before
