"""Call-off orders from the cooperative's plan: a cooperative's contract item comes from its
award of a lot, the plan in force has a line delivering that lot, and a month's call-offs go
to the members as the plan allocates them; those months are then the re-plan's "months
already ordered"."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.services import organisation_verify
from pasok.allocation.engine_input import supplier_id
from pasok.allocation.services import months_started
from pasok.contracts import services
from pasok.contracts.models import CallOffSource
from pasok.suppliers.models import BookedMonth
from tests.allocation.factories import add_members
from tests.suppliers.test_capacity import (
    FEB,
    JAN,
    _award,
    _bid,
    _evaluated,
    _member_plan,
    _offers,
    _solve,
    _tender,
)

AFTER_OBJECTIONS = dt.datetime(2026, 12, 20, 2, tzinfo=dt.UTC)


@pytest.fixture
def planned(cluster):
    """Buyer X's award to the cooperative (two members named), a contract from it signed by
    both, and the cooperative's plan delivering the lot, solved."""
    members = add_members(cluster.cooperative, names=("CV Asa Logam", "UD Bima Cor"))
    for org in (cluster.cooperative, *members):
        organisation_verify(by=SYSTEM, organisation=org)
    tender = _tender(cluster)
    _bid(cluster.users["cooperative"], tender, 95_000,
         members=[(members[0].pk, 500), (members[1].pk, 500)])
    _evaluated(cluster, tender)
    _award(cluster, tender)
    with clock.frozen(AFTER_OBJECTIONS):
        [contract] = services.contracts_from_award(by=cluster.users["buyer_x"], tender=tender)
        services.contract_sign(by=cluster.users["buyer_x"], contract=contract)
        services.contract_sign(by=cluster.users["cooperative"], contract=contract)
    plan = _member_plan(cluster, members, lot=tender.lots.get())
    _offers(cluster, plan)
    run = _solve(cluster, plan)
    return contract, plan, run, members


def test_a_months_call_offs_follow_the_plan(cluster, planned):
    contract, plan, run, _members = planned
    item = contract.items.get()
    with clock.frozen(AFTER_OBJECTIONS):
        call_offs = services.call_offs_from_plan(by=cluster.users["buyer_x"], item=item,
                                                 month=FEB)
    allocated = {}
    for a in run.result["allocations"]:
        if a["period"] == 1 and a["quantity"]:
            allocated[a["supplier"]] = allocated.get(a["supplier"], 0) + a["quantity"]
    assert {supplier_id(c.maker_id): c.quantity for c in call_offs} == allocated
    assert {c.source for c in call_offs} == {CallOffSource.PLAN}
    assert sum(c.quantity for c in call_offs) == 600  # the line's February demand
    with clock.frozen(AFTER_OBJECTIONS), pytest.raises(ValidationError, match="sudah diterbitkan"):
        services.call_offs_from_plan(by=cluster.users["buyer_x"], item=item, month=FEB)
    # Issued through February: a re-plan keeps January and February by default.
    assert months_started(plan, dt.date(2026, 12, 20)) == 2
    # The plan in force books the members (the contract does not count them again), and
    # an order accepted from it books exactly that: its February allocation.
    maker = call_offs[0].maker
    services.call_off_answer(by=_admin_of(maker), call_off=call_offs[0], accept=True)
    booked = BookedMonth.objects.get(organisation=maker, month=FEB)
    assert booked.kg == call_offs[0].quantity * 10
    assert not BookedMonth.objects.filter(organisation=cluster.cooperative).exists()


def _admin_of(org):
    from pasok.accounts.services import user_create

    return user_create(by=SYSTEM, email=f"admin{org.pk}@example.id", full_name="Admin",
                       password=None, organisation=org, org_role="admin")


def test_without_a_plan_in_force_nothing_is_issued(cluster, contract):
    with clock.frozen(AFTER_OBJECTIONS), pytest.raises(ValidationError) as refused:
        services.call_offs_from_plan(by=cluster.users["buyer_x"], item=contract.items.get(),
                                     month=JAN)
    assert "month" in refused.value.message_dict
