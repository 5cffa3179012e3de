"""Two inspectors recording the same lot at once on PostgreSQL, each on its own connection:
one inspection, the switching state counted once (the delivery row is locked first)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from pasok import clock
from pasok.audit.models import AuditEvent
from pasok.contracts.models import Delivery
from pasok.inspection.models import Inspection, NonConformanceReport, SwitchingState
from pasok.inspection.services import inspection_record
from tests.concurrency import race

from .factories import deliveries

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="row locks and real concurrency need PostgreSQL"),
]


def test_two_inspectors_record_the_same_lot(cluster, lot_of_200):
    def record(role, nonconforming):
        return lambda: inspection_record(by=cluster.users[role], delivery=lot_of_200,
                                         nonconforming=nonconforming)

    with clock.frozen(dt.datetime(2027, 1, 20, 3, tzinfo=dt.UTC)):
        outcomes = race(record("buyer_x", 3), record("staff_x", 3))
    won = [o for o in outcomes if isinstance(o, Inspection)]
    lost = [o for o in outcomes if not isinstance(o, Inspection)]
    assert len(won) == 1 and len(lost) == 1, outcomes
    assert isinstance(lost[0], ValidationError) and "delivery" in lost[0].message_dict
    assert Inspection.objects.count() == 1 and NonConformanceReport.objects.count() == 1
    assert SwitchingState.objects.get().recent == [False]
    assert AuditEvent.objects.filter(action="inspection.record").count() == 1
    assert Delivery.objects.get(pk=lot_of_200.pk).accepted_quantity == 0


def test_two_lots_of_one_supplier_at_once_both_count(cluster, contract):
    first, second = deliveries(cluster, contract, [100, 100])
    with clock.frozen(dt.datetime(2027, 1, 20, 3, tzinfo=dt.UTC)):
        outcomes = race(*(lambda d=d: inspection_record(by=cluster.users["buyer_x"],
                                                         delivery=d, nonconforming=4)
                           for d in (first, second)))
    assert all(isinstance(o, Inspection) for o in outcomes), outcomes
    state = SwitchingState.objects.get()  # made once, both lots counted: 2 of 2 rejected
    assert state.severity == "tightened"
