"""The worksheet JSON of docs/interfaces.md (`pasok tkdn compute`) to and from rules.tkdn objects.

Errors name the field the way the interface promises: `materials[3].cost: must be >= 0`.
"""

from decimal import Decimal

from .money import round_half_up, to_decimal
from .tkdn import (
    FACTORS,
    ORIGINS,
    OVERHEAD_CATEGORIES,
    UNCERTIFIED_RULES,
    Line,
    Regime,
    TkdnResult,
    Worksheet,
    WorksheetError,
    material_line,
)

# No cost line of one unit of product comes near a trillion rupiah; beyond this a figure is a
# typing error, and Decimal arithmetic keeps its 28 significant digits.
LARGEST = Decimal(10) ** 12

_KEYS = {"material": "materials", "labour": "labour", "overhead": "overhead"}


def _number(item: dict, key: str, path: str, *, required: bool = True) -> Decimal | None:
    if key not in item or item[key] is None:
        if required:
            raise WorksheetError(f"{path}.{key}", "required")
        return None
    value = item[key]
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise WorksheetError(f"{path}.{key}", "not_a_number")
    try:
        number = to_decimal(value)
    except ValueError as exc:
        raise WorksheetError(f"{path}.{key}", "not_a_number") from exc
    if abs(number) > LARGEST:
        raise WorksheetError(f"{path}.{key}", "too_large")
    return number


def _line(factor: str, index: int, item) -> Line:
    path = f"{_KEYS[factor]}[{index}]"
    if not isinstance(item, dict):
        raise WorksheetError(path, "not_an_object")
    name = item.get("name", "")
    if not isinstance(name, str):
        raise WorksheetError(f"{path}.name", "not_text")
    domestic = _number(item, "domestic_percent", path)
    certificate = str(item.get("certificate") or "")
    origin = _choice(item, "origin", path, ORIGINS) if factor == "material" else ""
    category = _choice(item, "category", path, OVERHEAD_CATEGORIES) if factor == "overhead" \
        else ""
    if factor == "material":
        quantity = _number(item, "quantity", path)
        unit_price = _number(item, "unit_price", path)
        if quantity < 0:
            raise WorksheetError(f"{path}.quantity", "negative")
        if unit_price < 0:
            raise WorksheetError(f"{path}.unit_price", "negative")
        return material_line(name, quantity, unit_price, domestic, certificate, origin)
    return Line(name, _number(item, "cost", path), domestic, certificate, category=category)


def _choice(item: dict, key: str, path: str, allowed: tuple[str, ...]) -> str:
    value = item.get(key) or ""
    if value not in allowed:
        raise WorksheetError(f"{path}.{key}", "not_one_of",
                             choices=", ".join(a for a in allowed if a))
    return value


def worksheet_from_dict(data) -> Worksheet:
    if not isinstance(data, dict):
        raise WorksheetError("(top)", "not_an_object")
    regime = data.get("regime", Regime.P35_2025.value)
    if not isinstance(regime, str) or regime not in {r.value for r in Regime}:
        raise WorksheetError("regime", "not_one_of", choices=", ".join(r.value for r in Regime))
    product = data.get("product", "")
    if not isinstance(product, str):
        raise WorksheetError("product", "not_text")
    lines = {}
    for factor in FACTORS:
        items = data.get(_KEYS[factor], [])
        if not isinstance(items, list):
            raise WorksheetError(_KEYS[factor], "not_a_list")
        lines[factor] = tuple(_line(factor, i, item) for i, item in enumerate(items))
    weights = data.get("weights")
    if weights is not None:
        if not isinstance(weights, dict):
            raise WorksheetError("weights", "not_an_object")
        weights = {f: _number(weights, f, "weights") for f in FACTORS}
    uncertified = data.get("uncertified", "declared")
    if uncertified not in UNCERTIFIED_RULES:
        raise WorksheetError("uncertified", "uncertified_rule")
    return Worksheet(product=product, regime=Regime(regime), materials=lines["material"],
                     labour=lines["labour"], overhead=lines["overhead"],
                     uncertified=uncertified, weights=weights)


def json_number(value):
    """A Decimal as a JSON number (int when whole); anything else unchanged. Exact for every
    figure the worksheet allows (at most 15 significant digits below LARGEST)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _money(value: Decimal) -> float | int:
    rounded = round_half_up(value, 2)
    return int(rounded) if rounded == rounded.to_integral_value() else float(rounded)


def _percent(value: Decimal) -> float:
    return float(round_half_up(value, 2))


def result_to_dict(result: TkdnResult) -> dict:
    """The output JSON: percentages half-up to 2 decimals, rupiah with at most 2 decimals."""
    return {
        "regime": result.regime.value,
        "product": result.product,
        "tkdn_percent": _percent(result.tkdn_percent),
        "factors": {f: {"cost": _money(r.cost), "domestic_percent": _percent(r.domestic_percent)}
                    for f, r in result.factors.items()},
        "total_cost": _money(result.total_cost),
        "warnings": [str(w) for w in result.warnings],
    }
