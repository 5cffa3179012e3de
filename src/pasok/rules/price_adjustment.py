"""A contract's price-adjustment clause (penyesuaian harga), as data, and the adjusted unit
price it gives.

The formula is the one Indonesian public contracts use (penyesuaian harga, Perpres 16/2018
Pasal 38 and, with the same formula spelt out, Perpres 54/2010 Pasal 92(2)); BUMN are not
bound by the Perpres, so here the parties agree the clause: Pn = P0 × (a + b·Bn/B0 +
c·Cn/C0 + …), where a is the fixed part (profit and overhead; 0.15 where the offer does not
state it, Pasal 92(2)), b, c … the weights of the cost components indexed (for a foundry:
scrap steel, pig iron, coke, electricity), B0 the index at the base month and Bn at the
month of delivery; the coefficients add up to 1. Here the
clause is a fixed part and named components, each with its base index; the indices for a
month are given by whoever records them (a price series the parties agree on).

Worked example: P0 Rp 450.000, a 0.30, scrap 0.50 (base 8.000, now 8.800), pig iron 0.20
(base 10.000, now 9.500) → factor 0.30 + 0.50 × 1.1 + 0.20 × 0.95 = 1.04 → Rp 468.000."""

from dataclasses import dataclass
from decimal import Decimal

from .money import round_half_up, to_decimal

DEFAULT_FIXED = Decimal("0.15")


class ClauseError(ValueError):
    """What is wrong with a clause: the part (`field`) and a `code` the caller words."""

    def __init__(self, field: str, code: str, message: str):
        super().__init__(message)
        self.field, self.code = field, code


@dataclass(frozen=True)
class Component:
    name: str
    weight: Decimal
    base_index: Decimal


@dataclass(frozen=True)
class Clause:
    fixed: Decimal
    components: tuple[Component, ...]

    @classmethod
    def of(cls, data: dict) -> "Clause | None":
        """From the stored JSON ({} or None: no clause), validated."""
        if not data:
            return None
        try:
            fixed = to_decimal(data["fixed"])
            components = tuple(Component(str(c["name"]).strip(), to_decimal(c["weight"]),
                                         to_decimal(c["base_index"]))
                               for c in data.get("components", []))
        except (KeyError, TypeError, ValueError) as exc:
            raise ClauseError("price_adjustment", "shape", "a clause has a fixed part and "
                              "components with a name, a weight and a base index") from exc
        clause = cls(fixed, components)
        clause.validate()
        return clause

    def validate(self) -> None:
        if not 0 <= self.fixed < 1:
            raise ClauseError("fixed", "fixed", "the fixed part is at least 0 and less than 1")
        if not self.components:
            raise ClauseError("components", "none", "name at least one indexed cost component")
        names = [c.name for c in self.components]
        if "" in names or len(set(names)) != len(names):
            raise ClauseError("components", "names", "each component has its own name")
        if any(c.weight <= 0 for c in self.components):
            raise ClauseError("components", "weights", "each component's weight is more than 0")
        if any(c.base_index <= 0 for c in self.components):
            raise ClauseError("components", "bases", "each base index is more than 0")
        if self.fixed + sum(c.weight for c in self.components) != 1:
            raise ClauseError("components", "sum", "the fixed part and the weights add up to 1")

    def as_json(self) -> dict:
        return {"fixed": str(self.fixed), "components": [
            {"name": c.name, "weight": str(c.weight), "base_index": str(c.base_index)}
            for c in self.components]}

    def factor(self, indices: dict[str, Decimal]) -> Decimal:
        """a + Σ weight × index now / base index; every component's index is needed."""
        missing = [c.name for c in self.components if c.name not in indices]
        if missing:
            raise ClauseError("indices", "missing", f"no index for {', '.join(missing)}")
        return self.fixed + sum(c.weight * to_decimal(indices[c.name]) / c.base_index
                                for c in self.components)

    def adjusted(self, unit_price: Decimal, indices: dict[str, Decimal]) -> Decimal:
        return round_half_up(to_decimal(unit_price) * self.factor(indices))
