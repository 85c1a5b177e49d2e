"""The PDF summary: names exactly as sent, findings, footer, QR code, bundled font, appendix.

Text is read back from the PDF through the fonts' ToUnicode maps by a small reader for what
reportlab writes (below), so the test needs no PDF tool; where poppler's pdftotext is
installed, it reads the same names a second time.
"""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
import zlib
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest
from PIL import Image
from reportlab.graphics.barcode import qrencoder
from reportlab.pdfgen import canvas

from ab_inbox.demo import generate_demo
from ab_inbox.export.summary_files import pdf_page_count
from ab_inbox.export.summary_fonts import FONTS_DIR
from ab_inbox.export.summary_pdf import render_summary
from tests.messages import set_family_name, set_text, valid_message

OFFICE = {
    "name": "Ausländerbehörde Musterstadt",
    "street": "Rathausplatz 1",
    "postcode": "12345",
    "city": "Musterstadt",
}
CREATED = datetime(2026, 12, 1, 9, 30, tzinfo=timezone(timedelta(hours=1)))
NOTE = "Rückruf von Nguyễn Thị Hương erbeten; Schreibweise K̂ L̥̄ geprüft."


# --- cases ------------------------------------------------------------------------------------
@pytest.fixture
def invalid_case(inbox, tmp_path) -> dict:
    """An invalid application whose applicant and note carry DIN 91379 letters."""
    drop = tmp_path / "drop"
    drop.mkdir()
    data = set_family_name(valid_message(seed=62), "Müller-Şahin", "Łukasz Þór")
    (drop / "invalid.xml").write_bytes(set_text(data, "antragsdatum", "kaputt"))
    outcomes = []
    inbox.fetch(drop, settle_s=0, on_outcome=outcomes.append)
    case_id = outcomes[0].case_id
    inbox.add_note(case_id, NOTE)
    inbox.set_status(case_id, "in_progress")
    return inbox.case(case_id)


def _render(case: dict, **kw) -> bytes:
    kw.setdefault("created_at", CREATED)
    return render_summary(case, office=OFFICE, user="mmuster", **kw)


# --- tests ------------------------------------------------------------------------------------
def test_names_findings_and_footer_read_back_exactly(invalid_case):
    pdf = _render(invalid_case)
    assert pdf.startswith(b"%PDF-")
    pages = _page_texts(pdf)
    total = _page_count(pdf)
    assert total == len(pages) >= 1
    text = "\n".join(pages)
    for name in ("Łukasz", "Nguyễn Thị Hương", "Şahin", "Müller", "Þór", "K̂ L̥̄"):
        assert name in text, name
    assert "Zusammenfassung Fall " + str(invalid_case["id"]) in text
    assert "Ausländerbehörde Musterstadt" in text
    for number, page in enumerate(pages, start=1):
        assert f"Seite {number} von {total}" in page
        assert "Erstellt am 01.12.2026 09:30 von mmuster" in page
    [finding] = [f for m in invalid_case["messages"] for f in m["findings"]]
    assert finding["text_de"] in text.replace("\n", " ") or finding["text_de"][:40] in text
    assert f"(Zeile {finding['line']})" in text
    # findings first for an invalid case, as in the case view; codes as labels, code small
    assert text.index("Prüfergebnis") < text.index("\nAntrag\n")
    sex = invalid_case["messages"][0]["record"]["applicant"]["sex"]
    assert f"{sex['label']} ({sex['code']})" in text
    assert "Status: In Bearbeitung" in text


def test_people_print_under_their_roles_and_a_firm_as_a_name(inbox, tmp_path):
    from tests.core.ozg_samples import fachkraefte_130401
    from tests.messages import fetch_files

    [case_id] = fetch_files(inbox, tmp_path / "drop", {"fk.xml": fachkraefte_130401()}).values()
    text = "\n".join(_page_texts(_render(inbox.case(case_id))))
    for heading in ("Fachkraft", "Vertretung des Arbeitgebers", "Familienangehörige Person"):
        assert f"\n{heading}\n" in text, heading
    employer = text[text.rindex("\nArbeitgeber\n") :]
    assert employer.split("\n")[2:4] == ["Name", "Muster GmbH"]


