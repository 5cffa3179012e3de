"""Playwright driving Debian's Chromium against the live test server, and axe-core
(WCAG 2.0/2.1 A and AA) over every page the browser tests open.

Every page a test loads (a GET that answers 200) is scanned again when the test ends, with
the same session, at phone and at desktop size; any violation fails the test. A state a GET
cannot reach again (a form showing its errors after a POST) is scanned where the test calls
`assert_accessible(page)`."""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("PASOK_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("PASOK_TEST_ARTIFACTS", "test-artifacts"))
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
           "resultTypes": ["violations"]}


def violations(page) -> list[str]:
    """axe-core's A/AA violations on the page as it is now, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, options=WCAG_AA).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(" ".join(n["target"]) for n in v["nodes"][:5]) for v in found]


def assert_accessible(page) -> None:
    problems = violations(page)
    assert not problems, f"{page.url}:\n  " + "\n  ".join(problems)


class _Visits:
    """The HTML pages each browser context loaded, and its session, for the scan at the end."""

    def __init__(self):
        self.contexts = []  # [context, storage state once closed, [urls], options]

    def watch(self, context, options):
        entry = [context, None, [], options]
        self.contexts.append(entry)

        def loaded(response):
            request = response.request
            if (request.resource_type == "document" and request.method == "GET"
                    and response.status == 200 and response.frame.parent_frame is None
                    and response.headers.get("content-type", "").startswith("text/html")
                    and response.url not in entry[2]):
                entry[2].append(response.url)

        context.on("response", loaded)
        close = context.close

        def close_and_keep_session(*args, **kwargs):
            if entry[1] is None:
                entry[1] = context.storage_state()
            return close(*args, **kwargs)

        context.close = close_and_keep_session
        return context

    def scan(self, browser) -> list[str]:
        report = []
        for context, state, urls, options in self.contexts:
            state = state if state is not None else context.storage_state()
            for viewport in (PHONE, DESKTOP):
                scanner = browser.new_context(**{**options, "viewport": viewport},
                                              storage_state=state)
                page = scanner.new_page()
                for url in urls:
                    page.goto(url)
                    report += [f"{url} at {viewport['width']} px: {v}"
                               for v in violations(page)]
                scanner.close()
        return report


class _Browser:
    """The session's browser; every context it makes is watched for the scan."""

    def __init__(self, browser):
        self._browser, self.visits = browser, None

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        if self.visits is not None:
            # axe-core runs in the page, so the scan has JavaScript even where the test had none.
            kept = {k: v for k, v in options.items() if k in ("base_url", "locale")}
            self.visits.watch(context, kept)
        return context

    def __getattr__(self, name):
        return getattr(self._browser, name)


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
        yield _Browser(browser)
        browser.close()


@pytest.fixture(autouse=True)
def _every_page_is_accessible(request):
    """Scans what the test's contexts loaded once it is done (phone and desktop)."""
    if "browser" not in request.fixturenames:
        yield
        return
    shared = request.getfixturevalue("browser")
    request.getfixturevalue("live_server")  # still serving when the scan runs
    shared.visits = _Visits()
    yield
    visits, shared.visits = shared.visits, None
    report = visits.scan(shared)
    assert not report, "axe-core (WCAG 2.1 A/AA):\n" + "\n".join(report)


@pytest.fixture
def phone(browser, live_server):
    """A page the size of a phone, with the server's address as base URL."""
    context = browser.new_context(base_url=live_server.url, accept_downloads=True,
                                  viewport={"width": 390, "height": 844}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def click_and_wait(page, target):
    """Click a link or a button that sends a form, and wait until the answer has loaded.

    A click does not wait for the navigation it starts: reading the page straight after
    it can read the page being left (a race that shows under load).
    """
    with page.expect_navigation():
        page.click(target) if isinstance(target, str) else target.click()


def sign_in(page, email, password):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    click_and_wait(page, "main form button[type=submit]")
