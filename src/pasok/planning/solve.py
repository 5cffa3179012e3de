"""`allocate`: the plan at least cost within every rule, with a proven lower bound.

- Always first, month by month (planning.periods): the bound is the Lagrangian bound of
  the period LPs, improved by subgradient steps on the share and floor multipliers while
  time allows. The plan comes from the period LPs with the share and floors split by
  month, minimum lots decided (raise to the lot, or drop) over a few re-solves, then whole
  units (planning.rounding).
- Then, for instances up to EXACT_COLUMNS columns, the whole MILP in HiGHS started from
  that plan (the better plan and the better bound win), and among the least-cost plans
  the steadiest months (planning.steady).
The plan passes planning.verify before it is returned."""

import time
from dataclasses import dataclass, field

import numpy as np

from . import highs, periods, rounding, steady, verify
from .instance import Instance
from .model import build, integer_model, pair_most, usable_pairs

EXACT_COLUMNS = 60_000
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
    it in the reader's language; `message` is the English of INTERFACES.md and the CLI."""

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


def allocate(inst: Instance, *, time_limit: float = 60.0, gap: float = 1e-4) -> Result:
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
    if small:
        result = _exact(inst, upper, result, deadline, gap)
        if result is not None and result.status == "optimal":
            result.x, result.unmet = steady.steadier(
                inst, result.x, result.unmet, upper, time_limit=deadline - time.monotonic())
    if result is None:
        reason = _conflicting_floors(inst, upper, deadline)
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
    status = "optimal" if objective - bound <= gap * max(abs(objective), 1.0) else "feasible"
    return Result(status, objective, bound, x, unmet)


def _conflicting_floors(inst: Instance, upper: np.ndarray,
                        deadline: float) -> list[Infeasibility]:
    """Which floors cannot hold together: minimise the total shortfall of elastic floors
    and name the floors left short (in whole units with the lots where the instance is
    small enough, else in the LP, which still proves the conflict)."""
    integer = fits_exact(inst)
    model = build(inst, pairs=usable_pairs(upper), upper=upper, integer=integer,
                  floor_slack=True)
    solution = highs.solve(model, time_limit=max(deadline - time.monotonic(), 10),
                           method="ipm")
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
    relaxed = periods.PeriodModels(inst, upper)
    bound, x_relaxed, _ = relaxed.solve()
    fractional = _plan_with_lots(inst, upper)
    x, unmet = rounding.whole_units(inst, fractional)
    if verify.violations(inst, x, unmet):  # floors the month split could not meet
        return None
    objective = verify.objective(inst, x, unmet)
    bound = _improve_bound(inst, relaxed, bound, x_relaxed, objective, deadline, gap)
    return _result(objective, bound, x, unmet, gap)


def _plan_with_lots(inst: Instance, upper: np.ndarray) -> np.ndarray:
    """The month-split LP plan, re-solved until no pair sits between zero and its lot:
    a pair that got at least half its lot, or that a partner floor counts, is raised to it
    (spread over the months); the rest are dropped."""
    up = periods.proportional_upper(inst, upper)
    lower = np.zeros_like(up)
    floors = periods.proportional_floors(inst)
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


def _improve_bound(inst: Instance, relaxed, bound: float, x: np.ndarray, objective: float,
                   deadline: float, gap: float) -> float:
    """Subgradient steps on the Lagrange multipliers of the share rule (λ ≥ 0 per pair) and
    the partner floors (φ ≥ 0 per floor); every step's value is a valid bound."""
    cap = inst.pair_cap
    has = inst.floor_of_pair >= 0
    lam = np.zeros(inst.n_pairs)
    phi = np.zeros(len(inst.floor_units))
    step_scale, stalled, best = 1.0, 0, bound
    last_round = 0.0
    while objective - best > gap * abs(objective) / 2:
        if time.monotonic() + 1.5 * last_round > deadline or step_scale < 1e-3:
            break
        g_share = x.sum(axis=1) - cap
        g_floor = inst.floor_units - verify.floor_totals(inst, x)
        g_share[(lam <= 0) & (g_share < 0)] = 0
        g_floor[(phi <= 0) & (g_floor < 0)] = 0
        norm = (g_share ** 2).sum() + (g_floor ** 2).sum()
        if norm == 0:
            break
        step = step_scale * (objective - best) / norm
        lam = np.maximum(0, lam + step * g_share)
        phi = np.maximum(0, phi + step * g_floor)
        shift = lam.copy()
        shift[has] -= phi[inst.floor_of_pair[has]]
        began = time.monotonic()
        value, x, _ = relaxed.solve(shift)
        last_round = time.monotonic() - began
        value += -(lam * cap).sum() + (phi * inst.floor_units).sum()
        if value > best:
            best, stalled = value, 0
        else:
            stalled += 1
            if stalled >= 2:
                step_scale, stalled = step_scale / 2, 0
    return best
