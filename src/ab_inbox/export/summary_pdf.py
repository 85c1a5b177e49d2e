"""A case as an A4 PDF for the paper file: letterhead, the case view's sections, a QR code.

The summary goes into a paper file and may be read years later, so it says who made it and
when on every page, prints every name exactly (bundled DejaVu Sans, see summary_fonts), and
carries the antragsidentifikation as a QR code for scanning the file back to its case. Output
is deterministic for the same case and `created_at` (reportlab's invariant mode), so a summary
can be made again and compared byte for byte.
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from xml.sax.saxutils import escape

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ab_inbox.export import summary_merge
from ab_inbox.export import summary_sections as sections
from ab_inbox.export.summary_appendix import PDF_MIME, Appendix, appendix_pages, page_count
from ab_inbox.export.summary_files import pdf_page_count
from ab_inbox.export.summary_fonts import BOLD, REGULAR, ensure_fonts

MARGIN = 20 * mm
QR_SIZE = 24 * mm

AttachmentData = Callable[[int, int], bytes | None]

# reportlab's TrueType faces read their file through one shared cursor while subsetting, so two
# documents built at once in threads corrupt each other; reportlab holds the GIL throughout
# anyway, so serialising costs nothing.
RENDER_LOCK = threading.Lock()


def render_summary(
    case: dict,
    *,
    office: dict,
    user: str,
    created_at: datetime | None = None,
    appendix: Appendix | None = None,
    attachment_data: AttachmentData | None = None,
) -> bytes:
    """The PDF summary of a case as returned by Inbox.case().

    `office`: name, street, postcode, city for the letterhead. `created_at` (default: now)
    appears in every footer and in the PDF's metadata; times from the store are shown in its
    time zone (naive means local time). `appendix`: (name, mime, bytes) of files to attach:
    JPEG and PNG pictures are printed on pages of their own, PDFs are appended behind the
    summary (summary_merge) and listed with their page count. `attachment_data(message_id,
    position)` gives an attachment's bytes (for example `Inbox.attachment(...)["data"]`) so
    that the document list can count PDF pages; without it only documents also in the
    appendix get a count.
    """
    return _render(
        case,
        office=office,
        user=user,
        created_at=created_at,
        appendix=list(appendix or []),
        attachment_data=attachment_data,
        refused=frozenset(),
    )


def _render(
    case: dict,
    *,
    office: dict,
    user: str,
    created_at: datetime | None,
    appendix: Appendix,
    attachment_data: AttachmentData | None,
    refused: frozenset[int],
) -> bytes:
    """render_summary; `refused`: appendix PDFs that failed to copy in an earlier try."""
    ensure_fonts()
    created = created_at if created_at and created_at.tzinfo else None
    created = created or (created_at or datetime.now()).astimezone()
    tz = created.tzinfo
    pdf_indexes = [
        i for i, (_, mime, _) in enumerate(appendix) if mime == PDF_MIME and i not in refused
    ]
    merge_counts = summary_merge.choose([appendix[i][2] for i in pdf_indexes])
    appended = {i for i, n in zip(pdf_indexes, merge_counts, strict=True) if n is not None}
    counts = [page_count(mime, data) for _, mime, data in appendix]
    for i, n in zip(pdf_indexes, merge_counts, strict=True):
        counts[i] = n or counts[i]
    known_pages = {
        hashlib.sha256(a[2]).hexdigest(): n for a, n in zip(appendix, counts, strict=True)
    }

    def pages(message: dict, attachment: dict) -> int | None:
        if attachment.get("state") != "stored":
            return None
        mime = attachment.get("mime") or ""
        if mime != PDF_MIME:
            return page_count(mime, b"")
        if attachment.get("sha256") in known_pages:
            return known_pages[attachment["sha256"]]
        if attachment_data is None or message.get("id") is None:
            return None
        data = attachment_data(message["id"], attachment["position"])
        return pdf_page_count(data) if data else None

    lead = sections.lead_message(case)
    record = (lead or {}).get("record") or {}
    invalid = any(
        f.get("severity") == "error"
        for m in case.get("messages") or []
        for f in m.get("findings") or []
    )
    story: list[Flowable] = [
        _letterhead(office, case.get("antragsidentifikation")),
        Spacer(1, 5 * mm),
    ]
    story += _title(case)
    if invalid:  # why the case is invalid comes first, as in the case view
        story += sections.findings(case)
    story += sections.application(case, record, tz)
    story += sections.people(record)
    story += sections.documents(case, pages)
    story += sections.history(case, tz)
    story += sections.notes(case, tz)
    if not invalid:
        story += sections.findings(case)
    story += appendix_pages(appendix, counts, appended)

    footer = (
        f"Erstellt am {created.strftime('%d.%m.%Y %H:%M')} von {user or '–'}"
        f" · {office.get('name') or ''}"
    ).rstrip(" ·")
    header = f"Zusammenfassung Fall {case.get('id')}"
    if case.get("antragsidentifikation"):
        header += f" · {case['antragsidentifikation']}"
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=f"Zusammenfassung Fall {case.get('id')}",
        author=office.get("name") or "",
        subject=case.get("antragsidentifikation") or "",
        creator="AB-Inbox",
        producer="AB-Inbox",
        invariant=1,
        pageCompression=1,
        initialFontName=REGULAR,
    )

    def canvas_maker(*args, **kwargs):
        return _NumberedCanvas(*args, header=header, footer=footer, created=created, **kwargs)

    with RENDER_LOCK:
        doc.build(story, canvasmaker=canvas_maker)
    if not appended:
        return out.getvalue()
    order = sorted(appended)
    merged, failed = summary_merge.append_pdfs(out.getvalue(), [appendix[i][2] for i in order])
    if failed:  # list those as not appended: render once more without them
        return _render(
            case,
            office=office,
            user=user,
            created_at=created_at,
            appendix=appendix,
            attachment_data=attachment_data,
            refused=refused | {order[i] for i in failed},
        )
    return merged


def _letterhead(office: dict, antragsidentifikation: str | None) -> Table:
    place = " ".join(str(office.get(k) or "") for k in ("postcode", "city")).strip()
    lines = [f"<font name='{BOLD}' size='12'>{sections.text(office.get('name'))}</font>"]
    lines += [sections.text(v) for v in (office.get("street"), place) if v]
    address = Paragraph("<br/>".join(lines), sections.BODY)
    qr = QrCode(antragsidentifikation) if antragsidentifikation else Spacer(QR_SIZE, QR_SIZE)
    table = Table([[address, qr]], colWidths=[None, QR_SIZE + 2], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                *sections.GRID.getCommands(),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, sections.INK),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
            ]
        )
    )
    return table


def _title(case: dict) -> list[Flowable]:
    line = []
    if case.get("applicant_name"):
        line.append(f"Antragsteller/in: {sections.text(case['applicant_name'])}")
    if case.get("status_label"):
        line.append(f"Status: {sections.text(case['status_label'])}")
    out: list[Flowable] = [
        Paragraph(f"Zusammenfassung Fall {escape(str(case.get('id')))}", sections.TITLE)
    ]
    if line:
        out.append(Paragraph(" · ".join(line), sections.BODY))
    return out


class QrCode(Flowable):
    """The antragsidentifikation as a QR code (level M survives a stamp or a hole punch), with
    the text under it for people."""

    def __init__(self, value: str, size: float = QR_SIZE):
        super().__init__()
        self.value = value
        self.size = size
        qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        qr.addData(value)
        qr.make()
        self.modules = qr.modules

    def wrap(self, avail_width, avail_height):
        return self.size, self.size + 9

    def draw(self):
        count = len(self.modules)
        box = self.size / (count + 2)  # a quiet zone of one module; the page margin adds more
        canv = self.canv
        path = canv.beginPath()
        for r, row in enumerate(self.modules):
            c = 0
            while c < count:
                if not row[c]:
                    c += 1
                    continue
                start = c
                while c < count and row[c]:
                    c += 1
                y = 9 + self.size - (r + 2) * box
                path.rect((start + 1) * box, y, (c - start) * box, box)
        canv.setFillColor(colors.black)
        canv.drawPath(path, stroke=0, fill=1)
        canv.setFont(REGULAR, 6.5)
        canv.drawCentredString(self.size / 2, 2, self.value)


class _NumberedCanvas(Canvas):
    """Holds the pages back until the end, so each footer can say "Seite x von y"."""

    def __init__(self, *args, header: str, footer: str, created: datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self._held: list[dict] = []
        self._header, self._footer = header, footer
        _stamp(self, created)

    def showPage(self):  # noqa: N802 (reportlab's name)
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._held)
        for state in self._held:
            self.__dict__.update(state)
            self._decorate(total)
            super().showPage()
        super().save()

    def _decorate(self, total: int) -> None:
        width, _ = A4
        page = self.getPageNumber()
        self.saveState()
        self.setFillColor(colors.HexColor("#555555"))
        self.setFont(REGULAR, 7.5)
        if page > 1:
            self.drawString(MARGIN, A4[1] - 10 * mm, self._header)
        self.setStrokeColor(colors.HexColor("#bbbbbb"))
        self.setLineWidth(0.4)
        self.line(MARGIN, 13 * mm, width - MARGIN, 13 * mm)
        self.drawString(MARGIN, 9 * mm, self._footer)
        self.drawRightString(width - MARGIN, 9 * mm, f"Seite {page} von {total}")
        self.restoreState()


def _stamp(canvas: Canvas, created: datetime) -> None:
    """The PDF's creation date is the summary's, not invariant mode's fixed 2000-01-01."""
    stamp = getattr(getattr(canvas, "_doc", None), "_timeStamp", None)
    if stamp is None:
        return
    offset = int((created.utcoffset() or timedelta()).total_seconds() // 60)
    stamp.YMDhms = tuple(created.timetuple())[:6]
    stamp.dhh = int(offset / 60)
    stamp.dmm = abs(offset) % 60
