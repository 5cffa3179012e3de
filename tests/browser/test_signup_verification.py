"""A foundry signs up on a phone with its NIB document and confirms its e-mail; a ministry
officer finds it in the verification queue, reads what verifying means, ticks and verifies —
all on a 390 px screen, without JavaScript."""

import re

import pytest
from django.core import mail

from pasok.accounts.models import Organisation
from tests.browser.conftest import ARTIFACTS, click_and_wait, sign_in
from tests.conftest import PASSWORD, make_nib, make_npwp
from tests.tenders.files import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_signup_then_verification_on_a_phone(browser, live_server, cluster, tmp_path):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False,
                                  viewport={"width": 390, "height": 844}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    document = tmp_path / "NIB UD Logam Rahayu.pdf"
    document.write_bytes(PDF)

    page.goto("/accounts/signup/")
    for name, value in (("full_name", "Sri Rahayu"), ("email", "sri@logam-rahayu.id"),
                        ("password1", "besi-cor-ceper-2026"),
                        ("password2", "besi-cor-ceper-2026"), ("name", "UD Logam Rahayu"),
                        ("nib", make_nib(77)), ("npwp", make_npwp(77)),
                        ("business_capital", "200.000.000"), ("regency", "Klaten")):
        page.fill(f"input[name={name}]", value)
    page.select_option("select[name=province]", "Jawa Tengah")
    page.set_input_files("input[name=nib_document]", str(document))
    _no_sideways_scroll(page)
    click_and_wait(page, "main form button[type=submit]")
    assert "Periksa email Anda" in page.inner_text("h1")
    org = Organisation.objects.get(name="UD Logam Rahayu")
    assert org.business_capital == 200_000_000 and org.nib_document.size == len(PDF)

    link = re.search(r"http://\S+(/accounts/confirm/\S+/)", mail.outbox[0].body)
    assert link[0].startswith(live_server.url)  # the address the browser used
    page.goto(link[1])
    assert "/accounts/login/" in page.url

    sign_in(page, "ministry@example.id", PASSWORD)
    page.goto("/accounts/verification/")
    entry = page.locator("li.result", has_text="UD Logam Rahayu")
    assert "Dokumen NIB" in entry.inner_text()
    _no_sideways_scroll(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "verification-queue-phone.png"), full_page=True)
    click_and_wait(page, entry.locator("a.button"))
    assert "Apa arti verifikasi" in page.inner_text("main")
    # Without the tick: refused, nothing changes.
    click_and_wait(page, "main form button[type=submit]")
    assert page.locator("#id_confirm_error").is_visible()
    page.check("input[name=confirm]")
    click_and_wait(page, "main form button[type=submit]")
    assert "/accounts/verification/" in page.url
    assert "UD Logam Rahayu" not in page.inner_text("main ul.results")
    org.refresh_from_db()
    assert org.verified_at is not None
    context.close()
