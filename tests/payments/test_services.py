"""Invoices and payments: worked examples, and bad input refused with the field named and
nothing written."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from pasok.audit.models import AuditEvent
from pasok.payments import services
from pasok.payments.models import Invoice, InvoiceLine, Payment

from .conftest import DUE, FIRST_ACCEPTED, ISSUED, at, issue, pay

pytestmark = pytest.mark.django_db
PRICE = Decimal(450_000)


@pytest.fixture(autouse=True)
def _in_english():
    """The messages as written in the code (the Indonesian catalogue is the lead's)."""
    with translation.override("en"):
        yield


def test_an_invoice_of_two_accepted_deliveries(cluster, invoice):
    assert invoice.amount == 180 * PRICE == Decimal(81_000_000)
    assert invoice.due_on == DUE  # 29 January + 30 days
    assert invoice.supplier == cluster.supplier_a
    assert invoice.paid == 0 and invoice.settled_on is None and invoice.version == 1
    assert sorted(invoice.lines.values_list("quantity", "amount")) == [
        (80, 80 * PRICE), (100, 100 * PRICE)]
    event = AuditEvent.objects.get(action="invoice.issue")
    assert event.organisation == cluster.supplier_a and event.after["amount"] == "81000000.00"


def test_the_buyer_is_told_of_a_new_invoice(cluster, contract, deliveries,
                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invoice = issue(cluster, contract, [(deliveries[0], 100), (deliveries[1], 80)])
    notes = cluster.users["buyer_x"].notifications.all()
    assert [n.link for n in notes] == [f"/payments/invoices/{invoice.public_id}/"]
    assert "INV/2027/001" in notes[0].text
    assert not cluster.users["supplier_a"].notifications.filter(
        link__startswith="/payments/").exists()


def test_paid_in_parts_and_late(cluster, invoice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pay(cluster, invoice, Decimal(50_000_000), dt.date(2027, 2, 20))
    invoice.refresh_from_db()
    assert invoice.paid == Decimal(50_000_000) and invoice.settled_on is None
    with django_capture_on_commit_callbacks(execute=True):
        pay(cluster, invoice, Decimal(31_000_000), dt.date(2027, 3, 10), reference="TRF-2")
    invoice.refresh_from_db()
    assert invoice.paid == invoice.amount
    assert invoice.settled_on == dt.date(2027, 3, 10)  # 10 days after 28 February
    assert AuditEvent.objects.filter(action="payment.record").count() == 2
    assert cluster.users["supplier_a"].notifications.filter(
        link__startswith="/payments/").count() == 2


def test_only_what_is_left_is_invoiced_again(cluster, contract, deliveries):
    first, second = deliveries
    issue(cluster, contract, [(first, 60)])
    with pytest.raises(ValidationError) as refused:
        issue(cluster, contract, [(second, 80), (first, 41)], number="INV/2027/002")
    assert refused.value.message_dict == {
        "lines[1].quantity": ["Only 40 accepted units of this delivery are left to invoice."]}
    assert Invoice.objects.count() == 1
    second_invoice = issue(cluster, contract, [(first, 40)], number="INV/2027/002")
    assert second_invoice.amount == 40 * PRICE


def _refused(call) -> dict:
    counts = (Invoice.objects.count(), InvoiceLine.objects.count(), Payment.objects.count(),
              AuditEvent.objects.count())
    with pytest.raises(ValidationError) as refused:
        call()
    assert counts == (Invoice.objects.count(), InvoiceLine.objects.count(),
                      Payment.objects.count(), AuditEvent.objects.count())
    return refused.value.message_dict


@pytest.mark.parametrize(("change", "field"), [
    ({"quantity": 101}, "lines[0].quantity"),  # more than the 100 accepted
    ({"quantity": 0}, "lines[0].quantity"),
    ({"number": "  "}, "number"),
    ({"on": FIRST_ACCEPTED - dt.timedelta(days=1)}, "issued_on"),  # before acceptance
])
def test_bad_invoices_are_refused_with_the_field_named(cluster, contract, deliveries, change,
                                                        field):
    first, _second = deliveries
    quantity = change.pop("quantity", 100)
    errors = _refused(lambda: issue(cluster, contract, [(first, quantity)], **change))
    assert list(errors) == [field]


def test_an_invoice_is_not_dated_in_the_future(cluster, contract, deliveries):
    first, _second = deliveries
    with at(ISSUED):
        errors = _refused(lambda: services.invoice_issue(
            by=cluster.users["supplier_a"], contract=contract, number="INV-9",
            issued_on=ISSUED + dt.timedelta(days=1), lines=[(first, 10)]))
    assert list(errors) == ["issued_on"]


def test_an_uninspected_delivery_and_a_number_used_before(cluster, contract, deliveries,
                                                          invoice):
    from tests.contracts.conftest import accepted_call_off, delivered

    feb = accepted_call_off(cluster, contract, month=dt.date(2027, 2, 1))
    waiting = delivered(cluster, feb, 10, dt.date(2027, 2, 1), note="SJ-003")
    errors = _refused(lambda: issue(cluster, contract, [(waiting, 10)], number="INV/2027/001",
                                    on=dt.date(2027, 2, 2)))
    assert set(errors) == {"number", "lines[0].delivery"}


def test_nobody_but_the_supplier_issues(cluster, contract, deliveries):
    first, _second = deliveries
    for role in ("buyer_x", "admin", "viewer_a", "supplier_b"):
        with pytest.raises(PermissionDenied):
            issue(cluster, contract, [(first, 10)], by=role)
    assert issue(cluster, contract, [(first, 10)], by="staff_a").amount == 10 * PRICE


@pytest.mark.parametrize(("amount", "on", "field"), [
    (Decimal(81_000_001), dt.date(2027, 2, 20), "amount"),  # above the invoice
    (Decimal(0), dt.date(2027, 2, 20), "amount"),
    (Decimal("0.001"), dt.date(2027, 2, 20), "amount"),
    (Decimal(1000), ISSUED - dt.timedelta(days=1), "paid_on"),  # before the invoice
])
def test_bad_payments_are_refused_with_the_field_named(cluster, invoice, amount, on, field):
    with at(dt.date(2027, 2, 25)):
        errors = _refused(lambda: services.payment_record(
            by=cluster.users["buyer_x"], invoice=invoice, amount=amount, paid_on=on,
            reference="TRF-1"))
    assert list(errors) == [field]


def test_a_payment_is_not_dated_in_the_future_and_has_a_reference(cluster, invoice):
    with at(dt.date(2027, 2, 25)):
        errors = _refused(lambda: services.payment_record(
            by=cluster.users["buyer_x"], invoice=invoice, amount=Decimal(1),
            paid_on=dt.date(2027, 2, 26), reference=""))
    assert set(errors) == {"paid_on", "reference"}


def test_the_second_payment_cannot_overpay(cluster, invoice):
    pay(cluster, invoice, Decimal(80_000_000), dt.date(2027, 2, 20))
    with at(dt.date(2027, 2, 21)):
        errors = _refused(lambda: services.payment_record(
            by=cluster.users["buyer_x"], invoice=invoice, amount=Decimal(1_000_001),
            paid_on=dt.date(2027, 2, 21), reference="TRF-2"))
    assert errors == {"amount": ["Only Rp1,000,000 is left to pay on this invoice."]}


def test_only_the_buyer_side_records_payments(cluster, invoice):
    for role in ("supplier_a", "buyer_y", "viewer_x", "ministry"):
        with pytest.raises(PermissionDenied):
            pay(cluster, invoice, Decimal(1), dt.date(2027, 2, 20), by=role)
    assert pay(cluster, invoice, Decimal(1), dt.date(2027, 2, 20), by="staff_x").amount == 1


def test_a_correction_versions_the_invoice_and_is_audited(cluster, invoice, deliveries):
    first, _second = deliveries
    pay(cluster, invoice, Decimal(30_000_000), dt.date(2027, 2, 20))
    with at(dt.date(2027, 2, 21)):
        corrected = services.invoice_correct(by=cluster.users["supplier_a"], invoice=invoice,
                                             lines=[(first, 90)])
    assert corrected.version == 2 and corrected.corrected_at is not None
    assert corrected.amount == 90 * PRICE
    assert corrected.due_on == dt.date(2027, 2, 21)  # 22 January + 30 days
    assert list(corrected.lines.values_list("delivery", "quantity")) == [(first.pk, 90)]
    event = AuditEvent.objects.get(action="invoice.correct")
    assert event.before["amount"] == "81000000.00" and event.after["amount"] == "40500000.00"
    assert len(event.before["lines"]) == 2 and len(event.after["lines"]) == 1


def test_a_correction_cannot_go_below_what_is_paid(cluster, invoice, deliveries):
    first, _second = deliveries
    pay(cluster, invoice, Decimal(50_000_000), dt.date(2027, 2, 20))
    with at(dt.date(2027, 2, 21)):
        errors = _refused(lambda: services.invoice_correct(
            by=cluster.users["supplier_a"], invoice=invoice, lines=[(first, 100)]))
    assert list(errors) == ["lines"]
    invoice.refresh_from_db()
    assert invoice.version == 1 and invoice.amount == Decimal(81_000_000)


def test_a_correction_up_to_what_is_paid_settles_it(cluster, invoice, deliveries):
    first, _second = deliveries
    pay(cluster, invoice, Decimal(45_000_000), dt.date(2027, 2, 20))
    with at(dt.date(2027, 2, 21)):
        corrected = services.invoice_correct(by=cluster.users["supplier_a"], invoice=invoice,
                                             lines=[(first, 100)])
    assert corrected.settled_on == dt.date(2027, 2, 20)
    assert corrected.paid == corrected.amount == Decimal(45_000_000)


def test_under_a_price_adjustment_clause_the_delivery_months_price(cluster):
    """The contracts tests' clause: January's indices (scrap 8.800, pig iron 9.500) make the
    factor 1,04: Rp468.000 a block delivered in January."""
    from pasok.contracts import services as contracts
    from tests.contracts.conftest import (
        accepted_call_off,
        brake_block_terms,
        delivered,
        signed_contract,
    )
    from tests.contracts.test_contracts import CLAUSE

    from .conftest import accept

    contract = signed_contract(cluster, terms=brake_block_terms(price_adjustment=CLAUSE))
    contracts.price_indices_record(by=cluster.users["buyer_x"], contract=contract,
                                   month=dt.date(2027, 1, 1),
                                   values={"scrap": Decimal(8800), "pig iron": Decimal(9500)})
    call_off = accepted_call_off(cluster, contract)
    delivery = accept(delivered(cluster, call_off, 10, dt.date(2027, 1, 20)), 10,
                      dt.date(2027, 1, 22))
    invoice = issue(cluster, contract, [(delivery, 10)])
    assert invoice.lines.get().unit_price == Decimal("468000.00")
    assert invoice.amount == Decimal(4_680_000)
