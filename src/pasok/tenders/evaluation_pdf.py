"""The evaluation of a tender as PDF: a header naming the tender, per lot the bids side by
side (the same rows as the XLSX export, exports.evaluation_rows), and every bid's receipt
digest so each bidder can check its receipt against what was opened.

The look is the TKDN form's (pasok.tkdn.pdf: built-in Helvetica, its styles, ruled tables with
a shaded head, 'page N of M' in the footer), on A4 landscape so a dozen columns fit side by
side. Money is written the Indonesian way in both languages; other numbers and the words
follow the active language."""

from xml.sax.saxutils import escape

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Paragraph,
    Spacer,
    Table,
)

from pasok import clock
from pasok.web.formatting import local_moment
from pasok.web.pdf import MARGIN, SUBTOTAL, build, grid
from pasok.web.pdf import number as _number
from pasok.web.pdf import para as _p
from pasok.web.pdf import percent as _percent
from pasok.web.pdf import rupiah as _rp
from pasok.web.pdf import styles as _styles

from .exports import EvaluationRow, evaluation_rows
from .models import Award, Bid, Tender

PAGE = landscape(A4)
WIDTH = PAGE[0] - 2 * MARGIN  # 267 mm
# Column widths in mm, each table filling the text width.
HEADER_COLUMNS = [35, 98.5, 35, 98.5]
# Rank, bidder, unit price, quantity, total, TKDN, BMP, tier, KP, HEA, result, awarded.
BID_COLUMNS = [15, 44, 22, 16, 30, 14, 14, 13, 14, 28, 35, 22]
DIGEST_COLUMNS = [12, 70, 45, 140]


def _table(rows, widths_mm, *, head: bool = True, extra=()) -> Table:
    """The TKDN form's ruled table at this page's width."""
    return grid(rows, widths_mm, width=WIDTH, head_rows=int(head), extra=extra)


def _label(model, field: str) -> str:
    """A field's own name, as the forms and the admin print it ("Dibuka pada")."""
    return capfirst(model._meta.get_field(field).verbose_name)


def _header(s, tender, printed):
    label, value = s["label"], s["value"]

    def when(moment):
        return local_moment(moment) if moment else "–"

    rows = [
        [_p(_("Reference"), label), _p(tender.reference, value),
         _p(_("Buyer"), label), _p(tender.buyer.name, value)],
        [_p(_("Title"), label), _p(tender.title, value),
         _p(_("Bid deadline"), label), _p(when(tender.bid_deadline), value)],
        [_p(_("Opening time"), label), _p(when(tender.opening_time), value),
         _p(_label(Tender, "opened_at"), label), _p(when(tender.opened_at), value)],
        [_p(_label(Tender, "evaluated_at"), label), _p(when(tender.evaluated_at), value),
         _p(_("Printed on"), label), _p(when(printed), value)],
    ]
    return _table(rows, HEADER_COLUMNS, head=False,
                  extra=[("BACKGROUND", (0, 0), (0, -1), SUBTOTAL),
                         ("BACKGROUND", (2, 0), (2, -1), SUBTOTAL)])


def _result(r: EvaluationRow) -> str:
    if r.awarded:
        return _("awarded")
    if r.excluded_reason:
        return r.excluded_reason
    if r.tier and not r.admissible:
        return _("not admissible under the cascade")
    return _("admissible") if r.admissible else "–"


def _total(s, r: EvaluationRow):
    """The corrected total, and the total the bidder wrote where it was corrected."""
    text = escape(_rp(r.corrected_total))
    if r.corrected:
        stated = escape(_("stated total") + " " + _rp(r.stated_total))
        text += f'<br/><font size="6">{stated}</font>'
    return Paragraph(text, s["num"])


def _bidder(s, r: EvaluationRow, unit: str):
    """The bidder, for a cooperative the members who make the goods, and how the TKDN was
    built."""
    text = escape(r.bidder)
    for name, quantity in r.members:
        member = escape(f"{name}: {_number(quantity, 0)} {unit}")
        text += f'<br/><font size="6">{member}</font>'
    if r.tkdn_percent is not None:
        text += f'<br/><font size="6">TKDN: {escape(r.tkdn_basis)}</font>'
    return Paragraph(text, s["cell"])


