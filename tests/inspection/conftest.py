"""The contracts tests' framework contract (buyer X buys 600 brake blocks from supplier A),
and helpers that deliver lots under it and inspect them as buyer X's admin."""

import datetime as dt

import pytest

from pasok import clock
from pasok.inspection import services
from tests.contracts.conftest import JAN, accepted_call_off, delivered, signed_contract

INSPECTED = dt.datetime(2027, 1, 20, 3, 0, tzinfo=dt.UTC)  # 10:00 in Jakarta


def deliveries(cluster, contract, sizes, month=JAN):
    """One call-off of the lots' total, accepted, and one delivery a lot, received on the
    month's 10th onwards."""
    call_off = accepted_call_off(cluster, contract, month=month, quantity=sum(sizes))
    return [delivered(cluster, call_off, size, month + dt.timedelta(days=9 + i),
                      note=f"SJ-{i + 1:03}")
            for i, size in enumerate(sizes)]


def inspected(cluster, delivery, nonconforming, by="buyer_x", at=INSPECTED, **kw):
    with clock.frozen(at):
        return services.inspection_record(by=cluster.users[by], delivery=delivery,
                                          nonconforming=nonconforming, **kw)


@pytest.fixture
def contract(cluster):
    return signed_contract(cluster)


@pytest.fixture
def lot_of_200(cluster, contract):
    return deliveries(cluster, contract, [200])[0]
