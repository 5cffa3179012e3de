"""Rows for the web tests (permission matrix, query counts): a signed contract of buyer X
with supplier A, n deliveries of January accepted, and invoices over them."""

import datetime as dt

from pasok import clock
from pasok.contracts.models import Delivery
from pasok.payments import services
from tests.contracts.conftest import accepted_call_off, delivered, signed_contract

ACCEPTED_ON = dt.date(2027, 1, 25)
ISSUED_ON = dt.date(2027, 2, 1)


def accepted_deliveries(cluster, contract, n: int, units: int = 10) -> list[Delivery]:
    call_off = accepted_call_off(cluster, contract, quantity=n * units)
    made = [delivered(cluster, call_off, units, dt.date(2027, 1, 20), note=f"SJ-{i:03d}")
            for i in range(n)]
    Delivery.objects.filter(pk__in=[d.pk for d in made]).update(accepted_quantity=units,
                                                                accepted_on=ACCEPTED_ON)
    return list(Delivery.objects.filter(pk__in=[d.pk for d in made]).order_by("pk"))


def invoices(cluster, contract, deliveries, prefix="INV") -> list:
    """One invoice per delivery, each of all its accepted units."""
    with clock.frozen(dt.datetime.combine(ISSUED_ON, dt.time(3), tzinfo=dt.UTC)):
        return [services.invoice_issue(by=cluster.users["supplier_a"], contract=contract,
                                       number=f"{prefix}/{contract.reference}/{d.note_number}",
                                       issued_on=ISSUED_ON, lines=[(d, d.accepted_quantity)])
                for d in deliveries]


def matrix_args(cluster, arg: str) -> list:
    contract = signed_contract(cluster)
    deliveries = accepted_deliveries(cluster, contract, 2)
    if arg == "pay_contract":
        return [contract.public_id]
    (invoice,) = invoices(cluster, contract, deliveries[:1])
    return [invoice.public_id]
