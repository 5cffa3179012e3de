"""A scenario's new order handed to the allocation engine: the engine's input from the
foundries' profiles and free capacity, its choice within capacity and the largest share, the
page, the choice used in the scenario (one new order to each chosen foundry, the later
changes' hand-offs moved; the scenario computed again), and an order without a unit weight
refused."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import Organisation
from pasok.insights import handoff as engine
from pasok.insights.models import ScenarioHandoff
from pasok.insights.services.handoff import handoff_queue
from pasok.insights.services.scenarios import scenario_save
from pasok.suppliers.models import CapacityBooking
from pasok.suppliers.services import profile_save
from tests.conftest import PASSWORD

TODAY = dt.datetime(2026, 12, 15, 3, tzinfo=dt.UTC)  # the months: January – December 2027
JAN = dt.date(2027, 1, 1)
DEFAULTS = {"output": {"type1": "1.8", "type2": "2.3"},
            "employment": {"type1": "1.5", "type2": "1.9"}, "source": "test", "year": None}


@pytest.fixture
def able(cluster):
    """supplier_a casts 5–80 kg with 10.000 kg a month (4.000 of January booked by a
    contract); supplier_b 1–50 kg with 20.000 kg; the member 10–200 kg with 5.000 kg. Each
    sells Rp1,2 miliar a year."""
    for org, workers, kg, low, high in ((cluster.supplier_a, 20, 10_000, 5, 80),
                                        (cluster.supplier_b, 30, 20_000, 1, 50),
                                        (cluster.member, 10, 5_000, 10, 200)):
        profile_save(by=SYSTEM, organisation=org, fields={
            "workforce_total": workers, "monthly_capacity_kg": kg,
            "weight_min_kg": Decimal(low), "weight_max_kg": Decimal(high)})
        # Sales outside Pasok: a new order's jobs are its share of them (rules.scenario).
        Organisation.objects.filter(pk=org.pk).update(annual_sales=1_200_000_000)
    CapacityBooking.objects.create(organisation=cluster.supplier_a, month=JAN,
                                   source="contract", ref_id=1, kg=4_000)
    return cluster


def _order(cluster, weight="20", units=900):
    return {"kind": "new_order", "buyer": str(cluster.buyer_x.pk), "family": "brake_block",
            "units_per_month": units, "unit_price": "185000", "unit_weight_kg": weight,
            "foundries": [str(cluster.supplier_a.pk)]}


def _scenario(cluster, **order):
    with clock.frozen(TODAY):
        return scenario_save(by=cluster.users["ministry"], owner=cluster.ministry,
                             name="Pesanan baru", multipliers=DEFAULTS,
                             changes=[_order(cluster, **order)])


def _page(cluster, scenario, name="insights:scenario_handoff"):
    return reverse(name, args=[scenario.public_id, 0])


@pytest.mark.django_db
def test_the_instance_is_the_order_every_month_to_the_foundries_that_can_cast_it(able):
    cluster = able
    data = engine.instance_for(cluster.ministry, _order(cluster), TODAY.date())
    a, b, member = (f"org-{o.pk}" for o in (cluster.supplier_a, cluster.supplier_b,
                                             cluster.member))
    assert (data["periods"], data["first_month"]) == (12, "2027-01-01")
    suppliers = {s["id"]: s for s in data["suppliers"]}
    assert set(suppliers) == {a, b, member}
    assert suppliers[a]["capacity_kg"] == [6_000] + [10_000] * 11  # after the booking
    assert suppliers[b]["capacity_kg"] == [20_000] * 12
    line = data["lines"][0]
    assert (line["demand"], line["unit_weight_kg"]) == ([900] * 12, 20.0)
    assert line["max_share"] == pytest.approx(1 / 3)  # three able foundries: an even share
    assert {c["unit_cost"] for c in line["candidates"]} == {185_000.0}
    # A 100 kg piece only the member casts; a 1 kg piece only supplier_b.
    heavy = engine.instance_for(cluster.ministry, _order(cluster, weight="100"), TODAY.date())
    assert [s["id"] for s in heavy["suppliers"]] == [member]
    light = engine.instance_for(cluster.ministry, _order(cluster, weight="1"), TODAY.date())
    assert [s["id"] for s in light["suppliers"]] == [b]
    # A cooperative's scenario is about its members.
    own = engine.instance_for(cluster.cooperative, _order(cluster), TODAY.date())
    assert [s["id"] for s in own["suppliers"]] == [member]


@pytest.mark.django_db
def test_with_four_able_foundries_none_takes_more_than_the_largest_share(able, cluster):
    from tests.conftest import _supplier

    fourth = _supplier(9, "CV Cor Keempat")
    profile_save(by=SYSTEM, organisation=fourth, fields={
        "workforce_total": 5, "monthly_capacity_kg": 1_000, "weight_min_kg": Decimal(1),
        "weight_max_kg": Decimal(100)})
    data = engine.instance_for(cluster.ministry, _order(cluster), TODAY.date())
    assert data["lines"][0]["max_share"] == engine.MAX_SHARE


@pytest.mark.django_db
def test_the_engines_choice_keeps_to_free_capacity_and_the_share(
        able, django_capture_on_commit_callbacks):
    cluster = able
    scenario = _scenario(cluster)
    with clock.frozen(TODAY), django_capture_on_commit_callbacks(execute=True):
        handoff = handoff_queue(by=cluster.users["ministry"], scenario=scenario, change=0)
    handoff.refresh_from_db()
    assert handoff.status == "done", handoff.error
    found = engine.proposal(handoff)
    capacity = {s["id"]: s["capacity_kg"] for s in handoff.instance["suppliers"]}
    # 10.800 units: a third each at most is 3.600; the member's 250 a month (5.000 kg at
    # 20 kg) make 3.000, so 600 cannot be made.
    for share in found.shares:
        assert share.total <= 3_600
        free = capacity[f"org-{share.organisation_id}"]
        assert all(units * 20 <= kg for units, kg in zip(share.units, free, strict=True))
    assert sum(s.total for s in found.shares) == 10_200
    assert found.unmet_total == 600
    assert {s.name for s in found.shares} == {cluster.supplier_a.name, cluster.supplier_b.name,
                                              cluster.member.name}


@pytest.mark.django_db
def test_the_page_shows_the_proposal_and_its_choice_goes_into_the_scenario(
        client, able, django_capture_on_commit_callbacks):
    cluster = able
    scenario = _scenario(cluster)
    client.login(email=cluster.users["ministry"].email, password=PASSWORD)
    with clock.frozen(TODAY):
        detail = client.get(reverse("insights:scenario", args=[scenario.public_id]))
    assert _page(cluster, scenario) in detail.content.decode()
    with clock.frozen(TODAY), django_capture_on_commit_callbacks(execute=True):
        assert client.post(_page(cluster, scenario)).status_code == 302
    with clock.frozen(TODAY):
        page = client.get(_page(cluster, scenario)).content.decode()
    assert cluster.member.name in page and "Gunakan pengecoran ini dalam skenario" in page
    assert "Klaster tidak dapat membuat 600 unit pesanan" in page
    found = engine.proposal(ScenarioHandoff.objects.get())
    # Each foundry's row says the units a month the scenario would give it.
    for share, units in engine.units_a_month(found):
        row = next(r for r in page.split("<tr>") if f">{share.name}</td>" in r)
        assert row.split("</tr>")[0].endswith(
            f'data-label="Unit per bulan dalam skenario">{units}</td>')
    with clock.frozen(TODAY + dt.timedelta(minutes=5)), \
            django_capture_on_commit_callbacks(execute=True):
        response = client.post(_page(cluster, scenario, "insights:scenario_handoff_use"))
    assert response.status_code == 302
    scenario.refresh_from_db()
    # One new order to each chosen foundry, of what the engine has it make a month: the
    # 10.200 units made over the twelve months are 850 a month.
    by_foundry = {c["foundries"][0]: c["units_per_month"] for c in scenario.changes}
    assert [len(c["foundries"]) for c in scenario.changes] == [1, 1, 1]
    assert by_foundry == {str(share.organisation_id): units
                          for share, units in engine.units_a_month(found)}
    assert sum(by_foundry.values()) == 850
    for c in scenario.changes:
        assert c == _order(cluster) | {"units_per_month": c["units_per_month"],
                                       "foundries": c["foundries"]}
    assert scenario.status == "done"
    assert scenario.computed_at == TODAY + dt.timedelta(minutes=5)
    made = {f["name"]: f for f in scenario.result["foundries"]}
    assert cluster.member.name in made  # the recomputed scenario gives it its part
    # The hand-off is used: its change is three now.
    assert not ScenarioHandoff.objects.exists()


@pytest.mark.django_db
def test_a_reader_sees_the_proposal_but_neither_queues_nor_uses_it(
        client, able, django_capture_on_commit_callbacks):
    cluster = able
    with clock.frozen(TODAY):
        scenario = scenario_save(by=cluster.users["cooperative"], owner=cluster.cooperative,
                                 name="Anggota", multipliers=DEFAULTS, changes=[
                                     _order(cluster) | {"foundries": [str(cluster.member.pk)]}])
    with clock.frozen(TODAY), django_capture_on_commit_callbacks(execute=True):
        handoff_queue(by=cluster.users["cooperative"], scenario=scenario, change=0)
    client.login(email=cluster.users["ministry"].email, password=PASSWORD)
    with clock.frozen(TODAY):
        page = client.get(_page(cluster, scenario)).content.decode()
        assert client.post(_page(cluster, scenario)).status_code == 403
    assert cluster.member.name in page and "Gunakan pengecoran ini" not in page


@pytest.mark.django_db
def test_a_new_order_without_a_unit_weight_is_refused_naming_the_field(
        client, able, django_capture_on_commit_callbacks):
    cluster = able
    scenario = _scenario(cluster, weight="")
    client.login(email=cluster.users["ministry"].email, password=PASSWORD)
    message = "Berat satuan (kg) diperlukan"
    with clock.frozen(TODAY):
        page = client.get(_page(cluster, scenario)).content.decode()
        assert message in page and "Serahkan ke mesin alokasi" not in page
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(_page(cluster, scenario), follow=True)
    assert message in response.content.decode()
    assert not ScenarioHandoff.objects.exists()


@pytest.mark.django_db
def test_only_a_new_order_is_handed_off(client, able):
    cluster = able
    with clock.frozen(TODAY):
        scenario = scenario_save(by=cluster.users["ministry"], owner=cluster.ministry,
                                 name="Tutup", multipliers=DEFAULTS, changes=[
                                     {"kind": "close", "foundry": str(cluster.member.pk)}])
    client.login(email=cluster.users["ministry"].email, password=PASSWORD)
    assert client.get(_page(cluster, scenario)).status_code == 404
    assert client.get(reverse("insights:scenario_handoff",
                              args=[scenario.public_id, 5])).status_code == 404


@pytest.mark.django_db
def test_a_foundry_the_scenario_closes_before_the_order_is_no_candidate(able):
    cluster = able
    with clock.frozen(TODAY):
        scenario = scenario_save(
            by=cluster.users["ministry"], owner=cluster.ministry, name="Tutup lalu pesan",
            multipliers=DEFAULTS, changes=[{"kind": "close", "foundry": str(cluster.member.pk)},
                                           _order(cluster)])
        handoff = handoff_queue(by=cluster.users["ministry"], scenario=scenario, change=1)
    assert {s["id"] for s in handoff.instance["suppliers"]} == {
        f"org-{cluster.supplier_a.pk}", f"org-{cluster.supplier_b.pk}"}


def _proposal(*totals: int) -> engine.Proposal:
    """The engine's answer over twelve months: each foundry's units made in all."""
    months = tuple(dt.date(2027, m, 1) for m in range(1, 13))
    shares = tuple(engine.Share(k, f"CV {k}", (total,) + (0,) * 11, Decimal(0), None)
                   for k, total in enumerate(totals, start=1))
    return engine.Proposal("optimal", months, shares, len(shares), (sum(totals),) + (0,) * 11,
                           (0,) * 12)


def test_the_units_a_month_add_up_to_the_orders_average_by_largest_remainders():
    # 1.000, 706 and 3 units over 12 months are 83,33, 58,83 and 0,25 a month: 142,42 in
    # all, so 142. Rounded down 83 + 58 + 0 = 141; the one left goes to the largest
    # remainder (58,83) and the foundry left with none is not named.
    assert [(s.name, n) for s, n in engine.units_a_month(_proposal(1_000, 706, 3))] == [
        ("CV 1", 83), ("CV 2", 59)]
    # 18 units over 12 months are 1,5 a month: rounded half up, 2.
    assert [n for _s, n in engine.units_a_month(_proposal(18))] == [2]
    # 6 and 6: half a unit each, one in all; on equal remainders the first (the most) has it.
    assert [(s.name, n) for s, n in engine.units_a_month(_proposal(6, 6))] == [("CV 1", 1)]
    assert engine.units_a_month(_proposal(5)) == []  # under half a unit a month


@pytest.mark.django_db
def test_using_the_choice_moves_the_later_changes_and_their_hand_offs(
        able, django_capture_on_commit_callbacks):
    from pasok.audit.models import AuditEvent
    from pasok.insights.services.handoff import handoff_use

    cluster = able
    by = cluster.users["ministry"]
    later = [_order(cluster, units=units) for units in (10, 20, 30)]
    with clock.frozen(TODAY):
        scenario = scenario_save(by=by, owner=cluster.ministry, name="Empat pesanan",
                                 multipliers=DEFAULTS, changes=[_order(cluster), *later])
    with clock.frozen(TODAY), django_capture_on_commit_callbacks(execute=True):
        used = handoff_queue(by=by, scenario=scenario, change=0)
    with clock.frozen(TODAY):
        for change in (1, 2, 3):  # queued, not solved: they move all the same
            handoff_queue(by=by, scenario=scenario, change=change)
    used.refresh_from_db()
    chosen = engine.units_a_month(engine.proposal(used))
    assert len(chosen) == 3
    with clock.frozen(TODAY):
        handoff_use(by=by, handoff=used)
    scenario.refresh_from_db()
    assert [c["units_per_month"] for c in scenario.changes] == [
        *(units for _share, units in chosen), 10, 20, 30]
    # Each later change keeps its hand-off, two places on, and it is still that change's.
    moved = {h.change: h for h in scenario.handoffs.all()}
    assert {i: h.order["units_per_month"] for i, h in moved.items()} == {3: 10, 4: 20, 5: 30}
    assert all(engine.current(h) for h in moved.values())
    event = AuditEvent.objects.get(action="scenario.handoff_use")
    assert event.before["change"] == 1
    assert (event.after["foundries"], event.after["units_per_month"]) == (
        [share.organisation_id for share, _n in chosen], 850)


@pytest.mark.django_db
def test_a_chosen_foundry_without_workers_is_named_and_nothing_changes(
        client, able, django_capture_on_commit_callbacks):
    cluster = able
    profile_save(by=SYSTEM, organisation=cluster.member, fields={"workforce_total": 0})
    scenario = _scenario(cluster)
    with clock.frozen(TODAY), django_capture_on_commit_callbacks(execute=True):
        handoff_queue(by=cluster.users["ministry"], scenario=scenario, change=0)
    assert cluster.member.name in {s.name for s in engine.proposal(
        ScenarioHandoff.objects.get()).shares}
    client.login(email=cluster.users["ministry"].email, password=PASSWORD)
    with clock.frozen(TODAY), django_capture_on_commit_callbacks(execute=True):
        response = client.post(_page(cluster, scenario, "insights:scenario_handoff_use"),
                               follow=True)
    assert (f"Skenario tidak dapat memberikan bagian pesanan kepada {cluster.member.name}, "
            "pengecoran pilihan mesin:") in response.content.decode()
    scenario.refresh_from_db()
    assert scenario.changes == [_order(cluster)]
    assert ScenarioHandoff.objects.count() == 1
