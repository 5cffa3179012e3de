"""First-article results (rules.first_article, PPAP's dimensional and material results): the
module's worked examples, refusals, and properties of any limits and measurements."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pasok.rules.first_article import ABOVE, BELOW, Characteristic, failure, judge

BORE = Characteristic("dimension", "Bore", Decimal("52.08"), Decimal("51.95"), Decimal("52.05"),
                      Decimal("52.00"))
HARDNESS = Characteristic("hardness", "Hardness HB", Decimal(190), Decimal(197), Decimal(255))
CARBON = Characteristic("chemistry", "C %", Decimal("3.62"), Decimal("3.40"), Decimal("3.80"))


def test_the_worked_examples():
    bore = failure(BORE)
    assert (bore.side, bore.by) == (ABOVE, Decimal("0.03"))
    hardness = failure(HARDNESS)
    assert (hardness.side, hardness.by) == (BELOW, Decimal(7))
    assert failure(CARBON) is None
    verdict = judge([BORE, HARDNESS, CARBON])
    assert not verdict.passes
    assert [f.characteristic.name for f in verdict.failures] == ["Bore", "Hardness HB"]
    assert judge([CARBON]).passes


def test_limits_are_inclusive_and_may_be_one_sided():
    at_limit = Characteristic("hardness", "HB", Decimal(197), lower=Decimal(197))
    assert failure(at_limit) is None
    at_upper = Characteristic("chemistry", "S %", Decimal("0.12"), upper=Decimal("0.12"))
    assert failure(at_upper) is None
    assert failure(Characteristic("chemistry", "S %", Decimal("0.13"),
                                  upper=Decimal("0.12"))).by == Decimal("0.01")


@pytest.mark.parametrize("wrong", [
    Characteristic("dimension", "no limits", Decimal(1)),
    Characteristic("dimension", "inverted", Decimal(1), Decimal(2), Decimal(1)),
    Characteristic("colour", "unknown kind", Decimal(1), Decimal(0), Decimal(2)),
])
def test_what_is_not_a_specification_is_refused(wrong):
    with pytest.raises(ValueError):
        judge([wrong])


def test_no_characteristics_is_no_verdict():
    with pytest.raises(ValueError):
        judge([])


numbers = st.decimals(min_value=-1000, max_value=1000, places=3, allow_nan=False,
                      allow_infinity=False)


@given(st.lists(st.tuples(numbers, numbers, numbers), min_size=1, max_size=8))
def test_passes_exactly_when_every_value_is_within_its_limits(rows):
    characteristics = [Characteristic("dimension", f"c{i}", m, min(a, b), max(a, b))
                       for i, (m, a, b) in enumerate(rows)]
    verdict = judge(characteristics)
    assert verdict.passes == all(c.lower <= c.measured <= c.upper for c in characteristics)
    for f in verdict.failures:
        c = f.characteristic
        assert f.by > 0
        # Moving the value back by `by` lands it exactly on the limit it crossed.
        limit = c.lower if f.side == BELOW else c.upper
        assert c.measured + (f.by if f.side == BELOW else -f.by) == limit
