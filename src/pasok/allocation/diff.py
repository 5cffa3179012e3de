"""What changed from a base run to a what-if or a re-plan: the cost, the unmet demand, the
members removed, the demand changed, and every cell (line, member, month) that moved. For a
re-plan, whether the months already ordered stayed as they were."""

from dataclasses import dataclass

from .models import PlanRun
from .presenting import first_months, per_month, stored_month_labels


@dataclass
class Moved:
    line: str
    member: str
    period: int
    month: str
    before: int
    after: int

    @property
    def change(self) -> int:
        return self.after - self.before


@dataclass
class RunDiff:
    cost_change: float | None
    unmet_change: int
    moved: list[Moved]
    removed: list[str]
    demand_changed: list[dict]
    ordered_months: int | None
    ordered_label: str

    @property
    def ordered_moved(self) -> list[Moved]:
        return [m for m in self.moved if self.ordered_months and m.period < self.ordered_months]


def _cells(result: dict, only: str | None) -> dict[tuple[str, str, int], int]:
    return {(a["line"], a["supplier"], a["period"]): a["quantity"]
            for a in result.get("allocations", ()) if only in (None, a["supplier"])}


def _unmet(result: dict) -> int:
    return sum(u["quantity"] for u in result.get("unmet", ()))


def compare(base: PlanRun, run: PlanRun, *, only: str | None = None) -> RunDiff:
    """`only`: a member's supplier id, to compare just its own cells (no cost, no unmet)."""
    names = {s["id"]: s.get("name", s["id"])
             for data in (base.instance, run.instance) for s in data["suppliers"]}
    lines = {li["id"]: f"{li.get('product', li['id'])} ({li['buyer']})"
             for data in (base.instance, run.instance) for li in data["lines"]}
    months = stored_month_labels(run.instance)
    before, after = _cells(base.result, only), _cells(run.result, only)
    moved = [Moved(lines.get(line, line), names.get(sup, sup), t, months[t] if t < len(months)
                   else str(t), before.get(key, 0), after.get(key, 0))
             for key in sorted(set(before) | set(after), key=lambda k: (k[2], k[0], k[1]))
             for line, sup, t in [key] if before.get(key, 0) != after.get(key, 0)]
    kept = {s["id"] for s in run.instance["suppliers"]}
    base_lines = {li["id"]: li for li in base.instance["lines"]}
    demand_changed = []
    for line in run.instance["lines"]:
        old = base_lines.get(line["id"])
        periods = run.instance["periods"]
        if old and per_month(old["demand"], periods) != per_month(line["demand"], periods):
            demand_changed.append({"line": lines[line["id"]], "before": old["demand"],
                                   "after": line["demand"]})
    whole = only is None
    cost = run.result.get("objective"), base.result.get("objective")
    ordered = run.ordered_months
    return RunDiff(
        cost_change=cost[0] - cost[1] if whole and None not in cost else None,
        unmet_change=_unmet(run.result) - _unmet(base.result) if whole else 0,
        moved=moved,
        removed=[names[s["id"]] for s in base.instance["suppliers"]
                 if whole and s["id"] not in kept],
        demand_changed=demand_changed if whole else [],
        ordered_months=ordered,
        ordered_label=first_months(months, ordered or 0))
