"""`allocate`: a plan within every rule whose cost is proven within a gap target of the
least cost (`gap`, relative: cost − bound ≤ gap × cost), and the bound that proves it.
Every step below stops as soon as the target is reached; none proves more than asked.

- Month by month (planning.periods): the bound of the relaxed period LPs; a plan from the
  period LPs with each pair's share and each floor split over the months in proportion to
  demand, minimum lots decided (raise to the lot, or drop) over a few re-solves, then whole
  units (planning.rounding).
- The year LP over the pairs in use (planning.lagrange): its duals price the share and
  the floors into the period LPs for a bound near the LP relaxation's, and its months
  split the share and floors for a second, closer plan. Pairs the priced months want join
  the set for another round while the target is not reached. Where the year LP is too
  large or does not finish in 3/4 of the time left, subgradient steps improve the bound.
- Then, only if the target is still not reached and the instance has at most
  EXACT_COLUMNS columns, the whole MILP in HiGHS started from the best plan (the better
  plan and the better bound win).
- On the exact path, once the target is reached, the steadiest months at no more cost
  (planning.steady), given half as long again as the plan took (at least STEADY_SECONDS):
  polish, not part of the target. Proving the steadiest takes HiGHS 11 s for 10 foundries,
  4 lines and 3 months, and at S's size it finds nothing steadier in 10 s.
The plan passes planning.verify before it is returned."""

import time
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from . import highs, lagrange, periods, rounding, steady, verify
from .instance import Instance
from .model import build, integer_model, pair_most, usable_pairs

GAP = 1e-3  # the default target: cost proven within 0.1% of the least cost
EXACT_COLUMNS = 60_000
STEADY_SECONDS = 0.5  # the least time the steadier months get (HiGHS's least, highs.solve)
YEAR_LP_SHARE = 0.75  # of the time left, for a round of the year LP
LOT_ROUNDS = 4
FLOOR_ROUNDS = 3
EPS = 1e-6


class NoPlan(RuntimeError):
    """No plan within the time limit (the instance may still have one)."""


@dataclass(frozen=True)
class Infeasibility:
    """A partner floor that cannot hold, as data: `code` (floor_unreachable: even with the
    supplier's whole room it reaches only `most` of the floor's `units`; floors_conflict:
    with the other floors it falls `short` units short) and its numbers, so the pages word
    it in the reader's language; `message` is the English of docs/interfaces.md and the CLI."""

    code: str
    buyer: str
    supplier: str
    units: float = 0.0
    most: float = 0.0
    short: float = 0.0

    @property
    def message(self) -> str:
        if self.code == "floor_unreachable":
            return (f"partner floor {self.buyer} / {self.supplier} needs {self.units:g} units;"
                    f" capacity, share, demand and minimum lots allow at most {self.most:g}")
        return (f"partner floor {self.buyer} / {self.supplier} falls {self.short:.4g} units "
                "short with the other floors, capacity, share and minimum lots")


@dataclass
class Result:
    status: str                        # optimal, feasible, infeasible
    objective: float = float("nan")
    lower_bound: float = float("nan")
    x: np.ndarray | None = None        # (pairs, periods) whole units
    unmet: np.ndarray | None = None    # (lines, periods)
    seconds: float = 0.0
    reason: list[Infeasibility] = field(default_factory=list)

    @property
    def gap(self) -> float:
        if self.status == "infeasible":
            return float("nan")
        return max(0.0, (self.objective - self.lower_bound) / max(abs(self.objective), 1.0))


def fits_exact(inst: Instance) -> bool:
    """Small enough for the exact MILP (and the second stages built on it)."""
    return inst.n_pairs * inst.periods <= EXACT_COLUMNS


def usable_upper(inst: Instance) -> np.ndarray:
    """Per pair and period bounds, with pairs that could never reach their lot shut."""
    upper = inst.pair_upper()
    upper[pair_most(inst, upper) < inst.min_lot] = 0
    return upper


