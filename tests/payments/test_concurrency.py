"""Races on PostgreSQL, each side on its own connection: a payment racing a correction of
the same invoice, two payments at once, two invoices of the same delivery's last units.
One wins, the other is refused; nothing is lost or doubled, paid ≤ invoiced ≤ accepted."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Sum

from pasok.payments import services
from pasok.payments.models import Invoice, InvoiceLine, Payment
from tests.concurrency import race

from .conftest import at

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="row locks and real concurrency need PostgreSQL"),
]
ON = dt.date(2027, 2, 20)
PRICE = Decimal(450_000)


def _pay(cluster, invoice, amount, reference):
    return lambda: services.payment_record(by=cluster.users["buyer_x"], invoice=invoice,
                                           amount=amount, paid_on=ON, reference=reference)


def _one_refused(outcomes):
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], ValidationError), outcomes
    return errors[0]


def _adds_up(invoice):
    invoice.refresh_from_db()
    paid = Payment.objects.filter(invoice=invoice).aggregate(s=Sum("amount"))["s"] or 0
    lines = InvoiceLine.objects.filter(invoice=invoice).aggregate(s=Sum("amount"))["s"]
    assert invoice.paid == paid <= invoice.amount == lines
    return invoice


@pytest.mark.parametrize("round_", range(3))
def test_a_payment_racing_a_correction(cluster, invoice, deliveries, round_):
    """Paying 50 million while the supplier corrects the 81 million invoice down to 40,5
    million: whichever comes first, the other is refused."""
    first, _second = deliveries
    with at(ON):
        outcomes = race(
            _pay(cluster, invoice, Decimal(50_000_000), "TRF-1"),
            lambda: services.invoice_correct(by=cluster.users["supplier_a"], invoice=invoice,
                                             lines=[(first, 90)]))
    error = _one_refused(outcomes)
    invoice = _adds_up(invoice)
    if isinstance(outcomes[0], Exception):  # the correction came first
        assert list(error.message_dict) == ["amount"]
        assert invoice.version == 2 and invoice.amount == 90 * PRICE and invoice.paid == 0
    else:
        assert list(error.message_dict) == ["lines"]
        assert invoice.version == 1 and invoice.paid == Decimal(50_000_000)
        assert Payment.objects.get().invoice_id == invoice.pk


def test_two_payments_of_more_than_half_at_once(cluster, invoice):
    with at(ON):
        outcomes = race(_pay(cluster, invoice, Decimal(50_000_000), "TRF-1"),
                         _pay(cluster, invoice, Decimal(50_000_000), "TRF-2"))
    assert list(_one_refused(outcomes).message_dict) == ["amount"]
    assert _adds_up(invoice).paid == Decimal(50_000_000)
    assert Payment.objects.count() == 1


def test_two_payments_that_together_settle_it(cluster, invoice):
    with at(ON):
        outcomes = race(_pay(cluster, invoice, Decimal(40_000_000), "TRF-1"),
                         _pay(cluster, invoice, Decimal(41_000_000), "TRF-2"))
    assert not any(isinstance(o, Exception) for o in outcomes)
    invoice = _adds_up(invoice)
    assert invoice.paid == invoice.amount and invoice.settled_on == ON


def test_two_invoices_of_the_last_units_of_a_delivery(cluster, contract, deliveries):
    first, _second = deliveries

    def issue(number):
        return lambda: services.invoice_issue(by=cluster.users["supplier_a"],
                                              contract=contract, number=number,
                                              issued_on=ON, lines=[(first, 60)])

    with at(ON):
        outcomes = race(issue("INV-A"), issue("INV-B"))
    assert list(_one_refused(outcomes).message_dict) == ["lines[0].quantity"]
    assert Invoice.objects.count() == 1
    assert InvoiceLine.objects.filter(delivery=first).aggregate(n=Sum("quantity"))["n"] == 60


def test_two_invoices_with_the_same_number_at_once(cluster, contract, deliveries):
    first, second = deliveries

    def issue(delivery):
        return lambda: services.invoice_issue(by=cluster.users["supplier_a"],
                                              contract=contract, number="INV-1",
                                              issued_on=ON, lines=[(delivery, 10)])

    with at(ON):
        outcomes = race(issue(first), issue(second))
    assert list(_one_refused(outcomes).message_dict) == ["number"]
    assert Invoice.objects.count() == 1 and InvoiceLine.objects.count() == 1
