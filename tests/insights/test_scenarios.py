"""Saved scenarios on the platform's data: the baseline read from the call-offs and the
foundries' sales, the jobs each buyer's orders carry, saving and computing a scenario in the
background, re-computing when the data changed, and the JSON the command line reads giving
the page's figures."""

import datetime as dt
import json
from decimal import Decimal
from unittest import mock

import pytest
from django.urls import reverse

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import Organisation
from pasok.contracts.models import Contract
from pasok.insights import baseline as insights
from pasok.insights.dependence import jobs_by_buyer
from pasok.insights.models import Scenario
from pasok.insights.services.scenarios import execute, scenario_save
from pasok.rules import scenario as rules
from pasok.rules.scenario_json import outcome_to_dict, scenario_from_dict
from pasok.suppliers.services import profile_save
from tests.conftest import PASSWORD
from tests.contracts.conftest import FEB, JAN, MAR, accepted_call_off, signed_contract

TODAY = dt.datetime(2027, 4, 15, 3, tzinfo=dt.UTC)  # the window: April 2026 – March 2027
DEFAULTS = {"output": {"type1": "1.8", "type2": "2.3"},
            "employment": {"type1": "1.5", "type2": "1.9"}, "source": "test", "year": None}


@pytest.fixture
def foundries(cluster):
    """supplier_a: 20 workers, sales of Rp1,2 miliar a year; supplier_b: 30 and Rp3,6 miliar;
    the member: 10 workers and no sales reported. supplier_a made 400 of buyer_x's brake
    blocks at Rp450.000 in January and February 2027, under a contract at TKDN 47,5%."""
    for org, workers, kg, sales in ((cluster.supplier_a, 20, 10_000, 1_200_000_000),
                                    (cluster.supplier_b, 30, 20_000, 3_600_000_000),
                                    (cluster.member, 10, 5_000, None)):
        profile_save(by=SYSTEM, organisation=org,
                     fields={"workforce_total": workers, "monthly_capacity_kg": kg})
        Organisation.objects.filter(pk=org.pk).update(annual_sales=sales)
    contract = signed_contract(cluster)
    Contract.objects.filter(pk=contract.pk).update(tkdn_percent=Decimal("47.5"))
    accepted_call_off(cluster, contract, JAN)
    accepted_call_off(cluster, contract, FEB)
    return contract


def _ids(cluster):
    return str(cluster.buyer_x.pk), str(cluster.supplier_a.pk)


@pytest.mark.django_db
def test_the_baseline_is_a_years_orders_a_month_and_the_rest_of_the_sales(cluster, foundries):
    with clock.frozen(TODAY):
        base = cluster_baseline(cluster)
    buyer, a = _ids(cluster)
    by_id = {f.id: f for f in base.foundries}
    assert set(by_id) == {a, str(cluster.supplier_b.pk), str(cluster.member.pk)}
    # 400 units over 12 months: 33 a month at Rp450.000 = Rp14.850.000; the rest of its
    # Rp100 juta a month is sold outside Pasok.
    assert by_id[a].workers == 20
    assert by_id[a].products == (
        rules.Product("brake_block", buyer, 33, Decimal("450000.00")),
        rules.Product(insights.OUTSIDE_FAMILY, insights.OUTSIDE, 1, Decimal("85150000.00")))
    assert by_id[str(cluster.member.pk)].products == ()
    assert base.tkdn_of(buyer, "brake_block") == Decimal("47.5")
    assert base.months[0] == dt.date(2026, 4, 1) and base.months[-1] == MAR


def cluster_baseline(cluster):
    return insights.baseline(cluster.ministry, clock.today())


@pytest.mark.django_db
def test_the_jobs_a_buyers_orders_carry(cluster, foundries):
    with clock.frozen(TODAY):
        [row] = jobs_by_buyer(cluster_baseline(cluster))
    # 14.850.000 of supplier_a's 100.000.000 a month, 20 workers: 2,97 direct jobs; the
    # employment multipliers 1,5 and 1,9 add 1,485 indirect and 1,188 induced.
    assert (row.buyer_name, row.family, row.revenue, row.foundries) == (
        cluster.buyer_x.name, "brake_block", Decimal("14850000.00"), 1)
    assert (row.direct_jobs, row.indirect_jobs, row.induced_jobs) == (
        Decimal("2.97"), Decimal("1.485"), Decimal("1.188"))


