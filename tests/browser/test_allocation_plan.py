"""The cooperative officer, on a phone, solves the monthly plan, reads the table and the
chart, then records that a member can make less in a future month and re-plans: the months
already ordered stay as they were and the shortfall moves to other members."""

import pytest

from pasok.allocation.engine_input import supplier_id
from pasok.allocation.models import RunKind, RunStatus
from tests.allocation.factories import demo_like_plan
from tests.browser.conftest import ARTIFACTS, click_and_wait, sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _row(page, line, org) -> list[str]:
    cells = page.locator(f"#alloc-line-{line.pk} tr[data-member='{supplier_id(org.pk)}'] "
                         "td[data-month]")
    return [c.strip() for c in cells.all_inner_texts()]


def test_cooperative_solves_and_replans_after_a_member_reports_less(phone, cluster):
    plan, (a, b, c, _d) = demo_like_plan(cluster)
    line = plan.lines.get()
    page = phone
    sign_in(page, "cooperative@example.id", PASSWORD)
    page.goto("/plans/")
    click_and_wait(page, f"text={plan.title}")
    assert page.locator("#no-run").is_visible()

    click_and_wait(page, "#solve-form button[type=submit]")
    page.wait_for_selector("#heatmap")
    base = plan.runs.get()
    assert base.status == RunStatus.DONE and page.inner_text("#progress-status")
    # The cheapest member is full every month (1,043 blocks of 11.5 kg in 12,000 kg).
    assert _row(page, line, a) == ["1.043"] * 6
    assert _row(page, line, b) == ["957"] * 6
    assert page.locator("#heatmap g.cell").count() == 4 * 6
    assert "CV Asa Logam" in page.inner_text("#explanation")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "allocation-plan-phone.png"), full_page=True)
    # The page itself never scrolls sideways; the wide tables and the heat map scroll in
    # their own frame, which takes the keyboard focus and is named.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    frames = page.locator(".table-wrap[tabindex='0'][aria-label]")
    assert frames.count() >= 2
    frames.first.focus()
    assert page.evaluate("document.activeElement.classList.contains('table-wrap')")

    click_and_wait(page, f"a[href='/plans/{plan.public_id}/']")
    page.select_option("#id_member", label="CV Asa Logam")
    page.select_option("#id_month", index=4)  # the fifth month, still ahead
    page.fill("#id_capacity_kg", "2300")
    assert page.input_value("#id_ordered_months") == "3"  # two past months and this one
    page.fill("#id_note", "Tungku induksi diperbaiki")
    click_and_wait(page, "#capacity button[type=submit]")

    page.wait_for_selector("#ordered-unchanged")
    run = plan.runs.get(kind=RunKind.REPLAN)
    assert run.base == base and run.ordered_months == 3
    moved = page.locator("#moved-cells tbody tr")
    assert moved.count() >= 2
    assert set(moved.evaluate_all("rows => rows.map(r => r.dataset.month)")) == {"4"}
    assert _row(page, line, a)[:3] == ["1.043"] * 3 and _row(page, line, a)[4] == "200"
    assert _row(page, line, b)[:3] == ["957"] * 3
    # The 843 blocks A can no longer make that month go to B and C.
    b_after, c_after = (int(_row(page, line, org)[4].replace(".", "").replace("–", "0"))
                        for org in (b, c))
    assert b_after + c_after == 2_000 - 200
    assert page.locator("#result-unmet").inner_text().strip() == "0"
    page.screenshot(path=str(ARTIFACTS / "allocation-replan-phone.png"), full_page=True)
