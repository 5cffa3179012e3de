"""Product photos are served (they were not under `pasok serve`: WhiteNoise serves only the
static files) to those who may see their supplier, as images that nothing can run in."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pasok.suppliers.models import Product
from tests.conftest import PASSWORD
from tests.tenders.files import PNG

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(cluster, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    product = Product.objects.create(profile=cluster.supplier_a.profile, name="Blok rem",
                                     photo=SimpleUploadedFile("blok-rem.png", PNG))
    return product.photo


def _as(client, cluster, role):
    client.login(email=cluster.users[role].email, password=PASSWORD)
    return client


def test_a_buyer_sees_the_photo_as_an_image_nothing_runs_in(client, cluster, photo):
    response = _as(client, cluster, "buyer_x").get(photo.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_the_organisation_page_links_the_photo(client, cluster, photo):
    page = _as(client, cluster, "buyer_x").get(f"/suppliers/{cluster.supplier_a.pk}/")
    assert f'src="{photo.url}"' in page.content.decode()


def test_nobody_else_gets_it(client, cluster, photo):
    assert client.get(photo.url).status_code == 302  # sign in first
    # Another foundry does not see supplier A's profile, nor its photos.
    assert _as(client, cluster, "supplier_b").get(photo.url).status_code == 404


def test_only_product_photos_are_served(client, cluster, photo, tmp_path):
    (tmp_path / "catatan.html").write_text("<script>alert(1)</script>")
    client = _as(client, cluster, "admin")
    for path in ("/media/catatan.html", "/media/products/../catatan.html",
                 "/media/products/lain.png"):
        assert client.get(path).status_code == 404, path


def test_a_photo_of_another_image_type_is_an_attachment(client, cluster, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, "BMP")
    product = Product.objects.create(profile=cluster.supplier_a.profile, name="Blok rem",
                                     photo=SimpleUploadedFile("blok-rem.bmp", out.getvalue()))
    response = _as(client, cluster, "buyer_x").get(product.photo.url)
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
