"""The summary's typeface: DejaVu Sans, bundled, so every DIN 91379 name has its glyphs.

The PDF base fonts know Latin-1 only; "Łukasz", "Şahin" or "Nguyễn" would print as empty boxes.
DejaVu Sans covers all letters of DIN 91379 (Latin with combining sequences, Greek, Cyrillic)
and its license allows redistribution (fonts/LICENSE-DejaVu.txt). Parsing a TrueType file costs
tens of milliseconds, so the fonts are registered with reportlab once per process.
"""

from __future__ import annotations

import threading
from pathlib import Path

FONTS_DIR = Path(__file__).with_name("fonts")
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}

_lock = threading.Lock()
_registered = False


def ensure_fonts() -> None:
    """Register the bundled fonts (and their family, for <b> in paragraphs) once."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for name, file_name in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / file_name)))
        for bold, italic, face in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, REGULAR), (1, 1, BOLD)):
            addMapping(REGULAR, bold, italic, face)
        _registered = True
