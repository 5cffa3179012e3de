"""The invoice and payment pages as people use them, in Indonesian (1.500 and 2,5): the
supplier invoices accepted units, the buyer pays, errors are shown next to the field and
nothing is written, the overdue list shows each party its own."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from pasok.payments.models import Invoice, Payment
from tests.conftest import page_scripts

from .conftest import DUE, ISSUED, at, pay

pytestmark = pytest.mark.django_db


def _as(client, cluster, role):
    client.force_login(cluster.users[role])
    return client


def _clean(html: str) -> str:
    """No inline script or style (the strict CSP)."""
    assert "inline" not in page_scripts(html)
    assert " style=" not in html and "<style" not in html
    return html


def _lines(deliveries, quantities):
    data = {"line-TOTAL_FORMS": str(len(deliveries)), "line-INITIAL_FORMS": str(len(deliveries))}
    for i, (d, q) in enumerate(zip(deliveries, quantities, strict=True)):
        data[f"line-{i}-delivery"] = str(d.public_id)
        data[f"line-{i}-quantity"] = q
    return data


def test_the_supplier_invoices_accepted_units(client, cluster, contract, deliveries):
    _as(client, cluster, "supplier_a")
    url = reverse("payments:invoice-new", args=[contract.public_id])
    with at(ISSUED):
        page = client.get(url).content.decode()
        assert "SJ-001" in _clean(page) and "Rp450.000" in page
        response = client.post(url, {"number": "INV/2027/001", "issued_on": "2027-02-01",
                                     **_lines(deliveries, ["100", ""])})
    invoice = Invoice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("payments:invoice", args=[invoice.public_id])
    assert invoice.amount == Decimal(45_000_000) and invoice.lines.count() == 1
    with at(ISSUED):
        page = _clean(client.get(response["Location"]).content.decode())
    assert "Rp45.000.000" in page and "21 Februari 2027" in page  # 22 January + 30 days
    with at(ISSUED):
        listing = client.get(reverse("payments:contract", args=[contract.public_id]))
    assert "INV/2027/001" in _clean(listing.content.decode())
    assert [(d.note_number, d.left) for d in listing.context["deliveries"]] == [
        ("SJ-001", 0), ("SJ-002", 80)]


def test_more_than_accepted_is_shown_on_its_row_and_nothing_written(client, cluster, contract,
                                                                     deliveries):
    _as(client, cluster, "supplier_a")
    with at(ISSUED):
        response = client.post(reverse("payments:invoice-new", args=[contract.public_id]),
                               {"number": "INV-1", "issued_on": "2027-02-01",
                                **_lines(deliveries, ["1.000", "80"])})
    assert response.status_code == 200
    row = response.context["lines"].forms[0]
    (message,) = row.errors["quantity"]  # 1.000 read as a thousand, more than accepted
    assert "100" in message
    assert not Invoice.objects.exists()


def test_the_buyer_pays_in_rupiah_as_written_here(client, cluster, invoice):
    _as(client, cluster, "buyer_x")
    url = reverse("payments:payment-new", args=[invoice.public_id])
    with at(DUE + dt.timedelta(days=5)):
        assert client.get(reverse("payments:invoice", args=[invoice.public_id])
                          ).context["may_pay"]
        response = client.post(url, {"amount": "Rp50.000.000,50", "paid_on": "2027-03-05",
                                     "reference": "TRF-0305"})
    assert response.status_code == 302
    payment = Payment.objects.get()
    assert payment.amount == Decimal("50000000.50") and payment.reference == "TRF-0305"
    with at(DUE + dt.timedelta(days=5)):
        page = _clean(client.get(response["Location"]).content.decode())
    assert "Rp50.000.000,50" in page and "Rp30.999.999,50" in page  # paid, left


def test_a_payment_above_the_invoice_is_refused_on_its_field(client, cluster, invoice):
    _as(client, cluster, "buyer_x")
    with at(DUE):
        response = client.post(reverse("payments:payment-new", args=[invoice.public_id]),
                               {"amount": "90.000.000", "paid_on": "2027-02-20",
                                "reference": "TRF"})
    assert response.status_code == 200
    assert "Rp81.000.000" in response.context["form"].errors["amount"][0]
    assert not Payment.objects.exists()


def test_the_supplier_corrects_its_invoice(client, cluster, invoice, deliveries):
    _as(client, cluster, "supplier_a")
    url = reverse("payments:invoice-correct", args=[invoice.public_id])
    with at(DUE):
        form = client.get(url)
        assert [f.initial["quantity"] for f in form.context["lines"].forms] == [100, 80]
        response = client.post(url, _lines(deliveries, ["100", "40"]))
    assert response.status_code == 302
    invoice.refresh_from_db()
    assert invoice.version == 2 and invoice.amount == 140 * Decimal(450_000)


def test_the_overdue_list_is_each_party_its_own(client, cluster, invoice):
    pay(cluster, invoice, Decimal(1_000_000), ISSUED)
    late = DUE + dt.timedelta(days=12)
    for role, sees in (("buyer_x", True), ("supplier_a", True), ("ministry", True),
                       ("buyer_y", False), ("supplier_b", False)):
        with at(late):
            response = _as(client, cluster, role).get(reverse("payments:overdue"))
        page = _clean(response.content.decode())
        assert ("INV/2027/001" in page) == sees, role
        if sees:
            (row,) = response.context["invoices"]
            assert row.days_late == 12
            assert "Rp80.000.000" in page  # left to pay


def test_the_ministry_looks_at_one_buyer(client, cluster, invoice):
    late = DUE + dt.timedelta(days=1)
    _as(client, cluster, "ministry")
    with at(late):
        theirs = client.get(reverse("payments:overdue"), {"buyer": cluster.buyer_x.pk})
        others = client.get(reverse("payments:overdue"), {"buyer": cluster.buyer_y.pk})
    assert [i.pk for i in theirs.context["invoices"]] == [invoice.pk]
    assert list(others.context["invoices"]) == []
