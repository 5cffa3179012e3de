"""The supplier import within limits, on every path (page, API, `pasok import suppliers`):
a file over 5 MB is refused before it is read, a workbook that unpacks into a million rows
or a CSV longer than the limit before anything is saved; the messages name the file and the
limit in the reader's notation."""

import io
import itertools
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import Organisation
from pasok.accounts.services import api_token_create
from pasok.suppliers.forms import PHOTO_LIMIT, ProductForm
from pasok.suppliers.importing import FILE_LIMIT, import_suppliers
from tests.conftest import PASSWORD
from tests.spreadsheets import raw_xlsx, row, rows
from tests.suppliers.test_importing import csv_bytes, supplier_row

HEADER = ["name", "nib", "npwp", "province", "regency", "monthly_capacity_kg"]


def million_rows() -> bytes:
    line = row(["CV Bom", "8120000000019", "01.234.567.4-526.000", "Jawa Tengah", "Klaten",
                40000])
    return raw_xlsx({"pemasok": itertools.chain(rows([HEADER]),
                                                itertools.repeat(line, 1_000_000))})


def _upload(data: bytes, name: str):
    upload = io.BytesIO(data)
    upload.name = name
    return upload


def test_a_million_rows_are_refused_at_once_and_nothing_is_saved(client, cluster):
    before = Organisation.objects.count()
    client.login(email=cluster.users["ministry"].email, password=PASSWORD)
    started = time.monotonic()
    response = client.post(reverse("suppliers:import"),
                           {"file": _upload(million_rows(), "sejuta.xlsx")})
    assert time.monotonic() - started < 10
    [problem] = response.context["report"].problems
    assert "sejuta.xlsx" in problem.message and "50 MB" in problem.message, problem
    assert Organisation.objects.count() == before


def test_a_csv_longer_than_the_limit_stops_at_the_limit(cluster):
    data = csv_bytes([supplier_row(n) for n in range(FILE_LIMIT.max_rows)])  # + the header
    with translation.override("id"):
        report = import_suppliers(by=SYSTEM, file_name="panjang.csv", data=data, dry_run=True)
    [problem] = report.problems
    assert "panjang.csv" in problem.message and "10.000" in problem.message, problem


def test_the_page_refuses_a_file_over_the_limit_before_reading_it(client, cluster):
    client.login(email=cluster.users["ministry"].email, password=PASSWORD)
    big = _upload(b"name\n" + b"x" * FILE_LIMIT.max_bytes, "besar.csv")
    response = client.post(reverse("suppliers:import"), {"file": big})
    [error] = response.context["form"].errors["file"]
    assert error == "besar.csv berukuran 5,0 MB; paling besar 5 MB yang diterima."
    assert response.context["report"] is None


def test_the_api_answers_413_for_a_file_over_the_limit(client, cluster):
    _token, secret = api_token_create(by=cluster.users["ministry"], name="t")
    big = _upload(b"name\n" + b"x" * FILE_LIMIT.max_bytes, "besar.csv")
    response = client.post("/api/v1/suppliers/import?dry_run=true", {"file": big},
                           headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 413, response.content
    assert "besar.csv" in response.json()["detail"]


def test_the_api_refuses_a_million_rows(client, cluster):
    _token, secret = api_token_create(by=cluster.users["ministry"], name="t")
    response = client.post("/api/v1/suppliers/import?dry_run=false",
                           {"file": _upload(million_rows(), "sejuta.xlsx")},
                           headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 422
    assert "sejuta.xlsx" in response.json()["problems"][0]["message"]


def test_the_command_line_refuses_a_file_over_the_limit(cluster, tmp_path):
    path = tmp_path / "besar.csv"
    path.write_bytes(b"name\n" + b"x" * FILE_LIMIT.max_bytes)
    with pytest.raises(CommandError,
                       match=r"besar\.csv berukuran 5,0 MB; paling besar 5 MB") as refused:
        call_command("import_suppliers", str(path))
    assert refused.value.returncode == 2


def test_the_command_line_refuses_too_much_on_standard_input(cluster, monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(b"name\n" + b"x" * FILE_LIMIT.max_bytes))
    monkeypatch.setattr("sys.stdin", stdin)
    with pytest.raises(CommandError, match="lebih besar dari 5 MB") as refused:
        call_command("import_suppliers", "-")
    assert refused.value.returncode == 2


def test_a_product_photo_over_the_limit_is_refused_before_pillow_opens_it(db):
    photo = SimpleUploadedFile("blok-rem.png", b"\x89PNG\r\n\x1a\n" + b"\0" * PHOTO_LIMIT.max_bytes)
    with translation.override("en"):
        form = ProductForm({"name": "Blok rem"}, {"photo": photo})
        assert form.errors["photo"] == ["blok-rem.png is 5.0 MB; at most 5 MB is accepted."]
