"""The engine's input (docs/interfaces.md, `pasok allocate`) from a plan's rows: the one function
the solve task and the tests use, and the changes a what-if makes to it.

Names for people ride along (`first_month`, a supplier's `name`, a line's `product`); the
engine reads only the fields of docs/interfaces.md."""

import copy
import datetime as dt

import numpy as np

from pasok.contracts.floors import commitment_floors
from pasok.months import add_months
from pasok.planning.instance import Instance
from pasok.rules.size_class import is_small_business
from pasok.suppliers.capacity import booked

ONE_DAY = dt.timedelta(days=1)


def supplier_id(organisation_id: int) -> str:
    return f"org-{organisation_id}"


def organisation_of(supplier: str) -> int:
    return int(supplier.removeprefix("org-"))


def line_id(line_pk: int) -> str:
    return f"line-{line_pk}"


def member_capacities(plan, members=None) -> dict[int, list[int]]:
    """Capacity per month (kg) of each plan member, by PlanMember pk: as typed, or for a
    member taken from its profile the profile's monthly capacity less what other sources
    book that month (suppliers.capacity; not this plan, nor the awards its lines deliver).
    Then the capacity reports (the latest report of a month wins). `members`: the plan's
    members with their organisations' profiles, when the caller has them already."""
    from .bookings import own_bookings

    if members is None:
        members = list(plan.members.select_related("organisation__profile"))
    months = plan.month_starts()
    from_profile = [m.organisation_id for m in members if m.from_profile]
    taken = (booked(from_profile, months, besides=own_bookings(plan)) if from_profile
             else {})
    capacity = {}
    for m in members:
        if not m.from_profile:
            capacity[m.pk] = list(m.capacity_kg)
            continue
        profile = getattr(m.organisation, "profile", None)
        monthly = profile.monthly_capacity_kg if profile else 0
        capacity[m.pk] = [max(0, monthly - taken.get((m.organisation_id, month), 0))
                          for month in months]
    for report in plan.capacity_reports.order_by("reported_at", "pk"):
        if report.member_id in capacity and report.month < len(capacity[report.member_id]):
            capacity[report.member_id][report.month] = report.capacity_kg
    return capacity


def plan_instance(plan) -> dict:
    members = list(plan.members.select_related("organisation"))
    capacity = member_capacities(plan)
    lines = list(plan.lines.prefetch_related("offers__member"))
    # A member's floor: the one its offer asks, or its share of a buyer's partnership
    # commitment to it (contracts.floors), whichever is higher.
    floors = commitment_floors(buyers={line.buyer for line in lines},
                               members={m.organisation_id for m in members},
                               first=plan.first_month,
                               last=add_months(plan.first_month, plan.months) - ONE_DAY)
    for line in lines:
        for offer in line.offers.all():
            if offer.floor_percent:
                key = (line.buyer, offer.member.organisation_id)
                floors[key] = max(floors.get(key, 0.0), float(offer.floor_percent) / 100)
    return {
        "periods": plan.months,
        "first_month": plan.first_month.isoformat(),
        "unmet_penalty": float(plan.unmet_penalty),
        "suppliers": [{"id": supplier_id(m.organisation_id), "name": m.organisation.name,
                       "capacity_kg": capacity[m.pk],
                       "small": is_small_business(m.organisation.size_class)}
                      for m in members],
        "lines": [{"id": line_id(line.pk), "buyer": line.buyer, "product": line.product,
                   "unit_weight_kg": float(line.unit_weight_kg), "demand": list(line.demand),
                   "max_share": float(line.max_share_percent) / 100,
                   "candidates": [{"supplier": supplier_id(o.member.organisation_id),
                                   "unit_cost": float(o.unit_cost), "min_lot": o.min_lot}
                                  for o in line.offers.all()]}
                  for line in lines],
        "partner_floors": [{"buyer": buyer, "supplier": supplier_id(org), "min_share": share}
                           for (buyer, org), share in floors.items()],
    }


def with_changes(data: dict, changes: dict) -> dict:
    """A what-if: `removed` suppliers leave the plan (their offers and floors with them),
    `demand` gives lines new monthly quantities."""
    removed = set(changes.get("removed", ()))
    demand = changes.get("demand", {})
    data = copy.deepcopy(data)
    data["suppliers"] = [s for s in data["suppliers"] if s["id"] not in removed]
    for line in data["lines"]:
        line["candidates"] = [c for c in line["candidates"] if c["supplier"] not in removed]
        if line["id"] in demand:
            line["demand"] = list(demand[line["id"]])
    data["partner_floors"] = [f for f in data.get("partner_floors", ())
                              if f["supplier"] not in removed]
    return data


def units_by_pair(inst: Instance, result: dict) -> np.ndarray:
    """A stored result's allocations as the engine's (pairs, periods) array for `inst`;
    pairs that no longer exist drop out."""
    pair_of = {(inst.line_ids[li], inst.supplier_ids[s]): p for p, (li, s) in
               enumerate(zip(inst.pair_line, inst.pair_supplier, strict=True))}
    units = np.zeros((inst.n_pairs, inst.periods))
    for a in result.get("allocations", ()):
        pair = pair_of.get((a["line"], a["supplier"]))
        if pair is not None and a["period"] < inst.periods:
            units[pair, a["period"]] = a["quantity"]
    return units
