"""Attachments for demo messages: real PDF and JPEG files, deterministic per random source.

Viewers, thumbnailers and exporters must meet actual files, not placeholder bytes, so each
document is a readable PDF or a decodable JPEG. Text PDFs come from reportlab (`invariant=1`
keeps them byte-stable). Scans are what scanners and phone apps produce: a JPEG per page, and
for PDFs the JPEG wrapped unchanged in a minimal PDF. Writing that wrapper here instead of with
reportlab keeps it fast (reportlab re-encodes images as ASCII85 in pure Python) and lets a
document be padded to an exact size with incompressible noise, which the benchmarks need.

Text is drawn with the PDF standard font Helvetica, which covers Windows-1252 only, and in images
with Pillow's built-in font, which covers ASCII only; other letters are shown in a base form
there. The XML always keeps the exact DIN 91379 spelling.
"""

from __future__ import annotations

import io
import random
import textwrap
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ab_inbox.demo.names import ascii_fold

PDF = "pdf"
JPEG = "jpeg"
KINDS = {"pdf": PDF, "pdf_scan": PDF, "photo": JPEG, "jpeg_scan": JPEG}
MARK = "Fiktive Beispieldaten (AB-Inbox Demo)"
_COM_MAX = 65533  # payload bytes per JPEG comment segment (length field counts itself)
_NO_DECOMPOSITION = {"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i"}


@dataclass
class DocSpec:
    """What a document shows; rendering happens later, once its target size is known."""

    kind: str  # pdf | pdf_scan | photo | jpeg_scan
    title: str
    bezeichnung: str
    dateiname: str
    lines: list[str] = field(default_factory=list)
    mrz: list[str] | None = None  # machine-readable zone for passport scans

    @property
    def media(self) -> str:
        return KINDS[self.kind]


def fold_winansi(text: str) -> str:
    """Text the standard fonts can draw: Windows-1252 kept, other letters in their base form."""
    out = []
    for ch in text:
        try:
            ch.encode("cp1252")
            out.append(ch)
            continue
        except UnicodeEncodeError:
            pass
        base = _NO_DECOMPOSITION.get(ch) or "".join(
            c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)
        )
        try:
            base.encode("cp1252")
            out.append(base)
        except UnicodeEncodeError:
            out.append("?")
    return "".join(out)


def image_text(text: str) -> str:
    """Text Pillow's built-in font can draw (ASCII), with German umlauts spelled out."""
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe")):
        text = text.replace(umlaut, spelled)
    return ascii_fold(text.replace("Ü", "Ue"))


def text_pdf(spec: DocSpec, author: str = "AB-Inbox Demo") -> bytes:
    """A one-page A4 letter-style PDF with the spec's title and lines."""
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=1)
    pdf.setTitle(fold_winansi(spec.title))
    pdf.setAuthor(fold_winansi(author))
    pdf.setSubject(MARK)
    pdf.setCreator("AB-Inbox Demo")
    width, height = A4
    pdf.setFillGray(0.45)
    pdf.setFont("Helvetica", 8)
    pdf.drawString(56, height - 40, MARK)
    pdf.setFillGray(0)
    pdf.setFont("Helvetica-Bold", 15)
    pdf.drawString(56, height - 84, fold_winansi(spec.title))
    pdf.setLineWidth(0.6)
    pdf.line(56, height - 92, width - 56, height - 92)
    pdf.setFont("Helvetica", 10.5)
    y = height - 120
    for line in spec.lines:
        for part in textwrap.wrap(fold_winansi(line), 92) or [""]:
            pdf.drawString(56, y, part)
            y -= 15
            if y < 120:
                break
    pdf.line(56, 96, 240, 96)
    pdf.setFont("Helvetica", 8)
    pdf.drawString(56, 84, "Unterschrift")
    pdf.drawRightString(width - 56, 40, "Seite 1 von 1")
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


_BACKDROPS = 12  # distinct backgrounds per image size; scaling them up is the costly part


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


@lru_cache(maxsize=1)
def _small_font() -> ImageFont.ImageFont:
    """Pillow's bitmap font: typewriter-like and about twenty times faster than FreeType."""
    return ImageFont.load_default_imagefont()


@lru_cache(maxsize=256)
def _title_mask(text: str, size: int) -> Image.Image:
    """Titles repeat across documents; render each once."""
    font = _font(size)
    left, top, right, bottom = font.getbbox(text)
    mask = Image.new("L", (max(1, right - left), max(1, bottom - top)), 0)
    ImageDraw.Draw(mask).text((-left, -top), text, fill=255, font=font)
    return mask


def _title(image: Image.Image, xy: tuple[int, int], text: str, size: int, ink) -> None:
    mask = _title_mask(image_text(text), size)
    image.paste(ink, (*xy, xy[0] + mask.width, xy[1] + mask.height), mask)


