"""Races on PostgreSQL, each side on its own connection: one wins, nothing is lost or
half-written (every tender write locks the tender row first)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.services import organisation_verify
from pasok.tenders import sealing
from pasok.tenders.models import Bid, Status, Tender
from pasok.tenders.services import (
    bid_submit,
    lot_add,
    tender_award,
    tender_cancel,
    tender_create,
    tender_evaluate,
    tender_open,
    tender_publish,
)
from tests.concurrency import race

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="row locks and real concurrency need PostgreSQL"),
]

T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
DEADLINE = T0 + dt.timedelta(days=7)


@pytest.fixture
def tender(cluster):
    organisation_verify(by=SYSTEM, organisation=cluster.supplier_a)
    buyer = cluster.users["buyer_x"]
    with clock.frozen(T0):
        tender = tender_create(by=buyer, buyer=cluster.buyer_x, title="Blok rem",
                               bid_deadline=DEADLINE,
                               opening_time=DEADLINE + dt.timedelta(hours=1))
        lot_add(by=buyer, tender=tender, product="Blok rem", quantity=100,
                unit_weight_kg=Decimal(11), hps_unit_price=Decimal(100_000))
        return tender_publish(by=buyer, tender=tender)


def _replace(cluster, tender, price):
    return lambda: bid_submit(by=cluster.users["supplier_a"], lot=tender.lots.get(),
                              unit_price=price, quantity=100, monthly_capacity=50)


def test_two_replacements_of_one_bid_at_once(cluster, tender):
    with clock.frozen(T0 + dt.timedelta(days=1)):
        _replace(cluster, tender, 100_000)()
        outcomes = race(_replace(cluster, tender, 101_000), _replace(cluster, tender, 102_000))
    assert not any(isinstance(o, Exception) for o in outcomes)
    bid = Bid.objects.get()
    content = sealing.unseal(bid.sealed)
    assert bid.version == 3  # both replacements happened, one after the other
    assert content["unit_price"] in ("101000", "102000")
    assert sealing.digest(content) == bid.digest  # the stored bid is whole


def test_an_award_racing_a_cancellation(cluster, tender):
    buyer = cluster.users["buyer_x"]
    with clock.frozen(T0 + dt.timedelta(days=1)):
        _replace(cluster, tender, 100_000)()
    with clock.frozen(DEADLINE + dt.timedelta(hours=1)):
        tender_open(by=buyer, tender=tender)
        tender_evaluate(by=buyer, tender=tender)
        outcomes = race(lambda: tender_award(by=buyer, tender=tender),
                         lambda: tender_cancel(by=buyer, tender=tender, reason="Anggaran"))
        tender = Tender.objects.get(pk=tender.pk)
        status = tender.status
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert status in (Status.AWARDED, Status.CANCELLED)
    assert bool(tender.awarded_at) != bool(tender.cancelled_at)


def test_a_bid_racing_the_deadline_is_in_or_out_whole(cluster, tender):
    with clock.frozen(DEADLINE - dt.timedelta(microseconds=1)):
        outcomes = race(_replace(cluster, tender, 100_000), _replace(cluster, tender, 99_000))
    assert not any(isinstance(o, Exception) for o in outcomes)
    with clock.frozen(DEADLINE):
        (late,) = race(_replace(cluster, tender, 98_000))
    assert isinstance(late, ValidationError)
    assert Bid.objects.get().version == 2


def test_tenders_created_at_once_each_get_their_own_reference(cluster):
    """Two buyers' people press "save" together: both tenders are saved, numbered apart
    without gaps (the year's counter row is incremented under its row lock; the first
    round also races to insert the year's row)."""
    def create(role, buyer):
        def call():
            with clock.frozen(T0):
                return tender_create(by=cluster.users[role], buyer=buyer, title=role,
                                     bid_deadline=DEADLINE,
                                     opening_time=DEADLINE + dt.timedelta(hours=1))
        return call

    for _round in range(3):
        outcomes = race(create("buyer_x", cluster.buyer_x), create("buyer_x", cluster.buyer_x),
                         create("buyer_y", cluster.buyer_y))
        assert all(isinstance(o, Tender) for o in outcomes), outcomes
    references = list(Tender.objects.values_list("reference", flat=True))
    assert sorted(references) == [f"PSK-2026-{n:05d}" for n in range(1, 10)]
