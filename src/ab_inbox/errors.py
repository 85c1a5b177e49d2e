"""One base for errors a person has to read: every such error speaks German and English."""

from __future__ import annotations


class BilingualError(Exception):
    """An error with a German text for the office and an English one for logs and support."""

    def __init__(self, text_de: str, text_en: str):
        super().__init__(text_en)
        self.text_de = text_de
        self.text_en = text_en

    def text(self, language: str = "de") -> str:
        return self.text_de if language == "de" else self.text_en


class QueryTooSlow(BilingualError):
    """A read given a time limit ran over it and was stopped; nothing was changed. The
    desktop gives a read it makes on the GUI thread such a limit, and reads it in the
    background instead when it is stopped."""

    def __init__(self, seconds: float):
        super().__init__(
            f"Die Abfrage wurde nach {seconds:g} s abgebrochen.",
            f"The query was stopped after {seconds:g} s.",
        )
