"""Capability search and profile numbers within the bounds of the columns they are compared
with or stored in: refused with the field named, never a 500."""

import pytest
from django.urls import reverse

from pasok.accounts.services import api_token_create
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _bearer(cluster, role):
    _token, secret = api_token_create(by=cluster.users[role], name="test")
    return {"Authorization": f"Bearer {secret}", "Accept-Language": "id"}


@pytest.mark.parametrize(("params", "field", "message"), [
    ({"need": 10**30}, "need",
     "Kg yang dibutuhkan bulan itu harus antara 1 dan 2.147.483.647."),
    ({"free_capacity": -1}, "free_capacity",
     "Kapasitas bebas bulan itu (kg) harus antara 0 dan 2.147.483.647."),
    ({"weight_min": "1E+28"}, "weight_min",
     "Berat coran dari (kg) harus antara 0 dan 9.999.999,99."),
    ({"weight_max": "NaN"}, "weight_max", "Berat coran sampai (kg) harus berupa angka."),
])
def test_the_search_api_refuses_what_no_column_holds(client, cluster, params, field, message):
    response = client.get("/api/v1/suppliers", params, headers=_bearer(cluster, "buyer_x"))
    assert response.status_code == 422
    assert response.json()["errors"] == {field: [message]}


def test_the_search_page_refuses_it_too(client, cluster):
    assert client.login(email="buyer_x@example.id", password=PASSWORD)
    page = client.get(reverse("suppliers:search"), {"need": "1.000.000.000.000.000"})
    assert page.status_code == 200
    assert "1.000.000.000.000.000" in page.content.decode()  # shown as typed, with the error
    assert "2.147.483.647" in page.content.decode()


@pytest.mark.parametrize(("payload", "field"), [
    ({"workforce_total": 10**12}, "workforce_total"),
    ({"workforce_women": 2_000_000}, "workforce_women"),
    ({"weight_max_kg": "Infinity"}, "weight_max_kg"),
    ({"monthly_capacity_kg": 1.5}, "monthly_capacity_kg"),
])
def test_a_profile_number_out_of_bounds_is_refused_naming_it(client, cluster, payload, field):
    response = client.patch(f"/api/v1/suppliers/{cluster.supplier_a.pk}/profile", payload,
                            content_type="application/json",
                            headers=_bearer(cluster, "supplier_a"))
    assert response.status_code == 422
    assert list(response.json()["errors"]) == [field]
    cluster.supplier_a.profile.refresh_from_db()
    assert cluster.supplier_a.profile.workforce_total < 10**6
