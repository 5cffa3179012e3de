"""A result in the JSON shape of docs/interfaces.md (`pasok allocate`), and the optional parts
every caller adds the same way: the fairness step, the explanation and, for the pages, the
infeasibility as data. Every number is finite (a missing bound is null), so the JSON is
valid and PostgreSQL's jsonb takes it."""

import math
from dataclasses import asdict, replace

import numpy as np

from . import explain, fairness
from .instance import Instance
from .solve import GAP, Result


def _finite(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


def to_dict(inst: Instance, result: Result) -> dict:
    if result.status == "infeasible":
        return {"status": "infeasible", "reason": [r.message for r in result.reason],
                "seconds": round(result.seconds, 3)}
    pairs, periods = np.nonzero(result.x)
    lines, unmet_periods = np.nonzero(result.unmet)
    return {
        "status": result.status,
        "objective": _finite(result.objective),
        "lower_bound": _finite(result.lower_bound),
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


def with_fairness(inst: Instance, result: Result, *, tolerance: float, time_limit: float,
                  gap: float = GAP) -> tuple[Result, dict]:
    """The fairer plan as the result (its cost against the least-cost bound) and a summary."""
    fair = fairness.fairer(inst, result, tolerance=tolerance, time_limit=time_limit, gap=gap)
    summary = {"partners": list(fair.partners), "tolerance": tolerance,
               "least_cost": fair.least_cost, "objective": fair.objective,
               "price": round(fair.price, 6),
               "min_utilisation_before": round(fair.min_utilisation_before, 6),
               "min_utilisation_after": round(fair.min_utilisation_after, 6)}
    fairer = replace(result, x=fair.x, unmet=fair.unmet, objective=fair.objective,
                     status="optimal" if fair.price == 0 else "feasible")
    return fairer, summary


def infeasibility(result: Result) -> list[dict]:
    """The rules that cannot all hold, as codes and numbers (planning.solve.Infeasibility)
    for whoever words them in another language; the English sentences are `reason`."""
    return [asdict(r) for r in result.reason]


def explanation(inst: Instance, result: Result) -> dict:
    return {"suppliers": explain.supplier_reasons(inst, result.x),
            "unmet": explain.unmet_reasons(inst, result.x, result.unmet)}
