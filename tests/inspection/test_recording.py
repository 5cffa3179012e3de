"""Inspecting a delivered lot: the plan from ISO 2859-1 under the switching state, what is
accepted, an NCR for a lot not accepted, bad input refused by field with nothing written."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pasok.audit.models import AuditEvent
from pasok.contracts.models import Delivery
from pasok.inspection.models import Inspection, NonConformanceReport, SwitchingState
from pasok.inspection.services import Finding, plan_for_delivery
from pasok.rules.sampling import plan_for_lot

from .factories import INSPECTED, deliveries, inspected

pytestmark = pytest.mark.django_db


def test_a_lot_of_200_at_aql_2_5_level_ii_is_letter_g_n_32_ac_2(lot_of_200):
    # Table I: 151-280 at level II is G; Table II-A, G at AQL 2.5: n = 32, Ac 2, Re 3.
    plan = plan_for_delivery(lot_of_200, "normal")
    assert plan == plan_for_lot(200, Decimal("2.5"), "II", "normal")
    assert (plan.code_letter, plan.sample_size, plan.plan.accept, plan.plan.reject) == \
        ("G", 32, 2, 3)


def test_two_nonconforming_of_32_accept_the_whole_lot(cluster, lot_of_200):
    inspection = inspected(cluster, lot_of_200, 2, findings=[
        Finding("hardness", 2, measured_values=["189", "262.5"], note="di luar 197-255 HB")])
    assert (inspection.severity, inspection.code_letter, inspection.sample_size,
            inspection.accept_number, inspection.accepted) == ("normal", "G", 32, 2, True)
    assert inspection.findings.get().measured_values == ["189", "262.5"]
    lot_of_200.refresh_from_db()
    assert lot_of_200.accepted_quantity == 200
    assert lot_of_200.accepted_on == dt.date(2027, 1, 20)
    assert not NonConformanceReport.objects.exists()
    state = SwitchingState.objects.get()
    assert (state.supplier, state.buyer, state.product) == (
        cluster.supplier_a, cluster.buyer_x, "Blok rem komposit besi cor P10")
    assert (state.severity, state.recent) == ("normal", [True])
    event = AuditEvent.objects.get(action="inspection.record")
    assert event.after["accepted"] is True and event.after["code_letter"] == "G"


def test_three_nonconforming_reject_the_lot_and_open_an_ncr(cluster, lot_of_200,
                                                           django_capture_on_commit_callbacks,
                                                           mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        inspection = inspected(cluster, lot_of_200, 3,
                               findings=[Finding("porosity", 2), Finding("cracks", 1)])
    assert not inspection.accepted
    lot_of_200.refresh_from_db()
    assert (lot_of_200.accepted_quantity, lot_of_200.accepted_on) == (0, dt.date(2027, 1, 20))
    ncr = inspection.ncr
    assert ncr.opened_at == INSPECTED and ncr.closed_at is None
    assert AuditEvent.objects.filter(action="ncr.open").count() == 1
    told = {m.to[0] for m in mailoutbox}
    assert "supplier_a@example.id" in told and "buyer_x@example.id" not in told


def test_sorting_a_rejected_lot_accepts_the_good_units_found(cluster, lot_of_200):
    inspection = inspected(cluster, lot_of_200, 5, sorted_accepted_quantity=181)
    lot_of_200.refresh_from_db()
    assert not inspection.accepted and inspection.sorted_accepted_quantity == 181
    assert lot_of_200.accepted_quantity == 181
    assert inspection.ncr.pk  # still a lot not accepted: the supplier answers for it


def _nothing_written(delivery):
    delivery.refresh_from_db()
    assert delivery.accepted_quantity is None and delivery.accepted_on is None
    assert not Inspection.objects.exists() and not NonConformanceReport.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="inspection.").exists()
    assert all(s.recent == [] for s in SwitchingState.objects.all())


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"nonconforming": 33}, "nonconforming"),          # more than the sample of 32
    ({"nonconforming": -1}, "nonconforming"),
    ({"nonconforming": 1, "findings": [Finding("cracks", 2)]}, "findings[0].count"),
    ({"nonconforming": 2, "findings": [Finding("glitter", 1)]}, "findings[0].kind"),
    ({"nonconforming": 2, "findings": [Finding("hardness", 1, ["keras"])]},
     "findings[0].measured_values"),
    ({"nonconforming": 2, "findings": [Finding("cracks", 1), Finding("cracks", 1)]},
     "findings"),
    ({"nonconforming": 1, "sorted_accepted_quantity": 150}, "sorted_accepted_quantity"),
    ({"nonconforming": 5, "sorted_accepted_quantity": 196}, "sorted_accepted_quantity"),
])
def test_bad_input_is_refused_by_field_and_nothing_is_written(cluster, lot_of_200, kwargs,
                                                              field):
    with pytest.raises(ValidationError) as refused:
        inspected(cluster, lot_of_200, **kwargs)
    assert field in refused.value.message_dict
    _nothing_written(lot_of_200)


def test_a_delivery_is_inspected_once(cluster, lot_of_200):
    inspected(cluster, lot_of_200, 0)
    with pytest.raises(ValidationError) as refused:
        inspected(cluster, lot_of_200, 0)
    assert "delivery" in refused.value.message_dict
    assert Inspection.objects.count() == 1
    assert SwitchingState.objects.get().recent == [True]


@pytest.mark.parametrize("role", ["supplier_a", "viewer_x", "buyer_y", "ministry"])
def test_only_the_buyers_writers_inspect(cluster, lot_of_200, role):
    with pytest.raises(PermissionDenied):
        inspected(cluster, lot_of_200, 0, by=role)
    _nothing_written(lot_of_200)


def test_the_buyers_staff_inspect(cluster, lot_of_200):
    assert inspected(cluster, lot_of_200, 0, by="staff_x").inspected_by == \
        cluster.users["staff_x"]


def test_a_whole_lot_is_inspected_when_the_sample_would_be_larger(cluster, contract):
    lot = deliveries(cluster, contract, [3])[0]  # A at level II, its plan's n above 3
    inspection = inspected(cluster, lot, 0)
    assert inspection.sample_size == 3 == inspection.lot_size
    with pytest.raises(ValidationError) as refused:
        inspected(cluster, deliveries(cluster, contract, [3])[0], 4)
    assert "nonconforming" in refused.value.message_dict
    assert Delivery.objects.filter(inspection__isnull=True).count() == 1


def test_a_single_unit_is_inspected_whole(cluster, contract):
    inspection = inspected(cluster, deliveries(cluster, contract, [1])[0], 0)
    assert (inspection.lot_size, inspection.sample_size, inspection.accepted) == (1, 1, True)
