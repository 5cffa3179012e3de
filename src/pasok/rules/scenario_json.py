"""The JSON of `pasok insights scenario FILE` (docs/interfaces.md) to and from rules.scenario.

Reading checks the kinds of values (numbers, whole numbers, texts, lists) and names the field;
the bounds (no negative workers, a share within 0–1, known foundries) are rules.scenario's.
Without `multipliers` the defaults of rules.multipliers apply."""

from decimal import Decimal

from .money import round_half_up, to_decimal
from .multipliers import DEFAULT
from .scenario import (
    Change,
    Close,
    Foundry,
    Multipliers,
    NewOrder,
    Outcome,
    Product,
    ScenarioError,
    Substitute,
)
from .tkdn_json import json_number

# No unit price or monthly quantity of the cluster comes near a trillion; beyond this a figure
# is a typing error, and sums of products keep within Decimal's 28 significant digits.
LARGEST = Decimal(10) ** 12


def _object(value, path: str) -> dict:
    if not isinstance(value, dict):
        raise ScenarioError(path, "must be an object")
    return value


def _list(value, path: str) -> list:
    if not isinstance(value, list):
        raise ScenarioError(path, "must be a list")
    return value


def _text(data: dict, key: str, path: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ScenarioError(f"{path}.{key}", "must be a non-empty text")
    return value


def _number(data: dict, key: str, path: str) -> Decimal:
    value = data.get(key)
    if value is None:
        raise ScenarioError(f"{path}.{key}", "is required")
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ScenarioError(f"{path}.{key}", "must be a number")
    try:
        number = to_decimal(value)
    except ValueError as exc:
        raise ScenarioError(f"{path}.{key}", "must be a number") from exc
    if abs(number) > LARGEST:
        raise ScenarioError(f"{path}.{key}", "is too large")
    return number


def _whole(data: dict, key: str, path: str) -> int:
    number = _number(data, key, path)
    if number != number.to_integral_value():
        raise ScenarioError(f"{path}.{key}", "must be a whole number")
    return int(number)


def multipliers_from_dict(data) -> Multipliers:
    """The JSON's `multipliers` (None: the defaults), as a saved scenario keeps them too."""
    if data is None:
        return DEFAULT.multipliers
    data = _object(data, "multipliers")
    output = _object(data.get("output"), "multipliers.output")
    employment = _object(data.get("employment"), "multipliers.employment")
    return Multipliers(
        output_type1=_number(output, "type1", "multipliers.output"),
        output_type2=_number(output, "type2", "multipliers.output"),
        employment_type1=_number(employment, "type1", "multipliers.employment"),
        employment_type2=_number(employment, "type2", "multipliers.employment"))


def _foundry(index: int, item) -> Foundry:
    path = f"foundries[{index}]"
    item = _object(item, path)
    products = []
    for j, product in enumerate(_list(item.get("products", []), f"{path}.products")):
        at = f"{path}.products[{j}]"
        product = _object(product, at)
        products.append(Product(family=_text(product, "family", at),
                                buyer=_text(product, "buyer", at),
                                units_per_month=_whole(product, "units_per_month", at),
                                unit_price=_number(product, "unit_price", at)))
    return Foundry(id=_text(item, "id", path), workers=_whole(item, "workers", path),
                   products=tuple(products))


def _change(index: int, item) -> Change:
    path = f"changes[{index}]"
    item = _object(item, path)
    kind = item.get("kind")
    if kind == "substitute":
        return Substitute(buyer=_text(item, "buyer", path), family=_text(item, "family", path),
                          share=_number(item, "share", path))
    if kind == "new_order":
        names = _list(item.get("foundries"), f"{path}.foundries")
        for k, name in enumerate(names):
            if not isinstance(name, str) or not name.strip():
                raise ScenarioError(f"{path}.foundries[{k}]", "must be a non-empty text")
        return NewOrder(buyer=_text(item, "buyer", path), family=_text(item, "family", path),
                        units_per_month=_whole(item, "units_per_month", path),
                        unit_price=_number(item, "unit_price", path), foundries=tuple(names))
    if kind == "close":
        return Close(foundry=_text(item, "foundry", path))
    raise ScenarioError(f"{path}.kind", "must be substitute, new_order or close")


def changes_from_list(items) -> list[Change]:
    """The JSON's `changes`, as a saved scenario keeps them too."""
    return [_change(i, item) for i, item in enumerate(_list(items, "changes"))]


def multipliers_to_dict(m: Multipliers) -> dict:
    return {"output": {"type1": json_number(m.output_type1),
                       "type2": json_number(m.output_type2)},
            "employment": {"type1": json_number(m.employment_type1),
                           "type2": json_number(m.employment_type2)}}


def foundry_to_dict(foundry: Foundry) -> dict:
    """A foundry as the input JSON has it (a saved scenario's baseline, exported for the
    command line)."""
    return {"id": foundry.id, "workers": foundry.workers,
            "products": [{"family": p.family, "buyer": p.buyer,
                          "units_per_month": p.units_per_month,
                          "unit_price": json_number(p.unit_price)} for p in foundry.products]}


def scenario_from_dict(data) -> tuple[list[Foundry], list[Change], Multipliers]:
    """(foundries, changes, multipliers) for rules.scenario.run, or ScenarioError."""
    data = _object(data, "(top)")
    foundries = [_foundry(i, item) for i, item in
                 enumerate(_list(data.get("foundries"), "foundries"))]
    return (foundries, changes_from_list(data.get("changes", [])),
            multipliers_from_dict(data.get("multipliers")))


def _rupiah(value: Decimal) -> int:
    return int(round_half_up(value, 0))


def _jobs(value: Decimal) -> float:
    return float(round_half_up(value, 2)) + 0.0  # + 0.0: no "-0.0" in the output


def outcome_to_dict(outcome: Outcome) -> dict:
    """Per month: jobs rounded half up to 2 decimals, rupiah to whole, as docs/interfaces.md
    prints them."""
    return {
        "baseline": {"revenue": _rupiah(outcome.baseline_revenue),
                     "workers": outcome.baseline_workers},
        "change": {"revenue": _rupiah(outcome.revenue_change),
                   "direct_jobs": _jobs(outcome.direct_jobs),
                   "indirect_jobs": _jobs(outcome.indirect_jobs),
                   "induced_jobs": _jobs(outcome.induced_jobs),
                   "output_type1": _rupiah(outcome.output_type1),
                   "output_type2": _rupiah(outcome.output_type2)},
        "foundries": [{"id": f.id, "revenue_before": _rupiah(f.revenue_before),
                       "revenue_after": _rupiah(f.revenue_after),
                       "direct_jobs": _jobs(f.direct_jobs)} for f in outcome.foundries],
    }
