"""Issue 14's walk, on the demo data and on a phone: the ministry finds how many foundries can
make brake drums today and how many more could with machining; records a business-matching
event with PT Astra Otoparts and its outcome; Otoparts sends an RFQ for brake drums, the two
ready foundries quote, one's samples pass their first article and are approved, a contract
and its first order follow; the ministry links them to the pairing and the funnel shows it.
Every figure is checked against the data (the selectors the pages call, run here on their
own). axe-core scans every page."""

import datetime as dt

import pytest

from pasok import clock
from pasok.accounts.models import User
from pasok.demo.logins import DEMO_PASSWORD
from pasok.demo.markets import AUTOMOTIVE_READY
from pasok.insights import opportunities
from pasok.mediation.models import MediationEvent, Pairing, Stage
from pasok.rfqs.models import Quotation, Rfq, SampleOrder
from pasok.suppliers.models import Certificate
from pasok.suppliers.part_catalogue import FAMILIES
from tests.browser.conftest import click_and_wait, sign_in
from tests.browser.test_ministry_view import NOW, OFFICER, demo  # noqa: F401 – the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OTOPARTS = "otoparts@demo.pasok.id"
TITLE = "Temu bisnis tromol rem, Maret"


def _as(page, email):
    page.context.clear_cookies()
    sign_in(page, email, DEMO_PASSWORD)


def _at(day: int, hour: int = 2):  # 09:00 WIB on 2026-03-<day>
    return dt.datetime(2026, 3, day, hour, tzinfo=dt.UTC)


def _ready_foundries():
    """The demo's foundries that can make brake drums today, their admins able to sign in."""
    drums = FAMILIES["brake_drum"]
    ready = list(opportunities.able_today(None, drums))
    admins = []
    for foundry in ready:
        admin = User.objects.filter(organisation=foundry, org_role="admin").order_by("pk")[0]
        admin.set_password(DEMO_PASSWORD)
        admin.save()
        admins.append(admin.email)
    return ready, admins


def test_from_the_opportunity_to_a_first_order_on_a_phone(phone, demo):  # noqa: F811
    page = phone
    with clock.frozen(NOW):
        drums = opportunities.reach(opportunities.cluster_scope(None), FAMILIES["brake_drum"])
        ready, admins = _ready_foundries()
    assert drums.today == len(ready) == AUTOMOTIVE_READY
    assert Certificate.objects.filter(kind="iatf16949").count() == 5
    with clock.frozen(NOW):
        _finds_the_makers(page, drums)
        event = _records_the_event(page, ready)
    rfq = _otoparts_sends_and_they_quote(page, ready, admins)
    contract = _samples_approved_and_a_first_order(page, rfq, ready, admins)
    _the_pairing_climbs_and_the_funnel_shows_it(page, event, rfq, contract)


def _finds_the_makers(page, drums):
    _as(page, OFFICER)
    page.goto("/insights/opportunities/")
    row = page.locator("#family-brake_drum")
    assert row.locator(".today").inner_text() == str(drums.today)  # 2
    machining = drums.one_short["process:machining"]  # 3
    assert f"Permesinan ({machining})" in row.inner_text()
    click_and_wait(page, "#family-brake_drum a")
    assert page.locator("#able li").count() == drums.today
    assert f"Hanya kurang Permesinan: {machining}" in page.inner_text("main")


def _records_the_event(page, ready) -> MediationEvent:
    page.goto("/mediation/new/")
    page.fill("#id_title", TITLE)
    page.fill("#id_held_on", "2026-03-01")
    page.fill("#id_place", "Balai Besar Logam dan Mesin, Bandung")
    page.check("input[name=families][value=brake_drum]")
    click_and_wait(page, "#save-event")
    event = MediationEvent.objects.get(title=TITLE)
    for name in ("PT Astra Otoparts Tbk", *(f.name for f in ready)):
        page.goto(f"/mediation/{event.public_id}/attendance/")
        page.fill("#id_organisation", name)
        page.check("#id_present")
        click_and_wait(page, "#record-attendance")
    assert event.participants.filter(present=True).count() == 1 + len(ready)
    page.goto(f"/mediation/{event.public_id}/pairings/new/")
    page.select_option("#id_buyer", label="PT Astra Otoparts Tbk")
    page.select_option("#id_supplier", label=ready[0].name)
    page.select_option("#id_family", "brake_drum")
    click_and_wait(page, "#add-pairing")
    assert Pairing.objects.get(event=event).stage == Stage.INTEREST
    return event


