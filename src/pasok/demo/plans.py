"""The demo cooperative's call-off plan: Batur Jaya splits PT KAI's monthly brake-block
call-offs (goods-wagon and passenger-coach blocks) across eight members that make them, over
six months from two months ago, and solves it once, so `make run` shows the table, the
chart and the explanation, and a re-plan can keep the three months already ordered.

Written through the allocation services; prices and demand are derived from the members'
profiles, so the same cluster always gives the same plan."""

import datetime as dt
from decimal import Decimal

from pasok.allocation import services
from pasok.allocation.models import Plan
from pasok.allocation.solving import execute
from pasok.suppliers.models import Product

from .cluster import KAI
from .logins import DEMO_DOMAIN

TITLE = "Kontrak payung KAI: blok rem per bulan"
MONTHS = 6
MEMBERS = 8
LINES = (  # product on the plan, what members' profiles call it, kg, base price, share of kg
    ("Blok rem besi cor fosfor gerbong barang (UIC 832 P10)", "gerbong barang", "11.5",
     98_000, Decimal("0.45")),
    ("Blok rem besi cor fosfor kereta penumpang", "kereta penumpang", "10.8", 101_000,
     Decimal("0.30")),
)
# Call-offs rise towards the middle of the year (more wagons in service before Lebaran).
SEASON = (Decimal("0.9"), Decimal("1.0"), Decimal("1.0"), Decimal("1.1"), Decimal("1.2"),
          Decimal("1.0"))
PARTNER_FLOOR = Decimal(8)  # % of KAI's demand the demo member is guaranteed


def _first_month(today: dt.date) -> dt.date:
    month = today.month - 3
    return dt.date(today.year + month // 12, month % 12 + 1, 1)


def _makers(cooperative, demo_member) -> dict:
    """Members making either block, by organisation: the kinds of block each makes."""
    makes = {}
    products = (Product.objects.filter(profile__organisation__cooperative=cooperative)
                .select_related("profile__organisation").order_by("profile__organisation__name"))
    for product in products:
        for _name, label, *_rest in LINES:
            if label in product.name:
                makes.setdefault(product.profile.organisation, set()).add(label)
    chosen = [o for o in makes if o == demo_member]
    chosen += [o for o in makes if o != demo_member][:MEMBERS - len(chosen)]
    return {o: makes[o] for o in chosen}


def load_plan(*, orgs: dict, users: dict, today: dt.date) -> Plan:
    cooperative = orgs["cooperative"]
    officer = users[f"koperasi@{DEMO_DOMAIN}"]
    demo_member = users[f"anggota@{DEMO_DOMAIN}"].organisation
    makers = _makers(cooperative, demo_member)
    capacity = {o: o.profile.monthly_capacity_kg for o in makers}
    lines = []
    for name, label, kg, _price, share in LINES:
        kg_month = share * sum(capacity[o] for o, makes in makers.items() if label in makes)
        units = int(kg_month / Decimal(kg) / 100) * 100
        lines.append({"buyer": KAI, "product": name, "unit_weight_kg": Decimal(kg),
                      "demand": [int(units * s) for s in SEASON],
                      "max_share_percent": Decimal(35)})
    plan = services.plan_save(
        by=officer, cooperative=cooperative, lines=lines,
        fields={"title": TITLE, "first_month": _first_month(today), "months": MONTHS,
                "unmet_penalty": Decimal(1_000_000)},
        members=[{"organisation": o, "capacity_kg": None} for o in makers])
    members = {m.organisation_id: m for m in plan.members.all()}
    offers = []
    for line, (_name, label, _kg, price, _share) in zip(plan.lines.all(), LINES, strict=True):
        for i, (org, makes) in enumerate(makers.items()):
            if label in makes:
                offers.append({
                    "line": line, "member": members[org.pk],
                    "unit_cost": Decimal(price + (i * 1_500) % 8_000),
                    "min_lot": 300 if capacity[org] >= 20_000 else 100,
                    "floor_percent": PARTNER_FLOOR if org == demo_member else None})
    services.offers_save(by=officer, plan=plan, offers=offers)
    execute(services.plan_solve(by=officer, plan=plan).pk)
    return plan
