#!/usr/bin/env bash
# Refresh the English catalogue from the sources and build the .qm the application loads.
#
#   packaging/update_translations.sh          # from the repository root or anywhere
#
# Strings come from src/ab_inbox/ui/**/*.py (self.tr, QCoreApplication.translate,
# QT_TRANSLATE_NOOP) and from the declared settings in config.SETTINGS (titles and help texts,
# context "Setting"); English setting titles are taken from Setting.title_en where the
# catalogue has no translation yet. Translate the rest in the .ts (pyside6-linguist), then run
# this script again.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

VENV_BIN="${VENV_BIN:-$ROOT/.venv/bin}"
tool() {
    if [[ -x "$VENV_BIN/$1" ]]; then echo "$VENV_BIN/$1"; else command -v "$1"; fi
}
PYTHON="$(tool python || tool python3)"
LUPDATE="$(tool pyside6-lupdate)"
LRELEASE="$(tool pyside6-lrelease)"

TS_DIR="src/ab_inbox/ui/translations"
GENERATED="build/i18n/setting_strings.py"
LANGUAGES=(en)

mkdir -p "$(dirname "$GENERATED")" "$TS_DIR"
PYTHONPATH="$ROOT/src" "$PYTHON" - "$GENERATED" <<'PY'
import sys

from ab_inbox.config import OFFICE_RETENTION, SETTINGS

lines = ["from PySide6.QtCore import QT_TRANSLATE_NOOP", ""]
for s in (*SETTINGS, *OFFICE_RETENTION):
    lines.append(f'QT_TRANSLATE_NOOP("Setting", {s.title_de!r})')
    lines.append(f'QT_TRANSLATE_NOOP("Setting", {s.help_de!r})')
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write("\n".join(lines) + "\n")
PY

shopt -s globstar nullglob
SOURCES=(src/ab_inbox/ui/**/*.py "$GENERATED")

for lang in "${LANGUAGES[@]}"; do
    ts="$TS_DIR/ab_inbox_${lang}.ts"
    "$LUPDATE" "${SOURCES[@]}" -no-obsolete -locations relative \
        -source-language de -target-language "$lang" -ts "$ts"
    if [[ "$lang" == en ]]; then
        PYTHONPATH="$ROOT/src" "$PYTHON" - "$ts" <<'PY'
import sys
import xml.etree.ElementTree as ET

from ab_inbox.config import OFFICE_RETENTION, SETTINGS

path = sys.argv[1]
english = {s.title_de: s.title_en for s in (*SETTINGS, *OFFICE_RETENTION) if s.title_en}
tree = ET.parse(path)
filled = 0
for context in tree.getroot().iter("context"):
    if context.findtext("name") != "Setting":
        continue
    for message in context.iter("message"):
        translation = message.find("translation")
        source = message.findtext("source")
        if translation is not None and not (translation.text or "") and source in english:
            translation.text = english[source]
            translation.attrib.pop("type", None)
            filled += 1
if filled:
    with open(path, "wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
print(f"    {filled} setting title(s) filled from config.SETTINGS")
PY
        # Rewrite in lupdate's own layout after the fill.
        "$LUPDATE" "${SOURCES[@]}" -no-obsolete -locations relative \
            -source-language de -target-language "$lang" -ts "$ts" >/dev/null
    fi
    "$LRELEASE" "$ts" -qm "$TS_DIR/ab_inbox_${lang}.qm"
done
