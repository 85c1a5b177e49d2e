"""Packaged document deliveries in the case view: a warning box for packets still missing after
the wait time, each delivery's state in the "Dokumente" section, placeholders until filled."""

from __future__ import annotations

import io
import random
import zipfile
from datetime import UTC, datetime

import pytest

from ab_inbox.demo.delivery import build_packaged_delivery
from ab_inbox.inbox import Inbox
from ab_inbox.ingest.pipeline import Delivery, receive
from ab_inbox.ui import i18n
from tests.conftest import ensure_tester

PAST = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)  # long before now: the default 24 h are over


def _send(box, data: bytes, name: str = "m.xml", at: datetime | None = None):
    delivery = Delivery(received_at=at.isoformat().replace("+00:00", "Z")) if at else None
    return receive(box.db, data, box.packs, source_name=name, delivery=delivery)


def _traversal(documents: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in {**documents, "../../evil.pdf": b"%PDF-1.4"}.items():
            archive.writestr(zipfile.ZipInfo(name), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


@pytest.fixture
def store(tmp_path, schemas_dir):
    """Three cases: one waiting for packets 2 and 3, one complete, one failed."""
    db_path = tmp_path / "deliveries.sqlite3"
    with Inbox(db_path, schemas_dir) as box:
        ensure_tester(box)
        waiting = build_packaged_delivery(random.Random(31), packets=3)
        first = _send(box, waiting.message, "waiting.xml", at=PAST)
        _send(box, waiting.packets[0], at=PAST)
        complete = build_packaged_delivery(random.Random(32), packets=2)
        second = _send(box, complete.message, "complete.xml")
        for packet in complete.packets:
            _send(box, packet)
        failed = build_packaged_delivery(random.Random(33), packets=2, make_archive=_traversal)
        third = _send(box, failed.message, "failed.xml")
        for packet in failed.packets:
            _send(box, packet)
    return db_path, {"waiting": first.case_id, "complete": second.case_id, "failed": third.case_id}


@pytest.fixture
def window(main_windows, store, schemas_dir):
    win = main_windows(store[0], schemas_dir)
    win.show()
    return win


def _show(win, case_id: int):
    win.open_case(case_id, view="all")
    assert win.case_view.case["id"] == case_id
    return win.case_view


def _documents(view) -> list[str]:
    return [view.documents.item(i).text() for i in range(view.documents.count())]


def test_missing_packets_after_the_wait_time_are_a_warning_box(window, store):
    view = _show(window, store[1]["waiting"])
    assert not view.delivery_warning.isHidden()
    text = view.delivery_warning.text()
    assert "Dokumentenlieferung unvollständig" in text
    assert "2 von 3 Paketen fehlen (Nr. 2, 3)" in text
    html = view.details.toPlainText()
    assert "Paketlieferung" in html and "wartet" in html and "3 Paket(e) erwartet" in html
    awaited = [name for name in _documents(view) if name.endswith("(wird nachgeliefert)")]
    assert awaited  # placeholders until their packets arrive


def test_a_complete_delivery_has_no_warning_and_its_documents(window, store):
    view = _show(window, store[1]["complete"])
    assert view.delivery_warning.isHidden()
    html = view.details.toPlainText()
    assert "vollständig" in html and "Dokument(e), am" in html
    assert not any(name.endswith("(wird nachgeliefert)") for name in _documents(view))


def test_a_failed_delivery_shows_the_reason_in_the_interface_language(window, store, qapp):
    view = _show(window, store[1]["failed"])
    html = view.details.toPlainText()
    assert "fehlgeschlagen" in html and "„../../evil.pdf“" in html
    i18n.install_translators(qapp, "en")
    try:
        window.load_case(store[1]["failed"], audit=False)
        html = view.details.toPlainText()
        assert "failed" in html and "Package delivery" in html
        assert "Nothing was taken over" in html
        window.load_case(store[1]["waiting"], audit=False)
        assert "2 of 3 packets missing" in view.delivery_warning.text()
        assert "Document delivery incomplete" in view.delivery_warning.text()
    finally:
        i18n.remove_translators(qapp)


def test_the_warning_goes_when_another_case_is_shown(window, store):
    view = _show(window, store[1]["waiting"])
    assert not view.delivery_warning.isHidden()
    _show(window, store[1]["complete"])
    assert view.delivery_warning.isHidden()
    view.show_case(None)
    assert view.delivery_warning.isHidden()


def test_an_awaited_document_opens_as_a_placeholder_naming_it(window, store):
    from ab_inbox.ui.viewers import PlaceholderViewer

    view = _show(window, store[1]["waiting"])
    row = next(i for i, name in enumerate(_documents(view)) if "(wird nachgeliefert)" in name)
    view.documents.setCurrentRow(row)
    shown = view.viewer_holder.currentWidget()
    assert isinstance(shown, PlaceholderViewer)
    dokumentuuid = view.current_document()[4]
    assert dokumentuuid and dokumentuuid in shown.detail_text() + shown.title_text()


def test_exporting_a_case_still_awaiting_documents_asks_first(
    main_windows, store, schemas_dir, tmp_path, monkeypatch, warnings
):
    """The office's procedure would get the case without them: asked, No the default."""
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from ab_inbox.config import Settings

    settings = Settings()
    settings.export_folder = str(tmp_path / "fachverfahren")
    (tmp_path / "fachverfahren").mkdir()
    window = main_windows(store[0], schemas_dir, settings)
    window.show()
    waiting, complete = store[1]["waiting"], store[1]["complete"]
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(
        QMessageBox, "question", lambda _p, _t, text, _b, _d: asked.append(text) or answer[0]
    )
    refusals: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: refusals.append(text))
    monkeypatch.setattr(  # a team lead is asked for a reason for an exception: none given
        QInputDialog, "getText", lambda _p, _t, text: refusals.append(text) or ("", False)
    )
    for case_id in (waiting, complete):
        window.inbox.set_status(case_id, "in_progress")
    _show(window, waiting)
    window.trigger("export").trigger()  # not ready: refused by the core, nothing asked
    assert asked == [] and "Bereit zum Export" in refusals[0]
    for case_id in (waiting, complete):
        window.inbox.set_status(case_id, "ready")
    view = _show(window, waiting)
    awaited = [n.removesuffix(" (wird nachgeliefert)") for n in _documents(view) if "(wird" in n]
    window.trigger("export").trigger()
    assert len(asked) == 1 and f"{len(awaited)} Dokument(e)" in asked[0]
    assert all(name in asked[0] for name in awaited)
    assert window.inbox.exports(waiting) == []  # No: nothing was exported
    answer[0] = QMessageBox.StandardButton.Yes
    window.trigger("export").trigger()
    assert len(window.inbox.exports(waiting)) == 1  # Yes: exported
    _show(window, complete)
    window.trigger("export").trigger()
    assert len(asked) == 2  # nothing awaited: not asked
    assert len(window.inbox.exports(complete)) == 1
    assert warnings == []
