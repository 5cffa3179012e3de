"""What a person reads about a plan: for each supplier what it got and the rule that held
it there; for unmet demand, why no candidate could take more. As data (codes and numbers)
so the web page tells it in the reader's language and the CLI in English."""

import numpy as np

from .instance import Instance
from .verify import floor_totals


def supplier_reasons(inst: Instance, x: np.ndarray) -> list[dict]:
    """One entry per supplier with at least one candidate pair."""
    kg = np.zeros_like(inst.capacity_kg)
    np.add.at(kg, inst.pair_supplier, x * inst.unit_weight[inst.pair_line, None])
    total = x.sum(axis=1)
    used_cost = np.full(len(inst.line_ids), -np.inf)
    np.maximum.at(used_cost, inst.pair_line[total > 0], inst.unit_cost[total > 0])
    floors = floor_totals(inst, x)
    out = []
    for s in np.unique(inst.pair_supplier):
        pairs = np.flatnonzero(inst.pair_supplier == s)
        capacity = inst.capacity_kg[s].sum()
        # Full: not even one more unit of its lightest candidate part fits.
        lightest = inst.unit_weight[inst.pair_line[pairs]].min()
        full = [int(t) for t in np.flatnonzero(kg[s] + lightest > inst.capacity_kg[s] + 1e-9)
                if inst.capacity_kg[s, t] > 0]
        rules = []
        if full:
            rules.append({"rule": "capacity", "periods": full})
        at_share = pairs[total[pairs] >= inst.pair_cap[pairs]]
        rules += [{"rule": "share", "line": inst.line_ids[inst.pair_line[p]]} for p in at_share]
        shut = pairs[(total[pairs] == 0) & (inst.min_lot[pairs] > 1)
                     & (inst.unit_cost[pairs] <= used_cost[inst.pair_line[pairs]])]
        rules += [{"rule": "minimum_lot", "line": inst.line_ids[inst.pair_line[p]],
                   "min_lot": float(inst.min_lot[p])} for p in shut]
        for f in np.flatnonzero(inst.floor_supplier == s):
            if inst.floor_units[f] > 0 and floors[f] <= inst.floor_units[f]:
                rules.append({"rule": "partner_floor", "buyer": inst.floor_buyer[f],
                              "units": float(inst.floor_units[f])})
        if not rules:
            rules.append({"rule": "cost"})
        out.append({"supplier": inst.supplier_ids[s], "units": float(total[pairs].sum()),
                    "kg": float(kg[s].sum()),
                    "utilisation": float(kg[s].sum() / capacity) if capacity else 0.0,
                    "lines": [{"line": inst.line_ids[inst.pair_line[p]],
                               "units": float(total[p])} for p in pairs if total[p] > 0],
                    "bound_by": rules})
    return out


def unmet_reasons(inst: Instance, x: np.ndarray, unmet: np.ndarray) -> list[dict]:
    """For each line and period left short: how its candidates stood."""
    kg = np.zeros_like(inst.capacity_kg)
    np.add.at(kg, inst.pair_supplier, x * inst.unit_weight[inst.pair_line, None])
    total = x.sum(axis=1)
    out = []
    for line, t in zip(*np.nonzero(unmet > 0), strict=True):
        pairs = np.flatnonzero(inst.pair_line == line)
        sup = inst.pair_supplier[pairs]
        room_kg = inst.capacity_kg[sup, t] - kg[sup, t]
        no_room = room_kg < inst.unit_weight[line]
        at_share = ~no_room & (total[pairs] >= inst.pair_cap[pairs])
        lot = ~no_room & ~at_share & (total[pairs] == 0) & (inst.min_lot[pairs] > 1)
        out.append({"line": inst.line_ids[line], "period": int(t),
                    "quantity": float(unmet[line, t]), "candidates": len(pairs),
                    "at_capacity": int(no_room.sum()), "at_share": int(at_share.sum()),
                    "below_minimum_lot": int(lot.sum()),
                    "other": int(len(pairs) - no_room.sum() - at_share.sum() - lot.sum())})
    return out
