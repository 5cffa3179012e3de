"""Numbers as people write them (pasok.web.numbers): worked examples in both languages, and
the promise behind them — a number is read as written or refused, never guessed."""

from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import assume, given
from hypothesis import strategies as st

from pasok.rules.money import round_half_up
from pasok.web.numbers import (
    ENGLISH,
    INDONESIAN,
    NumberError,
    csv_number,
    input_text,
    read_number,
    spreadsheet_number,
    write_number,
    write_rupiah,
)

ID, EN = INDONESIAN, ENGLISH


@pytest.fixture(autouse=True)
def _english_messages():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(("text", "notation", "expected"), [
    ("1.500", ID, "1500"), ("2,5", ID, "2.5"), ("200.000.000", ID, "200000000"),
    ("1.250.000,50", ID, "1250000.50"), ("0,125", ID, "0.125"), ("-7,6655", ID, "-7.6655"),
    ("1500", ID, "1500"), (" 7 000 ", ID, "7000"), (",5", ID, "0.5"), ("+3", ID, "3"),
    ("−12", ID, "-12"),
    ("1,500", EN, "1500"), ("2.5", EN, "2.5"), ("200,000,000", EN, "200000000"),
    ("1,250,000.50", EN, "1250000.50"), ("0.125", EN, "0.125"), ("1500", EN, "1500"),
])
def test_what_people_type_reads_as_they_mean_it(text, notation, expected):
    assert read_number(text, notation) == Decimal(expected)


def test_money_may_say_rupiah_and_percentages_may_say_percent():
    assert read_number("Rp 1.250.000", ID, money=True) == 1_250_000
    assert read_number("rp1,250,000", EN, money=True) == 1_250_000
    assert read_number("48,5%", ID, percent=True) == Decimal("48.5")
    with pytest.raises(NumberError):
        read_number("Rp 1.250.000", ID)
    with pytest.raises(NumberError):
        read_number("48,5%", ID)


@pytest.mark.parametrize(("text", "notation", "thousands", "decimal"), [
    ("1,500", ID, "1.500", "1,5"), ("1.500", EN, "1,500", "1.5"),
    ("2,555", ID, "2.555", "2,5550"), ("-1.250", EN, "-1,250", "-1.25"),
])
def test_the_decimal_mark_before_three_digits_is_ambiguous_and_refused(text, notation,
                                                                       thousands, decimal):
    with pytest.raises(NumberError) as raised:
        read_number(text, notation)
    assert raised.value.code == "ambiguous"
    assert f"write {thousands} for " in raised.value.message
    assert f"or {decimal} for a number with decimals" in raised.value.message


@pytest.mark.parametrize(("text", "notation", "suggestion"), [
    ("2.5", ID, "2,5"), ("1.250.000,5", EN, "1,250,000.5"), ("1,250,000.50", ID, "1.250.000,5"),
    ("0.125", ID, "0,125"), ("200.000.000", EN, "200,000,000"),
])
def test_the_other_languages_notation_is_refused_with_the_number_rewritten(text, notation,
                                                                          suggestion):
    with pytest.raises(NumberError) as raised:
        read_number(text, notation)
    assert raised.value.code == "other_notation"
    assert f"write {suggestion} " in raised.value.message


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "1,,5", "12.", "1e6", "1.25.000", "--1",
                                  "1 . 5 kg"])
def test_what_is_no_number_says_so(text):
    for notation in (ID, EN):
        with pytest.raises(NumberError):
            read_number(text, notation)


def test_whole_numbers_refuse_decimals():
    assert read_number("1.500,00", ID, whole=True) == 1500
    with pytest.raises(NumberError) as raised:
        read_number("2,5", ID, whole=True)
    assert raised.value.code == "not_whole"


def test_messages_follow_the_language():
    with translation.override("id"), pytest.raises(NumberError) as raised:
        read_number("2.5", ID)
    assert raised.value.message.startswith("“2.5” bukan cara penulisan angka di sini")


