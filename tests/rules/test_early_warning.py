"""Early warning of substitution: cluster orders falling while the need holds (issue 13)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pasok.rules.early_warning import NEED_FALL, ORDERS_FALL, WINDOW_MONTHS, assess

D = Decimal


def test_kai_halves_its_orders_while_its_need_holds():
    # The demo: 6,000 a month called off, then 3,000 for three months; need 15,000 a month.
    result = assess([6000] * 3 + [3000] * 3, [15000] * 6)
    assert result.warns
    assert (result.orders_before, result.orders_after) == (6000, 3000)
    assert (result.need_before, result.need_after) == (15000, 15000)
    assert not result.need_rose


def test_only_the_last_two_windows_count():
    # Nine months; the first three (orders 0) are outside the two windows.
    assert assess([0] * 3 + [6000] * 3 + [3000] * 3, [15000] * 9).warns


def test_the_thresholds():
    # The defaults: orders down exactly 25% (4,000 → 3,000) warns; 24.9% does not.
    assert assess([4000] * 3 + [3000] * 3, [9000] * 6).warns
    assert not assess([4000] * 3 + [3004] * 3, [9000] * 6).warns
    # Need down 9.9%: still holding; down exactly 10%: it explains the fall.
    assert assess([4000] * 3 + [2000] * 3, [1000] * 3 + [901] * 3).warns
    assert not assess([4000] * 3 + [2000] * 3, [1000] * 3 + [900] * 3).warns


def test_need_falling_with_the_orders_is_no_warning():
    assert not assess([6000] * 3 + [3000] * 3, [15000] * 3 + [7500] * 3).warns


def test_a_rising_need_with_falling_orders_warns():
    result = assess([6000, 6000, 6000, 4000, 4000, 4000], [8000] * 3 + [9000] * 3)
    assert result.warns and result.need_rose


def test_averages_smooth_a_lumpy_month():
    # One month without an order in the later quarter: (6,000 + 0 + 6,000)/3 = 4,000, a
    # third down: it warns; the same zero moved to the earlier quarter does not.
    assert assess([6000] * 3 + [6000, 0, 6000], [15000] * 6).warns
    assert not assess([6000, 0, 6000] + [6000] * 3, [15000] * 6).warns


def test_no_orders_before_is_no_warning():
    assert not assess([0] * 6, [15000] * 6).warns


def test_other_windows_and_thresholds():
    assert assess([10, 5], [10, 10], window=1).warns
    assert not assess([10, 8], [10, 10], window=1).warns
    assert assess([10, 8], [10, 10], window=1, orders_fall=D("0.2")).warns
    assert not assess([10, 5], [10, 9], window=1, need_fall=D("0.1")).warns


def test_series_must_cover_two_windows_of_the_same_months():
    with pytest.raises(ValueError):
        assess([1] * 5, [1] * 5)
    with pytest.raises(ValueError):
        assess([1] * 6, [1] * 7)


units = st.integers(0, 100_000)
months = st.integers(2 * WINDOW_MONTHS, 12)


@st.composite
def series(draw):
    n = draw(months)
    return draw(st.lists(units, min_size=n, max_size=n)), draw(
        st.lists(units, min_size=n, max_size=n))


@given(series(), st.integers(1, 50))
def test_the_verdict_does_not_depend_on_the_unit(pair, k):
    ordered, needed = pair
    assert (assess(ordered, needed).warns
            == assess([k * v for v in ordered], [k * v for v in needed]).warns)


@given(series())
def test_a_warning_means_orders_fell_by_a_quarter_and_need_held(pair):
    result = assess(*pair)
    if result.warns:
        assert result.orders_after <= result.orders_before * (1 - ORDERS_FALL)
        assert result.need_after > result.need_before * (1 - NEED_FALL) or not (
            result.need_before)


@given(series())
def test_orders_that_did_not_fall_never_warn(pair):
    ordered, needed = pair
    later = ordered[-WINDOW_MONTHS:]
    steady = ordered[:-2 * WINDOW_MONTHS] + later + later
    assert not assess(steady, needed).warns


@given(series(), st.integers(1, 5))
def test_need_moving_with_the_orders_never_warns(pair, k):
    # The buyer orders a fixed part of its need from the cluster: any fall is the need's.
    ordered, _ = pair
    assert not assess(ordered, [k * v for v in ordered]).warns
