"""Render the desktop with demo data to PNG files for the README (offscreen, no display needed).

Usage: python docs/make_screenshots.py [--out docs/screenshots]
Needs the schema pack (AB_INBOX_SCHEMAS or ../shared/xauslaender beside the checkout).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ab-inbox-shots-"))
    os.environ["AB_INBOX_DATA"] = str(work / "data")
    os.environ["AB_INBOX_CONFIG"] = str(work / "settings.json")
    schemas = os.environ.get("AB_INBOX_SCHEMAS") or str(REPO.parent / "shared" / "xauslaender")
    try:
        render(work, schemas, args.out)
    finally:  # the demo store and its drop folder are not left behind
        shutil.rmtree(work, ignore_errors=True)


def render(work: Path, schemas: str, out: Path) -> None:

    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from ab_inbox.config import Settings
    from ab_inbox.demo import generate_demo
    from ab_inbox.inbox import Inbox
    from ab_inbox.ui import ops
    from ab_inbox.ui.app import create_window
    from ab_inbox.ui.i18n import install_translators

    db = work / "inbox.sqlite3"
    drop = work / "drop"
    generate_demo(drop, 60, seed=7)
    (drop / "kaputt.xml").write_bytes(b"<?xml version='1.0'?><nicht-wohlgeformt>")
    sample = sorted(drop.glob("OZG.Antrag.130101_*.xml"))[0]
    data = sample.read_bytes()
    start = data.index(b"antragsdatum>") + len(b"antragsdatum>")
    (drop / "ungueltig.xml").write_bytes(data[:start] + b"2026-13-01" + data[start + 10 :])
    sample.unlink()
    with Inbox(db, schemas) as inbox:
        if not inbox.actor().known:
            inbox.add_user(inbox.user, "admin")  # the first user of a store: Administration
        inbox.fetch(drop, settle_s=0)
        ids = inbox.case_ids("all", sort="received", descending=False)
        inbox.take_case(ids[0])
        inbox.set_status(ids[1], "in_progress")
        inbox.set_status(ids[1], "query", note="Nachweis Krankenversicherung fehlt")
        inbox.add_note(ids[0], "Termin zur Vorsprache am 3.12. vereinbart.")
        for login, name in (("a.yilmaz", "Aylin Yılmaz"), ("j.nowak", "Jan Nowak")):
            inbox.add_user(login, "caseworker", name)
        inbox.add_distribution_rule("a.yilmaz", letters_from="A", letters_to="K")
        inbox.add_distribution_rule("j.nowak", letters_from="L", letters_to="Z")
        inbox.distribute_unassigned()
        inbox.set_deadline_target("130101", 21)

    app = QApplication.instance() or QApplication([])
    install_translators(app, "de")
    ops.run_synchronously(True)
    window = create_window(db, schemas, Settings())
    window.resize(1500, 900)
    window.splitter.setSizes([190, 800, 510])
    window.show()
    out.mkdir(parents=True, exist_ok=True)

    def settle(ms: int = 200) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def shot(name: str) -> None:
        settle()
        window.grab().save(str(out / f"{name}.png"))
        print(out / f"{name}.png")

    all_row = next(
        i
        for i in range(window.views.count())
        if window.views.item(i).data(Qt.ItemDataRole.UserRole + 1)[0] == "all"
    )
    window.views.setCurrentRow(all_row)
    window.table.selectRow(2)
    shot("queue-and-case")
    docs = window.case_view.documents
    for row in range(window.model.rowCount()):
        window.table.selectRow(row)
        if any(
            docs.item(i).data(Qt.ItemDataRole.UserRole + 1)[3] == "application/pdf"
            for i in range(docs.count())
        ):
            break
    window.splitter.setSizes([150, 560, 790])
    window.case_view.tabs.setCurrentIndex(1)
    pdf = next(
        i
        for i in range(docs.count())
        if docs.item(i).data(Qt.ItemDataRole.UserRole + 1)[3] == "application/pdf"
    )
    docs.setCurrentRow(pdf)
    shot("pdf-viewer")
    window.splitter.setSizes([190, 800, 510])
    window.case_view.tabs.setCurrentIndex(0)
    for i in range(window.views.count()):
        if window.views.item(i).data(Qt.ItemDataRole.UserRole + 1)[0] == "invalid":
            window.views.setCurrentRow(i)
    window.table.selectRow(0)
    shot("invalid-message")

    from ab_inbox.ui.team_actions import open_dialog

    for name in ("workload", "audit"):
        dialog = open_dialog(window, name)
        dialog.resize(1000, 560)
        settle()
        dialog.grab().save(str(out / f"team-{name}.png"))
        print(out / f"team-{name}.png")
        dialog.close()
    window.live_timer.stop()
    window.close()
    window.workers.close_all()
    window.inbox.close()


if __name__ == "__main__":
    main()
