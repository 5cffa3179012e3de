"""Scorecard figures (rules.scorecards): worked examples, then properties."""

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from pasok.rules.commitments import track
from pasok.rules.scorecards import (
    Order,
    Received,
    Spend,
    Tally,
    commitments_kept,
    days_late,
    lot_acceptance_rate,
    meets_small_business_target,
    ncr_response_days,
    nonconforming_ppm,
    on_time_in_full,
    otif_rate,
    payment_lateness,
    ratio,
    small_business_share,
    spend,
    tkdn_weighted,
)

JAN, FEB, MAR = dt.date(2027, 1, 1), dt.date(2027, 2, 1), dt.date(2027, 3, 1)
MONTHS = [JAN, FEB, MAR]
LATER = dt.date(2027, 6, 1)


def day(month, d):
    return month.replace(day=d)


# -- worked examples -------------------------------------------------------------------------

def test_on_time_in_full_counts_accepted_units_received_by_the_date():
    due = day(JAN, 31)
    full = Order(200, due, (Received(day(JAN, 20), 200, 200),))
    # 200 arrived in time, 20 were rejected, the replacement came in February: not in full.
    replaced_late = Order(200, due, (Received(day(JAN, 20), 200, 180),
                                     Received(day(FEB, 5), 20, 20)))
    # Two partial deliveries in time, the second a replacement: in full.
    replaced_in_time = Order(200, due, (Received(day(JAN, 10), 200, 190),
                                        Received(day(JAN, 30), 10, 10)))
    assert on_time_in_full(full, LATER) is True
    assert on_time_in_full(replaced_late, LATER) is False
    assert on_time_in_full(replaced_in_time, LATER) is True


def test_an_order_is_pending_until_its_date_passes_or_its_lots_are_inspected():
    due = day(JAN, 31)
    nothing_yet = Order(200, due)
    assert on_time_in_full(nothing_yet, due) is None  # the last day is still in time
    assert on_time_in_full(nothing_yet, day(FEB, 1)) is False
    awaiting = Order(200, due, (Received(day(JAN, 30), 200, None),))
    assert on_time_in_full(awaiting, LATER) is None  # judged once inspected
    assert on_time_in_full(Order(200, due, (Received(day(JAN, 30), 200, 200),)), due) is True


def test_otif_rate_per_month_of_the_deliver_by_date():
    orders = [Order(200, day(JAN, 31), (Received(day(JAN, 20), 200, 200),)),
              Order(200, day(FEB, 28), (Received(day(FEB, 20), 200, 150),)),
              Order(200, day(FEB, 28), (Received(day(FEB, 21), 200, 200),)),
              Order(200, day(MAR, 31))]  # pending on 15 March: counted nowhere
    rate = otif_rate(orders, MONTHS, today=day(MAR, 15))
    assert rate.overall == Decimal(200) / 3  # 2 of 3 judged: 66,67%
    assert rate.months == ((JAN, Decimal(100)), (FEB, Decimal(50)), (MAR, None))


def test_lot_acceptance_and_ppm():
    lots = [Received(day(JAN, 5), 200, 200), Received(day(JAN, 20), 200, 180),
            Received(day(FEB, 3), 20, 20), Received(day(FEB, 25), 100, None)]
    acceptance = lot_acceptance_rate(lots, MONTHS)
    assert acceptance.overall == Decimal(200) / 3  # 2 of 3 inspected lots accepted whole
    assert acceptance.months == ((JAN, Decimal(50)), (FEB, Decimal(100)), (MAR, None))
    ppm = nonconforming_ppm(lots, MONTHS)
    # 20 of 420 inspected units not accepted: 47.619 ppm.
    assert ppm.overall == Decimal(20) * 1_000_000 / 420
    assert round(ppm.overall) == 47_619
    assert ppm.months == ((JAN, Decimal(50_000)), (FEB, Decimal(0)), (MAR, None))


def test_ncr_response_days_average_the_answered_ones_by_opening_month():
    pairs = [(day(JAN, 10), day(JAN, 13)), (day(JAN, 25), day(FEB, 4)),
             (day(FEB, 2), None)]
    days = ncr_response_days(pairs, MONTHS)
    assert days.overall == Decimal("6.5")  # (3 + 10) / 2
    assert days.months == ((JAN, Decimal("6.5")), (FEB, None), (MAR, None))
    moments = [(dt.datetime(2027, 1, 10, 8), dt.datetime(2027, 1, 11, 20))]
    assert ncr_response_days(moments, MONTHS).overall == Decimal("1.5")


