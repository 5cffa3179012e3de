"""How much an uploaded file may hold: one limit per kind of file (a supplier import, a TKDN
worksheet, a product photo), checked before the file is read and again while it is parsed.

- Its size, from the upload's size (or the file's on disk) before a byte is read.
- An XLSX is a zip: what its parts unpack to is in the zip's directory, read before any of
  them is (a 321 KB workbook may unpack into a million rows).
- A sheet's rows and columns: the dimension the sheet declares is refused at once when it is
  over the limit, then every row is counted while it streams (read-only openpyxl, or the CSV
  reader line by line), so a sheet that declares nothing, or less than it holds, stops at the
  limit too instead of being read to its end.

Refusals raise FileRefused with a message for people that names the file and the limit, in
the active language and number notation."""

import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import BinaryIO

import openpyxl
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from pasok.web.formatting import localized_file_size, localized_number, localized_quantity

MB = 1024 * 1024


def limit_text(size: int) -> str:
    """A limit as people set it: 20 MB, 2,5 MB (a file's own size: localized_file_size)."""
    return f"{localized_quantity(Decimal(size) / MB, 1)} MB"


@dataclass(frozen=True)
class FileLimit:
    max_bytes: int
    max_rows: int = 0  # a sheet's rows, its header and blank rows included; 0: no sheet
    max_columns: int = 0
    max_unpacked_bytes: int = 0  # an XLSX's parts together, unpacked


class FileRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class FileTooLarge(FileRefused):
    """Over the size limit (the API answers 413)."""


def check_size(file_name: str, size: int, limit: FileLimit) -> None:
    if size > limit.max_bytes:
        raise FileTooLarge(_("%(file)s is %(size)s; at most %(limit)s is accepted.") % {
            "file": file_name, "size": localized_file_size(size),
            "limit": limit_text(limit.max_bytes)})


def read_at_most(file_name: str, stream: BinaryIO, limit: FileLimit) -> bytes:
    """The stream's bytes, refused once they pass the limit (standard input, whose size
    nobody knows beforehand)."""
    data = stream.read(limit.max_bytes + 1)
    if len(data) > limit.max_bytes:
        raise FileTooLarge(_("%(file)s is larger than %(limit)s; at most %(limit)s is "
                             "accepted.") % {"file": file_name,
                                             "limit": limit_text(limit.max_bytes)})
    return data


class _SizeLimited:
    """A form field refusing a new file over `limit`'s size before anything (Pillow, for an
    image) reads it."""

    def __init__(self, *, limit: FileLimit, **kwargs):
        super().__init__(**kwargs)
        self.limit = limit

    def to_python(self, data):
        check_upload(data, self.limit)
        return super().to_python(data)


class LimitedFileField(_SizeLimited, forms.FileField):
    pass


class LimitedImageField(_SizeLimited, forms.ImageField):
    pass


def check_upload(upload, limit: FileLimit) -> None:
    """A form's newly uploaded file (not one kept from before) within `limit`'s size;
    ValidationError naming it otherwise."""
    if isinstance(upload, UploadedFile):
        try:
            check_size(upload.name, upload.size, limit)
        except FileRefused as exc:
            raise ValidationError(exc.message) from exc


def open_xlsx(file_name: str, data: bytes, limit: FileLimit):
    """A read-only workbook, once its size and what it unpacks to are within the limit.
    A damaged file raises what zipfile or openpyxl raise (the caller says "damaged")."""
    check_size(file_name, len(data), limit)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        # Reading a part stops at the size its directory entry states, so this is a bound.
        unpacked = sum(part.file_size for part in archive.infolist())
    if limit.max_unpacked_bytes and unpacked > limit.max_unpacked_bytes:
        raise FileRefused(_("%(file)s unpacks to %(size)s of sheets; at most %(limit)s is "
                            "accepted.") % {"file": file_name,
                                            "size": localized_file_size(unpacked),
                                            "limit": limit_text(limit.max_unpacked_bytes)})
    return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)


def sheet_rows(file_name: str, sheet, limit: FileLimit) -> Iterator[tuple]:
    """A read-only sheet's rows of cells, from row 1, within the limit."""
    place = _("%(file)s, sheet %(sheet)s") % {"file": file_name, "sheet": sheet.title}
    _check_counts(place, sheet.max_row or 0, sheet.max_column or 0, limit)
    # What it declared is within the limit; read what it holds (openpyxl would stop at the
    # declared last row, leaving any row after it unread and unchecked).
    sheet.reset_dimensions()
    return counted_rows(place, sheet.iter_rows(), limit)


def counted_rows(place: str, rows: Iterable, limit: FileLimit) -> Iterator:
    """`rows` (a sheet's, or a CSV reader's), refused at the first one past the limit."""
    for number, row in enumerate(rows, start=1):
        _check_counts(place, number, len(row), limit)
        yield row


def _check_counts(place: str, rows: int, columns: int, limit: FileLimit) -> None:
    if rows > limit.max_rows:
        raise FileRefused(_("%(place)s: more than %(limit)s rows; at most %(limit)s are "
                            "accepted. Split it into several files.") % {
            "place": place, "limit": localized_number(limit.max_rows)})
    if columns > limit.max_columns:
        raise FileRefused(_("%(place)s: more than %(limit)s columns; at most %(limit)s are "
                            "accepted.") % {
            "place": place, "limit": localized_number(limit.max_columns)})
