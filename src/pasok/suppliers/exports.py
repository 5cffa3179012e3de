"""CSV and XLSX of a search result: the same rows, read through the same selector. Codes
are written as the reader's words (processes, kind, size class); numbers stay numbers: XLSX
cells hold them, a CSV writes them in the language's notation with its field separator."""

import csv
import io
import itertools
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook

from pasok.accounts.models import OrgKind, SizeClass
from pasok.web.formatting import spreadsheet_row
from pasok.web.numbers import active_notation, csv_number

from .catalogue import PROCESSES


def _columns(month):
    return [_("Name"), _("Kind"), _("Verified"), _("Size class"), _("NIB"), _("Regency / city"),
            _("Province"), _("Processes"), _("Material grades"), _("Casting weight min (kg)"),
            _("Casting weight max (kg)"), _("Monthly capacity (kg)"),
            _("Free in %(month)s (kg)") % {"month": date_format(month, "F Y")},
            _("Workforce"), _("Cooperative")]


def _rows(organisations):
    """Rows as a generator; labels are translated now, while the request's language is
    active, because a streaming response iterates after the view has returned."""
    yes, no = _("yes"), _("no")
    kinds = {k: str(label) for k, label in OrgKind.choices}
    sizes = {k: str(label) for k, label in SizeClass.choices}
    processes = {k: str(label) for k, label in PROCESSES}
    orgs = organisations.select_related("cooperative").prefetch_related("profile__processes",
                                                                        "profile__grades")

    def row(org):
        p = org.profile
        return [org.name, kinds[org.kind], yes if org.verified_at else no,
                sizes.get(org.size_class, ""), org.nib or "", org.regency,
                org.get_province_display(),
                ", ".join(processes.get(x.code, x.code) for x in p.processes.all()),
                ", ".join(str(g) for g in p.grades.all()),  # FCD450: the grade's own name
                p.weight_min_kg, p.weight_max_kg, p.monthly_capacity_kg, org.free_kg,
                p.workforce_total, org.cooperative.name if org.cooperative_id else ""]

    return (spreadsheet_row(row(org)) for org in orgs.iterator(chunk_size=2000))


def _with_bom(lines):
    # Excel opens UTF-8 CSV correctly only with a byte-order mark.
    yield "\ufeff"
    yield from lines


class _Echo:
    def write(self, value):
        return value


def _is_number(value) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def csv_response(organisations, filename: str, month) -> StreamingHttpResponse:
    """The rows in the search's order; `month` is the month their free capacity is of."""
    notation = active_notation()  # now: the rows are written after the view returns
    writer = csv.writer(_Echo(), delimiter=notation.csv_delimiter)
    rows = itertools.chain([spreadsheet_row(_columns(month))], _rows(organisations))
    lines = (writer.writerow([csv_number(v, notation) if _is_number(v) else v for v in row])
             for row in rows)
    response = StreamingHttpResponse(_with_bom(lines),
                                     content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(organisations, filename: str, month) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Suppliers"))
    sheet.append(spreadsheet_row(_columns(month)))
    for row in _rows(organisations):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
