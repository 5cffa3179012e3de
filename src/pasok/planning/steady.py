"""Steadier months at the same cost. All months cost the same, so a least-cost plan may
give a foundry 892, 1,114, 0 and 1,334 units in four months where 835 a month would do;
a foundry plans furnaces and people by the month. Among the plans at the least cost, this
takes one with the least total change from month to month, Σ |x[p,t] − x[p,t−1]|.

The MILP of planning.model plus a cost ceiling at the least cost and, per pair and month
after the first, x[p,t] − x[p,t−1] = up − down with up, down ≥ 0, minimising Σ up + down.
For instances the exact path solves (solve.fits_exact)."""

import numpy as np
import scipy.sparse as sp

from . import highs, verify
from .instance import Instance
from .model import extend, integer_model

COST_TOLERANCE = 1e-9  # relative: the same cost up to floating-point noise


def steadier(inst: Instance, x: np.ndarray, unmet: np.ndarray, upper: np.ndarray, *,
             time_limit: float, gap: float):
    """A plan at the same cost with less month-to-month change, or the given one; the
    change is proven least within the relative `gap` (the caller's target for cost)."""
    T = inst.periods
    if T < 2 or time_limit < 0.5:
        return x, unmet
    model = integer_model(inst, upper)
    pairs = model.pairs
    start = model.values_of(x, unmet)
    least = float(model.cost @ start)
    n_cols = model.matrix.shape[1]
    k = len(pairs) * (T - 1)
    cell = (np.arange(len(pairs))[:, None] * T + np.arange(1, T)).ravel()
    now, before = model.n_unmet + cell, model.n_unmet + cell - 1
    r = np.arange(k)
    change_rows = sp.csc_matrix(
        (np.concatenate([np.ones(k), -np.ones(k), -np.ones(k), np.ones(k)]),
         (np.tile(r, 4), np.concatenate([now, before, n_cols + r, n_cols + k + r]))),
        shape=(k, n_cols + 2 * k))
    cost_row = sp.csc_matrix(np.concatenate([model.cost, np.zeros(2 * k)])[None, :])
    steady = extend(model, cost=np.ones(2 * k), upper=np.full(2 * k, np.inf), integer=True,
                    rows=sp.vstack([change_rows, cost_row]),
                    row_lower=np.concatenate([np.zeros(k), [-np.inf]]),
                    row_upper=np.concatenate([np.zeros(k),
                                              [least * (1 + COST_TOLERANCE) + 1e-6]]),
                    objective=np.zeros(n_cols))
    x_now = start[model.n_unmet:model.n_unmet + len(pairs) * T].reshape(len(pairs), T)
    step = np.diff(x_now, axis=1).ravel()
    solution = highs.solve(steady, time_limit=time_limit, mip_gap=gap,
                           start=np.concatenate([start, np.maximum(step, 0),
                                                 np.maximum(-step, 0)]))
    if solution.values is None:
        return x, unmet
    new_x = np.round(model.x(solution.values, inst.n_pairs, T))
    new_unmet = np.round(model.unmet(solution.values, len(inst.line_ids), T))
    if (verify.violations(inst, new_x, new_unmet)
            or verify.objective(inst, new_x, new_unmet) > verify.objective(inst, x, unmet)):
        return x, unmet
    return new_x, new_unmet
