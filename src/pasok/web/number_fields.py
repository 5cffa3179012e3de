"""Form fields for the numbers people type, read and shown in the active language through
pasok.web.numbers. Every numeric field of every form is one of these (a test keeps
Django's own numeric fields out): what was typed is re-shown as typed after an error, a
stored value is shown the way the language writes it, and limits in messages too.

A text input, not the browser's number input: Chrome's number input reads "2.000" as 2
and refuses "1.500,5"; `inputmode` still brings up the phone's number keys."""

import re
from decimal import Decimal

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .numbers import NumberError, input_text, read_number


class NumberTextInput(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return input_text(value)
        return super().format_value(value)


class _MinValue(validators.MinValueValidator):
    def __call__(self, value):
        _localised_limit(super().__call__, value)


class _MaxValue(validators.MaxValueValidator):
    def __call__(self, value):
        _localised_limit(super().__call__, value)


def _localised_limit(check, value) -> None:
    """Django's message with the limit and the value written in the active language."""
    try:
        check(value)
    except ValidationError as exc:
        params = {key: input_text(v) if isinstance(v, int | float | Decimal) else v
                  for key, v in (exc.params or {}).items()}
        raise ValidationError(exc.message, code=exc.code, params=params) from None


def _localise_limits(field: forms.Field) -> None:
    swap = {validators.MinValueValidator: _MinValue, validators.MaxValueValidator: _MaxValue}
    field.validators = [swap[type(v)](v.limit_value, v.message) if type(v) in swap else v
                        for v in field.validators]


class _Localised:
    """Reads what was typed with pasok.web.numbers.read_number."""

    widget = NumberTextInput
    whole = False
    money = False
    percent = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _localise_limits(self)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            number = Decimal(value)
        else:
            try:
                number = read_number(value, whole=self.whole, money=self.money,
                                     percent=self.percent)
            except NumberError as exc:
                raise ValidationError(exc.message, code=exc.code) from exc
        if self.whole:
            if number != number.to_integral_value():
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            return int(number)
        return number

    def run_validators(self, value):
        """Only the first check that fails: "at most 2 decimals" and "at most 100" at once
        read as a list of complaints about one number."""
        try:
            super().run_validators(value)
        except ValidationError as exc:
            raise ValidationError(exc.error_list[:1]) from None

    def widget_attrs(self, widget):
        return forms.Field.widget_attrs(self, widget)


class DecimalField(_Localised, forms.DecimalField):
    pass


class IntegerField(_Localised, forms.IntegerField):
    whole = True


class MoneyField(DecimalField):
    """Rupiah; "Rp" in front is allowed."""

    money = True

    def __init__(self, *, max_digits=16, decimal_places=2, min_value=0, **kwargs):
        super().__init__(max_digits=max_digits, decimal_places=decimal_places,
                         min_value=min_value, **kwargs)
        if decimal_places == 0:
            self.error_messages.setdefault("max_decimal_places", _("Whole rupiah only."))


class PercentField(DecimalField):
    """0–100, "%" after it is allowed."""

    percent = True

    def __init__(self, *, max_digits=7, decimal_places=4, min_value=0, max_value=100,
                 **kwargs):
        super().__init__(max_digits=max_digits, decimal_places=decimal_places,
                         min_value=min_value, max_value=max_value, **kwargs)


class WholeNumbersField(forms.CharField):
    """Several whole numbers, one per month: separated by spaces, semicolons, new lines or
    a comma followed by a space; each one read in the active language."""

    widget = forms.TextInput

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return " ".join(input_text(v) for v in value)
        return value

    def has_changed(self, initial, data):
        try:
            return list(initial or []) != self.to_python(data)
        except ValidationError:
            return True

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return []
        numbers = []
        for part in _SEPARATORS.split(text.strip()):
            try:
                numbers.append(int(read_number(part, whole=True)))
            except NumberError as exc:
                raise ValidationError(exc.message, code=exc.code) from exc
        return numbers


_SEPARATORS = re.compile(r"\s*;\s*|,\s+|\s+")


def model_formfield(db_field: models.Field, **kwargs):
    """formfield_callback for ModelForms: the model's numbers get these fields."""
    if isinstance(db_field, models.DecimalField):
        return db_field.formfield(form_class=DecimalField, **kwargs)
    if isinstance(db_field, models.IntegerField) and not isinstance(db_field, models.AutoField):
        return db_field.formfield(form_class=IntegerField, **kwargs)
    return db_field.formfield(**kwargs)
