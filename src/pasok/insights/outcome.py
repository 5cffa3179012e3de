"""A scenario's outcome as a saved scenario keeps it (JSON): the cluster's figures as
`pasok insights scenario` prints them, the foundries the changes touch (with their names and
the capacity their bookings on Pasok use before and after: insights.capacity_used, moved by
the kg of the units the changes add or take), and for each buyer and family that
substitutes imports, the local-content obligation it would breach (the cascade of
rules.preference, through rules.import_threat)."""

from decimal import Decimal

from pasok.rules import scenario as rules
from pasok.rules.import_threat import import_admissible
from pasok.rules.money import round_half_up
from pasok.rules.multipliers import DEFAULT
from pasok.rules.scenario import Outcome
from pasok.rules.scenario_json import changes_from_list, outcome_to_dict

from . import capacity_used
from .baseline import Baseline


def _percent(kg: Decimal, capacity: int) -> float | None:
    share = capacity_used.percent(kg, capacity)
    return None if share is None else float(round_half_up(share, 1))


def _kg(base: Baseline, weights: dict, foundry: str, line) -> Decimal:
    known = base.lines.get((foundry, line.buyer, line.family))
    weight = known.unit_weight_kg if known else weights.get((line.buyer, line.family), 0)
    return Decimal(weight)


def _new_order_weights(changes: list) -> dict:
    return {(c["buyer"], c["family"]): Decimal(str(c.get("unit_weight_kg") or 0))
            for c in changes if c.get("kind") == "new_order"}


def _breaches(base: Baseline, changes: list) -> list[dict]:
    """Each substitution on its own (the closing of a foundry is not the buyer's import)."""
    rows = []
    for change in changes:
        if change.get("kind") != "substitute":
            continue
        buyer, family = change["buyer"], change["family"]
        alone = rules.run(base.selling(buyer, family), changes_from_list([change]),
                          DEFAULT.multipliers)
        lost = -alone.revenue_change
        tkdn = base.tkdn_of(buyer, family)
        rows.append({"buyer": buyer, "buyer_name": base.names.get(buyer, buyer),
                     "family": family, "share": change["share"],
                     "value_per_month": int(round_half_up(lost, 0)),
                     "cluster_tkdn": None if tkdn is None else float(round_half_up(tkdn, 2)),
                     "bound": buyer in base.bound_buyers,
                     "breach": buyer in base.bound_buyers and tkdn is not None
                     and not import_admissible(tkdn) and lost > 0})
    return rows


def _kg_after(base: Baseline, weights: dict, f) -> Decimal:
    """What the foundry's bookings would hold a month: today's, moved by the kg of the units
    the changes add or take (none left when it closes)."""
    if f.closed:
        return Decimal(0)
    moved = sum((line.units_after - line.units_before) * _kg(base, weights, f.id, line)
                for line in f.lines)
    return max(Decimal(0), base.booked_kg.get(f.id, Decimal(0)) + moved)


def outcome_record(outcome: Outcome, base: Baseline, changes: list) -> dict:
    weights = _new_order_weights(changes)
    touched, kg_after = [], Decimal(0)
    for f in outcome.foundries:
        before = base.booked_kg.get(f.id, Decimal(0))
        after = _kg_after(base, weights, f)
        kg_after += after
        if f.revenue_before == f.revenue_after and not f.closed:
            continue
        capacity = base.capacity_kg.get(f.id, 0)
        touched.append({
            "id": f.id, "name": base.names.get(f.id, f.id), "workers": f.workers,
            "closed": f.closed,
            "revenue_before": int(round_half_up(f.revenue_before, 0)),
            "revenue_after": int(round_half_up(f.revenue_after, 0)),
            "direct_jobs": float(round_half_up(f.direct_jobs, 2)) + 0.0,
            "utilisation_before": _percent(before, capacity),
            "utilisation_after": _percent(after, capacity),
            "lines": [{"buyer": line.buyer, "buyer_name": base.names.get(line.buyer, ""),
                       "family": line.family, "units_before": line.units_before,
                       "units_after": line.units_after}
                      for line in f.lines if line.units_before != line.units_after]})
    capacity = sum(base.capacity_kg.values())
    figures = outcome_to_dict(outcome)
    return {"months": [base.months[0].isoformat(), base.months[-1].isoformat()],
            "foundry_count": len(outcome.foundries),
            "baseline": figures["baseline"], "change": figures["change"],
            "utilisation": {"before": _percent(sum(base.booked_kg.values(), Decimal(0)),
                                               capacity),
                            "after": _percent(kg_after, capacity)},
            "foundries": sorted(touched, key=lambda f: f["direct_jobs"]),
            "breaches": _breaches(base, changes)}
