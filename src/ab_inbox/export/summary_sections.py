"""The case's sections as reportlab flowables, in the order and wording of the case view.

Everything from a message is untrusted text: it is escaped here, in one place, before
reportlab's paragraph markup sees it, and cut to a length a sheet of paper can hold. Codes
print as their German label with the code itself in small print behind it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import tzinfo
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from ab_inbox.export.summary_fonts import BOLD, REGULAR
from ab_inbox.times import local_text
from ab_inbox.xauslaender.record import PERSON_ROLE_TITLES_DE, heading_role, role_numbers

MAX_TEXT = 2000  # characters of one value
MAX_NOTE = 20_000  # notes are the office's own words
MAX_FINDINGS = 200
MUTED = "#666666"
INK = colors.HexColor("#1f3a5f")

BODY = ParagraphStyle("body", fontName=REGULAR, fontSize=9, leading=11.5)
KEY = ParagraphStyle("key", parent=BODY, textColor=colors.HexColor("#555555"))
SMALL = ParagraphStyle("small", parent=BODY, fontSize=7.5, leading=9.5, textColor=MUTED)
TITLE = ParagraphStyle("title", fontName=BOLD, fontSize=15, leading=19, spaceAfter=2)
# keepWithNext: a heading never stays alone at the foot of a page
HEADING = ParagraphStyle(
    "heading",
    fontName=BOLD,
    fontSize=11,
    leading=14,
    textColor=INK,
    spaceBefore=9,
    spaceAfter=3,
    keepWithNext=1,
)
SUBHEADING = ParagraphStyle("subheading", parent=BODY, fontName=BOLD, spaceBefore=4, keepWithNext=1)
NOTE_HEAD = ParagraphStyle(
    "note_head", parent=BODY, fontSize=7.5, textColor=MUTED, spaceBefore=3, keepWithNext=1
)
NOTE = ParagraphStyle("note", parent=BODY, leftIndent=4 * mm)

# The workflow's German labels (ab_inbox.casework.status), for history rows that carry a slug.

STATE_DE = {"stored": "vorhanden", "awaited": "wird nachgeliefert", "blocked": "gesperrt"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DASH = f"<font color='{MUTED}'>–</font>"

GRID = TableStyle(
    [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # else the table names Helvetica in the PDF
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
)
_LISTING = TableStyle(
    [
        *GRID.getCommands(),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.HexColor("#999999")),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#dddddd")),
    ]
)


def text(value, limit: int = MAX_TEXT) -> str:
    """Paragraph markup for an untrusted value; '–' for nothing. NFC (the form DIN 91379
    prescribes) so that a letter sent decomposed prints with its precomposed glyph."""
    if value in (None, "", []):
        return DASH
    value = unicodedata.normalize("NFC", str(value))
    if len(value) > limit:
        value = value[:limit] + " …"
    return escape(value)


def code(value: dict | None) -> str:
    if not value:
        return DASH
    label, raw = value.get("label"), value.get("code")
    if not label or label == raw:
        return text(raw)
    return f"{text(label)} <font size='7' color='{MUTED}'>({text(raw)})</font>"


def local_time(value: str | None, tz: tzinfo | None) -> str | None:
    """'2026-11-28T18:58:09.005Z' as '28.11.2026 19:58' in the summary's time zone; a value
    that is no time is printed as it is."""
    try:
        return local_text(value, tz=tz)
    except ValueError:
        return value


def german_date(value: str | None) -> str | None:
    """'1990' / '1990-05' / '1990-05-20' in German order; unknown parts stay unknown."""
    if not value:
        return None
    parts = value.split("-")
    if len(parts) == 3:
        return f"{parts[2]}.{parts[1]}.{parts[0]}"
    if len(parts) == 2:
        return f"{parts[1]}/{parts[0]} (Tag unbekannt)"
    return f"{parts[0]} (Tag und Monat unbekannt)"


def heading(title: str) -> Paragraph:
    return Paragraph(escape(title), HEADING)


def fields(pairs: list[tuple[str, str]], key_width: float = 42 * mm) -> Table:
    """Rows of label and value; values are markup already (see text and code)."""
    rows = [[Paragraph(escape(key), KEY), Paragraph(value, BODY)] for key, value in pairs]
    table = Table(rows, colWidths=[key_width, None], hAlign="LEFT")
    table.setStyle(GRID)
    return table


def listing(head: list[str], rows: list[list[str]], widths: list[float | None]) -> Table:
    cells = [[Paragraph(f"<b>{escape(h)}</b>", SMALL) for h in head]]
    cells += [[Paragraph(cell, BODY) for cell in row] for row in rows]
    table = Table(cells, colWidths=widths, hAlign="LEFT", repeatRows=1)
    table.setStyle(_LISTING)
    return table


def lead_message(case: dict) -> dict | None:
    messages = case.get("messages") or []
    return next(
        (m for m in messages if m.get("id") == case.get("application_message_id")),
        messages[0] if messages else None,
    )


def application(case: dict, record: dict, tz: tzinfo | None) -> list[Flowable]:
    errors = sum(
        1
        for m in case.get("messages") or []
        for f in m.get("findings") or []
        if f.get("severity") == "error"
    )
    check = "gültig" if not errors else f"ungültig ({errors} Fehler, siehe Prüfergebnis)"
    pairs = [
        ("Typ", text(case.get("type_title"))),
        ("Antragsidentifikation", text(case.get("antragsidentifikation"))),
        ("Eingang", text(local_time(case.get("received_at"), tz))),
        ("Status", text(case.get("status_label") or case.get("status") or "")),
        ("Prüfung", text(check)),
        ("Bearbeitung", text(case.get("assignee"))),
        ("Wiedervorlage", text(german_date(case.get("follow_up_date")))),
        ("Rückkanal", text(_yes_no(record.get("rueckkanal_vorhanden")))),
    ]
    pairs += [("Grund", code(r)) for r in record.get("reasons") or []]
    pairs += [(str(k), text(_detail(v))) for k, v in (record.get("details") or {}).items()]
    return [heading("Antrag"), fields(pairs)]


def _detail(value):
    """ISO dates among the details in German order, everything else as sent."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return german_date(value)
    return value