def _client(client, cluster, role="ministry"):
    client.login(email=cluster.users[role].email, password=PASSWORD)
    return client


def _form(cluster, name="KAI separuh impor", **change):
    buyer, _a = _ids(cluster)
    row = {"kind": "substitute", "buyer": buyer, "family": "brake_block",
           "share_percent": "50"} | change
    data = {"name": name, "description": "", "output_type1": "1,8", "output_type2": "2,3",
            "employment_type1": "1,5", "employment_type2": "1,9",
            "multipliers_source": "contoh", "multipliers_year": "",
            "change-TOTAL_FORMS": "1", "change-INITIAL_FORMS": "0"}
    return data | {f"change-0-{k}": v for k, v in row.items()}


@pytest.mark.django_db
def test_a_ministry_officer_saves_a_scenario_and_reads_its_figures(
        client, cluster, foundries, django_capture_on_commit_callbacks):
    _client(client, cluster)
    with clock.frozen(TODAY):
        listing = client.get(reverse("insights:scenarios"))
        assert "2,97" in listing.content.decode()  # direct jobs on buyer_x's blocks
        with django_capture_on_commit_callbacks(execute=True):
            saved = client.post(reverse("insights:scenario_new"), _form(cluster))
        scenario = Scenario.objects.get()
        assert saved.status_code == 302 and saved["Location"] == reverse(
            "insights:scenario", args=[scenario.public_id])
        assert scenario.status == "done" and scenario.owner == cluster.ministry
        page = client.get(saved["Location"]).content.decode()
    # Half of 33 units kept, rounded half up: 17 → sales fall by 16 × 450.000 = 7.200.000;
    # direct jobs −7.200.000 × 20 / 100.000.000 = −1,44; indirect −0,72, induced −0,576.
    change = scenario.result["change"]
    assert change == {"revenue": -7_200_000, "direct_jobs": -1.44, "indirect_jobs": -0.72,
                      "induced_jobs": -0.58, "output_type1": -12_960_000,
                      "output_type2": -16_560_000}
    assert "-1,44" in page and "-Rp7.200.000" in page
    [breach] = scenario.result["breaches"]
    assert breach["breach"] and breach["value_per_month"] == 7_200_000
    assert "Pasal 66(2)" in page


def _half_imported(cluster, capture) -> Scenario:
    """The ministry's scenario of buyer_x importing half its blocks, computed."""
    with clock.frozen(TODAY), capture(execute=True):
        scenario = scenario_save(by=cluster.users["ministry"], owner=cluster.ministry,
                                 name="Separuh", multipliers=DEFAULTS, changes=[
                                     {"kind": "substitute", "buyer": _ids(cluster)[0],
                                      "family": "brake_block", "share": "0.5"}])
    scenario.refresh_from_db()
    return scenario


@pytest.mark.django_db
def test_the_downloaded_json_gives_the_pages_figures_on_the_command_line(
        client, cluster, foundries, django_capture_on_commit_callbacks):
    scenario = _half_imported(cluster, django_capture_on_commit_callbacks)
    with clock.frozen(TODAY):
        body = _client(client, cluster).get(
            reverse("insights:scenario_input", args=[scenario.public_id]))
    data = json.loads(body.content)
    printed = outcome_to_dict(rules.run(*scenario_from_dict(data)))
    assert printed["change"] == scenario.result["change"]
    assert printed["baseline"] == scenario.result["baseline"]


@pytest.mark.django_db
def test_a_scenario_is_computed_again_when_the_data_changed(
        client, cluster, foundries, django_capture_on_commit_callbacks):
    scenario = _half_imported(cluster, django_capture_on_commit_callbacks)
    scenario.refresh_from_db()
    assert (scenario.status, scenario.error) == ("done", "")
    assert scenario.result["change"]["revenue"] == -7_200_000
    accepted_call_off(cluster, foundries, MAR)  # 600 units in the window now: 50 a month
    with clock.frozen(TODAY), django_capture_on_commit_callbacks(execute=True):
        page = _client(client, cluster).get(reverse("insights:scenario",
                                                    args=[scenario.public_id]))
    assert "sedang dihitung ulang" in page.content.decode()
    scenario.refresh_from_db()
    assert scenario.result["change"]["revenue"] == -25 * 450_000


