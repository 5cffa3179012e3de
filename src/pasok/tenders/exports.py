"""The evaluation of a tender as XLSX: one sheet per lot, the bids side by side."""

import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from pasok.web.formatting import spreadsheet_safe


def evaluation_xlsx(tender, lots) -> HttpResponse:
    book = Workbook()
    book.remove(book.active)
    for lot, bids in lots:
        sheet = book.create_sheet(f"Lot {lot.number}")
        sheet.append([tender.reference, tender.title, lot.product])
        sheet.append([_("Bidder"), _("Unit price"), _("Quantity"), _("TKDN (%)"), _("BMP (%)"),
                      _("Cascade tier"), _("Preference (KP)"), _("HEA"), _("Rank"),
                      _("Excluded because"), _("Awarded"), _("Receipt digest")])
        for bid in bids:
            c, e = bid.opened_content, getattr(bid, "evaluation", None)
            sheet.append([spreadsheet_safe(bid.bidder.name), float(c["unit_price"]), c["quantity"],
                          c["tkdn_percent"], c["bmp_percent"], e.tier if e else "",
                          float(e.kp) if e else None,
                          float(e.hea) if e and e.hea is not None else None,
                          e.rank if e else None, e.excluded_reason if e else "",
                          _("yes") if e and e.awarded else "", bid.digest])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = (
        f'attachment; filename="evaluation-{tender.reference}.xlsx"')
    return response
