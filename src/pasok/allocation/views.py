"""The plan pages: list, edit (lines and members), offers, the plan with its current run,
one run (progress, result, what changed), and the actions that queue runs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.models import Organisation, OrgKind
from pasok.suppliers.capacity import booked
from pasok.suppliers.selectors import coming_month
from pasok.web.form_errors import Rows, add_service_errors
from pasok.web.shared_choices import SharedChoices

from . import selectors, services
from .bookings import own_bookings
from .chart import heatmap
from .diff import compare
from .engine_input import member_capacities, supplier_id
from .forms import (
    CapacityForm,
    LineFormSet,
    MemberFormSet,
    OffersForm,
    PlanForm,
    SolveForm,
    WhatIfForm,
    compact,
)
from .models import NO_PLAN, Plan, RunStatus
from .presenting import RunView, first_months, month_labels


def _plan(request, plan_id) -> Plan:
    return selectors.plan_get(user=request.user, public_id=plan_id)


def _require_change(request, plan: Plan) -> None:
    if not permissions.may(request.user, permissions.CHANGE, plan):
        raise PermissionDenied


@login_required
def plan_list(request):
    if not permissions.may_list_plans(request.user):
        raise PermissionDenied
    return render(request, "allocation/list.html", {
        "plans": selectors.plans_for(user=request.user),
        "may_create": permissions.may_create_plans(request.user)})


def _candidates(request, cooperative: Organisation):
    """Member foundries the user may put into the cooperative's plan."""
    return (Organisation.objects.restrict(request.user, permissions.CHANGE)
            .filter(cooperative=cooperative, kind=OrgKind.SUPPLIER, is_active=True)
            .select_related("profile"))


def _sent_rows(formsets: dict) -> dict[str, Rows]:
    """The lines and members as plan_save got them (`lines[2].demand` is the third sent)."""
    return {key: Rows(fs, [f for f in fs.forms if f.row() is not None])
            for key, fs in formsets.items()}


def _initial(plan: Plan | None):
    if plan is None:
        return {"first_month": clock.today().replace(day=1)}, [], []
    lines = [{"pk": li.pk, "buyer": li.buyer, "product": li.product,
              "unit_weight_kg": li.unit_weight_kg, "demand": compact(li.demand),
              "max_share_percent": li.max_share_percent, "lot": li.lot_id}
             for li in plan.lines.all()]
    members = [{"organisation": m.organisation_id, "capacity_kg": compact(m.capacity_kg)}
               for m in plan.members.all()]
    return ({f: getattr(plan, f) for f in services.PLAN_FIELDS}, lines, members)


def _free_in_first_month(candidates, plan: Plan | None) -> tuple[dict[int, int], str]:
    """What each candidate has free in the plan's first month (the coming month for a new
    plan), not counting this plan's own bookings, and that month's name."""
    month = plan.first_month if plan else coming_month()
    orgs = list(candidates)
    taken = booked([o.pk for o in orgs], [month], besides=own_bookings(plan) if plan else ())
    free = {o.pk: max(0, (o.profile.monthly_capacity_kg if hasattr(o, "profile") else 0)
                      - taken.get((o.pk, month), 0)) for o in orgs}
    return free, date_format(month, "F Y")


def _edit(request, cooperative: Organisation, plan: Plan | None = None):
    candidates = _candidates(request, cooperative)
    data = request.POST if request.method == "POST" else None
    initial, line_rows, member_rows = _initial(plan)
    form = PlanForm(data, initial=initial)
    free, month_label = _free_in_first_month(candidates, plan)
    formsets = {
        "lines": LineFormSet(data, prefix="line", initial=line_rows, form_kwargs={
            "lots": selectors.awarded_lots(cooperative=cooperative),
            "choices": SharedChoices()}),
        "members": MemberFormSet(data, prefix="member", initial=member_rows, form_kwargs={
            "members": candidates, "free": free, "month_label": month_label,
            "choices": SharedChoices()}),
    }
    if data is not None and form.is_valid() and all(f.is_valid() for f in formsets.values()):
        rows = {k: [r for f in fs.forms if (r := f.row()) is not None]
                for k, fs in formsets.items()}
        try:
            saved = services.plan_save(by=request.user, cooperative=cooperative, plan=plan,
                                       fields=form.cleaned_data, **rows)
        except ValidationError as exc:
            add_service_errors(form, exc, _sent_rows(formsets))
        else:
            messages.success(request, _("Plan saved. Now enter what each member offers."))
            return redirect("allocation:offers", plan_id=saved.public_id)
    return render(request, "allocation/edit.html", {
        "plan": plan, "cooperative": cooperative, "form": form, **formsets})


