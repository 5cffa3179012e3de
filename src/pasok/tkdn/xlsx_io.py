"""A TKDN worksheet as XLSX: sheets `materials`, `labour` and `overhead` (the cost lines) and
an optional `info` sheet (product, regime). Reading gives the JSON shape of INTERFACES.md, so
one parser (pasok.rules.tkdn_json) validates both; writing is its inverse."""

import io
import re

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from pasok.rules.tkdn import FACTORS, Worksheet, WorksheetError
from pasok.web.formatting import spreadsheet_safe

INFO_KEYS = ("product", "regime", "uncertified")
SHEETS = {"material": "materials", "labour": "labour", "overhead": "overhead"}
COLUMNS = {
    "material": ("name", "quantity", "unit_price", "domestic_percent", "certificate", "origin"),
    "labour": ("name", "cost", "domestic_percent", "certificate"),
    "overhead": ("name", "cost", "domestic_percent", "certificate", "category"),
}
OPTIONAL = {"certificate", "origin", "category"}
_PATH = re.compile(r"^(materials|labour|overhead)\[(\d+)\]")


class XlsxError(ValueError):
    pass


def _rows(sheet, factor: str) -> tuple[list[dict], list[int]]:
    """Dicts of the non-empty rows and their spreadsheet row numbers."""
    rows = sheet.iter_rows(values_only=True)
    header = [str(c).strip().lower() if c is not None else "" for c in next(rows, ())]
    missing = [c for c in COLUMNS[factor] if c not in header and c not in OPTIONAL]
    if missing:
        raise XlsxError(_("sheet %(sheet)s: missing column(s) %(columns)s")
                        % {"sheet": sheet.title, "columns": ", ".join(missing)})
    items, numbers = [], []
    for number, values in enumerate(rows, start=2):
        if all(v in (None, "") for v in values):
            continue
        items.append({h: v for h, v in zip(header, values, strict=False)
                      if h and v is not None})
        numbers.append(number)
    return items, numbers


def read_xlsx(data: bytes) -> tuple[dict, dict[str, list[int]]]:
    """The worksheet dict and, per list, the spreadsheet row of each item."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        return _read_book(book)
    except XlsxError:
        raise
    except Exception as exc:  # a damaged workbook fails in many ways (zip, XML, cells)
        raise XlsxError(_("not a readable .xlsx file")) from exc


def _read_book(book) -> tuple[dict, dict[str, list[int]]]:
    names = {ws.title.strip().lower(): ws for ws in book.worksheets}
    result, row_numbers = {}, {}
    for factor in FACTORS:
        key = SHEETS[factor]
        if key not in names:
            raise XlsxError(_("the workbook has no sheet named “%(sheet)s”") % {"sheet": key})
        result[key], row_numbers[key] = _rows(names[key], factor)
    if "info" in names:
        for row in names["info"].iter_rows(min_row=1, values_only=True):
            if row and row[0] in INFO_KEYS and len(row) > 1 and row[1]:
                result[row[0]] = str(row[1])
    return result, row_numbers


def describe_path(path: str, row_numbers: dict[str, list[int]]) -> str:
    """`materials[3].cost` with the sheet and spreadsheet row it came from."""
    match = _PATH.match(path)
    if not match:
        return path
    sheet, index = match[1], int(match[2])
    rows = row_numbers.get(sheet, [])
    if index >= len(rows):
        return path
    return path + " (" + _("sheet %(sheet)s, row %(row)s") % {"sheet": sheet,
                                                             "row": rows[index]} + ")"


def locate(error: WorksheetError, row_numbers: dict[str, list[int]]) -> WorksheetError:
    """The same error, its path naming the sheet and row."""
    return WorksheetError(describe_path(error.path, row_numbers), error.message)


def write_xlsx(sheet: Worksheet) -> bytes:
    book = Workbook()
    book.remove(book.active)
    info = book.create_sheet("info")
    info.append(["product", spreadsheet_safe(sheet.product)])
    info.append(["regime", sheet.regime.value])
    info.append(["uncertified", sheet.uncertified])
    for factor in FACTORS:
        ws = book.create_sheet(SHEETS[factor])
        ws.append(list(COLUMNS[factor]))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for line in sheet.lines(factor):
            if factor == "material":
                values = [line.name, line.quantity, line.unit_price, line.domestic_percent,
                          line.certificate, line.origin]
            elif factor == "overhead":
                values = [line.name, line.cost, line.domestic_percent, line.certificate,
                          line.category]
            else:
                values = [line.name, line.cost, line.domestic_percent, line.certificate]
            ws.append([spreadsheet_safe(v) for v in values])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
