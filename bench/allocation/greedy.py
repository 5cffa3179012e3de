"""The baseline Pasok's engine is measured against: first come, cheapest first, month by
month, as a cooperative splits orders by hand. It fills each line's demand from its
cheapest candidates up to their free capacity and the share cap; it knows nothing of
minimum lots or partner floors, so the verifier shows what it breaks. Benchmarks only."""

import numpy as np

from pasok.planning.instance import Instance


def greedy(inst: Instance) -> tuple[np.ndarray, np.ndarray]:
    x = np.zeros((inst.n_pairs, inst.periods))
    free_kg = inst.capacity_kg.copy()
    taken = np.zeros(inst.n_pairs)
    unmet = inst.demand.copy()
    order = np.argsort(inst.unit_cost, kind="stable")
    for t in range(inst.periods):
        for p in order:
            line, s = inst.pair_line[p], inst.pair_supplier[p]
            if unmet[line, t] <= 0:
                continue
            fits = np.floor(free_kg[s, t] / inst.unit_weight[line] + 1e-9)
            units = max(0.0, min(unmet[line, t], fits, inst.pair_cap[p] - taken[p]))
            x[p, t] += units
            taken[p] += units
            unmet[line, t] -= units
            free_kg[s, t] -= units * inst.unit_weight[line]
    return x, unmet