@login_required
def plan_new(request):
    if not permissions.may_create_plans(request.user):
        raise PermissionDenied
    return _edit(request, request.user.organisation)


@login_required
def plan_edit(request, plan_id):
    plan = _plan(request, plan_id)
    _require_change(request, plan)
    return _edit(request, plan.cooperative, plan)


@login_required
def plan_offers(request, plan_id):
    plan = _plan(request, plan_id)
    _require_change(request, plan)
    form = OffersForm(request.POST if request.method == "POST" else None,
                      lines=list(plan.lines.all()),
                      members=list(plan.members.select_related("organisation")),
                      offers=selectors.offers_of(plan=plan))
    if request.method == "POST" and form.is_valid():
        try:
            services.offers_save(by=request.user, plan=plan, offers=form.offers())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Offers saved."))
            return redirect("allocation:plan", plan_id=plan.public_id)
    return render(request, "allocation/offers.html", {"plan": plan, "form": form})


def _viewer(request, plan: Plan) -> str | None:
    """None when the user sees the whole plan; else the supplier id of its own member."""
    if permissions.may(request.user, permissions.VIEW_WHOLE, plan):
        return None
    return supplier_id(selectors.own_member(user=request.user, plan=plan).organisation_id)


def _run_context(run, only) -> dict:
    if run is None or run.status != RunStatus.DONE:
        return {"view": None}
    view = RunView(run, only=only)
    return {"view": view, "chart": heatmap(view.utilisation, view.months),
            "result_status": _result_status(run.result.get("status"))}


def _result_status(code: str | None) -> str:
    return {"optimal": _("optimal: the least cost, proven"),
            "feasible": _("feasible: within the gap shown"),
            "infeasible": _("infeasible: the rules cannot all hold")}.get(code, code or "")


def _stages(run) -> list[tuple[str, str]]:
    last = RunStatus.FAILED if run.status == RunStatus.FAILED else RunStatus.DONE
    return [(s.value, s.label) for s in (RunStatus.QUEUED, RunStatus.BUILDING,
                                         RunStatus.SOLVING, last)]


def _failure(run) -> str:
    if run.status != RunStatus.FAILED:
        return ""
    if run.error == NO_PLAN:
        return _("No plan was found within the time limit.")
    return _("The run failed: %(error)s") % {"error": run.error}


def _plan_page(request, plan: Plan, *, forms=None):
    user, forms = request.user, forms or {}
    only = _viewer(request, plan)
    may_change = permissions.may(user, permissions.CHANGE, plan)
    current = selectors.current_run(plan)
    runs = list(selectors.runs_of(plan=plan)) if only is None else []
    members = list(plan.members.select_related("organisation__profile"))
    lines = list(plan.lines.all()) if only is None or may_change else []
    months = _month_labels(plan)
    reporting = selectors.reporting_members(user=user, plan=plan)
    if may_change:
        forms.setdefault("solve_form", SolveForm())
        if current:
            forms.setdefault("what_if_form", WhatIfForm(members=members, lines=lines))
    if reporting:
        forms.setdefault("capacity_form", CapacityForm(
            members=reporting, months=months,
            initial={"ordered_months": services.months_started(plan, clock.today())}))
    capacity = member_capacities(plan, members)
    return render(request, "allocation/plan.html", {
        "plan": plan, "whole": only is None, "may_change": may_change, "current": current,
        "latest": runs[0] if runs else None, "runs": runs,
        "lines": lines if only is None else [],
        "members": [(m, capacity[m.pk]) for m in members if only in (None, supplier_id(
            m.organisation_id))],
        "reports": _reports(plan, months, only),
        "month_labels": months, **_run_context(current, only), **forms})


