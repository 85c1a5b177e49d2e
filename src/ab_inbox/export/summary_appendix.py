"""The summary's appendix: the list of attachments, and pictures on pages of their own.

Attached PDFs are copied in behind the summary by summary_merge (reportlab cannot do that); the
list says which ones ("Vollmacht.pdf (3 Seiten, im Anschluss angehängt)") and which could not
be appended. Pictures are prepared by summary_files (header checked, size limited) before
reportlab sees them.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from ab_inbox.export import summary_sections as sections
from ab_inbox.export.summary_files import pdf_page_count, picture

PDF_MIME = "application/pdf"
PICTURE_MIMES = ("image/jpeg", "image/png")

Appendix = list[tuple[str, str, bytes]]  # (name, mime, bytes)


def page_count(mime: str, data: bytes) -> int | None:
    """Pages a file fills on paper: a JPEG or PNG one, a PDF what it declares, else unknown."""
    if mime == PDF_MIME:
        return pdf_page_count(data)
    return 1 if mime in PICTURE_MIMES else None


class _Picture(Flowable):
    """A picture scaled into the space left on its page, never enlarged beyond 150 dpi."""

    def __init__(self, image, width: int, height: int):
        super().__init__()
        self.image, self.pixels = image, (width, height)

    def wrap(self, avail_width, avail_height):
        width, height = self.pixels
        scale = min(avail_width / width, (avail_height - 2) / height, 72 / 150)
        self.width, self.height = width * scale, height * scale
        return self.width, self.height

    def draw(self):
        self.canv.drawImage(self.image, 0, 0, self.width, self.height)


def appendix_pages(
    appendix: Appendix, counts: list[int | None], appended: set[int] = frozenset()
) -> list[Flowable]:
    """The list of attachments, then a page for each picture; `counts` from page_count,
    `appended` the indexes of PDFs whose pages follow the summary."""
    if not appendix:
        return []
    listed, pictures = [], []
    for number, ((name, mime, data), count) in enumerate(
        zip(appendix, counts, strict=True), start=1
    ):
        label = f"Anlage {number}"
        shown = picture(data) if mime.startswith("image/") else None
        if shown is not None:
            pictures.append((f"{label}: {sections.text(name)}", shown))
            listed.append(f"{label}: {sections.text(name)} (Bild, auf den folgenden Seiten)")
        elif mime == PDF_MIME:
            pages = f"{count} Seite{'n' if count != 1 else ''}" if count else "Seitenzahl unbekannt"
            if number - 1 in appended:
                listed.append(f"{label}: {sections.text(name)} ({pages}, im Anschluss angehängt)")
            else:
                listed.append(
                    f"{label}: {sections.text(name)} ({pages}, nicht angehängt, liegt "
                    "elektronisch vor)"
                )
        else:
            listed.append(
                f"{label}: {sections.text(name)} (nicht druckbar, liegt elektronisch vor)"
            )
    out: list[Flowable] = [sections.heading("Anlagen")]
    out += [Paragraph(line, sections.BODY) for line in listed]
    for label, (image, width, height) in pictures:
        out += [PageBreak(), Paragraph(label, sections.SUBHEADING), Spacer(1, 3 * mm)]
        out.append(_Picture(image, width, height))
    return out
