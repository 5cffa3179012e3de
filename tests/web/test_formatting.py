"""Amounts as pages, PDFs and messages print them (pasok.web.formatting)."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from pasok.web.formatting import localized_rupiah


@pytest.mark.parametrize(("value", "language", "expected"), [
    (Decimal("1500.50"), "id", "Rp1.500,50"), (Decimal("1500.5"), "en", "Rp1,500.50"),
    (Decimal("1500.00"), "id", "Rp1.500"), (1_250_000, "en", "Rp1,250,000"),
    (Decimal("1499.999"), "id", "Rp1.500"), (Decimal("-0.25"), "id", "-Rp0,25"),
])
def test_rupiah_show_their_sen_only_when_they_have_some(value, language, expected):
    with translation.override(language):
        assert localized_rupiah(value) == expected
        assert Template("{% load pasok %}{{ v|rupiah }}").render(Context({"v": value})) == \
            expected


@pytest.mark.parametrize(("value", "language", "expected"), [
    (15_000_000_000, "en", "Rp15 billion"), (15_000_000_000, "id", "Rp15 miliar"),
    (1_500_000_000, "id", "Rp1,5 miliar"), (2_500_000, "en", "Rp2.5 million"),
    (3 * 10**12, "id", "Rp3 triliun"), (1_234_567_890, "en", "Rp1,234,567,890"),
    (750_000, "id", "Rp750.000"),
])
def test_large_round_amounts_in_words_of_the_language(value, language, expected):
    with translation.override(language):
        assert Template("{% load pasok %}{{ v|rupiah_in_words }}").render(
            Context({"v": value})) == expected
