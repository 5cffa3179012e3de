"""Re-planning after a change (a foundry reports less capacity for a month, a line's
demand moves): the months already ordered change as little as possible, the later months
go to least cost.

The MILP of planning.model plus, for every ordered cell, x − d⁺ + d⁻ = previous with
d⁺, d⁻ ≥ 0 costed at CHANGE per unit. CHANGE is above every unit cost, so no saving is
worth moving an ordered unit, and below the unmet penalty, so a unit a foundry can no
longer make moves to another foundry rather than going unmet. Started from the least-cost
plan of the changed instance; sized like the fairness step (what the product plans)."""

import time
from dataclasses import replace

import numpy as np
import scipy.sparse as sp

from . import highs, rounding, verify
from .instance import Instance
from .model import extend, integer_model
from .solve import GAP, Result, allocate, fits_exact, usable_upper


def replan(inst: Instance, previous: np.ndarray, ordered_periods: int, *,
           time_limit: float = 30.0, gap: float = GAP) -> Result:
    """Both the least-cost plan and the re-plan stop at the relative `gap`."""
    if not fits_exact(inst):
        raise ValueError("replan: the instance is too large to re-plan with fixed months")
    started = time.monotonic()
    least = allocate(inst, time_limit=time_limit / 3, gap=gap)
    ordered = min(max(int(ordered_periods), 0), inst.periods)
    if least.status == "infeasible" or ordered == 0:
        return least
    change = inst.unit_cost.max() + 1
    if change >= inst.unmet_penalty:
        change = inst.unmet_penalty / 2
    upper = usable_upper(inst)
    model = integer_model(inst, upper)
    pairs = model.pairs
    start_x, start_unmet = _previous_within_rules(inst, previous) or (least.x, least.unmet)
    base_start = model.values_of(start_x, start_unmet)
    n_cols = model.matrix.shape[1]
    T = inst.periods
    cells = (np.arange(len(pairs))[:, None] * T + np.arange(ordered)).ravel()
    k = len(cells)
    x_cols = model.n_unmet + cells
    # Columns d+ then d-, rows x - d+ + d- = previous.
    rows = sp.csc_matrix(
        (np.concatenate([np.ones(k), -np.ones(k), np.ones(k)]),
         (np.tile(np.arange(k), 3),
          np.concatenate([x_cols, n_cols + np.arange(k), n_cols + k + np.arange(k)]))),
        shape=(k, n_cols + 2 * k))
    target = previous[pairs][:, :ordered].ravel()
    model = extend(model, cost=np.full(2 * k, change), upper=np.full(2 * k, np.inf),
                   integer=True, rows=rows, row_lower=target, row_upper=target)
    diff = start_x[pairs][:, :ordered].ravel() - target
    start = np.concatenate([base_start, np.maximum(diff, 0), np.maximum(-diff, 0)])
    solution = highs.solve(model, time_limit=time_limit - (time.monotonic() - started),
                           mip_gap=gap, start=start)
    status = solution.status
    if solution.values is not None:
        x = np.round(model.x(solution.values, inst.n_pairs, T))
        unmet = np.round(model.unmet(solution.values, len(inst.line_ids), T))
    if (solution.values is None or verify.violations(inst, x, unmet)
            or (model.cost * start).sum() < solution.objective):
        x, unmet, status = start_x, start_unmet, "feasible"
    return replace(least, status=status, objective=verify.objective(inst, x, unmet),
                   x=x, unmet=unmet, seconds=time.monotonic() - started)


def _previous_within_rules(inst: Instance, previous: np.ndarray):
    """The previous plan, cut back where a foundry no longer has the kg, then repaired
    (planning.rounding): a start that changes little. None if it breaks a rule."""
    kg = np.zeros_like(inst.capacity_kg)
    np.add.at(kg, inst.pair_supplier, previous * inst.unit_weight[inst.pair_line, None])
    scale = np.where(kg > inst.capacity_kg, inst.capacity_kg / np.maximum(kg, 1e-9), 1.0)
    x, unmet = rounding.whole_units(inst, previous * scale[inst.pair_supplier])
    return None if verify.violations(inst, x, unmet) else (x, unmet)