def test_tkdn_is_weighted_by_the_accepted_value():
    lots = [Received(day(JAN, 5), 100, 100, Decimal(450_000), Decimal(60)),
            Received(day(JAN, 9), 300, 300, Decimal(150_000), Decimal(40)),
            Received(day(JAN, 9), 50, 50, Decimal(1_000), None),  # unknown: left out
            Received(day(FEB, 9), 100, 0, Decimal(450_000), Decimal(90))]  # none accepted
    tkdn = tkdn_weighted(lots, MONTHS)
    # Rp45 juta at 60% and Rp45 juta at 40%: 50%.
    assert tkdn.overall == Decimal(50)
    assert tkdn.months == ((JAN, Decimal(50)), (FEB, None), (MAR, None))


def test_days_paid_late():
    today = day(MAR, 20)
    assert days_late(day(JAN, 31), day(JAN, 30), today) == 0
    assert days_late(day(JAN, 31), day(FEB, 14), today) == 14
    assert days_late(day(FEB, 28), None, today) == 20  # unpaid, still getting later
    assert days_late(day(MAR, 31), None, today) is None  # not due yet
    average, worst = payment_lateness(
        [(day(JAN, 31), day(JAN, 30)), (day(JAN, 31), day(FEB, 14)), (day(FEB, 28), None),
         (day(MAR, 31), None)], MONTHS, today)
    assert average.overall == Decimal(34) / 3
    assert average.months == ((JAN, Decimal(7)), (FEB, Decimal(20)), (MAR, None))
    assert worst.overall == 20
    assert worst.months == ((JAN, Decimal(14)), (FEB, Decimal(20)), (MAR, None))


def test_small_business_share_against_the_inpres_target():
    small = Received(day(JAN, 5), 100, 100, Decimal(400_000))
    large = Received(day(JAN, 6), 100, 100, Decimal(600_000))
    spends = [spend(small, size_class="small", is_cooperative=False),
              spend(large, size_class="large", is_cooperative=False),
              spend(Received(day(FEB, 2), 10, 10, Decimal(1)), size_class=None,
                    is_cooperative=True)]
    share = small_business_share(spends, MONTHS)
    assert share.months[0] == (JAN, Decimal(40))
    assert meets_small_business_target(share.months[0][1]) is True
    assert share.months[1] == (FEB, Decimal(100))  # a cooperative counts
    assert meets_small_business_target(Decimal("39.99")) is False
    assert meets_small_business_target(None) is None
    assert spend(large, size_class="medium", is_cooperative=False).small_business is False
    assert spend(large, size_class="micro", is_cooperative=False).small_business is True


def test_commitments_kept():
    # Share 30%: needs 1.000, 1.200, 800 and 300 ordered each month (rules.commitments'
    # worked example): kept, short in February, kept again by March.
    kept = track(MONTHS, {JAN: 1000, FEB: 1200, MAR: 800}, {JAN: 300, FEB: 300, MAR: 300},
                 share_percent=Decimal(30))
    # 1.200 a year, nothing ordered in February or March: behind.
    behind = track(MONTHS, {}, {JAN: 100}, units_per_year=1200)
    figure = commitments_kept([kept, behind], MONTHS)
    assert figure.overall == Decimal(50)
    assert figure.months == ((JAN, Decimal(100)), (FEB, Decimal(0)), (MAR, Decimal(50)))
    assert commitments_kept([], MONTHS).overall is None


# -- properties ------------------------------------------------------------------------------

days_in_window = st.integers(0, 89).map(lambda n: JAN + dt.timedelta(days=n))


@st.composite
def lots(draw):
    quantity = draw(st.integers(1, 1000))
    accepted = draw(st.none() | st.integers(0, quantity))
    return Received(draw(days_in_window), quantity, accepted,
                    draw(st.integers(0, 10**6).map(Decimal)),
                    draw(st.none() | st.integers(0, 100).map(Decimal)))


@st.composite
def orders(draw):
    return Order(draw(st.integers(1, 500)), draw(days_in_window),
                 tuple(draw(st.lists(lots(), max_size=4))))


def _is_percent(value):
    return value is None or 0 <= value <= 100


@given(st.lists(orders(), max_size=12), days_in_window)
def test_otif_is_a_percentage_and_each_month_within_the_whole(orders, today):
    rate = otif_rate(orders, MONTHS, today)
    assert _is_percent(rate.overall)
    values = [v for _m, v in rate.months if v is not None]
    assert all(_is_percent(v) for v in values)
    assert (rate.overall is None) == (values == [])
    if values:
        assert min(values) <= rate.overall <= max(values)


