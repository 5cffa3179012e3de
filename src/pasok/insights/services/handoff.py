"""A scenario's new order handed to the allocation engine (insights.handoff): queued by one
who may change the scenario, solved in the background (insights.tasks.handoff_solve); the
engine's choice of foundries then becomes the change's, through scenario_save, so the
scenario is computed again."""

import copy

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.actors import Actor, requires_actor

from .. import handoff as engine
from ..models import RunStatus, Scenario, ScenarioHandoff
from .scenarios import scenario_save


@requires_actor
@transaction.atomic
def handoff_queue(*, by: Actor, scenario: Scenario, change: int) -> ScenarioHandoff:
    """Build the engine's input for the scenario's change at `change` on today's data and
    queue its solve (again, if it was handed off before)."""
    if not permissions.may(by, permissions.CHANGE, scenario):
        raise PermissionDenied
    order = scenario.changes[change]
    closed = {c["foundry"] for c in scenario.changes[:change] if c.get("kind") == "close"}
    data = engine.instance_for(scenario.owner, order, clock.today(), closed=closed)
    handoff, _created = ScenarioHandoff.objects.update_or_create(
        scenario=scenario, change=change, defaults={
            "order": order, "status": RunStatus.QUEUED, "instance": data, "result": None,
            "error": "", "queued_at": clock.now(), "finished_at": None})
    from ..tasks import handoff_solve

    transaction.on_commit(lambda: handoff_solve.enqueue(handoff_id=handoff.pk))
    return handoff


@requires_actor
@transaction.atomic
def handoff_use(*, by: Actor, handoff: ScenarioHandoff) -> Scenario:
    """Make the engine's choice the change's foundries, and save (and so recompute) the
    scenario."""
    scenario = handoff.scenario
    if not permissions.may(by, permissions.CHANGE, scenario):
        raise PermissionDenied
    if not engine.current(handoff):
        raise ValidationError(_("The scenario's order changed since it was handed off: hand "
                                "it off again."))
    found = engine.proposal(handoff)
    if found is None:
        raise ValidationError(_("The allocation engine has not answered yet."))
    if not found.shares:
        raise ValidationError(_("None of the foundries would make any of the order."))
    changes = copy.deepcopy(scenario.changes)
    changes[handoff.change]["foundries"] = found.foundries
    return scenario_save(by=by, owner=scenario.owner, scenario=scenario, name=scenario.name,
                         description=scenario.description, changes=changes,
                         multipliers=scenario.multipliers)
