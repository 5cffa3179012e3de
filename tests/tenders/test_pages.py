"""The tender flow through the pages: a buyer drafts and publishes, suppliers bid sealed,
the buyer opens, evaluates and awards."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.services import organisation_verify
from pasok.tenders.models import Bid, Tender
from pasok.tkdn.services import certificate_record
from tests.conftest import PASSWORD
from tests.tenders.files import PDF

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)


def _login(client, role):
    client.logout()
    assert client.login(email=f"{role}@example.id", password=PASSWORD)


def _draft(client):
    return client.post(reverse("tenders:new"), {
        "title": "Blok rem besi cor 2027", "bid_deadline": "2026-12-15T10:00",
        "opening_time": "2026-12-15T11:00", "min_tkdn_percent": "25",
        "max_preference_percent": "25", "required_documents": "NIB",
        "small_business_reserved": "on",
        "lot-TOTAL_FORMS": "1", "lot-INITIAL_FORMS": "0", "lot-MIN_NUM_FORMS": "1",
        "lot-MAX_NUM_FORMS": "1000", "lot-0-product": "Blok rem besi cor fosfor",
        "lot-0-family": "brake_block",
        "lot-0-grade": "P10", "lot-0-unit_weight_kg": "11,5", "lot-0-quantity": "10000",
        "lot-0-unit": "pcs", "lot-0-hps_unit_price": "120000",
        "lot-0-delivery_schedule": "5000, 5000"})


def test_the_whole_flow_through_the_pages(client, cluster):
    for org in (cluster.supplier_a, cluster.supplier_b):
        organisation_verify(by=SYSTEM, organisation=org)
    cert = certificate_record(by=SYSTEM, organisation=cluster.supplier_a,
                              regime="permenperin-35-2025", product="Blok rem",
                              tkdn_percent=Decimal(45), issued_on=dt.date(2026, 1, 5),
                              number="1/TKDN", verifier="PT Sucofindo (Persero)")
    _login(client, "buyer_x")
    with clock.frozen(T0):
        response = _draft(client)
        tender = Tender.objects.get()
        assert response["Location"] == reverse("tenders:detail", args=[tender.pk])
        client.post(reverse("tenders:publish", args=[tender.pk]), {"confirm": "1"})
        lot = tender.lots.get()
        _login(client, "supplier_a")
        receipt = client.post(reverse("tenders:bid", args=[tender.pk, lot.pk]), {
            "unit_price": "118000", "quantity": "10000", "monthly_capacity": "5000",
            "origin": "domestic", "tkdn_source": f"certificate:{cert.pk}",
            "document_0": SimpleUploadedFile("nib.pdf", PDF, "application/pdf")}, follow=True)
        bid = Bid.objects.get()
        assert bid.digest in receipt.content.decode()
        # The buyer sees that the tender is open, never the bid.
        _login(client, "buyer_x")
        page = client.get(reverse("tenders:detail", args=[tender.pk])).content.decode()
        assert "Rp118.000" not in page and bid.digest not in page
        assert tender.lots.get().family == "brake_block"
        assert 'data-label="Kelompok produk">Blok rem kereta api</td>' in page
        bad = client.post(reverse("tenders:bid", args=[tender.pk, lot.pk]), {
            "unit_price": "1", "quantity": "1", "monthly_capacity": "1", "origin": "domestic"})
        assert bad.status_code == 403  # buyers do not bid
    with clock.frozen(dt.datetime(2026, 12, 15, 4, 0, tzinfo=dt.UTC)):  # 11:00 WIB
        for action in ("open", "evaluate"):
            client.post(reverse(f"tenders:{action}", args=[tender.pk]))
        client.post(reverse("tenders:award", args=[tender.pk]), {"confirm": "1"})
        evaluation = client.get(reverse("tenders:evaluation", args=[tender.pk]))
        body = evaluation.content.decode()
        assert "CV Logam Sejahtera" in body and "Rp118.000" in body
        assert "TKDN 25% atau lebih pada paket di atas Rp1 miliar" in body
        client.cookies["django_language"] = "en"
        english = client.get(reverse("tenders:evaluation", args=[tender.pk])).content.decode()
        assert "TKDN of 25% or more on packages above Rp1 billion" in english
        del client.cookies["django_language"]
        xlsx = client.get(reverse("tenders:evaluation-xlsx", args=[tender.pk]))
        rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
        assert rows[2][0] == "CV Logam Sejahtera" and rows[2][10] == 1
    tender.refresh_from_db()
    assert tender.status == "awarded"


def test_draft_errors_name_the_field(client, cluster):
    _login(client, "buyer_x")
    with clock.frozen(T0):
        response = client.post(reverse("tenders:new"), {
            "title": "", "bid_deadline": "2026-12-15T10:00", "opening_time": "2026-12-15T09:00",
            "min_tkdn_percent": "25", "max_preference_percent": "40",
            "lot-TOTAL_FORMS": "1", "lot-INITIAL_FORMS": "0", "lot-MIN_NUM_FORMS": "1",
            "lot-MAX_NUM_FORMS": "1000", "lot-0-product": "Blok", "lot-0-unit_weight_kg": "1",
            "lot-0-quantity": "10", "lot-0-unit": "pcs", "lot-0-hps_unit_price": "5",
            "lot-0-delivery_schedule": "3, 3"})
    form = response.context["form"]
    assert {"title", "max_preference_percent"} <= set(form.errors)
    assert not Tender.objects.exists()


def test_clarifications_are_public_and_anonymous(client, cluster):
    _login(client, "buyer_x")
    with clock.frozen(T0):
        _draft(client)
        tender = Tender.objects.get()
        client.post(reverse("tenders:publish", args=[tender.pk]), {"confirm": "1"})
        _login(client, "supplier_b")
        client.post(reverse("tenders:ask", args=[tender.pk]),
                    {"text": "Apakah gambar teknis tersedia?"})
        question = tender.questions.get()
        _login(client, "buyer_x")
        page = client.get(reverse("tenders:detail", args=[tender.pk])).content.decode()
        assert "Apakah gambar teknis tersedia?" in page and "UD Cor Makmur" not in page
        client.post(reverse("tenders:answer", args=[tender.pk, question.public_id]),
                    {"answer": "Ya, gambar BR-11 terlampir."})
        _login(client, "supplier_a")
        page = client.get(reverse("tenders:detail", args=[tender.pk])).content.decode()
    assert "Ya, gambar BR-11 terlampir." in page and "UD Cor Makmur" not in page


def test_publishing_notifies_the_suppliers_who_can_make_a_lot(client, cluster,
                                                                django_capture_on_commit_callbacks):
    from django.core import mail

    from pasok.accounts.models import Notification

    _login(client, "buyer_x")
    with clock.frozen(T0):
        client.post(reverse("tenders:new"), {
            "title": "Bracket FCD450", "bid_deadline": "2026-12-15T10:00",
            "opening_time": "2026-12-15T11:00", "min_tkdn_percent": "25",
            "max_preference_percent": "25", "small_business_reserved": "on",
            "lot-TOTAL_FORMS": "1", "lot-INITIAL_FORMS": "0", "lot-MIN_NUM_FORMS": "1",
            "lot-MAX_NUM_FORMS": "1000", "lot-0-product": "Bracket", "lot-0-family": "housing",
            "lot-0-grade": "FCD450",
            "lot-0-unit_weight_kg": "35", "lot-0-quantity": "500", "lot-0-unit": "pcs",
            "lot-0-hps_unit_price": "250000"})
        tender = Tender.objects.get()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("tenders:publish", args=[tender.pk]), {"confirm": "1"})
    # Only CV Logam Sejahtera casts FCD450 in a range covering 35 kg: its admin, staff and
    # viewer hear of it.
    people = ["staff_a@example.id", "supplier_a@example.id", "viewer_a@example.id"]
    assert sorted(Notification.objects.values_list("user__email", flat=True)) == people
    assert sorted(to for m in mail.outbox for to in m.to) == people
    _login(client, "supplier_a")
    page = client.get(reverse("accounts:notifications")).content.decode()
    assert "Bracket FCD450" in page
    unread = Notification.objects.filter(read_at__isnull=True)
    assert sorted(unread.values_list("user__email", flat=True)) == [  # read: their own only
        "staff_a@example.id", "viewer_a@example.id"]


@pytest.mark.parametrize("role, offered", [("supplier_a", True), ("staff_a", True),
                                           ("viewer_a", False)])
def test_only_who_may_bid_is_offered_the_bid_and_the_question(client, cluster, role, offered):
    """A supplier's viewer reads a tender but neither bids nor asks (the bid page and the
    question refuse them): the tender's page offers neither (it did, issue 11)."""
    _login(client, "buyer_x")
    with clock.frozen(T0):
        _draft(client)
        tender = Tender.objects.get()
        client.post(reverse("tenders:publish", args=[tender.pk]), {"confirm": "1"})
        _login(client, role)
        page = client.get(reverse("tenders:detail", args=[tender.pk])).content.decode()
    bid_link = reverse("tenders:bid", args=[tender.pk, tender.lots.get().pk])
    assert (bid_link in page) is offered
    assert (reverse("tenders:ask", args=[tender.pk]) in page) is offered
    assert "Blok rem besi cor 2027" in page
