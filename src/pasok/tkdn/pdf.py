"""A worksheet version as a PDF laid out like the self-assessment form (formulir penilaian
mandiri, perhitungan TKDN barang) a TKDN verifier asks for: who, what, the three factors line
by line with their domestic and foreign cost, the summary under the worksheet's regime, the
declaration and a signature block with room for the meterai.

The arithmetic is the rules' (pasok.rules.tkdn.compute, tkdn_advice.shortfalls); this module
only lays it out. Numbers and money follow the active language like the pages (Rp1.250.000
and 48,18% in Bahasa Indonesia, Rp1,250,000 and 48.18% in English).
Built-in Helvetica only, so the PDF needs no font files.
"""

from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from pasok import clock
from pasok.rules.identifiers import format_npwp
from pasok.rules.money import to_decimal
from pasok.rules.tkdn import FACTORS, HUNDRED, Regime, compute
from pasok.rules.tkdn_advice import shortfalls
from pasok.rules.tkdn_json import worksheet_from_dict
from pasok.web.formatting import local_date, local_moment
from pasok.web.pdf import (
    ACCENT,
    INK,
    MUTED,
    RULE,
    SUBTOTAL,
    WIDTH,
    build,
)
from pasok.web.pdf import grid as _grid
from pasok.web.pdf import number as _number
from pasok.web.pdf import para as _p
from pasok.web.pdf import percent as _percent
from pasok.web.pdf import rupiah as _rp
from pasok.web.pdf import styles as _styles

from .models import REGIME_CHOICES
from .texts import warning_text

ROMAN = {"material": "I", "labour": "II", "overhead": "III"}



# --- numbers -------------------------------------------------------------------------------

def _quantity(value: Decimal | None) -> str:
    if value is None:
        return "–"
    exponent = value.normalize().as_tuple().exponent
    places = min(4, max(0, -exponent)) if isinstance(exponent, int) else 0
    return _number(value, places)


def _weight(value: Decimal) -> str:
    percent = value * HUNDRED
    return _number(percent, 0 if percent == percent.to_integral_value() else 2) + "%"


# --- styles --------------------------------------------------------------------------------

# --- the pieces of the form ------------------------------------------------------------------

def _row_no() -> str:
    return pgettext("row number", "No.")


def _factor_label(factor: str) -> str:
    return {"material": _("Direct material"), "labour": _("Direct labour"),
            "overhead": _("Factory overhead")}[factor]


def _address(org) -> str:
    province = org.get_province_display() if org.province else ""
    parts = [org.address, org.district, org.regency, province]
    return ", ".join(p.strip() for p in parts if p and p.strip()) or "–"


