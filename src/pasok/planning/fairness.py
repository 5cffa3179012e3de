"""Fairness for permanent partners: after the least-cost plan, raise the lowest
utilisation (kg planned / kg capacity over the horizon) among the small partner foundries
as far as a cost tolerance ε allows, and report what that fairness costs.

It is the MILP of planning.model plus one column u and the rows
  Σ kg of s / capacity of s ≥ u     for every small partner s
  total cost + unmet penalty ≤ (1 + ε) × least cost
maximising u, started from the least-cost plan. Sized for what the product plans (a
cooperative's members, a tender's bids); larger instances are refused."""

import time
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from . import highs, verify
from .instance import Instance
from .model import extend, integer_model
from .solve import GAP, Result, fits_exact, usable_upper


@dataclass
class Fairer:
    x: np.ndarray
    unmet: np.ndarray
    objective: float
    least_cost: float
    min_utilisation_before: float
    min_utilisation_after: float
    partners: list[str]

    @property
    def price(self) -> float:
        """What fairness costs, as a fraction of the least cost."""
        return (self.objective - self.least_cost) / max(abs(self.least_cost), 1.0)


def partners(inst: Instance) -> np.ndarray:
    """Small foundries under a partner floor; without floors, every small candidate."""
    chosen = np.unique(inst.floor_supplier)
    if not len(chosen):
        chosen = np.unique(inst.pair_supplier)
    return chosen[inst.small[chosen] & (inst.capacity_kg[chosen].sum(axis=1) > 0)]


def utilisation(inst: Instance, x: np.ndarray, suppliers: np.ndarray) -> np.ndarray:
    kg = np.bincount(inst.pair_supplier, weights=(x * inst.unit_weight[inst.pair_line, None])
                     .sum(axis=1), minlength=len(inst.supplier_ids))
    return kg[suppliers] / inst.capacity_kg[suppliers].sum(axis=1)


def fairer(inst: Instance, least: Result, *, tolerance: float = 0.01,
           time_limit: float = 30.0, gap: float = GAP) -> Fairer:
    """Both steps stop at the relative `gap` (of the utilisation, then of the cost)."""
    if not fits_exact(inst):
        raise ValueError("fairness: the instance is too large for the fairness step")
    chosen = partners(inst)
    before = utilisation(inst, least.x, chosen)
    result = Fairer(least.x, least.unmet, least.objective, least.objective,
                    float(before.min(initial=1.0)), float(before.min(initial=1.0)),
                    [inst.supplier_ids[s] for s in chosen])
    if not len(chosen) or tolerance <= 0:
        return result
    started = time.monotonic()
    upper = usable_upper(inst)
    model = integer_model(inst, upper)
    pairs = model.pairs
    base_start = model.values_of(least.x, least.unmet)
    n_cols = model.matrix.shape[1]
    T, first_x = inst.periods, model.n_unmet
    # Rows: one per partner (kg share of capacity − u ≥ 0), then the cost ceiling.
    col_pair = np.repeat(pairs, T)
    rank = np.full(len(inst.supplier_ids), -1)
    rank[chosen] = np.arange(len(chosen))
    partner_row = rank[inst.pair_supplier[col_pair]]
    mine = np.flatnonzero(partner_row >= 0)
    weight = (inst.unit_weight[inst.pair_line[col_pair[mine]]]
              / inst.capacity_kg[inst.pair_supplier[col_pair[mine]]].sum(axis=1))
    k = len(chosen)
    rows = sp.csc_matrix(
        (np.concatenate([weight, -np.ones(k), model.cost]),
         (np.concatenate([partner_row[mine], np.arange(k), np.full(n_cols, k)]),
          np.concatenate([first_x + mine, np.full(k, n_cols), np.arange(n_cols)]))),
        shape=(k + 1, n_cols + 1))
    least_cost_vector = model.cost
    model = extend(model, cost=np.array([-1.0]), upper=np.array([1.0]), integer=False,
                   rows=rows, row_lower=np.concatenate([np.zeros(k), [-np.inf]]),
                   row_upper=np.concatenate([np.full(k, np.inf),
                                             [(1 + tolerance) * least.objective]]),
                   objective=np.zeros(n_cols))
    start = np.concatenate([base_start, [before.min()]])
    solution = highs.solve(model, time_limit=(time_limit - (time.monotonic() - started)) / 2,
                           mip_gap=gap, start=start)
    if solution.values is None:
        return result
    # Then the least cost at that utilisation: the tolerance is a ceiling, not a budget.
    best_u = solution.values[-1]
    model.cost = np.concatenate([least_cost_vector, [0.0]])
    model.col_lower[-1] = best_u * (1 - 1e-9)
    second = highs.solve(model, time_limit=max(time_limit - (time.monotonic() - started), 1),
                         mip_gap=gap, start=solution.values)
    if second.values is not None:
        solution = second
    x = np.round(model.x(solution.values[:-1], inst.n_pairs, T))
    unmet = np.round(model.unmet(solution.values[:-1], len(inst.line_ids), T))
    after = utilisation(inst, x, chosen).min()
    if verify.violations(inst, x, unmet) or after <= result.min_utilisation_before:
        return result
    result.x, result.unmet = x, unmet
    result.objective = verify.objective(inst, x, unmet)
    result.min_utilisation_after = float(after)
    return result
