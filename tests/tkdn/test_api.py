"""The TKDN routes of /api/v1: the same parsing and errors as the pages, each error under
its field path and worded in the request's language — English for an integration unless
it asks for Bahasa Indonesia (Accept-Language or the site's language cookie)."""

import copy

import pytest
from django.conf import settings
from django.utils import translation

from pasok.accounts.services import api_token_create
from pasok.tkdn.models import Worksheet
from tests.examples import INTERFACES_WORKSHEET

pytestmark = pytest.mark.django_db


def _bearer(cluster, role="supplier_a"):
    _token, secret = api_token_create(by=cluster.users[role], name="test")
    return {"Authorization": f"Bearer {secret}"}


def _post(client, path, data, **headers):
    return client.post(path, data, content_type="application/json", headers=headers)


def _negative_cost():
    data = copy.deepcopy(INTERFACES_WORKSHEET)
    data["labour"][0]["cost"] = -1
    return data


def _priced_import():
    data = copy.deepcopy(INTERFACES_WORKSHEET)
    data["materials"][0] |= {"origin": "import", "domestic_percent": 10}
    return data


def test_compute_answers_like_the_cli(client, cluster):
    body = _post(client, "/api/v1/tkdn/compute", INTERFACES_WORKSHEET,
                 **_bearer(cluster)).json()
    assert body["tkdn_percent"] == 48.18 and body["total_cost"] == 123520


@pytest.mark.parametrize(("data", "path", "english", "indonesian"), [
    (_negative_cost(), "labour[0].cost", "must be 0 or more", "harus 0 atau lebih"),
    (_priced_import(), "materials[0].domestic_percent", "must be 0 for an import",
     "harus 0 untuk barang impor"),
    ({**INTERFACES_WORKSHEET, "labour": []}, "labour",
     "these lines total 0; Permenperin 35/2025 weighs every factor, so each needs a cost",
     "jumlah baris ini 0; Permenperin 35/2025 membobot setiap faktor, jadi setiap faktor "
     "harus memiliki biaya"),
])
def test_errors_name_the_path_in_the_requests_language(client, cluster, data, path, english,
                                                       indonesian):
    auth = _bearer(cluster)
    plain = _post(client, "/api/v1/tkdn/compute", data, **auth)
    assert plain.status_code == 422
    assert plain.json()["errors"] == {path: [english]}
    assert plain["Content-Language"] == "en" and "Accept-Language" in plain["Vary"]
    asked = _post(client, "/api/v1/tkdn/compute", data, **auth,
                  **{"Accept-Language": "id-ID,id;q=0.9,en;q=0.8"})
    assert asked.json()["errors"] == {path: [indonesian]}
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    chosen = _post(client, "/api/v1/tkdn/compute", data, **auth,
                   **{"Accept-Language": "en"})  # the person's choice on the site wins
    assert chosen.json()["errors"] == {path: [indonesian]}


def test_an_unknown_language_falls_back_to_english(client, cluster):
    response = _post(client, "/api/v1/tkdn/compute", _negative_cost(), **_bearer(cluster),
                     **{"Accept-Language": "fr-FR, de;q=0.5"})
    assert response.json()["errors"] == {"labour[0].cost": ["must be 0 or more"]}


def test_pages_stay_indonesian_whatever_the_browser_asks(client, cluster):
    client.force_login(cluster.users["supplier_a"])
    page = client.get(f"/local-content/{cluster.supplier_a.pk}/",
                      headers={"Accept-Language": "en-US,en;q=0.9"})
    assert page["Content-Language"] == "id"


def test_a_worksheet_with_imports_saves_and_reads_back(client, cluster):
    data = copy.deepcopy(INTERFACES_WORKSHEET)
    data["materials"][0]["origin"] = "import"
    data["overhead"][1]["category"] = "machine_imported"
    data["uncertified"] = "foreign"
    auth = _bearer(cluster)
    created = _post(client, f"/api/v1/tkdn/suppliers/{cluster.supplier_a.pk}/worksheets",
                    data, **auth)
    assert created.status_code == 201
    # The counting rule the client chose is kept: scrap and plate count 0 without a
    # certificate, 21.25%.
    assert created.json()["tkdn_percent"] == "21.25"
    worksheet = Worksheet.objects.get()
    again = client.get(f"/api/v1/tkdn/worksheets/{worksheet.public_id}", headers=auth).json()
    assert again["latest"]["data"]["materials"][0]["origin"] == "import"


def test_saving_refuses_a_priced_import_and_keeps_nothing(client, cluster):
    response = _post(client, f"/api/v1/tkdn/suppliers/{cluster.supplier_a.pk}/worksheets",
                     _priced_import(), **_bearer(cluster))
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "materials[0].domestic_percent": ["must be 0 for an import"]}
    assert not Worksheet.objects.exists()


def test_a_requests_language_ends_with_it(client, cluster):
    # The API's English must not stay on the thread for whatever it serves next.
    with translation.override("id"):
        _post(client, "/api/v1/tkdn/compute", _negative_cost(), **_bearer(cluster))
        assert translation.get_language() == "id"
