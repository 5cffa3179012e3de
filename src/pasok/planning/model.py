"""The allocation model as one sparse matrix, built with numpy in a few vectorised steps
(a modelling layer would build the M instance 10–50× slower).

Rows, in this order: demand balance per line and period, capacity in kg per supplier and
period, partner floors, then one share row per pair whose share can bind, and, in the
integer model, two rows per pair with a minimum lot (Σ_t x ≥ min_lot·y, Σ_t x ≤ most·y).
Columns: unmet[line, period] first, then x[pair, period] for the chosen pairs
(pair-major), then one binary y per pair with a minimum lot.

Pairs can be added to a live model (column generation) with `pair_columns`, so the one
description of a pair's column serves both the full build and the incremental one."""

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .instance import Instance

INF = np.inf


@dataclass
class Columns:
    """A block of x columns in CSC form, for some pairs, all periods."""
    cost: np.ndarray
    upper: np.ndarray
    start: np.ndarray
    index: np.ndarray
    value: np.ndarray
    share_pairs: np.ndarray   # the block's pairs that get a share row, in row order
    share_caps: np.ndarray


@dataclass
class Model:
    matrix: sp.csc_matrix
    cost: np.ndarray
    col_lower: np.ndarray
    col_upper: np.ndarray
    row_lower: np.ndarray
    row_upper: np.ndarray
    integrality: np.ndarray | None
    pairs: np.ndarray          # the pairs with columns, in column order
    binary_pairs: np.ndarray   # the pairs that got a binary, in column order
    n_unmet: int
    share_pairs: np.ndarray    # the pairs with a share row, in row order (after the fixed rows)
    floor_slack_columns: np.ndarray | None = None

    def x(self, values: np.ndarray, n_pairs: int, periods: int) -> np.ndarray:
        """The plan as a dense (all pairs, periods) array from a column vector."""
        plan = np.zeros((n_pairs, periods))
        block = values[self.n_unmet:self.n_unmet + len(self.pairs) * periods]
        plan[self.pairs] = block.reshape(len(self.pairs), periods)
        return plan

    def values_of(self, x: np.ndarray, unmet: np.ndarray) -> np.ndarray:
        """The column vector of a plan (the inverse of `x` and `unmet`)."""
        values = np.zeros(len(self.cost))
        values[:self.n_unmet] = unmet.ravel()
        values[self.n_unmet:self.n_unmet + x[self.pairs].size] = x[self.pairs].ravel()
        if len(self.binary_pairs):
            values[-len(self.binary_pairs):] = x[self.binary_pairs].sum(axis=1) > 0
        return values

    def unmet(self, values: np.ndarray, lines: int, periods: int) -> np.ndarray:
        return values[:self.n_unmet].reshape(lines, periods)


def fixed_row_count(inst: Instance) -> int:
    return (len(inst.line_ids) + len(inst.supplier_ids)) * inst.periods + len(inst.floor_units)


def pair_most(inst: Instance, upper: np.ndarray) -> np.ndarray:
    """The most each pair can deliver over all periods: its period bounds and its share."""
    return np.minimum(upper.sum(axis=1), inst.pair_cap)


def pair_columns(inst: Instance, pairs: np.ndarray, upper: np.ndarray,
                 first_share_row: int) -> Columns:
    T = inst.periods
    L, S = len(inst.line_ids), len(inst.supplier_ids)
    n = len(pairs)
    line = np.repeat(inst.pair_line[pairs], T)
    sup = np.repeat(inst.pair_supplier[pairs], T)
    period = np.tile(np.arange(T), n)
    floor = np.repeat(inst.floor_of_pair[pairs], T)
    binds = upper[pairs].sum(axis=1) > inst.pair_cap[pairs]
    share_row = np.full(n, -1)
    share_row[binds] = first_share_row + np.arange(binds.sum())
    share = np.repeat(share_row, T)
    # Entries per column: demand, capacity, then floor and share where they apply.
    rows = [line * T + period, L * T + sup * T + period]
    vals = [np.ones(n * T), inst.unit_weight[line]]
    has_floor, has_share = floor >= 0, share >= 0
    count = 2 + has_floor.astype(int) + has_share.astype(int)
    start = np.concatenate([[0], np.cumsum(count)])
    index = np.empty(start[-1], dtype=np.int64)
    value = np.empty(start[-1])
    index[start[:-1]], value[start[:-1]] = rows[0], vals[0]
    index[start[:-1] + 1], value[start[:-1] + 1] = rows[1], vals[1]
    at = start[:-1] + 2
    index[at[has_floor]] = (L + S) * T + floor[has_floor]
    value[at[has_floor]] = 1
    at = at + has_floor
    index[at[has_share]] = share[has_share]
    value[at[has_share]] = 1
    return Columns(cost=np.repeat(inst.unit_cost[pairs], T), upper=upper[pairs].ravel(),
                   start=start, index=index, value=value, share_pairs=pairs[binds],
                   share_caps=inst.pair_cap[pairs[binds]])


def usable_pairs(upper: np.ndarray) -> np.ndarray:
    """The pairs that can take anything at all under their bounds."""
    return np.flatnonzero(upper.sum(axis=1) > 0)


def integer_model(inst: Instance, upper: np.ndarray, **options) -> Model:
    """The MILP over the usable pairs: the exact path and every second stage start here."""
    return build(inst, pairs=usable_pairs(upper), upper=upper, integer=True, **options)


