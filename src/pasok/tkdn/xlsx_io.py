"""A TKDN worksheet as XLSX: sheets `materials`, `labour` and `overhead` (the cost lines) and
an optional `info` sheet (product, regime, uncertified, notation). Reading gives the JSON
shape of docs/interfaces.md, so one parser (pasok.rules.tkdn_json) validates both; writing is its
inverse.

Numbers are read as the person who filled in the sheet sees them: a number cell formatted as
a percentage (48,5% holds 0.485) is 48.5 in the percent column (pasok.web.numbers.
spreadsheet_number); a number typed as text ("1.250.000", "48,5%", "Rp9.500") is read in
Indonesian notation, or in English where the info sheet says `notation` `en`. Text that is
no number at all is left for the rules to refuse ("must be a number"); text in the other
notation or ambiguous ("1,500") is refused here with the sheet, row and column.

A workbook larger, or with longer sheets, than FILE_LIMIT is refused before it is read, or
as soon as reading passes the limit (pasok.web.file_limits)."""

import io
import re

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from pasok.rules.tkdn import FACTORS, Worksheet, WorksheetError
from pasok.rules.tkdn_json import json_number
from pasok.web.file_limits import MB, FileLimit, FileRefused, open_xlsx, sheet_rows
from pasok.web.formatting import spreadsheet_row
from pasok.web.numbers import (
    INDONESIAN,
    NOTATIONS,
    NumberError,
    read_number,
    spreadsheet_number,
)

INFO_KEYS = ("product", "regime", "uncertified", "notation")
SHEETS = {"material": "materials", "labour": "labour", "overhead": "overhead"}
COLUMNS = {
    "material": ("name", "quantity", "unit_price", "domestic_percent", "certificate", "origin"),
    "labour": ("name", "cost", "domestic_percent", "certificate"),
    "overhead": ("name", "cost", "domestic_percent", "certificate", "category"),
}
OPTIONAL = {"certificate", "origin", "category"}
# How each numeric column's text is read: money may carry "Rp", a percent "%".
NUMBER_COLUMNS = {"quantity": {}, "unit_price": {"money": True}, "cost": {"money": True},
                  "domestic_percent": {"percent": True}}
# A product's bill of materials runs to hundreds of lines, not thousands.
FILE_LIMIT = FileLimit(max_bytes=2 * MB, max_rows=2_000, max_columns=30,
                       max_unpacked_bytes=20 * MB)
_PATH = re.compile(r"^(materials|labour|overhead)(?:\[(\d+)\](?:\.(\w+))?)?$")


class XlsxError(ValueError):
    pass


def _place(sheet: str, row: int | None = None, column: str | None = None) -> str:
    if row is None:
        return _("sheet %(sheet)s") % {"sheet": sheet}
    if column is None:
        return _("sheet %(sheet)s, row %(row)s") % {"sheet": sheet, "row": row}
    return _("sheet %(sheet)s, row %(row)s, column %(column)s") % {
        "sheet": sheet, "row": row, "column": column}


def _cell_value(cell, column: str, notation, sheet: str, row: int):
    """The cell's value for the worksheet JSON: a Decimal for a number, as it is seen."""
    value = cell.value
    if column not in NUMBER_COLUMNS or value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return (json_number(spreadsheet_number(value, cell.number_format))
                if column == "domestic_percent" else value)
    text = str(value).strip()
    try:
        return json_number(read_number(text, notation, **NUMBER_COLUMNS[column]))
    except NumberError as exc:
        if exc.code == "not_a_number":
            return text  # the rules answer "must be a number" with the field named
        raise XlsxError(f"{_place(sheet, row, column)}: {exc.message}") from exc


def _rows(rows, sheet, factor: str, notation) -> tuple[list[dict], list[int]]:
    """Dicts of the non-empty rows and their spreadsheet row numbers."""
    header = [str(c.value).strip().lower() if c.value is not None else ""
              for c in next(rows, ())]
    missing = [c for c in COLUMNS[factor] if c not in header and c not in OPTIONAL]
    if missing:
        raise XlsxError(_("sheet %(sheet)s: missing column(s) %(columns)s")
                        % {"sheet": sheet.title, "columns": ", ".join(missing)})
    items, numbers = [], []
    for number, cells in enumerate(rows, start=2):
        if all(c.value in (None, "") for c in cells):
            continue
        items.append({h: _cell_value(c, h, notation, sheet.title, number)
                      for h, c in zip(header, cells, strict=False)
                      if h and c.value is not None})
        numbers.append(number)
    return items, numbers


