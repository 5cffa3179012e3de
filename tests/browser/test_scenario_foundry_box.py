"""On a phone, a ministry officer names the foundry that closes by typing part of its name:
the box suggests the foundries whose names contain it (pasok/suggest.js), by keyboard, and
the scenario keeps the one chosen."""

import pytest

from pasok.accounts.actors import SYSTEM
from pasok.insights.models import Scenario
from pasok.suppliers.services import profile_save
from tests.browser.conftest import click_and_wait, sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_foundry_box_suggests_names_as_one_types(phone, cluster):
    for foundry in (cluster.supplier_b, cluster.member):
        profile_save(by=SYSTEM, organisation=foundry, fields={"workforce_total": 12})
    page = phone
    sign_in(page, "ministry@example.id", PASSWORD)
    page.goto("/insights/scenarios/new/")
    page.fill("input[name=name]", "Satu pengecoran tutup")
    page.select_option("select[name=change-0-kind]", "close")
    box = page.locator("input[name=change-0-foundry]")
    box.focus()
    page.keyboard.type("sinar")
    suggestion = page.locator("#id_change-0-foundry-suggestions option")
    suggestion.first.wait_for(state="attached")
    assert suggestion.evaluate_all("options => options.map(o => o.value)") == [
        "UD Sinar Besi — Klaten"]
    box.fill("UD Sinar Besi — Klaten")  # what choosing the suggestion writes
    click_and_wait(page, "#scenario-form button[type=submit]")
    scenario = Scenario.objects.get()
    assert scenario.changes == [{"kind": "close", "foundry": str(cluster.member.pk)}]
    assert "UD Sinar Besi" in page.inner_text("main")
