"""The `plan` booking source: a cooperative's plan in force (selectors.current_run: the
latest finished plan or re-plan with allocations) books each member by the kilograms it
was allocated in each calendar month, read from the run's stored input and result.

A demand line may name the tender lot it delivers (PlanLine.lot). Where the plan in force
covers that line, the cooperative's award of the lot books nothing itself
(suppliers/award_bookings.py): the plan's allocation stands for it."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pasok.accounts.actors import Actor, requires_actor
from pasok.months import add_months
from pasok.suppliers.capacity import Booked, BookingSource, Holder, bookings_refresh
from pasok.tenders.models import Award

from .engine_input import line_id, organisation_of
from .models import Plan, PlanLine
from .selectors import current_run


class PlanSource(BookingSource):
    name = "plan"
    label = _("Cooperative plan")

    def rows(self, ref_ids: Iterable[int]) -> list[Booked]:
        rows = []
        for plan in Plan.objects.filter(pk__in=list(ref_ids)):
            run = current_run(plan)
            if run is None:
                continue
            weight = {li["id"]: Decimal(str(li["unit_weight_kg"]))
                      for li in run.instance["lines"]}
            first = dt.date.fromisoformat(run.instance["first_month"])
            rows += [Booked(organisation_of(a["supplier"]), add_months(first, a["period"]),
                            plan.pk, a["quantity"] * weight[a["line"]])
                     for a in run.result.get("allocations", ()) if a["quantity"]]
        return rows

    def holders(self, *, user, ref_ids: Iterable[int]) -> dict[int, Holder]:
        """The plan's title with a link for whoever may open the plan; for everyone else
        the cooperative's name only."""
        plans = Plan.objects.filter(pk__in=list(ref_ids)).select_related("cooperative")
        visible = set(Plan.objects.visible_to(user).filter(pk__in=plans)
                      .values_list("pk", flat=True))
        return {p.pk: Holder(p.title, reverse("allocation:plan", args=[p.public_id]))
                if p.pk in visible else
                Holder(_("Plan of %(cooperative)s") % {"cooperative": p.cooperative.name})
                for p in plans}


def lots_planned(cooperative_ids: Iterable[int]) -> set[tuple[int, int]]:
    """(cooperative, lot) pairs that a plan in force of the cooperative delivers: a line
    of the plan names the lot and the plan in force solved that line."""
    linked = PlanLine.objects.filter(lot__isnull=False)
    plans = (Plan.objects.filter(cooperative_id__in=list(cooperative_ids),
                                 lines__lot__isnull=False).distinct()
             .prefetch_related(Prefetch("lines", queryset=linked, to_attr="linked_lines")))
    pairs = set()
    for plan in plans:
        run = current_run(plan)
        solved = {li["id"] for li in run.instance["lines"]} if run else set()
        pairs |= {(plan.cooperative_id, line.lot_id) for line in plan.linked_lines
                  if line_id(line.pk) in solved}
    return pairs


def own_bookings(plan: Plan) -> list[tuple[str, int]]:
    """The bookings a plan does not count against its members' capacity: its own, and the
    cooperative's awards of the lots its lines deliver."""
    lots = plan.lines.filter(lot__isnull=False).values("lot_id")
    awards = Award.objects.filter(supplier_id=plan.cooperative_id, lot_id__in=lots)
    return [("plan", plan.pk), *(("award", bid) for bid in
                                 awards.values_list("bid_id", flat=True))]


@requires_actor
def capacity_bookings_refresh_for_plan(plan: Plan, *, by: Actor) -> None:
    """After a run finished or the plan's lines changed: what the plan books, and the
    cooperative's awards (whether a plan now covers them)."""
    bookings_refresh(source_name="plan", ref_ids=[plan.pk], by=by, obj=plan,
                     organisation=plan.cooperative)
    awarded = Award.objects.filter(supplier_id=plan.cooperative_id)
    bookings_refresh(source_name="award", ref_ids=awarded.values_list("bid_id", flat=True),
                     by=by, obj=plan, organisation=plan.cooperative)
