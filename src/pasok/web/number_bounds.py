"""How large, how small and how precise a number people give may be: derived once from the
model field that stores it (max_digits, decimal_places, its validators, the database's
integer range), tightened where the domain says so, and used by every path a number comes
in by: form fields (`form_field`), the API's schemas (`schema_type`), imports and services
(`problem`, `errors`). A number outside its bounds is refused with the field named, in the
reader's language and notation, before anything downstream (a page, an evaluation, a PDF)
has to cope with 1E+28, NaN or a price with 28 decimals."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated

from django.core import validators
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from pasok.rules.money import to_decimal

from . import number_fields
from .numbers import input_text, write_rupiah


@dataclass(frozen=True)
class Bounds:
    label: str  # the field's name (lazy), for messages
    minimum: Decimal | None
    maximum: Decimal | None
    places: int  # decimal places allowed; 0 is a whole number
    above_minimum: bool = False  # the minimum itself is refused (a price of Rp0)
    money: bool = False

    def _write(self, value: Decimal) -> str:
        if self.money:  # Rp10.000.000.000, not Rp10.000.000.000,00
            return write_rupiah(value, 0 if value == int(value) else self.places)
        return input_text(value)

    def problem(self, value, *, rounds: bool = False) -> str | None:
        """Why `value` is refused (naming the field), or None when it is within bounds.
        `rounds`: more decimals are allowed, the caller rounds them away."""
        field = capfirst(str(self.label))
        try:
            number = None if isinstance(value, bool) else to_decimal(value)
        except ValueError:
            number = None
        if number is None:  # NaN, Infinity, text, true/false
            return _("%(field)s must be a number.") % {"field": field}
        low, high = self.minimum, self.maximum
        too_low = low is not None and (number <= low if self.above_minimum else number < low)
        if too_low or (high is not None and number > high):
            if high is None:
                return (_("%(field)s must be more than %(min)s.") if self.above_minimum
                        else _("%(field)s must be at least %(min)s.")) % {
                    "field": field, "min": self._write(low)}
            if low is None:
                return _("%(field)s must be at most %(max)s.") % {
                    "field": field, "max": self._write(high)}
            return (_("%(field)s must be more than %(min)s and at most %(max)s.")
                    if self.above_minimum else
                    _("%(field)s must be between %(min)s and %(max)s.")) % {
                "field": field, "min": self._write(low), "max": self._write(high)}
        if not rounds and decimals_of(number) > self.places:
            if not self.places:
                return _("%(field)s must be a whole number.") % {"field": field}
            return _("%(field)s has at most %(places)s decimal places.") % {
                "field": field, "places": self.places}
        return None

    def value(self, value) -> Decimal | int:
        """`value` as the number it is (int for a whole number); check `problem` first."""
        number = to_decimal(value)
        return int(number) if not self.places else number

    def form_field(self, **kwargs) -> number_fields.DecimalField:
        """The form field for it (number_fields: read in the active notation)."""
        limits = {"min_value": self.minimum, "max_value": self.maximum, **kwargs}
        if not self.places:
            return number_fields.IntegerField(**limits)
        digits = len(str(int(self.maximum))) + self.places if self.maximum else None
        field_class = number_fields.MoneyField if self.money else number_fields.DecimalField
        return field_class(max_digits=digits, decimal_places=self.places, **limits)

    def schema_type(self):
        """A pydantic type refusing what `problem` refuses, with its message (the field is
        also named in the error's `loc`); its limits show in the OpenAPI schema."""
        def check(value):
            if (problem := self.problem(value)) is not None:
                # A custom error keeps the message ours: a ValueError reads "Value error, …".
                raise PydanticCustomError("number_bounds", "{problem}", {"problem": problem})
            return self.value(value)

        limits = {"exclusiveMinimum" if self.above_minimum else "minimum": self.minimum,
                  "maximum": self.maximum}
        documented = {k: float(v) if self.places else int(v)
                      for k, v in limits.items() if v is not None}
        return Annotated[int if not self.places else Decimal, BeforeValidator(check),
                         Field(json_schema_extra=documented)]

    def errors(self, name: str, value) -> dict[str, list[str]]:
        """{name: [message]} for a service's ValidationError, or {} when within bounds."""
        problem = self.problem(value)
        return {name: [problem]} if problem else {}


def decimals_of(number: Decimal) -> int:
    """The decimals `number` has, trailing zeros aside (12.50 has 1), without rounding."""
    _sign, digits, exponent = number.as_tuple()
    while exponent < 0 and digits and digits[-1] == 0:
        digits, exponent = digits[:-1], exponent + 1
    return max(-exponent, 0)


def bounds_of(model: type[models.Model], name: str, *, label=None, minimum=None,
              maximum=None, above_minimum: bool = False, money: bool = False) -> Bounds:
    """The bounds of `model.name`: what its column holds and its validators allow,
    tightened by `minimum` and `maximum`; `label` (default: its verbose name) names it."""
    field = model._meta.get_field(name)
    if isinstance(field, models.DecimalField):
        places = field.decimal_places
        top = Decimal(10) ** (field.max_digits - places) - Decimal(10) ** -places
        low, high = -top, top
    elif isinstance(field, models.IntegerField):
        places = 0
        low, high = (Decimal(v) for v in BaseDatabaseOperations.integer_field_ranges[
            field.get_internal_type()])
    else:
        raise TypeError(f"{model.__name__}.{name} is not a number")
    for check in field.validators:
        if isinstance(check, validators.MinValueValidator):
            low = max(low, Decimal(check.limit_value))
        elif isinstance(check, validators.MaxValueValidator):
            high = min(high, Decimal(check.limit_value))
    if minimum is not None:
        low = max(low, Decimal(minimum))
    if maximum is not None:
        high = min(high, Decimal(maximum))
    return Bounds(label=label or field.verbose_name, minimum=low, maximum=high, places=places,
                  above_minimum=above_minimum, money=money)
