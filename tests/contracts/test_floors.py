"""A buyer's partnership commitment to named foundries is a partner floor in a cooperative's
plan whose lines that buyer calls off: the committed share split among the named members,
never below what a member's offer asks (contracts.floors, allocation.engine_input)."""

import datetime as dt
from decimal import Decimal

from pasok.allocation import services as plans
from pasok.allocation.engine_input import plan_instance, supplier_id
from pasok.contracts import services
from tests.allocation.factories import add_members

JAN = dt.date(2027, 1, 1)


def _plan(cluster, members, floor=None):
    plan = plans.plan_save(
        by=cluster.users["cooperative"], cooperative=cluster.cooperative,
        fields={"title": "Blok rem", "first_month": JAN, "months": 3,
                "unmet_penalty": Decimal(1_000_000)},
        lines=[{"buyer": cluster.buyer_x.name, "product": "Blok rem", "demand": [100] * 3,
                "unit_weight_kg": Decimal(10), "max_share_percent": Decimal(100)}],
        members=[{"organisation": m, "capacity_kg": [5_000] * 3} for m in members])
    line, by_org = plan.lines.get(), {m.organisation_id: m for m in plan.members.all()}
    plans.offers_save(by=cluster.users["cooperative"], plan=plan, offers=[
        {"line": line, "member": by_org[m.pk], "unit_cost": Decimal(100_000 + i),
         "min_lot": 0, "floor_percent": floor if i == 0 else None}
        for i, m in enumerate(members)])
    return plan


def _commit(cluster, partners, share, starts_on=JAN):
    return services.commitment_sign(by=cluster.users["buyer_x"], buyer=cluster.buyer_x,
                                    partners=partners, family="brake_block",
                                    starts_on=starts_on, ends_on=dt.date(2029, 12, 31),
                                    share_percent=Decimal(share))


def _floors(plan) -> dict:
    return {f["supplier"]: f["min_share"] for f in plan_instance(plan)["partner_floors"]}


def test_a_commitment_to_named_members_splits_its_share_among_them(cluster):
    asa, bima, cor = add_members(cluster.cooperative, names=("CV Asa", "UD Bima", "CV Cor"))
    plan = _plan(cluster, [asa, bima, cor])
    assert _floors(plan) == {}
    _commit(cluster, [asa, bima, cluster.supplier_a], 30)  # supplier A is not in the plan
    assert _floors(plan) == {supplier_id(asa.pk): 0.15, supplier_id(bima.pk): 0.15}


def test_the_higher_of_the_offer_and_the_commitment(cluster):
    asa, bima = add_members(cluster.cooperative, names=("CV Asa", "UD Bima"))
    plan = _plan(cluster, [asa, bima], floor=Decimal(20))
    _commit(cluster, [asa, bima], 30)
    assert _floors(plan) == {supplier_id(asa.pk): 0.2, supplier_id(bima.pk): 0.15}


def test_a_commitment_to_the_cooperative_or_out_of_the_plans_months_sets_no_floor(cluster):
    asa, bima = add_members(cluster.cooperative, names=("CV Asa", "UD Bima"))
    plan = _plan(cluster, [asa, bima])
    _commit(cluster, [cluster.cooperative], 40)
    _commit(cluster, [asa], 40, starts_on=dt.date(2027, 6, 1))  # after the plan's months
    assert _floors(plan) == {}
