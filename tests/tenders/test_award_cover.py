"""Awarding a lot the bids cannot fully cover: a whole award never exceeds what the rank-1
bid offered, in all and per month; a partial cover is made only when the buyer confirms the
shortfall, which is stated first (how many units of which lot, and why); the award records
covered and uncovered units per lot, the pages and notices show them, and the uncovered
quantities become a new draft tender linked to the original."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import Notification
from pasok.accounts.services import organisation_verify
from pasok.tenders import awarding
from pasok.tenders.models import Award, Lot, ShortfallReason, Status, Tender
from pasok.tenders.services import (
    award_preview,
    bid_submit,
    lot_add,
    tender_award,
    tender_award_optimised,
    tender_award_split,
    tender_create,
    tender_evaluate,
    tender_follow_up,
    tender_open,
    tender_publish,
)
from pasok.tenders.split_proposal import work_out
from tests.conftest import page_scripts
from tests.tenders.test_sealed_bids import DEADLINE, OPENING, T0, _cert

pytestmark = pytest.mark.django_db

SCHEDULE = [2500] * 12  # 30,000 units over twelve months


def _tender(cluster, *, quantity=30_000, schedule=SCHEDULE, split=True, lots=1):
    for org in (cluster.supplier_a, cluster.supplier_b):
        organisation_verify(by=SYSTEM, organisation=org)
    buyer = cluster.users["buyer_x"]
    with clock.frozen(T0):
        tender = tender_create(by=buyer, buyer=cluster.buyer_x, title="Blok rem 2027",
                               bid_deadline=DEADLINE, opening_time=OPENING,
                               split_award_allowed=split, small_business_reserved=False,
                               reservation_exemption="Terbuka", required_documents=["NIB"],
                               first_delivery_month=dt.date(2027, 1, 1))
        for _n in range(lots):
            lot_add(by=buyer, tender=tender, product="Blok rem", quantity=quantity,
                    unit_weight_kg=Decimal(11), hps_unit_price=Decimal(110_000),
                    delivery_schedule=schedule)
        return tender_publish(by=buyer, tender=tender)


def _bid(cluster, role, tender, price, quantity, monthly, lot=None):
    from tests.tenders.files import nib_pdf

    cert = _cert(cluster, cluster.users[role].organisation, 45)
    with clock.frozen(T0 + dt.timedelta(days=1)):
        return bid_submit(by=cluster.users[role], lot=lot or tender.lots.first(),
                          unit_price=Decimal(price), quantity=quantity,
                          monthly_capacity=monthly, certificate_id=cert.pk,
                          documents={"NIB": nib_pdf()})[0]


def _evaluated(cluster, tender):
    buyer = cluster.users["buyer_x"]
    with clock.frozen(OPENING):
        tender_open(by=buyer, tender=tender)
        tender = tender_evaluate(by=buyer, tender=tender)
    if tender.split_award_allowed:
        work_out(tender.pk)  # the optimiser's proposal, as the task worker works it out
    return tender


def _shares():
    return dict(Award.objects.values_list("bid_id", "quantity"))


def test_a_whole_award_never_exceeds_the_monthly_capacity_offered(cluster):
    # Main awarded A the whole 30,000 it offered; at 700 a month over twelve months it can
    # deliver 8,400.
    tender = _tender(cluster)
    a = _bid(cluster, "supplier_a", tender, 100_000, 30_000, 700)
    tender = _evaluated(cluster, tender)
    buyer = cluster.users["buyer_x"]
    with clock.frozen(OPENING):
        plan = award_preview(by=buyer, tender=tender, method=awarding.Method.WHOLE)
        (lot,) = plan.lots
        assert (lot.covered, lot.uncovered, lot.reason) == (8400, 21_600, "capacity")
        assert lot.explanation == (
            "Lot 1: 21.600 dari 30.000 unit tidak tertutup: CV Logam Sejahtera menawarkan "
            "700 unit per bulan, sehingga selama 12 bulan jadwal hanya dapat mengirim 8.400.")
        assert [units for _month, units in lot.shares[0].deliveries] == [700] * 12
        with pytest.raises(ValidationError) as refused:
            tender_award(by=buyer, tender=tender)  # not without confirming the shortfall
        assert "accept_shortfall" in refused.value.message_dict
        assert Tender.objects.get(pk=tender.pk).status == Status.EVALUATED
        tender_award(by=buyer, tender=tender, accept_shortfall=True)
    assert _shares() == {a.pk: 8400}
    stored = Lot.objects.get()
    assert (stored.covered_quantity, stored.uncovered_quantity) == (8400, 21_600)
    assert stored.shortfall_reason == ShortfallReason.CAPACITY


def test_a_whole_award_never_exceeds_the_quantity_offered(cluster):
    tender = _tender(cluster)
    a = _bid(cluster, "supplier_a", tender, 100_000, 4200, 3000)
    tender = _evaluated(cluster, tender)
    with clock.frozen(OPENING):
        plan = award_preview(by=cluster.users["buyer_x"], tender=tender,
                             method=awarding.Method.WHOLE)
        (lot,) = plan.lots
        assert (lot.covered, lot.reason) == (4200, "offered")
        assert "CV Logam Sejahtera menawarkan 4.200 unit" in lot.explanation
        # Months fill from the first: 2,500 in January, 1,700 in February.
        assert [u for _m, u in lot.shares[0].deliveries][:3] == [2500, 1700, 0]
        tender_award(by=cluster.users["buyer_x"], tender=tender, accept_shortfall=True)
    assert _shares() == {a.pk: 4200}


def test_a_full_cover_needs_no_confirmation_of_a_shortfall(cluster):
    tender = _tender(cluster)
    a = _bid(cluster, "supplier_a", tender, 100_000, 30_000, 2500)
    tender = _evaluated(cluster, tender)
    with clock.frozen(OPENING):
        tender_award(by=cluster.users["buyer_x"], tender=tender)
    assert _shares() == {a.pk: 30_000}
    assert Lot.objects.get().uncovered_quantity == 0


def test_split_shares_below_the_lot_only_when_confirmed(cluster):
    tender = _tender(cluster)
    a = _bid(cluster, "supplier_a", tender, 100_000, 30_000, 700)   # at most 8,400
    b = _bid(cluster, "supplier_b", tender, 101_000, 4200, 3000)    # at most 4,200
    tender = _evaluated(cluster, tender)
    buyer = cluster.users["buyer_x"]
    with clock.frozen(OPENING):
        with pytest.raises(ValidationError) as refused:
            tender_award_split(by=buyer, tender=tender, quantities={a.pk: 8400, b.pk: 4200})
        assert "accept_shortfall" in refused.value.message_dict
        assert ("Lot 1: 17.400 dari 30.000 unit tidak tertutup: dengan kapasitas bulanan yang "
                "ditawarkan") in " ".join(refused.value.messages)
        tender_award_split(by=buyer, tender=tender, quantities={a.pk: 8400, b.pk: 4200},
                           accept_shortfall=True)
    assert _shares() == {a.pk: 8400, b.pk: 4200}
    stored = Lot.objects.get()
    assert (stored.covered_quantity, stored.uncovered_quantity) == (12_600, 17_400)


@pytest.mark.parametrize(("shares", "key", "message"), [
    # More than B offered in all.
    ({"b": 4201}, "share-b", "UD Cor Makmur menawarkan paling banyak 4.200 unit."),
    # More than A can deliver at 700 a month over twelve months.
    ({"a": 9000}, "share-a", "selama bulan-bulan jadwal hanya dapat mengirim paling banyak "
                             "8.400 unit."),
    # More than the lot.
    ({"a": 30_000, "b": 1}, "shares", "melebihi 30.000 unit lot"),
])
def test_split_shares_never_exceed_a_bid_or_the_lot(cluster, shares, key, message):
    tender = _tender(cluster)
    bids = {"a": _bid(cluster, "supplier_a", tender, 100_000, 30_000, 700),
            "b": _bid(cluster, "supplier_b", tender, 101_000, 4200, 3000)}
    if key == "shares":  # A offers 30,000 at 2,500 a month here
        bids["a"] = _bid(cluster, "supplier_a", tender, 100_000, 30_000, 2500)
    tender = _evaluated(cluster, tender)
    quantities = {bids[name].pk: units for name, units in shares.items()}
    with clock.frozen(OPENING), pytest.raises(ValidationError) as refused:
        tender_award_split(by=cluster.users["buyer_x"], tender=tender, quantities=quantities,
                           accept_shortfall=True)
    field = key if key == "shares" else f"share-{bids[key.removeprefix('share-')].public_id}"
    assert message in " ".join(refused.value.message_dict[field])
    assert Tender.objects.get(pk=tender.pk).status == Status.EVALUATED


def test_split_shares_must_fit_the_months_together(cluster):
    # Month 1 asks 10, month 2 asks 100; each bid may deliver 10 a month (20 in all), but
    # together they fit 30 of the 40 units, not 40.
    tender = _tender(cluster, quantity=110, schedule=[10, 100])
    a = _bid(cluster, "supplier_a", tender, 100_000, 20, 10)
    b = _bid(cluster, "supplier_b", tender, 101_000, 20, 10)
    tender = _evaluated(cluster, tender)
    with clock.frozen(OPENING), pytest.raises(ValidationError) as refused:
        tender_award_split(by=cluster.users["buyer_x"], tender=tender,
                           quantities={a.pk: 20, b.pk: 20}, accept_shortfall=True)
    assert "paling banyak 30" in " ".join(refused.value.message_dict["shares"])


def test_the_optimiser_awards_a_partial_cover_once_confirmed(cluster):
    tender = _tender(cluster)
    a = _bid(cluster, "supplier_a", tender, 100_000, 30_000, 700)
    b = _bid(cluster, "supplier_b", tender, 101_000, 4200, 3000)
    tender = _evaluated(cluster, tender)
    buyer = cluster.users["buyer_x"]
    with clock.frozen(OPENING):
        # Main refused: "the shares add up to 4200, not 30000".
        with pytest.raises(ValidationError):
            tender_award_optimised(by=buyer, tender=tender)
        plan = award_preview(by=buyer, tender=tender, method=awarding.Method.OPTIMISED)
        assert plan.lots[0].reason == "capacity" and plan.lots[0].covered == 12_600
        tender_award_optimised(by=buyer, tender=tender, accept_shortfall=True)
    assert _shares() == {a.pk: 8400, b.pk: 4200}


def test_lots_without_an_admissible_bid(cluster):
    tender = _tender(cluster, lots=2)
    first, second = tender.lots.order_by("number")
    a = _bid(cluster, "supplier_a", tender, 100_000, 30_000, 2500, lot=first)
    tender = _evaluated(cluster, tender)
    with clock.frozen(OPENING):
        plan = award_preview(by=cluster.users["buyer_x"], tender=tender,
                             method=awarding.Method.WHOLE)
        assert [lot.reason for lot in plan.lots] == ["", "no_bid"]
        assert plan.lots[1].explanation == ("Lot 2: tidak ada penawaran yang memenuhi "
                                            "syarat; seluruh 30.000 unit tidak tertutup.")
        tender_award(by=cluster.users["buyer_x"], tender=tender, accept_shortfall=True)
    assert _shares() == {a.pk: 30_000}
    assert Lot.objects.get(pk=second.pk).uncovered_quantity == 30_000


def test_the_notices_say_what_each_winner_got_and_what_stays_uncovered(
        cluster, django_capture_on_commit_callbacks):
    tender = _tender(cluster)
    _bid(cluster, "supplier_a", tender, 100_000, 30_000, 700)
    tender = _evaluated(cluster, tender)
    with clock.frozen(OPENING), django_capture_on_commit_callbacks(execute=True):
        tender_award(by=cluster.users["buyer_x"], tender=tender, accept_shortfall=True)
    (text,) = Notification.objects.filter(user__email="supplier_a@example.id",
                                          text__contains="lot 1").values_list("text", flat=True)
    assert "menang untuk 8.400 dari 30.000 unit" in text
    assert "21.600 unit lot ini tidak tertutup" in text


def test_a_new_draft_tender_for_the_uncovered_quantities(cluster):
    tender = _tender(cluster)
    _bid(cluster, "supplier_a", tender, 100_000, 4200, 3000)
    tender = _evaluated(cluster, tender)
    buyer = cluster.users["buyer_x"]
    with clock.frozen(OPENING):
        tender_award(by=buyer, tender=tender, accept_shortfall=True)
        new = tender_follow_up(by=buyer, tender=tender)
        with pytest.raises(ValidationError, match=new.reference):
            tender_follow_up(by=buyer, tender=tender)  # one is enough
    assert new.follows == tender and new.status_at(OPENING) == Status.DRAFT
    assert new.title == "Blok rem 2027 (jumlah yang belum tertutup)"
    (lot,) = new.lots.all()
    # January is covered and 1,700 of February: the schedule starts in February.
    assert (lot.quantity, lot.delivery_schedule) == (25_800, [800] + [2500] * 10)
    assert new.first_delivery_month == dt.date(2027, 2, 1)
    assert (lot.product, lot.hps_unit_price) == ("Blok rem", Decimal(110_000))
    assert new.bid_deadline > OPENING and new.opening_time > new.bid_deadline
    assert new.required_documents == ["NIB"] and new.split_award_allowed


def test_the_pages_state_the_shortfall_before_the_award_and_after(client, cluster):
    tender = _tender(cluster)
    a = _bid(cluster, "supplier_a", tender, 100_000, 30_000, 700)
    tender = _evaluated(cluster, tender)
    client.force_login(cluster.users["buyer_x"])
    url = reverse("tenders:award", args=[tender.pk])
    with clock.frozen(OPENING):
        confirm = client.post(url)  # the first POST only shows what will happen
        page = confirm.content.decode()
        assert confirm.status_code == 200 and "CV Logam Sejahtera" in page
        assert "8.400 pcs" in page and "21.600 dari 30.000 unit tidak tertutup" in page
        assert 'name="accept_shortfall"' in page and 'name="confirm" value="1"' in page
        assert page_scripts(page) == ["/static/pasok/site.js"]
        assert Tender.objects.get(pk=tender.pk).awarded_at is None
        unticked = client.post(url, {"confirm": "1"})
        assert unticked.status_code == 200 and 'id="accept-shortfall-error"' in \
            unticked.content.decode()
        assert Tender.objects.get(pk=tender.pk).awarded_at is None
        done = client.post(url, {"confirm": "1", "accept_shortfall": "1"})
        assert done.status_code == 302
        detail = client.get(reverse("tenders:detail", args=[tender.pk])).content.decode()
        assert "8.400 tertutup" in detail and "21.600 belum tertutup" in detail
        assert reverse("tenders:follow-up", args=[tender.pk]) in detail
        made = client.post(reverse("tenders:follow-up", args=[tender.pk]))
    new = Tender.objects.get(follows=tender)
    assert made["Location"] == reverse("tenders:edit", args=[new.pk])
    assert _shares() == {a.pk: 8400}


def test_split_shares_on_the_evaluation_page_are_read_in_the_active_language(client,
                                                                             cluster):
    tender = _tender(cluster)
    a = _bid(cluster, "supplier_a", tender, 100_000, 30_000, 2500)
    b = _bid(cluster, "supplier_b", tender, 101_000, 4200, 3000)
    tender = _evaluated(cluster, tender)
    client.force_login(cluster.users["buyer_x"])
    url = reverse("tenders:award-split", args=[tender.pk])
    share_a, share_b = f"share-{a.public_id}", f"share-{b.public_id}"
    with clock.frozen(OPENING):
        wrong = client.post(url, {share_a: "25.800", share_b: "4.201"})
        assert wrong.status_code == 200
        body = wrong.content.decode()
        (error,) = wrong.context["split_form"].errors[share_b]
        assert "4.200" in error  # the bid's offer is the limit, written the Indonesian way
        assert 'value="25.800"' in body and 'value="4.201"' in body  # what was typed stays
        confirm = client.post(url, {share_a: "25.800", share_b: "4.200"})
        page = confirm.content.decode()
        assert confirm.status_code == 200 and "Tetapkan pemenang?" in page
        assert "25.800 pcs" in page and "tidak tertutup" not in page
        assert f'name="{share_a}" value="25800"' in page
        done = client.post(url, {share_a: "25800", share_b: "4200", "confirm": "1"})
    assert done.status_code == 302
    assert _shares() == {a.pk: 25_800, b.pk: 4200}
