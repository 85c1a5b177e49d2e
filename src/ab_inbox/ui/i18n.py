"""The translation layer: German source strings in the code, English from a Qt .qm file.

Every user-visible string is written in German and passed through Qt (`self.tr("Neu")` or
`QCoreApplication.translate("Context", "...")`), so German needs no catalogue and English is one
more `.ts` file. `packaging/update_translations.sh` refreshes `translations/ab_inbox_en.ts` from
the sources and builds the `.qm` that `install_translators` loads. Qt's own strings (buttons of
standard dialogs, context menus) come from Qt's `qtbase_<lang>.qm`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

from ab_inbox.times import local_text
from ab_inbox.xauslaender.message_types import by_code

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
CATALOGUE = "ab_inbox"
SOURCE_LANGUAGE = "de"
STATUS_CONTEXT = "Status"

# Labels for the case status slugs stored by the core. Marked here so lupdate finds them.
_STATUS_LABELS: dict[str, str] = {
    "new": QT_TRANSLATE_NOOP("Status", "Neu"),
    "in_progress": QT_TRANSLATE_NOOP("Status", "In Bearbeitung"),
    "query": QT_TRANSLATE_NOOP("Status", "Rückfrage"),
    "ready": QT_TRANSLATE_NOOP("Status", "Bereit zum Export"),
    "exported": QT_TRANSLATE_NOOP("Status", "Exportiert"),
    "parked": QT_TRANSLATE_NOOP("Status", "Zurückgestellt"),
    "not_responsible": QT_TRANSLATE_NOOP("Status", "Unzuständig"),
    "done": QT_TRANSLATE_NOOP("Status", "Erledigt"),
}
STATUS_SLUGS: tuple[str, ...] = tuple(_STATUS_LABELS)

_installed: list[QTranslator] = []
_language = SOURCE_LANGUAGE


def current_language() -> str:
    """The interface language last installed ("de" until another one is)."""
    return _language


def tr_status(slug: str) -> str:
    """Label of a case status in the current language; an unknown slug is shown as it is."""
    label = _STATUS_LABELS.get(slug)
    return QCoreApplication.translate(STATUS_CONTEXT, label) if label else slug


def catalogue_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"{CATALOGUE}_{language}.qm"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Replace the translators installed earlier with those for `language` ("de" or "en").

    Also makes `language` the default QLocale, so numbers and dates follow the language.

    Returns the translators now installed (Qt's own first, then ours). Missing catalogues are
    not an error: the German source strings are shown instead.
    """
    remove_translators(app)
    QLocale.setDefault(QLocale(language))
    global _language
    _language = language
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates: list[tuple[str, str | Path]] = [(f"qtbase_{language}", qt_dir)]
    if language != SOURCE_LANGUAGE:
        candidates.append((f"{CATALOGUE}_{language}", TRANSLATIONS_DIR))
    for name, directory in candidates:
        translator = QTranslator(app)
        if translator.load(name, str(directory)) and app.installTranslator(translator):
            _installed.append(translator)
        else:
            translator.deleteLater()
    return list(_installed)


def remove_translators(app: QCoreApplication) -> None:
    global _language
    _language = SOURCE_LANGUAGE
    while _installed:
        translator = _installed.pop()
        app.removeTranslator(translator)
        translator.deleteLater()


def type_title(code: str | None) -> str:
    """A message type's title in the UI language (the code itself if it is not known)."""
    message_type = by_code(code) if code else None
    if message_type is None:
        return code or ""
    return message_type.title_de if current_language() == "de" else message_type.title_en


def local_time(utc_text: str | None, seconds: bool = False) -> str:
    """A stored UTC time ("…Z") in the workstation's local time, German order; "–" for none."""
    return local_text(utc_text, seconds=seconds) or "–"


def local_date(iso_day: str | None) -> str:
    return f"{date.fromisoformat(iso_day):%d.%m.%Y}" if iso_day else "–"