def test_pdftotext_reads_the_same_names(invalid_case, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "summary.pdf"
    path.write_bytes(_render(invalid_case))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()
    for name in ("Łukasz", "Nguyễn Thị Hương", "Şahin", "Müller", "Þór"):
        assert name in text, name
    assert "Seite 1 von" in text


def test_the_bundled_font_is_embedded_and_covers_din_91379():
    from reportlab.pdfbase.ttfonts import TTFontFile

    for file_name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        glyphs = TTFontFile(str(FONTS_DIR / file_name)).charToGlyph
        missing = [hex(cp) for a, b in DIN_91379 for cp in range(a, b + 1) if cp not in glyphs]
        assert missing == [], file_name
    assert "Bitstream" in (FONTS_DIR / "LICENSE-DejaVu.txt").read_text()


def test_qr_code_carries_the_antragsidentifikation(invalid_case):
    pdf = _render(invalid_case)
    assert b"/FontFile2" in pdf and b"+DejaVuSans " in pdf and b"+DejaVuSans-Bold " in pdf
    assert b"/Helvetica" not in pdf  # no font that lacks the letters
    value = invalid_case["antragsidentifikation"]
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(value)
    qr.make()
    expected = {(r, c) for r, row in enumerate(qr.modules) for c, dark in enumerate(row) if dark}
    assert _qr_modules(_contents(pdf)[0]) == expected


def test_same_input_same_bytes(invalid_case):
    assert _render(invalid_case) == _render(invalid_case)
    assert _render(invalid_case) != _render(invalid_case, created_at=CREATED + timedelta(1))
    assert b"/CreationDate (D:20261201093000+01'00')" in _render(invalid_case)


def test_documents_list_pages_and_short_hash(inbox, invalid_case):
    message = invalid_case["messages"][0]
    [attachment] = message["attachments"]

    def data(message_id, position):
        return inbox.attachment(message_id, position)["data"]

    lines = "\n".join(_page_texts(_render(invalid_case, attachment_data=data))).splitlines()
    at = lines.index(attachment["file_name"])
    assert lines[at + 1 : at + 6] == ["PDF", "2 KB", "1", "vorhanden", attachment["sha256"][:12]]
    unknown = "\n".join(_page_texts(_render(invalid_case))).splitlines()  # no bytes, no count
    assert unknown[at + 3] == "–"


def test_appendix_prints_pictures_and_appends_pdfs(invalid_case):
    png = io.BytesIO()
    Image.new("RGBA", (300, 400), (200, 30, 30, 128)).save(png, "PNG")
    jpeg = io.BytesIO()
    Image.new("RGB", (640, 480), (30, 100, 200)).save(jpeg, "JPEG")
    appendix = [
        ("Foto.png", "image/png", png.getvalue()),
        ("Pass.jpg", "image/jpeg", jpeg.getvalue()),
        ("Vollmacht.pdf", "application/pdf", _pdf_with_pages(3)),
        ("kaputt.jpg", "image/jpeg", b"\xff\xd8 not a picture"),
        ("kaputt.pdf", "application/pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"),
    ]
    plain = _render(invalid_case)
    pdf = _render(invalid_case, appendix=appendix)
    pages = _page_texts(pdf)
    assert len(pages) >= len(_page_texts(plain)) + 2 + 3  # a page per picture, the PDF's three
    text = "\n".join(pages)
    assert "Anlage 3: Vollmacht.pdf (3 Seiten, im Anschluss angehängt)" in text
    assert "kaputt.pdf (Seitenzahl unbekannt, nicht angehängt, liegt elektronisch vor)" in text
    assert "Anlage 1: Foto.png" in pages[-5] and "Anlage 2: Pass.jpg" in pages[-4]
    assert [p.strip() for p in pages[-3:]] == [p.strip() for p in _page_texts(_pdf_with_pages(3))]
    assert "kaputt.jpg (nicht druckbar" in text
    assert pdf.count(b"/Subtype /Image") == 2
    assert b"/DCTDecode" in pdf  # the JPEG goes in as it is


def test_every_demo_type_renders(inbox, tmp_path):
    generate_demo(tmp_path / "demo", 8, seed=3)
    inbox.fetch(tmp_path / "demo", settle_s=0)
    ids = inbox.case_ids()
    assert ids
    for case_id in ids:
        pdf = _render(inbox.case(case_id))
        assert pdf.startswith(b"%PDF-") and _page_count(pdf) >= 1


def test_hostile_values_stay_text(invalid_case):
    invalid_case["messages"][0]["record"]["details"] = {"Feld": "<b>x</b> & <font size=90>"}
    invalid_case["applicant_name"] = "A" * 50_000
    text = "\n".join(_page_texts(_render(invalid_case)))
    assert "<b>x</b> & <font size=90>" in text


def test_decomposed_letters_print_precomposed(invalid_case):
    applicant = invalid_case["messages"][0]["record"]["applicant"]
    applicant["family_name"] = "Mu\u0308ller-S\u0327ahin"  # as some systems send it
    text = "\n".join(_page_texts(_render(invalid_case)))
    assert "\nMüller-Şahin\n" in text


def test_threads_render_the_same_bytes(invalid_case):
    expected = _render(invalid_case)
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: _render(invalid_case), range(8)))
    assert all(result == expected for result in results)


