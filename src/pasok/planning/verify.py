"""The rule check every plan passes before it is returned (and the tests use): whole units,
only candidate pairs, demand balance, capacity, share, minimum lot, partner floors."""

import numpy as np

from .instance import Instance

KG_TOLERANCE = 1e-6


def violations(inst: Instance, x: np.ndarray, unmet: np.ndarray) -> list[str]:
    """Every broken rule, in words; empty for a valid plan. `x` is (pairs, periods) and
    `unmet` (lines, periods)."""
    found = []
    T, L, S = inst.periods, len(inst.line_ids), len(inst.supplier_ids)
    if x.shape != (inst.n_pairs, T) or unmet.shape != (L, T):
        return [f"plan has shape {x.shape} and {unmet.shape}"]
    for name, values in (("allocation", x), ("unmet", unmet)):
        if (values < 0).any() or (values != np.round(values)).any():
            found.append(f"{name}: not all whole units ≥ 0")
    delivered = np.zeros((L, T))
    np.add.at(delivered, inst.pair_line, x)
    for li, t in zip(*np.nonzero(delivered + unmet != inst.demand), strict=True):
        found.append(f"demand: line {inst.line_ids[li]} period {t} gets "
                     f"{delivered[li, t] + unmet[li, t]:g} of {inst.demand[li, t]:g}")
    kg = np.zeros((S, T))
    np.add.at(kg, inst.pair_supplier, x * inst.unit_weight[inst.pair_line, None])
    over = kg > inst.capacity_kg * (1 + KG_TOLERANCE) + KG_TOLERANCE
    for s, t in zip(*np.nonzero(over), strict=True):
        found.append(f"capacity: supplier {inst.supplier_ids[s]} period {t} has "
                     f"{kg[s, t]:g} kg of {inst.capacity_kg[s, t]:g}")
    total = x.sum(axis=1)
    for p in np.flatnonzero(total > inst.pair_cap):
        found.append(f"share: {_pair(inst, p)} has {total[p]:g} units, above its cap "
                     f"{inst.pair_cap[p]:g}")
    for p in np.flatnonzero((total > 0) & (total < inst.min_lot)):
        found.append(f"minimum lot: {_pair(inst, p)} has {total[p]:g} units, "
                     f"below {inst.min_lot[p]:g}")
    for f, units in enumerate(floor_totals(inst, x)):
        if units < inst.floor_units[f]:
            found.append(f"partner floor: {inst.supplier_ids[inst.floor_supplier[f]]} gets "
                         f"{units:g} units from {inst.floor_buyer[f]}, below "
                         f"{inst.floor_units[f]:g}")
    return found


def floor_totals(inst: Instance, x: np.ndarray) -> np.ndarray:
    has = inst.floor_of_pair >= 0
    return np.bincount(inst.floor_of_pair[has], weights=x[has].sum(axis=1),
                       minlength=len(inst.floor_units))


def objective(inst: Instance, x: np.ndarray, unmet: np.ndarray) -> float:
    return float((inst.unit_cost[:, None] * x).sum() + inst.unmet_penalty * unmet.sum())


def _pair(inst: Instance, p: int) -> str:
    return (f"line {inst.line_ids[inst.pair_line[p]]} / "
            f"supplier {inst.supplier_ids[inst.pair_supplier[p]]}")
