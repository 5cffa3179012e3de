"""The one place that talks to HiGHS (highspy): pass a Model, solve, read the answer."""

from dataclasses import dataclass

import highspy
import numpy as np
from highspy._core import _Highs

from .model import Model


@dataclass
class Solution:
    status: str            # optimal, feasible (MIP stopped with a plan), infeasible, no_plan
    values: np.ndarray | None
    objective: float
    bound: float           # proven lower bound (the objective itself for an optimal LP)


def new_highs() -> highspy.Highs:
    """A quiet HiGHS. highspy.Highs enables callbacks in its constructor, which prints the
    banner to standard output (and into `pasok allocate`'s JSON) before output_flag can be
    set; the core class underneath does not."""
    h = _Highs()
    h.setOptionValue("output_flag", False)
    return h


def solve(model: Model, *, time_limit: float, method: str = "choose", mip_gap: float = 1e-4,
          start: np.ndarray | None = None) -> Solution:
    h = new_highs()
    h.setOptionValue("time_limit", float(max(time_limit, 0.5)))
    m = model.matrix
    mip = model.integrality is not None
    integrality = model.integrality if mip else np.zeros(m.shape[1], dtype=np.int32)
    h.passModel(m.shape[1], m.shape[0], m.nnz, 1, 1, 0.0, model.cost, model.col_lower,
                model.col_upper, model.row_lower, model.row_upper,
                m.indptr.astype(np.int32), m.indices.astype(np.int32), m.data,
                integrality.astype(np.int32))
    if mip:
        h.setOptionValue("mip_rel_gap", mip_gap)
        if start is not None:
            sol = highspy.HighsSolution()
            sol.col_value = list(start)
            sol.value_valid = True
            h.setSolution(sol)
    else:
        h.setOptionValue("solver", method)
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    if status == highspy.HighsModelStatus.kInfeasible:
        return Solution("infeasible", None, np.inf, np.inf)
    has_plan = info.primal_solution_status == 2  # kSolutionStatusFeasible
    solution = h.getSolution()
    values = np.asarray(solution.col_value) if has_plan else None
    if mip:
        optimal = status == highspy.HighsModelStatus.kOptimal
        return Solution("optimal" if optimal else ("feasible" if has_plan else "no_plan"),
                        values, info.objective_function_value if has_plan else np.inf,
                        info.mip_dual_bound)
    if status != highspy.HighsModelStatus.kOptimal:
        return Solution("no_plan", values, np.inf, -np.inf)
    objective = info.objective_function_value
    return Solution("optimal", values, objective, objective)