def read_xlsx(data: bytes, *,
              file_name: str = "worksheet.xlsx") -> tuple[dict, dict[str, list[int]]]:
    """The worksheet dict and, per list, the spreadsheet row of each item. `file_name`
    names the file in messages."""
    try:
        book = open_xlsx(file_name, data, FILE_LIMIT)
        try:
            return _read_book(book, lambda sheet: sheet_rows(file_name, sheet, FILE_LIMIT))
        finally:
            book.close()
    except FileRefused as exc:
        raise XlsxError(exc.message) from exc
    except XlsxError:
        raise
    except Exception as exc:  # a damaged workbook fails in many ways (zip, XML, cells)
        raise XlsxError(_("not a readable .xlsx file")) from exc


def _info(rows) -> dict[str, str]:
    info = {}
    for cells in rows:
        row = [c.value for c in cells]
        if row and row[0] in INFO_KEYS and len(row) > 1 and row[1]:
            info[row[0]] = str(row[1]).strip()
    return info


def _read_book(book, rows_of) -> tuple[dict, dict[str, list[int]]]:
    names = {ws.title.strip().lower(): ws for ws in book.worksheets}
    info = _info(rows_of(names["info"])) if "info" in names else {}
    code = info.pop("notation", INDONESIAN.code).lower()
    if code not in NOTATIONS:
        raise XlsxError(_("sheet info: notation must be %(choices)s") % {
            "choices": " / ".join(NOTATIONS)})
    result, row_numbers = {}, {}
    for factor in FACTORS:
        key = SHEETS[factor]
        if key not in names:
            raise XlsxError(_("the workbook has no sheet named “%(sheet)s”") % {"sheet": key})
        sheet = names[key]
        result[key], row_numbers[key] = _rows(rows_of(sheet), sheet, factor, NOTATIONS[code])
    return result | info, row_numbers


def _located(path: str, row_numbers: dict[str, list[int]]):
    """(sheet, spreadsheet row or None, column or None) of a worksheet path, or None."""
    match = _PATH.match(path)
    if not match:
        return None
    sheet, index, column = match[1], match[2], match[3]
    rows = row_numbers.get(sheet, [])
    if index is None:
        return sheet, None, None
    if int(index) >= len(rows):
        return None
    return sheet, rows[int(index)], column


def describe_path(path: str, row_numbers: dict[str, list[int]]) -> str:
    """`materials[3].cost` with the sheet and spreadsheet row it came from (the CLI's)."""
    place = _located(path, row_numbers)
    if place is None or place[1] is None:
        return path
    return path + " (" + _place(place[0], place[1]) + ")"


def workbook_place(path: str, row_numbers: dict[str, list[int]]) -> str:
    """Where in the workbook a path points, for the person who filled it in: "sheet
    materials, row 4, column unit_price"."""
    place = _located(path, row_numbers)
    return path if place is None else _place(*place)


def locate(error: WorksheetError, row_numbers: dict[str, list[int]]) -> WorksheetError:
    """The same error, its path naming the sheet and row."""
    return WorksheetError(describe_path(error.path, row_numbers), error.code, **error.params)


def write_xlsx(sheet: Worksheet) -> bytes:
    book = Workbook()
    book.remove(book.active)
    info = book.create_sheet("info")
    for row in (["product", sheet.product], ["regime", sheet.regime.value],
                ["uncertified", sheet.uncertified],
                ["notation", INDONESIAN.code]):  # for numbers typed as text
        info.append(spreadsheet_row(row))
    for factor in FACTORS:
        ws = book.create_sheet(SHEETS[factor])
        ws.append(spreadsheet_row(COLUMNS[factor]))
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
            ws.append(spreadsheet_row(values))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
