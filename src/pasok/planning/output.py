"""A result in the JSON shape of INTERFACES.md (`pasok allocate`)."""

import math

import numpy as np

from .instance import Instance
from .solve import Result


def to_dict(inst: Instance, result: Result) -> dict:
    if result.status == "infeasible":
        return {"status": "infeasible", "reason": result.reason,
                "seconds": round(result.seconds, 3)}
    pairs, periods = np.nonzero(result.x)
    lines, unmet_periods = np.nonzero(result.unmet)
    return {
        "status": result.status,
        "objective": result.objective,
        "lower_bound": result.lower_bound,
        "gap": 0.0 if math.isnan(result.gap) else round(result.gap, 6),
        "allocations": [{"line": inst.line_ids[inst.pair_line[p]],
                         "supplier": inst.supplier_ids[inst.pair_supplier[p]],
                         "period": int(t), "quantity": int(result.x[p, t])}
                        for p, t in zip(pairs, periods, strict=True)],
        "unmet": [{"line": inst.line_ids[li], "period": int(t),
                   "quantity": int(result.unmet[li, t])}
                  for li, t in zip(lines, unmet_periods, strict=True)],
        "seconds": round(result.seconds, 3),
    }
