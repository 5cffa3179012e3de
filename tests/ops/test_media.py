"""Product photos under production settings (PASOK_DEBUG unset): Django's development
helper for media is off there and WhiteNoise serves only static files, so the photos on
supplier pages were broken under `pasok serve`. Run as production runs: its own process."""

import json

from tests.ops.production import pasok, production_env

SCRIPT = """
import io, json
from PIL import Image
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import OrgKind
from pasok.accounts.services import organisation_create, user_create
from pasok.suppliers.models import Product
from tests.conftest import make_nib, make_npwp

supplier = organisation_create(by=SYSTEM, name="CV Foto", kind=OrgKind.SUPPLIER,
                               nib=make_nib(1), npwp=make_npwp(1), province="Jawa Tengah",
                               regency="Klaten")
buyer = organisation_create(by=SYSTEM, name="PT Pembeli", kind=OrgKind.BUMN_BUYER,
                            province="Jawa Barat", regency="Bandung")
out = io.BytesIO()
Image.new("RGB", (4, 4), "gray").save(out, "PNG")
product = Product.objects.create(profile=supplier.profile, name="Blok rem",
                                 photo=SimpleUploadedFile("blok-rem.png", out.getvalue()))
answers = {}
for who, org in (("buyer", buyer), ("nobody", None)):
    client = Client(HTTP_HOST="localhost")
    if org is not None:
        user = user_create(by=SYSTEM, email=who + "@example.id", full_name=who,
                           password=None, organisation=org)
        client.force_login(user, backend="pasok.accounts.backends.OrganisationBackend")
    response = client.get(product.photo.url, secure=True)
    body = b"".join(response.streaming_content) if response.streaming else b""
    answers[who] = {"status": response.status_code, "type": response.get("Content-Type"),
                    "nosniff": response.get("X-Content-Type-Options"),
                    "same": body == out.getvalue()}
print(json.dumps(answers))
"""


def test_product_photos_are_served_in_production(tmp_path):
    env = production_env(tmp_path)
    assert pasok(env, "migrate", "--no-input").returncode == 0
    result = pasok(env, "shell", "-c", SCRIPT)
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    assert answers["buyer"] == {"status": 200, "type": "image/png", "nosniff": "nosniff",
                                "same": True}
    assert answers["nobody"]["status"] == 302  # to the sign-in page
