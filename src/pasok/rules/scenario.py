"""What-if scenarios of the cluster's orders: what substituting imports, a new order or a
foundry's closing does to revenue and jobs per month, directly and through the multiplier
effect, exactly as docs/interfaces.md (`pasok insights scenario FILE`) states it.

The multipliers are those of input–output analysis (Miller & Blair, *Input–Output Analysis:
Foundations and Extensions*, 2nd ed., Cambridge University Press 2009, ch. 6): the type I
multiplier is (direct + indirect) / direct effect, from the Leontief inverse of the open model;
type II is (direct + indirect + induced) / direct, with households' income and spending made
endogenous. Hence indirect jobs = direct × (employment type I − 1) and induced jobs =
direct × (type II − type I); output effects are the revenue change × the output multiplier.
Defaults and their source: rules.multipliers.

Conventions the interface leaves open, decided here:
- Units are whole. `substitute` leaves `units × (1 − share)` rounded half up to a whole unit
  (1,800 units at share 0.5 keep exactly 900; 5 units at 0.5 keep 3).
- `new_order` units go only to listed foundries with workers (a closed foundry has none any
  more, so a scenario may close F3 and then give its share of a new order to the others); a
  line of the same buyer, family and unit price as one the foundry has already grows that line.
- A `substitute` matching no foundry's product changes nothing.
- A closed foundry's direct jobs are minus its workers, whatever its revenue did.
- Direct jobs of a foundry without baseline revenue use the cluster's workers per rupiah of
  baseline revenue; when no foundry has baseline revenue either, there is no such figure and
  a change to such a foundry's revenue is bad input (path `foundries`).
- Multipliers below 1, or type II below type I, contradict their definitions: bad input.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .money import round_half_up


class ScenarioError(ValueError):
    """Bad input; `path` names the field as the JSON has it, e.g. `changes[1].foundries[0]`."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass(frozen=True)
class Multipliers:
    output_type1: Decimal
    output_type2: Decimal
    employment_type1: Decimal
    employment_type2: Decimal


@dataclass(frozen=True)
class Product:
    family: str
    buyer: str
    units_per_month: int
    unit_price: Decimal


@dataclass(frozen=True)
class Foundry:
    id: str
    workers: int
    products: tuple[Product, ...]


@dataclass(frozen=True)
class Substitute:
    buyer: str
    family: str
    share: Decimal


@dataclass(frozen=True)
class NewOrder:
    buyer: str
    family: str
    units_per_month: int
    unit_price: Decimal
    foundries: tuple[str, ...]


@dataclass(frozen=True)
class Close:
    foundry: str


Change = Substitute | NewOrder | Close


@dataclass(frozen=True)
class LineOutcome:
    buyer: str
    family: str
    unit_price: Decimal
    units_before: int
    units_after: int


@dataclass(frozen=True)
class FoundryOutcome:
    id: str
    workers: int
    revenue_before: Decimal
    revenue_after: Decimal
    direct_jobs: Decimal
    closed: bool
    lines: tuple[LineOutcome, ...]


@dataclass(frozen=True)
class Outcome:
    """Per month; exact, unrounded (rules.scenario_json rounds for the output)."""

    baseline_revenue: Decimal
    baseline_workers: int
    revenue_change: Decimal
    direct_jobs: Decimal
    indirect_jobs: Decimal
    induced_jobs: Decimal
    output_type1: Decimal
    output_type2: Decimal
    foundries: tuple[FoundryOutcome, ...]


@dataclass
class _Line:
    buyer: str
    family: str
    unit_price: Decimal
    units_before: int
    units: int


@dataclass
class _Foundry:
    id: str
    workers: int
    lines: list[_Line]
    closed: bool = False

    @property
    def workers_left(self) -> int:
        return 0 if self.closed else self.workers


def _at_least(value, minimum, path: str) -> None:
    if value < minimum:
        raise ScenarioError(path, f"must be at least {minimum}")


def _check_multipliers(m: Multipliers) -> None:
    for kind in ("output", "employment"):
        type1, type2 = getattr(m, f"{kind}_type1"), getattr(m, f"{kind}_type2")
        _at_least(type1, 1, f"multipliers.{kind}.type1")
        if type2 < type1:
            raise ScenarioError(f"multipliers.{kind}.type2", "must be at least type1")


def _baseline(foundries: Sequence[Foundry]) -> dict[str, _Foundry]:
    state: dict[str, _Foundry] = {}
    for i, foundry in enumerate(foundries):
        path = f"foundries[{i}]"
        if foundry.id in state:
            raise ScenarioError(f"{path}.id", "is used by an earlier foundry")
        _at_least(foundry.workers, 0, f"{path}.workers")
        lines = []
        for j, product in enumerate(foundry.products):
            _at_least(product.units_per_month, 0, f"{path}.products[{j}].units_per_month")
            _at_least(product.unit_price, 0, f"{path}.products[{j}].unit_price")
            lines.append(_Line(product.buyer, product.family, product.unit_price,
                               product.units_per_month, product.units_per_month))
        state[foundry.id] = _Foundry(foundry.id, foundry.workers, lines)
    return state


