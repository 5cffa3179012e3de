"""Numbers out of their bounds are refused on every way into a bid, naming the field in the
reader's language and notation, and nothing downstream has to cope with them: the tender's
page, evaluation and PDF still answer after the attempt."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.services import api_token_create, organisation_verify
from pasok.tenders import services
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
DEADLINE = T0 + dt.timedelta(days=7)
OPENING = DEADLINE + dt.timedelta(hours=1)


@pytest.fixture
def lot(cluster):
    organisation_verify(by=SYSTEM, organisation=cluster.supplier_a)
    buyer = cluster.users["buyer_x"]
    with clock.frozen(T0):
        tender = services.tender_create(by=buyer, buyer=cluster.buyer_x, title="Blok rem",
                                        bid_deadline=DEADLINE, opening_time=OPENING)
        lot = services.lot_add(by=buyer, tender=tender, product="Blok rem", quantity=100,
                               unit_weight_kg=Decimal(11), hps_unit_price=Decimal(100_000))
        services.tender_publish(by=buyer, tender=tender)
    return lot


def _api_bid(client, cluster, lot, language="en", **numbers):
    _token, secret = api_token_create(by=cluster.users["supplier_a"], name="api")
    with clock.frozen(T0 + dt.timedelta(days=1)):
        return client.post(f"/api/v1/tenders/{lot.tender_id}/lots/{lot.pk}/bid",
                           {"unit_price": "95000", "quantity": 100, "monthly_capacity": 50,
                            **numbers},
                           content_type="application/json",
                           headers={"Authorization": f"Bearer {secret}",
                                    "Accept-Language": language})


def _message(response, field):
    assert response.status_code == 422, response.content
    [message] = response.json()["errors"][field]
    return message


@pytest.mark.parametrize(("field", "value", "english", "indonesian"), [
    ("unit_price", "1E+28", "Unit price must be more than Rp0 and at most Rp10,000,000,000.",
     "Harga satuan harus lebih dari Rp0 dan paling banyak Rp10.000.000.000."),
    ("unit_price", "1E-28", "Unit price has at most 2 decimal places.",
     "Harga satuan paling banyak 2 angka desimal."),
    ("unit_price", "NaN", "Unit price must be a number.", "Harga satuan harus berupa angka."),
    ("unit_price", "-Infinity", "Unit price must be a number.",
     "Harga satuan harus berupa angka."),
    ("total_price", "1E+28",
     "Total price must be more than Rp0 and at most Rp100,000,000,000,000,000.",
     "Harga total harus lebih dari Rp0 dan paling banyak Rp100.000.000.000.000.000."),
    ("monthly_capacity", 10**30, "Monthly capacity offered must be between 1 and 10,000,000.",
     "Kapasitas bulanan yang ditawarkan harus antara 1 dan 10.000.000."),
    ("quantity", 2.5, "Quantity offered must be a whole number.",
     "Jumlah yang ditawarkan harus bilangan bulat."),
])
def test_the_api_refuses_a_number_out_of_bounds_naming_it(client, cluster, lot, field, value,
                                                         english, indonesian):
    assert _message(_api_bid(client, cluster, lot, **{field: value}), field) == english
    refused = _api_bid(client, cluster, lot, language="id", **{field: value})
    assert _message(refused, field) == indonesian
    assert not lot.bids.exists()


def test_after_the_attack_the_tender_still_answers_and_can_be_awarded(client, cluster, lot):
    assert _api_bid(client, cluster, lot, unit_price="1E+28").status_code == 422
    assert _api_bid(client, cluster, lot, unit_price="1E-28").status_code == 422
    assert _api_bid(client, cluster, lot).status_code == 201
    buyer = cluster.users["buyer_x"]
    tender = lot.tender
    with clock.frozen(OPENING):
        services.tender_open(by=buyer, tender=tender)
        services.tender_evaluate(by=buyer, tender=tender)
        assert client.login(email="buyer_x@example.id", password=PASSWORD)
        for name in ("detail", "evaluation", "evaluation-pdf", "evaluation-xlsx"):
            assert client.get(reverse(f"tenders:{name}", args=[tender.pk])).status_code == 200
        services.tender_award(by=buyer, tender=tender)


@pytest.mark.parametrize(("numbers", "field"), [
    ({"unit_price": Decimal("1E-28")}, "unit_price"),
    ({"unit_price": Decimal("NaN")}, "unit_price"),
    ({"quantity": 2.5}, "quantity"),
    ({"monthly_capacity": "many"}, "monthly_capacity"),
    ({"total_price": Decimal("1E+28")}, "total_price"),
])
def test_the_service_refuses_them_for_every_caller(cluster, lot, numbers, field):
    with clock.frozen(T0 + dt.timedelta(days=1)), pytest.raises(ValidationError) as refused:
        services.bid_submit(by=cluster.users["supplier_a"], lot=lot,
                            **{"unit_price": 95_000, "quantity": 100, "monthly_capacity": 50,
                               **numbers})
    assert list(refused.value.message_dict) == [field]


def test_the_bid_form_refuses_more_decimals_than_a_price_has(client, cluster, lot):
    assert client.login(email="supplier_a@example.id", password=PASSWORD)
    with clock.frozen(T0 + dt.timedelta(days=1)):
        page = client.post(reverse("tenders:bid", args=[lot.tender_id, lot.pk]),
                           {"unit_price": "95.000,001", "quantity": "100",
                            "monthly_capacity": "50", "origin": "domestic"})
    assert page.status_code == 200 and "95.000,001" in page.content.decode()
    assert not lot.bids.exists()


def test_a_nested_number_is_named_by_its_path(client, cluster, lot):
    response = _api_bid(client, cluster, lot,
                        members=[{"organisation_id": cluster.member.pk, "quantity": 1e30}])
    assert response.status_code == 422
    assert response.json()["errors"] == {"members[0].quantity": [
        "Member's quantity must be between 1 and 10,000,000."]}


def test_the_api_documents_the_bounds(client):
    bid = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["BidIn"]
    price, quantity = bid["properties"]["unit_price"], bid["properties"]["quantity"]
    assert (price["exclusiveMinimum"], price["maximum"]) == (0, 10_000_000_000)
    assert (quantity["minimum"], quantity["maximum"]) == (1, 10_000_000)