def build(inst: Instance, *, pairs: np.ndarray, upper: np.ndarray, integer: bool = False,
          floor_slack: bool = False) -> Model:
    """The LP (or, with `integer`, the MILP with minimum-lot binaries) over `pairs`.
    `upper` is (all pairs, periods): the bound on each x. With `floor_slack` every floor
    gets an elastic column and the objective is their sum: which floors cannot hold."""
    T, L = inst.periods, len(inst.line_ids)
    n_u, n_fixed = L * T, fixed_row_count(inst)
    cols = pair_columns(inst, pairs, upper, n_fixed)
    n_share = len(cols.share_pairs)
    x_start = cols.start + n_u
    indptr = np.concatenate([np.arange(n_u), x_start])
    indices = np.concatenate([np.arange(n_u), cols.index])
    data = np.concatenate([np.ones(n_u), cols.value])
    cost = np.concatenate([np.full(n_u, inst.unmet_penalty), cols.cost])
    col_upper = np.concatenate([inst.demand.ravel(), cols.upper])
    n_rows = n_fixed + n_share
    row_lower = np.concatenate([inst.demand.ravel(),
                                np.full(len(inst.supplier_ids) * T, -INF),
                                inst.floor_units, np.full(n_share, -INF)])
    row_upper = np.concatenate([inst.demand.ravel(), inst.capacity_kg.ravel(),
                                np.full(len(inst.floor_units), INF), cols.share_caps])
    matrix = sp.csc_matrix((data, indices, indptr), shape=(n_rows, len(cost)))
    slack_columns = None
    if floor_slack:
        n_floor = len(inst.floor_units)
        slack_columns = len(cost) + np.arange(n_floor)
        slack = sp.csc_matrix((np.ones(n_floor), (n_fixed - n_floor + np.arange(n_floor),
                                                  np.arange(n_floor))),
                              shape=(n_rows, n_floor))
        matrix = sp.hstack([matrix, slack]).tocsc()
        cost = np.concatenate([np.zeros(len(cost)), np.ones(n_floor)])
        col_upper = np.concatenate([col_upper, np.full(n_floor, INF)])
    integrality = None
    binary_pairs = np.zeros(0, dtype=np.int64)
    if integer:
        most = pair_most(inst, upper)[pairs]
        lot = inst.min_lot[pairs]
        with_lot = np.flatnonzero((lot > 1) & (most > 0))
        binary_pairs = pairs[with_lot]
        nb = len(with_lot)
        # Two rows per binary over the pair's T columns plus the binary itself.
        x_cols = n_u + (with_lot[:, None] * T + np.arange(T)).ravel()
        y_cols = len(cost) + np.arange(nb)
        r = np.repeat(np.arange(nb), T)
        lot_rows = sp.csc_matrix(
            (np.concatenate([np.ones(nb * T), -lot[with_lot], np.ones(nb * T),
                             -most[with_lot]]),
             (np.concatenate([r, np.arange(nb), nb + r, nb + np.arange(nb)]),
              np.concatenate([x_cols, y_cols, x_cols, y_cols]))),
            shape=(2 * nb, len(cost) + nb))
        matrix = sp.vstack([sp.hstack([matrix, sp.csc_matrix((n_rows, nb))]),
                            lot_rows]).tocsc()
        cost = np.concatenate([cost, np.zeros(nb)])
        col_upper = np.concatenate([col_upper, np.ones(nb)])
        row_lower = np.concatenate([row_lower, np.zeros(nb), np.full(nb, -INF)])
        row_upper = np.concatenate([row_upper, np.full(nb, INF), np.zeros(nb)])
        integrality = np.ones(len(cost), dtype=np.int32)
    return Model(matrix=matrix, cost=cost, col_lower=np.zeros(len(cost)),
                 col_upper=col_upper, row_lower=row_lower, row_upper=row_upper,
                 integrality=integrality, pairs=pairs, binary_pairs=binary_pairs,
                 n_unmet=n_u, share_pairs=cols.share_pairs,
                 floor_slack_columns=slack_columns)


def extend(model: Model, *, cost: np.ndarray, upper: np.ndarray, integer: bool,
           rows: sp.spmatrix, row_lower: np.ndarray, row_upper: np.ndarray,
           objective: np.ndarray | None = None) -> Model:
    """The model with new columns (bounds [0, upper]) and new rows over old and new columns;
    `objective`, if given, replaces the costs of the old columns (the second stages of
    fairness, re-planning and steadiness optimise something else than cost)."""
    n_rows = model.matrix.shape[0]
    n_new = len(cost)
    old_cost = model.cost if objective is None else objective
    return Model(
        matrix=sp.vstack([sp.hstack([model.matrix, sp.csc_matrix((n_rows, n_new))]),
                          sp.csc_matrix(rows)]).tocsc(),
        cost=np.concatenate([old_cost, cost]),
        col_lower=np.concatenate([model.col_lower, np.zeros(n_new)]),
        col_upper=np.concatenate([model.col_upper, upper]),
        row_lower=np.concatenate([model.row_lower, row_lower]),
        row_upper=np.concatenate([model.row_upper, row_upper]),
        integrality=np.concatenate([model.integrality,
                                    np.full(n_new, int(integer))]).astype(np.int32),
        pairs=model.pairs, binary_pairs=model.binary_pairs, n_unmet=model.n_unmet,
        share_pairs=model.share_pairs)