def allocate(inst: Instance, *, time_limit: float = 60.0, gap: float = GAP) -> Result:
    if not 0 <= gap < 1:
        raise ValueError("gap: must be at least 0 and less than 1")
    started = time.monotonic()
    deadline = started + time_limit
    upper = usable_upper(inst)
    reason = unreachable_floors(inst, upper)
    if reason:
        return Result("infeasible", reason=reason, seconds=time.monotonic() - started)
    if not inst.demand.any() and not inst.floor_units.any():  # nothing asked: nothing to do
        nothing = np.zeros((inst.n_pairs, inst.periods))
        return Result("optimal", 0.0, 0.0, nothing, np.zeros_like(inst.demand),
                      time.monotonic() - started)
    small = fits_exact(inst)
    # Small instances get less time for the heuristic: the exact MILP is the better use.
    result = _decomposed(inst, upper, started + (time_limit / 4 if small else time_limit),
                         gap)
    if small and (result is None or result.status != "optimal"):
        result = _exact(inst, upper, result, deadline, gap)
    if small and result is not None and result.status == "optimal":
        spent = time.monotonic() - started
        result.x, result.unmet = steady.steadier(
            inst, result.x, result.unmet, upper, gap=gap,
            time_limit=min(max(spent / 2, STEADY_SECONDS), deadline - time.monotonic()))
    if result is None:
        reason = _conflicting_floors(inst, upper, deadline, gap)
        if not reason:
            raise NoPlan("no plan found within the time limit")
        return Result("infeasible", reason=reason, seconds=time.monotonic() - started)
    broken = verify.violations(inst, result.x, result.unmet)
    if broken:  # a defect, not an answer: never hand out a plan that breaks a rule
        raise AssertionError("plan breaks rules: " + "; ".join(broken[:5]))
    result.seconds = time.monotonic() - started
    return result


def unreachable_floors(inst: Instance, upper: np.ndarray) -> list[Infeasibility]:
    """Floors that no plan can meet even with the supplier's whole capacity to itself."""
    most = pair_most(inst, upper)
    has = inst.floor_of_pair >= 0
    reachable = np.bincount(inst.floor_of_pair[has], weights=most[has],
                            minlength=len(inst.floor_units))
    return [_floor_reason(inst, f, reachable[f])
            for f in np.flatnonzero(reachable < inst.floor_units)]


def _floor_reason(inst: Instance, f: int, reachable: float) -> Infeasibility:
    return Infeasibility("floor_unreachable", inst.floor_buyer[f],
                         inst.supplier_ids[inst.floor_supplier[f]],
                         units=float(inst.floor_units[f]), most=float(reachable))


def _exact(inst: Instance, upper: np.ndarray, heuristic: Result | None, deadline: float,
           gap: float) -> Result | None:
    """The whole MILP in HiGHS, started from the heuristic plan; the better plan and the
    better bound win."""
    model = integer_model(inst, upper)
    start = None if heuristic is None else model.values_of(heuristic.x, heuristic.unmet)
    solution = highs.solve(model, time_limit=deadline - time.monotonic(), mip_gap=gap,
                           start=start)
    if solution.values is None:
        return None if solution.status == "infeasible" else heuristic
    x = np.round(model.x(solution.values, inst.n_pairs, inst.periods))
    unmet = np.round(model.unmet(solution.values, len(inst.line_ids), inst.periods))
    objective = verify.objective(inst, x, unmet)
    bound = max(solution.bound if np.isfinite(solution.bound) else -np.inf,
                heuristic.lower_bound if heuristic else -np.inf)
    if heuristic is not None and heuristic.objective < objective:
        x, unmet, objective = heuristic.x, heuristic.unmet, heuristic.objective
    result = _result(objective, bound, x, unmet, gap)
    if solution.status == "optimal":  # HiGHS proved it within its gap tolerances
        result.status = "optimal"
    return result


def _result(objective, bound, x, unmet, gap) -> Result:
    bound = min(bound, objective)
    return Result("optimal" if _within(objective, bound, gap) else "feasible",
                  objective, bound, x, unmet)


def _within(objective: float, bound: float, gap: float) -> bool:
    return bound >= _proving(objective, gap)


