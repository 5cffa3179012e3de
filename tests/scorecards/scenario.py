"""Three months of supplier A's brake-block contract with PT KAI (tests/contracts/conftest):
January's 200 arrive on the 20th, 20 are sorted out and replaced on 5 February (late);
February's 200 arrive and pass; March's order is open. Inspection (another app) sets the
accepted quantity: here written on the row, as its service would."""

import datetime as dt
from decimal import Decimal

from pasok.contracts.models import Contract, Delivery
from tests.contracts.conftest import FEB, JAN, MAR, accepted_call_off, delivered

TODAY = dt.date(2027, 3, 15)


def inspected(delivery, accepted, on):
    Delivery.objects.filter(pk=delivery.pk).update(accepted_quantity=accepted, accepted_on=on)
    delivery.refresh_from_db()
    return delivery


def three_months(cluster, contract, tkdn=Decimal(45)):
    Contract.objects.filter(pk=contract.pk).update(tkdn_percent=tkdn)
    january = accepted_call_off(cluster, contract, JAN)
    first = inspected(delivered(cluster, january, 200, dt.date(2027, 1, 20)), 180,
                      dt.date(2027, 1, 21))
    inspected(delivered(cluster, january, 20, dt.date(2027, 2, 5), note="SJ-002",
                        replaces=first), 20, dt.date(2027, 2, 6))
    february = accepted_call_off(cluster, contract, FEB)
    inspected(delivered(cluster, february, 200, dt.date(2027, 2, 20), note="SJ-003"), 200,
              dt.date(2027, 2, 21))
    accepted_call_off(cluster, contract, MAR)
