"""Rupiah amounts: Decimal, never float; printed the Indonesian way (Rp1.250.000)."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def to_decimal(value) -> Decimal:
    """A Decimal from an int, str or Decimal; floats go through str to avoid binary noise."""
    if isinstance(value, Decimal):
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


def format_rupiah(value, places: int = 0) -> str:
    """Rp1.250.000 (thousands with '.', decimals with ',', minus before Rp)."""
    amount = round_half_up(to_decimal(value), places)
    sign = "-" if amount < 0 else ""
    whole, _, fraction = f"{abs(amount):.{places}f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}Rp{grouped}" + (f",{fraction}" if places else "")


def format_number_id(value, places: int = 0) -> str:
    """A plain number in Indonesian notation: 150.000 or 12,5."""
    return format_rupiah(value, places).replace("Rp", "", 1)
