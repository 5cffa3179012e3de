"""NIB and NPWP: worked examples and properties of pasok.rules.identifiers.

Valid NPWP examples are the ones python-stdnum documents for stdnum.id.npwp (taken from the
OECD TIN sheet for Indonesia); the Luhn check digit covers the first nine digits of the old
15-digit form (PMK 112/2022 keeps that form behind a leading 0 in the 16-digit one).
"""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.id import npwp as stdnum_npwp

from pasok.rules.identifiers import (
    IdentifierError,
    format_npwp,
    normalize_nib,
    normalize_npwp,
    npwp_check_digit,
)

ASCII_DIGITS = "0123456789"


def digits(n, m=None):
    return st.text(alphabet=ASCII_DIGITS, min_size=n, max_size=n if m is None else m)


def problem(fn, value) -> str:
    with pytest.raises(IdentifierError) as info:
        fn(value)
    return info.value.problem


@st.composite
def valid_old_npwp(draw) -> str:
    """Any 8 digits, their Luhn check digit, then 6 digits (tax office + branch)."""
    first = draw(digits(8))
    return first + npwp_check_digit(first) + draw(digits(6))


# --- IdentifierError -------------------------------------------------------------------------

def test_identifier_error_is_a_value_error_and_prints_its_problem():
    err = IdentifierError("checksum")
    assert isinstance(err, ValueError)
    assert str(err) == "checksum"
    assert err.problem == "checksum"


# --- NIB (13 digits) -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("9120001234567", "9120001234567"),
        ("0000000000001", "0000000000001"),  # leading zeros are kept: it is a code, not a number
        (" 9120001234567 ", "9120001234567"),
        ("9120.0012.34567", "9120001234567"),
        ("9120-001-234-567", "9120001234567"),
        ("9120/001/234/567", "9120001234567"),
        ("9 120 001 234 567", "9120001234567"),
        ("9120001234567\n", "9120001234567"),
        ("\t9120\u00a0001234567", "9120001234567"),  # non-breaking space from a spreadsheet
    ],
)
def test_nib_accepts_thirteen_digits_with_separators(raw, expected):
    assert normalize_nib(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected_problem"),
    [
        ("", "empty"),
        (None, "empty"),
        ("   ", "empty"),
        (" . - / ", "empty"),
        ("912000123456", "length"),  # 12
        ("91200012345678", "length"),  # 14
        ("9", "length"),
        ("912000123456A", "not_digits"),
        ("NIB9120001234567", "not_digits"),
        ("9120001234567,", "not_digits"),
        ("+9120001234567", "not_digits"),
        ("-1", "length"),  # '-' is a separator, so this is one digit, not a negative number
    ],
)
def test_nib_rejects(raw, expected_problem):
    assert problem(normalize_nib, raw) == expected_problem


@given(digits(13))
def test_nib_any_thirteen_digits_are_themselves(value):
    assert normalize_nib(value) == value


@given(digits(1, 30))
def test_nib_any_other_length_is_a_length_problem(value):
    assume(len(value) != 13)
    assert problem(normalize_nib, value) == "length"


@given(digits(13), st.lists(st.sampled_from([" ", ".", "-", "/"]), min_size=13, max_size=13))
def test_nib_separators_anywhere_do_not_matter(value, seps):
    spaced = "".join(d + s for d, s in zip(value, seps, strict=True))
    assert normalize_nib(spaced) == value


@given(digits(13), st.integers(0, 12), st.characters(categories=["Lu", "Ll"]))
def test_nib_with_a_letter_anywhere_is_not_digits(value, at, letter):
    assert problem(normalize_nib, value[:at] + letter + value[at:]) == "not_digits"


@pytest.mark.parametrize(
    "raw",
    [
        "１２３４５６７８９０１２３",  # full-width digits (Japanese/Chinese IME)
        "١٢٣٤٥٦٧٨٩٠١٢٣",  # Arabic-Indic digits
        "123456789012³",  # superscript three
    ],
)
def test_nib_refuses_non_ascii_digits(raw):
    assert problem(normalize_nib, raw) == "not_digits"


