"""The award report (Berita Acara Hasil Pemilihan) as PDF: the tender and its addenda, per
lot the evaluated bids in rank order (opened data only) and what the award gave each bid
(tenders.Award: quantity, unit price, value, TKDN and its source, share, rule, date), the
objection period and its outcome, and the signature blocks.

The look is the evaluation PDF's (pasok.web.pdf), on A4 portrait. Money is written the
Indonesian way in both languages; other numbers and the words follow the active language."""

from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, Spacer, Table

from pasok import clock
from pasok.web.formatting import local_moment
from pasok.web.pdf import SUBTOTAL, WIDTH, build, grid
from pasok.web.pdf import number as _number
from pasok.web.pdf import para as _p
from pasok.web.pdf import percent as _percent
from pasok.web.pdf import rupiah as _rp
from pasok.web.pdf import styles as _styles

from .evaluation_pdf import _result
from .exports import evaluation_rows
from .models import Award

HEADER_COLUMNS = [35, 55, 35, 55]
# Rank, bidder, unit price, total (corrected), TKDN, HEA, result.
BID_COLUMNS = [12, 50, 25, 30, 15, 28, 20]
# Supplier, quantity, unit price, value, TKDN and source, share, rule, date.
AWARD_COLUMNS = [34, 16, 22, 26, 30, 13, 20, 19]
OBJECTION_COLUMNS = [60, 60, 60]


def _when(moment) -> str:
    return local_moment(moment) if moment else "–"


def _header(s, tender, printed):
    label, value = s["label"], s["value"]
    rows = [
        [_p(_("Reference"), label), _p(tender.reference, value),
         _p(_("Buyer"), label), _p(tender.buyer.name, value)],
        [_p(_("Title"), label), _p(tender.title, value),
         _p(_("Bid deadline"), label), _p(_when(tender.bid_deadline), value)],
        [_p(_("Opening time"), label), _p(_when(tender.opening_time), value),
         _p(_("Evaluated"), label), _p(_when(tender.evaluated_at), value)],
        [_p(_("Award announced"), label), _p(_when(tender.awarded_at), value),
         _p(_("Printed on"), label), _p(_when(printed), value)],
    ]
    return grid(rows, HEADER_COLUMNS, head_rows=0,
                extra=[("BACKGROUND", (0, 0), (0, -1), SUBTOTAL),
                       ("BACKGROUND", (2, 0), (2, -1), SUBTOTAL)])


def _bids_table(s, rows):
    heads = [_("Rank"), _("Bidder"), _("Unit price"), _("Total (corrected)"), _("TKDN"),
             _("HEA"), _("Result")]
    table = [[_p(h, s["head"]) for h in heads]]
    for r in rows:
        table.append([
            _p(r.rank or "–", s["center"]), _p(r.bidder, s["cell"]),
            _p(_rp(r.unit_price), s["num"]), _p(_rp(r.corrected_total), s["num"]),
            _p("–" if r.tkdn_percent is None else _percent(r.tkdn_percent), s["num"]),
            _p("–" if r.hea is None else _rp(r.hea), s["num"]),
            _p(_result(r), s["cell_bold"] if r.awarded else s["cell"])])
    if not rows:
        table.append([_p("–", s["center"]), _p(_("No bids."), s["label"])] + [""] * 5)
    return grid(table, BID_COLUMNS)


def _awards_table(s, awards):
    heads = [_("Supplier"), _("Quantity"), _("Unit price"), _("Value"), _("TKDN"),
             _("Share"), _("Chosen by"), _("Date")]
    table = [[_p(h, s["head"]) for h in heads]]
    for a in awards:
        tkdn = "–" if a.tkdn_percent is None else _percent(a.tkdn_percent)
        if a.tkdn_source:
            tkdn += f" ({a.tkdn_source})"
        table.append([
            _p(a.supplier.name, s["cell"]), _p(_number(a.quantity, 0), s["num"]),
            _p(_rp(a.unit_price), s["num"]), _p(_rp(a.value), s["num"]),
            _p(tkdn, s["cell"]), _p(_percent(a.share * 100), s["num"]),
            _p(a.get_rule_display(), s["cell"]), _p(_when(a.awarded_at), s["cell"])])
    if not awards:
        table.append([_p(_("Nothing awarded."), s["label"])] + [""] * 7)
    return grid(table, AWARD_COLUMNS)


