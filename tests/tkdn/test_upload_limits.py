"""A TKDN worksheet upload within limits: a 330 KB workbook of a million rows used to take
minutes and hundreds of megabytes, and was saved. Now it is refused at once, by the page and
by `pasok tkdn compute`, naming the file and the limit; nothing is saved."""

import io
import itertools
import time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from pasok.tkdn.models import Worksheet
from pasok.tkdn.xlsx_io import FILE_LIMIT, read_xlsx
from tests.conftest import PASSWORD
from tests.spreadsheets import raw_xlsx, row, rows

HEADERS = {"materials": ["name", "quantity", "unit_price", "domestic_percent"],
           "labour": ["name", "cost", "domestic_percent"],
           "overhead": ["name", "cost", "domestic_percent"]}


def worksheet(materials: int, declared: str | None = None) -> bytes:
    """A valid worksheet whose materials sheet has this many lines, written compactly;
    `declared`: the dimension the materials sheet states."""
    line = row(["Besi cor", 1, 9500, 50])
    return raw_xlsx({
        "materials": itertools.chain(rows([HEADERS["materials"]]),
                                     itertools.repeat(line, materials)),
        "labour": rows([HEADERS["labour"], ["Operator", 1000, 100]]),
        "overhead": rows([HEADERS["overhead"], ["Listrik", 500, 100]]),
    }, dimensions={"materials": declared} if declared else None)


@pytest.fixture
def supplier(client, cluster):
    client.login(email="supplier_a@example.id", password=PASSWORD)
    return client


def _post(client, cluster, data: bytes, name="bom.xlsx"):
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(reverse("tkdn:worksheet-import", args=[cluster.supplier_a.pk]),
                       {"file": upload}, headers={"accept-language": "id"})


def test_a_million_rows_in_a_small_file_are_refused_at_once(supplier, cluster):
    bomb = worksheet(1_000_000)
    assert len(bomb) < 500 * 1024
    started = time.monotonic()
    response = _post(supplier, cluster, bomb, name="bom-sejuta.xlsx")
    assert time.monotonic() - started < 10  # it took 2,5 minutes
    assert response.status_code == 200
    [error] = response.context["form"].errors["file"]
    assert "bom-sejuta.xlsx" in error and "20 MB" in error, error
    assert not Worksheet.objects.exists()


def test_more_rows_than_the_limit_are_refused_while_they_stream(supplier, cluster):
    response = _post(supplier, cluster, worksheet(FILE_LIMIT.max_rows))  # + the header
    [error] = response.context["form"].errors["file"]
    assert "bom.xlsx, lembar materials: lebih dari 2.000 baris" in error, error
    assert not Worksheet.objects.exists()
    assert _post(supplier, cluster, worksheet(10)).status_code == 302  # within: saved


def test_a_sheet_declaring_a_million_rows_is_refused_before_they_are_read():
    with translation.override("en"), pytest.raises(ValueError, match="2,000 rows"):
        read_xlsx(worksheet(1, "A1:D1000000"))


def test_a_sheet_declaring_fewer_rows_than_it_holds_is_read_to_its_end():
    """openpyxl stops at the declared last row: the rows after it would go unread."""
    data, _rows = read_xlsx(worksheet(3, "A1:D2"))
    assert len(data["materials"]) == 3


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(supplier, cluster):
    response = _post(supplier, cluster, b"PK\x03\x04" + b"\0" * FILE_LIMIT.max_bytes)
    [error] = response.context["form"].errors["file"]
    assert "bom.xlsx" in error and "2 MB" in error, error


def test_the_command_line_refuses_a_million_rows(tmp_path):
    path = tmp_path / "bom.xlsx"
    path.write_bytes(worksheet(1_000_000))
    started = time.monotonic()
    with pytest.raises(CommandError, match=r"bom\.xlsx") as refused:
        call_command("tkdn_compute", str(path))
    assert refused.value.returncode == 2
    assert time.monotonic() - started < 10


def test_the_command_line_refuses_a_file_over_the_size_limit(tmp_path):
    path = tmp_path / "bom.xlsx"
    path.write_bytes(b"PK" + b"\0" * FILE_LIMIT.max_bytes)
    with pytest.raises(CommandError, match="at most 2 MB") as refused:
        call_command("tkdn_compute", str(path))
    assert refused.value.returncode == 2
