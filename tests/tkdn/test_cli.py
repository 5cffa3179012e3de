"""`pasok tkdn compute WORKSHEET [--out FILE]` (docs/interfaces.md): JSON or .xlsx in, JSON out;
bad input is exit status 2 with the field (and, for .xlsx, the sheet and row) named."""

import copy
import io
import json
import sys
import zipfile
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from openpyxl import Workbook

from pasok.rules.tkdn import compute
from pasok.rules.tkdn_json import result_to_dict, worksheet_from_dict
from pasok.tkdn.xlsx_io import read_xlsx, write_xlsx
from tests.examples import INTERFACES_WORKSHEET

EXPECTED = {  # docs/interfaces.md, apart from the warnings' text
    "regime": "permenperin-35-2025", "product": "Blok rem besi cor tipe K", "tkdn_percent": 48.18,
    "factors": {"material": {"cost": 97520, "domestic_percent": 35.91},
                "labour": {"cost": 14000, "domestic_percent": 100.0},
                "overhead": {"cost": 12000, "domestic_percent": 75.0}},
    "total_cost": 123520,
}

HEADERS = {
    "materials": ["name", "quantity", "unit_price", "domestic_percent", "certificate"],
    "labour": ["name", "cost", "domestic_percent", "certificate"],
    "overhead": ["name", "cost", "domestic_percent", "certificate"],
}


def run(*args) -> dict:
    out = io.StringIO()
    call_command("tkdn_compute", *args, stdout=out)
    return json.loads(out.getvalue())


def fails(*args) -> str:
    """Run expecting bad input: exit status 2; the message."""
    out = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("tkdn_compute", *args, stdout=out)
    assert exc.value.returncode == 2
    assert out.getvalue() == ""  # nothing written
    return str(exc.value)


def without_warnings(result: dict) -> dict:
    result = dict(result)
    warnings = result.pop("warnings")
    assert isinstance(warnings, list)
    return result


def write_json(path, data) -> str:
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def build_xlsx(path, data: dict, *, blank_rows=(), info=True, drop_sheet=None,
               drop_column=None) -> str:
    """The worksheet as a spreadsheet a foundry's clerk would fill in by hand."""
    book = Workbook()
    book.remove(book.active)
    if info:
        sheet = book.create_sheet("info")
        sheet.append(["product", data["product"]])
        sheet.append(["regime", data["regime"]])
    for key, header in HEADERS.items():
        if key == drop_sheet:
            continue
        sheet = book.create_sheet(key)
        columns = [c for c in header if c != drop_column]
        sheet.append(columns)
        for i, item in enumerate(data[key]):
            if (key, i) in blank_rows:
                sheet.append([])  # an empty row the reader must skip
            sheet.append([item.get(c) for c in columns])
    book.save(path)
    return str(path)


# --- success ------------------------------------------------------------------------------------

def test_json_file_gives_the_interfaces_output(tmp_path):
    result = run(write_json(tmp_path / "blok-rem.json", INTERFACES_WORKSHEET))
    assert without_warnings(result) == EXPECTED
    assert len(result["warnings"]) == 2  # local scrap and backing plate, no certificate


def test_out_writes_a_file_and_nothing_to_stdout(tmp_path):
    target = tmp_path / "hasil.json"
    out = io.StringIO()
    source = write_json(tmp_path / "w.json", INTERFACES_WORKSHEET)
    call_command("tkdn_compute", source, "--out", str(target), stdout=out)
    assert out.getvalue() == ""
    assert without_warnings(json.loads(target.read_text(encoding="utf-8"))) == EXPECTED


def test_product_names_keep_their_characters(tmp_path):
    data = {**INTERFACES_WORKSHEET, "product": "Tutup manhole D400 — Ceper"}
    target = tmp_path / "hasil.json"
    call_command("tkdn_compute", write_json(tmp_path / "w.json", data), "--out", str(target))
    assert "Tutup manhole D400 — Ceper" in target.read_text(encoding="utf-8")


