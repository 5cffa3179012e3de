"""A contract's terms as one value: what a version proposes, what signing puts in force, the
snapshot each ContractVersion keeps. Validated once here, each error naming its field
(`items.2.quantity`), so a form, the API and the demo get the same answers."""

import datetime as dt
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from pasok.months import month_start
from pasok.rules.price_adjustment import Clause, ClauseError
from pasok.suppliers.catalogue import PART_FAMILIES
from pasok.tenders import limits

from .models import MAX_PAYMENT_TERM_DAYS


@dataclass(frozen=True)
class ItemTerms:
    number: int
    product: str
    unit_weight_kg: Decimal
    unit_price: Decimal
    quantity: int
    minimum_quantity: int = 0
    family: str = "other"
    unit: str = "pcs"
    grade: str | None = None  # a MaterialGrade code
    aql: Decimal = Decimal("2.5")
    schedule: dict[dt.date, int] = field(default_factory=dict)  # month → units
    award_id: int | None = None


@dataclass(frozen=True)
class ContractTerms:
    starts_on: dt.date
    ends_on: dt.date
    payment_term_days: int
    items: tuple[ItemTerms, ...]
    price_adjustment: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        data = asdict(self)
        data["starts_on"], data["ends_on"] = str(self.starts_on), str(self.ends_on)
        data["items"] = [
            {**{k: (str(v) if isinstance(v, Decimal) else v) for k, v in asdict(i).items()},
             "schedule": {str(m): u for m, u in sorted(i.schedule.items())}}
            for i in self.items]
        return data

    @classmethod
    def of(cls, data: dict) -> "ContractTerms":
        items = tuple(ItemTerms(**{
            **item, "unit_weight_kg": Decimal(item["unit_weight_kg"]),
            "unit_price": Decimal(item["unit_price"]), "aql": Decimal(item["aql"]),
            "schedule": {dt.date.fromisoformat(m): u for m, u in item["schedule"].items()}})
            for item in data["items"])
        return cls(dt.date.fromisoformat(data["starts_on"]),
                   dt.date.fromisoformat(data["ends_on"]), data["payment_term_days"], items,
                   data.get("price_adjustment") or {})

    def with_item(self, number: int, **changes) -> "ContractTerms":
        return replace(self, items=tuple(replace(i, **changes) if i.number == number else i
                                         for i in self.items))


_CLAUSE_MESSAGES = {
    "shape": lambda: _("Give the fixed part and, for each component, a name, a weight and a "
                       "base index."),
    "fixed": lambda: _("The fixed part is at least 0 and less than 1."),
    "none": lambda: _("Name at least one indexed cost component."),
    "names": lambda: _("Give each component its own name."),
    "weights": lambda: _("Each component's weight is more than 0."),
    "bases": lambda: _("Each base index is more than 0."),
    "sum": lambda: _("The fixed part and the weights add up to 1."),
}


def validate(terms: ContractTerms) -> None:
    """ValidationError with every problem, each under its field."""
    errors: dict[str, list[str]] = {}

    def add(name, message):
        errors.setdefault(name, []).append(message)

    if terms.ends_on < terms.starts_on:
        add("ends_on", _("A contract cannot end before it starts."))
    if not 1 <= terms.payment_term_days <= MAX_PAYMENT_TERM_DAYS:
        add("payment_term_days", _("The payment term is 1 to 365 days."))
    try:
        Clause.of(terms.price_adjustment)
    except ClauseError as wrong:
        add("price_adjustment", _CLAUSE_MESSAGES[wrong.code]())
    if not terms.items:
        add("items", _("A contract has at least one item."))
    numbers = [i.number for i in terms.items]
    if len(set(numbers)) != len(numbers):
        add("items", _("Each item has its own number."))
    families = dict(PART_FAMILIES)
    first, last = month_start(terms.starts_on), month_start(terms.ends_on)
    for item in terms.items:
        at = f"items.{item.number}"
        if not item.product.strip():
            add(f"{at}.product", _("Name the product."))
        if not 1 <= item.quantity <= limits.MAX_LOT_QUANTITY:
            add(f"{at}.quantity", _("An item holds 1 to 10,000,000 units."))
        if not 0 <= item.minimum_quantity <= item.quantity:
            add(f"{at}.minimum_quantity", _("The minimum quantity is at most the total."))
        if not 0 < item.unit_price <= limits.MAX_UNIT_PRICE:
            add(f"{at}.unit_price", _("The unit price is more than 0 and at most "
                                      "Rp10,000,000,000."))
        if not 0 < item.unit_weight_kg <= limits.MAX_UNIT_WEIGHT_KG:
            add(f"{at}.unit_weight_kg", _("A unit weighs more than 0 and at most 100,000 kg."))
        if item.family not in families:
            add(f"{at}.family", _("Choose a part family from the list."))
        if item.schedule:
            if any(not first <= m <= last or m.day != 1 for m in item.schedule):
                add(f"{at}.schedule", _("Every scheduled month lies within the contract's "
                                        "period."))
            if any(u < 0 for u in item.schedule.values()):
                add(f"{at}.schedule", _("A month's units cannot be negative."))
            elif sum(item.schedule.values()) != item.quantity:
                add(f"{at}.schedule", _("The schedule's months add up to the total "
                                        "quantity."))
    if errors:
        raise ValidationError(errors)


def rescheduled(schedule: dict[dt.date, int], quantity: int) -> dict[dt.date, int]:
    """The schedule changed to add up to `quantity`: the last months take the difference
    (what is removed comes off the last months first)."""
    if not schedule:
        return {}
    months = sorted(schedule)
    result = dict(schedule)
    difference = quantity - sum(schedule.values())
    if difference >= 0:
        result[months[-1]] += difference
        return result
    for month in reversed(months):
        taken = min(result[month], -difference)
        result[month] -= taken
        difference += taken
    return result
