"""The plan pages: a new plan typed in (mistakes shown next to the field, nothing typed
lost), offers, solving, the plan page with table, chart and explanation, what-if, capacity
reports, and what a member foundry sees."""

import re

import pytest
from django.urls import reverse

from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import OrgRole
from pasok.accounts.services import user_create
from pasok.allocation.engine_input import member_capacities, supplier_id
from pasok.allocation.models import Plan, PlanOffer, RunKind, RunStatus
from tests.conftest import PASSWORD

from .factories import demo_like_plan, solved

pytestmark = pytest.mark.django_db


def _as(client, cluster, role="cooperative"):
    client.force_login(cluster.users[role])
    return client


def _new_plan_post(members, **changes):
    data = {"title": "Kontrak INKA 2026", "first_month": "2026-01", "months": "6",
            "unmet_penalty": "1000000",
            "line-TOTAL_FORMS": "1", "line-INITIAL_FORMS": "0",
            "line-0-buyer": "PT INKA", "line-0-product": "Blok rem kereta",
            "line-0-unit_weight_kg": "10,8", "line-0-demand": "1.000 1.000 1.200 1.200 900 900",
            "line-0-max_share_percent": "50",
            "member-TOTAL_FORMS": str(len(members)), "member-INITIAL_FORMS": "0"}
    for i, org in enumerate(members):
        data[f"member-{i}-organisation"] = str(org.pk)
        data[f"member-{i}-capacity_kg"] = ""
    return data | changes


def test_a_mistake_is_shown_next_to_its_field_and_nothing_typed_is_lost(client, cluster):
    _as(client, cluster)
    response = client.post(reverse("allocation:new"), _new_plan_post(
        [cluster.member], **{"line-0-demand": "1000 1000 1200"}))
    assert response.status_code == 200
    html = response.content.decode()
    cell = re.search(r'<div class="field-error cell-demand">.*?</div>\s*</div>|'
                     r'<div class="field-error cell-demand">.*?</ul>', html, re.S).group()
    assert 'value="1000 1000 1200"' in cell and "errorlist" in cell
    assert 'value="PT INKA"' in html and not Plan.objects.exists()
    # A word where a number belongs: the form says so at the field, before any service.
    response = client.post(reverse("allocation:new"), _new_plan_post(
        [cluster.member], **{"member-0-capacity_kg": "banyak"}))
    assert re.search(r'field-error cell-capacity_kg">.*?value="banyak".*?errorlist',
                     response.content.decode(), re.S)


