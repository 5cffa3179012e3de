"""A buyer finds capable foundries on a phone, opens one and exports the result."""

import io

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import ARTIFACTS, click_and_wait, sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_buyer_searches_opens_a_supplier_and_exports(phone, cluster):
    page = phone
    sign_in(page, "buyer_x@example.id", PASSWORD)
    page.goto("/suppliers/")
    page.fill("input[name=q]", "FCD450, 20–60 kg, Klaten")
    click_and_wait(page, "#search-form button[type=submit]")
    result = page.locator("ol.results li.result")
    assert result.count() == 1
    assert "CV Logam Sejahtera" in result.first.inner_text()
    assert "Mengapa cocok" in result.first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search-phone.png"), full_page=True)

    with page.expect_download() as download_info:
        page.click("a[href*='export.xlsx']")
    with open(download_info.value.path(), "rb") as downloaded:  # saved without a suffix
        workbook = load_workbook(io.BytesIO(downloaded.read()), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["CV Logam Sejahtera"]

    page.click("ol.results a")
    page.wait_for_url(f"**/suppliers/{cluster.supplier_a.pk}/")
    assert page.locator("h1").inner_text().startswith("CV Logam Sejahtera")
    assert "60.000 kg" in page.inner_text("main")
    # Capacity month by month: the chart, then each month's row as a card that fits the
    # phone; nothing makes the page scroll sideways.
    assert page.locator("#capacity-months svg[role=img]").is_visible()
    assert page.locator("#capacity-table tbody tr").count() == 6
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(ARTIFACTS / "supplier-phone.png"), full_page=True)