def _substitute(state: dict[str, _Foundry], change: Substitute, path: str) -> None:
    if not 0 <= change.share <= 1:
        raise ScenarioError(f"{path}.share", "must be between 0 and 1")
    kept = 1 - change.share
    for foundry in state.values():
        for line in foundry.lines:
            if line.buyer == change.buyer and line.family == change.family:
                line.units = int(round_half_up(line.units * kept, 0))


def split(units: int, workers: Sequence[int]) -> list[int]:
    """`units` in proportion to `workers`, each share rounded down, the remainder one unit each
    in list order to those with workers."""
    total = sum(workers)
    shares = [units * w // total for w in workers]
    remainder = units - sum(shares)
    for i, w in enumerate(workers):
        if remainder and w:
            shares[i] += 1
            remainder -= 1
    return shares


def _new_order(state: dict[str, _Foundry], change: NewOrder, path: str) -> None:
    _at_least(change.units_per_month, 0, f"{path}.units_per_month")
    _at_least(change.unit_price, 0, f"{path}.unit_price")
    for k, name in enumerate(change.foundries):
        if name not in state:
            raise ScenarioError(f"{path}.foundries[{k}]", "is not a foundry of the scenario")
        if name in change.foundries[:k]:
            raise ScenarioError(f"{path}.foundries[{k}]", "is listed twice")
    listed = [state[name] for name in change.foundries]
    if not sum(f.workers_left for f in listed):
        raise ScenarioError(f"{path}.foundries", "have no workers between them")
    for foundry, units in zip(listed, split(change.units_per_month,
                                            [f.workers_left for f in listed]), strict=True):
        if not units:
            continue
        same = next((line for line in foundry.lines if (line.buyer, line.family, line.unit_price)
                     == (change.buyer, change.family, change.unit_price)), None)
        if same:
            same.units += units
        else:
            foundry.lines.append(_Line(change.buyer, change.family, change.unit_price, 0, units))


def _close(state: dict[str, _Foundry], change: Close, path: str) -> None:
    if change.foundry not in state:
        raise ScenarioError(f"{path}.foundry", "is not a foundry of the scenario")
    foundry = state[change.foundry]
    foundry.closed = True
    for line in foundry.lines:
        line.units = 0


_APPLY = {Substitute: _substitute, NewOrder: _new_order, Close: _close}


def run(foundries: Sequence[Foundry], changes: Sequence[Change],
        multipliers: Multipliers) -> Outcome:
    """The changes applied in order to the foundries' baseline; ScenarioError names bad input."""
    _check_multipliers(multipliers)
    state = _baseline(foundries)
    for i, change in enumerate(changes):
        _APPLY[type(change)](state, change, f"changes[{i}]")

    before = {f.id: sum((line.units_before * line.unit_price for line in f.lines), Decimal(0))
              for f in state.values()}
    baseline_revenue = sum(before.values(), Decimal(0))
    baseline_workers = sum(f.workers for f in state.values())
    results = []
    for foundry in state.values():
        revenue_after = sum((line.units * line.unit_price for line in foundry.lines), Decimal(0))
        change = revenue_after - before[foundry.id]
        if foundry.closed:
            direct = Decimal(-foundry.workers)
        elif before[foundry.id]:
            direct = change * foundry.workers / before[foundry.id]
        elif not change:
            direct = Decimal(0)
        elif baseline_revenue:
            direct = change * baseline_workers / baseline_revenue
        else:
            raise ScenarioError("foundries", "have no baseline revenue, so the jobs per rupiah "
                                             "of a new order are unknown")
        results.append(FoundryOutcome(
            id=foundry.id, workers=foundry.workers, revenue_before=before[foundry.id],
            revenue_after=revenue_after, direct_jobs=direct, closed=foundry.closed,
            lines=tuple(LineOutcome(line.buyer, line.family, line.unit_price,
                                    line.units_before, line.units)
                        for line in foundry.lines)))

    revenue_change = sum((f.revenue_after - f.revenue_before for f in results), Decimal(0))
    direct_jobs = sum((f.direct_jobs for f in results), Decimal(0))
    m = multipliers
    return Outcome(
        baseline_revenue=baseline_revenue, baseline_workers=baseline_workers,
        revenue_change=revenue_change, direct_jobs=direct_jobs,
        indirect_jobs=direct_jobs * (m.employment_type1 - 1),
        induced_jobs=direct_jobs * (m.employment_type2 - m.employment_type1),
        output_type1=revenue_change * m.output_type1,
        output_type2=revenue_change * m.output_type2,
        foundries=tuple(results))
