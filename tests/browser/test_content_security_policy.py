"""The app's own pages work under its Content-Security-Policy (settings): scripts and styles
only from its static files, nothing inline, nothing from elsewhere. Each page is loaded as
someone who may open it, with the header checked present, while the browser reports every
violation (the `securitypolicyviolation` event, and Chromium's console message)."""

import pytest
from django.urls import reverse

from pasok.allocation.models import PlanRun, RunStatus
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.web.test_permission_matrix import _page_args

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORT = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") +
                           " at " + (e.sourceFile || "") + ":" + e.lineNumber);
});
"""

# Who opens what: every kind of page (forms with formset.js, SVG charts, the plan's
# progress poller, Swagger UI, the admin), as a role that may.
PAGES = {
    "anonymous": [("shell:home", None), ("accounts:login", None), ("accounts:signup", None),
                  ("accounts:password-reset", None)],
    "supplier_a": [("suppliers:organisation", "a"), ("suppliers:edit", "a"),
                   ("tkdn:overview", "a"), ("tkdn:worksheet-new", "a"), ("tkdn:bmp", "a"),
                   ("tenders:list", None), ("tenders:bid", "t_lot"),
                   ("accounts:notifications", None), ("accounts:tokens", None)],
    "buyer_x": [("suppliers:search", None), ("tenders:new", None), ("tenders:detail", "t"),
                ("tenders:addendum", "t"), ("tenders:objections", "t_awarded")],
    "cooperative": [("allocation:list", None), ("allocation:edit", "plan"),
                    ("allocation:run", "run"), ("accounts:verification", None)],
    "admin": [("audit:list", None), ("admin:index", None)],
}
EXTRA = {"anonymous": ["/no-such-page/"],
         "buyer_x": ["/suppliers/?q=FCD450%2C+20%E2%80%9360+kg"]}


def _urls(cluster, role) -> list[str]:
    return [reverse(name, args=_page_args(cluster, arg)) for name, arg in PAGES[role]
            ] + EXTRA.get(role, [])


def _visit(page, url, console) -> list[str]:
    response = page.goto(url)
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy and "style-src 'self'" in policy, url
    page.wait_for_load_state("networkidle")
    return [f"{url}: {v}" for v in page.evaluate("window.__violations")] + [
        f"{url}: {m}" for m in console if "Content Security Policy" in m]


def _watched(context):
    """A page of `context` that records what the policy blocks; and its console."""
    context.add_init_script(REPORT)
    page = context.new_page()
    page.set_default_timeout(15_000)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    return page, console


@pytest.mark.parametrize("role", list(PAGES))
def test_pages_break_no_rule_of_the_policy(browser, live_server, cluster, role):
    context = browser.new_context(base_url=live_server.url, locale="id-ID",
                                  viewport={"width": 390, "height": 844})
    page, console = _watched(context)
    if role != "anonymous":
        sign_in(page, f"{role}@example.id", PASSWORD)
    urls = _urls(cluster, role)
    if role == "cooperative":  # and a run still queued: its page polls the progress
        plan, number = _page_args(cluster, "run")
        PlanRun.objects.filter(plan__public_id=plan, number=number).update(status=RunStatus.QUEUED,
                                                                finished_at=None)
        urls.append(reverse("allocation:run", args=[plan, number]))
    found = []
    for url in urls:
        console.clear()
        found += _visit(page, url, console)
    context.close()
    assert not found, "\n".join(found)


def test_swagger_ui_runs_under_the_policy(browser, live_server):
    """/api/v1/docs: django-ninja's Swagger UI from static files, its settings in the page."""
    context = browser.new_context(base_url=live_server.url)
    page, console = _watched(context)
    assert not _visit(page, "/api/v1/docs", console)
    assert page.locator(".opblock").count() > 5  # Swagger UI drew the operations
    context.close()


def test_the_watch_sees_a_violation(phone):
    """The check above can fail: an inline script put into a page is blocked and reported."""
    page, _console = _watched(phone.context)
    page.goto("/")
    page.evaluate("""() => { const s = document.createElement("script");
                             s.textContent = "window.ran = true"; document.body.append(s); }""")
    page.wait_for_function("window.__violations.length > 0")
    assert page.evaluate("window.ran") is None
    assert "script-src" in page.evaluate("window.__violations")[0]
