from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pasok.suppliers.query_parse import parse_query
from pasok.web.numbers import ENGLISH, INDONESIAN


def test_buyer_query_becomes_filters():
    parsed = parse_query("FCD450, 20–60 kg, Klaten")
    assert parsed.grades == ["FCD450"]
    assert (parsed.weight_min, parsed.weight_max) == (Decimal(20), Decimal(60))
    assert parsed.words == ["klaten"]


@pytest.mark.parametrize("text", ["20-60 kg", "20 – 60kg", "20 sampai 60 kg", "20 s/d 60 kg",
                                  "60-20 kg", "20 to 60 KG"])
def test_weight_range_spellings(text):
    parsed = parse_query(text)
    assert (parsed.weight_min, parsed.weight_max) == (Decimal(20), Decimal(60))
    assert parsed.words == []


def test_single_weight_and_decimal_comma():
    parsed = parse_query("blok rem 11,5 kg")
    assert parsed.weight_min == parsed.weight_max == Decimal("11.5")
    assert parsed.words == ["blok", "rem"]


def test_process_words_in_both_languages():
    assert parse_query("furan bubut").processes == ["no_bake", "machining"]
    assert parse_query("green-sand machining").processes == ["green_sand", "machining"]


def test_grades_are_case_insensitive_and_unique():
    assert parse_query("fc200 FC200 p10").grades == ["FC200", "P10"]


def test_unknown_words_stay_free_text():
    assert parse_query("tutup manhole ceper").words == ["tutup", "manhole", "ceper"]


@given(st.text(max_size=80))
def test_any_text_parses_without_error(text):
    parsed = parse_query(text)
    if parsed.weight_min is not None:
        assert parsed.weight_min <= parsed.weight_max


def test_indonesian_thousands_in_weights():
    parsed = parse_query("1.000-2.500 kg")
    assert (parsed.weight_min, parsed.weight_max) == (Decimal(1000), Decimal(2500))
    assert parse_query("1,5-2,5 kg").weight_max == Decimal("2.5")


def test_weights_are_read_in_the_active_language():
    assert parse_query("1,500 kg", ENGLISH).weight_min == Decimal(1500)
    assert parse_query("1.500 kg", INDONESIAN).weight_min == Decimal(1500)
    assert parse_query("2.5 kg", ENGLISH).weight_min == Decimal("2.5")


@pytest.mark.parametrize("text,notation", [("1,500 kg", INDONESIAN), ("2.5 kg", INDONESIAN),
                                           ("1.500 kg", ENGLISH), ("20-1,500 kg", INDONESIAN)])
def test_a_weight_that_cannot_be_read_is_a_problem_not_a_guess(text, notation):
    parsed = parse_query(text, notation)
    assert parsed.weight_min is None and parsed.weight_max is None
    assert len(parsed.problems) == 1 and "“" in parsed.problems[0]


def test_the_search_page_says_which_weight_it_cannot_read(client, cluster):
    client.force_login(cluster.users["buyer_x"])
    response = client.get("/suppliers/", {"q": "FCD450 1,500 kg"})
    assert response.context["page"] is None
    assert "1,500" in response.context["form"].errors["q"][0]
