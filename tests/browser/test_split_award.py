"""The buyer, on a phone, opens the evaluation of a tender that allows split awards: the
share inputs come filled with the optimiser's proposal (cheapest evaluated price first,
each bid within what it offered) and awards it after the confirmation; where the bids
cannot cover the lot, the confirmation states the shortfall first."""

import datetime as dt
from decimal import Decimal

import pytest

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.services import organisation_create, organisation_verify
from pasok.tenders.models import Award, Status, Tender
from pasok.tenders.services import lot_add, tender_create, tender_publish
from pasok.tkdn.services import certificate_record
from tests.browser.conftest import ARTIFACTS, click_and_wait, sign_in
from tests.conftest import PASSWORD, make_nib, make_npwp
from tests.tenders.test_sealed_bids import DEADLINE, OPENING, _bid
from tests.tenders.test_split_proposal import T0, _open_and_evaluate, _tender

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_buyer_awards_the_optimisers_split(phone, cluster):
    with clock.frozen(T0):
        tender = _tender(cluster, schedule=[], quantity=100)
        a, _ = _bid(cluster, "supplier_a", tender, 100_000, tkdn=45, quantity=60)
        b, _ = _bid(cluster, "supplier_b", tender, 101_000, tkdn=45, quantity=70)
    _open_and_evaluate(cluster, tender)
    page = phone
    sign_in(page, "buyer_x@example.id", PASSWORD)
    page.goto(f"/tenders/{tender.pk}/evaluation/")
    assert page.input_value(f"input[name=share-{a.public_id}]") == "60"
    assert page.input_value(f"input[name=share-{b.public_id}]") == "40"
    assert "jumlah yang ditawarkan" in page.inner_text("main")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "split-award-phone.png"), full_page=True)
    click_and_wait(page, "text=Tetapkan pemenang sesuai usulan pengoptimal")
    assert "Lot ini tertutup penuh." in page.inner_text("#confirmation")
    click_and_wait(page, "#confirm-button")
    page.wait_for_url(f"**/tenders/{tender.pk}/")
    assert Tender.objects.get(pk=tender.pk).status == Status.AWARDED
    shares = dict(Award.objects.values_list("bid_id", "quantity"))
    assert shares == {a.pk: 60, b.pk: 40}


def test_the_evaluation_page_follows_the_optimiser_until_its_proposal_is_ready(phone, cluster):
    """While the task worker works the proposal out, the page says so and offers only the
    shares by hand; it fills them in by itself once the proposal is kept (progress.js)."""
    from pasok.tenders.models import SplitProposal
    from pasok.tenders.split_proposal import work_out

    with clock.frozen(T0):
        tender = _tender(cluster, schedule=[], quantity=100)
        a, _ = _bid(cluster, "supplier_a", tender, 100_000, tkdn=45, quantity=60)
        _bid(cluster, "supplier_b", tender, 101_000, tkdn=45, quantity=70)
    _open_and_evaluate(cluster, tender)
    SplitProposal.objects.update(status="queued", lots=[], finished_at=None)  # not yet solved
    page = phone
    sign_in(page, "buyer_x@example.id", PASSWORD)
    page.goto(f"/tenders/{tender.pk}/evaluation/")
    assert "Pengoptimal sedang menghitung" in page.inner_text("#progress")
    assert page.locator("text=Tetapkan pemenang sesuai usulan pengoptimal").count() == 0
    assert page.input_value(f"input[name=share-{a.public_id}]") == "0"
    work_out(tender.pk)  # the worker finishes: the page reloads by itself
    page.wait_for_selector("#progress", state="detached")
    assert page.input_value(f"input[name=share-{a.public_id}]") == "60"
    assert page.locator("text=Tetapkan pemenang sesuai usulan pengoptimal").count() == 1