def test_a_new_plan_takes_capacity_from_the_profile_then_offers(client, cluster):
    plan, members = demo_like_plan(cluster)  # members with profiles of 12,000 kg a month
    _as(client, cluster)
    response = client.post(reverse("allocation:new"), _new_plan_post(members[:2]))
    new = Plan.objects.exclude(pk=plan.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("allocation:offers", args=[new.public_id])
    line = new.lines.get()
    assert line.demand == [1000, 1000, 1200, 1200, 900, 900]
    # Left empty: the profile's capacity less what is booked, when the plan is solved.
    assert [m.capacity_kg for m in new.members.all()] == [[], []]
    assert list(member_capacities(new).values()) == [[12_000] * 6] * 2
    page = client.get(reverse("allocation:edit", args=[new.public_id])).content.decode()
    assert 'value="1.000 1.000 1.200 1.200 900 900"' in page
    assert "12.000 kg tersedia pada" in page
    first, second = new.members.all()
    response = client.post(reverse("allocation:offers", args=[new.public_id]), {
        f"{line.pk}-{first.pk}-unit_cost": "115000", f"{line.pk}-{first.pk}-min_lot": "100",
        f"{line.pk}-{second.pk}-unit_cost": "", f"{line.pk}-{second.pk}-min_lot": ""})
    assert response.status_code == 302
    offer = PlanOffer.objects.get(line=line)
    assert offer.member == first and offer.min_lot == 100


def test_the_plan_page_shows_table_chart_and_explanation(client, cluster):
    plan, (a, _b, _c, _d) = demo_like_plan(cluster)
    solved(plan, cluster.users["cooperative"])
    url = reverse("allocation:plan", args=[plan.public_id])
    html = _as(client, cluster).get(url).content.decode()
    assert 'id="heatmap"' in html and "<svg" in html
    assert f'data-member="{supplier_id(a.pk)}"' in html
    assert 'id="result-objective"' in html
    # Every month × member has a cell of the heat map; numbers in SVG are not localised.
    assert len(re.findall(r"<g class=\"cell\">", html)) == 4 * 6
    assert not re.search(r'<rect x="\d+,\d', html)
    explanation = re.search(r'id="explanation".*?</section>', html, re.S).group()
    assert "CV Asa Logam" in explanation and "UD Dewi Cor" in explanation
    assert 'id="what-if"' in html and 'id="capacity"' in html


def test_the_run_page_follows_progress(client, cluster):
    plan, _members = demo_like_plan(cluster)
    _as(client, cluster)
    response = client.post(reverse("allocation:solve", args=[plan.public_id]), {})
    run = plan.runs.get()
    assert response["Location"] == reverse("allocation:run", args=[plan.public_id, run.number])
    page = client.get(response["Location"]).content.decode()
    assert "progress.js" in page and 'http-equiv="refresh"' in page
    progress = client.get(reverse("allocation:progress", args=[plan.public_id, run.number])).json()
    assert progress["status"] == RunStatus.QUEUED and progress["finished"] is False
    from pasok.allocation.solving import execute

    execute(run.pk)
    progress = client.get(reverse("allocation:progress", args=[plan.public_id, run.number])).json()
    assert progress["status"] == RunStatus.DONE and progress["finished"] is True
    page = client.get(response["Location"]).content.decode()
    assert "progress.js" not in page and 'id="heatmap"' in page


def test_what_if_and_its_comparison(client, cluster, django_capture_on_commit_callbacks):
    plan, (a, *_rest) = demo_like_plan(cluster)
    solved(plan, cluster.users["cooperative"])
    _as(client, cluster)
    response = client.post(reverse("allocation:what-if", args=[plan.public_id]), {})
    assert response.status_code == 200
    assert "Pilih anggota yang dikeluarkan" in response.content.decode().split(
        'class="error-summary"')[1]
    member_a = plan.members.get(organisation=a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("allocation:what-if", args=[plan.public_id]),
                               {"remove": str(member_a.pk)})
    run = plan.runs.get(kind=RunKind.WHAT_IF)
    assert run.status == RunStatus.DONE
    page = client.get(response["Location"]).content.decode()
    diff = re.search(r'id="diff".*?</section>', page, re.S).group()
    assert "CV Asa Logam" in diff and 'id="cost-change">+Rp' in diff


def test_a_member_sees_its_own_rows_and_reports_its_capacity(
        client, cluster, django_capture_on_commit_callbacks):
    plan, (a, b, _c, _d) = demo_like_plan(cluster)
    base = solved(plan, cluster.users["cooperative"])
    anggota = user_create(by=SYSTEM, email="anggota@example.id", full_name="Anggota",
                          password=PASSWORD, organisation=a, org_role=OrgRole.STAFF)
    client.force_login(anggota)
    assert reverse("allocation:list") in client.get(reverse("shell:home")).content.decode()
    html = client.get(reverse("allocation:plan", args=[plan.public_id])).content.decode()
    assert "CV Asa Logam" in html and "UD Bima Cor" not in html
    assert 'id="result-objective"' not in html and "98000" not in html
    assert 'id="what-if"' not in html and 'id="solve-form"' not in html
    assert client.get(reverse("allocation:edit", args=[plan.public_id])).status_code == 403
    member_a = plan.members.get(organisation=a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("allocation:capacity", args=[plan.public_id]), {
            "member": str(member_a.pk), "month": "4", "capacity_kg": "2300",
            "ordered_months": "3", "note": "Tungku diperbaiki"})
    run = plan.runs.get(kind=RunKind.REPLAN)
    assert run.base == base and run.status == RunStatus.DONE
    page = client.get(response["Location"]).content.decode()
    assert 'id="ordered-unchanged"' in page and "UD Bima Cor" not in page
    # Another member's capacity is not its to report.
    member_b = plan.members.get(organisation=b)
    response = client.post(reverse("allocation:capacity", args=[plan.public_id]), {
        "member": str(member_b.pk), "month": "4", "capacity_kg": "0", "ordered_months": "3"})
    assert response.status_code == 200 and plan.capacity_reports.count() == 1


def test_the_cooperative_finds_its_plans_in_the_menu(client, cluster):
    plan, _members = demo_like_plan(cluster)
    html = _as(client, cluster).get(reverse("shell:home")).content.decode()
    assert reverse("allocation:list") in html
    listing = client.get(reverse("allocation:list")).content.decode()
    assert plan.title in listing and reverse("allocation:new") in listing
    html = _as(client, cluster, "buyer_x").get(reverse("shell:home")).content.decode()
    assert reverse("allocation:list") not in html