@pytest.mark.django_db
def test_a_change_missing_what_it_needs_is_named_and_the_form_keeps_what_was_typed(
        client, cluster, foundries):
    _client(client, cluster)
    with clock.frozen(TODAY):
        response = client.post(reverse("insights:scenario_new"), _form(
            cluster, kind="new_order", units_per_month="3.000", unit_price="185.000"))
    page = response.content.decode()
    assert response.status_code == 200 and not Scenario.objects.exists()
    assert "Diperlukan untuk perubahan ini." in page
    assert 'value="3.000"' in page and 'value="185.000"' in page


@pytest.mark.django_db
def test_a_new_order_to_foundries_without_workers_is_refused_on_its_row(
        client, cluster, foundries):
    _client(client, cluster)
    data = _form(cluster, kind="new_order", units_per_month="3.000", unit_price="185.000",
                 foundries=cluster.member.name)
    profile_save(by=SYSTEM, organisation=cluster.member, fields={"workforce_total": 0})
    with clock.frozen(TODAY):
        page = client.post(reverse("insights:scenario_new"), data).content.decode()
    assert "Pengecoran ini tidak memiliki pekerja" in page or "tidak memiliki pekerja" in page
    assert not Scenario.objects.exists()


@pytest.mark.django_db
def test_a_cooperatives_scenarios_are_about_its_members(cluster, foundries):
    with clock.frozen(TODAY):
        base = insights.baseline(cluster.cooperative, clock.today())
    assert [f.id for f in base.foundries] == [str(cluster.member.pk)]


@pytest.mark.django_db
def test_scenarios_side_by_side(client, cluster, foundries, django_capture_on_commit_callbacks):
    buyer, a = _ids(cluster)
    with clock.frozen(TODAY), django_capture_on_commit_callbacks(execute=True):
        half = scenario_save(by=cluster.users["ministry"], owner=cluster.ministry, name="Half",
                             multipliers=DEFAULTS, changes=[
                                 {"kind": "substitute", "buyer": buyer,
                                  "family": "brake_block", "share": "0.5"}])
        closed = scenario_save(by=cluster.users["ministry"], owner=cluster.ministry,
                               name="Closing", multipliers=DEFAULTS,
                               changes=[{"kind": "close", "foundry": a}])
    with clock.frozen(TODAY):
        page = _client(client, cluster).get(reverse("insights:scenario_compare"), {
            "s": [str(half.public_id), str(closed.public_id)]}).content.decode()
    assert "Half" in page and "Closing" in page
    assert "-1,44" in page and "-20,00" in page  # supplier_a's 20 workers lost
    assert f"{cluster.supplier_a.name} tutup" in page


@pytest.mark.django_db
def test_a_run_overtaken_by_a_later_queueing_writes_nothing(cluster, foundries,
                                                              django_capture_on_commit_callbacks):
    scenario = _half_imported(cluster, django_capture_on_commit_callbacks)
    later = scenario.queued_at + dt.timedelta(seconds=5)
    # The run below read the scenario as queued first; an edit queued it again meanwhile.
    Scenario.objects.filter(pk=scenario.pk).update(queued_at=later, status="queued",
                                                   result=None)
    stale = Scenario.objects.get(pk=scenario.pk)
    stale.queued_at = scenario.queued_at
    with clock.frozen(TODAY), mock.patch(
            "pasok.insights.services.scenarios.Scenario.objects.select_related") as read:
        read.return_value.filter.return_value.first.return_value = stale
        execute(scenario.pk)
    scenario.refresh_from_db()
    assert (scenario.status, scenario.result) == ("queued", None)


def _row(page: str, name: str) -> str:
    """The list's table row of the scenario named `name`."""
    [row] = [r for r in page.split("<tr>") if f">{name}</a>" in r]
    return row.split("</tr>")[0]


def _three(cluster, capture) -> tuple[Scenario, Scenario, Scenario]:
    """The ministry's "Separuh" and the cooperative's "Anggota tutup", computed before the
    member's workers changed (both out of date: the member is in both scopes), and the
    ministry's "Tutup B", computed after."""
    stale = _half_imported(cluster, capture)
    close = {"kind": "close", "foundry": str(cluster.member.pk)}
    with clock.frozen(TODAY), capture(execute=True):
        coop = scenario_save(by=cluster.users["cooperative"], owner=cluster.cooperative,
                             name="Anggota tutup", multipliers=DEFAULTS, changes=[close])
    profile_save(by=SYSTEM, organisation=cluster.member, fields={"workforce_total": 12})
    with clock.frozen(TODAY), capture(execute=True):
        fresh = scenario_save(by=cluster.users["ministry"], owner=cluster.ministry,
                              name="Tutup B", multipliers=DEFAULTS, changes=[
                                  {"kind": "close", "foundry": str(cluster.supplier_b.pk)}])
    return stale, coop, fresh


