"""Scorecards and the commitment tracker read from the contracts models: the worked
scenario of scenario.py, figure by figure."""

import datetime as dt
from decimal import Decimal

import pytest

from pasok import clock
from pasok.accounts.models import Organisation
from pasok.contracts import services
from pasok.scorecards import selectors
from tests.contracts.conftest import FEB, JAN, MAR, accepted_call_off, signed_contract

from .scenario import TODAY, three_months

pytestmark = pytest.mark.django_db


def _by_month(figure):
    return {m: v for m, v in figure.measure.months if v is not None}


def test_the_window_is_the_last_twelve_months():
    months = selectors.window(TODAY)
    assert months[0] == dt.date(2026, 4, 1) and months[-1] == MAR and len(months) == 12


def test_a_suppliers_scorecard(cluster, contract):
    three_months(cluster, contract)
    card = selectors.supplier_scorecard(cluster.supplier_a, TODAY)
    assert card.side == selectors.SUPPLIER
    otif = card.figure("on-time-in-full")
    # January's order was short by its date (the replacement came late); February's was
    # in full; March's is still open.
    assert otif.measure.overall == 50
    assert _by_month(otif) == {JAN: 0, FEB: 100}
    lots = card.figure("lot-acceptance")
    assert lots.measure.overall == Decimal(200) / 3
    assert _by_month(lots) == {JAN: 0, FEB: 100}
    ppm = card.figure("nonconforming-ppm")
    assert round(ppm.measure.overall) == 47_619  # 20 of 420 units
    assert _by_month(ppm) == {JAN: 100_000, FEB: 0}
    assert card.figure("tkdn-delivered").measure.overall == 45
    # Non-conformance reports are the inspection app's: not wired yet.
    assert card.figure("ncr-response").measure.overall is None


def test_a_cooperatives_scorecard_counts_its_members_orders_and_others_see_none(
        cluster, contract):
    three_months(cluster, contract)
    assert selectors.supplier_scorecard(cluster.supplier_b, TODAY).figure(
        "lot-acceptance").measure.overall is None


def test_a_buyers_scorecard(cluster, contract):
    three_months(cluster, contract)
    commitment = services.commitment_sign(
        by=cluster.users["buyer_x"], buyer=cluster.buyer_x, partners=[cluster.supplier_a],
        family="brake_block", starts_on=JAN, ends_on=dt.date(2027, 12, 31),
        units_per_year=2400)
    card = selectors.buyer_scorecard(cluster.buyer_x, TODAY)
    assert card.side == selectors.BUYER
    # Supplier A is a micro business (capital Rp800 juta): all of the spend.
    share = card.figure("small-business-share")
    assert share.measure.overall == 100 and share.target == 40
    assert card.figure("tkdn-purchased").measure.overall == 45
    # 200 a month promised, 200 a month ordered: kept.
    assert card.figure("commitments-kept").measure.overall == 100
    assert selectors.commitment_tracker(commitment, TODAY).kept_share == 1
    # Payments are the payments app's: not wired yet.
    assert card.figure("days-late-average").measure.overall is None
    assert card.figure("days-late-worst").measure.overall is None


def test_spend_with_a_medium_supplier_does_not_count_towards_the_target(cluster, contract):
    three_months(cluster, contract)
    Organisation.objects.filter(pk=cluster.supplier_a.pk).update(size_class="medium")
    share = selectors.buyer_scorecard(cluster.buyer_x, TODAY).figure("small-business-share")
    assert share.measure.overall == 0


def test_scorecard_reads_the_buyer_or_the_supplier_side(cluster, contract):
    assert selectors.scorecard(cluster.buyer_x, TODAY).side == selectors.BUYER
    assert selectors.scorecard(cluster.cooperative, TODAY).side == selectors.SUPPLIER
    assert not selectors.has_scorecard(cluster.ministry)


# -- the commitment tracker ----------------------------------------------------------------------

