"""A scenario's new order handed to the allocation engine (insights.handoff): queued by one
who may change the scenario, solved in the background (insights.tasks.handoff_solve); the
engine's choice of foundries then becomes the change's, through scenario_save, so the
scenario is computed again."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.actors import Actor, requires_actor
from pasok.audit.services import audit_record

from .. import handoff as engine
from ..models import RunStatus, Scenario, ScenarioHandoff
from .scenarios import scenario_save

_ROW = re.compile(r"changes\[(\d+)\]")


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
    """Put the engine's choice in the scenario: the handed-off new order becomes one new
    order to each foundry the engine chose, of the units a month it would make
    (engine.units_a_month); the hand-offs of later changes follow their changes, this one,
    used, goes; and the scenario is saved, so computed again."""
    scenario = handoff.scenario
    if not permissions.may(by, permissions.CHANGE, scenario):
        raise PermissionDenied
    if not engine.current(handoff):
        raise ValidationError(_("The scenario's order changed since it was handed off: hand "
                                "it off again."))
    found = engine.proposal(handoff)
    if found is None:
        raise ValidationError(_("The allocation engine has not answered yet."))
    chosen = engine.units_a_month(found)
    if not chosen:
        raise ValidationError(_("None of the foundries would make a whole unit of the order "
                                "a month."))
    at, order = handoff.change, scenario.changes[handoff.change]
    orders = [order | {"units_per_month": units, "foundries": [str(share.organisation_id)]}
              for share, units in chosen]
    changes = scenario.changes[:at] + orders + scenario.changes[at + 1:]
    handoff.delete()
    if shift := len(orders) - 1:
        # One by one from the last: each index is free when a hand-off moves into it.
        for later in scenario.handoffs.filter(change__gt=at).order_by("-change"):
            later.change += shift
            later.save(update_fields=["change"])
    audit_record(actor=by, action="scenario.handoff_use", obj=scenario,
                 organisation=scenario.owner, before={"change": at + 1, "order": order},
                 after={"foundries": [share.organisation_id for share, _units in chosen],
                        "units_per_month": sum(units for _share, units in chosen)})
    try:
        return scenario_save(by=by, owner=scenario.owner, scenario=scenario,
                             name=scenario.name, description=scenario.description,
                             changes=changes, multipliers=scenario.multipliers)
    except ValidationError as exc:
        raise _refused(exc, chosen, at) from exc


def _refused(exc: ValidationError, chosen: list, first: int) -> ValidationError:
    """The scenario's rule refusing one of the new orders (a foundry without workers gets
    no share of a new order), said naming its foundry."""
    for field, errors in getattr(exc, "error_dict", {}).items():
        match = _ROW.match(field)
        if match and 0 <= int(match[1]) - first < len(chosen):
            share, _units = chosen[int(match[1]) - first]
            return ValidationError(
                _("The scenario cannot give %(foundry)s, which the engine chose, its part of "
                  "the order: %(reason)s") % {
                    "foundry": share.name, "reason": " ".join(ValidationError(errors).messages)})
    return exc
