"""Booked capacity (suppliers.capacity): the rules of each source, the refresh after every
change, and what reads it (free capacity in search, the engine's capacity).

On the old main every one of these failed: nothing booked capacity, so a foundry that won
40,000 blocks still showed all of its capacity free."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.services import organisation_create, organisation_verify
from pasok.allocation import services as plans
from pasok.allocation.engine_input import member_capacities, supplier_id
from pasok.allocation.solving import execute
from pasok.audit.models import AuditEvent
from pasok.suppliers.models import BookedMonth, CapacityBooking
from pasok.suppliers.selectors import SearchCriteria, search_suppliers
from pasok.suppliers.services import profile_save
from pasok.tenders import awarding
from pasok.tenders.models import Bid
from pasok.tenders.services import (
    bid_submit,
    lot_add,
    tender_award,
    tender_award_split,
    tender_create,
    tender_evaluate,
    tender_open,
    tender_publish,
)
from tests.allocation.factories import add_members
from tests.conftest import make_nib, make_npwp

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
DEADLINE = T0 + dt.timedelta(days=7)
OPENING = DEADLINE + dt.timedelta(hours=1)
JAN, FEB, MAR = dt.date(2027, 1, 1), dt.date(2027, 2, 1), dt.date(2027, 3, 1)


def _tender(cluster, *, split=False, quantity=1000, schedule=(400, 600)):
    buyer = cluster.users["buyer_x"]
    with clock.frozen(T0):
        tender = tender_create(by=buyer, buyer=cluster.buyer_x, title="Blok rem 2027",
                               bid_deadline=DEADLINE, opening_time=OPENING,
                               first_delivery_month=JAN, split_award_allowed=split)
        lot_add(by=buyer, tender=tender, product="Blok rem", quantity=quantity,
                unit_weight_kg=Decimal(10), hps_unit_price=Decimal(120_000),
                delivery_schedule=list(schedule))
        return tender_publish(by=buyer, tender=tender)


def _bid(user, tender, price, quantity=1000, **kw) -> Bid:
    with clock.frozen(T0 + dt.timedelta(days=1)):
        return bid_submit(by=user, lot=tender.lots.get(), unit_price=Decimal(price),
                          quantity=quantity, monthly_capacity=quantity,
                          siinas_registered=True, **kw)[0]


def _evaluated(cluster, tender):
    buyer = cluster.users["buyer_x"]
    with clock.frozen(OPENING):
        tender_open(by=buyer, tender=tender)
        return tender_evaluate(by=buyer, tender=tender)


def _award(cluster, tender):
    with clock.frozen(OPENING):
        return tender_award(by=cluster.users["buyer_x"], tender=tender)


def _booked(org, source=None) -> dict[dt.date, int]:
    rows = CapacityBooking.objects.filter(organisation=org)
    if source:
        rows = rows.filter(source=source)
    totals = {}
    for row in rows:
        totals[row.month] = totals.get(row.month, 0) + row.kg
    return totals


def _sums(org) -> dict[dt.date, int]:
    return dict(BookedMonth.objects.filter(organisation=org).values_list("month", "kg"))


@pytest.fixture
def verified(cluster):
    for org in (cluster.supplier_a, cluster.supplier_b, cluster.cooperative, cluster.member):
        organisation_verify(by=SYSTEM, organisation=org)
    return cluster


@pytest.fixture
def second_member(cluster):
    org = organisation_create(by=SYSTEM, name="CV Cor Baja Lestari", kind="supplier",
                              nib=make_nib(40), npwp=make_npwp(40), province="Jawa Tengah",
                              regency="Klaten", cooperative=cluster.cooperative)
    profile_save(by=SYSTEM, organisation=org, fields={"monthly_capacity_kg": 10_000})
    return org


def test_a_supplier_award_books_each_delivery_month(verified):
    cluster = verified
    tender = _tender(cluster)
    _bid(cluster.users["supplier_a"], tender, 100_000)
    _bid(cluster.users["supplier_b"], tender, 110_000)
    _evaluated(cluster, tender)
    _award(cluster, tender)
    # 400 and 600 blocks of 10 kg in January and February, all of them to A.
    assert _booked(cluster.supplier_a) == {JAN: 4_000, FEB: 6_000}
    assert _sums(cluster.supplier_a) == {JAN: 4_000, FEB: 6_000}
    assert _booked(cluster.supplier_b) == {}
    event = AuditEvent.objects.get(action="capacity.refresh")
    bid = Bid.objects.get(bidder=cluster.supplier_a).pk
    assert event.after == {"bookings": [f"award {cluster.supplier_a.pk} 2027-01 {bid}",
                                        f"award {cluster.supplier_a.pk} 2027-02 {bid}"],
                           "kg": 10_000}


def _split_700_300(cluster):
    """A 1,000-unit lot (400 in January, 600 in February) awarded 700 to A, 300 to B."""
    tender = _tender(cluster, split=True)
    a = _bid(cluster.users["supplier_a"], tender, 100_000)
    b = _bid(cluster.users["supplier_b"], tender, 110_000)
    _evaluated(cluster, tender)
    with clock.frozen(OPENING):
        tender_award_split(by=cluster.users["buyer_x"], tender=tender,
                           quantities={a.pk: 700, b.pk: 300})
    return tender, a, b


def test_a_split_award_books_the_months_the_award_gave_each_bid(verified):
    cluster = verified
    tender, a, b = _split_700_300(cluster)
    # The award fills the earliest months first, rank 1 first (what the buyer confirmed):
    # A delivers all 400 of January and 300 of February, B the other 300 in February. Not
    # 70% and 30% of each month.
    (lot,) = awarding.of_award(tender).lots
    assert {s.evaluation.bid_id: s.deliveries for s in lot.shares} == {
        a.pk: ((JAN, 400), (FEB, 300)), b.pk: ((JAN, 0), (FEB, 300))}
    assert _booked(cluster.supplier_a) == {JAN: 4_000, FEB: 3_000}
    assert _booked(cluster.supplier_b) == {FEB: 3_000}


def test_a_cooperative_award_books_the_members_it_named(verified, second_member):
    cluster = verified
    tender = _tender(cluster)
    _bid(cluster.users["cooperative"], tender, 95_000,
         members=[(cluster.member.pk, 600), (second_member.pk, 400)])
    _evaluated(cluster, tender)
    _award(cluster, tender)
    assert _booked(cluster.member) == {JAN: 2_400, FEB: 3_600}
    assert _booked(second_member) == {JAN: 1_600, FEB: 2_400}
    assert _booked(cluster.cooperative) == {}


def test_free_capacity_in_search_is_of_the_month_asked(verified):
    cluster = verified
    profile_save(by=SYSTEM, organisation=cluster.supplier_b,
                 fields={"monthly_capacity_kg": 8_000})
    tender = _tender(cluster)
    _bid(cluster.users["supplier_b"], tender, 100_000)
    _evaluated(cluster, tender)
    _award(cluster, tender)
    user = cluster.users["buyer_y"]

    def names(month, kg):
        return [o.name for o in search_suppliers(user=user, criteria=SearchCriteria(
            month=month, free_capacity_kg=kg, sort="name"))]

    # B: 8,000 kg a month, 4,000 booked in January, 6,000 in February, none in March.
    assert "UD Cor Makmur" in names(JAN, 4_000) and "UD Cor Makmur" not in names(JAN, 4_001)
    assert "UD Cor Makmur" not in names(FEB, 2_001)
    assert "UD Cor Makmur" in names(MAR, 8_000)
    free = {o.name: o.free_kg for o in search_suppliers(
        user=user, criteria=SearchCriteria(month=FEB))}
    assert free["UD Cor Makmur"] == 2_000


def _member_plan(cluster, members, *, lot=None, capacity=None):
    """A cooperative plan over January–March 2027 with one line (of 10 kg units)."""
    return plans.plan_save(
        by=cluster.users["cooperative"], cooperative=cluster.cooperative,
        fields={"title": "Blok rem INKA", "first_month": JAN, "months": 3,
                "unmet_penalty": Decimal(1_000_000)},
        lines=[{"buyer": "PT KAI", "product": "Blok rem", "demand": [400, 600, 0],
                "unit_weight_kg": Decimal(10), "max_share_percent": Decimal(100), "lot": lot}],
        members=[{"organisation": m, "capacity_kg": capacity} for m in members])


def _offers(cluster, plan, prices=(100_000, 101_000)):
    line = plan.lines.get()
    by_org = {m.organisation_id: m for m in plan.members.all()}
    plans.offers_save(by=cluster.users["cooperative"], plan=plan, offers=[
        {"line": line, "member": member, "unit_cost": Decimal(price), "min_lot": 0,
         "floor_percent": None}
        for member, price in zip(by_org.values(), prices, strict=False)])


def _solve(cluster, plan):
    run = plans.plan_solve(by=cluster.users["cooperative"], plan=plan)
    execute(run.pk)
    run.refresh_from_db()
    return run


def test_the_plan_in_force_books_each_member_by_its_allocation(cluster):
    members = add_members(cluster.cooperative, names=("CV Asa Logam", "UD Bima Cor"))
    plan = _member_plan(cluster, members)
    _offers(cluster, plan)
    run = _solve(cluster, plan)
    assert run.has_plan
    kg = {}
    for a in run.result["allocations"]:
        month = (JAN, FEB, MAR)[a["period"]]
        kg.setdefault(a["supplier"], {}).setdefault(month, 0)
        kg[a["supplier"]][month] += a["quantity"] * 10
    for org in members:
        assert _booked(org, "plan") == {m: v for m, v in kg.get(supplier_id(org.pk),
                                                                 {}).items() if v}
    assert sum(sum(_booked(org).values()) for org in members) == (400 + 600) * 10


def test_a_replan_replaces_what_the_plan_books(cluster, django_capture_on_commit_callbacks):
    members = add_members(cluster.cooperative, names=("CV Asa Logam", "UD Bima Cor"))
    plan = _member_plan(cluster, members)
    _offers(cluster, plan)
    _solve(cluster, plan)
    cheap = plan.members.get(organisation=members[0])
    assert _booked(members[0])[FEB] == 6_000  # the cheaper member makes it all
    with django_capture_on_commit_callbacks(execute=True):
        _report, run = plans.capacity_report(
            by=cluster.users["cooperative"], plan=plan, member=cheap, month=1,
            capacity_kg=2_000, ordered_months=0)
    run.refresh_from_db()
    assert run.kind == "replan" and run.has_plan
    assert _booked(members[0])[FEB] == 2_000
    assert _booked(members[1])[FEB] == 4_000
    assert _sums(members[1])[FEB] == 4_000


def test_a_plan_that_delivers_the_award_counts_it_once(verified):
    cluster = verified
    members = add_members(cluster.cooperative, names=("CV Asa Logam", "UD Bima Cor"))
    for org in members:
        organisation_verify(by=SYSTEM, organisation=org)
    tender = _tender(cluster)
    _bid(cluster.users["cooperative"], tender, 95_000,
         members=[(members[0].pk, 500), (members[1].pk, 500)])
    _evaluated(cluster, tender)
    _award(cluster, tender)
    assert _booked(members[0], "award") == {JAN: 2_000, FEB: 3_000}
    lot = tender.lots.get()
    plan = _member_plan(cluster, members, lot=lot)
    # Not solved yet: the award still books the members; the plan's capacity does not
    # count that award against them, since the plan delivers it.
    assert list(member_capacities(plan).values()) == [[12_000] * 3] * 2
    _offers(cluster, plan)
    _solve(cluster, plan)
    assert _booked(members[0], "award") == {} and _booked(members[1], "award") == {}
    total = sum(sum(_booked(org).values()) for org in members)
    assert total == (400 + 600) * 10  # the plan's allocation alone
    # Unlinked, the award books the members again, beside the plan.
    plans.plan_save(by=cluster.users["cooperative"], cooperative=cluster.cooperative,
                    plan=plan, fields={"title": plan.title, "first_month": JAN, "months": 3,
                                       "unmet_penalty": plan.unmet_penalty},
                    lines=[{"pk": plan.lines.get().pk, "buyer": "PT KAI", "product": "Blok rem",
                            "demand": [400, 600, 0], "unit_weight_kg": Decimal(10),
                            "max_share_percent": Decimal(100), "lot": None}],
                    members=[{"organisation": m, "capacity_kg": None} for m in members])
    assert _booked(members[0], "award") == {JAN: 2_000, FEB: 3_000}


def test_a_line_delivers_only_a_lot_the_cooperative_was_awarded(verified):
    cluster = verified
    tender = _tender(cluster)
    _bid(cluster.users["supplier_a"], tender, 100_000)
    _evaluated(cluster, tender)
    _award(cluster, tender)
    with pytest.raises(ValidationError) as exc:
        _member_plan(cluster, [cluster.member], lot=tender.lots.get())
    assert "lines[0].lot" in exc.value.message_dict


def test_the_engine_gets_capacity_less_what_other_sources_book(verified):
    cluster = verified
    members = add_members(cluster.cooperative, names=("CV Asa Logam", "UD Bima Cor"))
    asa = members[0]
    from pasok.accounts.services import user_create

    user = user_create(by=SYSTEM, email="asa@example.id", full_name="Asa", password=None,
                       organisation=asa, org_role="admin")
    organisation_verify(by=SYSTEM, organisation=asa)
    tender = _tender(cluster)
    _bid(user, tender, 100_000)  # the member wins a tender of its own
    _evaluated(cluster, tender)
    _award(cluster, tender)
    plan = _member_plan(cluster, members)
    capacity = member_capacities(plan)
    assert capacity[plan.members.get(organisation=asa).pk] == [8_000, 6_000, 12_000]
    _offers(cluster, plan)
    run = _solve(cluster, plan)
    engine = {s["id"]: s["capacity_kg"] for s in run.instance["suppliers"]}
    assert engine[supplier_id(asa.pk)] == [8_000, 6_000, 12_000]
    # Its own bookings do not count against the plan when it is solved again.
    assert member_capacities(plan) == capacity
    # A capacity typed by the cooperative stands as typed.
    typed = _member_plan(cluster, members, capacity=[5_000])
    assert set(map(tuple, member_capacities(typed).values())) == {(5_000, 5_000, 5_000)}


def test_the_profile_shows_booked_and_free_per_month(verified, client,
                                                      django_assert_max_num_queries):
    cluster = verified
    profile_save(by=SYSTEM, organisation=cluster.supplier_b, fields={"monthly_capacity_kg": 8_000})
    tender = _tender(cluster)
    _bid(cluster.users["supplier_b"], tender, 100_000)
    _evaluated(cluster, tender)
    _award(cluster, tender)
    url = reverse("suppliers:organisation", args=[cluster.supplier_b.pk])
    client.force_login(cluster.users["buyer_x"])  # the tender's own buyer
    with clock.frozen(dt.datetime(2026, 12, 15, 3, 0, tzinfo=dt.UTC)), \
            django_assert_max_num_queries(25):
        html = client.get(url).content.decode()
    january = re.search(r'<tr data-month="2027-01">.*?</tr>', html, re.S).group()
    assert ">8.000<" in january and "<strong>4.000</strong>" in january
    assert f'href="{reverse("tenders:detail", args=[tender.pk])}"' in january
    assert "4.000" in re.search(r'id="free-coming">[^<]*', html).group()  # January
    march = re.search(r'<tr data-month="2027-03">.*?</tr>', html, re.S).group()
    assert "<strong>8.000</strong>" in march
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'role="img"' in html
    # A buyer who may not open the tender sees that capacity is booked, not by which tender.
    client.force_login(cluster.users["buyer_y"])
    with clock.frozen(dt.datetime(2026, 12, 15, 3, 0, tzinfo=dt.UTC)):
        html = client.get(url).content.decode()
    january = re.search(r'<tr data-month="2027-01">.*?</tr>', html, re.S).group()
    assert "tenders/" not in january and "<strong>4.000</strong>" in january
    assert january.count("Kontrak tender") == 1  # the source named once, not "X (X)"
    # The chart is named by its own title; the table's caption is read with the table.
    svg = re.search(r'<svg xmlns="http://www.w3.org/2000/svg"[^>]*>', html).group()
    assert "capacity-table-caption" not in svg


def test_the_api_lists_free_capacity_of_the_month(verified, client,
                                                  django_assert_max_num_queries):
    cluster = verified
    tender = _tender(cluster)
    _bid(cluster.users["supplier_a"], tender, 100_000)
    _evaluated(cluster, tender)
    _award(cluster, tender)
    client.force_login(cluster.users["buyer_y"])
    with django_assert_max_num_queries(6):
        body = client.get("/api/v1/suppliers", {"month": "2027-02-01", "sort": "free"}).json()
    free = {item["name"]: item["free_capacity_kg"] for item in body["items"]}
    assert free["CV Logam Sejahtera"] == 60_000 - 6_000
    detail = client.get(f"/api/v1/suppliers/{cluster.supplier_a.pk}").json()
    assert all(set(m) == {"month", "capacity_kg", "booked_kg", "free_kg"}
               for m in detail["capacity"])