def _commit(cluster, partners, buyer=None, **terms):
    buyer = buyer or cluster.buyer_x
    role = "buyer_x" if buyer == cluster.buyer_x else "buyer_y"
    return services.commitment_sign(
        by=cluster.users[role], buyer=buyer, partners=partners,
        family=terms.pop("family", "brake_block"), starts_on=JAN,
        ends_on=dt.date(2029, 12, 31), **terms)


def _issued(cluster, contract, month, quantity, maker=None):
    with clock.frozen(dt.datetime.combine(month, dt.time(2), tzinfo=dt.UTC)):
        return services.call_off_issue(by=cluster.users["buyer_x"], item=contract.items.get(),
                                       month=month, quantity=quantity, maker=maker)


def test_the_tracker_counts_orders_to_the_partners_not_declined(cluster, contract):
    commitment = _commit(cluster, [cluster.supplier_a], share_percent=Decimal(50))
    for month, units in ((JAN, 400), (FEB, 400), (MAR, 500)):
        services.commitment_need_record(by=cluster.users["buyer_x"], commitment=commitment,
                                        month=month, units=units)
    accepted_call_off(cluster, contract, JAN, quantity=200)
    declined = _issued(cluster, contract, FEB, 200)
    services.call_off_answer(by=cluster.users["supplier_a"], call_off=declined, accept=False,
                             reason="Tungku dalam perbaikan")
    _issued(cluster, contract, FEB, 150)  # issued, not answered yet: ordered
    tracker = selectors.commitment_tracker(commitment, TODAY)
    assert [r.month for r in tracker.rows] == [JAN, FEB, MAR]
    assert [r.required for r in tracker.rows] == [200, 200, 250]
    assert [r.ordered for r in tracker.rows] == [200, 150, 0]
    assert [r.kept for r in tracker.rows] == [True, False, False]
    assert tracker.rows[-1].shortfall == 300
    assert tracker.kept_share == Decimal(350) / 650


def test_orders_of_another_family_buyer_or_supplier_do_not_count(cluster, contract):
    accepted_call_off(cluster, contract, JAN, quantity=200)
    other_family = _commit(cluster, [cluster.supplier_a], family="brake_disc",
                           units_per_year=1200)
    other_buyer = _commit(cluster, [cluster.supplier_a], buyer=cluster.buyer_y,
                          units_per_year=1200)
    other_partner = _commit(cluster, [cluster.supplier_b], units_per_year=1200)
    for commitment in (other_family, other_buyer, other_partner):
        tracker = selectors.commitment_tracker(commitment, TODAY)
        assert [r.ordered for r in tracker.rows] == [0, 0, 0]
        assert tracker.kept_share == 0


def test_a_partner_cooperative_counts_its_members_and_a_member_its_own_orders(cluster):
    contract = signed_contract(cluster, supplier=cluster.cooperative)
    _issued(cluster, contract, JAN, 120, maker=cluster.member)
    _issued(cluster, contract, JAN, 80)  # made by the cooperative itself
    by_cooperative = _commit(cluster, [cluster.cooperative], units_per_year=1200)
    by_member = _commit(cluster, [cluster.member], units_per_year=1200)
    assert selectors.commitment_tracker(by_cooperative, TODAY).rows[0].ordered == 200
    assert selectors.commitment_tracker(by_member, TODAY).rows[0].ordered == 120


def test_a_commitment_not_started_has_no_months(cluster):
    commitment = _commit(cluster, [cluster.supplier_a], units_per_year=1200)
    tracker = selectors.commitment_tracker(commitment, dt.date(2026, 12, 20))
    assert tracker.rows == [] and tracker.kept_share is None


def test_every_commitment_of_a_buyer_in_a_fixed_number_of_queries(
        cluster, contract, django_assert_max_num_queries):
    accepted_call_off(cluster, contract, JAN, quantity=200)
    for partner in (cluster.supplier_a, cluster.supplier_b, cluster.cooperative):
        _commit(cluster, [partner], units_per_year=1200)
    with django_assert_max_num_queries(5):
        trackers = selectors.commitment_trackers(cluster.buyer_x, TODAY)
    assert [t.kept_share for t in trackers] == [Decimal(200) / 300, 0, 0]


# -- the hooks the inspection and payments apps will feed ----------------------------------------

