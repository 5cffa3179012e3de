"""Reading an uploaded spreadsheet (CSV or XLSX) into rows of cells, and reading numbers
written the Indonesian way or the plain way. No knowledge of suppliers here."""

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal

import openpyxl
from django.utils.translation import gettext as _

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


def read_table(file_name: str, data: bytes) -> Table:
    """The first sheet of an XLSX, or a UTF-8 CSV separated by commas or semicolons."""
    if not data.strip():
        raise UnreadableFile(_("The file is empty."))
    if data.startswith(OLE_MAGIC):
        raise UnreadableFile(_("Old .xls files cannot be read; save the sheet as .xlsx or CSV."))
    if file_name.lower().endswith(".xlsx") or data.startswith(ZIP_MAGIC):
        lines = _xlsx_lines(data)
    else:
        lines = _csv_lines(data)
    numbered = [(number, cells) for number, cells in enumerate(lines, start=1)
                if any(has_value(c) for c in cells)]
    if not numbered:
        raise UnreadableFile(_("The file is empty."))
    (header_row, header), *rows = numbered
    header = [cell_text(c) for c in header]
    while header and not header[-1]:
        header.pop()
    return Table(header_row=header_row, header=header, rows=rows)


def _csv_lines(data: bytes) -> list[list[str]]:
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
        return list(reader)
    except csv.Error as exc:
        raise UnreadableFile(
            _("The CSV is malformed (%(detail)s); check the quotes around values.")
            % {"detail": exc}, row=reader.line_num) from exc


def _xlsx_lines(data: bytes) -> list[list[Cell]]:
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return [[_cell(v) for v in values]
                    for values in book.worksheets[0].iter_rows(values_only=True)]
        finally:
            book.close()
    except Exception as exc:
        raise UnreadableFile(_("This XLSX file is damaged or not an Excel workbook.")) from exc


def _cell(value) -> Cell:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, int | float):
        return Decimal(str(value))
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


_NUMBER_SHAPE = re.compile(r"-?\d[\d.,]*\d|-?\d")


def parse_number(cell: Cell, *, whole: bool) -> Decimal:
    """Read a number written plainly (1250000, 12.5) or the Indonesian way (1.250.000, 12,5).

    The rule, after dropping spaces and a leading "Rp":
    - both "." and "," present: the last of them is the decimal mark, the other groups
      thousands (1.250.000,50 and 1,250,000.50);
    - one mark present several times: it groups thousands (1.250.000);
    - one mark present once: for whole quantities (rupiah, kg per month, people) it groups
      thousands when exactly three digits follow (12.500 → 12500), since Excel exports them
      that way; otherwise, and always for fractional quantities (weights, coordinates), it is
      the decimal mark (12,5 and 12.5 → 12.5; weight 1.250 → 1.25).
    Thousands groups must be well formed (1-3 digits, then groups of three).
    Raises ValueError with a message for people.
    """
    if isinstance(cell, Decimal):
        number = cell
    else:
        compact = re.sub(r"^rp\.?", "", re.sub(r"\s", "", cell), flags=re.I)
        number = _parse_text(compact, whole)
        if number is None:
            raise ValueError(_("“%(value)s” is not a number; write e.g. 1250000, 1.250.000 or "
                               "12,5.") % {"value": cell.strip()})
    if whole and number != number.to_integral_value():
        raise ValueError(_("“%(value)s” is not a whole number.") % {"value": cell_text(cell)})
    return number


def _parse_text(text: str, whole: bool) -> Decimal | None:
    if not _NUMBER_SHAPE.fullmatch(text):
        return None
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    marks = [m for m in ".," if m in digits]
    if len(marks) == 2:
        decimal_mark = max(marks, key=digits.rfind)
    elif len(marks) == 1 and digits.count(marks[0]) == 1:
        after = len(digits) - digits.index(marks[0]) - 1
        decimal_mark = None if whole and after == 3 else marks[0]
    else:
        decimal_mark = None
    integer, fraction = digits.rsplit(decimal_mark, 1) if decimal_mark else (digits, "")
    thousands = next((m for m in ".," if m != decimal_mark and m in integer), None)
    groups = integer.split(thousands) if thousands else [integer]
    well_grouped = len(groups) == 1 or (1 <= len(groups[0]) <= 3
                                        and all(len(g) == 3 for g in groups[1:]))
    if not (well_grouped and all(g.isdigit() for g in groups)
            and (fraction.isdigit() or not decimal_mark)):
        return None
    return Decimal(sign + "".join(groups) + ("." + fraction if fraction else ""))
