"""The error pages are Pasok's own, in the reader's language, with a way back; the 500 page
renders without a request and without the database."""

import pytest
from django.template import loader
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.urls("tests.web.error_urls")


def _page(response) -> str:
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "title"), [("id", "Halaman tidak ditemukan"),
                                                 ("en", "Page not found")])
def test_404_in_both_languages_with_a_way_back(client, language, title):
    client.cookies["django_language"] = language
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    page = _page(response)
    assert title in page and f'lang="{language}"' in page
    assert f'href="{reverse("shell:home")}"' in page and reverse("accounts:login") in page
    assert "Not Found</h1>" not in page  # Django's own page


@pytest.mark.django_db
def test_a_record_one_may_not_see_is_the_same_404(client, cluster):
    client.login(email="supplier_b@example.id", password=PASSWORD)
    response = client.get(reverse("suppliers:organisation", args=[cluster.supplier_a.pk]))
    assert response.status_code == 404 and "Halaman tidak ditemukan" in _page(response)


@pytest.mark.django_db
def test_403_names_who_is_signed_in(client, cluster):
    client.login(email="supplier_a@example.id", password=PASSWORD)
    response = client.get(reverse("suppliers:search"))
    assert response.status_code == 403
    page = _page(response)
    assert "Tidak diizinkan" in page and "supplier_a (CV Logam Sejahtera)" in page
    assert f'href="{reverse("shell:home")}"' in page


@pytest.mark.django_db
def test_400_is_ours():
    response = Client(raise_request_exception=False).get("/suspicious/")
    assert response.status_code == 400
    assert "Permintaan tidak dapat dibaca" in _page(response)


@pytest.mark.django_db
def test_a_bad_host_gets_our_400():
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="penyerang.example")
    assert response.status_code == 400
    assert "Permintaan tidak dapat dibaca" in _page(response)


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "title"), [("id", "Terjadi kesalahan di pihak kami"),
                                                 ("en", "Something went wrong on our side")])
def test_500_in_both_languages(language, title):
    client = Client(raise_request_exception=False)
    client.cookies["django_language"] = language
    response = client.get("/fails/")
    assert response.status_code == 500
    page = _page(response)
    assert title in page and 'href="/"' in page


def test_500_renders_without_a_request_or_the_database():
    """No django_db mark: any query would fail the test."""
    page = loader.get_template("500.html").render()
    assert "Terjadi kesalahan di pihak kami" in page and 'href="/"' in page
    assert "csrfmiddlewaretoken" not in page  # no forms that could not work


@pytest.mark.django_db
def test_an_expired_form_explains_itself(cluster):
    client = Client(enforce_csrf_checks=True)
    client.login(email="supplier_a@example.id", password=PASSWORD)
    response = client.post(reverse("accounts:tokens"), {"name": "x"})
    assert response.status_code == 403
    assert "Formulir sudah kedaluwarsa" in _page(response)
