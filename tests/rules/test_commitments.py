"""A partnership commitment kept month by month (rules.commitments): the module's worked
example, units a year, and properties."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pasok.rules.commitments import kept_share, required, track

MONTHS = [dt.date(2027, m, 1) for m in range(1, 13)]
JAN, FEB, MAR = MONTHS[:3]


def test_the_worked_example_of_a_share():
    rows = track([JAN, FEB, MAR], {JAN: 1000, FEB: 1200, MAR: 800},
                 {JAN: 300, FEB: 300, MAR: 300}, share_percent=Decimal(30))
    assert [r.required for r in rows] == [300, 360, 240]
    assert [r.kept for r in rows] == [True, False, True]
    assert [r.shortfall for r in rows] == [0, 60, 0]
    assert kept_share(rows) == 1


def test_a_share_rounds_up_to_whole_units_and_an_unreported_need_requires_nothing():
    assert required(1001, share_percent=Decimal(30), units_per_year=None) == 301
    rows = track([JAN, FEB], {JAN: 100}, {}, share_percent=Decimal(50))
    assert rows[1].need is None and rows[1].required == 0
    assert rows[1].shortfall == 50  # January's 50 are still owed


def test_units_a_year_carry_from_month_to_month():
    # 1.200 a year: 100 a month; 300 ordered in January cover February and March too.
    rows = track([JAN, FEB, MAR, MONTHS[3]], {}, {JAN: 300}, units_per_year=1200)
    assert [r.kept for r in rows] == [True, True, True, False]
    assert rows[3].shortfall == 100
    assert kept_share(rows) == Decimal("0.75")


def test_a_commitment_is_a_share_or_units_never_both():
    with pytest.raises(ValueError):
        required(10, share_percent=Decimal(10), units_per_year=120)
    with pytest.raises(ValueError):
        required(10, share_percent=None, units_per_year=None)


def test_nothing_required_has_no_share():
    assert kept_share([]) is None
    assert kept_share(track([JAN], {JAN: 0}, {JAN: 5}, share_percent=Decimal(30))) is None


units = st.integers(0, 10_000)
month_counts = st.integers(1, 12)


@given(month_counts, st.dictionaries(st.sampled_from(MONTHS), units),
       st.dictionaries(st.sampled_from(MONTHS), units),
       st.decimals(min_value=Decimal("0.01"), max_value=100, places=2))
def test_kept_share_is_at_most_one_and_shortfall_follows_the_totals(n, needs, ordered, share):
    rows = track(MONTHS[:n], needs, ordered, share_percent=share)
    assert len(rows) == n
    share_kept = kept_share(rows)
    assert share_kept is None or 0 <= share_kept <= 1
    for r in rows:
        assert r.shortfall == max(0, r.cumulative_required - r.cumulative_ordered)
        assert r.kept == (r.shortfall == 0)
        assert r.required >= (r.need or 0) * share / 100


@given(month_counts, st.dictionaries(st.sampled_from(MONTHS), units),
       st.sampled_from(MONTHS), st.integers(1, 1000), st.integers(1, 100_000))
def test_ordering_more_never_keeps_less(n, ordered, month, extra, per_year):
    before = track(MONTHS[:n], {}, ordered, units_per_year=per_year)
    more = {**ordered, month: ordered.get(month, 0) + extra}
    after = track(MONTHS[:n], {}, more, units_per_year=per_year)
    assert kept_share(after) >= kept_share(before)
    assert all(a.kept or not b.kept for a, b in zip(after, before, strict=True))