def test_standard_input(monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(json.dumps(INTERFACES_WORKSHEET).encode()),
                             encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert without_warnings(run("-")) == EXPECTED


def test_16_2011_through_the_command(tmp_path):
    # (35,015 + 14,000 + 9,000) / 123,520 = 46.968…% → 46.97
    legacy = {**INTERFACES_WORKSHEET, "regime": "permenperin-16-2011"}
    result = run(write_json(tmp_path / "w.json", legacy))
    assert result["regime"] == "permenperin-16-2011"
    assert result["tkdn_percent"] == 46.97


def test_xlsx_gives_the_same_result_as_json(tmp_path):
    from_json = run(write_json(tmp_path / "w.json", INTERFACES_WORKSHEET))
    from_xlsx = run(build_xlsx(tmp_path / "w.xlsx", INTERFACES_WORKSHEET,
                               blank_rows={("materials", 1)}))
    assert from_xlsx == from_json
    assert without_warnings(from_xlsx) == EXPECTED


def test_xlsx_info_sheet_sets_the_regime(tmp_path):
    data = {**INTERFACES_WORKSHEET, "regime": "permenperin-16-2011", "product": "Blok rem (lama)"}
    result = run(build_xlsx(tmp_path / "w.xlsx", data))
    assert result["regime"] == "permenperin-16-2011"
    assert result["product"] == "Blok rem (lama)"
    assert result["tkdn_percent"] == 46.97


def test_xlsx_without_info_sheet_uses_the_default_regime(tmp_path):
    result = run(build_xlsx(tmp_path / "w.xlsx", INTERFACES_WORKSHEET, info=False))
    assert result["regime"] == "permenperin-35-2025"
    assert result["tkdn_percent"] == 48.18


def test_xlsx_recognised_by_content_whatever_the_name(tmp_path):
    path = build_xlsx(tmp_path / "w.xlsx", INTERFACES_WORKSHEET)
    renamed = tmp_path / "lembar-kerja.bin"
    renamed.write_bytes((tmp_path / "w.xlsx").read_bytes())
    assert run(str(renamed)) == run(path)


# --- bad input: exit status 2 -------------------------------------------------------------------

def test_bad_json_worksheet_names_the_field_and_writes_nothing(tmp_path):
    data = copy.deepcopy(INTERFACES_WORKSHEET)
    data["materials"][1]["unit_price"] = -6200
    target = tmp_path / "hasil.json"
    message = fails(write_json(tmp_path / "w.json", data), "--out", str(target))
    assert message == "materials[1].unit_price: must be >= 0"
    assert not target.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["labour"][0].update(cost=-1), "labour[0].cost: must be >= 0"),
        (lambda d: d["overhead"][1].update(domestic_percent=101),
         "overhead[1].domestic_percent: must be between 0 and 100"),
        (lambda d: d.update(materials=[]), "materials: must not be empty"),
        (lambda d: d.update(regime="permenperin-46-2022"),
         "regime: must be one of permenperin-35-2025, permenperin-16-2011"),
        (lambda d: d["materials"][0].update(quantity="enam"),
         "materials[0].quantity: must be a number"),
    ],
)
def test_bad_json_values(tmp_path, change, message):
    data = copy.deepcopy(INTERFACES_WORKSHEET)
    change(data)
    assert fails(write_json(tmp_path / "w.json", data)) == message


def test_zero_factor_under_35_2025(tmp_path):
    message = fails(write_json(tmp_path / "w.json", {**INTERFACES_WORKSHEET, "labour": []}))
    assert message.startswith("labour: ")
    assert "total 0" in message


def test_invalid_json(tmp_path):
    path = tmp_path / "w.json"
    path.write_text('{"materials": [', encoding="utf-8")
    message = fails(str(path))
    assert message.startswith(f"{path}: not valid JSON")


def test_json_that_is_not_utf8(tmp_path):
    path = tmp_path / "w.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    assert "not valid JSON" in fails(str(path))


def test_missing_file(tmp_path):
    path = tmp_path / "tidak-ada.json"
    message = fails(str(path))
    assert message.startswith(f"{path}: ")
    assert "No such file" in message


def test_corrupt_xlsx(tmp_path):
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(b"this is not a spreadsheet at all")
    with translation.override("en"):
        message = fails(str(path))
    assert message == f"{path}: not a readable .xlsx file"


def test_truncated_xlsx(tmp_path):
    good = (tmp_path / "w.xlsx")
    build_xlsx(good, INTERFACES_WORKSHEET)
    path = tmp_path / "terpotong.xlsx"
    path.write_bytes(good.read_bytes()[:300])  # starts with PK, but cut off
    message = fails(str(path))
    assert message.startswith(f"{path}: ")


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "arsip.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("catatan.txt", "bukan lembar kerja")
    with translation.override("en"):
        assert fails(str(path)) == f"{path}: not a readable .xlsx file"


def test_xlsx_error_names_sheet_and_row(tmp_path):
    data = copy.deepcopy(INTERFACES_WORKSHEET)
    data["materials"][1]["unit_price"] = "enam ribu"
    # header on row 1, first material on row 2, a blank row 3, the bad line on row 4
    path = build_xlsx(tmp_path / "w.xlsx", data, blank_rows={("materials", 1)})
    message = fails(path)
    assert message == "materials[1].unit_price (sheet materials, row 4): must be a number"


def test_xlsx_error_in_overhead_names_its_row(tmp_path):
    data = copy.deepcopy(INTERFACES_WORKSHEET)
    data["overhead"][1]["cost"] = None
    message = fails(build_xlsx(tmp_path / "w.xlsx", data))
    assert message == "overhead[1].cost (sheet overhead, row 3): is required"


def test_xlsx_negative_quantity_names_sheet_and_row(tmp_path):
    data = copy.deepcopy(INTERFACES_WORKSHEET)
    data["materials"][2]["quantity"] = -1
    message = fails(build_xlsx(tmp_path / "w.xlsx", data))
    assert message == "materials[2].quantity (sheet materials, row 4): must be >= 0"


