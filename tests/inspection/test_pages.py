"""The inspection pages as the receiving dock uses them: the plan shown, the form refused by
field with what was typed shown again, a rejected lot to its NCR, answered and accepted."""

import re

import pytest
from django.urls import reverse

from pasok.inspection.models import Inspection, NonConformanceReport, SwitchingState

from .factories import inspected

pytestmark = pytest.mark.django_db


def _as(client, cluster, role):
    client.force_login(cluster.users[role])
    return client


def _text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_dock_lists_the_lot_with_its_plan(client, cluster, lot_of_200):
    page = _text(_as(client, cluster, "buyer_x").get(reverse("inspection:dock")))
    assert reverse("inspection:inspect", args=[lot_of_200.public_id]) in page
    row = page[page.index("SJ-001"):]
    assert re.search(r">G</td>.*>32</td>.*>2 / 3</td>", row)


def test_a_refused_inspection_names_the_field_and_keeps_what_was_typed(client, cluster,
                                                                      lot_of_200):
    url = reverse("inspection:inspect", args=[lot_of_200.public_id])
    response = _as(client, cluster, "buyer_x").post(url, {
        "nonconforming": "1", "hardness_count": "2", "hardness_values": "189 262.5",
        "hardness_note": "di luar spesifikasi"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["hardness_count"] and "nonconforming" not in form.errors
    page = _text(response)
    assert 'value="189 262.5"' in page and 'value="2"' in page and 'value="1"' in page
    assert not Inspection.objects.exists()
    response = client.post(url, {"nonconforming": "33"})
    assert "nonconforming" in response.context["form"].errors  # more than the sample of 32
    assert not Inspection.objects.exists()


def test_a_rejected_lot_goes_to_its_ncr_answered_and_accepted(client, cluster, lot_of_200):
    url = reverse("inspection:inspect", args=[lot_of_200.public_id])
    response = _as(client, cluster, "staff_x").post(url, {
        "nonconforming": "4", "porosity_count": "3", "cracks_count": "1",
        "sorted_accepted_quantity": "190"})
    assert response.status_code == 302
    inspection = Inspection.objects.get()
    assert (inspection.accepted, inspection.findings.count()) == (False, 2)
    result = _text(client.get(url))
    assert "190 / 200" in result
    ncr = NonConformanceReport.objects.get()
    ncr_url = reverse("inspection:ncr", args=[ncr.public_id])
    assert ncr_url in result

    page = _as(client, cluster, "supplier_a").get(ncr_url)
    assert 'id="ncr-answer-form"' in page.content.decode()
    refused = client.post(ncr_url, {"root_cause": "", "corrective_action": "Cetakan baru"})
    assert "root_cause" in refused.context["form"].errors
    assert "Cetakan baru" in refused.content.decode()
    assert client.post(ncr_url, {"root_cause": "Pasir basah",
                                 "corrective_action": "Cetakan baru"}).status_code == 302

    page = _text(_as(client, cluster, "buyer_x").get(ncr_url))
    assert 'id="accept-corrective-action"' in page and "Pasir basah" in page
    client.post(reverse("inspection:ncr-accept", args=[ncr.public_id]))
    ncr.refresh_from_db()
    assert ncr.corrective_action_accepted_by == cluster.users["buyer_x"]


def test_the_switching_table_and_the_approval_of_reduced_inspection(client, cluster,
                                                                    lot_of_200):
    inspected(cluster, lot_of_200, 0)
    state = SwitchingState.objects.get()
    page = _text(_as(client, cluster, "supplier_a").get(reverse("inspection:switching")))
    assert "Blok rem komposit besi cor P10" in page and "reduced-approval" not in page
    client.force_login(cluster.users["buyer_x"])
    approve = reverse("inspection:reduced-approval", args=[state.pk])
    assert approve in client.get(reverse("inspection:switching")).content.decode()
    client.post(approve, {"approved": "1"})
    state.refresh_from_db()
    assert state.reduced_approved


def test_a_discontinued_supplier_gets_no_form(client, cluster, lot_of_200):
    from pasok.inspection.services import switching_state_for

    switching_state_for(lot_of_200)
    SwitchingState.objects.update(severity="discontinued")
    page = _as(client, cluster, "buyer_x").get(
        reverse("inspection:inspect", args=[lot_of_200.public_id])).content.decode()
    assert 'id="discontinued"' in page and 'id="inspection-form"' not in page
    dock = _text(client.get(reverse("inspection:dock")))
    assert "pemeriksaan dihentikan" in dock
