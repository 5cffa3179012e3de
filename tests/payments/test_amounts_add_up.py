"""The amounts always add up, whatever is done in whatever order: random sequences of
invoices, payments and corrections (most of them refused) never leave more invoiced of a
delivery than was accepted, more paid than invoiced, an invoice's amount other than its
lines' sum, its paid sum other than its payments', or a settlement day without full
payment."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from pasok.contracts.models import Delivery
from pasok.payments import services
from pasok.payments.models import Invoice, InvoiceLine

from .conftest import at

pytestmark = pytest.mark.django_db
TODAY = dt.date(2027, 3, 15)

units = st.integers(0, 110)
operations = st.lists(st.one_of(
    st.tuples(st.just("issue"), st.lists(st.tuples(st.integers(0, 1), units), min_size=1,
                                         max_size=2)),
    st.tuples(st.just("pay"), st.integers(0, 3),
              st.decimals(min_value=Decimal("0.01"), max_value=Decimal(60_000_000), places=2)),
    st.tuples(st.just("correct"), st.integers(0, 3),
              st.lists(st.tuples(st.integers(0, 1), units), min_size=1, max_size=2)),
), min_size=1, max_size=8)


def _apply(cluster, contract, deliveries, op, numbers):
    supplier, buyer = cluster.users["supplier_a"], cluster.users["buyer_x"]
    invoices = list(Invoice.objects.order_by("pk"))
    kind = op[0]
    if kind == "issue":
        lines = [(deliveries[i], q) for i, q in op[1]]
        services.invoice_issue(by=supplier, contract=contract, number=f"INV-{next(numbers)}",
                               issued_on=dt.date(2027, 2, 1), lines=lines)
    elif invoices and kind == "pay":
        services.payment_record(by=buyer, invoice=invoices[op[1] % len(invoices)],
                                amount=op[2], paid_on=TODAY, reference="TRF")
    elif invoices and kind == "correct":
        services.invoice_correct(by=supplier, invoice=invoices[op[1] % len(invoices)],
                                 lines=[(deliveries[i], q) for i, q in op[2]])


def _assert_it_adds_up():
    for delivery in Delivery.objects.filter(accepted_quantity__isnull=False):
        invoiced = delivery.invoice_lines.aggregate(n=Sum("quantity"))["n"] or 0
        assert invoiced <= delivery.accepted_quantity
    for invoice in Invoice.objects.all():
        lines = InvoiceLine.objects.filter(invoice=invoice)
        assert invoice.amount == sum(line.amount for line in lines)
        assert all(line.amount == line.quantity * line.unit_price for line in lines)
        assert invoice.paid == (invoice.payments.aggregate(s=Sum("amount"))["s"] or 0)
        assert 0 <= invoice.paid <= invoice.amount
        assert (invoice.settled_on is not None) == (invoice.paid == invoice.amount)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                  HealthCheck.too_slow])
@given(operations)
def test_whatever_is_done_the_amounts_add_up(cluster, contract, deliveries, ops):
    numbers = itertools.count(1)
    with transaction.atomic(), at(TODAY):
        for op in ops:
            try:
                _apply(cluster, contract, deliveries, op, numbers)
                event(f"{op[0]} done")
            except ValidationError:
                event(f"{op[0]} refused")  # refused whole: the invariants hold all the same
            _assert_it_adds_up()
        transaction.set_rollback(True)  # the next example starts from the fixtures again
