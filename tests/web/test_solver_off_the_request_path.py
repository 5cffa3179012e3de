"""HiGHS never solves inside a request nor inside a transaction (where it would hold the row
locks taken with select_for_update for seconds): the pages and buttons that lead to a solve
queue it, and the task worker solves it.

The test settings' ImmediateBackend runs a task as soon as its transaction commits, which is
still inside the request that queued it; here tasks are captured instead (the dummy backend)
and run afterwards, as the worker would. Transactional tests, so that a commit is a commit
and `in_atomic_block` tells whether a transaction is open."""

from dataclasses import dataclass

import pytest
from django.core.signals import request_finished, request_started
from django.db import connection, transaction
from django.urls import reverse
from django_tasks import default_task_backend
from highspy._core import _Highs

from pasok import clock
from pasok.allocation.models import PlanRun, RunStatus
from pasok.allocation.services import plan_solve
from pasok.allocation.solving import execute
from pasok.tenders.models import ProposalStatus, SplitProposal, Status, Tender
from pasok.tenders.services import tender_open
from tests.allocation.factories import demo_like_plan
from tests.tenders.test_sealed_bids import OPENING, T0, _bid
from tests.tenders.test_split_proposal import _tender

pytestmark = pytest.mark.django_db(transaction=True)


@dataclass(frozen=True)
class SolverCall:
    in_request: bool
    in_transaction: bool


@pytest.fixture
def solver_calls(monkeypatch, settings):
    """Every HiGHS run (the core class every solve goes through: planning.highs.new_highs),
    with where it ran; tasks are captured, for _run_queued_tasks."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    calls, open_requests = [], []
    real_run = _Highs.run

    def recorded_run(highs):
        calls.append(SolverCall(in_request=bool(open_requests),
                                in_transaction=connection.in_atomic_block))
        return real_run(highs)

    def started(**_kwargs):
        open_requests.append(True)

    def finished(**_kwargs):
        open_requests.pop()

    monkeypatch.setattr(_Highs, "run", recorded_run)
    request_started.connect(started)
    request_finished.connect(finished)
    yield calls
    request_started.disconnect(started)
    request_finished.disconnect(finished)


def _run_queued_tasks() -> int:
    """Run what the requests queued, outside any request and transaction (as the worker
    does: each task on its own, committing as it goes)."""
    results, ran = default_task_backend.results, 0
    while results:
        result = results.pop(0)
        result.task.call(*result.args, **result.kwargs)
        ran += 1
    return ran


def _where(calls):
    return {(c.in_request, c.in_transaction) for c in calls}


def test_the_evaluation_and_the_optimised_award_leave_the_solve_to_the_task(
        cluster, client, solver_calls):
    with clock.frozen(T0):
        tender = _tender(cluster, schedule=[], quantity=100)
        _bid(cluster, "supplier_a", tender, 100_000, tkdn=45, quantity=60)
        _bid(cluster, "supplier_b", tender, 101_000, tkdn=45, quantity=70)
    buyer = cluster.users["buyer_x"]
    client.force_login(buyer)
    with clock.frozen(OPENING):
        tender_open(by=buyer, tender=tender)
        assert client.post(reverse("tenders:evaluate", args=[tender.pk])).status_code == 302
        # Before the worker: the page says the proposal is being worked out.
        assert client.get(reverse("tenders:evaluation", args=[tender.pk])).status_code == 200
        assert client.get(reverse("tenders:split-proposal", args=[tender.pk])
                          ).status_code == 200
        assert solver_calls == []
        assert _run_queued_tasks() >= 1
        assert SplitProposal.objects.get(tender=tender).status == ProposalStatus.DONE
        assert client.get(reverse("tenders:evaluation", args=[tender.pk])).status_code == 200
        award = client.post(reverse("tenders:award-optimised", args=[tender.pk]),
                            {"confirm": "1"})
        assert award.status_code == 302
        _run_queued_tasks()  # the award notices
    assert Tender.objects.get(pk=tender.pk).status == Status.AWARDED
    assert solver_calls and _where(solver_calls) == {(False, False)}


def test_plan_pages_and_plan_runs_leave_the_solve_to_the_task(cluster, client, solver_calls):
    plan, _members = demo_like_plan(cluster)
    client.force_login(cluster.users["cooperative"])
    assert client.get(reverse("allocation:list")).status_code == 200
    for name in ("allocation:plan", "allocation:edit", "allocation:offers"):
        assert client.get(reverse(name, args=[plan.public_id])).status_code == 200
    solve = client.post(reverse("allocation:solve", args=[plan.public_id]), {})
    assert solve.status_code == 302
    assert solver_calls == []
    assert _run_queued_tasks() == 1
    run = PlanRun.objects.get(plan=plan)
    assert run.status == RunStatus.DONE
    for name in ("allocation:run", "allocation:progress"):
        assert client.get(reverse(name, args=[plan.public_id, run.number])).status_code == 200
    member = plan.members.order_by("pk").last()
    what_if = client.post(reverse("allocation:what-if", args=[plan.public_id]),
                          {"remove": member.pk, "line": "", "demand": ""})
    capacity = client.post(reverse("allocation:capacity", args=[plan.public_id]),
                           {"member": member.pk, "month": 0, "capacity_kg": "1000",
                            "ordered_months": 0, "note": ""})
    assert (what_if.status_code, capacity.status_code) == (302, 302)
    assert client.get(reverse("allocation:plan", args=[plan.public_id])).status_code == 200
    assert len(solver_calls) >= 1  # the first solve only, all in the task
    assert _run_queued_tasks() == 2  # the what-if and the re-plan
    assert set(PlanRun.objects.values_list("status", flat=True)) == {RunStatus.DONE}
    assert _where(solver_calls) == {(False, False)}


def test_the_recorder_sees_a_solve_in_a_request_or_a_transaction(cluster, client,
                                                                solver_calls, settings):
    """The check itself: with the ImmediateBackend a task queued on commit runs inside the
    request that committed, and a solve inside atomic() is inside a transaction."""
    plan, _members = demo_like_plan(cluster)
    client.force_login(cluster.users["cooperative"])
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client.post(reverse("allocation:solve", args=[plan.public_id]), {})
    assert solver_calls and _where(solver_calls) == {(True, False)}
    solver_calls.clear()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    run = plan_solve(by=cluster.users["cooperative"], plan=plan)
    with transaction.atomic():
        execute(run.pk)
    assert solver_calls and _where(solver_calls) == {(False, True)}