def _yes_no(value) -> str | None:
    return None if value is None else ("ja" if value else "nein")


def person(p: dict) -> Table:
    if p.get("organisation"):  # a firm or institution: a name and nothing personal
        pairs = [("Name", text(p.get("family_name")))]
        if p.get("relation"):
            pairs.append(("Beziehung", code(p["relation"])))
        return fields(pairs)
    pairs = [("Familienname", text(p.get("family_name"))), ("Vornamen", text(p.get("given_names")))]
    if p.get("birth_name"):
        pairs.append(("Geburtsname", text(p["birth_name"])))
    pairs += [
        ("Geburtsdatum", text(german_date(p.get("birth_date")))),
        ("Geburtsort", text(p.get("birth_place"))),
        ("Geschlecht", code(p.get("sex"))),
        ("Staatsangehörigkeit", ", ".join(code(n) for n in p.get("nationalities") or []) or DASH),
    ]
    if p.get("firm"):
        pairs.append(("Firma", text(p["firm"])))
    if p.get("relation"):
        pairs.append(("Beziehung", code(p["relation"])))
    return fields(pairs)


def role_title(role: str | None, number: int | None = None) -> str:
    title = PERSON_ROLE_TITLES_DE.get(role or "", "Person")
    return f"{title} {number}" if number else title


def people(record: dict) -> list[Flowable]:
    out: list[Flowable] = []
    type_code = record.get("type_code")

    def role_of(p: dict) -> str | None:
        return heading_role(type_code, p.get("role"))

    if record.get("applicant"):
        applicant = record["applicant"]
        out += [heading(role_title(role_of(applicant))), person(applicant)]
    if record.get("representative"):
        representative = record["representative"]
        out += [heading(role_title(role_of(representative))), person(representative)]
    refs = record.get("reference_persons") or []
    if refs:
        out.append(heading("Referenzpersonen"))
        roles = [role_of(ref) for ref in refs]
        for ref, role, number in zip(refs, roles, role_numbers(roles), strict=True):
            title = Paragraph(escape(role_title(role, number)), SUBHEADING)
            out.append(KeepTogether([title, person(ref)]))
    return out