@pytest.mark.parametrize(("value", "places", "notation", "expected"), [
    (Decimal("1250000.5"), 2, ID, "1.250.000,50"), (Decimal("1250000.5"), 2, EN,
                                                     "1,250,000.50"),
    (Decimal("60.145"), 2, ID, "60,15"), (Decimal("-0.004"), 2, ID, "0,00"), (7000, 0, EN, "7,000"),
])
def test_writing_rounds_half_up_and_groups_thousands(value, places, notation, expected):
    assert write_number(value, places, notation) == expected


def test_rupiah_in_both_languages():
    assert write_rupiah(1_250_000, 0, ID) == "Rp1.250.000"
    assert write_rupiah(-1_250_000, 0, EN) == "-Rp1,250,000"


@pytest.mark.parametrize(("value", "notation", "expected"), [
    (Decimal("12.50"), ID, "12,5"), (Decimal("7000.00"), ID, "7.000"), (Decimal("1.125"), ID,
                                                                         "1,1250"),
    (Decimal("1.125"), EN, "1.1250"), (Decimal("1234.125"), EN, "1,234.125"), (15, EN, "15"),
])
def test_inputs_show_every_decimal_and_nothing_ambiguous(value, notation, expected):
    assert input_text(value, notation) == expected


def test_spreadsheet_percent_cells_mean_what_they_show():
    assert spreadsheet_number(0.485, "0.0%") == Decimal("48.5")
    assert spreadsheet_number(0.485, "General") == Decimal("0.485")
    assert spreadsheet_number(12, '0" pcs"') == 12
    assert spreadsheet_number(12, '0"%"') == 12  # a literal percent sign is text, not a scale


@pytest.mark.parametrize(("value", "notation", "expected"), [
    (60_000, ID, "60000"), (Decimal("12.50"), ID, "12,5"), (Decimal("1250000.5"), EN,
                                                            "1250000.5"),
    (Decimal("1.125"), ID, "1,1250"), (Decimal("5.00"), EN, "5"), (Decimal("-0.5"), ID, "-0,5"),
])
def test_csv_cells_hold_numbers_a_spreadsheet_in_the_language_reads(value, notation, expected):
    assert csv_number(value, notation) == expected
    assert ID.csv_delimiter == ";" and EN.csv_delimiter == ","


# --- properties -------------------------------------------------------------------------------

values = st.decimals(min_value=-10**12, max_value=10**12, places=6, allow_nan=False,
                     allow_infinity=False)
notations = st.sampled_from([ID, EN])


@given(values, notations)
def test_an_input_reads_back_as_the_same_value(value, notation):
    assert read_number(input_text(value, notation), notation) == value


@given(values, notations)
def test_a_csv_number_reads_back_as_the_same_value(value, notation):
    assert read_number(csv_number(value, notation), notation) == value


@given(values, st.integers(min_value=0, max_value=4), notations)
def test_printed_numbers_read_back_as_the_rounded_value_or_are_refused_as_ambiguous(
        value, places, notation):
    text = write_number(value, places, notation)
    try:
        assert read_number(text, notation) == round_half_up(value, places)
    except NumberError as exc:
        assert exc.code == "ambiguous" and places == 3


@given(st.text(alphabet="0123456789.,", min_size=1, max_size=14))
def test_never_a_guess_text_both_languages_read_means_the_same_in_both(text):
    """The promise: where Indonesian and English notation would read the same text as two
    different numbers, at least one of them refuses it."""
    try:
        as_id, as_en = read_number(text, ID), read_number(text, EN)
    except NumberError:
        return
    assert as_id == as_en


@given(st.integers(min_value=1000, max_value=10**9), notations)
def test_thousands_grouped_the_other_way_are_never_read_as_a_small_number(n, notation):
    other = notation.other
    text = write_number(n, 0, other)
    assume(other.group in text)
    try:
        value = read_number(text, notation)
    except NumberError:
        return
    assert value == n