def test_pdf_page_count():
    for pages in (1, 3, 120):
        assert pdf_page_count(_pdf_with_pages(pages)) == pages
        assert pdf_page_count(_pdf_with_pages(pages, compress=False)) == pages
    tree = (
        b"<< /Type /Catalog /Pages 2 0 R >> << /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>"
        b" << /Type /Page /Parent 2 0 R >> << /Type /Page /Parent 2 0 R >>"
    )
    packed = zlib.compress(b"1 0 2 34 " + tree)
    in_object_stream = (
        b"%PDF-1.5\n5 0 obj\n<< /Type /ObjStm /N 4 /First 9 /Filter /FlateDecode >>stream\n"
        + packed
        + b"\nendstream\nendobj\n%%EOF"
    )
    assert pdf_page_count(in_object_stream) == 2
    assert pdf_page_count(b"%PDF-1.4\n" + b"/Type /Pages <<" * 50_000) is None
    assert pdf_page_count(b"%PDF-1.4\n<< /Type /Pages /Count 99999999999 >>") is None
    assert pdf_page_count(b"GIF89a") is None


# --- a reader for the PDFs reportlab writes ---------------------------------------------------
def _pdf_with_pages(count: int, compress: bool = True) -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, invariant=1, pageCompression=int(compress))
    for number in range(count):
        pdf.drawString(72, 72, f"Seite {number + 1}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def _objects(pdf: bytes) -> dict[int, bytes]:
    return {
        int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj\s*(.*?)endobj", pdf, re.S)
    }


def _stream(body: bytes) -> bytes:
    data = body.split(b"stream\n", 1)[1].rsplit(b"endstream", 1)[0]
    if b"/ASCII85Decode" in body:
        data = base64.a85decode(data.strip().removesuffix(b"~>"))
    if b"/FlateDecode" in body:
        data = zlib.decompress(data)
    return data


def _page_count(pdf: bytes) -> int:
    return int(re.search(rb"/Count (\d+) /Kids", pdf).group(1))


def _contents(pdf: bytes) -> list[bytes]:
    objects = _objects(pdf)
    kids = re.search(rb"/Kids \[([^\]]*)\]", pdf).group(1)
    pages = [int(n) for n in re.findall(rb"(\d+) 0 R", kids)]
    streams = []
    for page in pages:
        content = int(re.search(rb"/Contents (\d+) 0 R", objects[page]).group(1))
        streams.append(_stream(objects[content]))
    return streams


def _to_unicode(pdf: bytes) -> dict[bytes, dict[int, str]]:
    """Font resource name -> code -> text, from each font's ToUnicode CMap."""
    objects = _objects(pdf)
    fonts = {}
    for body in objects.values():
        name = re.search(rb"/Name /(\S+)", body)
        cmap = re.search(rb"/ToUnicode (\d+) 0 R", body)
        if name and cmap and b"/Type /Font" in body:
            table = {}
            source = _stream(objects[int(cmap.group(1))]).split(b"beginbfchar", 1)[1]
            for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", source):
                table[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
            fonts[name.group(1)] = table
    return fonts


_TOKEN = re.compile(rb"\((?:\\.|[^\\()])*\)|/[^\s/\[\]()<>]+|-?[\d.]+|[A-Za-z'\"*]+|\[|\]", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _literal(token: bytes) -> bytes:
    def unescape(m):
        s = m.group(1)
        if s[:1].isdigit():
            return bytes([int(s, 8)])
        return _ESCAPES.get(s, s)

    return re.sub(rb"\\([0-7]{1,3}|.)", unescape, token[1:-1], flags=re.S)


def _page_texts(pdf: bytes) -> list[str]:
    fonts = _to_unicode(pdf)
    texts = []
    for content in _contents(pdf):
        lines, line, font = [], [], {}
        operands: list[bytes] = []
        for token in _TOKEN.findall(content):
            if token.startswith(b"("):
                operands.append(token)
            elif token == b"Tf":
                font = fonts.get(operands[-2][1:], {})
            elif token in (b"Tj", b"'", b'"', b"TJ"):
                for s in (op for op in operands if op.startswith(b"(")):
                    line.append("".join(font.get(b, chr(b)) for b in _literal(s)))
            elif token in (b"ET", b"T*", b"Td", b"TD", b"Tm") and line:
                lines.append("".join(line))
                line = []
            if token[:1].isalpha() or token in (b"'", b'"'):
                operands = []
            elif not token.startswith(b"("):
                operands.append(token)
        texts.append("\n".join(lines))
    return texts


def _qr_modules(content: bytes) -> set[tuple[int, int]]:
    rects = [
        tuple(float(v) for v in m.groups())
        for m in re.finditer(rb"(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re", content)
    ]
    box = min(h for _, _, _, h in rects)
    left = min(x for x, _, _, _ in rects)
    top = max(y + h for _, y, _, h in rects)
    modules = set()
    for x, y, w, h in rects:
        row, col = round((top - y - h) / box), round((x - left) / box)
        modules |= {(row, col + i) for i in range(round(w / box))}
    return modules


# DIN 91379 letters (with the combining marks of its sequences) and non-letters N1-N4 plus the
# Greek, Cyrillic and E1 sets, as code point ranges.
DIN_91379 = [
    (0x0020, 0x007E), (0x00A1, 0x00AC), (0x00AE, 0x013E), (0x0141, 0x0148), (0x014A, 0x017E),
    (0x0187, 0x0188), (0x018F, 0x018F), (0x0192, 0x0192), (0x0197, 0x0197), (0x01A0, 0x01A1),
    (0x01AF, 0x01B0), (0x01B7, 0x01B7), (0x01CD, 0x01DC), (0x01DE, 0x01DF), (0x01E2, 0x01F0),
    (0x01F4, 0x01F5), (0x01F8, 0x01FF), (0x0212, 0x0213), (0x0218, 0x021B), (0x021E, 0x021F),
    (0x0227, 0x0233), (0x0259, 0x0259), (0x0268, 0x0268), (0x0292, 0x0292), (0x02B0, 0x02B0),
    (0x02B3, 0x02B3), (0x02B9, 0x02BA), (0x02BE, 0x02BF), (0x02C6, 0x02C6), (0x02C8, 0x02C8),
    (0x02CC, 0x02CC), (0x02DC, 0x02DC), (0x02E2, 0x02E2), (0x0300, 0x0302), (0x0304, 0x0304),
    (0x0306, 0x0308), (0x030B, 0x030C), (0x0310, 0x0310), (0x0315, 0x0315), (0x031B, 0x031B),
    (0x0323, 0x0323), (0x0325, 0x0328), (0x0331, 0x0331), (0x035F, 0x035F), (0x0386, 0x0386),
    (0x0388, 0x038A), (0x038C, 0x038C), (0x038E, 0x03A1), (0x03A3, 0x03CE), (0x040D, 0x040D),
    (0x0410, 0x042A), (0x042C, 0x042C), (0x042E, 0x044A), (0x044C, 0x044C), (0x044E, 0x044F),
    (0x045D, 0x045D), (0x1D48, 0x1D48), (0x1D57, 0x1D57), (0x1E02, 0x1E03), (0x1E06, 0x1E07),
    (0x1E0A, 0x1E11), (0x1E1C, 0x1E2B), (0x1E2F, 0x1E37), (0x1E3A, 0x1E3B), (0x1E40, 0x1E49),
    (0x1E52, 0x1E5B), (0x1E5E, 0x1E63), (0x1E6A, 0x1E6F), (0x1E80, 0x1E87), (0x1E8C, 0x1E97),
    (0x1E9E, 0x1E9E), (0x1EA0, 0x1EF9), (0x2018, 0x201A), (0x201C, 0x201E), (0x2020, 0x2021),
    (0x2026, 0x2026), (0x2030, 0x2030), (0x2039, 0x203A), (0x2070, 0x2070), (0x2074, 0x2079),
    (0x207F, 0x2089), (0x20AC, 0x20AC), (0x2122, 0x2122), (0x221E, 0x221E), (0x2264, 0x2265),
]  # fmt: skip


def test_a_password_protected_or_oversized_pdf_is_listed_not_appended(invalid_case):
    from pypdf import PdfReader, PdfWriter

    from ab_inbox.export import summary_merge

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf_with_pages(2))))
    writer.encrypt("geheim")
    locked = io.BytesIO()
    writer.write(locked)
    too_long = _pdf_with_pages(summary_merge.MAX_PAGES_EACH + 1)
    appendix = [
        ("Gesperrt.pdf", "application/pdf", locked.getvalue()),
        ("Lang.pdf", "application/pdf", too_long),
    ]
    pages = _page_texts(_render(invalid_case, appendix=appendix))
    text = "\n".join(pages)
    assert "Gesperrt.pdf (" in text and "Lang.pdf (" in text
    assert text.count("nicht angehängt, liegt elektronisch vor") == 2
    assert len(pages) < 5
