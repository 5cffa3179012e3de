"""The accounts forms after a failed submit, on a phone and a desktop: the error summary takes
the focus (not a field with autofocus), the page has no A/AA fault for axe, and a link in the
summary puts the focus in its field."""

import pytest
from django.urls import reverse

from tests.browser.conftest import DESKTOP, PHONE, assert_accessible, click_and_wait, sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# (who signs in, the page, what is typed, the field the summary's first link leads to)
FAILED_SUBMITS = [
    (None, "accounts:login", {"username": "bukan-alamat", "password": "x"}, "id_username"),
    (None, "accounts:signup", {"email": "bukan-alamat"}, "id_full_name"),
    (None, "accounts:password-reset", {"email": "bukan-alamat"}, "id_email"),
    (None, "accounts:resend-confirmation", {}, "id_email"),
    ("supplier_a", "accounts:people", {"email": "budi@logam.id"}, "id_full_name"),
    ("supplier_a", "accounts:tokens", {}, "id_name"),
    ("supplier_a", "accounts:password-change", {"old_password": "salah"}, "id_old_password"),
    ("supplier_a", "accounts:nib-document-upload", {}, "id_nib_document"),
    ("ministry", "accounts:verify", {}, "id_confirm"),
]


def _focused_class(page) -> str:
    return page.evaluate("document.activeElement.className")


def _at_both_sizes(page):
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        assert_accessible(page)


@pytest.mark.parametrize(("role", "name", "typed", "field"), FAILED_SUBMITS,
                         ids=[row[1].split(":")[1] for row in FAILED_SUBMITS])
def test_the_summary_takes_the_focus_and_leads_to_the_field(phone, cluster, role, name, typed,
                                                            field):
    page = phone
    if role:
        sign_in(page, f"{role}@example.id", PASSWORD)
    args = {"accounts:nib-document-upload": [cluster.supplier_a.pk],
            "accounts:verify": [cluster.supplier_b.pk]}.get(name, [])
    page.goto(reverse(name, args=args))
    for key, value in typed.items():
        page.fill(f"main form [name={key}]", value)
    click_and_wait(page, f"main form:has(#{field}) button[type=submit]")
    summary = page.locator(".error-summary")
    assert summary.is_visible() and _focused_class(page) == "error-summary"
    _at_both_sizes(page)
    summary.locator(f"a[href='#{field}']").click()
    assert page.evaluate("document.activeElement.id") == field
    assert page.locator(f"#{field}").get_attribute("aria-invalid") == "true"


def test_a_wrong_password_is_announced_not_skipped(phone, cluster):
    page = phone
    page.goto("/accounts/login/")
    assert page.evaluate("document.activeElement.name") == "username"  # no error: autofocus
    page.fill("input[name=username]", "supplier_a@example.id")
    page.fill("input[name=password]", "tebakan-salah")
    click_and_wait(page, "main form button[type=submit]")
    summary = page.locator(".error-summary")
    assert _focused_class(page) == "error-summary" and summary.get_attribute("role") == "alert"
    assert summary.locator("li").count() == 1 and summary.locator("a").count() == 0
    _at_both_sizes(page)
