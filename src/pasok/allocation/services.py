"""Writes of allocation plans. Keyword-only, atomic, audited; errors name the field
(`lines[2].demand`, `members[0].organisation`, `<line>-<member>-floor_percent`).

Who may write: the cooperative's admins and staff (and platform admins) change its plans;
a member's own people may also report the member's reduced capacity, which re-plans."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.actors import person_of, requires_actor
from pasok.accounts.models import Organisation, OrgKind
from pasok.audit.services import audit_record, snapshot
from pasok.contracts.models import CallOff, CallOffSource
from pasok.web.formatting import localized_quantity

from .bookings import capacity_bookings_refresh_for_plan
from .engine_input import line_id, supplier_id
from .models import (
    MAX_MONTHS,
    CapacityReport,
    Plan,
    PlanLine,
    PlanMember,
    PlanOffer,
    PlanRun,
    RunKind,
)
from .selectors import awarded_lots, current_run
from .tasks import solve_run

PLAN_FIELDS = ["title", "first_month", "months", "unmet_penalty"]


def _require_change(by, organisation: Organisation) -> None:
    if not permissions.may(by, permissions.CHANGE, organisation):
        raise PermissionDenied


def _per_month(values: list[int] | None, months: int, field: str) -> list[int]:
    """One value for every month, or exactly one per month."""
    values = list(values or [])
    if len(values) == 1:
        return values * months
    if len(values) != months:
        raise ValidationError({field: [_("Give one number for every month, or %(months)s "
                                         "numbers (one per month); there are %(n)s.")
                                       % {"months": months, "n": len(values)}]})
    if any(v < 0 for v in values):
        raise ValidationError({field: [_("Quantities cannot be negative.")]})
    return values


def _check_plan_fields(fields: dict) -> dict:
    fields = dict(fields)
    if not (fields.get("title") or "").strip():
        raise ValidationError({"title": [_("Give the plan a title.")]})
    months = fields.get("months")
    if not months or not 1 <= months <= MAX_MONTHS:
        raise ValidationError({"months": [_("A plan runs for 1 to %(n)s months.")
                                          % {"n": MAX_MONTHS}]})
    if fields.get("unmet_penalty") is None or fields["unmet_penalty"] < 0:
        raise ValidationError({"unmet_penalty": [_("The penalty cannot be negative.")]})
    fields["first_month"] = fields["first_month"].replace(day=1)
    return fields


def _check_lines(cooperative: Organisation, lines: list[dict], months: int) -> list[dict]:
    checked = []
    awarded = None
    for i, line in enumerate(lines):
        field = f"lines[{i}]"
        if line.get("lot") is not None:
            awarded = awarded if awarded is not None else set(
                awarded_lots(cooperative=cooperative).values_list("pk", flat=True))
            if line["lot"].pk not in awarded:
                raise ValidationError({f"{field}.lot": [
                    _("Choose a tender lot %(cooperative)s was awarded.")
                    % {"cooperative": cooperative.name}]})
        if line["unit_weight_kg"] <= 0:
            raise ValidationError({f"{field}.unit_weight_kg": [_("Must be more than 0.")]})
        if not 0 < line["max_share_percent"] <= 100:
            raise ValidationError({f"{field}.max_share_percent": [
                _("Must be more than 0 and at most 100.")]})
        checked.append({**line, "demand": _per_month(line["demand"], months,
                                                     f"{field}.demand")})
    return checked


def _check_members(cooperative: Organisation, members: list[dict], months: int) -> list[dict]:
    checked, seen = [], set()
    for i, member in enumerate(members):
        org = member["organisation"]
        field = f"members[{i}]"
        if org.cooperative_id != cooperative.pk or org.kind != OrgKind.SUPPLIER:
            raise ValidationError({f"{field}.organisation": [
                _("%(name)s is not a member of %(cooperative)s.")
                % {"name": org.name, "cooperative": cooperative.name}]})
        if org.pk in seen:
            raise ValidationError({f"{field}.organisation": [
                _("%(name)s is in the plan twice.") % {"name": org.name}]})
        seen.add(org.pk)
        typed = member.get("capacity_kg")  # empty: from the profile, less what is booked
        checked.append({"organisation": org, "capacity_kg": _per_month(
            typed, months, f"{field}.capacity_kg") if typed else []})
    return checked


@requires_actor
@transaction.atomic
def plan_save(*, by, cooperative: Organisation, fields: dict, lines: list[dict],
              members: list[dict], plan: Plan | None = None) -> Plan:
    """Create or update a plan with its lines and members.

    lines: dicts with buyer, product, unit_weight_kg, demand (list of whole units: one for
    every month or one per month), max_share_percent and, for a line kept, its pk.
    members: dicts with organisation and capacity_kg (list like demand; empty: from the
    member's profile, less what other sources book, when the plan is solved). Lines and
    members left out are removed. A line's `lot` (optional) is the awarded tender lot it
    delivers, of this cooperative's bids."""
    _require_change(by, cooperative)
    if cooperative.kind != OrgKind.COOPERATIVE:
        raise ValidationError(_("Only a cooperative plans for its members."))
    fields = _check_plan_fields(fields)
    lines = _check_lines(cooperative, lines, fields["months"])
    members = _check_members(cooperative, members, fields["months"])
    now = clock.now()
    before = None
    if plan is None:
        plan = Plan.objects.create(cooperative=cooperative, created_by=person_of(by),
                                   created_at=now, updated_at=now, **fields)
    else:
        plan = Plan.objects.select_for_update().get(pk=plan.pk, cooperative=cooperative)
        before = snapshot(plan, PLAN_FIELDS)
        for name, value in fields.items():
            setattr(plan, name, value)
        plan.updated_at = now
        plan.save()
    _save_lines(plan, lines)
    _save_members(plan, members)
    audit_record(actor=by, action="plan.update" if before else "plan.create", obj=plan,
                 organisation=cooperative, before=before,
                 after={**snapshot(plan, PLAN_FIELDS), "lines": len(lines),
                        "lots": sorted({li["lot"].pk for li in lines if li.get("lot")}),
                        "members": [m["organisation"].pk for m in members]})
    capacity_bookings_refresh_for_plan(plan, by=by)  # a line's lot decides what counts
    return plan


def _save_lines(plan: Plan, lines: list[dict]) -> None:
    kept = []
    for position, data in enumerate(lines):
        values = {k: data[k] for k in ("buyer", "product", "unit_weight_kg", "demand",
                                       "max_share_percent")} | {"lot": data.get("lot")}
        pk = data.get("pk")
        if pk and plan.lines.filter(pk=pk).update(position=position, **values):
            kept.append(pk)
        else:
            kept.append(PlanLine.objects.create(plan=plan, position=position, **values).pk)
    plan.lines.exclude(pk__in=kept).delete()


def _save_members(plan: Plan, members: list[dict]) -> None:
    kept = []
    for data in members:
        member, _created = PlanMember.objects.update_or_create(
            plan=plan, organisation=data["organisation"],
            defaults={"capacity_kg": data["capacity_kg"]})
        kept.append(member.pk)
    plan.members.exclude(pk__in=kept).delete()
    for report in plan.capacity_reports.filter(month__gte=plan.months):
        report.delete()


@requires_actor
@transaction.atomic
def offers_save(*, by, plan: Plan, offers: list[dict]) -> int:
    """Replace the plan's offers. Each: line, member, unit_cost, min_lot, floor_percent
    (None: no floor). A member has one partner floor per buyer, however many of that
    buyer's lines it offers for."""
    _require_change(by, plan.cooperative)
    floors = {}
    for offer in offers:
        line, member = offer["line"], offer["member"]
        if line.plan_id != plan.pk or member.plan_id != plan.pk:
            raise ValidationError(_("The offer belongs to another plan."))
        name = f"{line.pk}-{member.pk}"
        if offer["unit_cost"] < 0:
            raise ValidationError({f"{name}-unit_cost": [_("The price cannot be negative.")]})
        floor = offer.get("floor_percent")
        if floor is not None:
            if not 0 <= floor <= 100:
                raise ValidationError({f"{name}-floor_percent": [
                    _("Must be between 0 and 100.")]})
            key = (line.buyer, member.pk)
            if floors.setdefault(key, floor) != floor:
                raise ValidationError({f"{name}-floor_percent": [
                    _("A member has one partner floor per buyer: %(floor)s%% is already "
                      "given for %(buyer)s.") % {"floor": localized_quantity(floors[key]),
                                                 "buyer": line.buyer}]})
    PlanOffer.objects.filter(line__plan=plan).delete()
    PlanOffer.objects.bulk_create(
        PlanOffer(line=o["line"], member=o["member"], unit_cost=o["unit_cost"],
                  min_lot=o.get("min_lot") or 0, floor_percent=o.get("floor_percent"))
        for o in offers)
    Plan.objects.filter(pk=plan.pk).update(updated_at=clock.now())
    audit_record(actor=by, action="plan.offers", obj=plan, organisation=plan.cooperative,
                 after={"offers": len(offers)})
    return len(offers)


def _queue(*, by, plan: Plan, kind: str, **fields) -> PlanRun:
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    last = locked.runs.order_by("-number").values_list("number", flat=True).first() or 0
    run = PlanRun.objects.create(plan=locked, number=last + 1, kind=kind, created_by=person_of(by),
                                 queued_at=clock.now(), **fields)
    audit_record(actor=by, action=f"plan_run.{kind}", obj=run, organisation=plan.cooperative,
                 after={"number": run.number, "base": fields.get("base"),
                        "changes": fields.get("changes"),
                        "ordered_months": fields.get("ordered_months"),
                        "fairness_percent": fields.get("fairness_percent")})
    transaction.on_commit(lambda: solve_run.enqueue(run_id=run.pk))
    return run


@requires_actor
@transaction.atomic
def plan_solve(*, by, plan: Plan, fairness_percent: Decimal | None = None) -> PlanRun:
    """Queue the least-cost plan; with a fairness tolerance (%), small partner foundries
    then get the most even utilisation that costs at most that much more."""
    _require_change(by, plan.cooperative)
    if not PlanOffer.objects.filter(line__plan=plan).exists():
        raise ValidationError(_("Enter the members' offers before solving: no member offers "
                                "any line yet."))
    if fairness_percent is not None and not 0 <= fairness_percent <= 100:
        raise ValidationError({"fairness_percent": [_("Must be between 0 and 100.")]})
    return _queue(by=by, plan=plan, kind=RunKind.SOLVE, fairness_percent=fairness_percent)


@requires_actor
@transaction.atomic
def what_if(*, by, plan: Plan, base: PlanRun, remove: PlanMember | None = None,
            line: PlanLine | None = None, demand: list[int] | None = None) -> PlanRun:
    """A copy of `base` with a member removed and/or a line's demand changed, solved again
    so the page can compare the two."""
    _require_change(by, plan.cooperative)
    if base.plan_id != plan.pk or not base.has_plan:
        raise ValidationError(_("Compare with a finished plan run."))
    if remove is None and line is None:
        raise ValidationError(_("Choose a member to remove or a line to change."))
    data = base.instance
    changes = {}
    if remove is not None:
        sid = supplier_id(remove.organisation_id)
        if sid not in {s["id"] for s in data["suppliers"]}:
            raise ValidationError({"remove": [_("This member is not in the compared run.")]})
        changes["removed"] = [sid]
    if line is not None:
        lid = line_id(line.pk)
        if lid not in {li["id"] for li in data["lines"]}:
            raise ValidationError({"line": [_("This line is not in the compared run.")]})
        changes["demand"] = {lid: _per_month(demand, data["periods"], "demand")}
    return _queue(by=by, plan=plan, kind=RunKind.WHAT_IF, base=base, changes=changes,
                  fairness_percent=base.fairness_percent)


def months_started(plan: Plan, today: dt.date) -> int:
    """The months of the plan up to and including the current one, or up to the last month
    whose call-off orders were issued from the plan (contracts.services.plan_orders),
    whichever is later: their orders are placed, so a re-plan keeps them by default."""
    starts = plan.month_starts()
    issued = set(CallOff.objects.filter(
        source=CallOffSource.PLAN, item__award__lot__in=plan.lines.values("lot_id"),
        item__contract__supplier_id=plan.cooperative_id, month__in=starts)
        .values_list("month", flat=True))
    ordered = max((i + 1 for i, start in enumerate(starts) if start in issued), default=0)
    return max(ordered, sum(start <= today for start in starts))


@requires_actor
@transaction.atomic
def capacity_report(*, by, plan: Plan, member: PlanMember, month: int, capacity_kg: int,
                    ordered_months: int, note: str = "") -> tuple[CapacityReport, PlanRun | None]:
    """Record that `member` can make only `capacity_kg` in `month` (0 = the first), then
    re-plan from the current run keeping its first `ordered_months` months as they are as
    far as possible. Without a finished run there is nothing to re-plan yet."""
    if member.plan_id != plan.pk:
        raise ValidationError({"member": [_("This member is not in the plan.")]})
    _require_change(by, member.organisation)
    if not 0 <= month < plan.months:
        raise ValidationError({"month": [_("Choose a month of the plan.")]})
    if capacity_kg < 0:
        raise ValidationError({"capacity_kg": [_("Capacity cannot be negative.")]})
    if not 0 <= ordered_months <= plan.months:
        raise ValidationError({"ordered_months": [_("Choose a month of the plan.")]})
    report = CapacityReport.objects.create(plan=plan, member=member, month=month,
                                           capacity_kg=capacity_kg, note=note.strip(),
                                           reported_by=person_of(by), reported_at=clock.now())
    audit_record(actor=by, action="plan.capacity_report", obj=plan,
                 organisation=plan.cooperative,
                 after={"member": member.organisation_id, "month": month,
                        "capacity_kg": capacity_kg, "note": report.note})
    base = current_run(plan)
    if base is None:
        return report, None
    return report, _queue(by=by, plan=plan, kind=RunKind.REPLAN, base=base,
                          ordered_months=ordered_months, changes={"report": report.pk})
