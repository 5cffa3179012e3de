"""Too many wrong passwords pause signing in, the page says so readably, and a platform admin
lifts the pause; the password change page (every page here is scanned by axe-core)."""

import pytest
from django.conf import settings

from tests.browser.conftest import assert_accessible, click_and_wait, sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_paused_account_is_told_until_when_and_an_admin_lifts_the_pause(
        browser, live_server, phone, cluster):
    page = phone
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(page, "supplier_a@example.id", "tebakan-salah")
    error = page.locator("main .error-summary")
    assert "Terlalu banyak upaya masuk yang gagal" in error.inner_text()
    assert page.evaluate("document.activeElement.className") == "error-summary"
    assert_accessible(page)

    admin = browser.new_context(base_url=live_server.url, locale="id-ID").new_page()
    sign_in(admin, "admin@example.id", PASSWORD)
    admin.goto("/accounts/sign-in-pauses/")
    click_and_wait(admin, "text=Izinkan supplier_a@example.id masuk lagi")
    assert "boleh masuk lagi" in admin.locator("main").inner_text()
    assert "Tidak ada akun yang dijeda." in admin.locator("main").inner_text()
    admin.goto("/accounts/password/change/")
    admin.context.close()

    sign_in(page, "supplier_a@example.id", PASSWORD)
    assert page.url.endswith("/")
