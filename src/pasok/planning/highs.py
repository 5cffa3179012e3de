"""The one place that talks to HiGHS (highspy): pass a Model, solve, read the answer."""

from dataclasses import dataclass

import highspy
import numpy as np
from highspy._core import _Highs

from .model import Model

# Relative, for interior point without crossover: HiGHS's 1e-8 took M's year LP 2.4 times
# as long for a bound from its duals 2e-8 higher (planning.lagrange); 1e-5 ends unsure.
IPM_TOLERANCE = 1e-6


@dataclass
class Solution:
    status: str            # optimal, feasible (MIP stopped with a plan), infeasible, no_plan
    values: np.ndarray | None
    objective: float
    bound: float           # proven lower bound (the objective itself for an optimal LP)
    row_dual: np.ndarray | None = None  # an optimal LP's row duals


def new_highs() -> highspy.Highs:
    """A quiet HiGHS. highspy.Highs enables callbacks in its constructor, which prints the
    banner to standard output (and into `pasok allocate`'s JSON) before output_flag can be
    set; the core class underneath does not."""
    h = _Highs()
    h.setOptionValue("output_flag", False)
    return h


def solve(model: Model, *, time_limit: float, mip_gap: float | None = None,
          method: str = "choose", crossover: bool = True,
          start: np.ndarray | None = None) -> Solution:
    """`mip_gap`, required for a MIP: it stops once its proven relative gap is that small
    (the caller's gap target; HiGHS's own default would prove far more than anyone asked
    for). `crossover=False` leaves an interior-point LP near optimal (IPM_TOLERANCE) at its
    interior solution: no basis and no proof, but primal and dual values to work from, in
    a fraction of the time."""
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
        if mip_gap is None:
            raise TypeError("a MIP needs its gap target")
        h.setOptionValue("mip_rel_gap", mip_gap)
        if start is not None:
            sol = highspy.HighsSolution()
            sol.col_value = list(start)
            sol.value_valid = True
            h.setSolution(sol)
    else:
        h.setOptionValue("solver", method)
        if not crossover:
            h.setOptionValue("run_crossover", "off")
            h.setOptionValue("ipm_optimality_tolerance", IPM_TOLERANCE)
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
    # An interior point left short of crossover is near optimal, not a proof.
    bound = objective if crossover or method != "ipm" else -np.inf
    return Solution("optimal", values, objective, bound, np.asarray(solution.row_dual))
