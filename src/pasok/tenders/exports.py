"""The evaluation of a tender as XLSX: one sheet per lot, the bids side by side.

`evaluation_rows` gathers what every export of the evaluation shows (this XLSX and the PDF of
evaluation_pdf.py), so the two cannot drift apart."""

import io
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from pasok.rules.bid_checks import check_price
from pasok.web.formatting import localized_number, spreadsheet_row


@dataclass(frozen=True)
class EvaluationRow:
    """One opened bid as the evaluation shows it: what it says, the arithmetic correction
    and what the evaluation made of it (None/"" where it was not evaluated)."""

    bidder: str
    unit_price: Decimal
    quantity: int
    stated_total: Decimal | None
    corrected_total: Decimal  # unit price × quantity: the unit price governs
    corrected: bool  # the stated total differed and was corrected
    tkdn_percent: Decimal | None
    tkdn_basis: str  # how the TKDN was built ("weighted from members: …")
    bmp_percent: Decimal
    monthly_capacity: int
    tier: str
    kp: Decimal | None
    hea: Decimal | None
    rank: int | None
    admissible: bool
    excluded_reason: str
    awarded: bool
    awarded_quantity: int | None
    digest: str
    submitted_at: datetime
    version: int
    members: tuple[tuple[str, int], ...] = ()  # a cooperative's makers and their units


def evaluation_rows(lots) -> list[tuple]:
    """[(lot, [EvaluationRow, ...])] from selectors.evaluations_by_lot, in its order."""
    result = []
    for lot, bids in lots:
        rows = []
        for bid in bids:
            e = getattr(bid, "evaluation", None)
            award = getattr(bid, "award", None)
            c = bid.terms
            price = check_price(unit_price=c.unit_price, quantity=c.quantity,
                                stated_total=c.total_price, hps_unit_price=lot.hps_unit_price)
            rows.append(EvaluationRow(
                bidder=bid.bidder.name, unit_price=c.unit_price, quantity=c.quantity,
                stated_total=price.stated_total, corrected_total=price.corrected_total,
                corrected=price.corrected, tkdn_percent=c.tkdn_percent,
                tkdn_basis=c.tkdn_text(), bmp_percent=c.bmp_percent,
                monthly_capacity=c.monthly_capacity,
                tier=e.tier if e else "", kp=e.kp if e and not e.exclusion else None,
                hea=e.hea if e else None,
                rank=e.rank if e else None, admissible=bool(e and e.admissible),
                excluded_reason=e.excluded_reason if e else "",
                awarded=award is not None,
                awarded_quantity=award.quantity if award else None,
                digest=bid.digest, submitted_at=bid.submitted_at, version=bid.version,
                members=tuple((m.name, m.quantity) for m in c.members)))
        result.append((lot, rows))
    return result


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def evaluation_xlsx(tender, lots) -> HttpResponse:
    book = Workbook()
    book.remove(book.active)
    for lot, rows in evaluation_rows(lots):
        sheet = book.create_sheet((_("Lot %(n)s") % {"n": lot.number})[:31])
        sheet.append(spreadsheet_row([tender.reference, tender.title, lot.product]))
        sheet.append(spreadsheet_row([
            _("Bidder"), _("Unit price"), _("Quantity"), _("Monthly capacity offered"),
            _("TKDN (%)"), _("TKDN from"), _("BMP (%)"), _("Cascade tier"),
            _("Preference (KP)"), _("HEA"), _("Rank"), _("Excluded because"), _("Awarded"),
            _("Units awarded"), _("Receipt digest"), _("Members who will make the goods")]))
        for r in rows:
            sheet.append(spreadsheet_row([
                r.bidder, float(r.unit_price), r.quantity, r.monthly_capacity,
                _float(r.tkdn_percent), r.tkdn_basis, float(r.bmp_percent), r.tier,
                _float(r.kp), _float(r.hea), r.rank, r.excluded_reason,
                _("yes") if r.awarded else "", r.awarded_quantity, r.digest,
                "; ".join(f"{name}: {localized_number(units)}" for name, units in r.members)]))
        if lot.uncovered_quantity:
            sheet.append([])
            sheet.append(spreadsheet_row([_("Left uncovered"), lot.uncovered_quantity,
                                          lot.get_shortfall_reason_display()]))
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = (
        f'attachment; filename="evaluation-{tender.reference}.xlsx"')
    return response