def documents(case: dict, pages: Callable[[dict, dict], int | None]) -> list[Flowable]:
    """All attachments of the case's messages; `pages(message, attachment)` counts pages."""
    rows = []
    for message in case.get("messages") or []:
        for a in message.get("attachments") or []:
            name = text(a.get("file_name") or a.get("label") or "(ohne Namen)")
            if a.get("label") and a.get("file_name"):
                name += f"<br/><font size='7.5' color='{MUTED}'>{text(a['label'])}</font>"
            count = pages(message, a)
            rows.append(
                [
                    name,
                    text(a.get("declared_label") or a.get("mime")),
                    text(_size(a.get("size"))),
                    text(count),
                    text(STATE_DE.get(a.get("state"), a.get("state"))),
                    f"<font size='7.5'>{text((a.get('sha256') or '')[:12])}</font>",
                ]
            )
    if not rows:
        return [heading("Dokumente"), Paragraph("Keine Dokumente", SMALL)]
    head = ["Datei", "Format", "Größe", "Seiten", "Zustand", "SHA-256"]
    widths = [None, 17 * mm, 16 * mm, 13 * mm, 28 * mm, 25 * mm]
    return [heading("Dokumente"), listing(head, rows, widths)]


def _size(size: int | None) -> str | None:
    if not size:
        return None
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def findings(case: dict) -> list[Flowable]:
    rows = []
    for message in case.get("messages") or []:
        for f in message.get("findings") or []:
            error = f.get("severity") == "error"
            colour = "#b00020" if error else "#8a5a00"
            where = text(f.get("path") or "")
            if f.get("line"):
                where += f" (Zeile {text(f['line'])})"
            rows.append(
                [
                    f"<font color='{colour}'>{'Fehler' if error else 'Hinweis'}</font>",
                    f"{text(f.get('text_de'))}<br/><font size='7.5' color='{MUTED}'>"
                    f"{where} · {text(f.get('rule'))}</font>",
                ]
            )
    if not rows:
        none = "Keine Befunde: alle Nachrichten sind gültig."
        return [heading("Prüfergebnis"), Paragraph(none, BODY)]
    out: list[Flowable] = [heading("Prüfergebnis")]
    if len(rows) > MAX_FINDINGS:
        more = len(rows) - MAX_FINDINGS
        rows = rows[:MAX_FINDINGS] + [["", f"… und {more} weitere Befunde (siehe AB-Inbox)"]]
    out.append(_two_columns(rows, 16 * mm))
    return out


def _two_columns(rows: list[list[str]], first: float) -> Table:
    table = Table(
        [[Paragraph(a, BODY), Paragraph(b, BODY)] for a, b in rows],
        colWidths=[first, None],
        hAlign="LEFT",
    )
    table.setStyle(GRID)
    return table


def history(case: dict, tz: tzinfo | None) -> list[Flowable]:
    items = [
        (
            m.get("received_at") or "",
            f"Nachricht eingegangen: {text(m.get('type_title') or m.get('type_name'))} "
            f"<font color='{MUTED}'>#{text(m.get('id'))}</font>",
        )
        for m in case.get("messages") or []
    ]
    for h in case.get("history") or []:
        status = h.get("to_status_label") or h.get("to_status")
        line = f"Status: {text(status)}"
        if h.get("note"):
            line += f" – {text(h['note'])}"
        items.append(
            (h.get("at") or "", f"{line} <font color='{MUTED}'>({text(h.get('actor'))})</font>")
        )
    items.sort(key=lambda item: item[0])
    rows = [[text(local_time(at, tz)), line] for at, line in items]
    return [heading("Verlauf"), _two_columns(rows, 31 * mm)] if rows else []


def notes(case: dict, tz: tzinfo | None) -> list[Flowable]:
    """Each note under a line with its time and author; a paragraph, not a table cell, so a
    long note can run over a page break."""
    out: list[Flowable] = []
    for n in case.get("notes") or []:
        when = f"{text(local_time(n.get('at'), tz))} · {text(n.get('author'))}"
        out.append(Paragraph(when, NOTE_HEAD))
        out.append(Paragraph(text(n.get("text"), MAX_NOTE).replace("\n", "<br/>"), NOTE))
    return [heading("Notizen"), *out] if out else []
