"""On the demo data, a ministry officer answers, on a phone and on a desktop: how many jobs
depend on KAI's brake-block orders, what happens if half go to imports, and what price or
service life local blocks would need to win. Every figure is checked against the data (the
selectors and rules the pages call, run here on their own) and against the scenario's JSON
run through `pasok insights scenario`'s code. axe-core scans every page."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.utils import translation

from pasok import clock
from pasok.accounts.models import Organisation
from pasok.demo.cluster import DEFAULT_SEED, KAI, load_cluster, plan_cluster
from pasok.demo.logins import DEMO_PASSWORD
from pasok.insights import baseline
from pasok.insights.dependence import jobs_by_buyer
from pasok.insights.import_selectors import local_side_of
from pasok.insights.models import ImportedAlternative, Scenario
from pasok.rules import import_threat
from pasok.rules import scenario as rules
from pasok.rules.money import round_half_up
from pasok.rules.scenario_json import outcome_to_dict, scenario_from_dict
from pasok.suppliers.catalogue import load_into
from pasok.suppliers.models import MaterialGrade, Process
from pasok.web.formatting import localized_number, localized_rupiah
from tests.browser.conftest import DESKTOP, click_and_wait, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOW = dt.datetime(2026, 3, 1, 2, tzinfo=dt.UTC)  # 09:00 in Klaten, the demo's today
OFFICER = "kemenperin@demo.pasok.id"


@pytest.fixture
def demo():
    load_into(Process, MaterialGrade)  # an earlier transactional test flushed them
    with clock.frozen(NOW):
        load_cluster(plan_cluster(seed=DEFAULT_SEED, today=clock.today()))
    return Organisation.objects.get(name=KAI)


def ministry_officer():
    from pasok.accounts.models import User

    return User.objects.get(email=OFFICER)


def _id(value, places=2) -> str:
    with translation.override("id"):
        return localized_number(value, places)


def _rp(value) -> str:
    with translation.override("id"):
        return localized_rupiah(round_half_up(Decimal(value), 0), 0)


def _figures(page) -> dict:
    return {key: page.inner_text(f"dd.figure-{key}") for key in (
        "revenue", "direct", "indirect", "induced", "output1", "output2")}


def _expected(printed: dict) -> dict:
    change = printed["change"]
    return {"revenue": _rp(change["revenue"]), "direct": _id(change["direct_jobs"]),
            "indirect": _id(change["indirect_jobs"]), "induced": _id(change["induced_jobs"]),
            "output1": _rp(change["output_type1"]), "output2": _rp(change["output_type2"])}


def _downloaded_json(page) -> dict:
    with page.expect_download() as download:
        page.click("text=Unduh sebagai JSON")
    return json.loads(open(download.value.path(), encoding="utf-8").read())


def test_a_ministry_officer_weighs_kais_brake_blocks_against_imports(browser, live_server,
                                                                      phone, demo):
    page, kai = phone, demo
    ministry = Organisation.objects.get(kind="ministry")
    with clock.frozen(NOW):
        sign_in(page, OFFICER, DEMO_PASSWORD)

        # The cluster at a glance warns of it: KAI's orders fell while its need held.
        page.goto("/insights/cluster/")
        warned = page.inner_text("#early-warnings")
        assert KAI in warned and _id(6_000, 0) in warned and _id(3_000, 0) in warned
        assert page.locator("#dashboard-figures svg, svg[role=img]").count() >= 5

        # How many jobs depend on KAI's brake-block orders?
        page.goto("/insights/scenarios/")
        [kai_blocks] = [d for d in jobs_by_buyer(baseline.baseline(ministry, clock.today()))
                        if d.buyer == str(kai.pk) and d.family == "brake_block"]
        row = page.locator("#dependence tbody tr", has_text=KAI)
        cells = row.locator("td").all_inner_texts()
        assert cells[4:8] == [_id(kai_blocks.direct_jobs), _id(kai_blocks.indirect_jobs),
                              _id(kai_blocks.induced_jobs), _id(kai_blocks.all_jobs)]
        assert cells[2] == _rp(kai_blocks.revenue)
        assert kai_blocks.direct_jobs > 10  # six member foundries make them

        # What happens if half go to imports? The officer writes the scenario on the phone.
        click_and_wait(page, "text=Skenario baru")
        page.fill("#id_name", "Separuh blok rem KAI diimpor")
        page.select_option("#id_change-0-kind", "substitute")
        page.select_option("#id_change-0-buyer", str(kai.pk))
        page.select_option("#id_change-0-family", "brake_block")
        page.fill("#id_change-0-share_percent", "50")
        click_and_wait(page, "#scenario-form button[type=submit]")
        page.wait_for_selector("dd.figure-direct")
        mine = Scenario.objects.get(name="Separuh blok rem KAI diimpor")
        assert mine.status == "done"
        shown = _figures(page)
        # The figures are the scenario's JSON run through the command line's code.
        printed = outcome_to_dict(rules.run(*scenario_from_dict(_downloaded_json(page))))
        assert shown == _expected(printed) == _expected(mine.result)
        # Half of what the cluster would lose without KAI's blocks, rounded unit by unit.
        assert abs(Decimal(str(printed["change"]["direct_jobs"]))
                   + kai_blocks.direct_jobs / 2) < Decimal("0.5")
        assert "Pasal 66(2)" in page.inner_text("#breaches")
        assert _id(Decimal("47.5")) in page.inner_text("#breaches")

        # The demo's own scenario of the same change says the same.
        page.goto("/insights/scenarios/")
        click_and_wait(page, "text=KAI mengganti separuh blok rem dengan impor")
        assert _figures(page) == shown

        # What price or service life would local blocks need to win?
        composite = ImportedAlternative.objects.get(buyer=kai)
        page.goto("/insights/imports/")
        click_and_wait(page, f"a[href='/insights/imports/{composite.public_id}/']")
        local = local_side_of(composite, user=ministry_officer(), today=clock.today())
        c = import_threat.compare(
            local_price=local.unit_price, local_life_months=composite.local_service_life_months,
            local_tkdn_percent=local.tkdn_percent, import_price=composite.landed_price,
            import_life_months=composite.service_life_months,
            units_per_year=composite.units_per_year)
        assert page.inner_text("#local-per-month") == _rp(c.local.per_month)
        assert page.inner_text("#import-per-month") == _rp(c.imported.per_month)
        price = page.inner_text("#break-even-price")
        assert _rp(c.break_even_price) in price
        assert _rp(c.break_even_price_with_preference) in price
        life = page.inner_text("#break-even-life")
        assert _id(c.break_even_life_months) in life
        # The cascade: the cluster's blocks carry a TKDN of 47,5%: KAI must buy them.
        assert c.cascade == import_threat.DOMESTIC_REQUIRED
        assert "dalam negeri" in page.inner_text("#cascade")

    # On a desktop: the scenarios side by side.
    desktop = browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale="id-ID")
    wide = desktop.new_page()
    with clock.frozen(NOW):
        sign_in(wide, OFFICER, DEMO_PASSWORD)
        wide.goto("/insights/scenarios/")
        for name in ("Separuh blok rem KAI diimpor", "Gabungan: impor, tromol rem dan penutupan"):
            wide.check(f"[aria-label='Bandingkan {name}']")
        click_and_wait(wide, "text=Bandingkan skenario yang dipilih")
        table = wide.inner_text("#comparison")
        assert _id(mine.result["change"]["direct_jobs"]) in table
        combined = Scenario.objects.get(name__startswith="Gabungan")
        assert _id(combined.result["change"]["direct_jobs"]) in table
    desktop.close()
