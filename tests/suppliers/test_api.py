import pytest

from pasok.accounts.services import api_token_create

pytestmark = pytest.mark.django_db


def _bearer(cluster, role):
    _token, secret = api_token_create(by=cluster.users[role], name="test")
    return {"Authorization": f"Bearer {secret}"}


def test_search_answers_like_the_page(client, cluster):
    response = client.get("/api/v1/suppliers", {"q": "FCD450, 20-60 kg, Klaten"},
                          headers=_bearer(cluster, "buyer_x"))
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["name"] == "CV Logam Sejahtera"
    assert item["verified"] is False and item["free_capacity_kg"] == 60_000


def test_detail_lists_the_profile(client, cluster):
    body = client.get(f"/api/v1/suppliers/{cluster.supplier_a.pk}",
                      headers=_bearer(cluster, "ministry")).json()
    assert body["profile"]["grades"] == ["FC200", "FCD450"]
    assert body["profile"]["processes"] == ["green_sand"]
    assert body["nib"] == cluster.supplier_a.nib


@pytest.mark.parametrize(("payload", "field"), [
    ({"monthly_capacity_kg": -10}, "monthly_capacity_kg"),
    ({"weight_min_kg": "90"}, "weight_min_kg"),
    ({"grades": ["FCD999"]}, "grades"),
])
def test_bad_profile_input_is_refused_with_the_field_named(client, cluster, payload, field):
    response = client.patch(f"/api/v1/suppliers/{cluster.supplier_a.pk}/profile", payload,
                            content_type="application/json",
                            headers=_bearer(cluster, "supplier_a"))
    assert response.status_code == 422
    assert field in response.json()["errors"]
    cluster.supplier_a.profile.refresh_from_db()
    assert cluster.supplier_a.profile.monthly_capacity_kg == 60_000
    assert list(cluster.supplier_a.profile.grades.values_list("pk", flat=True)) == [
        "FC200", "FCD450"]


def test_patch_changes_only_what_is_given(client, cluster):
    response = client.patch(f"/api/v1/suppliers/{cluster.supplier_a.pk}/profile",
                            {"workforce_total": 25, "workforce_women": 4},
                            content_type="application/json",
                            headers=_bearer(cluster, "supplier_a"))
    assert response.status_code == 200
    profile = response.json()["profile"]
    assert profile["workforce_total"] == 25 and profile["monthly_capacity_kg"] == 60_000
    assert profile["grades"] == ["FC200", "FCD450"]


def test_openapi_is_served_without_login(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/suppliers" in schema["paths"]
    schemes = schema["components"]["securitySchemes"].values()
    assert {"type": "http", "scheme": "bearer"} in schemes


def test_search_refuses_a_weight_it_cannot_read_and_says_why(client, cluster):
    response = client.get("/api/v1/suppliers", {"q": "FCD450 1.500 kg"},
                          headers=_bearer(cluster, "buyer_x"))
    assert response.status_code == 422
    [message] = response.json()["errors"]["q"]
    assert message.startswith("“1.500” can be read two ways")  # not "Value error, …"
    response = client.get("/api/v1/suppliers", {"q": "FCD450 1,500 kg"},
                          headers=_bearer(cluster, "buyer_x"))  # English: 1500 kg
    assert response.status_code == 200