def _bitmap_text(image: Image.Image, xy: tuple[int, int], text: str, ink, scale: int = 1):
    """Body text in the bitmap font, optionally scaled up (card fields, MRZ lines)."""
    font = _small_font()
    left, top, right, bottom = font.getbbox(text)
    mask = Image.new("L", (max(1, right), max(1, bottom)), 0)
    ImageDraw.Draw(mask).text((0, 0), text, fill=255, font=font)
    if scale > 1:
        mask = mask.resize((mask.width * scale, mask.height * scale), Image.Resampling.NEAREST)
    image.paste(ink, (*xy, xy[0] + mask.width, xy[1] + mask.height), mask)


@lru_cache(maxsize=8)
def _backdrop_pool(size: tuple[int, int], lo: int, hi: int, mode: str) -> tuple[Image.Image, ...]:
    """Smooth, uneven paper or studio backgrounds: tiny random images scaled up.

    Seeded from the parameters, not the caller's random source, so the pool is the same in
    every process and outputs stay byte-identical whatever was generated before.
    """
    rng = random.Random(f"backdrop {size} {lo} {hi} {mode}")
    bands = 1 if mode == "L" else 3
    pool = []
    for _ in range(_BACKDROPS):
        cells = bytes(lo + b % (hi - lo + 1) for b in rng.randbytes(4 * 3 * bands))
        tiny = Image.frombytes(mode, (4, 3), cells)
        pool.append(tiny.resize(size, Image.Resampling.BICUBIC))
    return tuple(pool)


def _backdrop(rng: random.Random, size: tuple[int, int], lo: int, hi: int, mode: str):
    return rng.choice(_backdrop_pool(size, lo, hi, mode)).copy()


def _encode_jpeg(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=False)
    return out.getvalue()


