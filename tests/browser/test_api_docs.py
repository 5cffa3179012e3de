"""/api/v1/docs is scanned like every page: Swagger UI's colours are darkened, its code
samples wrap and its unnamed controls get a name by our own static files (web/static/pasok/
api_docs.css and api_docs.js), so that it meets WCAG 2.1 A/AA in every state a reader opens:
the operations expanded, one tried out, the schemas, the authorize dialog."""

import pytest

from tests.browser.conftest import DESKTOP, PHONE, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_state_of_the_api_docs_is_accessible(browser, live_server, viewport):
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/api/v1/docs")
    page.wait_for_selector(".opblock")
    assert page.locator("main#swagger-ui").count() == 1 and page.get_attribute("html", "lang")
    assert_accessible(page)
    summaries = page.locator(".opblock-summary-control")
    for n in range(summaries.count()):
        summaries.nth(n).click()
    page.wait_for_selector(".opblock-body")
    assert_accessible(page)  # parameters with their choices, example responses
    page.locator(".try-out__btn").first.click()
    page.locator(".execute").first.click()
    page.wait_for_selector(".curl-command")
    assert_accessible(page)  # the curl command and the response, with their copy buttons
    page.locator(".models-control").first.click()
    assert_accessible(page)
    page.locator("button.authorize").first.click()
    page.wait_for_selector(".modal-ux")
    assert_accessible(page)
    context.close()
