"""The plan's services and its background run: the engine input built from the rows, the
task storing its result, what-if and re-plan runs, and who may do what."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import OrgRole
from pasok.accounts.services import user_create
from pasok.allocation import services, solving
from pasok.allocation.diff import compare
from pasok.allocation.engine_input import line_id, plan_instance, supplier_id
from pasok.allocation.models import Plan, RunKind, RunStatus
from pasok.allocation.selectors import current_run, plan_get
from pasok.planning.instance import parse
from pasok.planning.solve import NoPlan
from tests.conftest import PASSWORD

from .factories import CAPACITY_KG, DEMAND, MONTHS, demo_like_plan, solved

pytestmark = pytest.mark.django_db
FULL = CAPACITY_KG * 100 // 1150  # 1,043 blocks of 11.5 kg in 12,000 kg


def _cells(run, org) -> list[int]:
    cells = [0] * MONTHS
    for a in run.result["allocations"]:
        if a["supplier"] == supplier_id(org.pk):
            cells[a["period"]] += a["quantity"]
    return cells


def test_the_engine_input_is_built_from_the_plan_rows(cluster):
    plan, members = demo_like_plan(cluster)
    data = plan_instance(plan)
    assert data["periods"] == MONTHS and data["unmet_penalty"] == 1_000_000
    assert {s["id"] for s in data["suppliers"]} == {supplier_id(m.pk) for m in members}
    # Capacity comes from the profile, every month; the four are micro businesses: small.
    assert all(s["capacity_kg"] == [CAPACITY_KG] * MONTHS and s["small"]
               for s in data["suppliers"])
    (line,) = data["lines"]
    assert line["demand"] == [DEMAND] * MONTHS and line["max_share"] == 0.6
    assert line["unit_weight_kg"] == 11.5
    assert sorted(c["unit_cost"] for c in line["candidates"]) == [98_000, 100_000, 102_000,
                                                                  104_000]
    inst = parse(data)  # the engine takes it as it is
    assert inst.n_pairs == 4 and inst.share_cap[0] == 7_200


def test_partner_floors_and_capacity_reports_reach_the_engine_input(cluster):
    plan, members = demo_like_plan(cluster)
    by = cluster.users["cooperative"]
    line = plan.lines.get()
    offers = [{"line": line, "member": m, "unit_cost": Decimal(100_000), "min_lot": 50,
               "floor_percent": Decimal(10) if m.organisation_id == members[3].pk else None}
              for m in plan.members.all()]
    services.offers_save(by=by, plan=plan, offers=offers)
    services.capacity_report(by=by, plan=plan, member=plan.members.get(organisation=members[0]),
                             month=4, capacity_kg=2_300, ordered_months=3)
    data = plan_instance(plan)
    assert data["partner_floors"] == [{"buyer": "PT KAI", "supplier": supplier_id(members[3].pk),
                                       "min_share": 0.1}]
    capacity = {s["id"]: s["capacity_kg"] for s in data["suppliers"]}
    assert capacity[supplier_id(members[0].pk)] == [12_000] * 4 + [2_300, 12_000]
    assert capacity[supplier_id(members[1].pk)] == [12_000] * 6
    assert {c["min_lot"] for c in data["lines"][0]["candidates"]} == {50}


def test_a_member_has_one_floor_per_buyer(cluster):
    plan, members = demo_like_plan(cluster)
    second = services.plan_save(
        by=cluster.users["cooperative"], cooperative=cluster.cooperative, plan=plan,
        fields={"title": plan.title, "first_month": plan.first_month, "months": MONTHS,
                "unmet_penalty": plan.unmet_penalty},
        lines=[{"pk": li.pk, "buyer": li.buyer, "product": li.product, "demand": li.demand,
                "unit_weight_kg": li.unit_weight_kg, "max_share_percent": Decimal(60)}
               for li in plan.lines.all()]
        + [{"buyer": "PT KAI", "product": "Blok rem kereta", "demand": [500],
            "unit_weight_kg": Decimal("10.8"), "max_share_percent": Decimal(100)}],
        members=[{"organisation": m, "capacity_kg": None} for m in members])
    first, other = second.lines.all()
    member = second.members.get(organisation=members[0])
    with pytest.raises(ValidationError) as err:
        services.offers_save(by=cluster.users["cooperative"], plan=second, offers=[
            {"line": first, "member": member, "unit_cost": Decimal(1), "floor_percent": 10},
            {"line": other, "member": member, "unit_cost": Decimal(1), "floor_percent": 20}])
    assert f"{other.pk}-{member.pk}-floor_percent" in err.value.message_dict


def test_bad_input_names_the_field(cluster):
    plan, _members = demo_like_plan(cluster)
    fields = {"title": "x", "first_month": plan.first_month, "months": MONTHS,
              "unmet_penalty": Decimal(1)}
    line = {"buyer": "PT KAI", "product": "Blok", "unit_weight_kg": Decimal(1),
            "max_share_percent": Decimal(100)}
    with pytest.raises(ValidationError) as err:
        services.plan_save(by=cluster.users["cooperative"], cooperative=cluster.cooperative,
                           fields=fields, lines=[line | {"demand": [1, 2, 3]}], members=[])
    assert "lines[0].demand" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        services.plan_save(by=cluster.users["cooperative"], cooperative=cluster.cooperative,
                           fields=fields, lines=[],
                           members=[{"organisation": cluster.supplier_a, "capacity_kg": None}])
    assert "members[0].organisation" in err.value.message_dict  # not a member


def test_the_task_solves_and_stores_the_result(cluster, django_capture_on_commit_callbacks):
    plan, (a, b, c, d) = demo_like_plan(cluster)
    with django_capture_on_commit_callbacks(execute=True):
        run = services.plan_solve(by=cluster.users["cooperative"], plan=plan)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.started_at and run.finished_at
    assert run.result["status"] == "optimal"
    assert _cells(run, a) == [FULL] * MONTHS  # the cheapest is full
    assert _cells(run, b) == [DEMAND - FULL] * MONTHS
    assert _cells(run, c) == _cells(run, d) == [0] * MONTHS
    assert run.result["objective"] == pytest.approx(
        MONTHS * (FULL * 98_000 + (DEMAND - FULL) * 100_000))
    reasons = {e["supplier"]: e["bound_by"] for e in run.result["explanation"]["suppliers"]}
    assert reasons[supplier_id(a.pk)][0]["rule"] == "capacity"
    assert reasons[supplier_id(d.pk)] == [{"rule": "cost"}]
    assert current_run(plan) == run


def test_a_run_that_finds_no_plan_fails_with_the_reason(cluster, monkeypatch):
    plan, _members = demo_like_plan(cluster)

    def no_plan(*args, **kwargs):
        raise NoPlan("no plan found within the time limit")

    monkeypatch.setattr(solving, "allocate", no_plan)
    run = solved(plan, cluster.users["cooperative"])
    assert run.status == RunStatus.FAILED and run.error == solving.NO_PLAN
    assert run.instance is not None and run.result is None and current_run(plan) is None


def test_fairness_raises_the_least_used_small_partner_within_the_tolerance(cluster):
    plan, (_a, _b, _c, d) = demo_like_plan(cluster)
    run = solved(plan, cluster.users["cooperative"], fairness_percent=Decimal(2))
    fair = run.result["fairness"]
    assert fair["min_utilisation_before"] == 0  # C and D get nothing at least cost
    assert fair["min_utilisation_after"] > 0
    assert 0 < fair["price"] <= 0.02
    assert run.result["objective"] <= 1.02 * fair["least_cost"] + 1
    assert sum(_cells(run, d)) > 0


def test_a_re_plan_keeps_the_ordered_months_and_moves_the_shortfall(
        cluster, django_capture_on_commit_callbacks):
    plan, (a, b, c, _d) = demo_like_plan(cluster)
    by = cluster.users["cooperative"]
    base = solved(plan, by)
    member_a = plan.members.get(organisation=a)
    with django_capture_on_commit_callbacks(execute=True):
        _report, run = services.capacity_report(by=by, plan=plan, member=member_a, month=4,
                                               capacity_kg=2_300, ordered_months=3)
    run.refresh_from_db()
    assert run.kind == RunKind.REPLAN and run.base == base and run.status == RunStatus.DONE
    for org in (a, b, c):
        assert _cells(run, org)[:3] == _cells(base, org)[:3]
    assert _cells(run, a)[4] <= 2_300 // 11.5
    assert _cells(run, b)[4] + _cells(run, c)[4] > _cells(base, b)[4] + _cells(base, c)[4]
    assert run.result["unmet"] == []
    diff = compare(base, run)
    assert diff.ordered_months == 3 and diff.ordered_moved == []
    assert {m.period for m in diff.moved} == {4}
    assert current_run(plan) == run


def test_what_if_without_a_foundry_is_a_copy_without_it(cluster):
    plan, (a, _b, c, _d) = demo_like_plan(cluster)
    by = cluster.users["cooperative"]
    base = solved(plan, by)
    run = services.what_if(by=by, plan=plan, base=base,
                           remove=plan.members.get(organisation=a))
    solving.execute(run.pk)
    run.refresh_from_db()
    assert supplier_id(a.pk) not in {s["id"] for s in run.instance["suppliers"]}
    assert sum(_cells(run, a)) == 0 and sum(_cells(run, c)) > 0
    diff = compare(base, run)
    assert diff.removed == ["CV Asa Logam"] and diff.cost_change > 0 and diff.unmet_change == 0
    assert current_run(plan) == base  # a what-if never replaces the plan in force


def test_what_if_with_more_demand_leaves_the_excess_unmet(cluster):
    plan, _members = demo_like_plan(cluster)
    by = cluster.users["cooperative"]
    base = solved(plan, by)
    line = plan.lines.get()
    run = services.what_if(by=by, plan=plan, base=base, line=line, demand=[5_000])
    solving.execute(run.pk)
    run.refresh_from_db()
    assert run.instance["lines"][0]["demand"] == [5_000] * MONTHS
    assert run.changes == {"demand": {line_id(line.pk): [5_000] * MONTHS}}
    diff = compare(base, run)
    assert diff.unmet_change > 0 and diff.demand_changed


def _member_user(org):
    return user_create(by=SYSTEM, email="anggota@example.id", full_name="Anggota",
                       password=PASSWORD, organisation=org, org_role=OrgRole.ADMIN)


def test_who_sees_and_changes_a_plan(cluster):
    plan, (a, b, _c, _d) = demo_like_plan(cluster)
    for role in ("supplier_a", "supplier_b", "buyer_x", "buyer_y"):
        with pytest.raises(Plan.DoesNotExist):
            plan_get(user=cluster.users[role], public_id=plan.public_id)
    for role in ("cooperative", "ministry", "admin"):
        assert plan_get(user=cluster.users[role], public_id=plan.public_id) == plan
    with pytest.raises(PermissionDenied):
        services.plan_solve(by=cluster.users["ministry"], plan=plan)
    member_user = _member_user(a)
    assert plan_get(user=member_user, public_id=plan.public_id) == plan
    with pytest.raises(PermissionDenied):
        services.plan_solve(by=member_user, plan=plan)
    # A member reports its own capacity, never another's.
    _report, run = services.capacity_report(by=member_user, plan=plan,
                                           member=plan.members.get(organisation=a), month=5,
                                           capacity_kg=0, ordered_months=2)
    assert run is None  # nothing solved yet: it counts at the next solve
    with pytest.raises(PermissionDenied):
        services.capacity_report(by=member_user, plan=plan,
                                 member=plan.members.get(organisation=b), month=5,
                                 capacity_kg=0, ordered_months=2)
