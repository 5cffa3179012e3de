"""The business-matching funnel (rules.funnel): worked examples and properties."""

import datetime as dt
from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pasok.rules import funnel


def test_the_worked_example():
    counts = funnel.reached([1, 1, 2, 3, 5], 6)
    assert counts == [5, 3, 2, 1, 1, 0]
    steps = funnel.conversion(counts)
    assert [s.from_previous for s in steps] == [None, Decimal("60.00"), Decimal("66.67"),
                                                Decimal("50.00"), Decimal("100.00"),
                                                Decimal("0.00")]
    assert steps[4].overall == Decimal("20.00")


def test_no_pairings_no_rates():
    steps = funnel.conversion([0, 0, 0])
    assert [(s.count, s.from_previous, s.overall) for s in steps] == [
        (0, None, None), (0, None, None), (0, None, None)]


def test_a_stage_skipped_is_reached_on_the_day_of_the_later_one():
    days = {1: dt.date(2027, 1, 5), 5: dt.date(2027, 3, 1)}
    assert funnel.reached_on(days, 1) == dt.date(2027, 1, 5)
    assert funnel.reached_on(days, 2) == dt.date(2027, 3, 1)
    assert funnel.reached_on(days, 5) == dt.date(2027, 3, 1)
    assert funnel.reached_on(days, 6) is None


def test_refuses_what_cannot_be():
    with pytest.raises(ValueError):
        funnel.reached([7], 6)
    with pytest.raises(ValueError):
        funnel.conversion([2, 3])


@given(st.lists(st.integers(1, 6), max_size=40))
def test_steps_multiply_to_the_overall_rate(highest):
    counts = funnel.reached(highest, 6)
    assert counts[0] == len(highest)
    assert all(a >= b for a, b in pairwise(counts))
    steps = funnel.conversion(counts)
    for i, step in enumerate(steps):
        assert step.overall is None or Decimal(0) <= step.overall <= Decimal(100)
        if i and step.from_previous is not None:
            assert Decimal(0) <= step.from_previous <= Decimal(100)
        if counts[0]:
            exact = Decimal(1)
            for before, after in pairwise(counts[:i + 1]):
                exact = exact * after / before if before else Decimal(0)
            assert abs(100 * exact - step.overall) <= Decimal("0.005")