# --- NPWP: worked examples -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # stdnum.id.npwp documentation examples (old 15-digit form)
        ("01.312.166.0-091.000", "013121660091000"),
        ("013121660091000", "013121660091000"),
        ("016090524017000", "016090524017000"),
        ("01.300.066.6-091.000", "013000666091000"),
        (" 01 312 166 0 091 000 ", "013121660091000"),
        ("01/312/166/0-091/000", "013121660091000"),
        # 16-digit form since PMK 112/2022: 0 + the old number, check digit still counted
        ("0013121660091000", "0013121660091000"),
        ("0 01.312.166.0-091.000", "0013121660091000"),
        # 16-digit NIK of a resident (Klaten regency code 3310): no check digit to verify
        ("3310011501800001", "3310011501800001"),
        ("3310 0115 0180 0001", "3310011501800001"),
        ("9999999999999999", "9999999999999999"),
    ],
)
def test_npwp_valid_examples(raw, expected):
    assert normalize_npwp(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected_problem"),
    [
        ("", "empty"),
        (None, "empty"),
        (" .-", "empty"),
        ("01.312.166.0-091.00", "length"),  # 14
        ("01312166009100", "length"),  # 14
        ("00013121660091000", "length"),  # 17
        ("123456789", "length"),
        ("01.312.166.0-091.00O", "not_digits"),  # letter O for zero
        ("NPWP 013121660091000", "not_digits"),
        ("01,312,166,0-091,000", "not_digits"),  # comma is not a separator
        # one digit mistyped in the first nine: the Luhn check digit catches it
        ("01.312.166.1-091.000", "checksum"),
        ("01.312.166.9-091.000", "checksum"),
        ("02.312.166.0-091.000", "checksum"),
        ("013121670091000", "checksum"),
        ("0013121610091000", "checksum"),  # 16-digit form with leading 0 is still checked
        # digits 8 and 9 swapped: Luhn catches adjacent transpositions (other than 09/90)
        ("01.312.160.6-091.000", "checksum"),
    ],
)
def test_npwp_rejects(raw, expected_problem):
    assert problem(normalize_npwp, raw) == expected_problem


def test_npwp_last_six_digits_are_not_covered_by_the_check_digit():
    # Tax office and branch code are free: any value passes.
    assert normalize_npwp("013121660999999") == "013121660999999"
    assert normalize_npwp("013121660000000") == "013121660000000"


@pytest.mark.parametrize(
    ("first_eight", "check"),
    [("01312166", "0"), ("01609052", "4"), ("01300066", "6"), ("00000000", "0"),
     ("01234567", "4")],
)
def test_npwp_check_digit_examples(first_eight, check):
    assert npwp_check_digit(first_eight) == check


@pytest.mark.parametrize(
    ("digits_", "printed"),
    [
        ("013121660091000", "01.312.166.0-091.000"),
        ("012345678901000", "01.234.567.8-901.000"),
        ("013000666091000", "01.300.066.6-091.000"),
    ],
)
def test_format_npwp_prints_the_tax_document_layout(digits_, printed):
    assert format_npwp(digits_) == printed


@pytest.mark.parametrize("value", ["0013121660091000", "3310011501800001", "0131216", ""])
def test_format_npwp_leaves_other_lengths_alone(value):
    assert format_npwp(value) == value


# --- NPWP: properties ------------------------------------------------------------------------

@given(valid_old_npwp())
def test_npwp_any_eight_digits_with_their_check_digit_normalise(value):
    assert normalize_npwp(value) == value
    assert normalize_npwp("0" + value) == "0" + value


@given(valid_old_npwp())
def test_npwp_formatted_equals_bare(value):
    printed = format_npwp(value)
    assert len(printed) == 20
    assert [printed[i] for i in (2, 6, 10, 12, 16)] == [".", ".", ".", "-", "."]
    assert printed.replace(".", "").replace("-", "") == value
    assert normalize_npwp(printed) == value
    assert normalize_npwp("0" + printed) == "0" + value


@given(valid_old_npwp(), st.integers(0, 8), st.integers(1, 9))
def test_npwp_any_single_mistyped_digit_in_the_first_nine_is_caught(value, at, delta):
    wrong = str((int(value[at]) + delta) % 10)
    typo = value[:at] + wrong + value[at + 1:]
    assert problem(normalize_npwp, typo) == "checksum"
    assert problem(normalize_npwp, "0" + typo) == "checksum"


@given(digits(15))
def test_npwp_fifteen_digits_agree_with_stdnum(value):
    ours = luhn.is_valid(value[:9])
    assert stdnum_npwp.is_valid(value) is ours
    if ours:
        assert normalize_npwp(value) == value
        assert normalize_npwp("0" + value) == "0" + value
    else:
        assert problem(normalize_npwp, value) == "checksum"
        assert problem(normalize_npwp, "0" + value) == "checksum"


@given(st.sampled_from("123456789"), digits(15))
def test_npwp_sixteen_digits_not_starting_with_zero_are_a_nik_and_unchecked(first, rest):
    assert normalize_npwp(first + rest) == first + rest


@given(digits(1, 30))
def test_npwp_other_lengths_are_a_length_problem(value):
    assume(len(value) not in (15, 16))
    assert problem(normalize_npwp, value) == "length"


@given(st.text(alphabet=ASCII_DIGITS, min_size=8, max_size=8))
def test_npwp_check_digit_is_one_digit_that_validates(first_eight):
    check = npwp_check_digit(first_eight)
    assert len(check) == 1
    assert check in ASCII_DIGITS
    assert luhn.is_valid(first_eight + check)
    # and it is the only one
    others = [d for d in ASCII_DIGITS if d != check and luhn.is_valid(first_eight + d)]
    assert others == []


def test_npwp_refuses_non_ascii_digits_in_a_nik():
    assert problem(normalize_npwp, "３３１００１１５０１８００００１") == "not_digits"
