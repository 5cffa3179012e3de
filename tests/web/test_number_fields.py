"""The form fields every number goes through (pasok.web.number_fields): typed the way the
language writes numbers, shown back the same way, limits said in that notation."""

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from pasok.suppliers.models import Furnace
from pasok.web.number_fields import (
    DecimalField,
    IntegerField,
    MoneyField,
    NumberTextInput,
    PercentField,
    WholeNumbersField,
    model_formfield,
)


class Capacity(forms.Form):
    kg = IntegerField(min_value=0, max_value=1_000_000)
    weight = DecimalField(max_digits=9, decimal_places=2, min_value=Decimal("0.01"))
    price = MoneyField()
    share = PercentField(required=False)
    months = WholeNumbersField(required=False)


TYPED = {"kg": "2.000", "weight": "2,5", "price": "Rp 200.000.000", "share": "48,5%",
         "months": "5.000; 5.000, 6.000 7000"}


def test_indonesian_numbers_are_read_as_indonesians_mean_them():
    with translation.override("id"):
        form = Capacity(TYPED)
        assert form.is_valid(), form.errors
    assert form.cleaned_data == {"kg": 2000, "weight": Decimal("2.5"),
                                 "price": Decimal(200_000_000), "share": Decimal("48.5"),
                                 "months": [5000, 5000, 6000, 7000]}


def test_english_pages_read_english_numbers_and_refuse_indonesian_ones():
    with translation.override("en"):
        assert Capacity({"kg": "2,000", "weight": "2.5", "price": "200,000,000"}).is_valid()
        form = Capacity(TYPED)
        assert not form.is_valid()
    assert set(form.errors) == {"kg", "weight", "price", "share", "months"}
    assert "can be read two ways" in form.errors["kg"][0]


def test_what_was_typed_is_shown_again_after_an_error():
    with translation.override("id"):
        form = Capacity({**TYPED, "kg": "2,000"})
        html = str(form["kg"]) + str(form["weight"])
    assert not form.is_valid()
    assert 'value="2,000"' in html and 'value="2,5"' in html


def test_stored_values_are_shown_the_way_the_language_writes_them():
    initial = {"kg": 7000, "weight": Decimal("12.50"), "price": Decimal("1250000.00"),
               "months": [5000, 6000]}
    with translation.override("id"):
        html = Capacity(initial=initial).as_div()
    assert 'value="7.000"' in html and 'value="12,5"' in html and 'value="1.250.000"' in html
    assert 'value="5.000 6.000"' in html
    with translation.override("en"):
        assert 'value="7,000"' in Capacity(initial=initial).as_div()


def test_inputs_are_text_with_the_number_keypad_not_browser_number_inputs():
    html = str(Capacity()["kg"])
    assert 'type="text"' in html and 'inputmode="decimal"' in html
    assert 'type="number"' not in html and "step=" not in html


def test_limits_are_said_in_the_language_and_its_notation():
    with translation.override("id"):
        form = Capacity({"kg": "2.000.000", "weight": "0,001", "price": "1"})
        assert not form.is_valid()
        assert "1.000.000" in form.errors["kg"][0]
        assert any("0,01" in e for e in form.errors["weight"])
    with translation.override("en"):
        form = Capacity({"kg": "2,000,000", "weight": "0.001", "price": "1"})
        assert not form.is_valid()
        assert "1,000,000" in form.errors["kg"][0]


def test_percentages_stay_within_0_and_100():
    with translation.override("id"):
        assert not Capacity({**TYPED, "share": "100,5"}).is_valid()


def test_a_number_gets_one_message_the_first_check_it_fails():
    with translation.override("en"):
        form = Capacity({**TYPED, "kg": "2,000", "weight": "2.5", "price": "1",
                         "share": "150.12345", "months": ""})
        assert not form.is_valid()
        assert form.errors["share"] == ["Ensure this value is less than or equal to 100."]


def test_whole_rupiah_fields_say_so_about_decimals():
    class Sales(forms.Form):
        amount = MoneyField(decimal_places=0, max_digits=18)
        price = MoneyField()

    with translation.override("id"):
        form = Sales({"amount": "1.500,5", "price": "1.500,505"})
        assert not form.is_valid()
        assert form.errors["amount"] == ["Hanya rupiah utuh, tanpa sen."]
        assert "utuh" not in form.errors["price"][0]


@pytest.mark.parametrize("text", ["1,5", "5000,5000", "lima ribu"])
def test_monthly_quantities_are_whole_numbers_each(text):
    with translation.override("id"):
        form = Capacity({**TYPED, "months": text})
        assert not form.is_valid() and form.errors["months"]


@pytest.mark.django_db
def test_model_forms_get_these_fields_for_the_models_numbers():
    class FurnaceForm(forms.ModelForm):
        class Meta:
            model = Furnace
            fields = ["kind", "tonnes_per_heat", "count"]
            formfield_callback = staticmethod(model_formfield)

    fields = FurnaceForm.base_fields
    assert isinstance(fields["tonnes_per_heat"], DecimalField)
    assert isinstance(fields["count"], IntegerField)
    assert isinstance(fields["count"].widget, NumberTextInput)
    with translation.override("id"):
        form = FurnaceForm({"kind": "cupola", "tonnes_per_heat": "1,5", "count": "2"})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["tonnes_per_heat"] == Decimal("1.5")


def test_an_empty_list_of_months_is_no_change():
    field = WholeNumbersField(required=False)
    assert not field.has_changed(None, "") and not field.has_changed([], " ")
    assert field.has_changed(None, "5.000") and field.has_changed([5000], "5.000 1")
    with translation.override("id"):
        assert not field.has_changed([5000, 6000], "5.000 6.000")