def _proving(cost: float, gap: float) -> float:
    """The least bound that proves a plan of this cost within the target."""
    return cost - gap * max(abs(cost), 1.0)


def _conflicting_floors(inst: Instance, upper: np.ndarray, deadline: float,
                        gap: float) -> list[Infeasibility]:
    """Which floors cannot hold together: minimise the total shortfall of elastic floors
    and name the floors left short (in whole units with the lots where the instance is
    small enough, else in the LP, which still proves the conflict)."""
    integer = fits_exact(inst)
    model = build(inst, pairs=usable_pairs(upper), upper=upper, integer=integer,
                  floor_slack=True)
    solution = highs.solve(model, time_limit=max(deadline - time.monotonic(), 10),
                           method="ipm", mip_gap=gap)
    # Whole units fall short by a unit or more; in the LP any shortfall proves the conflict.
    proof = 0.5 if integer else 1e-6
    if solution.values is None or solution.bound <= proof:
        return []
    short = solution.values[model.floor_slack_columns]
    return [Infeasibility("floors_conflict", inst.floor_buyer[f],
                          inst.supplier_ids[inst.floor_supplier[f]],
                          units=float(inst.floor_units[f]), short=float(short[f]))
            for f in np.flatnonzero(short > proof)]


def _decomposed(inst: Instance, upper: np.ndarray, deadline: float,
                gap: float) -> Result | None:
    """Month by month, then the year LP's rounds, until the target is reached (module
    docstring); None if no plan kept every rule."""
    relaxed = periods.PeriodModels(inst, upper)
    bound, x_relaxed, _ = relaxed.solve()
    best = _plan(inst, periods.split_share(inst, upper), periods.split_floors(inst))
    if not _reached(best, bound, gap):
        best, bound, solved = _year_rounds(inst, upper, relaxed, x_relaxed, best, bound,
                                           deadline, gap)
        if best is not None and not solved and not _reached(best, bound, gap):
            bound = lagrange.subgradient(inst, relaxed, x_relaxed, bound, cost=best.cost,
                                         wanted=_proving(best.cost, gap), deadline=deadline)
    return None if best is None else _result(best.cost, bound, best.x, best.unmet, gap)


def _year_rounds(inst, upper, relaxed, x_relaxed, best, bound, deadline, gap):
    """Rounds of the year LP over the working set of pairs: each gives a bound and a plan
    and adds the pairs its prices want. Returns the best plan, the bound, and whether any
    year LP was solved."""
    working = x_relaxed.sum(axis=1) > EPS
    working |= (inst.floor_of_pair >= 0) & (upper.sum(axis=1) > 0)
    if best is not None:
        working |= best.x.sum(axis=1) > 0
    solved = False
    while not _reached(best, bound, gap) and time.monotonic() < deadline:
        # If the time is too little, the subgradient steps get what is left.
        lp = lagrange.year_lp(inst, upper, np.flatnonzero(working),
                              time_limit=YEAR_LP_SHARE * (deadline - time.monotonic()))
        if lp is None:
            break
        solved = True
        value, x_priced = lagrange.bound(inst, relaxed, lp.share, lp.floor)
        bound = max(bound, value)
        if _reached(best, bound, gap):
            break
        plan = _plan(inst, periods.split_share(inst, upper, lp.x),
                     periods.split_floors(inst, lp.x))
        if plan is not None and (best is None or plan.cost < best.cost):
            best = plan
        wanted = (x_priced.sum(axis=1) > EPS) & ~working
        if not wanted.any():
            break  # another round would solve the same year LP
        working |= wanted
    return best, bound, solved


class _Plan(NamedTuple):
    x: np.ndarray
    unmet: np.ndarray
    cost: float


def _reached(plan: _Plan | None, bound: float, gap: float) -> bool:
    return plan is not None and _within(plan.cost, bound, gap)


def _plan(inst: Instance, up: np.ndarray, floors: np.ndarray) -> _Plan | None:
    """A plan in whole units from the period LPs under these month bounds and floors; None
    if it breaks a rule (floors the month split could not meet)."""
    x, unmet = rounding.whole_units(inst, _plan_with_lots(inst, up, floors))
    if verify.violations(inst, x, unmet):
        return None
    return _Plan(x, unmet, verify.objective(inst, x, unmet))