@pytest.mark.django_db
def test_out_of_date_reads_the_data_once_a_scope(cluster, foundries,
                                                 django_capture_on_commit_callbacks):
    stale, coop, _fresh = _three(cluster, django_capture_on_commit_callbacks)
    scenarios = list(Scenario.objects.select_related("owner").order_by("pk"))
    with clock.frozen(TODAY), mock.patch.object(insights, "data_key",
                                                wraps=insights.data_key) as key:
        found = insights.out_of_date(scenarios, clock.today())
    assert found == [stale, coop]
    assert key.call_count == 2  # the whole cluster, the cooperative's members
    queued = Scenario(owner=cluster.ministry, status="queued", baseline_key="old")
    assert insights.out_of_date([queued], TODAY.date()) == []  # a run is on its way


@pytest.mark.django_db
def test_the_list_marks_the_scenarios_out_of_date_and_offers_to_compute_them_again(
        client, cluster, foundries, django_capture_on_commit_callbacks):
    stale, coop, fresh = _three(cluster, django_capture_on_commit_callbacks)
    marker = '<span class="badge stale">Tidak mutakhir</span>'
    button = f'form="rerun-{stale.public_id}"'
    with clock.frozen(TODAY):
        page = _client(client, cluster).get(reverse("insights:scenarios")).content.decode()
    assert marker in _row(page, "Separuh") and button in _row(page, "Separuh")
    assert f'<form id="rerun-{stale.public_id}" method="post"' in page
    # The ministry reads the cooperative's scenario but may not change it: no button.
    assert marker in _row(page, "Anggota tutup") and "rerun-" not in _row(page, "Anggota tutup")
    assert f"rerun-{coop.public_id}" not in page
    assert marker not in _row(page, "Tutup B") and f"rerun-{fresh.public_id}" not in page
    with clock.frozen(TODAY):
        own = _client(client, cluster, "cooperative").get(
            reverse("insights:scenarios")).content.decode()
    assert f'form="rerun-{coop.public_id}"' in _row(own, "Anggota tutup")
    # Computed again (the task runs at once here): the marker goes.
    _client(client, cluster)
    with clock.frozen(TODAY), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("insights:scenario_rerun", args=[stale.public_id]))
    assert response.status_code == 302
    stale.refresh_from_db()
    assert stale.status == "done"
    with clock.frozen(TODAY):
        page = client.get(reverse("insights:scenarios")).content.decode()
    assert marker not in _row(page, "Separuh") and f"rerun-{stale.public_id}" not in page
    assert marker in _row(page, "Anggota tutup")


@pytest.mark.django_db
def test_the_comparison_marks_the_scenarios_out_of_date(client, cluster, foundries,
                                                        django_capture_on_commit_callbacks):
    stale, coop, fresh = _three(cluster, django_capture_on_commit_callbacks)
    with clock.frozen(TODAY):
        page = _client(client, cluster).get(reverse("insights:scenario_compare"), {
            "s": [str(s.public_id) for s in (stale, coop, fresh)]}).content.decode()
    status = next(r for r in page.split("<tr>") if "<th scope=\"row\">Status" in r)
    assert status.count("Tidak mutakhir") == 2
    assert f'form="rerun-{stale.public_id}"' in status
    assert f'<form id="rerun-{stale.public_id}" method="post"' in page
    assert f"rerun-{coop.public_id}" not in page and f"rerun-{fresh.public_id}" not in page


@pytest.mark.django_db
def test_the_jobs_table_reads_only_the_foundries_that_sell_and_agrees(cluster, foundries):
    with clock.frozen(TODAY):
        whole = cluster_baseline(cluster)
        selling = insights.baseline(cluster.ministry, clock.today(), touching=())
        named = insights.baseline(cluster.ministry, clock.today(),
                                  touching=[str(cluster.member.pk)])
    assert len(whole.foundries) == 3
    assert [f.id for f in selling.foundries] == [str(cluster.supplier_a.pk)]
    assert {f.id for f in named.foundries} == {str(cluster.supplier_a.pk), str(cluster.member.pk)}
    assert jobs_by_buyer(selling) == jobs_by_buyer(whole)
