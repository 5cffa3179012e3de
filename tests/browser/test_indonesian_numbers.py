"""On a phone, in Bahasa Indonesia, people type numbers the Indonesian way — 1.500 for fifteen
hundred, 2,5 for two and a half — into the sign-up form, the capability profile, a TKDN
worksheet and a member's capacity report, and read them back exactly as they typed them,
after an error and after saving. (Today's bugs: "2.000" kg saved as 2, "2,5" as 25,
"200.000.000" refused.)"""

import pytest

from pasok.accounts.models import Organisation
from pasok.allocation.models import CapacityReport
from pasok.tkdn.models import Worksheet
from tests.allocation.factories import demo_like_plan
from tests.browser.conftest import click_and_wait, sign_in
from tests.conftest import PASSWORD, make_nib, make_npwp
from tests.tenders.files import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _values(page, selectors: dict[str, str]) -> dict[str, str]:
    return {name: page.input_value(selector) for name, selector in selectors.items()}


def test_sign_up_reads_and_shows_indonesian_amounts(phone, cluster, tmp_path):
    page = phone
    document = tmp_path / "nib.pdf"
    document.write_bytes(PDF)
    page.goto("/accounts/signup/")
    for name, value in (("full_name", "Sri Rahayu"), ("email", "sri@logam-rahayu.id"),
                        ("password1", "besi-cor-ceper-2026"), ("password2", "lain-lagi-2026"),
                        ("name", "UD Logam Rahayu"), ("nib", make_nib(77)),
                        ("npwp", make_npwp(77)), ("business_capital", "750.000.000"),
                        ("annual_sales", "2.400.000.000"), ("regency", "Klaten")):
        page.fill(f"input[name={name}]", value)
    page.select_option("select[name=province]", "Jawa Tengah")
    page.set_input_files("input[name=nib_document]", str(document))
    click_and_wait(page, "main form button[type=submit]")  # the passwords differ: shown again
    amounts = {"capital": "input[name=business_capital]", "sales": "input[name=annual_sales]"}
    assert _values(page, amounts) == {"capital": "750.000.000", "sales": "2.400.000.000"}
    for name in ("password1", "password2"):  # passwords are never shown again
        page.fill(f"input[name={name}]", "besi-cor-ceper-2026")
    page.set_input_files("input[name=nib_document]", str(document))
    click_and_wait(page, "main form button[type=submit]")
    org = Organisation.objects.get(name="UD Logam Rahayu")
    assert (org.business_capital, org.annual_sales) == (750_000_000, 2_400_000_000)
    assert org.size_class == "micro"  # capital up to Rp1 miliar (PP 7/2021)


def test_profile_and_worksheet_keep_what_was_typed(phone, cluster):
    page = phone
    org = cluster.supplier_a
    sign_in(page, "supplier_a@example.id", PASSWORD)
    page.goto(f"/suppliers/{org.pk}/edit/")
    profile = {"capacity": "#id_p-monthly_capacity_kg", "min": "#id_p-weight_min_kg",
               "max": "#id_p-weight_max_kg", "furnace": "#id_furnace-0-tonnes_per_heat"}
    typed = {"capacity": "7.500", "min": "2,5", "max": "1.250", "furnace": "1,5"}
    for name, value in typed.items():
        page.fill(profile[name], value)
    page.select_option("#id_furnace-0-kind", "induction")
    click_and_wait(page, "main form button[type=submit]")
    org.profile.refresh_from_db()
    assert (org.profile.monthly_capacity_kg, str(org.profile.weight_min_kg),
            str(org.profile.weight_max_kg)) == (7500, "2.50", "1250.00")
    assert str(org.profile.furnaces.get().tonnes_per_heat) == "1.50"
    page.goto(f"/suppliers/{org.pk}/edit/")
    assert _values(page, profile) == typed

    page.goto(f"/local-content/{org.pk}/worksheets/new/")
    page.fill("#id_product", "Blok rem besi cor")
    line = {"quantity": "#id_material-0-quantity", "price": "#id_material-0-unit_price",
            "percent": "#id_material-0-domestic_percent", "labour": "#id_labour-0-cost",
            "overhead": "#id_overhead-0-cost"}
    typed = {"quantity": "6,2", "price": "9.500", "percent": "48,5", "labour": "14.000",
             "overhead": "1.250,5"}
    page.fill("#id_material-0-name", "Pelat punggung baja")
    page.fill("#id_labour-0-name", "Operator cor")
    page.fill("#id_labour-0-domestic_percent", "100")
    page.fill("#id_overhead-0-name", "Listrik")
    page.fill("#id_overhead-0-domestic_percent", "100")
    for name, value in typed.items():
        page.fill(line[name], value)
    page.fill("#id_material-0-domestic_percent", "1,500")  # ambiguous: refused, kept
    click_and_wait(page, "#worksheet-form button[type=submit]")
    assert "dapat dibaca dua cara" in page.inner_text(".field-error")
    assert page.input_value(line["percent"]) == "1,500"
    assert page.input_value(line["quantity"]) == "6,2"
    page.fill(line["percent"], "48,5")
    click_and_wait(page, "#worksheet-form button[type=submit]")
    worksheet = Worksheet.objects.get(organisation=org)
    material = worksheet.latest.data["materials"][0]
    assert (material["quantity"], material["unit_price"], material["domestic_percent"]) == (
        6.2, 9500, 48.5)
    page.goto(f"/local-content/worksheets/{worksheet.public_id}/edit/")
    assert _values(page, line) == typed


def test_a_members_capacity_report_keeps_indonesian_thousands(phone, cluster):
    plan, members = demo_like_plan(cluster)
    page = phone
    sign_in(page, "cooperative@example.id", PASSWORD)
    page.goto(f"/plans/{plan.public_id}/")
    click_and_wait(page, "#solve-form button[type=submit]")
    page.wait_for_selector("#heatmap")
    page.goto(f"/plans/{plan.public_id}/")
    page.select_option("#id_member", label=members[0].name)
    page.select_option("#id_month", index=4)
    page.fill("#id_capacity_kg", "2.300")
    click_and_wait(page, "#capacity button[type=submit]")
    page.wait_for_selector("#ordered-unchanged")
    assert CapacityReport.objects.get().capacity_kg == 2300
    page.goto(f"/plans/{plan.public_id}/")
    assert f"{members[0].name} dapat membuat 2.300 kg" in page.locator("main").text_content()
