"""Lots delivered under the contracts tests' framework contract (buyer X buys brake blocks
from supplier A) and inspected as buyer X's admin; and the rows the permission matrix and
the query-count tests read the inspection pages with."""

import datetime as dt
from dataclasses import replace

from pasok import clock
from pasok.inspection import services
from pasok.inspection.models import SwitchingState
from tests.contracts.conftest import (
    JAN,
    accepted_call_off,
    brake_block_terms,
    delivered,
    signed_contract,
)

INSPECTED = dt.datetime(2027, 1, 20, 3, 0, tzinfo=dt.UTC)  # 10:00 in Jakarta


def deliveries(cluster, contract, sizes, month=JAN, item=None, note="SJ"):
    """One call-off of the lots' total, accepted, and one delivery a lot, received on the
    month's 10th onwards."""
    call_off = accepted_call_off(cluster, contract, month=month, quantity=sum(sizes)) \
        if item is None else _call_off_of(cluster, item, month, sum(sizes))
    return [delivered(cluster, call_off, size, month + dt.timedelta(days=9 + i),
                      note=f"{note}-{i + 1:03}")
            for i, size in enumerate(sizes)]


def _call_off_of(cluster, item, month, quantity):
    from pasok.contracts import services as contracts

    users = cluster.users
    with clock.frozen(dt.datetime.combine(month, dt.time(2), tzinfo=dt.UTC)):
        call_off = contracts.call_off_issue(by=users["buyer_x"], item=item, month=month,
                                            quantity=quantity)
        contracts.call_off_answer(by=users["supplier_a"], call_off=call_off, accept=True)
    return call_off


def inspected(cluster, delivery, nonconforming, by="buyer_x", at=INSPECTED, **kw):
    with clock.frozen(at):
        return services.inspection_record(by=cluster.users[by], delivery=delivery,
                                          nonconforming=nonconforming, **kw)


def contract_of_products(cluster, products):
    """A signed contract of one item of 100 units for each of `products`."""
    item = brake_block_terms().items[0]
    items = tuple(replace(item, number=i + 1, product=product, quantity=100,
                          minimum_quantity=0, schedule={JAN: 100})
                  for i, product in enumerate(products))
    return signed_contract(cluster, terms=brake_block_terms(items=items))


MATRIX_ARGS = ("lot", "lot_inspected", "ncr", "switching_state")


def matrix_args(cluster, arg):
    """A lot of 200 from supplier A to buyer X awaiting inspection; or inspected and not
    accepted, its NCR unanswered, and the switching state it moved."""
    lot = deliveries(cluster, signed_contract(cluster), [200])[0]
    if arg == "lot":
        return [lot.public_id]
    inspection = inspected(cluster, lot, 4)
    if arg == "lot_inspected":
        return [lot.public_id]
    if arg == "ncr":
        return [inspection.ncr.public_id]
    return [SwitchingState.objects.get().pk]
