"""What-if scenarios: the jobs each buyer's orders carry, saved scenarios (new, edit, run,
compare side by side) and each one's input as `pasok insights scenario` reads it."""

import json
import uuid
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pasok import clock
from pasok.accounts import permissions, picking
from pasok.accounts.kinds import BUYER_KINDS
from pasok.accounts.models import Organisation
from pasok.rules.multipliers import DEFAULT
from pasok.rules.scenario_json import foundry_to_dict
from pasok.suppliers.catalogue import PART_FAMILIES
from pasok.web.form_errors import Rows, add_service_errors
from pasok.web.shared_choices import SharedChoices

from .. import baseline as cluster
from ..dependence import jobs_by_buyer
from ..forms import (
    ChangeForm,
    ChangeFormSet,
    ScenarioForm,
    change_initial,
    initial_of,
    source_shown,
)
from ..models import RunStatus, Scenario
from ..services import scenarios as services

COMPARED_AT_MOST = 4
FAMILIES = dict(PART_FAMILIES)


def shown_multipliers(saved: dict | None = None) -> dict:
    """Multipliers as the pages show them: a saved scenario's, or the defaults."""
    if saved is None:
        m = DEFAULT.multipliers
        return {"o1": m.output_type1, "o2": m.output_type2, "e1": m.employment_type1,
                "e2": m.employment_type2, "source": source_shown(DEFAULT.source),
                "year": DEFAULT.year,
                "illustrative": DEFAULT.illustrative}
    return {"o1": saved["output"]["type1"], "o2": saved["output"]["type2"],
            "e1": saved["employment"]["type1"], "e2": saved["employment"]["type2"],
            "source": source_shown(saved.get("source", "")), "year": saved.get("year"),
            "illustrative": saved.get("illustrative", False)}


def described(changes: list) -> list[dict]:
    """A scenario's changes for the page: the share as a percentage."""
    return [{**c, "share_percent": Decimal(str(c["share"])) * 100} if "share" in c else c
            for c in changes]


def names_in(*change_lists: list) -> dict[str, str]:
    """The organisations the changes name, by id (one query)."""
    ids = {c.get(k) for changes in change_lists for c in changes for k in ("buyer", "foundry")}
    ids |= {f for changes in change_lists for c in changes for f in c.get("foundries", ())}
    return {str(pk): name for pk, name in Organisation.objects.filter(
        pk__in=[int(i) for i in ids if i and str(i).isdigit()]).values_list("pk", "name")}


def _named(changes: list) -> dict[int, Organisation]:
    """The foundries saved changes name, by id (one query for every row of the form)."""
    ids = {c["foundry"] for c in changes if c.get("foundry")}
    ids |= {f for c in changes for f in c.get("foundries", ())}
    return Organisation.objects.in_bulk([int(i) for i in ids if str(i).isdigit()])


def _reader(request) -> None:
    if not permissions.may_read_insights(request.user):
        raise PermissionDenied


def _scope(request) -> Organisation | None:
    """Whose cluster the person looks at: a cooperative its members, the ministry (and a
    platform admin) every foundry."""
    return request.user.organisation


def _scenario(request, public_id, action=permissions.VIEW) -> Scenario:
    scenario = get_object_or_404(Scenario.objects.visible_to(request.user)
                                 .select_related("owner"), public_id=public_id)
    if action != permissions.VIEW and not permissions.may(request.user, action, scenario):
        raise PermissionDenied
    return scenario


def _freshness(request, scenarios: list[Scenario]) -> dict:
    """Which of the scenarios are out of date (cluster.out_of_date), and which of those the
    person may compute again (the re-run asks to change them): their ids, for the page."""
    stale = {s.pk for s in cluster.out_of_date(scenarios, clock.today())}
    rerun = set(Scenario.objects.restrict(request.user, permissions.CHANGE)
                .filter(pk__in=stale).values_list("pk", flat=True)) if stale else set()
    return {"stale": stale, "rerun": rerun}


@login_required
def scenario_list(request):
    _reader(request)
    scope = _scope(request)
    base = cluster.baseline(scope, clock.today(), touching=())  # the jobs table's foundries
    scenarios = list(Scenario.objects.visible_to(request.user).select_related("owner"))
    return render(request, "insights/scenarios/list.html", {
        "scenarios": scenarios, **_freshness(request, scenarios),
        "dependence": jobs_by_buyer(base), "base": base, "defaults": shown_multipliers(),
        "foundry_count": cluster.foundries_of(scope).count(),
        "families": FAMILIES,
        "may_save": permissions.may_save_scenarios(request.user)})


def _forms(request, scenario: Scenario | None, owner: Organisation):
    data = request.POST if request.method == "POST" else None
    changes = [change_initial(c) for c in scenario.changes] if scenario else []
    form = ScenarioForm(data, initial=initial_of(scenario))
    rows = ChangeFormSet(data, prefix="change", initial=changes, form_kwargs={
        "buyers": Organisation.objects.filter(kind__in=BUYER_KINDS, is_active=True)
        .order_by("name"),
        "foundries": cluster.foundries_of(owner),
        "suggest_url": reverse("insights:foundry-names"),
        "named": _named(scenario.changes) if scenario else {},
        "choices": {name: SharedChoices() for name in ChangeForm.SHARED}})
    return form, rows


