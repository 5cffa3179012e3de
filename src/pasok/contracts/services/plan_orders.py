"""Call-off orders issued from the cooperative's allocation plan. A cooperative's contract
item comes from its award of a tender lot; the cooperative's plan in force has a line that
delivers that lot (PlanLine.lot): the plan hangs off the contract through it. For a month,
the plan's allocation of that line to each member becomes a call-off to that member, and the
months so ordered are the re-plan's "months already ordered" (allocation.services
.months_started)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pasok.accounts.actors import Actor, requires_actor
from pasok.allocation.engine_input import line_id, organisation_of
from pasok.allocation.models import PlanLine
from pasok.allocation.selectors import current_run
from pasok.months import month_start, months_between

from ..models import CallOff, CallOffSource, ContractItem
from .call_offs import call_off_issue


def plan_line_of(item: ContractItem) -> tuple[PlanLine, object] | None:
    """The line of the supplier cooperative's plan in force that delivers the item's lot,
    with that run (None: no plan delivers it)."""
    if item.award_id is None:
        return None
    lines = (PlanLine.objects.filter(lot_id=item.award.lot_id,
                                     plan__cooperative_id=item.contract.supplier_id)
             .select_related("plan").order_by("-plan__updated_at"))
    for line in lines:
        run = current_run(line.plan)
        if run and any(li["id"] == line_id(line.pk) for li in run.instance["lines"]):
            return line, run
    return None


@requires_actor
@transaction.atomic
def call_offs_from_plan(*, by: Actor, item: ContractItem, month: dt.date) -> list[CallOff]:
    """The month's call-offs to the members, as the plan in force allocates the line."""
    month = month_start(month)
    found = plan_line_of(item)
    if found is None:
        raise ValidationError({"month": [_("No plan of the cooperative in force delivers "
                                           "this item.")]})
    line, run = found
    if item.call_offs.filter(month=month, source=CallOffSource.PLAN).exists():
        raise ValidationError({"month": [_("This month's orders from the plan are issued "
                                           "already.")]})
    first = dt.date.fromisoformat(run.instance["first_month"])
    period = months_between(first, month)
    allocated = {}
    for a in run.result.get("allocations", ()):
        if a["line"] == line_id(line.pk) and a["period"] == period and a["quantity"]:
            member = organisation_of(a["supplier"])
            allocated[member] = allocated.get(member, 0) + int(a["quantity"])
    if not allocated:
        raise ValidationError({"month": [_("The plan allocates nothing of this item in that "
                                           "month.")]})
    makers = {m.pk: m for m in item.contract.supplier.members.filter(pk__in=allocated)}
    return [call_off_issue(by=by, item=item, month=month, quantity=units, maker=makers[org],
                           source=CallOffSource.PLAN)
            for org, units in sorted(allocated.items())]
