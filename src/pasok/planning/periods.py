"""Decomposition by month. Without the two rules that span months — the share of a line
over the year and the partner floors — the problem falls apart into one small LP per
period (a transportation problem: M's is 2,200 rows × 20,000 columns and dual simplex
solves it in ~0.4 s, while the whole LP takes 25–60 s and more).

Used twice:
- relaxed (spanning rules dropped, or priced in with Lagrange multipliers): the sum of the
  period optima is a proven lower bound;
- restricted (each pair's share split over the months, each floor likewise, elastic —
  first in proportion to demand, then as the year LP of planning.lagrange has them): every
  plan it gives keeps the share rule, so it is a near-optimal starting plan for rounding.

Each period's HiGHS model stays alive, so a re-solve with changed costs starts from the
last basis."""

import math

import highspy
import numpy as np

from .highs import new_highs
from .instance import Instance
from .model import build


def split_share(inst: Instance, upper: np.ndarray, by: np.ndarray | None = None) -> np.ndarray:
    """Per pair and period bounds that together keep each pair's share: the months of `by`
    (a plan over the year that keeps the share, such as the year LP's), and what is left of
    the share in proportion to the line's demand (all of it without `by`). A pair whose
    bounds cannot pass its share keeps them."""
    by = np.zeros_like(upper) if by is None else np.maximum(by, 0)
    line = inst.pair_line
    total = inst.demand.sum(axis=1)[line, None]
    left = np.maximum(inst.pair_cap - by.sum(axis=1), 0)[:, None]
    share = left * inst.demand[line] / np.where(total > 0, total, 1)
    split = np.floor(by + share + _tolerance(inst))
    binds = upper.sum(axis=1) > inst.pair_cap
    return np.where(binds[:, None], np.minimum(upper, split), upper)


def split_floors(inst: Instance, by: np.ndarray | None = None) -> np.ndarray:
    """(floors, periods): each floor as whole units per period, rounded up: what `by` gives
    its pairs each period, and what it still lacks in proportion to the demand of the lines
    the floor counts (all of it without `by`)."""
    has = inst.floor_of_pair >= 0
    n = len(inst.floor_units)
    got = np.zeros((n, inst.periods))
    if by is not None:
        np.add.at(got, inst.floor_of_pair[has], np.maximum(by[has], 0))
    demand = np.zeros((n, inst.periods))
    np.add.at(demand, inst.floor_of_pair[has], inst.demand[inst.pair_line[has]])
    lacking = np.maximum(inst.floor_units - got.sum(axis=1), 0)[:, None]
    total = demand.sum(axis=1, keepdims=True)
    return np.ceil(got + lacking * demand / np.where(total > 0, total, 1) - _tolerance(inst))


def _tolerance(inst: Instance) -> float:
    """For whole units read from LP values: small enough that a pair's months, each rounded
    down with it, still add up to no more than its share."""
    return min(1e-3, 0.5 / inst.periods)


class PeriodModels:
    def __init__(self, inst: Instance, upper: np.ndarray, floors: np.ndarray | None = None,
                 floor_penalty: float = 0.0):
        self.inst = inst
        self.models, self.highs = [], []
        L = len(inst.line_ids)
        no_floor = np.full(inst.n_pairs, -1)
        for t in range(inst.periods):
            sub = inst.with_changes(
                periods=1, capacity_kg=inst.capacity_kg[:, t:t + 1],
                demand=inst.demand[:, t:t + 1],
                floor_units=floors[:, t] if floors is not None else np.zeros(0),
                floor_of_pair=inst.floor_of_pair if floors is not None else no_floor)
            pairs = np.flatnonzero(upper[:, t] > 0)
            model = build(sub, pairs=pairs, upper=upper[:, t:t + 1])
            h = _highs(model)
            if floors is not None and len(floors):
                n = len(floors)  # elastic floor columns: a floor that cannot hold costs
                first_floor_row = L + len(inst.supplier_ids)
                h.addCols(n, np.full(n, floor_penalty), np.zeros(n), np.full(n, np.inf), n,
                          np.arange(n, dtype=np.int32),
                          (first_floor_row + np.arange(n)).astype(np.int32), np.ones(n))
            self.models.append(model)
            self.highs.append(h)

    def set_bounds(self, pairs: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> None:
        """New bounds (pairs, periods) for some pairs' x columns; the bases are kept."""
        for t, (model, h) in enumerate(zip(self.models, self.highs, strict=True)):
            column = np.full(self.inst.n_pairs, -1)
            column[model.pairs] = model.n_unmet + np.arange(len(model.pairs))
            here = column[pairs] >= 0
            cols = column[pairs][here].astype(np.int32)
            if len(cols):
                h.changeColsBounds(len(cols), cols, lower[here, t], upper[here, t])

    def set_floors(self, floors: np.ndarray) -> None:
        """New per-period floor units (floors, periods) for the floor rows."""
        first = len(self.inst.line_ids) + len(self.inst.supplier_ids)
        rows = (first + np.arange(len(floors))).astype(np.int32)
        for t, h in enumerate(self.highs):
            h.changeRowsBounds(len(rows), rows, floors[:, t], np.full(len(rows), np.inf))

    def solve(self, cost_shift: np.ndarray | None = None):
        """Solve every period (costs + cost_shift per pair). Returns the summed objective,
        x (pairs, periods) and unmet (lines, periods); None where a period found no optimum."""
        inst = self.inst
        x = np.zeros((inst.n_pairs, inst.periods))
        unmet = np.zeros((len(inst.line_ids), inst.periods))

        def one(t):
            model, h = self.models[t], self.highs[t]
            if cost_shift is not None:
                cols = np.arange(model.n_unmet, model.n_unmet + len(model.pairs), dtype=np.int32)
                h.changeColsCost(len(cols), cols, inst.unit_cost[model.pairs]
                                 + cost_shift[model.pairs])
            h.run()
            if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                return math.nan
            values = np.asarray(h.getSolution().col_value)
            x[model.pairs, t] = values[model.n_unmet:model.n_unmet + len(model.pairs)]
            unmet[:, t] = values[:model.n_unmet]
            return h.getInfo().objective_function_value

        # One after another: highspy holds the GIL while it solves, so threads gain nothing.
        return sum(one(t) for t in range(inst.periods)), x, unmet


def _highs(model) -> highspy.Highs:
    h = new_highs()
    h.setOptionValue("solver", "simplex")
    h.setOptionValue("threads", 1)
    m = model.matrix
    h.passModel(m.shape[1], m.shape[0], m.nnz, 1, 1, 0.0, model.cost, model.col_lower,
                model.col_upper, model.row_lower, model.row_upper,
                m.indptr.astype(np.int32), m.indices.astype(np.int32), m.data,
                np.zeros(m.shape[1], dtype=np.int32))
    return h


def spread(units: np.ndarray, room: np.ndarray) -> np.ndarray:
    """Whole units per period adding up to `units` (per pair), in proportion to `room`
    (pairs, periods) and never above it (largest remainders get the odd units)."""
    share = room / np.maximum(room.sum(axis=1, keepdims=True), 1e-12) * units[:, None]
    base = np.minimum(np.floor(share), room)
    missing = (units - base.sum(axis=1)).astype(int)
    order = np.argsort(-(share - base), axis=1)
    for i in np.flatnonzero(missing > 0):
        for t in order[i]:
            if missing[i] == 0:
                break
            add = min(missing[i], room[i, t] - base[i, t])
            base[i, t] += add
            missing[i] -= add
    return base
