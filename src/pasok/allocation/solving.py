"""Running one PlanRun: build the engine's input, solve with pasok.planning, store the
answer. Each stage is written as it starts (queued → building → solving → done/failed) so
the page can show where a run is."""

from django.db import transaction

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.audit.services import audit_record
from pasok.planning.instance import Instance, parse
from pasok.planning.output import explanation, infeasibility, to_dict, with_fairness
from pasok.planning.replan import replan
from pasok.planning.solve import NoPlan, allocate

from .bookings import capacity_bookings_refresh_for_plan
from .engine_input import plan_instance, units_by_pair, with_changes
from .models import NO_PLAN, PlanRun, RunKind, RunStatus

TIME_LIMIT = 30.0  # seconds per solve; a cooperative's plan takes a second or two


def _set(run: PlanRun, **fields) -> None:
    for name, value in fields.items():
        setattr(run, name, value)
    PlanRun.objects.filter(pk=run.pk).update(**fields)


def run_input(run: PlanRun) -> dict:
    """A what-if changes its base run's input; a plan and a re-plan read the plan now."""
    if run.kind == RunKind.WHAT_IF:
        return with_changes(run.base.instance, run.changes)
    return plan_instance(run.plan)


def solve(run: PlanRun, inst: Instance) -> dict:
    if run.kind == RunKind.REPLAN and run.base is not None:
        previous = units_by_pair(inst, run.base.result)
        result = replan(inst, previous, run.ordered_months or 0, time_limit=TIME_LIMIT)
    else:
        result = allocate(inst, time_limit=TIME_LIMIT)
    extra = {}
    if result.status != "infeasible" and run.fairness_percent:
        result, extra["fairness"] = with_fairness(
            inst, result, tolerance=float(run.fairness_percent) / 100, time_limit=TIME_LIMIT)
    if result.status != "infeasible":
        extra["explanation"] = explanation(inst, result)
    else:  # the page words each floor in the reader's language
        extra["infeasibility"] = infeasibility(result)
    return to_dict(inst, result) | extra


def execute(run_id: int) -> str:
    run = PlanRun.objects.select_related("plan__cooperative", "base").get(pk=run_id)
    if run.finished:
        return run.status
    _set(run, status=RunStatus.BUILDING, started_at=clock.now())
    try:
        data = run_input(run)
        inst = parse(data)
        _set(run, status=RunStatus.SOLVING, instance=data)
        payload = solve(run, inst)
    except NoPlan:
        _set(run, status=RunStatus.FAILED, error=NO_PLAN, finished_at=clock.now())
    except ValueError as exc:  # bad input (InstanceError names the field) or too large
        _set(run, status=RunStatus.FAILED, error=str(exc), finished_at=clock.now())
    except Exception:
        _set(run, status=RunStatus.FAILED, error="internal error", finished_at=clock.now())
        raise
    else:
        with transaction.atomic():  # it may be the new plan in force: bookings follow
            _set(run, status=RunStatus.DONE, result=payload, finished_at=clock.now())
            _audit_finish(run)
            capacity_bookings_refresh_for_plan(run.plan, by=SYSTEM)
        return run.status
    _audit_finish(run)
    return run.status


def _audit_finish(run: PlanRun) -> None:
    audit_record(actor=SYSTEM, action="plan_run.finish", obj=run, organisation=run.plan.cooperative,
                 after={"status": run.status, "error": run.error,
                        "result": (run.result or {}).get("status"),
                        "objective": (run.result or {}).get("objective")})
