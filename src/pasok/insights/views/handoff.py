"""A scenario's new order handed to the allocation engine: the foundries it would have make
it, each one's units a month and capacity used, what the cluster cannot make; queued, and its
choice used in the scenario, by those who may change the scenario."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pasok import clock
from pasok.accounts import permissions
from pasok.suppliers.catalogue import PART_FAMILIES

from .. import handoff as engine
from ..forms import NEW_ORDER
from ..models import RunStatus
from ..services import handoff as services
from .scenarios import _scenario, names_in

FINISHED = (RunStatus.DONE, RunStatus.FAILED)


def _of(request, public_id, change: int, action=permissions.VIEW):
    """The scenario, its new order at `change` and its hand-off (None before the first)."""
    scenario = _scenario(request, public_id, action)
    if change >= len(scenario.changes) or scenario.changes[change].get("kind") != NEW_ORDER:
        raise Http404
    return scenario, scenario.changes[change], scenario.handoffs.filter(change=change).first()


def _elapsed(handoff) -> int:
    end = handoff.finished_at or clock.now()
    return max(0, int((end - handoff.queued_at).total_seconds()))


def _back(scenario, change: int):
    return redirect("insights:scenario_handoff", public_id=scenario.public_id, change=change)


@login_required
def scenario_handoff(request, public_id, change):
    if request.method == "POST":
        scenario, _order, _handoff = _of(request, public_id, change, permissions.CHANGE)
        try:
            services.handoff_queue(by=request.user, scenario=scenario, change=change)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return _back(scenario, change)
    scenario, order, handoff = _of(request, public_id, change)
    found = handoff and engine.proposal(handoff)
    return render(request, "insights/scenarios/handoff.html", {
        "scenario": scenario, "change": change, "c": order, "handoff": handoff,
        "names": names_in([order]), "families": dict(PART_FAMILIES),
        "refusal": engine.refusal(order),
        "current": handoff is not None and engine.current(handoff),
        "proposal": found, "max_share": round(engine.MAX_SHARE * 100),
        "in_scenario": {share.organisation_id: units
                        for share, units in engine.units_a_month(found)} if found else {},
        "months": zip(found.months, found.made, found.unmet, strict=True) if found else (),
        "finished": handoff is None or handoff.status in FINISHED,
        "elapsed": _elapsed(handoff) if handoff else 0,
        "may_change": permissions.may(request.user, permissions.CHANGE, scenario)})


@login_required
def scenario_handoff_progress(request, public_id, change):
    *_found, handoff = _of(request, public_id, change)
    if handoff is None:
        raise Http404
    return JsonResponse({"status": handoff.status, "label": handoff.get_status_display(),
                         "elapsed": _elapsed(handoff), "finished": handoff.status in FINISHED})


@login_required
@require_POST
def scenario_handoff_use(request, public_id, change):
    scenario, _order, handoff = _of(request, public_id, change, permissions.CHANGE)
    if handoff is None:
        raise Http404
    try:
        services.handoff_use(by=request.user, handoff=handoff)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _back(scenario, change)
    messages.success(request, _("The scenario's new order is now one new order to each of "
                                "the engine's foundries; the scenario is being computed "
                                "again."))
    return redirect("insights:scenario", public_id=scenario.public_id)
