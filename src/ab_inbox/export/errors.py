"""Why an export did not happen, in words for the caseworker (German) and for support (English).

Each refusal also carries a stable `reason` code, so the command line and the desktop can react
(e.g. offer the team lead's override for `not_ready`) without parsing the text.
"""

from __future__ import annotations

from ab_inbox.errors import BilingualError


class ExportRefused(BilingualError):
    """The export was not carried out; nothing was recorded for it."""

    def __init__(self, text_de: str, text_en: str, *, reason: str):
        super().__init__(text_de, text_en)
        self.reason = reason


class ExportWriteError(ExportRefused):
    """Writing into the export folder failed (full disk, no permission, share gone).

    Files already under their final names are complete (they are written atomically); the
    export is not recorded, so running it again completes it.
    """

    def __init__(self, target: str, error: OSError):
        detail = error.strerror or error.__class__.__name__
        super().__init__(
            f"Schreiben in den Exportordner {target} ist fehlgeschlagen ({detail}). Der Export "
            "ist nicht vermerkt und kann wiederholt werden.",
            f"Writing into the export folder {target} failed ({detail}). The export is not "
            "recorded and can be repeated.",
            reason="write_failed",
        )
