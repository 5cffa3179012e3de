"""What every Pasok PDF shares (the TKDN form, the tender evaluation, the bid receipt):
page margins, colours, paragraph styles, number and money formats, the document build
and a footer with 'page N of M'. Built-in Helvetica only, so no font files are needed.
Numbers and money follow the active language."""

import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Table, TableStyle

from pasok.web.formatting import localized_number, localized_percent, localized_rupiah

MARGIN = 15 * mm
WIDTH = A4[0] - 2 * MARGIN  # 180 mm

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#52606D")
RULE = colors.HexColor("#9AA5B1")
HEAD = colors.HexColor("#E4E8EE")
SUBTOTAL = colors.HexColor("#F3F5F8")
ACCENT = colors.HexColor("#1F4E79")


def number(value, places: int = 2) -> str:
    return localized_number(value, places)


def percent(value) -> str:
    return localized_percent(value)


def rupiah(value) -> str:
    return localized_rupiah(value)


def styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName="Helvetica", fontSize=8.5, leading=11,
                          textColor=INK)
    cell = ParagraphStyle("cell", base, fontSize=7.5, leading=9)
    return {
        "base": base,
        "title": ParagraphStyle("title", base, fontName="Helvetica-Bold", fontSize=14,
                                leading=17, alignment=TA_CENTER, spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=9.5, leading=12,
                                   alignment=TA_CENTER, textColor=MUTED),
        "section": ParagraphStyle("section", base, fontName="Helvetica-Bold", fontSize=10,
                                  leading=13, spaceBefore=9, spaceAfter=4, textColor=ACCENT),
        "cell": cell,
        "cell_bold": ParagraphStyle("cell_bold", cell, fontName="Helvetica-Bold"),
        "num": ParagraphStyle("num", cell, alignment=TA_RIGHT),
        "num_bold": ParagraphStyle("num_bold", cell, alignment=TA_RIGHT,
                                   fontName="Helvetica-Bold"),
        "head": ParagraphStyle("head", cell, fontName="Helvetica-Bold", alignment=TA_CENTER,
                               fontSize=7, leading=8.5),
        "center": ParagraphStyle("center", cell, alignment=TA_CENTER),
        "label": ParagraphStyle("label", cell, textColor=MUTED),
        "value": ParagraphStyle("value", cell, fontName="Helvetica-Bold"),
        "small": ParagraphStyle("small", base, fontSize=7.5, leading=9.5, textColor=MUTED),
        "note": ParagraphStyle("note", base, fontSize=8, leading=10.5, leftIndent=10,
                               bulletIndent=0),
        "big_label": ParagraphStyle("big_label", base, fontSize=8, leading=10,
                                    alignment=TA_CENTER, textColor=MUTED),
        "big": ParagraphStyle("big", base, fontName="Helvetica-Bold", fontSize=22, leading=26,
                              alignment=TA_CENTER, textColor=ACCENT),
        "bigger": ParagraphStyle("bigger", base, fontName="Helvetica-Bold", fontSize=26,
                                 leading=30, alignment=TA_CENTER, textColor=ACCENT),
        "declaration": ParagraphStyle("declaration", base, fontSize=9, leading=12.5,
                                      alignment=TA_LEFT),
        "sign": ParagraphStyle("sign", base, fontSize=9, leading=12, alignment=TA_CENTER),
    }


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (user data is escaped; never markup)."""
    return Paragraph(escape(str(text)), style)


def canvas_maker(note: str, page_label: str, top_note: str):
    """A canvas that knows the page count, for 'page N of M' on every page."""

    class FooterCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int):
            width, height = self._pagesize
            y = MARGIN - 7 * mm
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, y + 9, width - MARGIN, y + 9)
            self.setFillColor(MUTED)
            self.setFont("Helvetica", 7)
            self.drawString(MARGIN, y, note)
            self.drawRightString(width - MARGIN, y, page_label % {
                "page": self._pageNumber, "pages": total})
            if self._pageNumber > 1:
                self.drawString(MARGIN, height - MARGIN + 5 * mm, top_note)
            self.restoreState()

    return FooterCanvas


def build(story, *, pagesize, title: str, author: str, note: str, top_note: str,
          subject: str = "") -> bytes:
    """The PDF of `story` on pages of `pagesize`: the margins, one frame without padding (so
    a table's width is exactly the space between the margins), and "Pasok · page N of M"
    with `note` at the foot of every page and `top_note` at the head of the later ones."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
                          topMargin=MARGIN, bottomMargin=MARGIN, title=title, subject=subject,
                          author=author, creator="Pasok", invariant=True)
    doc.addPageTemplates([PageTemplate("body", [Frame(
        MARGIN, MARGIN, pagesize[0] - 2 * MARGIN, pagesize[1] - 2 * MARGIN, id="body",
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)])])
    doc.build(story, canvasmaker=canvas_maker(note, _("Pasok · page %(page)s of %(pages)s"),
                                              top_note))
    return buffer.getvalue()


def grid(rows, widths_mm, *, width: float = WIDTH, head_rows: int = 1, total_rows: int = 0,
         extra=()):
    """A ruled table filling the text `width`: shaded head, optional shaded total rows at
    the bottom."""
    widths = [w * mm for w in widths_mm]
    assert abs(sum(widths) - width) < 0.5, "tables fill the text width exactly"
    table = Table(rows, colWidths=widths, repeatRows=head_rows, hAlign="LEFT")
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("BOX", (0, 0), (-1, -1), 0.8, INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if head_rows:
        commands += [("BACKGROUND", (0, 0), (-1, head_rows - 1), HEAD),
                     ("VALIGN", (0, 0), (-1, head_rows - 1), "MIDDLE"),
                     ("LINEBELOW", (0, head_rows - 1), (-1, head_rows - 1), 0.8, INK)]
    if total_rows:
        commands += [("BACKGROUND", (0, -total_rows), (-1, -1), SUBTOTAL),
                     ("LINEABOVE", (0, -total_rows), (-1, -total_rows), 0.8, INK)]
    table.setStyle(TableStyle(commands + list(extra)))
    return table
