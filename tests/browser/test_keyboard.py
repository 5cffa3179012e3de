"""Keyboard only, on a phone: the menu opens from its button and its links are followed; a
field's help text and error are what a screen reader reads through aria-describedby."""

import pytest

from tests.browser.conftest import click_and_wait, sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _focused(page) -> str:
    return page.evaluate("document.activeElement.textContent.trim()")


def test_the_phone_menu_opens_by_keyboard_and_a_link_is_followed(phone, cluster):
    page = phone
    sign_in(page, "buyer_x@example.id", PASSWORD)
    menu = page.locator("button.nav-toggle")
    assert page.locator("#site-nav").is_hidden() and menu.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Tab")  # the brand link
    page.keyboard.press("Tab")
    assert _focused(page) == "☰ Menu"
    page.keyboard.press("Enter")
    assert page.locator("#site-nav").is_visible() and menu.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Tab")
    assert _focused(page) == "Beranda"  # into the menu, in reading order
    for _step in range(10):
        if _focused(page) == "Tender":
            break
        page.keyboard.press("Tab")
    assert _focused(page) == "Tender"
    # The ring is ours and shows on the dark header.
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert ring != "none"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/tenders/")
    # Escape closes the menu and gives the focus back to its button.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    assert page.locator("#site-nav").is_hidden() and _focused(page) == "☰ Menu"


def test_without_javascript_the_menu_is_simply_shown(browser, live_server, cluster):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False,
                                  viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto("/accounts/login/")
    assert page.locator("#site-nav").is_visible() and page.locator("button.nav-toggle").is_hidden()
    context.close()


def test_help_and_error_of_a_field_are_read_through_aria_describedby(phone, cluster):
    page = phone
    page.goto("/accounts/signup/")
    page.fill("input[name=business_capital]", "1.500,5,5")
    click_and_wait(page, "main form button[type=submit]")
    field = page.locator("input[name=business_capital]")
    assert field.get_attribute("aria-invalid") == "true"
    described = [page.locator(f"#{ref}").inner_text()
                 for ref in field.get_attribute("aria-describedby").split()]
    assert len(described) == 2
    help_text, error = described
    assert "Tanpa tanah dan bangunan" in help_text
    assert "1.500,5,5" in error and "Tanpa tanah" not in error