def _lot_table(s, lot, rows):
    heads = [_("Rank"), _("Bidder"), _("Unit price"), _("Quantity"),
             _("Total (corrected)"), _("TKDN"), _("BMP"), _("Tier"), "KP", _("HEA"),
             _("Result"), _label(Award, "quantity")]
    table = [[_p(h, s["head"]) for h in heads]]
    for r in rows:
        table.append([
            _p(r.rank or "–", s["center"]), _bidder(s, r, lot.unit),
            _p(_rp(r.unit_price), s["num"]), _p(_number(r.quantity, 0), s["num"]),
            _total(s, r),
            _p("–" if r.tkdn_percent is None else _percent(r.tkdn_percent), s["num"]),
            _p(_percent(r.bmp_percent), s["num"]), _p(r.tier or "–", s["center"]),
            _p("–" if r.kp is None else _number(r.kp, 4), s["num"]),
            _p("–" if r.hea is None else _rp(r.hea), s["num"]),
            _p(_result(r), s["cell_bold"] if r.awarded else s["cell"]),
            _p(_number(r.awarded_quantity, 0) if r.awarded_quantity else "–", s["num"]),
        ])
    if not rows:
        table.append([_p("–", s["center"]), _p(_("No bids."), s["label"])] + [""] * 10)
    return _table(table, BID_COLUMNS)


def _digest_table(s, lots):
    heads = [_("Lot"), _("Bidder"), _label(Bid, "submitted_at"), _("Receipt digest")]
    table = [[_p(h, s["head"]) for h in heads]]
    for lot, rows in lots:
        for r in rows:
            table.append([
                _p(lot.number, s["center"]), _p(r.bidder, s["cell"]),
                _p(local_moment(r.submitted_at) + f" (v{r.version})", s["cell"]),
                _p(r.digest, s["digest"])])
    return _table(table, DIGEST_COLUMNS)


def _coverage(s, lot) -> list:
    """What the award covered of the lot, and what it left uncovered and why."""
    if lot.covered_quantity is None:
        return []
    text = _("Award: %(covered)s units covered, %(uncovered)s left uncovered") % {
        "covered": _number(lot.covered_quantity, 0),
        "uncovered": _number(lot.uncovered_quantity, 0)}
    if lot.shortfall_reason:
        text += f" ({lot.get_shortfall_reason_display()})"
    return [_p(text, s["small"])]


def evaluation_pdf(tender, lots) -> bytes:
    """The evaluation of `tender`, in the active language. `lots` is what
    selectors.evaluations_by_lot returns for the reader."""
    printed = clock.now()
    s = _styles()
    s["digest"] = ParagraphStyle("digest", s["cell"], fontName="Courier", fontSize=7)
    gathered = evaluation_rows(lots)
    story = [
        _p(_("Evaluation"), s["title"]),
        _p(f"{tender.reference} · {tender.title}", s["subtitle"]),
        Spacer(0, 5 * mm),
        _header(s, tender, printed),
        Spacer(0, 3),
        _p(_("Perpres 16/2018: the unit price governs a miswritten total; HEA = (1 - KP) × "
             "corrected total; the lowest HEA among the admissible bids ranks first."),
           s["small"]),
    ]
    for lot, rows in gathered:
        story += [
            CondPageBreak(40 * mm),
            _p(f"{_('Lot')} {lot.number}: {lot.product}", s["section"]),
            _p(f"{_('Quantity')}: {_number(lot.quantity, 0)} {lot.unit} · "
               f"{_('HPS per unit')}: {_rp(lot.hps_unit_price)}", s["small"]),
            *_coverage(s, lot),
            Spacer(0, 3),
            _lot_table(s, lot, rows),
        ]
    story += [
        CondPageBreak(40 * mm),
        _p(_("Opened bids and their receipts"), s["section"]),
        _p(_("Each digest is the SHA-256 of the bid as sealed; every bidder can check theirs "
             "against the receipt."), s["small"]),
        Spacer(0, 3),
        _digest_table(s, gathered),
    ]

    return build(story, pagesize=PAGE, title=f"{_('Evaluation')} {tender.reference}",
                 subject=f"{tender.reference} {tender.title}", author=tender.buyer.name,
                 note=f"{tender.reference} · {tender.buyer.name}",
                 top_note=f"{tender.reference} · {_('Evaluation')}")
