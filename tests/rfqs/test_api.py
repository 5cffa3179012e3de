"""Requests for quotation over the API: the caller's list, a sealed quotation and its
receipt, refusals by field."""

import datetime as dt
import json

import pytest

from pasok import clock
from pasok.accounts.services import api_token_create
from pasok.rfqs.models import Quotation
from pasok.tenders import sealing

from .factories import SENT_AT, sent_rfq

pytestmark = pytest.mark.django_db


def _headers(cluster, role):
    _token, secret = api_token_create(by=cluster.users[role], name="test")
    return {"Authorization": f"Bearer {secret}"}


def test_a_supplier_lists_its_invitations_and_quotes_sealed(client, cluster):
    rfq = sent_rfq(cluster, suppliers=[cluster.supplier_a])
    sent_rfq(cluster, suppliers=[cluster.supplier_b])
    headers = _headers(cluster, "supplier_a")
    with clock.frozen(SENT_AT + dt.timedelta(days=1)):
        listed = client.get("/api/v1/rfqs", headers=headers).json()
        assert [r["reference"] for r in listed] == [rfq.reference]
        response = client.post(f"/api/v1/rfqs/{rfq.public_id}/quotation", json.dumps({
            "unit_price": "340000", "lead_time_weeks": 6, "monthly_capacity": 2000,
            "valid_until": "2027-03-31"}), content_type="application/json", headers=headers)
    assert response.status_code == 201
    receipt = response.json()
    quotation = Quotation.objects.get()
    assert receipt["digest"] == quotation.digest
    assert sealing.unseal(quotation.sealed)["nonce"] == receipt["nonce"]
    assert "340000" not in json.dumps(client.get("/api/v1/rfqs", headers=_headers(
        cluster, "buyer_y")).json())


def test_a_quotation_refused_names_its_fields(client, cluster):
    rfq = sent_rfq(cluster)
    with clock.frozen(SENT_AT + dt.timedelta(days=1)):
        response = client.post(f"/api/v1/rfqs/{rfq.public_id}/quotation", json.dumps({
            "unit_price": "0", "lead_time_weeks": 6, "monthly_capacity": 2000,
            "valid_until": "2026-12-11"}), content_type="application/json",
            headers=_headers(cluster, "supplier_a"))
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"unit_price"}
    with clock.frozen(SENT_AT + dt.timedelta(days=1)):
        response = client.post(f"/api/v1/rfqs/{rfq.public_id}/quotation", json.dumps({
            "unit_price": "1", "lead_time_weeks": 6, "monthly_capacity": 2000,
            "valid_until": "2026-12-11"}), content_type="application/json",
            headers=_headers(cluster, "supplier_a"))
    assert set(response.json()["errors"]) == {"valid_until"}
