"""Exporters, registered by name: each office picks the one its Fachverfahren reads.

An exporter is a function that writes one case into a target folder and returns the files it
wrote. Adding a format for another Fachverfahren means adding one module with one `@exporter`
function (and importing it in the package), not another branch in the export code. The name is
what settings, the command line and the `exports` table store, so it never changes once used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ab_inbox.export.errors import ExportRefused

if TYPE_CHECKING:
    from ab_inbox.export.atomic import WrittenFile
    from ab_inbox.export.bundle import CaseBundle, ExportStamp

WriteFn = Callable[["CaseBundle", Path, "ExportStamp"], list["WrittenFile"]]


@dataclass(frozen=True)
class Exporter:
    name: str
    title_de: str
    title_en: str
    write: WriteFn

    def title(self, language: str = "de") -> str:
        return self.title_de if language == "de" else self.title_en


_EXPORTERS: dict[str, Exporter] = {}


def exporter(name: str, *, title_de: str, title_en: str) -> Callable[[WriteFn], WriteFn]:
    """Register the decorated function as the exporter `name`."""

    def register(write: WriteFn) -> WriteFn:
        if name in _EXPORTERS:
            raise ValueError(f"exporter {name!r} is already registered")
        _EXPORTERS[name] = Exporter(name, title_de, title_en, write)
        return write

    return register


class UnknownExporter(ExportRefused):
    def __init__(self, name: str):
        known = ", ".join(names())
        super().__init__(
            f"Das Exportformat „{name}“ gibt es nicht (vorhanden: {known}).",
            f"There is no exporter '{name}' (available: {known}).",
            reason="unknown_exporter",
        )


def get(name: str) -> Exporter:
    try:
        return _EXPORTERS[name]
    except KeyError:
        raise UnknownExporter(name) from None


def names() -> list[str]:
    return sorted(_EXPORTERS)


def exporters() -> list[Exporter]:
    return [_EXPORTERS[name] for name in names()]
