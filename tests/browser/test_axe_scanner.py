"""The scanner itself: a page with known faults is reported, one clean of them is not (so a
green browser suite means something)."""

import pytest

from tests.browser.conftest import violations

pytestmark = pytest.mark.browser

FAULTY = """<!doctype html><html lang="id"><head><title>Uji</title></head><body><main>
<h1>Uji</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<input type="text" name="nib">
<p style="color:#aaaaaa;background:#ffffff">Teks pucat</p></main></body></html>"""
CLEAN = """<!doctype html><html lang="id"><head><title>Uji</title></head><body><main>
<h1>Uji</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Logo">
<label for="nib">NIB</label><input type="text" id="nib" name="nib">
<p style="color:#1d2733;background:#ffffff">Teks jelas</p></main></body></html>"""


@pytest.fixture
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def test_known_faults_are_reported(page):
    page.set_content(FAULTY)
    found = {line.split(" ")[0] for line in violations(page)}
    assert {"image-alt", "label", "color-contrast"} <= found  # A, A and AA


def test_a_page_without_them_passes(page):
    page.set_content(CLEAN)
    assert violations(page) == []