def _header(s, *, version, organisation, product: str, printed):
    label, value = s["label"], s["value"]
    size = organisation.get_size_class_display() if organisation.size_class else "–"
    rows = [
        [_p(_("Company"), label), _p(organisation.name, value),
         _p(_("Product"), label), _p(product or "–", value)],
        [_p(_("NIB"), label), _p(organisation.nib or "–", value),
         _p(_("Worksheet version"), label), _p(str(version.number), value)],
        [_p(_("NPWP"), label), _p(format_npwp(organisation.npwp) if organisation.npwp else "–",
                                   value),
         _p(_("Saved on"), label), _p(local_moment(version.created_at), value)],
        [_p(_("Address"), label), _p(_address(organisation), value),
         _p(_("Printed on"), label), _p(local_date(timezone.localdate(printed)), value)],
        [_p(_("Business size"), label), _p(size, value),
         _p(_("Unit of assessment"), label), _p(_("one unit of product"), value)],
    ]
    widths = [24 * mm, 70 * mm, 30 * mm, 56 * mm]
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.8, INK),
        ("LINEBELOW", (0, 0), (-1, -2), 0.3, RULE),
        ("LINEBEFORE", (2, 0), (2, -1), 0.4, RULE),
        ("BACKGROUND", (0, 0), (0, -1), SUBTOTAL),
        ("BACKGROUND", (2, 0), (2, -1), SUBTOTAL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def _subtotal(factor: str) -> str:
    return _("Subtotal %(factor)s (domestic share of the factor)") % {"factor": ROMAN[factor]}


def _no_lines_row(s, columns: int):
    return [_p("–", s["cell"]), _p(_("No lines."), s["label"])] + [""] * (columns - 2)


def _material_table(s, sheet, factor_result, flagged: set[int]):
    heads = [_row_no(), _("Description"), _("Qty"), _("Unit price (Rp)"), _("Cost (Rp)"),
             _("Local content (%)"), _("Domestic cost (Rp)"), _("Foreign cost (Rp)"),
             _("Certificate no.")]
    rows = [[_p(h, s["head"]) for h in heads]]
    for i, line in enumerate(sheet.materials):
        mark = " *" if i in flagged else ""
        rows.append([
            _p(f"{i + 1}", s["cell"]), _p(line.name or "–", s["cell"]),
            _p(_quantity(line.quantity), s["num"]),
            _p(_rp(line.unit_price) if line.unit_price is not None else "–", s["num"]),
            _p(_rp(line.cost), s["num"]), _p(_percent(line.domestic_percent) + mark, s["num"]),
            _p(_rp(line.domestic_cost), s["num"]), _p(_rp(line.cost - line.domestic_cost),
                                                     s["num"]),
            _p(line.certificate or "–", s["cell"] if line.certificate else s["center"]),
        ])
    if not sheet.materials:
        rows.append(_no_lines_row(s, len(heads)))
    rows.append([
        _p(_subtotal("material"), s["cell_bold"]), "", "", "",
        _p(_rp(factor_result.cost), s["num_bold"]),
        _p(_percent(factor_result.domestic_percent), s["num_bold"]),
        _p(_rp(factor_result.domestic_cost), s["num_bold"]),
        _p(_rp(factor_result.cost - factor_result.domestic_cost), s["num_bold"]), "",
    ])
    return _grid(rows, [7, 31, 11, 20, 22, 16, 22, 22, 29], total_rows=1,
                 extra=[("SPAN", (0, -1), (3, -1))])


def _cost_table(s, factor: str, lines, factor_result):
    heads = [_row_no(), _("Description"), _("Cost (Rp)"), _("Local content (%)"),
             _("Domestic cost (Rp)"), _("Foreign cost (Rp)")]
    rows = [[_p(h, s["head"]) for h in heads]]
    for i, line in enumerate(lines):
        rows.append([
            _p(f"{i + 1}", s["cell"]), _p(line.name or "–", s["cell"]),
            _p(_rp(line.cost), s["num"]), _p(_percent(line.domestic_percent), s["num"]),
            _p(_rp(line.domestic_cost), s["num"]),
            _p(_rp(line.cost - line.domestic_cost), s["num"]),
        ])
    if not lines:
        rows.append(_no_lines_row(s, len(heads)))
    rows.append([
        _p(_subtotal(factor), s["cell_bold"]), "",
        _p(_rp(factor_result.cost), s["num_bold"]),
        _p(_percent(factor_result.domestic_percent), s["num_bold"]),
        _p(_rp(factor_result.domestic_cost), s["num_bold"]),
        _p(_rp(factor_result.cost - factor_result.domestic_cost), s["num_bold"]),
    ])
    return _grid(rows, [7, 74, 24, 21, 27, 27], total_rows=1,
                 extra=[("SPAN", (0, -1), (1, -1))])


def _summary_weighted(s, result, weights):
    heads = [_("Factor"), _("Cost (Rp)"), _("Domestic share (KDN)"), _("Weight"),
             _("Weighted contribution")]
    rows = [[_p(h, s["head"]) for h in heads]]
    for factor in FACTORS:
        f = result.factors[factor]
        rows.append([
            _p(f"{ROMAN[factor]}. {_factor_label(factor)}", s["cell"]),
            _p(_rp(f.cost), s["num"]), _p(_percent(f.domestic_percent), s["num"]),
            _p(_weight(weights[factor]), s["num"]),
            _p(_percent(weights[factor] * f.domestic_percent), s["num"]),
        ])
    rows.append([
        _p(_("TKDN (I + II + III)"), s["cell_bold"]),
        _p(_rp(result.total_cost), s["num_bold"]), "",
        _p(_weight(sum(weights.values(), Decimal(0))), s["num_bold"]),
        _p(_percent(result.tkdn_percent), s["num_bold"]),
    ])
    return [_grid(rows, [64, 30, 30, 22, 34], total_rows=1)]


def _summary_cost_based(s, result):
    heads = [_("Factor"), _("Cost (Rp)"), _("Domestic cost (Rp)"), _("Foreign cost (Rp)"),
             _("Domestic share (KDN)")]
    rows = [[_p(h, s["head"]) for h in heads]]
    domestic = Decimal(0)
    for factor in FACTORS:
        f = result.factors[factor]
        domestic += f.domestic_cost
        rows.append([
            _p(f"{ROMAN[factor]}. {_factor_label(factor)}", s["cell"]),
            _p(_rp(f.cost), s["num"]), _p(_rp(f.domestic_cost), s["num"]),
            _p(_rp(f.cost - f.domestic_cost), s["num"]),
            _p(_percent(f.domestic_percent), s["num"]),
        ])
    foreign = result.total_cost - domestic
    rows.append([
        _p(_("Production cost (I + II + III)"), s["cell_bold"]),
        _p(_rp(result.total_cost), s["num_bold"]), _p(_rp(domestic), s["num_bold"]),
        _p(_rp(foreign), s["num_bold"]), _p(_percent(result.tkdn_percent), s["num_bold"]),
    ])
    formula = _("TKDN = (production cost - foreign cost) / production cost × 100%% "
                "= (%(cost)s - %(foreign)s) / %(cost)s × 100%% = %(tkdn)s") % {
        "cost": _rp(result.total_cost), "foreign": _rp(foreign),
        "tkdn": _percent(result.tkdn_percent)}
    return [_grid(rows, [64, 29, 29, 29, 29], total_rows=1), Spacer(0, 4),
            _p(formula, s["base"]),
            _p(_("Production cost is direct material, direct labour and factory overhead; "
                 "no profit, company overhead or VAT."), s["small"])]


def _result_panel(s, result, bmp_percent):
    cells = [[_p(_("TKDN"), s["big_label"]), _p(_percent(result.tkdn_percent), s["bigger"])]]
    if bmp_percent is not None:
        bmp = to_decimal(bmp_percent)
        cells.append([_p(_("BMP"), s["big_label"]), _p(_percent(bmp), s["big"])])
        cells.append([_p(_("TKDN + BMP"), s["big_label"]),
                      _p(_percent(result.tkdn_percent + bmp), s["big"])])
    width = WIDTH / len(cells)
    table = Table([[c[0] for c in cells], [c[1] for c in cells]],
                  colWidths=[width] * len(cells), hAlign="LEFT")
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.2, ACCENT),
        ("LINEBEFORE", (1, 0), (-1, -1), 0.6, RULE),
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#F5F8FC")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, 0), 5),
        ("BOTTOMPADDING", (0, 1), (-1, 1), 7),
    ]))
    return table


