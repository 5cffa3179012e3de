"""Lower bounds by pricing in the two rules that span months: the share of each pair
(multiplier λ ≥ 0 per pair) and the partner floors (φ ≥ 0 per floor). With them in the
costs the problem falls into the period LPs of planning.periods, and for any λ, φ ≥ 0

    L(λ, φ) = Σ_t period optimum − λ · share cap + φ · floor units

is a proven lower bound. Its best value is the LP relaxation's.

Good multipliers come from the year LP (every rule but whole units and minimum lots) over a
working set of pairs — those a month solution or a plan uses, and every pair a floor
counts: solved by interior point without crossover it takes a fraction of the whole LP's
time, and its duals are close to the best multipliers though the set lacks most pairs (the
bound stays valid whatever they are). Its months also show how to split the share and the
floors for a plan (periods.split_share). Pairs that the priced months take and the set
lacks join it for another round (column generation). Where the year LP is too large for
the time, subgradient steps on the multipliers improve the bound instead."""

import time
from dataclasses import dataclass

import numpy as np

from . import highs, verify
from .instance import Instance
from .model import build, fixed_row_count
from .periods import PeriodModels

# The most columns worth a year LP: M's working set (66,000) solves in about 10 s, L's
# (330,000) took 12 minutes; the subgradient does better with the time.
YEAR_LP_COLUMNS = 150_000


@dataclass
class YearLP:
    share: np.ndarray   # λ per pair
    floor: np.ndarray   # φ per floor
    x: np.ndarray       # its plan (pairs, periods), fractional


def year_lp(inst: Instance, upper: np.ndarray, pairs: np.ndarray, *,
            time_limit: float) -> YearLP | None:
    """The year LP over `pairs`; None if it is too large, found no optimum in the time, or
    has none."""
    if len(pairs) * inst.periods > YEAR_LP_COLUMNS:
        return None
    model = build(inst, pairs=pairs, upper=upper)
    solution = highs.solve(model, time_limit=time_limit, method="ipm", crossover=False)
    if solution.row_dual is None or solution.values is None:
        return None
    fixed, n_floor = fixed_row_count(inst), len(inst.floor_units)
    share = np.zeros(inst.n_pairs)
    # Minimising, a ≤ row (share) has a dual ≤ 0 and a ≥ row (floor) one ≥ 0.
    share[model.share_pairs] = np.maximum(-solution.row_dual[fixed:], 0)
    floor = np.maximum(solution.row_dual[fixed - n_floor:fixed], 0)
    return YearLP(share, floor, model.x(solution.values, inst.n_pairs, inst.periods))


def bound(inst: Instance, relaxed: PeriodModels, share: np.ndarray,
          floor: np.ndarray) -> tuple[float, np.ndarray]:
    """L(λ, φ) and the months' plan at those prices (nan if a month found no optimum)."""
    shift = share.copy()
    has = inst.floor_of_pair >= 0
    shift[has] -= floor[inst.floor_of_pair[has]]
    value, x, _ = relaxed.solve(shift)
    return value - share @ inst.pair_cap + floor @ inst.floor_units, x


def subgradient(inst: Instance, relaxed: PeriodModels, x: np.ndarray, value: float, *,
                cost: float, wanted: float, deadline: float) -> float:
    """Without the year LP (too large for the time): subgradient steps from zero
    multipliers, `x` and `value` being the relaxed months' plan and bound, towards `cost`
    (a plan's) until the bound reaches `wanted`, stalls, or time runs out."""
    share = np.zeros(inst.n_pairs)
    floor = np.zeros(len(inst.floor_units))
    scale, stalled, best, last_round = 1.0, 0, value, 0.0
    while best < wanted and scale >= 1e-3 and time.monotonic() + 1.5 * last_round < deadline:
        g_share = x.sum(axis=1) - inst.pair_cap
        g_floor = inst.floor_units - verify.floor_totals(inst, x)
        g_share[(share <= 0) & (g_share < 0)] = 0
        g_floor[(floor <= 0) & (g_floor < 0)] = 0
        norm = (g_share ** 2).sum() + (g_floor ** 2).sum()
        if norm == 0:
            break
        step = scale * (cost - best) / norm
        share = np.maximum(0, share + step * g_share)
        floor = np.maximum(0, floor + step * g_floor)
        began = time.monotonic()
        value, x = bound(inst, relaxed, share, floor)
        last_round = time.monotonic() - began
        if value > best:
            best, stalled = value, 0
        else:
            stalled += 1
            if stalled >= 2:
                scale, stalled = scale / 2, 0
    return best