@login_required
def foundry_names(request):
    """The foundries whose names contain `q`, as the scenario form's boxes take them."""
    if not permissions.may_save_scenarios(request.user):
        raise PermissionDenied
    return JsonResponse({"names": picking.suggestions(
        cluster.foundries_of(request.user.organisation), request.GET.get("q", ""))})


def _edit(request, scenario: Scenario | None):
    owner = scenario.owner if scenario else request.user.organisation
    form, rows = _forms(request, scenario, owner)
    if request.method == "POST" and form.is_valid() and rows.is_valid():
        sent = [f for f in rows.forms if f.row() is not None]
        try:
            saved = services.scenario_save(
                by=request.user, owner=owner, scenario=scenario,
                name=form.cleaned_data["name"], description=form.cleaned_data["description"],
                changes=[f.row() for f in sent], multipliers=form.multipliers())
        except ValidationError as exc:
            add_service_errors(form, exc, {"changes": Rows(rows, sent, _("Changes"))})
        else:
            messages.success(request, _("Scenario saved; it is being computed."))
            return redirect("insights:scenario", public_id=saved.public_id)
    return render(request, "insights/scenarios/edit.html", {
        "scenario": scenario, "form": form, "rows": rows})


@login_required
def scenario_new(request):
    if not permissions.may_save_scenarios(request.user):
        raise PermissionDenied
    return _edit(request, None)


@login_required
def scenario_edit(request, public_id):
    return _edit(request, _scenario(request, public_id, permissions.CHANGE))


@login_required
def scenario_detail(request, public_id):
    scenario = _scenario(request, public_id)
    if cluster.out_of_date([scenario], clock.today()):
        scenario = services.scenario_queue(by=request.user, scenario=scenario)
        messages.info(request, _("The cluster's data changed since this scenario was "
                                 "computed: it is being computed again."))
    return render(request, "insights/scenarios/detail.html", {
        "scenario": scenario, "result": scenario.result, "families": FAMILIES,
        "changes": described(scenario.changes), "names": names_in(scenario.changes),
        "multipliers": shown_multipliers(scenario.multipliers),
        "finished": scenario.status in (RunStatus.DONE, RunStatus.FAILED),
        "elapsed": _elapsed(scenario),
        "may_change": permissions.may(request.user, permissions.CHANGE, scenario)})


def _elapsed(scenario: Scenario) -> int:
    if scenario.queued_at is None:
        return 0
    end = scenario.computed_at if scenario.computed_at and \
        scenario.computed_at >= scenario.queued_at else clock.now()
    return max(0, int((end - scenario.queued_at).total_seconds()))


@login_required
def scenario_progress(request, public_id):
    scenario = _scenario(request, public_id)
    return JsonResponse({"status": scenario.status, "label": scenario.get_status_display(),
                         "elapsed": _elapsed(scenario),
                         "finished": scenario.status in (RunStatus.DONE, RunStatus.FAILED)})


@login_required
@require_POST
def scenario_rerun(request, public_id):
    scenario = _scenario(request, public_id, permissions.CHANGE)
    services.scenario_queue(by=request.user, scenario=scenario)
    messages.success(request, _("The scenario is being computed again."))
    return redirect("insights:scenario", public_id=scenario.public_id)


@login_required
@require_POST
def scenario_delete(request, public_id):
    scenario = _scenario(request, public_id, permissions.CHANGE)
    services.scenario_delete(by=request.user, scenario=scenario)
    messages.success(request, _("Scenario %(name)s deleted.") % {"name": scenario.name})
    return redirect("insights:scenarios")


@login_required
def scenario_input(request, public_id):
    """The scenario as `pasok insights scenario FILE` reads it: today's baseline of the
    cluster, the changes and the multipliers; the command prints the page's figures."""
    scenario = _scenario(request, public_id)
    base = cluster.baseline(scenario.owner, clock.today())
    body = {"multipliers": {k: scenario.multipliers[k] for k in ("output", "employment")},
            "foundries": [foundry_to_dict(f) for f in base.foundries],
            "changes": scenario.changes}
    response = HttpResponse(json.dumps(body, ensure_ascii=False, indent=1),
                            content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="scenario-{scenario.public_id}.json"'
    return response


@login_required
def scenario_compare(request):
    _reader(request)
    chosen = request.GET.getlist("s")[:COMPARED_AT_MOST]
    scenarios = list(Scenario.objects.visible_to(request.user).select_related("owner")
                     .filter(public_id__in=[c for c in chosen if _is_uuid(c)]))
    if not scenarios:
        messages.error(request, _("Choose the scenarios to compare."))
        return redirect("insights:scenarios")
    return render(request, "insights/scenarios/compare.html", {
        **_freshness(request, scenarios), "families": FAMILIES,
        "names": names_in(*(s.changes for s in scenarios)),
        "columns": [{"scenario": s, "changes": described(s.changes),
                     "multipliers": shown_multipliers(s.multipliers)} for s in scenarios]})


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True
