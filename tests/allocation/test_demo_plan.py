"""The demo cooperative's plan (pasok.demo.plans), on a small cluster: members that make
brake blocks, demand sized to their capacity, solved once."""

import datetime as dt
from decimal import Decimal

import pytest

from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import OrgRole
from pasok.accounts.services import user_create
from pasok.allocation.models import RunStatus
from pasok.allocation.selectors import current_run
from pasok.demo.logins import DEMO_DOMAIN
from pasok.demo.plans import MONTHS, PARTNER_FLOOR, load_plan
from pasok.suppliers.services import profile_save
from tests.conftest import PASSWORD

from .factories import add_members

pytestmark = pytest.mark.django_db
WAGON = "Blok rem kereta api besi cor fosfor (gerbong barang)"
COACH = "Blok rem kereta api besi cor fosfor (kereta penumpang)"


def test_the_demo_plan_is_solved_with_the_demo_member_as_partner(cluster):
    coop = cluster.cooperative
    members = add_members(coop, names=("CV Satu", "CV Dua", "CV Tiga", "CV Empat"))
    for org, products in zip(members, ([WAGON], [WAGON, COACH], [COACH], [WAGON]),
                             strict=True):
        profile_save(by=SYSTEM, organisation=org, fields={"monthly_capacity_kg": 15_000},
                     products=[{"name": p, "unit_weight_kg": Decimal("11.5")}
                               for p in products])
    users = {f"koperasi@{DEMO_DOMAIN}": cluster.users["cooperative"],
             f"anggota@{DEMO_DOMAIN}": user_create(
                 by=SYSTEM, email=f"anggota@{DEMO_DOMAIN}", full_name="Sugiyanto",
                 password=PASSWORD, organisation=members[3], org_role=OrgRole.ADMIN)}
    plan = load_plan(orgs={"cooperative": coop}, users=users, today=dt.date(2026, 1, 20))
    assert plan.first_month == dt.date(2025, 11, 1) and plan.months == MONTHS
    assert plan.members.count() == 4 and plan.lines.count() == 2
    floors = {o.member.organisation: o.floor_percent
              for o in plan.lines.first().offers.select_related("member__organisation")}
    assert floors[members[3]] == PARTNER_FLOOR and floors[members[0]] is None
    run = current_run(plan)
    assert run is not None and run.status == RunStatus.DONE
    assert run.result["status"] == "optimal" and run.result["allocations"]