def _objection_part(s, tender, now) -> list:
    objections = list(tender.objections.select_related("bidder"))
    if tender.award_final_at(now):
        outcome = _("The award is final.")
    elif tender.objections_open_at(now):
        outcome = _("The objection period is running.")
    else:
        outcome = _("The award waits for the answers to objections.")
    story = [
        _p(_("Objection period"), s["section"]),
        _p(_("Objections were open until %(end)s (%(days)s calendar days, Perlem LKPP "
             "12/2021). Objections filed: %(n)s. %(outcome)s") % {
            "end": _when(tender.objection_period_end),
            "days": _number(tender.objection_days, 0), "n": _number(len(objections), 0),
            "outcome": outcome}, s["base"]),
    ]
    if objections:
        table = [[_p(h, s["head"]) for h in (_("Objector"), _("Filed at"),
                                             _("Answered at"))]]
        table += [[_p(o.bidder.name, s["cell"]), _p(_when(o.filed_at), s["cell"]),
                   _p(_when(o.answered_at), s["cell"])] for o in objections]
        story += [Spacer(0, 3), grid(table, OBJECTION_COLUMNS)]
    return story


def _signatures(s, tender):
    """Blank signature blocks: the selection committee (Pokja Pemilihan) and the buyer."""
    blank = "<br/><br/><br/><br/>______________________________<br/>" + escape(
        _("Name and signature"))
    return Table([[_p(_("For the selection committee (Pokja Pemilihan)"), s["sign"]),
                   _p(_("For %(buyer)s") % {"buyer": tender.buyer.name}, s["sign"])],
                  [Paragraph(blank, s["sign"]), Paragraph(blank, s["sign"])]],
                 colWidths=[WIDTH / 2] * 2)


def award_report_pdf(tender, lots) -> bytes:
    """The award report of an awarded `tender`, in the active language. `lots` is what
    selectors.evaluations_by_lot returns for the reader (who may see the opened bids)."""
    now = clock.now()
    s = _styles()
    awards = list(Award.objects.filter(lot__tender=tender).select_related("supplier", "lot"))
    story = [
        _p(_("Award report"), s["title"]),
        _p("Berita Acara Hasil Pemilihan", s["subtitle"]),
        _p(f"{tender.reference} · {tender.title}", s["subtitle"]),
        Spacer(0, 5 * mm), _header(s, tender, now), Spacer(0, 3),
    ]
    addenda = list(tender.addenda.all())
    if addenda:
        story.append(_p(_("Addenda: %(list)s") % {"list": ", ".join(
            f"{a.number} ({local_moment(a.issued_at)})" for a in addenda)}, s["small"]))
    for lot, rows in evaluation_rows(lots):
        story += [
            CondPageBreak(40 * mm),
            _p(f"{_('Lot')} {lot.number}: {lot.product}", s["section"]),
            _p(f"{_('Quantity')}: {_number(lot.quantity, 0)} {lot.unit} · "
               f"{_('HPS per unit')}: {_rp(lot.hps_unit_price)}", s["small"]),
            Spacer(0, 3), _p(_("Evaluated bids, in rank order"), s["cell_bold"]),
            _bids_table(s, rows), Spacer(0, 3),
            _p(_("Awarded"), s["cell_bold"]),
            _awards_table(s, [a for a in awards if a.lot_id == lot.pk]),
        ]
    story += [CondPageBreak(50 * mm), *_objection_part(s, tender, now), Spacer(0, 8 * mm),
              _signatures(s, tender)]
    return build(story, pagesize=A4, title=f"{_('Award report')} {tender.reference}",
                 subject=f"{tender.reference} {tender.title}", author=tender.buyer.name,
                 note=f"{tender.reference} · {tender.buyer.name}",
                 top_note=f"{tender.reference} · {_('Award report')}")
