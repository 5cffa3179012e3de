"""How much of a lot's schedule bids can cover (tenders/cover.py): worked examples, and the
properties of the flow: never more than a bid offers, in all or in a month, never more than
a month asks, as much as possible, earliest months first."""

from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import linprog

from pasok.tenders.cover import Offer, allocate, deliverable, most_coverable, periods, uncovered


def test_a_bid_of_700_a_month_covers_8400_of_a_30000_lot_over_twelve_months():
    months = [2500] * 12
    assert deliverable(months, Offer(30_000, 700)) == 8400
    (row,) = allocate(months, [30_000], [700])
    assert row == [700] * 12
    assert uncovered(months, [row]) == [1800] * 12


def test_what_a_bid_offers_in_all_fills_the_first_months():
    months = [2500] * 12
    assert deliverable(months, Offer(4200, 3000)) == 4200
    (row,) = allocate(months, [4200], [3000])
    assert row == [2500, 1700] + [0] * 10
    assert uncovered(months, [row]) == [0, 800] + [2500] * 10


def test_without_a_schedule_only_the_quantity_offered_limits():
    months = periods([], 30_000)
    assert months == [30_000]
    assert deliverable(months, Offer(30_000, None)) == 30_000
    assert deliverable(months, Offer(12_000, None)) == 12_000


def test_bids_share_the_months():
    # Month 1 asks 10, month 2 asks 100; two bids of 10 a month can deliver 30, not 40.
    months = [10, 100]
    assert deliverable(months, Offer(20, 10)) == 20
    assert most_coverable(months, [Offer(20, 10), Offer(20, 10)]) == 30
    flows = allocate(months, [20, 20], [10, 10])
    assert [sum(col) for col in zip(*flows, strict=True)] == [10, 20]


def test_a_bid_with_nothing_to_give_or_a_month_asking_nothing():
    assert allocate([0, 5], [3], [10]) == [[0, 3]]
    assert allocate([5], [0], [10]) == [[0]]
    assert most_coverable([5, 5], []) == 0


schedules = st.lists(st.integers(min_value=0, max_value=500), min_size=1, max_size=8)
offers = st.lists(st.tuples(st.integers(min_value=0, max_value=2000),
                            st.one_of(st.none(), st.integers(min_value=1, max_value=400))),
                  min_size=1, max_size=5)


@given(schedules, offers)
def test_the_flow_keeps_every_limit_and_is_as_large_as_can_be(months, given_offers):
    supplies = [q for q, _m in given_offers]
    monthly = [m for _q, m in given_offers]
    flows = allocate(months, supplies, monthly)
    for row, supply, cap in zip(flows, supplies, monthly, strict=True):
        assert sum(row) <= supply
        assert all(0 <= x <= (cap if cap is not None else x) for x in row)
    for m, demand in enumerate(months):
        assert sum(row[m] for row in flows) <= demand
    total = sum(map(sum, flows))
    assert total == _linear_optimum(months, supplies, monthly)
    if len(given_offers) == 1:  # one bid alone: the closed form
        assert total == deliverable(months, Offer(*given_offers[0]))


def _linear_optimum(months, supplies, monthly) -> int:
    """The most the bids can deliver, from a linear programme (a flow problem's optimum is
    whole)."""
    n, count = len(supplies), len(months)
    rows, bounds = [], []
    for i in range(n):
        rows.append([1 if k // count == i else 0 for k in range(n * count)])
        bounds.append(supplies[i])
    for m in range(count):
        rows.append([1 if k % count == m else 0 for k in range(n * count)])
        bounds.append(months[m])
    caps = [(0, months[k % count] if monthly[k // count] is None
             else min(months[k % count], monthly[k // count])) for k in range(n * count)]
    result = linprog([-1] * (n * count), A_ub=rows, b_ub=bounds, bounds=caps, method="highs")
    return round(-result.fun)


@given(schedules, offers)
def test_earlier_months_are_filled_first(months, given_offers):
    supplies = [q for q, _m in given_offers]
    monthly = [m for _q, m in given_offers]
    flows = allocate(months, supplies, monthly)
    # Dropping the last month changes nothing before it: what month m gets is the most the
    # months up to m can take.
    if len(months) > 1:
        shorter = allocate(months[:-1], supplies, monthly)
        assert sum(map(sum, shorter)) == sum(sum(row[:-1]) for row in flows)
