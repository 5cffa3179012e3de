"""Saved scenarios. A ministry officer (or a cooperative, over its members) names a set of
changes and multipliers; the scenario runs in the background (insights.tasks.scenario_run)
on the cluster's baseline as the platform's data give it (insights.baseline), and runs again
whenever it is saved or that data has changed since its last run."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.actors import Actor, requires_actor
from pasok.accounts.models import Organisation
from pasok.audit.services import audit_record
from pasok.rules import scenario as rules
from pasok.rules.scenario_json import changes_from_list, multipliers_from_dict

from .. import baseline as cluster
from ..models import RunStatus, Scenario
from ..outcome import outcome_record

# A rule's path into a change → the row's field on the page.
_ROW_FIELD = re.compile(r"(changes\[\d+\])(?:\.(\w+))?")
_FORM_NAMES = {"share": "share_percent"}


def _said(message: str) -> str:
    """The rule's words for what a person can get wrong on the page, in their language (the
    rest the form's own checks catch first)."""
    return {"have no workers between them": _("These foundries have no workers between them."),
            "is not a foundry of the scenario": _("This foundry is not in the cluster any "
                                                  "more."),
            "is listed twice": _("A foundry is listed twice.")}.get(message, message)


def _field(path: str) -> str:
    """`changes[1].foundries[0]` → `changes[1].foundries`; the multipliers as the form's."""
    match = _ROW_FIELD.match(path)
    if match is None:
        return "multipliers" if path.startswith("multipliers") else "changes"
    row, field = match.groups()
    return f"{row}.{_FORM_NAMES.get(field, field)}" if field else row


def _named_foundries(changes: list[rules.Change]) -> list[str]:
    """The foundries the changes name: a new order's makers, the one that closes."""
    named = []
    for change in changes:
        if isinstance(change, rules.NewOrder):
            named += change.foundries
        elif isinstance(change, rules.Close):
            named.append(change.foundry)
    return named


def _checked(changes: list, multipliers: dict, owner: Organisation) -> None:
    """Bad changes or multipliers, named: the same checks a run makes, on today's data (the
    foundries that sell on Pasok and those the changes name: a national cluster's other
    foundries change nothing a check reads)."""
    try:
        parsed = changes_from_list(changes)
        factors = multipliers_from_dict(multipliers)
        base = cluster.baseline(owner, clock.today(), touching=_named_foundries(parsed))
        rules.run(base.foundries, parsed, factors)
    except rules.ScenarioError as exc:
        raise ValidationError({_field(exc.path): [_said(exc.message)]}) from exc


@requires_actor
@transaction.atomic
def scenario_save(*, by: Actor, owner: Organisation, name: str, changes: list,
                  multipliers: dict, description: str = "",
                  scenario: Scenario | None = None) -> Scenario:
    """Create (`scenario` None) or change a scenario, and queue its run."""
    if scenario is None:
        if not permissions.may_save_scenarios(by) or (
                getattr(by, "organisation_id", owner.pk) != owner.pk):
            raise PermissionDenied
    elif not permissions.may(by, permissions.CHANGE, scenario) or scenario.owner_id != owner.pk:
        raise PermissionDenied
    name = name.strip()
    if not name:
        raise ValidationError({"name": [_("Give the scenario a name.")]})
    if Scenario.objects.filter(owner=owner, name=name).exclude(
            pk=getattr(scenario, "pk", None)).exists():
        raise ValidationError({"name": [_("Your organisation has a scenario of this name "
                                          "already.")]})
    _checked(changes, multipliers, owner)
    before = None if scenario is None else {"name": scenario.name, "changes": scenario.changes,
                                             "multipliers": scenario.multipliers}
    if scenario is None:
        scenario = Scenario(owner=owner, created_at=clock.now(),
                            created_by=by if getattr(by, "pk", None) else None)
    scenario.name, scenario.description = name, description.strip()
    scenario.changes, scenario.multipliers = changes, multipliers
    scenario.save()
    audit_record(actor=by, action="scenario.save", obj=scenario, organisation=owner,
                 before=before, after={"name": name, "changes": changes,
                                       "multipliers": multipliers})
    return scenario_queue(by=by, scenario=scenario)


@requires_actor
@transaction.atomic
def scenario_queue(*, by: Actor, scenario: Scenario) -> Scenario:
    """Queue a run (after a save, on request, or because the data changed). Its readers may
    ask: a run changes no term of the scenario, only brings its figures up to date."""
    if not permissions.may(by, permissions.VIEW, scenario):
        raise PermissionDenied
    from ..tasks import scenario_run

    Scenario.objects.filter(pk=scenario.pk).update(status=RunStatus.QUEUED,
                                                   queued_at=clock.now())
    transaction.on_commit(lambda: scenario_run.enqueue(scenario_id=scenario.pk))
    scenario.refresh_from_db()
    return scenario


@requires_actor
@transaction.atomic
def scenario_delete(*, by: Actor, scenario: Scenario) -> None:
    if not permissions.may(by, permissions.CHANGE, scenario):
        raise PermissionDenied
    audit_record(actor=by, action="scenario.delete", obj=scenario,
                 organisation=scenario.owner, before={"name": scenario.name})
    scenario.delete()


def execute(scenario_id: int) -> str:
    """Run a scenario on today's data and keep the outcome (the task's body). A run writes
    only if no later one was queued meanwhile (an edit while it ran): the later run's
    result is the one that counts. Whatever goes wrong leaves it failed, never running."""
    scenario = Scenario.objects.select_related("owner").filter(pk=scenario_id).first()
    if scenario is None:
        return "gone"  # deleted while queued
    mine = Scenario.objects.filter(pk=scenario.pk, queued_at=scenario.queued_at)
    mine.update(status=RunStatus.RUNNING)
    today = clock.today()
    try:
        key = cluster.data_key(scenario.owner, today)
        base = cluster.baseline(scenario.owner, today)
        outcome = rules.run(base.foundries, changes_from_list(scenario.changes),
                            multipliers_from_dict(scenario.multipliers))
        result = outcome_record(outcome, base, scenario.changes)
    except rules.ScenarioError as exc:  # the data changed under it: a foundry is gone
        mine.update(status=RunStatus.FAILED, error=f"{exc.path}: {_said(exc.message)}",
                    baseline_key=key, computed_at=clock.now(), result=None)
        return RunStatus.FAILED
    except Exception:
        mine.update(status=RunStatus.FAILED, error=_("The computation failed; run it again."),
                    computed_at=clock.now())
        raise  # the worker logs it
    mine.update(status=RunStatus.DONE, error="", baseline_key=key, computed_at=clock.now(),
                result=result)
    return RunStatus.DONE
