"""Size classes of PP 7/2021 Pasal 35: worked boundary cases and properties."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pasok.rules.size_class import (
    CAPITAL_LIMITS,
    MILIAR,
    SALES_LIMITS,
    SizeClass,
    is_small_business,
    size_class,
)

M = Decimal(1_000_000_000)  # Rp1 miliar, written independently of the module's MILIAR
ORDER = [SizeClass.MICRO, SizeClass.SMALL, SizeClass.MEDIUM, SizeClass.LARGE]
RANK = {c: i for i, c in enumerate(ORDER)}

amounts = st.integers(min_value=0, max_value=10**15).map(Decimal)
cent_amounts = st.decimals(min_value=0, max_value=10**14, places=2, allow_nan=False,
                           allow_infinity=False)


def test_limits_are_the_ones_in_the_regulation():
    assert MILIAR == M
    assert dict(CAPITAL_LIMITS) == {"micro": 1 * M, "small": 5 * M, "medium": 10 * M}
    assert dict(SALES_LIMITS) == {"micro": 2 * M, "small": 15 * M, "medium": 50 * M}
    for limits in (CAPITAL_LIMITS, SALES_LIMITS):
        names = [name for name, _ in limits]
        values = [value for _, value in limits]
        assert names == ["micro", "small", "medium"]
        assert values == sorted(values)


# --- ayat (3): business capital --------------------------------------------------------------

@pytest.mark.parametrize(
    ("capital", "expected"),
    [
        (Decimal(0), SizeClass.MICRO),
        (Decimal(1), SizeClass.MICRO),
        (Decimal(800_000_000), SizeClass.MICRO),  # a typical Ceper foundry
        (Decimal(1_000_000_000), SizeClass.MICRO),  # exactly Rp1 miliar: still micro
        (Decimal("1000000000.01"), SizeClass.SMALL),  # one sen over
        (Decimal(1_000_000_001), SizeClass.SMALL),
        (Decimal(5_000_000_000), SizeClass.SMALL),  # exactly Rp5 miliar
        (Decimal(5_000_000_001), SizeClass.MEDIUM),
        (Decimal(10_000_000_000), SizeClass.MEDIUM),  # exactly Rp10 miliar
        (Decimal(10_000_000_001), SizeClass.LARGE),
        (Decimal(1_000_000_000_000), SizeClass.LARGE),  # Rp1 triliun
    ],
)
def test_capital_boundaries(capital, expected):
    assert size_class(business_capital=capital) is expected


# --- ayat (5): annual sales ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("sales", "expected"),
    [
        (Decimal(0), SizeClass.MICRO),
        (Decimal(1_500_000_000), SizeClass.MICRO),
        (Decimal(2_000_000_000), SizeClass.MICRO),  # exactly Rp2 miliar
        (Decimal(2_000_000_001), SizeClass.SMALL),
        # 220,000 brake blocks a year at Rp110,000: Rp24.2 miliar, a medium business
        (Decimal(220_000 * 110_000), SizeClass.MEDIUM),
        (Decimal(15_000_000_000), SizeClass.SMALL),  # exactly Rp15 miliar
        (Decimal("15000000000.01"), SizeClass.MEDIUM),
        (Decimal(15_000_000_001), SizeClass.MEDIUM),
        (Decimal(50_000_000_000), SizeClass.MEDIUM),  # exactly Rp50 miliar
        (Decimal(50_000_000_001), SizeClass.LARGE),
    ],
)
def test_sales_boundaries(sales, expected):
    assert size_class(annual_sales=sales) is expected


def test_the_same_amount_classifies_differently_by_capital_and_by_sales():
    # Rp2 miliar is small by capital but still micro by sales; Rp12 miliar large vs small.
    assert size_class(business_capital=2 * M) is SizeClass.SMALL
    assert size_class(annual_sales=2 * M) is SizeClass.MICRO
    assert size_class(business_capital=12 * M) is SizeClass.LARGE
    assert size_class(annual_sales=12 * M) is SizeClass.SMALL


# --- which figure counts ---------------------------------------------------------------------

def test_capital_is_preferred_over_sales():
    assert size_class(business_capital=M, annual_sales=100 * M) is SizeClass.MICRO
    assert size_class(business_capital=20 * M, annual_sales=Decimal(1)) is SizeClass.LARGE


def test_zero_capital_is_known_capital_not_missing():
    assert size_class(business_capital=Decimal(0), annual_sales=100 * M) is SizeClass.MICRO


def test_sales_are_used_when_capital_is_unknown():
    assert size_class(business_capital=None, annual_sales=3 * M) is SizeClass.SMALL


def test_nothing_known_gives_none():
    assert size_class() is None
    assert size_class(business_capital=None, annual_sales=None) is None


def test_ints_and_strings_are_accepted():
    assert size_class(business_capital=1_000_000_000) is SizeClass.MICRO
    assert size_class(business_capital="1000000001") is SizeClass.SMALL
    assert size_class(annual_sales=15_000_000_000) is SizeClass.SMALL


@pytest.mark.parametrize("kw", ["business_capital", "annual_sales"])
@pytest.mark.parametrize("amount", [Decimal(-1), Decimal("-0.01"), -5 * M])
def test_negative_amounts_are_refused(kw, amount):
    with pytest.raises(ValueError, match=">= 0"):
        size_class(**{kw: amount})


def test_keyword_only():
    with pytest.raises(TypeError):
        size_class(M)  # type: ignore[misc]


def test_size_class_values_are_plain_strings():
    assert [c.value for c in ORDER] == ["micro", "small", "medium", "large"]
    assert SizeClass.SMALL == "small"


# --- small-business reservation --------------------------------------------------------------

@pytest.mark.parametrize(
    ("cls", "expected"),
    [
        (SizeClass.MICRO, True),
        (SizeClass.SMALL, True),
        (SizeClass.MEDIUM, False),
        (SizeClass.LARGE, False),
        ("micro", True),  # as stored in Organisation.size_class
        ("small", True),
        ("medium", False),
        ("large", False),
        ("", False),  # size class unknown
        (None, False),
    ],
)
def test_is_small_business(cls, expected):
    assert is_small_business(cls) is expected


# --- properties ------------------------------------------------------------------------------

def reference(amount: Decimal, limits) -> SizeClass:
    """Independent oracle: the class index is how many upper limits the amount exceeds."""
    return ORDER[sum(1 for _, limit in limits if amount > limit)]


@given(amounts | cent_amounts)
def test_capital_matches_reference(amount):
    assert size_class(business_capital=amount) is reference(amount, CAPITAL_LIMITS)


@given(amounts | cent_amounts)
def test_sales_matches_reference(amount):
    assert size_class(annual_sales=amount) is reference(amount, SALES_LIMITS)


@given(amounts, amounts, st.sampled_from(["business_capital", "annual_sales"]))
def test_monotone_in_the_amount(a, b, kw):
    low, high = sorted((a, b))
    assert RANK[size_class(**{kw: low})] <= RANK[size_class(**{kw: high})]


@given(amounts, st.none() | amounts)
def test_sales_never_matter_when_capital_is_known(capital, sales):
    assert size_class(business_capital=capital, annual_sales=sales) is size_class(
        business_capital=capital)


@given(st.sampled_from([(CAPITAL_LIMITS, "business_capital"),
                        (SALES_LIMITS, "annual_sales")]),
       st.integers(0, 2))
def test_each_limit_is_inclusive_and_one_rupiah_more_is_the_next_class(which, i):
    limits, kw = which
    name, limit = limits[i]
    assert size_class(**{kw: limit}) is SizeClass(name)
    assert size_class(**{kw: limit + 1}) is ORDER[i + 1]


@given(amounts)
def test_sales_class_never_above_capital_class_for_the_same_amount(amount):
    # Every sales limit is at least the matching capital limit.
    assert RANK[size_class(annual_sales=amount)] <= RANK[size_class(business_capital=amount)]
