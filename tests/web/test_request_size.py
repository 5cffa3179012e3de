"""A request over PASOK_MAX_REQUEST_BYTES is refused by its Content-Length before its body is
read: the API with a JSON 413 (it used to answer an HTML error page), pages with a page."""

import json

import pytest
from django.urls import reverse

from pasok.accounts.services import api_token_create
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_limit(settings):
    settings.PASOK_MAX_REQUEST_BYTES = 1024 * 1024
    return settings


def _bearer(cluster):
    _token, secret = api_token_create(by=cluster.users["ministry"], name="t")
    return {"Authorization": f"Bearer {secret}"}


def test_the_api_answers_413_json_for_a_request_over_the_limit(client, cluster, small_limit):
    body = json.dumps({"filler": "x" * (2 * 1024 * 1024)})
    response = client.post("/api/v1/suppliers/import", body, content_type="application/json",
                           headers={**_bearer(cluster), "accept-language": "en"})
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": "The request is 2.0 MB; at most 1 MB is accepted in one request."}


def test_the_api_answers_413_json_for_a_body_over_djangos_memory_limit(client, cluster,
                                                                      settings):
    """Django's own limit (a body it would hold in memory) raises RequestDataTooBig inside
    the API: the same 413, not an HTML error page."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    body = json.dumps({"unit_price": "1", "filler": "x" * 4096})
    response = client.post(f"/api/v1/tenders/{10**6}/lots/1/bid", body,
                           content_type="application/json", headers=_bearer(cluster))
    assert response.status_code == 413, response.content
    assert "detail" in response.json()


def test_a_page_answers_413_in_the_readers_language(client, cluster, small_limit):
    client.login(email=cluster.users["ministry"].email, password=PASSWORD)
    upload = b"x" * (2 * 1024 * 1024)
    response = client.post(reverse("suppliers:import"), upload,
                           content_type="application/octet-stream",
                           headers={"accept-language": "id"})
    assert response.status_code == 413
    page = response.content.decode()
    assert "2,0 MB" in page and "1 MB" in page and "<h1>" in page


def test_within_the_limit_nothing_changes(client, cluster, small_limit):
    response = client.post("/api/v1/suppliers/import", "{}", content_type="application/json",
                           headers=_bearer(cluster))
    assert response.status_code == 422
