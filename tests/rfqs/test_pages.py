"""The RFQ pages: sending one (what was typed shown again), quoting, the comparison, the
first-article formset; and a quotation unreadable by anyone but its quoter before the
deadline on every page."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib import admin
from django.urls import reverse

from pasok import clock
from pasok.rfqs.models import FirstArticleInspection, Quotation, Rfq
from tests.tenders.files import PDF

from .factories import AFTER, DEADLINE, SENT_AT, quoted, sampled, sent_rfq

pytestmark = pytest.mark.django_db

PRICE = "337.500"  # supplier A's unit price as Indonesian pages write it
NOTE = "Rahasia-harga-A"


def _quoted(cluster):
    rfq = sent_rfq(cluster)
    quoted(cluster, rfq, unit_price=Decimal(337_500), note=NOTE)
    return rfq


def _pages(rfq):
    return [reverse(name, args=[rfq.public_id]) for name in (
        "rfqs:detail", "rfqs:compare", "rfqs:quote")] + [reverse("rfqs:list"),
                                                         reverse("audit:list")]


def test_before_the_deadline_no_page_shows_a_quotation_but_to_its_quoter(client, cluster):
    rfq = _quoted(cluster)
    for role in ("buyer_y", "ministry", "admin", "supplier_b", "cooperative"):
        client.force_login(cluster.users[role])
        with clock.frozen(DEADLINE - dt.timedelta(seconds=1)):
            for url in _pages(rfq):
                body = client.get(url).content.decode()
                assert PRICE not in body and NOTE not in body, (role, url)
    client.force_login(cluster.users["supplier_a"])
    with clock.frozen(DEADLINE - dt.timedelta(seconds=1)):
        body = client.get(reverse("rfqs:detail", args=[rfq.public_id])).content.decode()
    assert f"Rp{PRICE}" in body and NOTE in body


def test_from_the_deadline_the_buyer_compares_the_quotations(client, cluster):
    rfq = _quoted(cluster)
    quoted(cluster, rfq, role="supplier_b", unit_price=Decimal(360_000))
    client.force_login(cluster.users["buyer_y"])
    with clock.frozen(DEADLINE):
        body = client.get(reverse("rfqs:compare", args=[rfq.public_id])).content.decode()
    assert body.index(cluster.supplier_a.name) < body.index(cluster.supplier_b.name)
    assert f"Rp{PRICE}" in body and "-3,6%" in body and "+2,9%" in body
    for role in ("ministry", "admin"):  # the buyer's business, not theirs
        client.force_login(cluster.users[role])
        with clock.frozen(DEADLINE):
            page = client.get(reverse("rfqs:detail", args=[rfq.public_id]))
        assert page.status_code == 200 and PRICE not in page.content.decode()


def test_the_admin_site_holds_no_rfq_model():
    """The sealed content is never the admin's to show: the app registers nothing."""
    for model in (Rfq, Quotation, FirstArticleInspection):
        assert not admin.site.is_registered(model)


def test_a_new_rfq_shows_what_was_typed_again(client, cluster):
    client.force_login(cluster.users["buyer_y"])
    with clock.frozen(SENT_AT):
        response = client.post(reverse("rfqs:new"), {
            "part_name": "Tromol rem", "family": "brake_drum", "grade": "FC200",
            "unit_weight_kg": "12,5", "annual_volume": "24.000",
            "target_unit_price": "350.000", "deadline": "2026-12-01T10:00",
            "invite": "chosen", "suppliers": "Tidak Ada Pabrik"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="12,5"' in body and 'value="24.000"' in body
    assert "Tidak Ada Pabrik" in body and "error-summary" in body


def test_a_new_rfq_is_sent_from_the_page(client, cluster, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(cluster.users["buyer_y"])
    with clock.frozen(SENT_AT), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("rfqs:new"), {
            "part_name": "Tromol rem", "family": "brake_drum", "grade": "FC200",
            "unit_weight_kg": "12,5", "annual_volume": "24.000",
            "target_unit_price": "350.000", "deadline": "2026-12-20T10:00",
            "invite": "chosen", "suppliers": "CV Logam Sejahtera; UD Cor Makmur",
            "drawing": SimpleUploadedFile("tromol.pdf", PDF, "application/pdf")})
    rfq = Rfq.objects.get()
    assert response.status_code == 302 and rfq.unit_weight_kg == Decimal("12.5")
    assert rfq.annual_volume == 24_000 and rfq.invitations.count() == 2
    client.force_login(cluster.users["supplier_a"])
    with clock.frozen(SENT_AT):
        drawing = client.get(reverse("rfqs:drawing", args=[rfq.public_id]))
    assert drawing.content == PDF and drawing["X-Content-Type-Options"] == "nosniff"


def test_a_quotation_from_the_page_and_its_receipt(client, cluster):
    rfq = sent_rfq(cluster)
    client.force_login(cluster.users["supplier_a"])
    with clock.frozen(SENT_AT + dt.timedelta(days=1)):
        response = client.post(reverse("rfqs:quote", args=[rfq.public_id]), {
            "unit_price": "337.500", "lead_time_weeks": "6", "monthly_capacity": "2.000",
            "valid_until": "2027-03-31"})
        assert response.status_code == 302
        body = client.get(reverse("rfqs:detail", args=[rfq.public_id])).content.decode()
    quotation = Quotation.objects.get()
    assert quotation.digest in body and f"Rp{PRICE}" in body


def test_first_article_rows_show_their_errors_and_what_was_typed(client, cluster):
    order = sampled(cluster)
    client.force_login(cluster.users["buyer_y"])
    row = {"kind": "dimension", "name": "Bore", "lower": "52,05", "upper": "51,95",
           "measured": "52,01"}
    data = {"inspected_on": AFTER.date().isoformat(), "characteristics-TOTAL_FORMS": "5",
            "characteristics-INITIAL_FORMS": "0",
            **{f"characteristics-0-{k}": v for k, v in row.items()},
            **{f"characteristics-{i}-kind": "dimension" for i in range(1, 5)}}
    with clock.frozen(AFTER):
        response = client.post(reverse("rfqs:first-article", args=[order.public_id]), data)
    body = response.content.decode()
    assert response.status_code == 200 and not FirstArticleInspection.objects.exists()
    assert "Batas bawah tidak boleh melebihi batas atas." in body
    assert 'value="52,05"' in body
    data["characteristics-0-lower"], data["characteristics-0-upper"] = "51,95", "52,05"
    with clock.frozen(AFTER):
        response = client.post(reverse("rfqs:first-article", args=[order.public_id]), data)
    assert response.status_code == 302
    assert FirstArticleInspection.objects.get().passes
