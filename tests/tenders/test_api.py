"""Sealed bids over the API: before opening the bids route answers, but with nothing for
anyone except the bidder; after opening the tender's people read every bid."""

import datetime as dt
from decimal import Decimal

import pytest

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.services import api_token_create, organisation_verify
from pasok.tenders.services import lot_add, tender_create, tender_open, tender_publish

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)


def _headers(cluster, role):
    _token, secret = api_token_create(by=cluster.users[role], name="api")
    return {"Authorization": f"Bearer {secret}"}


def test_bids_stay_sealed_over_the_api_until_opening(client, cluster):
    organisation_verify(by=SYSTEM, organisation=cluster.supplier_a)
    buyer = cluster.users["buyer_x"]
    with clock.frozen(T0):
        tender = tender_create(by=buyer, buyer=cluster.buyer_x, title="Blok rem",
                               bid_deadline=T0 + dt.timedelta(days=7),
                               opening_time=T0 + dt.timedelta(days=7, hours=1))
        lot = lot_add(by=buyer, tender=tender, product="Blok rem", family="brake_block",
                      quantity=100, unit_weight_kg=Decimal(11), hps_unit_price=Decimal(100_000))
        tender_publish(by=buyer, tender=tender)
        shown = client.get(f"/api/v1/tenders/{tender.pk}",
                           headers=_headers(cluster, "supplier_a")).json()
        assert shown["lots"][0]["family"] == "brake_block"  # what the buyer counts it by
        receipt = client.post(f"/api/v1/tenders/{tender.pk}/lots/{lot.pk}/bid",
                              {"unit_price": "104321", "quantity": 100,
                               "monthly_capacity": 50},
                              content_type="application/json",
                              headers=_headers(cluster, "supplier_a"))
        assert receipt.status_code == 201
        digest = receipt.json()["digest"]
        url = f"/api/v1/tenders/{tender.pk}/bids"
        for role in ("buyer_x", "ministry", "admin", "supplier_b", "cooperative"):
            response = client.get(url, headers=_headers(cluster, role))
            assert response.json() == [], role
            assert "104321" not in response.content.decode()
        own = client.get(url, headers=_headers(cluster, "supplier_a")).json()
        assert own[0]["content"]["unit_price"] == "104321" and own[0]["digest"] == digest
        schema = client.get("/api/v1/openapi.json").content.decode()
        assert "104321" not in schema
        late = client.post(f"/api/v1/tenders/{tender.pk}/lots/{lot.pk}/bid",
                           {"unit_price": "1", "quantity": 1, "monthly_capacity": 1},
                           content_type="application/json",
                           headers=_headers(cluster, "supplier_a"))
        assert late.status_code == 201  # still before the deadline: a replacement
    with clock.frozen(T0 + dt.timedelta(days=7)):
        too_late = client.post(f"/api/v1/tenders/{tender.pk}/lots/{lot.pk}/bid",
                               {"unit_price": "2", "quantity": 1, "monthly_capacity": 1},
                               content_type="application/json",
                               headers=_headers(cluster, "supplier_a"))
        assert too_late.status_code == 422
    with clock.frozen(T0 + dt.timedelta(days=7, hours=1)):
        tender_open(by=buyer, tender=tender)
        opened = client.get(url, headers=_headers(cluster, "buyer_x")).json()
    assert opened[0]["content"]["unit_price"] == "1" and opened[0]["version"] == 2