def _no_sideways_scroll(page):
    """Nothing important hides off-screen: the page is no wider than the phone."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width


def test_a_cooperative_bids_with_its_members_tkdn_and_the_buyer_awards_a_partial_cover(
        phone, cluster):
    """On a phone: the cooperative builds its TKDN from two members' certificates; before
    the opening the buyer sees one bid per lot came in (not whose); after it, the optimiser
    cannot cover the lot, the confirmation says by how much and why, and the buyer awards
    the partial cover and starts a new tender for the rest."""
    second = organisation_create(by=SYSTEM, name="CV Cor Baja Lestari", kind="supplier",
                                 nib=make_nib(601), npwp=make_npwp(601),
                                 province="Jawa Tengah", regency="Klaten",
                                 cooperative=cluster.cooperative)
    for org in (cluster.supplier_a, cluster.cooperative, cluster.member, second):
        organisation_verify(by=SYSTEM, organisation=org)
    certs = {org.pk: certificate_record(
        by=SYSTEM, organisation=org, regime="permenperin-35-2025", product="Blok rem",
        tkdn_percent=Decimal(tkdn), issued_on=dt.date(2026, 1, 5), number=f"{org.pk}/TKDN",
        verifier="PT Sucofindo (Persero)") for org, tkdn in ((cluster.member, 45),
                                                             (second, 30))}
    buyer = cluster.users["buyer_x"]
    with clock.frozen(T0):
        tender = tender_create(by=buyer, buyer=cluster.buyer_x, title="Blok rem 2027",
                               bid_deadline=DEADLINE, opening_time=OPENING,
                               min_tkdn_percent=Decimal(25), split_award_allowed=True)
        lot = lot_add(by=buyer, tender=tender, product="Blok rem", quantity=30_000,
                      unit_weight_kg=Decimal(11), hps_unit_price=Decimal(110_000),
                      delivery_schedule=[2500] * 12)
        tender_publish(by=buyer, tender=tender)
        _bid(cluster, "supplier_a", tender, 100_000, tkdn=45, quantity=4200)
    page = phone
    with clock.frozen(T0 + dt.timedelta(days=1)):
        sign_in(page, "cooperative@example.id", PASSWORD)
        page.goto(f"/tenders/{tender.pk}/lots/{lot.pk}/bid/")
        page.fill("#id_unit_price", "104.000")
        page.fill("#id_quantity", "6.000")
        page.fill("#id_monthly_capacity", "500")
        page.select_option("#id_tkdn_source", "members")
        for i, (member, units) in enumerate(((cluster.member, "3.600"), (second, "2.400"))):
            page.select_option(f"#id_member-{i}-member", str(member.pk))
            page.fill(f"#id_member-{i}-quantity", units)
            page.select_option(f"#id_member-{i}-tkdn_source",
                               f"certificate:{certs[member.pk].pk}")
        _no_sideways_scroll(page)
        click_and_wait(page, "#bid-form button[type=submit]")
        assert len(page.inner_text("#receipt-digest")) == 64
        assert page.inner_text("#bid-tkdn") == (
            "rata-rata tertimbang anggota: UD Sinar Besi 45,00% × 3.600, CV Cor Baja Lestari "
            "30,00% × 2.400 → 39,00%")
        page.context.clear_cookies()

        sign_in(page, "buyer_x@example.id", PASSWORD)
        page.goto(f"/tenders/{tender.pk}/")
        count = page.locator("#lot-table td[data-label='Penawaran masuk']")
        assert count.inner_text() == "2"  # two standing bids, not whose
        assert "Koperasi" not in page.inner_text("main")
        assert count.is_visible() and count.bounding_box()["x"] + 10 < 390
        _no_sideways_scroll(page)
    with clock.frozen(OPENING):
        page.goto(f"/tenders/{tender.pk}/")
        click_and_wait(page, "form[action$='/open/'] button")
        click_and_wait(page, "form[action$='/evaluate/'] button")
        page.goto(f"/tenders/{tender.pk}/evaluation/")
        _no_sideways_scroll(page)
        assert "rata-rata tertimbang anggota" in page.inner_text("main")
        page.screenshot(path=str(ARTIFACTS / "evaluation-cooperative-phone.png"),
                        full_page=True)
        click_and_wait(page, "text=Tetapkan pemenang sesuai usulan pengoptimal")
        shortfall = page.inner_text("#shortfall-lot-1")
        assert shortfall == ("Lot 1: 19.800 dari 30.000 unit tidak tertutup: penawaran yang "
                             "memenuhi syarat seluruhnya menawarkan 10.200 unit.")
        _no_sideways_scroll(page)
        page.screenshot(path=str(ARTIFACTS / "award-confirmation-phone.png"), full_page=True)
        click_and_wait(page, "#confirm-button")  # not ticked: asked again, nothing awarded
        assert page.is_visible("#accept-shortfall-error")
        assert Tender.objects.get(pk=tender.pk).awarded_at is None
        page.check("#accept-shortfall")
        click_and_wait(page, "#confirm-button")
        page.wait_for_url(f"**/tenders/{tender.pk}/")
        assert "19.800 belum tertutup" in page.inner_text("#lot-table")
        page.click("text=Buat draf tender baru untuk jumlah yang belum tertutup")
        page.wait_for_url("**/edit/")
        assert page.input_value("#id_lot-0-quantity") == "19.800"
    assert Tender.objects.get(pk=tender.pk).status == Status.AWARDED
    assert sorted(Award.objects.values_list("quantity", flat=True)) == [
        4200, 6000]