def _reports(plan: Plan, months: list[str], only: str | None) -> list:
    reports = [r for r in selectors.reports_of(plan=plan)
               if only in (None, supplier_id(r.member.organisation_id))]
    for r in reports:
        r.month_label = months[r.month] if r.month < len(months) else ""
    return reports


def _month_labels(plan: Plan) -> list[str]:
    return month_labels(plan.first_month, plan.months)


@login_required
def plan_detail(request, plan_id):
    return _plan_page(request, _plan(request, plan_id))


@login_required
def run_detail(request, plan_id, number: int):
    plan = _plan(request, plan_id)
    run = selectors.run_get(plan=plan, number=number)
    only = _viewer(request, plan)
    diff = None
    if run.base is not None and run.has_plan and run.base.has_plan:
        diff = compare(run.base, run, only=only)
    return render(request, "allocation/run.html", {
        "plan": plan, "run": run, "whole": only is None, "diff": diff,
        "failure": _failure(run), "elapsed": run.elapsed_seconds(clock.now()),
        "stages": _stages(run),
        "ordered_label": first_months(_month_labels(plan), run.ordered_months or 0),
        **_run_context(run, only)})


@login_required
def run_progress(request, plan_id, number: int):
    plan = _plan(request, plan_id)
    run = selectors.run_get(plan=plan, number=number)
    return JsonResponse({"status": run.status, "label": run.get_status_display(),
                         "elapsed": run.elapsed_seconds(clock.now()),
                         "finished": run.finished})


def _queued(request, run):
    run.refresh_from_db(fields=["status"])
    if not run.finished:
        messages.success(request, _("Run %(n)s is queued; this page follows it.") % {
            "n": run.number})
    return redirect("allocation:run", plan_id=run.plan.public_id, number=run.number)


@login_required
@require_POST
def solve(request, plan_id):
    plan = _plan(request, plan_id)
    _require_change(request, plan)
    form = SolveForm(request.POST)
    if form.is_valid():
        try:
            run = services.plan_solve(by=request.user, plan=plan,
                                      fairness_percent=form.cleaned_data["fairness_percent"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _queued(request, run)
    return _plan_page(request, plan, forms={"solve_form": form})


@login_required
@require_POST
def what_if(request, plan_id):
    plan = _plan(request, plan_id)
    _require_change(request, plan)
    members = {m.pk: m for m in plan.members.select_related("organisation")}
    lines = {li.pk: li for li in plan.lines.all()}
    form = WhatIfForm(request.POST, members=members.values(), lines=lines.values())
    base = selectors.current_run(plan)
    if base is None:
        form.add_error(None, _("Solve the plan first."))
    elif form.is_valid():
        d = form.cleaned_data
        try:
            run = services.what_if(
                by=request.user, plan=plan, base=base,
                remove=members.get(int(d["remove"])) if d["remove"] else None,
                line=lines.get(int(d["line"])) if d["line"] else None, demand=d["demand"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _queued(request, run)
    return _plan_page(request, plan, forms={"what_if_form": form})


@login_required
@require_POST
def capacity(request, plan_id):
    plan = _plan(request, plan_id)
    reporting = {m.pk: m for m in selectors.reporting_members(user=request.user, plan=plan)}
    if not reporting:
        raise PermissionDenied
    labels = _month_labels(plan)
    form = CapacityForm(request.POST, members=reporting.values(), months=labels)
    if form.is_valid():
        d = form.cleaned_data
        try:
            _report, run = services.capacity_report(
                by=request.user, plan=plan, member=reporting[d["member"]], month=d["month"],
                capacity_kg=d["capacity_kg"], ordered_months=d["ordered_months"],
                note=d["note"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if run is not None:
                return _queued(request, run)
            messages.success(request, _("Capacity recorded; it counts when the plan is "
                                        "solved."))
            return redirect("allocation:plan", plan_id=plan.public_id)
    return _plan_page(request, plan, forms={"capacity_form": form})

