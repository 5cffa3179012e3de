"""Reading an uploaded spreadsheet (CSV or XLSX) into rows of cells, and the numbers in them
(through pasok.web.numbers), within the caller's limits on size, rows and columns
(pasok.web.file_limits). No knowledge of suppliers here."""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from pasok.web.file_limits import (
    FileLimit,
    FileRefused,
    check_size,
    counted_rows,
    open_xlsx,
    sheet_rows,
)
from pasok.web.numbers import Notation, NumberError, read_number, spreadsheet_number

Cell = str | Decimal  # XLSX numbers stay Decimal so "1.125" in a cell is never re-read as text
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format


class UnreadableFile(Exception):
    """The file as a whole cannot be read; `row` is where reading stopped (0: anywhere)."""

    def __init__(self, message: str, row: int = 0):
        super().__init__(message)
        self.message, self.row = message, row


@dataclass
class Table:
    header_row: int
    header: list[str]
    rows: list[tuple[int, list[Cell]]]  # (spreadsheet row number, cells); blank rows left out


def read_table(file_name: str, data: bytes, limit: FileLimit) -> Table:
    """The first sheet of an XLSX, or a UTF-8 CSV separated by commas or semicolons."""
    try:
        check_size(file_name, len(data), limit)
        if not data.strip():
            raise UnreadableFile(_("The file is empty."))
        if data.startswith(OLE_MAGIC):
            raise UnreadableFile(
                _("Old .xls files cannot be read; save the sheet as .xlsx or CSV."))
        if file_name.lower().endswith(".xlsx") or data.startswith(ZIP_MAGIC):
            lines = _xlsx_lines(file_name, data, limit)
        else:
            lines = _csv_lines(file_name, data, limit)
    except FileRefused as exc:
        raise UnreadableFile(exc.message) from exc
    numbered = [(number, cells) for number, cells in enumerate(lines, start=1)
                if any(has_value(c) for c in cells)]
    if not numbered:
        raise UnreadableFile(_("The file is empty."))
    (header_row, header), *rows = numbered
    header = [cell_text(c) for c in header]
    while header and not header[-1]:
        header.pop()
    return Table(header_row=header_row, header=header, rows=rows)


def _csv_lines(file_name: str, data: bytes, limit: FileLimit) -> list[list[str]]:
    if b"\x00" in data:
        raise UnreadableFile(_("This is not a CSV file; upload a .csv or .xlsx file."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(
            _("The file is not UTF-8 text; in Excel save it as “CSV UTF-8”.")) from exc
    # Indonesian Excel separates with semicolons (the comma is its decimal mark).
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        return list(counted_rows(file_name, reader, limit))
    except csv.Error as exc:
        raise UnreadableFile(
            _("The CSV is malformed (%(detail)s); check the quotes around values.")
            % {"detail": exc}, row=reader.line_num) from exc


def _xlsx_lines(file_name: str, data: bytes, limit: FileLimit) -> list[list[Cell]]:
    try:
        book = open_xlsx(file_name, data, limit)
        try:
            return [[_cell(c.value, getattr(c, "number_format", None)) for c in cells]
                    for cells in sheet_rows(file_name, book.worksheets[0], limit)]
        finally:
            book.close()
    except FileRefused:
        raise
    except Exception as exc:
        raise UnreadableFile(_("This XLSX file is damaged or not an Excel workbook.")) from exc


def _cell(value, number_format: str | None) -> Cell:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, int | float):
        return spreadsheet_number(value, number_format)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def has_value(cell: Cell) -> bool:
    return isinstance(cell, Decimal) or bool(cell.strip())


def cell_text(cell: Cell) -> str:
    """A cell as text; a number typed into a text column (NIB, phone) loses no digits."""
    if isinstance(cell, Decimal):
        return str(int(cell)) if cell == cell.to_integral_value() else format(cell, "f")
    return cell.strip()


def parse_number(cell: Cell, *, whole: bool, notation: Notation) -> Decimal:
    """A cell's number: an XLSX number as it is, text as written in `notation`
    (pasok.web.numbers: 1.250.000 and 12,5 in Indonesian files, 1,250,000 and 12.5 in
    English ones; "Rp" in front allowed; ambiguous or foreign-notation text refused).
    Raises ValueError with a message for people."""
    if isinstance(cell, Decimal):
        number = cell
    else:
        try:
            number = read_number(cell, notation, money=True)
        except NumberError as exc:
            raise ValueError(exc.message) from exc
    if whole and number != number.to_integral_value():
        raise ValueError(_("“%(value)s” is not a whole number.") % {"value": cell_text(cell)})
    return number
