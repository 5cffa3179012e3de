"""Bounds come from the model field that stores a number: its digits and decimals, its
validators and the database's integer range; messages name the field in the reader's
notation."""

from decimal import Decimal

import pytest
from django.utils import translation

from pasok.suppliers.models import SupplierProfile
from pasok.tenders.models import Lot, Tender
from pasok.web.number_bounds import bounds_of


def test_a_decimal_field_gives_its_digits_places_and_validators():
    price = bounds_of(Lot, "hps_unit_price", minimum=0, above_minimum=True, money=True)
    assert (price.minimum, price.maximum, price.places) == (0, Decimal(10) ** 10, 2)
    weight = bounds_of(SupplierProfile, "weight_min_kg")  # max_digits=9, decimal_places=2
    assert (weight.minimum, weight.maximum) == (Decimal("-9999999.99"), Decimal("9999999.99"))
    assert bounds_of(Tender, "min_tkdn_percent").maximum == Decimal("999.99")


def test_an_integer_field_gives_the_database_range():
    workforce = bounds_of(SupplierProfile, "workforce_total")
    assert (workforce.minimum, workforce.maximum, workforce.places) == (0, 2**31 - 1, 0)
    assert bounds_of(Lot, "number").maximum == 32767
    assert bounds_of(Lot, "quantity").minimum == 1  # its MinValueValidator


@pytest.mark.parametrize(("value", "indonesian", "english"), [
    ("12345678", "Berat satuan (kg) harus antara 0,01 dan 1.000.",
     "Unit weight (kg) must be between 0.01 and 1,000."),
    ("2.505", "Berat satuan (kg) paling banyak 2 angka desimal.",
     "Unit weight (kg) has at most 2 decimal places."),
    ("Infinity", "Berat satuan (kg) harus berupa angka.", "Unit weight (kg) must be a number."),
    (True, "Berat satuan (kg) harus berupa angka.", "Unit weight (kg) must be a number."),
])
def test_messages_name_the_field_in_the_language_and_its_notation(value, indonesian,
                                                                 english):
    weight = bounds_of(Lot, "unit_weight_kg", minimum=Decimal("0.01"), maximum=1000)
    for language, expected in (("id", indonesian), ("en", english)):
        with translation.override(language):
            assert weight.problem(value) == expected
    assert weight.problem("2.50") is None and weight.problem(1000) is None
