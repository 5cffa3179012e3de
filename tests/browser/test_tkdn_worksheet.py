"""A foundry fills a brake-block worksheet on a phone, reads the result and the advice,
exports XLSX and PDF, and re-imports the XLSX to the same value."""

import pytest

from tests.browser.conftest import ARTIFACTS, assert_accessible, click_and_wait, sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROWS = {  # typed the Indonesian way
    "material": [("Besi kasar (pig iron) impor", "6,2", "9.500", "0"),
                 ("Scrap baja lokal", "5,1", "6.200", "100"),
                 ("Pelat punggung baja", "1", "7.000", "48,5")],
    "labour": [("Operator cor", "14.000", "100")],
    "overhead": [("Listrik tungku induksi", "9.000", "100"),
                 ("Penyusutan mesin impor", "3.000", "0")],
}


def fits_the_phone(page) -> bool:
    """Nothing but a labelled, focusable table region scrolls sideways at 390 px."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _fill(page, factor, rows):
    fields = (("name", "quantity", "unit_price", "domestic_percent") if factor == "material"
              else ("name", "cost", "domestic_percent"))
    for i, row in enumerate(rows):
        if i > 0:  # the page starts with one empty row; more come from "Add a row"
            page.click(f"fieldset[data-prefix={factor}] .formset-add")
        for field, value in zip(fields, row, strict=True):
            page.fill(f"#id_{factor}-{i}-{field}", value)


def test_supplier_computes_exports_and_reimports(phone, cluster):
    page = phone
    sign_in(page, "supplier_a@example.id", PASSWORD)
    page.goto(f"/local-content/{cluster.supplier_a.pk}/worksheets/new/")
    page.fill("#id_product", "Blok rem besi cor fosfor")
    for factor, rows in ROWS.items():
        _fill(page, factor, rows)
    # The honest, common case: the pig iron and the machine are imports.
    page.select_option("#id_material-0-origin", "import")
    page.select_option("#id_overhead-1-category", "machine_imported")
    assert fits_the_phone(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "tkdn-editor-phone.png"), full_page=True)
    # A mistake is reported next to the field and nothing typed is lost.
    page.fill("#id_material-1-domestic_percent", "150")
    click_and_wait(page, "#worksheet-form button[type=submit]")
    assert page.locator("#id_material-2-name").input_value() == "Pelat punggung baja"
    assert page.locator(".field-error #id_material-1-domestic_percent").count() == 1
    # The summary above the form is said first (it has the focus) and leads to the field.
    summary = page.locator(".error-summary")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert summary.get_attribute("role") == "alert"
    assert "Baris 2, Komponen dalam negeri (%): Pastikan nilai ini" in summary.inner_text()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_material-1-domestic_percent"
    assert_accessible(page)
    page.fill("#id_material-1-domestic_percent", "100")
    click_and_wait(page, "#worksheet-form button[type=submit]")

    assert page.inner_text("#tkdn-value") == "48,18%"
    advice = page.inner_text(".advice")
    assert "Besi kasar (pig iron) impor" in advice
    page.select_option("#what-if-line", label="Besi kasar (pig iron) impor (0,00%)")
    page.fill("#what-if-percent", "71")
    click_and_wait(page, "#what-if button[type=submit]")
    assert "80,34%" in page.inner_text("#what-if-answer")
    # The cost lines stack as cards: each cell says what it is, nothing scrolls sideways.
    first = page.locator("table.cards tbody tr").first
    assert first.evaluate("row => getComputedStyle(row).display") == "block"
    assert page.locator("table.cards td[data-label]").count() > 0
    assert fits_the_phone(page)
    page.screenshot(path=str(ARTIFACTS / "tkdn-result-phone.png"), full_page=True)

    with page.expect_download() as xlsx_download:
        page.click("a[href*='export.xlsx']")
    xlsx_path = ARTIFACTS / "tkdn-worksheet.xlsx"
    xlsx_download.value.save_as(xlsx_path)
    with page.expect_download() as pdf_download:
        page.click("a[href*='export.pdf']")
    with open(pdf_download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    page.goto(f"/local-content/{cluster.supplier_a.pk}/")
    assert page.locator("#worksheets tbody tr").count() == 1 and fits_the_phone(page)
    page.screenshot(path=str(ARTIFACTS / "tkdn-overview-phone.png"), full_page=True)
    page.goto(f"/local-content/{cluster.supplier_a.pk}/worksheets/import/")
    page.set_input_files("#id_file", str(xlsx_path))
    click_and_wait(page, "main form button[type=submit]")
    assert page.inner_text("#tkdn-value") == "48,18%"
