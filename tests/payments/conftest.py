"""Under the contracts tests' framework contract (tests/contracts/conftest.py): two
deliveries of January's call-off, inspected — 100 of 120 accepted on 22 January 2027, all 80
on 29 January — for supplier A to invoice."""

import datetime as dt

import pytest

from pasok import clock
from pasok.contracts.models import Delivery
from pasok.payments import services
from tests.contracts.conftest import accepted_call_off, contract, delivered  # noqa: F401

FIRST_ACCEPTED, LAST_ACCEPTED = dt.date(2027, 1, 22), dt.date(2027, 1, 29)
ISSUED = dt.date(2027, 2, 1)
DUE = dt.date(2027, 2, 28)  # 30 days after the last acceptance


def at(day: dt.date, hour: int = 4):
    """The clock frozen on `day` (a working hour in WIB)."""
    return clock.frozen(dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC))


def accept(delivery, quantity, on):
    """What inspection would set (pasok.inspection, another app's)."""
    Delivery.objects.filter(pk=delivery.pk).update(accepted_quantity=quantity, accepted_on=on)
    delivery.refresh_from_db()
    return delivery


@pytest.fixture
def deliveries(cluster, contract):  # noqa: F811
    call_off = accepted_call_off(cluster, contract)
    first = delivered(cluster, call_off, 120, dt.date(2027, 1, 20), note="SJ-001")
    second = delivered(cluster, call_off, 80, dt.date(2027, 1, 28), note="SJ-002")
    return accept(first, 100, FIRST_ACCEPTED), accept(second, 80, LAST_ACCEPTED)


def issue(cluster, contract, lines, number="INV/2027/001", on=ISSUED, by="supplier_a"):  # noqa: F811
    with at(on):
        return services.invoice_issue(by=cluster.users[by], contract=contract, number=number,
                                      issued_on=on, lines=lines)


def pay(cluster, invoice, amount, on, reference="TRF-1", by="buyer_x"):
    with at(on):
        return services.payment_record(by=cluster.users[by], invoice=invoice, amount=amount,
                                       paid_on=on, reference=reference)


@pytest.fixture
def invoice(cluster, contract, deliveries):  # noqa: F811
    first, second = deliveries
    return issue(cluster, contract, [(first, 100), (second, 80)])
