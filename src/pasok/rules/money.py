"""Rupiah amounts: Decimal, never float, rounded half up. (People read and write them
through pasok.web.numbers.)"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def to_decimal(value) -> Decimal:
    """A finite Decimal from an int, str or Decimal (NaN and Infinity are not numbers);
    floats go through str to avoid binary noise."""
    if isinstance(value, Decimal) and value.is_finite():
        return value
    if isinstance(value, float):
        value = repr(value)
    try:
        result = Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValueError(f"not a number: {value!r}") from exc
    if not result.is_finite():
        raise ValueError(f"not a number: {value!r}")
    return result


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    return to_decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