def _plan_with_lots(inst: Instance, up: np.ndarray, floors: np.ndarray) -> np.ndarray:
    """The month-split LP plan, re-solved until no pair sits between zero and its lot:
    a pair that got at least half its lot, or that a partner floor counts, is raised to it
    (spread over the months); the rest are dropped."""
    up = up.copy()
    lower = np.zeros_like(up)
    restricted = periods.PeriodModels(inst, up, floors, floor_penalty=2 * inst.unmet_penalty)
    _, x, _ = restricted.solve()
    for _ in range(FLOOR_ROUNDS):
        # A floor split by demand may not fit some months: move what is short to the
        # months where its pairs still have room.
        short = inst.floor_units - verify.floor_totals(inst, x)
        if not (short > EPS).any():
            break
        floors = _floors_where_room(inst, x, up, short)
        restricted.set_floors(floors)
        _, x, _ = restricted.solve()
    for _ in range(LOT_ROUNDS):
        total = x.sum(axis=1)
        below = np.flatnonzero((total > EPS) & (total < inst.min_lot - EPS)
                               & (lower.sum(axis=1) == 0))
        if not len(below):
            break
        wanted = ((total[below] >= inst.min_lot[below] / 2)
                  | (inst.floor_of_pair[below] >= 0))
        lift = below[wanted & (up[below].sum(axis=1) >= inst.min_lot[below])]
        lower[lift] = periods.spread(inst.min_lot[lift], up[lift])
        lift = _jointly_possible(inst, lower, lift)
        drop = np.setdiff1d(below, lift)
        lower[drop] = 0
        up[drop] = 0
        changed = np.concatenate([lift, drop])
        restricted.set_bounds(changed, lower[changed], up[changed])
        objective, x, _ = restricted.solve()
        short = inst.floor_supplier[inst.floor_units - verify.floor_totals(inst, x) > EPS]
        if np.isnan(objective) or len(short):
            # Lots raised together do not fit, or they took a partner's capacity from its
            # floor: drop those instead.
            undo = lift if np.isnan(objective) else lift[
                np.isin(inst.pair_supplier[lift], short) & (inst.floor_of_pair[lift] < 0)]
            up[undo] = 0
            lower[undo] = 0
            restricted.set_bounds(undo, lower[undo], up[undo])
            _, x, _ = restricted.solve()
    return x


def _floors_where_room(inst: Instance, x: np.ndarray, up: np.ndarray,
                       short: np.ndarray) -> np.ndarray:
    has = inst.floor_of_pair >= 0
    n = len(inst.floor_units)
    got = np.zeros((n, inst.periods))
    np.add.at(got, inst.floor_of_pair[has], x[has])
    room = np.zeros((n, inst.periods))
    np.add.at(room, inst.floor_of_pair[has], up[has] - x[has])
    share = room / np.maximum(room.sum(axis=1, keepdims=True), EPS)
    return np.floor(got + EPS) + np.ceil(np.maximum(short, 0)[:, None] * share - EPS)


def _jointly_possible(inst: Instance, lower: np.ndarray, lift: np.ndarray) -> np.ndarray:
    """The raised lots that fit together into each line's demand and each supplier's kg."""
    lift = list(lift)
    while lift:
        per_line = np.zeros_like(inst.demand)
        np.add.at(per_line, inst.pair_line, lower)
        kg = np.zeros_like(inst.capacity_kg)
        np.add.at(kg, inst.pair_supplier, lower * inst.unit_weight[inst.pair_line, None])
        over_line = (per_line > inst.demand + EPS).any(axis=1)
        over_kg = (kg > inst.capacity_kg + EPS).any(axis=1)
        bad = [p for p in lift if over_line[inst.pair_line[p]]
               or over_kg[inst.pair_supplier[p]]]
        if not bad:
            break
        worst = min(bad, key=lambda p: lower[p].sum() / inst.min_lot[p])
        lower[worst] = 0
        lift.remove(worst)
    return np.array(lift, dtype=np.int64)