def test_ncr_response_times_are_read_from_the_inspection_app(cluster, contract):
    from pasok import clock
    from pasok.inspection.services import ncr_respond
    from tests.inspection.factories import deliveries, inspected

    lots = deliveries(cluster, contract, [200, 200])
    rejected = inspected(cluster, lots[0], 10)  # n 32, Ac 5 at AQL 2.5: not accepted
    inspected(cluster, lots[1], 9, at=dt.datetime(2027, 1, 21, 3, tzinfo=dt.UTC))
    with clock.frozen(dt.datetime(2027, 1, 24, 3, tzinfo=dt.UTC)):
        ncr_respond(by=cluster.users["supplier_a"], ncr=rejected.ncr, root_cause="Pendinginan",
                    corrective_action="Cetakan didinginkan lebih lama")
    assert sorted(selectors.ncr_responses(cluster.supplier_a, JAN)) == [
        (dt.date(2027, 1, 20), dt.date(2027, 1, 24)), (dt.date(2027, 1, 21), None)]
    assert selectors.ncr_responses(cluster.supplier_b, JAN) == []


def test_ncr_response_times_come_from_the_inspection_hook(cluster, monkeypatch):
    asked = []

    def responses(organisation, since):
        asked.append((organisation, since))
        return [(dt.date(2027, 1, 21), dt.date(2027, 1, 25)), (dt.date(2027, 2, 6), None)]
    monkeypatch.setattr(selectors, "ncr_responses", responses)
    figure = selectors.supplier_scorecard(cluster.supplier_a, TODAY).figure("ncr-response")
    assert asked == [(cluster.supplier_a, dt.date(2026, 4, 1))]
    assert figure.measure.overall == 4 and _by_month(figure) == {JAN: 4}


def test_days_paid_late_are_read_from_the_payments_app(cluster, contract):
    from pasok import clock
    from pasok.contracts.models import Delivery
    from pasok.payments.services import invoice_issue, payment_record
    from tests.contracts.conftest import accepted_call_off, delivered

    lots = [delivered(cluster, accepted_call_off(cluster, contract, quantity=10), 10,
                      dt.date(2027, 1, 10), note=f"SJ-{i}") for i in range(2)]
    Delivery.objects.filter(pk__in=[d.pk for d in lots]).update(
        accepted_quantity=10, accepted_on=dt.date(2027, 1, 11))
    with clock.frozen(dt.datetime(2027, 1, 12, 3, tzinfo=dt.UTC)):
        invoices = [invoice_issue(by=cluster.users["supplier_a"], contract=contract,
                                  number=f"INV-{i}", issued_on=dt.date(2027, 1, 12),
                                  lines=[(d, 10)]) for i, d in enumerate(lots)]
    with clock.frozen(dt.datetime(2027, 2, 20, 3, tzinfo=dt.UTC)):
        payment_record(by=cluster.users["buyer_x"], invoice=invoices[0],
                       amount=invoices[0].amount, paid_on=dt.date(2027, 2, 20),
                       reference="TRF-1")
    due = dt.date(2027, 2, 10)  # accepted 11 January + 30 days
    assert sorted(selectors.invoice_due_and_settled(cluster.buyer_x, JAN),
                  key=lambda p: p[1] is None) == [(due, dt.date(2027, 2, 20)), (due, None)]
    assert selectors.invoice_due_and_settled(cluster.buyer_y, JAN) == []


def test_days_paid_late_come_from_the_payments_hook(cluster, monkeypatch):
    monkeypatch.setattr(selectors, "invoice_due_and_settled", lambda organisation, since: [
        (dt.date(2027, 2, 20), dt.date(2027, 2, 19)), (dt.date(2027, 2, 20), dt.date(2027, 3, 2)),
        (dt.date(2027, 3, 10), None)])
    card = selectors.buyer_scorecard(cluster.buyer_x, TODAY)
    # On time, 10 days late, and unpaid 5 days past due on 15 March.
    assert card.figure("days-late-average").measure.overall == 5
    assert _by_month(card.figure("days-late-worst")) == {FEB: 10, MAR: 5}
