"""A cooperative's TKDN from its members' values, weighted by the units each makes
(rules.cooperative_tkdn): worked examples by hand, and the properties that make it the
combined TKDN of Permenperin 35/2025 at one unit price."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pasok.rules.cooperative_tkdn import weighted_by_units
from pasok.rules.tkdn import combined_tkdn


def test_the_worked_example():
    # A 45% × 600 units, B 30% × 400 units: (27,000 + 12,000) / 1,000 = 39%.
    assert weighted_by_units([(Decimal(45), 600), (Decimal(30), 400)]) == Decimal("39.00")


def test_stated_to_two_decimals_rounded_down():
    # (48.18 × 1 + 45.13 × 2) / 3 = 138.44 / 3 = 46.146666… → 46.14, never 46.15.
    assert weighted_by_units([(Decimal("48.18"), 1), (Decimal("45.13"), 2)]) == Decimal("46.14")
    # 24.999…% stays below a 25% minimum.
    assert weighted_by_units([(Decimal("25.00"), 2), (Decimal("24.99"), 1)]) == Decimal("24.99")


def test_one_member_is_its_own_value_and_nobody_makes_nothing():
    assert weighted_by_units([(Decimal("37.50"), 1000)]) == Decimal("37.50")
    with pytest.raises(ValueError, match="more than 0"):
        weighted_by_units([(Decimal(40), 1000), (Decimal(90), 0)])
    with pytest.raises(ValueError):
        weighted_by_units([])


percents = st.decimals(min_value=0, max_value=100, places=2)
units = st.integers(min_value=1, max_value=10_000_000)


@given(st.lists(st.tuples(percents, units), min_size=1, max_size=8),
       st.decimals(min_value=1, max_value=10_000_000_000, places=2))
def test_it_is_the_combined_tkdn_at_one_unit_price(members, unit_price):
    value = weighted_by_units(members)
    exact = (sum((Fraction(t) * n for t, n in members), Fraction(0))
             / sum(n for _t, n in members))
    # Rounded down to the hundredth: never above the exact value, less than 0.01 below.
    assert Fraction(value) <= exact < Fraction(value) + Fraction(1, 100)
    by_value = combined_tkdn([(t, unit_price * n) for t, n in members])
    assert abs(Fraction(by_value) - exact) < Fraction(1, 10**18)
    assert min(t for t, _n in members) <= value <= max(t for t, _n in members)
