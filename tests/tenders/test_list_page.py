"""The tender list: a page of tenders at a time, newest deadline first, in a fixed number of
queries however many tenders there are (the load test's year of 5.000 tenders took seconds
to render when the list showed them all)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pasok.tenders.models import Lot, Tender
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 6, 1, 3, 0, tzinfo=dt.UTC)
PAGE = 50  # tenders a page


def _tenders(buyer, n: int) -> list[Tender]:
    tenders = Tender.objects.bulk_create(
        Tender(buyer=buyer, reference=f"T-{i:04d}", title=f"Blok rem {i}",
               bid_deadline=T0 + dt.timedelta(days=i), opening_time=T0 + dt.timedelta(days=i),
               created_at=T0, published_at=T0) for i in range(n))
    Lot.objects.bulk_create(Lot(tender=t, number=1, product="Blok rem", unit_weight_kg=10,
                                quantity=100, hps_unit_price=1000) for t in tenders)
    return tenders


def _list(client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("tenders:list"), params)
    assert response.status_code == 200
    return response, len(queries)


def test_the_list_shows_one_page_newest_deadline_first_with_a_pager(client, cluster):
    _tenders(cluster.buyer_x, PAGE + 5)
    assert client.login(email="supplier_a@example.id", password=PASSWORD)
    response, _n = _list(client)
    shown = [t.reference for t in response.context["tenders"]]
    assert len(shown) == PAGE
    assert shown[0] == f"T-{PAGE + 4:04d}"
    assert "?page=2" in response.content.decode()
    second, _n = _list(client, page=2)
    assert [t.reference for t in second.context["tenders"]] == [f"T-{i:04d}" for i in
                                                                 range(4, -1, -1)]


def test_the_list_costs_the_same_queries_for_ten_tenders_or_a_hundred(client, cluster):
    assert client.login(email="buyer_x@example.id", password=PASSWORD)
    _tenders(cluster.buyer_x, 10)
    _response, few = _list(client)
    Tender.objects.all().delete()
    _tenders(cluster.buyer_x, 100)
    _response, many = _list(client)
    assert few == many
