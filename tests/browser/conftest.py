"""Playwright driving Debian's Chromium against the live test server."""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("PASOK_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("PASOK_TEST_ARTIFACTS", "test-artifacts"))


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the Django ORM calls the tests
    # make between browser steps are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture
def phone(browser, live_server):
    """A page the size of a phone, with the server's address as base URL."""
    context = browser.new_context(base_url=live_server.url, accept_downloads=True,
                                  viewport={"width": 390, "height": 844}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def sign_in(page, email, password):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/")
