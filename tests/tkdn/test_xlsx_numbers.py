"""Numbers in an imported worksheet workbook are read as the clerk who filled it in sees
them: a cell formatted as a percentage (48,5% holds 0.485) is 48.5; numbers typed as text
are Indonesian unless the info sheet says `notation` `en`; a mistake names sheet, row and
column, in the page's language."""

import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from pasok.rules.tkdn import compute
from pasok.rules.tkdn_json import worksheet_from_dict
from pasok.tkdn.models import Worksheet
from pasok.tkdn.xlsx_io import XlsxError, read_xlsx

pytestmark = pytest.mark.django_db

MATERIALS = ["name", "quantity", "unit_price", "domestic_percent", "certificate", "origin"]


def workbook(materials, *, labour=(("Operator cor", 14000, 1),),
             overhead=(("Listrik tungku induksi", 9000, 1), ("Penyusutan mesin impor", 3000, 0)),
             percent_format="0.0%", info=()) -> bytes:
    """The docs/interfaces.md worksheet as a clerk keeps it: percentages in cells formatted as
    percent unless a row gives its percent as text."""
    book = Workbook()
    book.remove(book.active)
    if info:
        sheet = book.create_sheet("info")
        for row in info:
            sheet.append(list(row))
    sheets = (("materials", MATERIALS, materials),
              ("labour", ["name", "cost", "domestic_percent"], labour),
              ("overhead", ["name", "cost", "domestic_percent", "category"], overhead))
    for title, header, rows in sheets:
        sheet = book.create_sheet(title)
        sheet.append(header)
        for row in rows:
            sheet.append(list(row))
            cell = sheet.cell(row=sheet.max_row, column=header.index("domestic_percent") + 1)
            if isinstance(cell.value, float | int):
                cell.number_format = percent_format
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


PIG_IRON = ("Besi kasar (pig iron)", 6.2, 9500, 0, "", "import")
SCRAP = ("Scrap baja lokal", 5.1, 6200, 1, "", "domestic")
PLATE = ("Pelat punggung baja", 1, 7000, 0.485, "", "")


def test_percent_formatted_cells_are_read_as_the_percent_shown():
    data, rows = read_xlsx(workbook([PIG_IRON, SCRAP, PLATE]))
    assert [m["domestic_percent"] for m in data["materials"]] == [0, 100, 48.5]
    assert data["labour"][0]["domestic_percent"] == 100
    assert rows["materials"] == [2, 3, 4]
    tkdn = compute(worksheet_from_dict(data)).tkdn_percent
    assert round(tkdn, 2) == Decimal("48.18")  # not 0.48…: the docs/interfaces.md value


def test_a_plain_number_cell_is_taken_as_written():
    data, _rows = read_xlsx(workbook([(*PLATE[:3], 48.5, "", "")], percent_format="General"))
    assert data["materials"][0]["domestic_percent"] == 48.5


@pytest.mark.parametrize(("typed", "expected"), [
    (("6,2", "Rp9.500", "0"), (Decimal("6.2"), 9500, 0)),
    (("1.250", "1.250.000,50", "48,5%"), (1250, Decimal("1250000.5"), Decimal("48.5"))),
])
def test_text_cells_are_read_in_indonesian_notation(typed, expected):
    data, _rows = read_xlsx(workbook([("Bahan", *typed, "", "")]))
    line = data["materials"][0]
    got = (line["quantity"], line["unit_price"], line["domestic_percent"])
    assert tuple(Decimal(str(v)) for v in got) == tuple(Decimal(v) for v in expected)


def test_the_info_sheet_may_say_the_numbers_are_english():
    data, _rows = read_xlsx(workbook([("Bahan", "6.2", "9,500", "48.5%", "", "")],
                                     info=[("notation", "en")]))
    line = data["materials"][0]
    assert (line["quantity"], line["unit_price"], line["domestic_percent"]) == (6.2, 9500, 48.5)


def test_text_in_the_other_notation_names_sheet_row_and_column():
    raw = workbook([PIG_IRON, ("Scrap baja lokal", "5.1", 6200, 1, "", "")])
    with translation.override("id"), pytest.raises(XlsxError) as exc:
        read_xlsx(raw)
    message = str(exc.value)
    assert message.startswith("lembar materials, baris 3, kolom quantity: ")
    assert "5,1" in message  # the value rewritten the Indonesian way, to confirm


def test_an_unknown_notation_is_refused():
    with pytest.raises(XlsxError, match="notation"):
        read_xlsx(workbook([PIG_IRON], info=[("notation", "fr")]))


@pytest.fixture
def supplier(client, cluster):
    client.force_login(cluster.users["supplier_a"])
    return client


def _upload(client, org, raw: bytes, name="blok-rem.xlsx"):
    upload = io.BytesIO(raw)
    upload.name = name
    return client.post(reverse("tkdn:worksheet-import", args=[org.pk]), {"file": upload})


def test_a_percent_formatted_workbook_imports_to_the_right_tkdn(supplier, cluster):
    response = _upload(supplier, cluster.supplier_a, workbook([PIG_IRON, SCRAP, PLATE]))
    assert response.status_code == 302
    assert Worksheet.objects.get().latest.tkdn_percent == Decimal("48.18")


@pytest.mark.parametrize(("language", "expected"), [
    ("id", "lembar materials, baris 2, kolom domestic_percent: harus 0 untuk barang impor"),
    ("en", "sheet materials, row 2, column domestic_percent: must be 0 for an import"),
])
def test_an_import_error_names_sheet_row_and_column_in_the_page_language(
        supplier, cluster, language, expected):
    supplier.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    priced_import = ("Besi kasar (pig iron)", 6.2, 9500, 0.1, "", "import")
    response = _upload(supplier, cluster.supplier_a, workbook([priced_import, SCRAP]))
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [expected]
    assert not Worksheet.objects.exists()


def test_a_factor_error_names_its_sheet(supplier, cluster):
    response = _upload(supplier, cluster.supplier_a, workbook([PIG_IRON, SCRAP], labour=()))
    assert response.context["form"].errors["file"][0].startswith("lembar labour: jumlah baris")
