"""pasok.web.file_limits: what a sheet declares and what it holds are both bounded, and the
reading stops at the limit, however the rows are spread."""

import csv
import io
import itertools
import time

import pytest
from django.utils import translation

from pasok.web.file_limits import (
    FileLimit,
    FileRefused,
    FileTooLarge,
    counted_rows,
    open_xlsx,
    read_at_most,
    sheet_rows,
)
from tests.spreadsheets import raw_xlsx, row, rows

LIMIT = FileLimit(max_bytes=1024 * 1024, max_rows=100, max_columns=10,
                  max_unpacked_bytes=5 * 1024 * 1024)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _read(data: bytes) -> list:
    book = open_xlsx("f.xlsx", data, LIMIT)
    try:
        return list(sheet_rows("f.xlsx", book.worksheets[0], LIMIT))
    finally:
        book.close()


def test_within_the_limits_every_row_is_read():
    assert len(_read(raw_xlsx({"s": rows([["a"]] * 100)}))) == 100


def test_one_row_too_many_is_refused():
    with pytest.raises(FileRefused, match=r"f\.xlsx, sheet s: more than 100 rows"):
        _read(raw_xlsx({"s": rows([["a"]] * 101)}))


def test_a_lone_cell_a_million_rows_down_is_refused_at_the_limit():
    """openpyxl fills in the empty rows before it; counting them stops it early."""
    started = time.monotonic()
    with pytest.raises(FileRefused, match="more than 100 rows"):
        _read(raw_xlsx({"s": [row(["a"], 1), row(["b"], 1_000_000)]}))
    assert time.monotonic() - started < 5


def test_a_declared_million_rows_are_refused_unread():
    with pytest.raises(FileRefused, match="more than 100 rows"):
        _read(raw_xlsx({"s": rows([["a"]])}, dimensions={"s": "A1:A1000000"}))


def test_a_cell_in_the_last_column_is_refused():
    with pytest.raises(FileRefused, match="more than 10 columns"):
        _read(raw_xlsx({"s": [row({16384: "x"}, 1)]}))


def test_a_workbook_that_unpacks_to_too_much_is_refused_before_parsing():
    bomb = raw_xlsx({"s": itertools.repeat(row(["x" * 100]), 100_000)})
    assert len(bomb) < LIMIT.max_bytes
    with pytest.raises(FileRefused, match=r"f\.xlsx unpacks to"):
        _read(bomb)


def test_a_file_over_the_size_is_refused():
    with pytest.raises(FileTooLarge, match="at most 1 MB"):
        open_xlsx("f.xlsx", b"\0" * (LIMIT.max_bytes + 1), LIMIT)


def test_standard_input_is_read_no_further_than_the_limit():
    stream = io.BytesIO(b"x" * (LIMIT.max_bytes + 10))
    with pytest.raises(FileTooLarge, match="larger than 1 MB"):
        read_at_most("-", stream, LIMIT)
    assert stream.tell() == LIMIT.max_bytes + 1


def test_csv_rows_stop_at_the_limit():
    lines = ("a,b\n" for _ in itertools.count())  # endless
    with pytest.raises(FileRefused, match=r"data\.csv: more than 100 rows"):
        list(counted_rows("data.csv", csv.reader(lines), LIMIT))


def test_indonesian_numbers_in_the_messages():
    limit = FileLimit(max_bytes=2_621_440, max_rows=10_000, max_columns=10)
    with translation.override("id"):
        with pytest.raises(FileRefused, match=r"10\.000 baris"):
            list(counted_rows("data.csv", iter([[]] * 10_001), limit))
        with pytest.raises(FileTooLarge, match="2,5 MB"):
            open_xlsx("f.xlsx", b"\0" * 3_000_000, limit)
