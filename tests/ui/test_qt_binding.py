"""The Qt binding must not corrupt the interpreter: a guard against a known PySide6 defect.

PySide6 6.12.0 releases None once too often on every call that returns nothing. On Python
3.11 None is an ordinary object, so a long-running desktop would abort after a few thousand
calls ("deallocating None"). pyproject.toml keeps such a binding off Python 3.11; this test
fails if one slips in.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_leave_none_alone(qapp):
    label = QLabel("x")
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("y")
    qapp.processEvents()
    assert sys.getrefcount(None) > before - 100
