"""The status bar's "last fetch": when the inbox last looked for messages, and whether it worked.

A caseworker who sees no new cases should be able to tell "nothing came" from "nothing was
fetched": the newest run of any way in is shown, red when a way in failed last time, with each
way in and its result in the tooltip (store.fetch_runs records them).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QLabel

from ab_inbox.ui.i18n import current_language, local_time

_SOURCES = {
    "folder": QT_TRANSLATE_NOOP("FetchStatus", "Eingangsordner"),
    "xta": QT_TRANSLATE_NOOP("FetchStatus", "XTA-Postfach"),
}
FAILED_STYLE = "color: #b00020; font-weight: bold;"


def _tr(text: str) -> str:
    """For texts marked with QT_TRANSLATE_NOOP("FetchStatus", …); literal calls elsewhere, so
    lupdate finds them."""
    return QCoreApplication.translate("FetchStatus", text)


def _run_line(source: str, row: dict) -> str:
    name = _tr(_SOURCES[source]) if source in _SOURCES else source
    if row["ok"]:
        return QCoreApplication.translate("FetchStatus", "{0}: {1}, {2} gespeichert").format(
            name, local_time(row["at"]), row["stored"]
        )
    reason = row["error_en"] if current_language() == "en" else row["error_de"]
    if not reason:
        reason = QCoreApplication.translate(
            "FetchStatus", "{0} Datei(en) nicht verarbeitet"
        ).format(row["failed"])
    return QCoreApplication.translate(
        "FetchStatus", "{0}: {1} fehlgeschlagen: {2} (zuletzt gelungen: {3})"
    ).format(name, local_time(row["at"]), reason, local_time(row["last_ok_at"]))


def show_fetches(label: QLabel, runs: dict[str, dict], record_minutes: int) -> None:
    """Fill the label from `Inbox.last_fetches()`; quiet runs are noted every
    `record_minutes` (Inbox.FETCH_RECORD_MINUTES)."""
    if not runs:
        label.setText(QCoreApplication.translate("FetchStatus", "Letzter Abruf: –"))
        label.setToolTip(QCoreApplication.translate("FetchStatus", "Noch kein Abruf vermerkt."))
        label.setStyleSheet("")
        return
    failed = any(not row["ok"] for row in runs.values())
    # The time of the failure when one way in failed, else of the newest run.
    newest = max(row["at"] for row in runs.values() if not failed or not row["ok"])
    text = (
        QCoreApplication.translate("FetchStatus", "Abruf fehlgeschlagen: {0}")
        if failed
        else QCoreApplication.translate("FetchStatus", "Letzter Abruf: {0}")
    )
    label.setText(text.format(local_time(newest)))
    lines = [_run_line(source, row) for source, row in sorted(runs.items())]
    lines.append(
        QCoreApplication.translate(
            "FetchStatus",
            "Abrufe ohne neue Nachrichten werden höchstens alle {0} Minuten vermerkt.",
        ).format(record_minutes)
    )
    label.setToolTip("\n".join(lines))
    label.setStyleSheet(FAILED_STYLE if failed else "")