def _shortfall_table(s, rows_in):
    heads = [_row_no(), _("Line"), _("Factor"), _("Local content (%)"),
             _("TKDN points lost"), _("TKDN if fully domestic")]
    rows = [[_p(h, s["head"]) for h in heads]]
    for n, item in enumerate(rows_in, start=1):
        rows.append([
            _p(str(n), s["cell"]),
            _p(f"{ROMAN[item.factor]}.{item.index + 1} {item.name}", s["cell"]),
            _p(_factor_label(item.factor), s["cell"]),
            _p(_percent(item.domestic_percent), s["num"]),
            _p(_number(item.points, 2), s["num"]),
            _p(_percent(item.tkdn_if_domestic), s["num"]),
        ])
    return _grid(rows, [7, 67, 32, 22, 22, 30])


class _StampBox(Flowable):
    """The dashed box where the meterai is stuck and signed across."""

    def __init__(self, text: str, width: float = 30 * mm, height: float = 20 * mm):
        super().__init__()
        self.text, self.width, self.height = text, width, height

    def draw(self):
        c = self.canv
        c.saveState()
        c.setStrokeColor(RULE)
        c.setDash(2, 2)
        c.setLineWidth(0.6)
        c.rect(0, 0, self.width, self.height)
        c.setFillColor(MUTED)
        c.setFont("Helvetica", 7)
        lines = self.text.split("\n")
        top = self.height / 2 + (len(lines) - 1) * 4.5
        for i, line in enumerate(lines):
            c.drawCentredString(self.width / 2, top - i * 9 - 2.5, line)
        c.restoreState()


