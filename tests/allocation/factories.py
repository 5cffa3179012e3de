"""Plans for the tests: a small one for the permission matrix, and a demo-like one with four
member foundries whose least-cost plan is known by hand."""

import datetime as dt
from decimal import Decimal

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import Organisation, OrgKind
from pasok.accounts.services import organisation_create
from pasok.allocation import services
from pasok.allocation.models import Plan
from pasok.allocation.solving import execute
from pasok.suppliers.services import profile_save
from tests.conftest import make_nib, make_npwp

# Four members of 12,000 kg a month; the brake block weighs 11.5 kg, so a member makes at
# most 1,043 a month. Cheapest first: A is full every month, B takes the rest.
MEMBERS = (("CV Asa Logam", 98_000), ("UD Bima Cor", 100_000), ("CV Cakra Besi", 102_000),
           ("UD Dewi Cor", 104_000))
CAPACITY_KG = 12_000
DEMAND = 2_000
MONTHS = 6


def months_ago(n: int) -> dt.date:
    first = clock.today().replace(day=1)
    for _ in range(n):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return first


def add_members(cooperative: Organisation, names=tuple(n for n, _c in MEMBERS),
                start: int = 100) -> list[Organisation]:
    members = []
    for i, name in enumerate(names):
        org = organisation_create(by=SYSTEM, name=name, kind=OrgKind.SUPPLIER,
                                  nib=make_nib(start + i), npwp=make_npwp(start + i),
                                  province="Jawa Tengah", regency="Klaten",
                                  business_capital=Decimal(600_000_000),
                                  cooperative=cooperative)
        profile_save(by=SYSTEM, organisation=org,
                     fields={"monthly_capacity_kg": CAPACITY_KG})
        members.append(org)
    return members


def demo_like_plan(cluster, *, first_month: dt.date | None = None,
                   by=SYSTEM) -> tuple[Plan, list[Organisation]]:
    """Four members, one line of wagon brake blocks for KAI over six months starting two
    months ago (so three months are already ordered), unsolved."""
    by = by or cluster.users["cooperative"]
    members = add_members(cluster.cooperative)
    plan = services.plan_save(
        by=by, cooperative=cluster.cooperative,
        fields={"title": "Kontrak KAI blok rem 2026", "first_month": first_month
                or months_ago(2), "months": MONTHS, "unmet_penalty": Decimal(1_000_000)},
        lines=[{"buyer": "PT KAI", "product": "Blok rem gerbong", "demand": [DEMAND],
                "unit_weight_kg": Decimal("11.5"), "max_share_percent": Decimal(60)}],
        members=[{"organisation": m, "capacity_kg": None} for m in members])
    line = plan.lines.get()
    by_org = {m.organisation_id: m for m in plan.members.all()}
    services.offers_save(by=by, plan=plan, offers=[
        {"line": line, "member": by_org[org.pk], "unit_cost": Decimal(cost), "min_lot": 0,
         "floor_percent": None}
        for org, (_name, cost) in zip(members, MEMBERS, strict=True)])
    return plan, members


def solved(plan: Plan, by, **kwargs):
    """Queue a solve and run it here (as the worker would)."""
    run = services.plan_solve(by=by, plan=plan, **kwargs)
    execute(run.pk)
    run.refresh_from_db()
    return run


def matrix_args(cluster, arg: str) -> list:
    """For the permission matrix: "plan" (solved once), "run" (its run)."""
    by = cluster.users["cooperative"]
    plan = services.plan_save(
        by=by, cooperative=cluster.cooperative,
        fields={"title": "Rencana matriks", "first_month": dt.date(2026, 1, 1), "months": 2,
                "unmet_penalty": Decimal(500_000)},
        lines=[{"buyer": "PT KAI", "product": "Blok rem", "demand": [100],
                "unit_weight_kg": Decimal(10), "max_share_percent": Decimal(100)}],
        members=[{"organisation": cluster.member, "capacity_kg": [5_000]}])
    services.offers_save(by=by, plan=plan, offers=[
        {"line": plan.lines.get(), "member": plan.members.get(), "unit_cost": Decimal(90_000),
         "min_lot": 0, "floor_percent": None}])
    run = solved(plan, by)
    return [plan.public_id] if arg == "plan" else [plan.public_id, run.number]
