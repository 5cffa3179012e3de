"""Bulk import of suppliers: every bad input is reported by row and column and writes nothing;
good files create organisations with their profiles, from the service, the CLI and the page."""

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import Organisation
from pasok.accounts.services import api_token_create
from pasok.audit.models import AuditEvent
from pasok.suppliers import importing
from pasok.suppliers.import_files import parse_number
from pasok.suppliers.importing import import_suppliers
from pasok.suppliers.models import SupplierProfile
from pasok.suppliers.services import profile_save
from pasok.web.numbers import ENGLISH, INDONESIAN
from tests.conftest import PASSWORD, make_nib, make_npwp

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "suppliers.csv"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def supplier_row(n: int, **changes) -> dict:
    return {"name": f"CV Uji Logam {n}", "nib": make_nib(100 + n), "npwp": make_npwp(100 + n),
            "province": "Jawa Tengah", "regency": "Klaten", "district": "Ceper",
            "processes": "green_sand", "grades": "FC200", "weight_min_kg": "1",
            "weight_max_kg": "50", "monthly_capacity_kg": "40000", **changes}


def csv_bytes(rows: list[dict], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, list(dict.fromkeys(k for row in rows for k in row)),
                            delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def xlsx_bytes(lines: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for line in lines:
        book.active.append(line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run(by, data: bytes, name: str = "suppliers.csv", dry_run: bool = False, **kw):
    return import_suppliers(by=by, file_name=name, data=data, dry_run=dry_run, **kw)


def written() -> tuple[int, int, int]:
    return (Organisation.objects.count(), SupplierProfile.objects.count(),
            AuditEvent.objects.count())


def single_problem(report):
    assert len(report.problems) == 1, report.problems
    return report.problems[0]


def wrong_check_digit(npwp: str) -> str:
    return npwp[:8] + str((int(npwp[8]) + 1) % 10) + npwp[9:]


# --- bad rows: the problem names row 3 (the second data row) and its column ---------------

BAD_ROWS = {
    "invalid NIB": ({"nib": "91200000001"}, "nib", "13 digits"),
    "NIB with letters": ({"nib": "91200000001AB"}, "nib", "digits only"),
    "NPWP check digit": ({"npwp": wrong_check_digit(make_npwp(102))}, "npwp", "check digit"),
    "negative capacity": ({"monthly_capacity_kg": "-500"}, "monthly_capacity_kg",
                          "cannot be negative"),
    "absurd capacity": ({"monthly_capacity_kg": "50.000.000.000"}, "monthly_capacity_kg",
                        "more than any single foundry"),
    "capacity not a number": ({"monthly_capacity_kg": "40 ton"}, "monthly_capacity_kg",
                              "not a number"),
    "capacity with decimals": ({"monthly_capacity_kg": "12,5"}, "monthly_capacity_kg",
                               "not a whole number"),
    "missing capacity": ({"monthly_capacity_kg": ""}, "monthly_capacity_kg", "required"),
    "weight min above max": ({"weight_min_kg": "80", "weight_max_kg": "20"}, "weight_min_kg",
                             "above the maximum"),
    "zero weight": ({"weight_min_kg": "0"}, "weight_min_kg", "more than 0 kg"),
    "unknown grade": ({"grades": "FC200; FC999"}, "grades", "FC999"),
    "unknown process": ({"processes": "green_sand, sand_blasting"}, "processes",
                        "sand_blasting"),
    "unknown province": ({"province": "Jawa Tengahh"}, "province", "Jawa Tengahh"),
    "bad e-mail": ({"email": "not-an-email"}, "email", "valid email"),
    "latitude out of range": ({"latitude": "-97"}, "latitude",
                              "Latitude must be between -90 and 90."),
    "negative capital": ({"business_capital": "-1.000.000"}, "business_capital",
                         "must be between Rp0 and Rp999,999,999,999,999,999"),
    "capital beyond the column": ({"business_capital": "10.000.000.000.000.000.000"},
                                  "business_capital", "must be between Rp0 and"),
    "weight beyond 28 digits": ({"weight_min_kg": "1" + ".000" * 10 + ",5"}, "weight_min_kg",
                                "not plausible"),
    "more women than workers": ({"workforce_total": "10", "workforce_women": "12"},
                                "workforce_women", "More women"),
    "unknown cooperative": ({"cooperative_nib": make_nib(999)}, "cooperative_nib",
                            "No cooperative"),
    "name too long": ({"name": "C" * 201}, "name", "at most 200"),
}


@pytest.mark.parametrize("changes,column,fragment", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_a_bad_row_is_reported_by_row_and_column_and_nothing_is_written(
        cluster, changes, column, fragment):
    before = written()
    data = csv_bytes([supplier_row(1), supplier_row(2, **changes)])
    report = run(cluster.users["ministry"], data)
    problem = single_problem(report)
    assert (problem.row, problem.column) == (3, column)
    assert fragment in problem.message
    assert (report.rows, report.created) == (2, 0)
    assert written() == before


def test_every_problem_of_every_row_is_reported(cluster):
    data = csv_bytes([supplier_row(1, nib="123", grades="XX1"), supplier_row(2),
                      supplier_row(3, npwp="", monthly_capacity_kg="-1")])
    report = run(cluster.users["ministry"], data)
    assert [(p.row, p.column) for p in report.problems] == [
        (2, "nib"), (2, "grades"), (4, "npwp"), (4, "monthly_capacity_kg")]


def test_duplicate_nib_inside_the_file_names_the_first_row(cluster):
    before = written()
    data = csv_bytes([supplier_row(1), supplier_row(2), supplier_row(3, nib=make_nib(102))])
    problem = single_problem(run(cluster.users["ministry"], data))
    assert (problem.row, problem.column) == (4, "nib")
    assert "row 3" in problem.message
    assert written() == before


def test_nib_already_registered_is_refused(cluster):
    before = written()
    data = csv_bytes([supplier_row(1), supplier_row(2, nib=cluster.supplier_a.nib)])
    problem = single_problem(run(cluster.users["ministry"], data))
    assert (problem.row, problem.column) == (3, "nib")
    assert "already registered" in problem.message
    assert written() == before


# --- bad files: reported against the file or the header, never as a traceback -------------

def _xlsx_cut_in_half() -> bytes:
    data = xlsx_bytes([list(supplier_row(1)), list(supplier_row(1).values())])
    return data[: len(data) // 2]


BAD_FILES = {
    "empty file": ("s.csv", b"", 0, "file", "empty"),
    "blank lines only": ("s.csv", b"\n \n", 0, "file", "empty"),
    "not UTF-8": ("s.csv", "name;nib\nCV Sémarang;1\n".encode("cp1252"), 0, "file", "UTF-8"),
    "binary, not a CSV": ("s.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 0, "file",
                          "not a CSV"),
    "unclosed quote": ("s.csv", csv_bytes([supplier_row(1)]) + b'"CV Rusak,123\n', 3, "file",
                       "malformed"),
    "stray quote": ("s.csv", b'name,nib\n"CV "Rusak",123\n', 2, "file", "malformed"),
    "corrupt XLSX": ("s.xlsx", b"PK\x03\x04 this is not a zip archive", 0, "file", "damaged"),
    "truncated XLSX": ("s.xlsx", _xlsx_cut_in_half(), 0, "file", "damaged"),
    "old XLS": ("s.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), 0, "file", ".xls"),
    "header only": ("s.csv", csv_bytes([supplier_row(1)]).split(b"\r\n")[0] + b"\r\n", 0,
                    "file", "no rows"),
}


@pytest.mark.parametrize("name,data,row,column,fragment", BAD_FILES.values(),
                         ids=BAD_FILES.keys())
def test_a_bad_file_is_reported_and_nothing_is_written(cluster, name, data, row, column,
                                                       fragment):
    before = written()
    problem = single_problem(run(cluster.users["ministry"], data, name=name))
    assert (problem.row, problem.column) == (row, column)
    assert fragment in problem.message
    assert written() == before


def test_missing_required_column_is_named_on_the_header_row(cluster):
    rows = [supplier_row(1)]
    del rows[0]["npwp"]
    before = written()
    problem = single_problem(run(cluster.users["ministry"], csv_bytes(rows)))
    assert (problem.row, problem.column) == (1, "npwp")
    assert "missing" in problem.message
    assert written() == before


def test_unknown_and_repeated_columns_are_named_on_the_header_row(cluster):
    data = b"name,nib,npwp,province,regency,monthly_capacity_kg,kapasitas,NIB\n"
    report = run(cluster.users["ministry"], data + b"a,b,c,d,e,f,g,h\n")
    assert [(p.row, p.column) for p in report.problems] == [(1, "kapasitas"), (1, "NIB")]
    assert "Unknown column" in report.problems[0].message
    assert "twice" in report.problems[1].message


def test_a_row_longer_than_the_header_is_refused(cluster):
    lines = csv_bytes([supplier_row(1), supplier_row(2)]).decode().splitlines()
    lines[1] += ",,"  # empty extra cells, as Excel leaves them, are harmless
    lines[2] += ",oops"
    data = "\n".join(lines).encode()
    problem = single_problem(run(cluster.users["ministry"], data))
    assert (problem.row, problem.column) == (3, "")


# --- good files ---------------------------------------------------------------------------

def test_valid_csv_creates_suppliers_with_profiles(cluster):
    ministry = cluster.users["ministry"]
    data = csv_bytes([
        supplier_row(1, grades="FCD450, fc200", processes="Green sand; machining",
                     business_capital="800000000", workforce_total="20",
                     workforce_women="3", description="Blok rem"),
        supplier_row(2, email="cor@example.id", latitude="-7.66551234", longitude="110.6781"),
    ])
    report = run(ministry, data, notation=ENGLISH)
    assert report.ok and (report.rows, report.created) == (2, 2)
    org = Organisation.objects.get(nib=make_nib(101))
    assert (org.kind, org.province, org.size_class, org.is_verified) == (
        "supplier", "Jawa Tengah", "micro", False)
    profile = org.profile
    assert sorted(profile.grades.values_list("pk", flat=True)) == ["FC200", "FCD450"]
    assert sorted(profile.processes.values_list("pk", flat=True)) == ["green_sand", "machining"]
    assert (profile.monthly_capacity_kg, profile.weight_min_kg, profile.weight_max_kg) == (
        40000, Decimal(1), Decimal(50))
    assert (profile.workforce_total, profile.workforce_women) == (20, 3)
    assert "blok rem" in profile.search_text
    second = Organisation.objects.get(nib=make_nib(102))
    assert second.latitude == Decimal("-7.665512")
    event = AuditEvent.objects.get(action="suppliers.import")
    assert event.actor == ministry
    assert event.after == {"file": "suppliers.csv", "rows": 2}


def test_valid_xlsx_with_typed_cells_creates_suppliers(cluster):
    header = [*supplier_row(1), "business_capital"]
    lines = [[title.upper().replace("_", " ") for title in header]]
    for n in (1, 2):
        row = supplier_row(n, nib=int(make_nib(100 + n)), weight_min_kg=1.25,
                           weight_max_kg=30, monthly_capacity_kg=25000)
        lines.append([*row.values(), 1_250_000_000])
    report = run(cluster.users["admin"], xlsx_bytes(lines), name="Pemasok.XLSX")
    assert report.ok and report.created == 2, report.problems
    org = Organisation.objects.get(nib=make_nib(101))
    assert (org.business_capital, org.size_class) == (Decimal(1_250_000_000), "small")
    # A number cell keeps its value: 1.25 kg is not re-read as 125 in an Indonesian file.
    assert (org.profile.weight_min_kg, org.profile.monthly_capacity_kg) == (Decimal("1.25"),
                                                                            25000)


def test_xlsx_numbers_with_more_decimals_than_kept_are_refused_not_rounded(cluster):
    row = supplier_row(1, weight_min_kg=1.125, latitude=-7.66551234)  # the latitude rounds
    report = run(cluster.users["admin"], xlsx_bytes([list(row), list(row.values())]),
                 name="a.xlsx")
    problem = single_problem(report)
    assert (problem.column, problem.message) == ("weight_min_kg",
                                                 "“1.125” has more than 2 decimal places.")


def test_xlsx_cells_formatted_as_percent_are_read_as_people_see_them(cluster):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(supplier_row(1)))
    sheet.append(list(supplier_row(1).values()))
    capacity = sheet.cell(row=2, column=list(supplier_row(1)).index("monthly_capacity_kg") + 1)
    capacity.value, capacity.number_format = 0.5, "0%"  # shows 50%, holds 0.5
    out = io.BytesIO()
    book.save(out)
    report = run(cluster.users["admin"], out.getvalue(), name="a.xlsx")
    assert report.ok, report.problems
    assert Organisation.objects.get(nib=make_nib(101)).profile.monthly_capacity_kg == 50


def test_xlsx_reads_the_first_sheet_and_counts_blank_rows(cluster):
    book = openpyxl.Workbook()
    book.active.append(list(supplier_row(1)))
    book.active.append([])
    book.active.append(list(supplier_row(1, nib="123").values()))
    book.create_sheet("catatan").append(["anything", "else"])
    out = io.BytesIO()
    book.save(out)
    problem = single_problem(run(cluster.users["admin"], out.getvalue(), name="a.xlsx"))
    assert (problem.row, problem.column) == (3, "nib")


def test_semicolons_bom_and_indonesian_numbers(cluster):
    data = "\ufeff".encode() + csv_bytes([supplier_row(
        1, business_capital="Rp 1.250.000.000", annual_sales="3.000.000.000,00",
        weight_min_kg="12,5", weight_max_kg="1.250,5", monthly_capacity_kg="40.000",
        latitude="-7,6655", longitude="110,6781", processes="green_sand,machining")],
        delimiter=";")
    report = run(cluster.users["ministry"], data)
    assert report.ok, report.problems
    org = Organisation.objects.get(nib=make_nib(101))
    assert (org.business_capital, org.annual_sales) == (Decimal(1_250_000_000),
                                                         Decimal(3_000_000_000))
    assert (org.latitude, org.longitude) == (Decimal("-7.6655"), Decimal("110.6781"))
    assert (org.profile.weight_min_kg, org.profile.weight_max_kg) == (Decimal("12.5"),
                                                                      Decimal("1250.5"))
    assert org.profile.monthly_capacity_kg == 40_000
    assert org.profile.processes.count() == 2


@pytest.mark.parametrize("text,whole,expected", [
    ("1250000", True, "1250000"), ("1.250.000", True, "1250000"),
    ("Rp 1.250.000,00", True, "1250000"), ("12.500", True, "12500"), ("-500", True, "-500"),
    ("12,5", False, "12.5"), ("1.250", False, "1250"), ("1.250.000,50", False, "1250000.50"),
    ("-7,6655", False, "-7.6655"), ("0,125", False, "0.125"),
])
def test_indonesian_files(text, whole, expected):
    assert parse_number(text, whole=whole, notation=INDONESIAN) == Decimal(expected)


@pytest.mark.parametrize("text,whole,expected", [
    ("1250000", True, "1250000"), ("1,250,000", True, "1250000"), ("12,500", True, "12500"),
    ("12.5", False, "12.5"), ("1,250,000.50", False, "1250000.50"), ("110.6", False, "110.6"),
])
def test_english_files(text, whole, expected):
    assert parse_number(text, whole=whole, notation=ENGLISH) == Decimal(expected)


@pytest.mark.parametrize("text,whole,notation", [
    ("12,5", True, INDONESIAN), ("1.2.3", True, INDONESIAN), ("1,5,0", False, INDONESIAN),
    ("1.250,000.5", False, INDONESIAN), ("1e6", True, INDONESIAN), ("12.", False, ENGLISH),
    ("", True, INDONESIAN), ("dua", True, INDONESIAN), ("1.25.000", True, INDONESIAN),
    # the other notation, and what the other notation would read as thousands
    ("12.5", False, INDONESIAN), ("1,250,000", True, INDONESIAN), ("1.250.000", True, ENGLISH),
    ("1,250", False, INDONESIAN), ("110.613", False, ENGLISH),
])
def test_numbers_that_cannot_be_read(text, whole, notation):
    with pytest.raises(ValueError, match=r"“"):
        parse_number(text, whole=whole, notation=notation)


def test_an_ambiguous_number_names_both_readings(cluster):
    problem = single_problem(run(cluster.users["ministry"],
                                 csv_bytes([supplier_row(1, weight_max_kg="1,500")])))
    assert problem.column == "weight_max_kg"
    assert problem.message == ("“1,500” can be read two ways: write 1.500 for 1500, or 1,5 "
                               "for a number with decimals.")


def test_dry_run_writes_nothing_and_counts_what_would_be_created(cluster):
    before = written()
    report = run(cluster.users["ministry"], csv_bytes([supplier_row(1), supplier_row(2)]),
                 dry_run=True)
    assert report.ok and report.dry_run and (report.rows, report.created) == (2, 2)
    assert written() == before


def test_example_file_is_valid(cluster):
    data = EXAMPLE.read_bytes()
    assert run(SYSTEM, data, name=EXAMPLE.name, dry_run=True).created == 5
    report = run(SYSTEM, data, name=EXAMPLE.name)
    assert report.ok and report.created == 5
    assert Organisation.objects.filter(district="Ceper", regency="Klaten").count() == 5
    event = AuditEvent.objects.get(action="suppliers.import")
    assert event.actor_label == "system"
    created = [str(pk) for pk in Organisation.objects.filter(district="Ceper")
               .values_list("profile__pk", flat=True)]
    profiles = AuditEvent.objects.filter(action="profile.update", object_id__in=created)
    assert set(profiles.values_list("actor_id", "actor_label")) == {(None, "system")}


def test_the_officer_who_imported_is_named_for_each_supplier_and_gains_no_right(cluster):
    """The import saves each new profile on behalf of the officer (who may not change a
    supplier's profile otherwise): the audit log names them, and their rights stay theirs."""
    ministry = cluster.users["ministry"]
    assert run(ministry, csv_bytes([supplier_row(1), supplier_row(2)])).ok
    orgs = list(Organisation.objects.filter(nib__in=[make_nib(101), make_nib(102)]))
    profiles = [str(org.profile.pk) for org in orgs]
    for action, ids in (("organisation.create", [str(org.pk) for org in orgs]),
                        ("profile.update", profiles)):
        events = AuditEvent.objects.filter(action=action, object_id__in=ids)
        assert [e.actor for e in events] == [ministry, ministry], action
    with pytest.raises(PermissionDenied):
        profile_save(by=ministry, organisation=orgs[0], fields={"workforce_total": 5})


# --- who imports, and into which cooperative ----------------------------------------------

def test_cooperative_admin_imports_members_of_their_cooperative(cluster):
    coop = cluster.cooperative
    data = csv_bytes([supplier_row(1, cooperative_nib=""),
                      supplier_row(2, cooperative_nib=coop.nib)])
    report = run(cluster.users["cooperative"], data)
    assert report.ok, report.problems
    assert set(coop.members.values_list("nib", flat=True)) >= {make_nib(101), make_nib(102)}
    event = AuditEvent.objects.get(action="suppliers.import")
    assert (event.organisation_id, event.object_id) == (coop.pk, str(coop.pk))


def test_cooperative_admin_cannot_place_suppliers_elsewhere(cluster):
    before = written()
    data = csv_bytes([supplier_row(1, cooperative_nib=cluster.supplier_a.nib)])
    problem = single_problem(run(cluster.users["cooperative"], data))
    assert (problem.row, problem.column) == (2, "cooperative_nib")
    assert cluster.cooperative.nib in problem.message
    assert written() == before
    with pytest.raises(PermissionDenied):
        run(cluster.users["cooperative"], data, cooperative=cluster.supplier_a)


def test_ministry_may_name_the_cooperative_per_row_or_for_the_whole_file(cluster):
    coop = cluster.cooperative
    data = csv_bytes([supplier_row(1, cooperative_nib=coop.nib), supplier_row(2)])
    assert run(cluster.users["ministry"], data).ok
    assert list(coop.members.filter(nib__in=[make_nib(101), make_nib(102)])
                .values_list("nib", flat=True)) == [make_nib(101)]
    report = run(cluster.users["ministry"], csv_bytes([supplier_row(3)]), cooperative=coop)
    assert report.ok and coop.members.filter(nib=make_nib(103)).exists()


@pytest.mark.parametrize("role", ["supplier_a", "buyer_x", "buyer_y"])
def test_others_may_not_import(cluster, role):
    with pytest.raises(PermissionDenied):
        run(cluster.users[role], csv_bytes([supplier_row(1)]))


def test_a_failure_while_writing_rolls_back_every_row(cluster, monkeypatch):
    real_profile_save = importing.profile_save
    calls = []

    def failing_on_second_row(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise ValidationError({"grades": ["The catalogue changed."]})
        return real_profile_save(**kwargs)

    monkeypatch.setattr(importing, "profile_save", failing_on_second_row)
    before = written()
    report = run(cluster.users["ministry"], csv_bytes([supplier_row(1), supplier_row(2)]))
    assert [(p.row, p.column, p.message) for p in report.problems] == [
        (3, "grades", "The catalogue changed.")]
    assert report.created == 0
    assert written() == before


# --- the command line ---------------------------------------------------------------------

def _file(tmp_path, rows) -> str:
    path = tmp_path / "pemasok.csv"
    path.write_bytes(csv_bytes(rows))
    return str(path)


def test_cli_dry_run_prints_a_json_report(cluster, tmp_path):
    out = io.StringIO()
    before = written()
    call_command("import_suppliers", _file(tmp_path, [supplier_row(1)]), dry_run=True,
                 stdout=out)
    assert json.loads(out.getvalue()) == {"dry_run": True, "rows": 1, "created": 1,
                                          "problems": []}
    assert written() == before


def test_cli_imports_as_the_named_user(cluster, tmp_path):
    out = io.StringIO()
    call_command("import_suppliers", _file(tmp_path, [supplier_row(1)]),
                 as_user="MINISTRY@example.id", stdout=out)
    assert json.loads(out.getvalue())["created"] == 1
    assert AuditEvent.objects.get(action="suppliers.import").actor == cluster.users["ministry"]


def test_cli_bad_input_exits_with_status_2_and_names_row_and_column(cluster, tmp_path):
    out, err = io.StringIO(), io.StringIO()
    before = written()
    path = _file(tmp_path, [supplier_row(1), supplier_row(2, nib="12345")])
    with pytest.raises(CommandError) as raised:
        call_command("import_suppliers", path, stdout=out, stderr=err)
    assert raised.value.returncode == 2
    assert json.loads(out.getvalue())["problems"][0] == {
        "row": 3, "column": "nib", "message": "A NIB has exactly 13 digits."}
    assert "row 3, nib: A NIB has exactly 13 digits." in err.getvalue()
    assert written() == before


@pytest.mark.parametrize("options", [{"as_user": "supplier_a@example.id"},
                                     {"as_user": "nobody@example.id"}])
def test_cli_refuses_users_who_may_not_import(cluster, tmp_path, options):
    with pytest.raises(CommandError) as raised:
        call_command("import_suppliers", _file(tmp_path, [supplier_row(1)]), **options)
    assert raised.value.returncode == 2
    assert "--as" in str(raised.value)


def test_cli_missing_file_exits_with_status_2(cluster, tmp_path):
    with pytest.raises(CommandError) as raised:
        call_command("import_suppliers", str(tmp_path / "missing.csv"))
    assert raised.value.returncode == 2


def test_pasok_import_suppliers_is_the_two_word_command(cluster, tmp_path, capsys):
    from pasok.cli import main

    path = _file(tmp_path, [supplier_row(1, grades="FC999")])
    with pytest.raises(SystemExit) as raised:
        main(["import", "suppliers", path, "--dry-run"])
    assert raised.value.code == 2
    assert "row 2, grades: Unknown grade: FC999." in capsys.readouterr().err


# --- the web page -------------------------------------------------------------------------

def _signed_in(client, user):
    assert client.login(email=user.email, password=PASSWORD)
    return client


def _upload(data: bytes, name: str = "pemasok.csv"):
    upload = io.BytesIO(data)
    upload.name = name
    return upload


@pytest.mark.parametrize("role,status", [("ministry", 200), ("cooperative", 200),
                                         ("admin", 200), ("supplier_a", 403), ("buyer_x", 403)])
def test_page_is_for_those_who_may_import(client, cluster, role, status):
    response = _signed_in(client, cluster.users[role]).get(reverse("suppliers:import"))
    assert response.status_code == status
    if status == 200:
        assert b'type="file"' in response.content
        assert re.search(rb'<input[^>]*name="dry_run"[^>]*checked', response.content)


def test_page_asks_anonymous_people_to_sign_in(client, db):
    response = client.get(reverse("suppliers:import"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_page_shows_problems_and_writes_nothing(client, cluster):
    _signed_in(client, cluster.users["ministry"])
    before = written()
    data = csv_bytes([supplier_row(1), supplier_row(2, monthly_capacity_kg="-5")])
    response = client.post(reverse("suppliers:import"), {"file": _upload(data)},
                           headers={"accept-language": "en"})
    assert response.status_code == 200
    report = response.context["report"]
    assert [(p.row, p.column) for p in report.problems] == [(3, "monthly_capacity_kg")]
    assert b"monthly_capacity_kg" in response.content and b"<table" in response.content
    assert b'type="file"' in response.content
    assert written() == before


def test_page_without_a_file_asks_for_one(client, cluster):
    _signed_in(client, cluster.users["ministry"])
    response = client.post(reverse("suppliers:import"), {"dry_run": "on"})
    assert response.status_code == 200
    assert response.context["form"].errors["file"] and response.context["report"] is None


def test_page_dry_run_then_import(client, cluster):
    _signed_in(client, cluster.users["ministry"])
    data = csv_bytes([supplier_row(1), supplier_row(2)])
    before = written()
    response = client.post(reverse("suppliers:import"),
                           {"file": _upload(data), "dry_run": "on"})
    assert response.status_code == 200 and response.context["report"].created == 2
    assert written() == before
    response = client.post(reverse("suppliers:import"), {"file": _upload(data)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("suppliers:import")
    assert Organisation.objects.filter(nib__in=[make_nib(101), make_nib(102)]).count() == 2


def test_page_refuses_posts_from_suppliers(client, cluster):
    _signed_in(client, cluster.users["supplier_a"])
    before = written()
    response = client.post(reverse("suppliers:import"),
                           {"file": _upload(csv_bytes([supplier_row(1)]))})
    assert response.status_code == 403
    assert written() == before


def test_template_csv_is_a_valid_import(client, cluster):
    response = _signed_in(client, cluster.users["ministry"]).get(
        reverse("suppliers:import-template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    data = response.content
    assert data.startswith("\ufeff".encode()) and b"monthly_capacity_kg" in data
    report = run(cluster.users["ministry"], data, dry_run=True)
    assert report.ok and report.created == 1, report.problems


# --- which notation a file's numbers are read in ------------------------------------------

ENGLISH_ROW = supplier_row(1, monthly_capacity_kg="40,000", weight_max_kg="12.5")


def test_page_reads_the_notation_chosen_and_offers_the_page_language_first(client, cluster):
    _signed_in(client, cluster.users["ministry"])
    client.cookies["django_language"] = "en"
    page = client.get(reverse("suppliers:import"))
    assert page.context["form"]["notation"].value() == "en"
    response = client.post(reverse("suppliers:import"), {
        "file": _upload(csv_bytes([ENGLISH_ROW])), "notation": "id", "dry_run": "on"})
    assert [p.column for p in response.context["report"].problems] == [
        "weight_max_kg", "monthly_capacity_kg"]
    response = client.post(reverse("suppliers:import"), {
        "file": _upload(csv_bytes([ENGLISH_ROW])), "notation": "en"}, follow=True)
    assert Organisation.objects.get(nib=make_nib(101)).profile.monthly_capacity_kg == 40_000


def test_cli_reads_english_files_when_told(cluster, tmp_path):
    path = _file(tmp_path, [ENGLISH_ROW])
    with pytest.raises(CommandError):
        call_command("import_suppliers", path, stdout=io.StringIO(), stderr=io.StringIO())
    out = io.StringIO()
    call_command("import_suppliers", path, notation="en", stdout=out)
    assert json.loads(out.getvalue())["created"] == 1


def test_api_reads_the_notation_asked_for(client, cluster):
    _token, secret = api_token_create(by=cluster.users["ministry"], name="t")
    for notation, status in (("id", 422), ("en", 200)):
        response = client.post(f"/api/v1/suppliers/import?dry_run=true&notation={notation}",
                               {"file": _upload(csv_bytes([ENGLISH_ROW]))},
                               headers={"Authorization": f"Bearer {secret}"})
        assert response.status_code == status, response.content
