"""Migration 0011: awards made before the Award record get one, with the opened bid's price
and TKDN, the rule from the award's audit entry, and their months moved onto it."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.migrations import migrate_to

BEFORE = [("tenders", "0011_award_record"), ("audit", "0002_append_only_triggers")]
AFTER = [("tenders", "0013_award_record_final")]
AT = dt.datetime(2026, 3, 2, 3, tzinfo=dt.UTC)
JAN, FEB = dt.date(2026, 4, 1), dt.date(2026, 5, 1)


def _old_award(apps) -> tuple:
    """A tender split by hand, as main stored it: 700 + 300 units on the evaluations."""
    Organisation = apps.get_model("accounts", "Organisation")
    User = apps.get_model("accounts", "User")
    Tender, Lot = apps.get_model("tenders", "Tender"), apps.get_model("tenders", "Lot")
    Bid, Evaluation = apps.get_model("tenders", "Bid"), apps.get_model("tenders", "BidEvaluation")
    Month = apps.get_model("tenders", "AwardedMonth")
    buyer = Organisation.objects.create(name="PT Pembeli", kind="buyer", created_at=AT)
    person = User.objects.create(email="p@example.id",
                                 full_name="P", organisation=buyer)
    tender = Tender.objects.create(buyer=buyer, reference="T-1", title="Blok rem",
                                   bid_deadline=AT, opening_time=AT, created_at=AT,
                                   awarded_at=AT, split_award_allowed=True)
    lot = Lot.objects.create(tender=tender, number=1, product="Blok", unit_weight_kg=10,
                             quantity=1000, hps_unit_price=200_000)
    bids = []
    for name, price, units, tkdn in (("CV A", "120000", 700, "45.00"),
                                     ("CV B", "121000", 300, None)):
        org = Organisation.objects.create(name=name, kind="supplier", created_at=AT)
        content = {"unit_price": price, "quantity": units, "monthly_capacity": units,
                   "origin": "domestic", "tkdn_percent": tkdn, "bmp_percent": "0",
                   "tkdn_source": "certificate:1" if tkdn else "", "nonce": "n"}
        bid = Bid.objects.create(tender=tender, lot=lot, bidder=org, submitted_by=person,
                                 sealed=b"x", digest="d", submitted_at=AT,
                                 opened_content=content)
        e = Evaluation.objects.create(bid=bid, admissible=True, rank=len(bids) + 1,
                                      awarded=True, awarded_quantity=units)
        Month.objects.create(evaluation=e, month=JAN, units=units - 100)
        Month.objects.create(evaluation=e, month=FEB, units=100)
        bids.append(bid.pk)
    apps.get_model("audit", "AuditEvent").objects.create(
        at=AT, actor_label="P", action="tender.award_split", object_type="tenders.tender",
        object_id=str(tender.pk))
    return bids


@pytest.mark.django_db(transaction=True)
def test_awards_made_before_the_record_get_their_records_and_months(back_to_latest):
    a, b = _old_award(migrate_to(BEFORE))
    apps = migrate_to(AFTER)
    Award = apps.get_model("tenders", "Award")
    awards = {x.bid_id: x for x in Award.objects.all()}
    assert set(awards) == {a, b}
    assert (awards[a].quantity, awards[a].unit_price, awards[a].value, awards[a].share) == (
        700, Decimal("120000.00"), Decimal("84000000.00"), Decimal("0.700000"))
    assert (awards[a].tkdn_percent, awards[a].tkdn_source) == (Decimal("45.00"),
                                                               "certificate:1")
    assert awards[b].tkdn_percent is None and awards[b].share == Decimal("0.300000")
    assert {x.rule for x in awards.values()} == {"hand_split"}
    assert all(x.awarded_at == AT for x in awards.values())
    months = apps.get_model("tenders", "AwardedMonth").objects.values_list(
        "award__bid_id", "month", "units")
    assert sorted(months) == sorted([(a, JAN, 600), (a, FEB, 100), (b, JAN, 200),
                                     (b, FEB, 100)])