def _otoparts_sends_and_they_quote(page, ready, admins) -> Rfq:
    with clock.frozen(_at(2)):
        _as(page, OTOPARTS)
        page.goto("/rfqs/new/")
        page.fill("#id_part_name", "Tromol rem truk 420 mm")
        page.select_option("#id_family", "brake_drum")
        page.select_option("#id_grade", "FC250")
        page.fill("#id_unit_weight_kg", "31,5")
        page.fill("#id_annual_volume", "12.000")
        page.fill("#id_target_unit_price", "195.000")
        page.fill("#id_deadline", "2026-03-09T16:00")
        page.fill("#id_suppliers", "; ".join(f.name for f in ready))
        click_and_wait(page, "#send-rfq")
    rfq = Rfq.objects.get(part_name="Tromol rem truk 420 mm")
    assert set(rfq.invitations.values_list("supplier", flat=True)) == {f.pk for f in ready}
    for email, price in zip(admins, ("184.000", "189.500"), strict=True):
        with clock.frozen(_at(4)):
            _as(page, email)
            page.goto(f"/rfqs/{rfq.public_id}/")
            click_and_wait(page, "#quote-link")
            page.fill("#id_unit_price", price)
            page.fill("#id_lead_time_weeks", "6")
            page.fill("#id_monthly_capacity", "1.500")
            page.fill("#id_valid_until", "2026-06-30")
            click_and_wait(page, "#send-quotation")
    assert Quotation.objects.filter(rfq=rfq).count() == 2
    return rfq


def _samples_approved_and_a_first_order(page, rfq, ready, admins):
    with clock.frozen(_at(10)):
        _as(page, OTOPARTS)
        page.goto(f"/rfqs/{rfq.public_id}/compare/")
        table = page.inner_text("#comparison")
        assert "Rp184.000" in table and "Rp189.500" in table
        cheaper = Quotation.objects.get(rfq=rfq, supplier=ready[0])
        page.select_option("#id_quotation", str(cheaper.public_id))
        page.fill("#id_quantity", "10")
        page.fill("#id_due_on", "2026-03-20")
        click_and_wait(page, "#order-samples")
    order = SampleOrder.objects.get(rfq=rfq)
    assert order.quotation == cheaper
    with clock.frozen(_at(20)):
        _as(page, OTOPARTS)
        page.goto(f"/rfqs/samples/{order.public_id}/first-article/")
        for i, (kind, name, lower, upper, measured) in enumerate((
                ("dimension", "Diameter dalam (mm)", "419,90", "420,10", "420,03"),
                ("hardness", "Kekerasan (HB)", "187", "241", "209"),
                ("chemistry", "Karbon (%)", "3,20", "3,50", "3,31"))):
            page.select_option(f"#id_characteristics-{i}-kind", kind)
            page.fill(f"#id_characteristics-{i}-name", name)
            page.fill(f"#id_characteristics-{i}-lower", lower)
            page.fill(f"#id_characteristics-{i}-upper", upper)
            page.fill(f"#id_characteristics-{i}-measured", measured)
        click_and_wait(page, "#record-first-article")
        inspection = order.inspections.get()
        assert inspection.passes and inspection.characteristics.count() == 3
        page.select_option(f"#id_decide-{inspection.public_id}-decision", "approve")
        click_and_wait(page, ".decide-form button[type=submit]")
        click_and_wait(page, "#contract-make-link")
        page.fill("#id_starts_on", "2026-04")
        click_and_wait(page, "#make-contract")
        rfq.refresh_from_db()
        contract = rfq.contract
        page.goto(f"/contracts/{contract.public_id}/")
        click_and_wait(page, "#sign-contract")
        _as(page, admins[0])
        page.goto(f"/contracts/{contract.public_id}/")
        click_and_wait(page, "#sign-contract")
        _as(page, OTOPARTS)
        page.goto(f"/contracts/{contract.public_id}/")
        page.fill("#id_month", "2026-04")
        page.fill("#id_quantity", "1.000")
        click_and_wait(page, "#issue-call-off")
    contract.refresh_from_db()
    assert contract.version == 1 and contract.items.get().call_offs.count() == 1
    return contract


def _the_pairing_climbs_and_the_funnel_shows_it(page, event, rfq, contract):
    pairing = Pairing.objects.get(event=event)
    with clock.frozen(_at(25)):
        _as(page, OFFICER)
        page.goto(f"/mediation/pairings/{pairing.public_id}/")
        for _stage in (Stage.RFQ, Stage.SAMPLES, Stage.SAMPLE_APPROVED, Stage.FIRST_ORDER):
            click_and_wait(page, "#advance")  # the next stage, reached today
        page.select_option("#id_link-rfq", str(rfq.pk))
        page.select_option("#id_link-contract", str(contract.pk))
        click_and_wait(page, "#link")
        pairing.refresh_from_db()
        assert (pairing.stage, pairing.rfq, pairing.contract) == (Stage.FIRST_ORDER, rfq,
                                                                   contract)
        page.goto("/mediation/funnel/")
        row = page.locator("tr", has_text=TITLE)
        counts = [c.split()[0] for c in row.locator("td.num").all_inner_texts()[:6]]
        # meetings → RFQ → samples → approved → first order, and no long-term contract yet
        assert counts == ["1", "1", "1", "1", "1", "0"], counts
        value = contract.items.get().unit_price * contract.items.get().quantity
        assert f"Rp{value:,.0f}".replace(",", ".") in row.inner_text()
