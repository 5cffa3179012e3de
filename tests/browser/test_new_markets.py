"""On a phone, a ministry officer finds which foundries can make brake drums today and which
lack machining alone, and opens the same foundries in the capability search; a foundry reads
its own next steps."""

import pytest

from tests.browser.conftest import click_and_wait, sign_in
from tests.conftest import PASSWORD
from tests.insights.test_opportunities import IATF, _user, foundry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_ministry_finds_brake_drum_makers_and_a_foundry_its_next_step(phone, cluster):
    foundry(1, "CV Tromol Presisi", processes=("green_sand", "machining"), certificates=[IATF])
    lacking = foundry(3, "CV Cor Saja", weights=(5, 40), certificates=[IATF])
    page = phone
    sign_in(page, "ministry@example.id", PASSWORD)
    page.goto("/insights/opportunities/")
    row = page.locator("#family-brake_drum")
    assert row.locator(".today").inner_text() == "1"
    assert row.locator(".one-step").inner_text() == "1"
    assert "Permesinan (1)" in row.inner_text()
    click_and_wait(page, "#family-brake_drum a")
    assert "1 pengecoran dapat membuatnya hari ini" in page.inner_text("#able-head")
    assert page.locator("#able li").all_inner_texts() == [
        "CV Tromol Presisi (Klaten) — 10.000 kg bebas"]
    assert "CV Cor Saja (Klaten)" in page.inner_text("main")
    click_and_wait(page, "#search-link")
    assert "CV Tromol Presisi" in page.inner_text("main")
    assert "CV Cor Saja" not in page.inner_text("main")

    page.context.clear_cookies()
    sign_in(page, _user(lacking).email, PASSWORD)
    page.goto("/insights/opportunities/")
    steps = page.inner_text("#next-steps")
    assert "Dengan Permesinan" in steps and "Tromol rem" in steps