@pytest.mark.parametrize(
    ("sheet", "index", "field", "value", "expected"),
    [
        ("materials", 0, "domestic_percent", 150,
         "materials[0].domestic_percent (sheet materials, row 2): must be between 0 and 100"),
        ("labour", 0, "cost", -14000, "labour[0].cost (sheet labour, row 2): must be >= 0"),
    ],
)
def test_xlsx_range_errors_name_sheet_and_row(tmp_path, sheet, index, field, value, expected):
    data = copy.deepcopy(INTERFACES_WORKSHEET)
    data[sheet][index][field] = value
    assert fails(build_xlsx(tmp_path / "w.xlsx", data)) == expected


def test_xlsx_missing_sheet(tmp_path):
    path = build_xlsx(tmp_path / "w.xlsx", INTERFACES_WORKSHEET, drop_sheet="labour")
    message = fails(path)
    assert message.startswith(f"{path}: ")
    assert "labour" in message
    with translation.override("en"):
        assert fails(path) == f"{path}: the workbook has no sheet named “labour”"


def test_xlsx_missing_column(tmp_path):
    path = build_xlsx(tmp_path / "w.xlsx", INTERFACES_WORKSHEET, drop_column="unit_price")
    with translation.override("en"):
        message = fails(path)
    assert message == f"{path}: sheet materials: missing column(s) unit_price"


def test_xlsx_certificate_column_is_optional(tmp_path):
    path = build_xlsx(tmp_path / "w.xlsx", INTERFACES_WORKSHEET, drop_column="certificate")
    assert without_warnings(run(path)) == EXPECTED


# --- XLSX round trip --------------------------------------------------------------------------

MANHOLE = {
    "regime": "permenperin-35-2025", "product": "Tutup manhole D400",
    "materials": [
        {"name": "Besi kasar impor", "quantity": 30, "unit_price": 9800, "domestic_percent": 0},
        {"name": "Scrap baja lokal", "quantity": 28, "unit_price": 6500, "domestic_percent": 100},
        {"name": "Ferro-silicon impor", "quantity": 0.9, "unit_price": 32000,
         "domestic_percent": 0},
        {"name": "Besi kasar domestik", "quantity": 2.5, "unit_price": 9400,
         "domestic_percent": 62.35, "certificate": "TKDN-0421/2025"}],
    "labour": [{"name": "Operator", "cost": 90000, "domestic_percent": 100},
               {"name": "Teknisi asing", "cost": 10000, "domestic_percent": 0}],
    "overhead": [{"name": "Listrik", "cost": 25000, "domestic_percent": 100},
                 {"name": "Alat bantu", "cost": 5000, "domestic_percent": 40}],
}

SUBCONTRACTED = {  # 16/2011 allows a factor without lines
    "regime": "permenperin-16-2011", "product": "Grating kecil",
    "materials": [{"name": "Scrap", "quantity": 0.5, "unit_price": 5000, "domestic_percent": 100},
                  {"name": "Besi kasar impor", "quantity": 0.3, "unit_price": 10000,
                   "domestic_percent": 0}],
    "labour": [],
    "overhead": [{"name": "Subkon cetak", "cost": 1350, "domestic_percent": 100},
                 {"name": "Penyusutan mesin impor", "cost": 1150, "domestic_percent": 0}],
}


@pytest.mark.parametrize("data", [INTERFACES_WORKSHEET, MANHOLE, SUBCONTRACTED],
                         ids=["interfaces", "manhole", "16-2011-no-labour"])
def test_write_then_read_gives_the_same_tkdn(data):
    sheet = worksheet_from_dict(data)
    raw = write_xlsx(sheet)
    back_dict, rows = read_xlsx(raw)
    back = worksheet_from_dict(back_dict)
    assert back.regime == sheet.regime
    assert back.product == sheet.product
    assert compute(back).tkdn_percent == compute(sheet).tkdn_percent
    assert result_to_dict(compute(back)) == result_to_dict(compute(sheet))
    assert [ln.certificate for ln in back.materials] == [ln.certificate for ln in sheet.materials]
    assert rows == {k: list(range(2, 2 + len(data[k]))) for k in HEADERS}


def test_written_workbook_through_the_command(tmp_path):
    path = tmp_path / "unduhan.xlsx"
    path.write_bytes(write_xlsx(worksheet_from_dict(MANHOLE)))
    assert run(str(path)) == run(write_json(tmp_path / "w.json", MANHOLE))


def test_round_trip_of_a_line_without_a_name():
    data = copy.deepcopy(INTERFACES_WORKSHEET)
    del data["labour"][0]["name"]
    sheet = worksheet_from_dict(data)
    back = worksheet_from_dict(read_xlsx(write_xlsx(sheet))[0])
    assert compute(back).tkdn_percent == compute(sheet).tkdn_percent


def test_round_trip_keeps_decimal_inputs():
    data = copy.deepcopy(INTERFACES_WORKSHEET)
    data["materials"][2]["domestic_percent"] = Decimal("48.55")
    data["labour"][0]["cost"] = Decimal("14000.50")
    sheet = worksheet_from_dict(data)
    back = worksheet_from_dict(read_xlsx(write_xlsx(sheet))[0])
    assert back.materials[2].domestic_percent == Decimal("48.55")
    assert back.labour[0].cost == Decimal("14000.5")
    assert compute(back).tkdn_percent == compute(sheet).tkdn_percent