def _lines_to_fill(s, labels, width):
    """Label: ........ rows, the dotted lines starting at one edge."""
    label_width = 15 * mm
    table = Table([[_p(f"{label}:", s["cell"]), ""] for label in labels],
                  colWidths=[label_width, width - label_width], rowHeights=6 * mm)
    table.setStyle(TableStyle([
        ("LINEBELOW", (1, 0), (1, -1), 0.5, RULE, None, (1, 2)),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    return table


def _signature(s, organisation, printed):
    place = organisation.regency or "................"
    block = [
        _p(f"{place}, {local_date(timezone.localdate(printed))}", s["sign"]),
        _p(_("For and on behalf of"), s["sign"]),
        Paragraph(f"<b>{escape(organisation.name)}</b>", s["sign"]),
        Spacer(0, 3 * mm),
        _StampBox(_("Meterai\nRp10.000")),
        Spacer(0, 4 * mm),
        _p("(" + "." * 52 + ")", s["sign"]),
        Spacer(0, 2 * mm),
        _lines_to_fill(s, [_("Name"), _("Position")], 60 * mm),
    ]
    table = Table([["", block]], colWidths=[WIDTH - 75 * mm, 75 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("ALIGN", (1, 0), (1, 0), "CENTER")]))
    return table


# --- the document --------------------------------------------------------------------------

def worksheet_pdf(*, version, organisation, bmp_percent=None) -> bytes:
    """The self-assessment form of one worksheet version, in the active language."""
    sheet = worksheet_from_dict(version.data)
    result = compute(sheet)
    printed = clock.now()
    s = _styles()
    regime_label = str(dict(REGIME_CHOICES).get(sheet.regime.value, sheet.regime.value))
    flagged = {w.index for w in result.warnings}

    story = [
        _p(_("Local content (TKDN) self-assessment of goods"), s["title"]),
        _p(regime_label, s["subtitle"]),
        Spacer(0, 5 * mm),
        _header(s, version=version, organisation=organisation, product=sheet.product,
                printed=printed),
    ]

    story.append(_p(f"I. {_factor_label('material')}", s["section"]))
    story.append(_material_table(s, sheet, result.factors["material"], flagged))
    if flagged:
        story.append(Spacer(0, 2))
        story.append(_p(_("* Local content claimed without a TKDN certificate number; see "
                          "the notes."), s["small"]))
    for factor in ("labour", "overhead"):
        story.append(CondPageBreak(30 * mm))
        story.append(_p(f"{ROMAN[factor]}. {_factor_label(factor)}", s["section"]))
        story.append(_cost_table(s, factor, sheet.lines(factor), result.factors[factor]))

    summary_title = _p(_("IV. Summary"), s["section"])
    if sheet.regime == Regime.P35_2025:
        summary = _summary_weighted(s, result, sheet.factor_weights)
        weights = {f: _number(w, 2) for f, w in sheet.factor_weights.items()}
        basis = _("Permenperin 35/2025 Pasal 4: TKDN = %(material)s × KDN material + "
                  "%(labour)s × KDN labour + %(overhead)s × KDN overhead.") % weights
        summary += [Spacer(0, 2), _p(basis, s["small"])]
    else:
        summary = _summary_cost_based(s, result)  # carries its formula
    story.append(KeepTogether([summary_title, *summary, Spacer(0, 5 * mm),
                               _result_panel(s, result, bmp_percent)]))

    notes = [warning_text(w) for w in result.warnings]
    if notes:
        story.append(KeepTogether([_p(_("Notes"), s["section"])] + [
            Paragraph(escape(n), s["note"], bulletText="•") for n in notes]))

    worst = shortfalls(sheet, limit=3)
    if worst:
        story.append(KeepTogether([
            _p(_("Lines that pull TKDN down"), s["section"]),
            _shortfall_table(s, worst), Spacer(0, 2),
            _p(_("Points lost: how far the line's foreign share lowers the product's TKDN."),
               s["small"])]))

    story.append(KeepTogether([
        _p(_("Declaration"), s["section"]),
        _p(_("We declare that the data above are true, are kept with their evidence and may "
             "be verified by an appointed verifier. Should they prove untrue, we accept the "
             "consequences under the laws and regulations in force."), s["declaration"]),
        Spacer(0, 6 * mm),
        _signature(s, organisation, printed),
    ]))

    return build(story, pagesize=A4, title=_("Local content (TKDN) self-assessment of goods"),
                 subject=f"{sheet.product} v{version.number}", author=organisation.name,
                 note=_("Self-assessment; not a certificate issued by a verifier"),
                 top_note=f"{organisation.name} · {sheet.product} · " + _(
                     "worksheet version %(number)s") % {"number": version.number})
