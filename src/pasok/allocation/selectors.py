"""Reads of allocation plans, always through `Plan.objects.visible_to(user)`.

A plan is whole for the cooperative's people, ministry officers and platform admins; a
member foundry sees the plans it is in, and of them its own allocations, its own offers and
the demand of the lines it offers for (never another member's price or quantities)."""

from django.db.models.fields.json import KeyTransform

from pasok.accounts import permissions
from pasok.accounts.models import Organisation
from pasok.tenders.models import Lot

from .models import CapacityReport, Plan, PlanMember, PlanOffer, PlanRun, RunKind, RunStatus


def plans_for(*, user):
    return Plan.objects.visible_to(user).select_related("cooperative")


def plan_get(*, user, public_id) -> Plan:
    """The plan, or Plan.DoesNotExist (a 404) for whoever may not see it."""
    return plans_for(user=user).get(public_id=public_id)


def own_member(*, user, plan: Plan) -> PlanMember | None:
    """The user's own organisation as a member of the plan, if it is one."""
    if not user.organisation_id:
        return None
    return plan.members.filter(organisation_id=user.organisation_id).first()


def reporting_members(*, user, plan: Plan):
    """The members whose capacity the user may report: all of them for the cooperative,
    its own for a member foundry."""
    allowed = Organisation.objects.restrict(user, permissions.CHANGE)
    return list(plan.members.filter(organisation__in=allowed).select_related("organisation"))


def offers_of(*, plan: Plan):
    """The offers of a plan the caller already got through plan_get (whole-plan readers)."""
    return PlanOffer.objects.filter(line__plan=plan)


def reports_of(*, plan: Plan):
    return (CapacityReport.objects.filter(plan=plan)
            .select_related("member__organisation", "reported_by"))


def runs_of(*, plan: Plan):
    """The runs of a plan the caller already got through plan_get."""
    return (plan.runs.select_related("base")
            .defer("instance", "result", "base__instance", "base__result")
            .annotate(objective=KeyTransform("objective", "result")))


def run_get(*, plan: Plan, number: int) -> PlanRun:
    return plan.runs.select_related("base", "created_by").get(number=number)


def current_run(plan: Plan) -> PlanRun | None:
    """The plan in force: the latest finished plan or re-plan that found allocations."""
    runs = plan.runs.filter(kind__in=[RunKind.SOLVE, RunKind.REPLAN],
                            status=RunStatus.DONE).order_by("-number")
    return runs.exclude(result__status="infeasible").first()


def awarded_lots(*, cooperative: Organisation):
    """The tender lots the cooperative's bids were awarded: what a plan line may deliver."""
    return (Lot.objects.filter(awards__supplier=cooperative)
            .select_related("tender").distinct().order_by("-tender__awarded_at", "number"))
