"""Rupiah amounts: conversion, half-up rounding, and how pasok.web.numbers writes them in
Indonesian notation."""

import re
from decimal import Decimal
from fractions import Fraction
from math import floor

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pasok.rules.money import round_half_up, to_decimal
from pasok.web.numbers import INDONESIAN, write_number, write_rupiah


def format_rupiah(value, places=0):
    return write_rupiah(value, places, INDONESIAN)


def format_number_id(value, places=0):
    return write_number(value, places, INDONESIAN)


# Amounts up to 18 digits, the widest money column (max_digits=18) in the schema.
BIG = 10**18 - 1
integers = st.integers(min_value=-BIG, max_value=BIG)
places = st.integers(min_value=0, max_value=4)


def decimals(max_places=6):
    return st.decimals(min_value=-(10**15), max_value=10**15, places=max_places,
                       allow_nan=False, allow_infinity=False)


def parse_id(text: str) -> Decimal:
    """Read an Indonesian-notation amount back: '-Rp1.234,50' → Decimal('-1234.50')."""
    return Decimal(text.replace("Rp", "").replace(".", "").replace(",", "."))


# --- to_decimal ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1250000, Decimal(1250000)),
        ("1250000", Decimal(1250000)),
        ("1234.50", Decimal("1234.50")),
        (" 12 ", Decimal(12)),
        (0.1, Decimal("0.1")),  # through repr, not the binary 0.1000000000000000055…
        (2.675, Decimal("2.675")),
        (1e20, Decimal("1e20")),
        (-0.5, Decimal("-0.5")),
    ],
)
def test_to_decimal(value, expected):
    result = to_decimal(value)
    assert isinstance(result, Decimal)
    assert result == expected
    assert str(result) == str(expected)


def test_to_decimal_returns_a_decimal_unchanged():
    d = Decimal("1.2300")
    assert to_decimal(d) is d


@pytest.mark.parametrize("value", ["abc", "", "1.250.000", "Rp1000", "1,5", None, object()])
def test_to_decimal_refuses_non_numbers_with_value_error(value):
    with pytest.raises(ValueError, match="not a number"):
        to_decimal(value)


# --- round_half_up ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("2.675"), 2, Decimal("2.68")),
        (2.675, 2, Decimal("2.68")),  # the float, too: round(2.675, 2) would give 2.67
        (Decimal("0.125"), 2, Decimal("0.13")),  # banker's rounding would give 0.12
        (Decimal("0.135"), 2, Decimal("0.14")),
        (Decimal("0.124999"), 2, Decimal("0.12")),
        (Decimal("0.5"), 0, Decimal(1)),
        (Decimal("1.5"), 0, Decimal(2)),
        (Decimal("2.5"), 0, Decimal(3)),  # banker's would give 2
        (Decimal("2.4999"), 0, Decimal(2)),
        (Decimal("-0.125"), 2, Decimal("-0.13")),  # half away from zero, symmetric
        (Decimal("-2.5"), 0, Decimal(-3)),
        (Decimal("1249999.5"), 0, Decimal(1250000)),
        (Decimal(7), 2, Decimal("7.00")),
        ("40.005", 2, Decimal("40.01")),  # a TKDN percentage
    ],
)
def test_round_half_up_examples(value, places, expected):
    result = round_half_up(value, places)
    assert result == expected
    assert result.as_tuple().exponent == -places


def test_round_half_up_defaults_to_two_places():
    assert str(round_half_up(Decimal("3.14159"))) == "3.14"


# --- format_rupiah ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal(1250000), 0, "Rp1.250.000"),
        (1250000, 0, "Rp1.250.000"),
        ("1250000", 0, "Rp1.250.000"),
        (Decimal(110000), 0, "Rp110.000"),  # a cast-iron brake block, 2016
        (Decimal(1_000_000_000), 0, "Rp1.000.000.000"),  # Rp1 miliar
        (Decimal(15_000_000_000), 0, "Rp15.000.000.000"),
        (Decimal(0), 0, "Rp0"),
        (Decimal(1), 0, "Rp1"),
        (Decimal(999), 0, "Rp999"),
        (Decimal(1000), 0, "Rp1.000"),
        (Decimal(100000), 0, "Rp100.000"),
        (Decimal(-1250), 0, "-Rp1.250"),
        (Decimal(-1250000), 0, "-Rp1.250.000"),
        (Decimal("1234.5"), 2, "Rp1.234,50"),
        (Decimal("-1234.5"), 2, "-Rp1.234,50"),
        (Decimal("0.5"), 2, "Rp0,50"),
        (Decimal("1234.567"), 2, "Rp1.234,57"),
        (Decimal("1234.565"), 2, "Rp1.234,57"),  # half-up
        (Decimal("0.005"), 2, "Rp0,01"),
        (Decimal("0.5"), 0, "Rp1"),
        (Decimal("1249999.5"), 0, "Rp1.250.000"),  # rounding carries through the groups
        (Decimal("999.5"), 0, "Rp1.000"),
        (Decimal("1250000.4"), 0, "Rp1.250.000"),
        (Decimal(1000000), 1, "Rp1.000.000,0"),
        (Decimal("12.3456"), 3, "Rp12,346"),
        (2.675, 2, "Rp2,68"),
    ],
)
def test_format_rupiah_examples(value, places, expected):
    assert format_rupiah(value, places) == expected


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("-0.4"), 0, "Rp0"),  # rounds to zero: no "-Rp0"
        (Decimal("-0.004"), 2, "Rp0,00"),
        (Decimal("-0"), 0, "Rp0"),
        (Decimal("-0.5"), 0, "-Rp1"),  # a tie rounds away from zero
    ],
)
def test_format_rupiah_has_no_negative_zero(value, places, expected):
    assert format_rupiah(value, places) == expected