def photo_jpeg(rng: random.Random) -> bytes:
    """A biometric-style portrait (35 x 45 mm proportions), abstract shapes only."""
    w, h = 354, 472
    image = _backdrop(rng, (w, h), 200, 245, "RGB")
    draw = ImageDraw.Draw(image)
    skin = rng.choice(((241, 205, 178), (224, 172, 135), (198, 134, 98), (141, 85, 54)))
    hair = rng.choice(((30, 24, 20), (70, 45, 30), (120, 85, 50), (160, 150, 140), (200, 160, 90)))
    cloth = tuple(rng.randrange(20, 160) for _ in range(3))
    draw.ellipse((40, 330, w - 40, h + 160), fill=cloth)
    draw.rectangle((w // 2 - 34, 270, w // 2 + 34, 350), fill=skin)
    draw.ellipse((92, 90, w - 92, 330), fill=skin)
    draw.chord((84, 70, w - 84, 250), 180, 360, fill=hair)
    for dx in (-42, 42):
        draw.ellipse((w // 2 + dx - 9, 196, w // 2 + dx + 9, 208), fill=(40, 30, 30))
    draw.arc((w // 2 - 30, 250, w // 2 + 30, 290), 20, 160, fill=(120, 60, 60), width=3)
    return _encode_jpeg(image, 85)


def scan_jpeg(rng: random.Random, spec: DocSpec) -> bytes:
    """A grey A4 scan (or an ID card page when the spec has an MRZ) with the spec's text."""
    if spec.mrz:
        return _card_scan(rng, spec)
    w, h = 620, 877
    image = _backdrop(rng, (w, h), 226, 250, "L")
    draw = ImageDraw.Draw(image)
    _title(image, (40, 28), MARK, 11, 120)
    _title(image, (40, 62), spec.title, 22, 25)
    draw.line((40, 96, w - 40, 96), fill=60, width=2)
    y = 116
    for line in spec.lines:
        for part in textwrap.wrap(image_text(line), 90) or [""]:
            _bitmap_text(image, (40, y), part, 30)
            y += 18
    while y < h - 160:  # further paragraphs rendered as greyed text blocks, like a blurry scan
        y += 14
        for _ in range(rng.randint(2, 5)):
            if y > h - 150:
                break
            draw.rectangle((40, y, 40 + rng.randint(260, w - 80), y + 7), fill=rng.randint(95, 140))
            y += 17
    draw.line((40, h - 110, 260, h - 110), fill=50, width=1)
    draw.line((60, h - 122, 200, h - 140), fill=30, width=2)
    return _encode_jpeg(image, 70)


def _card_scan(rng: random.Random, spec: DocSpec) -> bytes:
    w, h = 720, 500
    image = _backdrop(rng, (w, h), 180, 235, "RGB")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((14, 14, w - 14, h - 14), 18, outline=(90, 90, 110), width=3)
    _title(image, (32, 28), spec.title, 20, (30, 30, 70))
    portrait = Image.new("RGB", (168, 220), (170, 170, 175))
    face = ImageDraw.Draw(portrait)
    face.ellipse((34, 30, 134, 150), fill=(120, 110, 105))
    face.ellipse((18, 140, 150, 260), fill=(100, 100, 110))
    image.paste(portrait, (32, 70))
    draw.rectangle((32, 70, 200, 290), outline=(80, 80, 80))
    y = 74
    for line in spec.lines:
        _bitmap_text(image, (224, y), image_text(line)[:38], (20, 20, 20), scale=2)
        y += 30
    for i, line in enumerate(spec.mrz or ()):
        _bitmap_text(image, (32, h - 104 + i * 34), line, (10, 10, 10), scale=2)
    return _encode_jpeg(image, 72)


def pad_jpeg(data: bytes, size: int, rng: random.Random) -> bytes:
    """Grow a JPEG to `size` bytes with comment segments of random (incompressible) bytes."""
    need = size - len(data)
    if need < 5:
        return data
    insert_at = 2  # after SOI, and after a JFIF APP0 segment, which must come first
    if data[2:4] == b"\xff\xe0":
        insert_at = 4 + int.from_bytes(data[4:6], "big")
    segments = []
    while need >= 5:
        payload = min(_COM_MAX, need - 4)
        if 0 < need - 4 - payload < 5:  # keep the remainder large enough for one more segment
            payload -= 5
        segments.append(b"\xff\xfe" + (payload + 2).to_bytes(2, "big") + rng.randbytes(payload))
        need -= payload + 4
    return data[:insert_at] + b"".join(segments) + data[insert_at:]


def _pdf_string(text: str) -> bytes:
    """A PDF literal string; PDFDocEncoding agrees with Windows-1252 on the letters we use."""
    raw = fold_winansi(text).encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def scan_pdf(pages: list[bytes], title: str) -> bytes:
    """A minimal PDF with one A4 page per JPEG, embedded unchanged (DCTDecode)."""
    objects: list[bytes] = []
    kids = []
    for i, jpeg in enumerate(pages):
        with Image.open(io.BytesIO(jpeg)) as image:
            (w, h), colour = image.size, "DeviceGray" if image.mode == "L" else "DeviceRGB"
        page_no, content_no, image_no = 3 + 3 * i, 4 + 3 * i, 5 + 3 * i
        kids.append(f"{page_no} 0 R")
        scale = min(595 / w, 842 / h)
        pw, ph = w * scale, h * scale
        draw = f"q {pw:.2f} 0 0 {ph:.2f} {(595 - pw) / 2:.2f} {(842 - ph) / 2:.2f} cm /Im0 Do Q"
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /XObject << /Im0 {image_no} 0 R >> >> "
            f"/Contents {content_no} 0 R >>".encode()
        )
        objects.append(f"<< /Length {len(draw)} >>\nstream\n{draw}\nendstream".encode())
        objects.append(
            f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /{colour} "
            f"/BitsPerComponent 8 /Filter /DCTDecode /Length {len(jpeg)} >>\nstream\n".encode()
            + jpeg
            + b"\nendstream"
        )
    info_no = 3 + len(objects)
    head = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode(),
    ]
    info = b"<< /Title " + _pdf_string(title) + b" /Producer (AB-Inbox Demo) >>"
    body = io.BytesIO()
    body.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate([*head, *objects, info], start=1):
        offsets.append(body.tell())
        body.write(f"{number} 0 obj\n".encode() + obj + b"\nendobj\n")
    xref = body.tell()
    body.write(f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode())
    body.write(b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets))
    body.write(
        f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R /Info {info_no} 0 R >>\n".encode()
    )
    body.write(f"startxref\n{xref}\n%%EOF\n".encode())
    return body.getvalue()


def shrink_jpeg(data: bytes, size: int) -> bytes:
    """Scale a JPEG down (and lower its quality) until it fits in `size` bytes, if it can."""
    factor = 1.0
    while len(data) > size and factor > 0.1:
        factor *= max(0.3, min(0.9, (max(size, 1) * 0.8 / len(data)) ** 0.5))
        with Image.open(io.BytesIO(data)) as image:
            small = image.resize(
                (max(16, round(image.width * factor)), max(16, round(image.height * factor))),
                Image.Resampling.BILINEAR,
            )
        data = _encode_jpeg(small, 60)
    return data


def render(spec: DocSpec, rng: random.Random, size: int | None = None) -> bytes:
    """The document's file; with `size`, a scan of exactly (if tiny: about) that many bytes."""
    if spec.kind == "pdf" and not size:
        return text_pdf(spec)
    image = photo_jpeg(rng) if spec.kind == "photo" else scan_jpeg(rng, spec)
    if spec.media == JPEG:
        return pad_jpeg(shrink_jpeg(image, size), size, rng) if size else image
    if not size:
        return scan_pdf([image], spec.title)  # sized PDFs are always scans
    wrapper = len(scan_pdf([image], spec.title)) - len(image)
    image = shrink_jpeg(image, size - wrapper)
    data = scan_pdf([pad_jpeg(image, size - wrapper, rng)], spec.title)
    for _ in range(2):  # the Length and xref numbers may change width; settle on the exact size
        if len(data) == size or size - wrapper <= len(image):
            break
        wrapper += len(data) - size
        data = scan_pdf([pad_jpeg(image, size - wrapper, rng)], spec.title)
    return data
