import csv
import io
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from pasok.accounts.actors import SYSTEM
from pasok.audit.models import AuditEvent
from pasok.suppliers.models import SupplierProfile
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer(client, cluster):
    client.login(email="buyer_x@example.id", password=PASSWORD)
    return client


def test_search_page_shows_results_and_unverified_mark(buyer, cluster):
    response = buyer.get(reverse("suppliers:search"), {"q": "FCD450, 20-60 kg, Klaten"})
    body = response.content.decode()
    assert "CV Logam Sejahtera" in body
    assert "badge unverified" in body


def test_search_form_errors_name_the_field(buyer):
    response = buyer.get(reverse("suppliers:search"), {"weight_min": "60", "weight_max": "20"})
    assert response.context["form"].errors["weight_min"]
    assert response.context["page"] is None


def test_exports_hold_the_same_rows(buyer, cluster):
    csv_response = buyer.get(reverse("suppliers:export-csv"), {"grade": "FCD450"})
    text = b"".join(csv_response.streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert len(lines) == 2 and "CV Logam Sejahtera" in lines[1]
    xlsx = buyer.get(reverse("suppliers:export-xlsx"), {"grade": "FCD450"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0] == "CV Logam Sejahtera"


def _csv(client, **params) -> list[list[str]]:
    response = client.get(reverse("suppliers:export-csv"), params)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    delimiter = ";" if client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "id" else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


@pytest.mark.parametrize(("language", "process", "weight", "capacity"), [
    ("id", "Pengecoran pasir basah (green sand)", "12,5", "60000"),
    ("en", "Green-sand casting", "12.5", "60000"),
])
def test_exports_speak_the_language_in_words_and_numbers(buyer, cluster, language, process,
                                                         weight, capacity):
    """A CSV in the language's notation (Indonesian: ";" between fields, a decimal comma, no
    thousands dots, so Excel reads numbers); XLSX cells hold numbers; codes become words."""
    SupplierProfile.objects.filter(organisation=cluster.supplier_a).update(
        weight_min_kg=Decimal("12.50"))
    buyer.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    header, row = _csv(buyer, grade="FCD450")
    cells = dict(zip(header, row, strict=True))
    processes = "Proses" if language == "id" else "Processes"
    assert cells[processes] == process
    assert weight in row and capacity in row and "60.000" not in row
    xlsx = buyer.get(reverse("suppliers:export-xlsx"), {"grade": "FCD450"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    header, row = (list(r) for r in sheet.iter_rows(values_only=True))
    cells = dict(zip(header, row, strict=True))
    assert cells[processes] == process
    numbers = [c for c in row if isinstance(c, int | float)]
    assert 12.5 in numbers and 60_000 in numbers


def _edit_data(org, **overrides):
    data = {
        "org-name": org.name, "org-nib": org.nib, "org-npwp": org.npwp,
        "org-province": org.province, "org-regency": org.regency,
        "p-monthly_capacity_kg": "60000", "p-workforce_total": "12", "p-workforce_women": "2",
        "p-weight_min_kg": "5", "p-weight_max_kg": "80", "p-grades": ["FCD450"],
        "furnace-TOTAL_FORMS": "1", "furnace-INITIAL_FORMS": "0",
        "furnace-0-kind": "cupola", "furnace-0-tonnes_per_heat": "1,5", "furnace-0-count": "1",
        "cert-TOTAL_FORMS": "0", "cert-INITIAL_FORMS": "0",
        "product-TOTAL_FORMS": "1", "product-INITIAL_FORMS": "0",
        "product-0-name": "Blok rem kereta api", "product-0-grade": "P10",
        "product-0-unit_weight_kg": "11,5",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(("field", "value", "error_field"), [
    ("org-nib", "12345", "nib"),
    ("org-npwp", "01.234.567.0-526.000", "npwp"),
    ("p-monthly_capacity_kg", "-5", "monthly_capacity_kg"),
    ("p-monthly_capacity_kg", "900000000", "monthly_capacity_kg"),
    ("p-weight_min_kg", "100", "weight_min_kg"),
    ("p-workforce_women", "40", "workforce_women"),
])
def test_bad_profile_input_names_the_field_and_writes_nothing(client, cluster, field, value,
                                                                error_field):
    client.login(email="supplier_a@example.id", password=PASSWORD)
    org = cluster.supplier_a
    events = AuditEvent.objects.count()
    response = client.post(reverse("suppliers:edit", args=[org.pk]),
                           _edit_data(org, **{field: value, "org-name": "Nama Baru"}))
    assert response.status_code == 200
    forms = [response.context["org_form"], response.context["profile_form"]]
    errors = {k for f in forms for k in f.errors}
    assert error_field in errors
    assert f'value="{value}"' in response.content.decode()  # what was typed is shown again
    org.refresh_from_db()
    assert org.name == "CV Logam Sejahtera"
    assert AuditEvent.objects.count() == events


def test_the_profile_form_shows_the_npwp_as_tax_documents_print_it(client, cluster):
    from pasok.rules.identifiers import format_npwp

    client.login(email="supplier_a@example.id", password=PASSWORD)
    org = cluster.supplier_a
    page = client.get(reverse("suppliers:edit", args=[org.pk])).content.decode()
    npwp = re.search(r'<input[^>]*name="org-npwp"[^>]*>', page).group()
    assert len(org.npwp) == 15 and f'value="{format_npwp(org.npwp)}"' in npwp


def test_profile_edit_saves_children_and_audits(client, cluster):
    client.login(email="supplier_a@example.id", password=PASSWORD)
    org = cluster.supplier_a
    response = client.post(reverse("suppliers:edit", args=[org.pk]), _edit_data(org))
    assert response.status_code == 302
    profile = org.profile
    profile.refresh_from_db()
    assert profile.workforce_total == 12
    assert [str(f.kind) for f in profile.furnaces.all()] == ["cupola"]
    assert [p.name for p in profile.products.all()] == ["Blok rem kereta api"]
    assert "blok rem kereta api" in profile.search_text
    event = AuditEvent.objects.filter(action="profile.update").latest("id")
    assert event.before["workforce_total"] == 0 and event.after["workforce_total"] == 12
    # Saving again without touching the rows keeps them.
    page = client.get(reverse("suppliers:edit", args=[org.pk]))
    assert "Blok rem kereta api" in page.content.decode()


def test_verification_by_the_ministry_is_recorded(client, cluster):
    client.login(email="ministry@example.id", password=PASSWORD)
    client.post(reverse("accounts:verify", args=[cluster.supplier_b.pk]), {"confirm": "on"})
    cluster.supplier_b.refresh_from_db()
    assert cluster.supplier_b.verified_by == cluster.users["ministry"]
    page = client.get(reverse("suppliers:organisation", args=[cluster.supplier_b.pk]))
    assert "badge verified" in page.content.decode()


def test_profile_page_lists_tkdn_certificates_and_hides_finances_from_buyers(client, cluster):
    import datetime as dt
    from decimal import Decimal

    from pasok.tkdn.services import certificate_record

    certificate_record(by=SYSTEM, organisation=cluster.supplier_a, regime="permenperin-35-2025",
                       product="Blok rem besi cor", tkdn_percent=Decimal("48.18"),
                       issued_on=dt.date(2026, 1, 5), self_declared=True)
    url = reverse("suppliers:organisation", args=[cluster.supplier_a.pk])
    client.login(email="buyer_x@example.id", password=PASSWORD)
    body = client.get(url).content.decode()
    assert "Blok rem besi cor" in body and "48,18%" in body
    assert "Rp800.000.000" not in body  # business capital is the supplier's own business
    client.login(email="supplier_a@example.id", password=PASSWORD)
    assert "Rp800.000.000" in client.get(url).content.decode()


def test_exports_do_not_run_formulas_typed_by_suppliers(buyer, cluster):
    from pasok.accounts.services import organisation_update

    organisation_update(by=cluster.users["admin"], organisation=cluster.supplier_a,
                        name='=HYPERLINK("http://evil.example","klik")')
    csv_response = buyer.get(reverse("suppliers:export-csv"), {"grade": "FCD450"})
    text = b"".join(csv_response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    xlsx = buyer.get(reverse("suppliers:export-xlsx"), {"grade": "FCD450"})
    cell = load_workbook(io.BytesIO(xlsx.content)).active["A2"]
    assert cell.data_type == "s" and cell.value.startswith("'=")


def test_results_say_how_they_are_sorted_and_why_each_fits(buyer, cluster,
                                                           django_assert_max_num_queries):
    params = {"q": "FCD450, 20-60 kg", "need": "70.000", "sort": "fit"}
    with django_assert_max_num_queries(12):
        response = buyer.get(reverse("suppliers:search"), params)
    html = response.content.decode()
    assert 'id="sorted-by"' in html and "diurutkan menurut paling cocok" in html
    row = re.search(rf'<li class="result" data-org="{cluster.supplier_a.pk}">.*?</li>',
                    html, re.S).group()
    assert "FCD450 <span aria-hidden=\"true\">✓" in row
    assert "20–60 kg <span aria-hidden=\"true\">✓" in row
    assert re.search(r"60\.000 kg tersedia pada \w+ \d{4} dari 70\.000 yang diminta", row)
    # The sort travels with the export link.
    assert "sort=fit" in re.search(r'href="/[^"]*export\.csv\?[^"]*"', html).group()


def test_the_export_keeps_the_sort(buyer, cluster):
    response = buyer.get(reverse("suppliers:export-csv"), {"sort": "name"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    names = [line.split(";")[0] for line in text.strip().splitlines()[1:]]
    assert names == sorted(names)
    assert "Tersedia pada" in text.splitlines()[0]