def test_format_rupiah_refuses_text_that_is_not_a_number():
    with pytest.raises(ValueError, match="not a number"):
        format_rupiah("satu juta")


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-inf", float("nan"), float("inf")])
def test_format_rupiah_refuses_nan_and_infinity_with_value_error(value):
    with pytest.raises(ValueError):
        format_rupiah(value)


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal(150000), 0, "150.000"),
        (Decimal("12.5"), 1, "12,5"),
        (Decimal("40"), 2, "40,00"),
        (Decimal(-1250), 0, "-1.250"),
        (Decimal(0), 0, "0"),
    ],
)
def test_format_number_id(value, places, expected):
    assert format_number_id(value, places) == expected


# --- properties ------------------------------------------------------------------------------

@given(integers)
def test_whole_rupiah_round_trips(n):
    text = format_rupiah(n)
    assert text.startswith("-Rp" if n < 0 else "Rp")
    assert int(text.replace("Rp", "").replace(".", "")) == n


@given(integers)
def test_groups_of_three(n):
    text = format_rupiah(n)
    assert re.fullmatch(r"-?Rp[1-9]\d{0,2}(\.\d{3})*|Rp0", text), text
    # and the grouping is what Python's own ',' grouping gives
    assert text.lstrip("-") == "Rp" + f"{abs(n):,}".replace(",", ".")


@given(decimals(), places)
def test_format_rupiah_shows_the_half_up_rounded_value(value, p):
    text = format_rupiah(value, p)
    pattern = r"-?Rp(0|[1-9]\d{0,2}(\.\d{3})*)" + (rf",\d{{{p}}}" if p else "")
    assert re.fullmatch(pattern, text), text
    assert parse_id(text) == round_half_up(value, p)


@given(decimals(), places)
def test_round_half_up_matches_floor_of_value_plus_half(value, p):
    """Oracle with exact fractions: for x ≥ 0, floor(x·10^p + ½) / 10^p; mirrored for x < 0."""
    scale = 10**p
    x = Fraction(value)
    magnitude = Fraction(floor(abs(x) * scale + Fraction(1, 2)), scale)
    expected = magnitude if x >= 0 else -magnitude
    result = round_half_up(value, p)
    assert Fraction(result) == expected
    assert result.as_tuple().exponent == -p


@given(st.integers(min_value=-(10**12), max_value=10**12), places)
def test_exact_ties_go_away_from_zero(k, p):
    half = Decimal(5).scaleb(-(p + 1))  # 0.5, 0.05, 0.005, …
    unit = Decimal(1).scaleb(-p)
    base = Decimal(k).scaleb(-p)
    if k >= 0:
        assert round_half_up(base + half, p) == base + unit
    else:
        assert round_half_up(base - half, p) == base - unit


@given(decimals(), places)
def test_rounding_is_idempotent_and_within_half_a_unit(value, p):
    once = round_half_up(value, p)
    assert round_half_up(once, p) == once
    assert abs(once - value) <= Decimal(5).scaleb(-(p + 1))


@given(decimals(), places)
def test_format_is_symmetric_in_sign(value, p):
    positive = format_rupiah(abs(value), p)
    negative = format_rupiah(-abs(value), p)
    if round_half_up(abs(value), p) == 0:
        assert negative == positive
    else:
        assert negative == "-" + positive


@given(decimals(), places)
def test_format_number_id_is_format_rupiah_without_rp(value, p):
    rupiah = format_rupiah(value, p)
    number = format_number_id(value, p)
    assert "Rp" not in number
    assert rupiah.replace("Rp", "", 1) == number


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False),
       places)
def test_floats_format_like_their_shortest_repr(f, p):
    assert format_rupiah(f, p) == format_rupiah(Decimal(repr(f)), p)