@given(orders(), days_in_window, st.integers(1, 30))
def test_a_verdict_once_given_does_not_change_later(order, today, days):
    verdict = on_time_in_full(order, today)
    if verdict is not None:
        assert on_time_in_full(order, today + dt.timedelta(days=days)) is verdict


@given(st.lists(lots(), max_size=20))
def test_lots_all_accepted_whole_exactly_when_no_part_is_nonconforming(deliveries):
    acceptance = lot_acceptance_rate(deliveries, MONTHS)
    ppm = nonconforming_ppm(deliveries, MONTHS)
    assert (acceptance.overall is None) == (ppm.overall is None)
    if ppm.overall is not None:
        assert 0 <= ppm.overall <= 1_000_000
        assert _is_percent(acceptance.overall)
        assert (acceptance.overall == 100) == (ppm.overall == 0)


def _tallies(deliveries, part, whole):
    """What a GROUP BY month would sum: part and whole of each month's rows."""
    by_month = {}
    for d in deliveries:
        month = d.received_on.replace(day=1)
        p, w = by_month.get(month, (Decimal(0), Decimal(0)))
        by_month[month] = (p + part(d), w + whole(d))
    return [Tally(m, p, w) for m, (p, w) in by_month.items()]


def test_a_ratio_of_sums_worked_example():
    # January: 1 of 2 lots whole, February: 3 of 3; March nothing.
    measure = ratio([Tally(JAN, 1, 2), Tally(FEB, 3, 3)], MONTHS)
    assert measure.overall == 80 and measure.months == ((JAN, 50), (FEB, 100), (MAR, None))
    assert ratio([Tally(JAN, 9, 2)], MONTHS, scale=1).overall == Decimal("4.5")
    assert ratio([], MONTHS).overall is None


@given(st.lists(lots(), max_size=20))
def test_sums_counted_in_the_database_give_the_row_by_row_figures(deliveries):
    inspected = [d for d in deliveries if d.inspected]
    assert ratio(_tallies(inspected, lambda d: d.accepted == d.quantity, lambda d: 1),
                 MONTHS) == lot_acceptance_rate(deliveries, MONTHS)
    known = [d for d in inspected if d.tkdn_percent is not None]
    assert ratio(_tallies(known, lambda d: d.accepted_value * d.tkdn_percent,
                          lambda d: d.accepted_value), MONTHS, scale=1) == (
        tkdn_weighted(deliveries, MONTHS))


@given(st.lists(lots(), max_size=20))
def test_weighted_tkdn_lies_between_the_lowest_and_highest(deliveries):
    tkdn = tkdn_weighted(deliveries, MONTHS).overall
    weighed = [d.tkdn_percent for d in deliveries
               if d.tkdn_percent is not None and d.accepted_value > 0]
    if not weighed:
        assert tkdn is None
    else:
        assert min(weighed) <= tkdn <= max(weighed)


@given(st.lists(st.tuples(days_in_window, st.none() | days_in_window), max_size=20),
       days_in_window)
def test_average_lateness_never_exceeds_the_worst(pairs, today):
    average, worst = payment_lateness(pairs, MONTHS, today)
    assert (average.overall is None) == (worst.overall is None)
    if worst.overall is not None:
        assert 0 <= average.overall <= worst.overall
    for (_m, a), (_m2, w) in zip(average.months, worst.months, strict=True):
        assert (a is None and w is None) or a <= w


@given(st.lists(st.builds(Spend, days_in_window, st.integers(1, 10**9).map(Decimal),
                          st.booleans()), max_size=20),
       st.integers(1, 10**9).map(Decimal), days_in_window)
def test_more_spend_with_small_business_never_lowers_its_share(spends, value, when):
    before = small_business_share(spends, MONTHS).overall
    after = small_business_share([*spends, Spend(when, value, True)], MONTHS).overall
    assert _is_percent(before) and _is_percent(after)
    assert after > 0 and (before is None or after >= before)


@given(st.lists(st.tuples(days_in_window, st.integers(0, 40)), max_size=10))
def test_response_days_are_never_negative(opened_and_delay):
    pairs = [(opened, opened + dt.timedelta(days=delay)) for opened, delay in opened_and_delay]
    days = ncr_response_days(pairs, MONTHS).overall
    assert (days is None) == (pairs == [])
    assert days is None or days >= 0
