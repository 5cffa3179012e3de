"""Capacity warnings (tenders.capacity_warnings): a bid that, if it won all it offers, would
need more in a month than its maker has free — its monthly capacity less what is already
booked — is accepted with a warning naming the months and the shortfall, in the reader's
language and numbers; the award's confirmation page warns the buyer the same way."""

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.services import organisation_create, organisation_verify
from pasok.suppliers.services import profile_save
from pasok.tenders.capacity_warnings import Overload, for_bid
from pasok.tenders.services import (
    bid_submit,
    lot_add,
    tender_award,
    tender_create,
    tender_evaluate,
    tender_open,
    tender_publish,
)
from tests.conftest import make_nib, make_npwp

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
DEADLINE = T0 + dt.timedelta(days=7)
OPENING = DEADLINE + dt.timedelta(hours=1)
DURING = T0 + dt.timedelta(days=1)
JAN, FEB = dt.date(2027, 1, 1), dt.date(2027, 2, 1)
REST_OF_THE_FORM = {"origin": "domestic", "siinas_registered": "on"}


def _tender(cluster, schedule, title="Blok rem 2027"):
    buyer = cluster.users["buyer_x"]
    with clock.frozen(T0):
        tender = tender_create(by=buyer, buyer=cluster.buyer_x, title=title,
                               bid_deadline=DEADLINE, opening_time=OPENING,
                               first_delivery_month=JAN)
        lot_add(by=buyer, tender=tender, product="Blok rem", quantity=sum(schedule),
                unit_weight_kg=Decimal(10), hps_unit_price=Decimal(120_000),
                delivery_schedule=list(schedule))
        return tender_publish(by=buyer, tender=tender)


def _opened(cluster, tender):
    buyer = cluster.users["buyer_x"]
    with clock.frozen(OPENING):
        tender_open(by=buyer, tender=tender)
        tender_evaluate(by=buyer, tender=tender)


@pytest.fixture
def booked(cluster):
    """Supplier A melts 8.000 kg a month, and an earlier award holds 3.000 kg of January:
    5.000 kg free in January, 8.000 in February."""
    organisation_verify(by=SYSTEM, organisation=cluster.supplier_a)
    profile_save(by=SYSTEM, organisation=cluster.supplier_a, fields={"monthly_capacity_kg": 8000})
    earlier = _tender(cluster, [300], title="Blok rem Januari")
    with clock.frozen(DURING):
        bid_submit(by=cluster.users["supplier_a"], lot=earlier.lots.get(), unit_price=100_000,
                   quantity=300, monthly_capacity=300, siinas_registered=True)
    _opened(cluster, earlier)
    with clock.frozen(OPENING):
        tender_award(by=cluster.users["buyer_x"], tender=earlier)
    return _tender(cluster, [600, 400])  # 6.000 kg in January, 4.000 in February


def _post(client, tender, monthly, language=None):
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with clock.frozen(DURING):
        return client.post(reverse("tenders:bid", args=[tender.pk, tender.lots.get().pk]), {
            "unit_price": "100000", "quantity": "1000", "monthly_capacity": monthly,
            **REST_OF_THE_FORM}, follow=True)


def _warning(response) -> str:
    body = response.content.decode()
    start = body.find('id="capacity-warnings"')
    return body[start:body.find("</div>", start)] if start >= 0 else ""


def test_the_bid_is_accepted_with_a_warning_naming_the_month_and_the_shortfall(client,
                                                                               cluster,
                                                                               booked):
    client.force_login(cluster.users["supplier_a"])
    receipt = _post(client, booked, "600", language="en")
    assert "receipt-digest" in receipt.content.decode()  # accepted all the same
    assert booked.bids.get().version == 1
    # January: 600 units × 10 kg = 6.000 kg of the 5.000 left free; February fits.
    assert ("CV Logam Sejahtera, January 2027: 6,000 kg needed, 5,000 kg free "
            "(1,000 kg short)") in _warning(receipt)
    assert "February" not in _warning(receipt)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    with clock.frozen(DURING):  # the bid page, to replace it, warns from the standing bid
        page = client.get(reverse("tenders:bid", args=[booked.pk, booked.lots.get().pk]))
    warning = _warning(page)
    assert "Januari 2027" in warning and "6.000 kg" in warning and "1.000 kg" in warning


def test_a_bid_within_what_is_free_has_no_warning(client, cluster, booked):
    client.force_login(cluster.users["supplier_a"])
    receipt = _post(client, booked, "500")  # 5.000 kg in January: exactly what is free
    assert "receipt-digest" in receipt.content.decode()
    assert _warning(receipt) == ""


def test_a_refused_bid_keeps_the_warning_for_what_was_typed(client, cluster, booked):
    client.force_login(cluster.users["supplier_a"])
    with clock.frozen(DURING):
        refused = client.post(reverse("tenders:bid", args=[booked.pk, booked.lots.get().pk]), {
            "unit_price": "100000", "quantity": "1200", "monthly_capacity": "600",
            **REST_OF_THE_FORM})  # more units than the lot has: the service refuses
    assert refused.status_code == 200 and not booked.bids.exists()
    assert "6.000 kg" in _warning(refused)


def test_a_cooperatives_warning_names_the_member_that_lacks_capacity(cluster):
    second = organisation_create(by=SYSTEM, name="CV Cor Baja Lestari", kind="supplier",
                                 nib=make_nib(41), npwp=make_npwp(41), province="Jawa Tengah",
                                 regency="Klaten", cooperative=cluster.cooperative)
    profile_save(by=SYSTEM, organisation=cluster.member, fields={"monthly_capacity_kg": 3000})
    profile_save(by=SYSTEM, organisation=second, fields={"monthly_capacity_kg": 10_000})
    tender = _tender(cluster, [600, 400])
    # January's 6.000 kg: 60% (3.600 kg) from the member, 40% from the second.
    assert for_bid(lot=tender.lots.get(), bidder_id=cluster.cooperative.pk, quantity=1000,
                   monthly_capacity=600, members=[(cluster.member.pk, 600), (second.pk, 400)]
                   ) == [Overload("UD Sinar Besi", JAN, 3600, 3000)]


def test_the_award_confirmation_warns_the_buyer(client, cluster, booked):
    with clock.frozen(DURING):
        bid_submit(by=cluster.users["supplier_a"], lot=booked.lots.get(), unit_price=100_000,
                   quantity=1000, monthly_capacity=600, siinas_registered=True)
    _opened(cluster, booked)
    client.force_login(cluster.users["buyer_x"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with clock.frozen(OPENING):
        asked = client.post(reverse("tenders:award", args=[booked.pk]))
        assert ("CV Logam Sejahtera, January 2027: 6,000 kg needed, 5,000 kg free "
                "(1,000 kg short)") in _warning(asked)
        done = client.post(reverse("tenders:award", args=[booked.pk]), {"confirm": "1"})
    assert done.status_code == 302  # a warning, not a refusal
    booked.refresh_from_db()
    assert booked.awarded_at is not None
