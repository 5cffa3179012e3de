"""Call-off orders and deliveries under a contract in force; contracts made from a final
award. Bad input is refused with the field named and nothing written."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.services import organisation_verify
from pasok.contracts import services
from pasok.contracts.models import CallOff, CallOffStatus, ContractKind, Delivery
from pasok.suppliers.models import MaterialGrade
from pasok.tenders.services import (
    bid_submit,
    lot_add,
    tender_award,
    tender_create,
    tender_evaluate,
    tender_open,
    tender_publish,
)

from .conftest import FEB, JAN, accepted_call_off, delivered

IN_JAN = dt.datetime(2027, 1, 5, 2, tzinfo=dt.UTC)


def _issue(cluster, contract, **kw):
    with clock.frozen(IN_JAN):
        return services.call_off_issue(by=cluster.users["buyer_x"], item=contract.items.get(),
                                       **{"month": JAN, "quantity": 100, **kw})


def test_an_order_within_what_is_left(cluster, contract):
    first = _issue(cluster, contract, quantity=500)
    assert first.reference == "SP-2027-00001" and first.deliver_by == dt.date(2027, 1, 31)
    with pytest.raises(ValidationError) as refused:
        _issue(cluster, contract, quantity=101)
    assert refused.value.message_dict["quantity"] == ["Hanya 100 unit item ini yang tersisa "
                                                      "untuk dipesan."]
    with clock.frozen(IN_JAN):
        services.call_off_answer(by=cluster.users["supplier_a"], call_off=first, accept=False,
                                 reason="Tungku sedang diperbaiki")
    assert _issue(cluster, contract, quantity=600).quantity == 600  # a declined one frees


def test_an_order_outside_the_period_or_on_an_ended_contract_is_refused(cluster, contract):
    with pytest.raises(ValidationError) as refused:
        _issue(cluster, contract, month=dt.date(2027, 4, 1))
    assert "month" in refused.value.message_dict
    with clock.frozen(dt.datetime(2027, 4, 2, tzinfo=dt.UTC)), \
            pytest.raises(ValidationError) as refused:
        services.call_off_issue(by=cluster.users["buyer_x"], item=contract.items.get(),
                                month=dt.date(2027, 3, 1), quantity=10)
    assert "month" in refused.value.message_dict
    assert not CallOff.objects.exists()


def test_an_order_goes_to_the_supplier_or_a_cooperatives_member(cluster, contract):
    with pytest.raises(ValidationError) as refused:
        _issue(cluster, contract, maker=cluster.supplier_b)
    assert "maker" in refused.value.message_dict


def test_only_the_maker_answers_and_a_decline_needs_a_reason(cluster, contract):
    call_off = _issue(cluster, contract)
    for role in ("buyer_x", "supplier_b", "viewer_a", "admin"):
        with pytest.raises(PermissionDenied):
            services.call_off_answer(by=cluster.users[role], call_off=call_off, accept=True)
    with pytest.raises(ValidationError) as refused:
        services.call_off_answer(by=cluster.users["staff_a"], call_off=call_off, accept=False)
    assert "decline_reason" in refused.value.message_dict
    services.call_off_answer(by=cluster.users["staff_a"], call_off=call_off, accept=True)
    call_off.refresh_from_db()
    assert call_off.status == CallOffStatus.ACCEPTED
    with pytest.raises(ValidationError, match="sudah dijawab"):
        services.call_off_answer(by=cluster.users["supplier_a"], call_off=call_off,
                                 accept=False, reason="x")


def test_deliveries_partial_and_never_above_the_order(cluster, contract):
    call_off = accepted_call_off(cluster, contract, quantity=200)
    delivered(cluster, call_off, 120, dt.date(2027, 1, 15), note="SJ-1")
    with pytest.raises(ValidationError) as refused:
        delivered(cluster, call_off, 81, dt.date(2027, 1, 20), note="SJ-2")
    assert refused.value.message_dict["quantity"] == ["Hanya 80 unit pesanan ini yang tersisa "
                                                      "untuk dikirim."]
    delivered(cluster, call_off, 80, dt.date(2027, 1, 20), note="SJ-2")
    assert services.delivered_units(call_off) == 200


def test_bad_deliveries_name_the_field(cluster, contract):
    call_off = accepted_call_off(cluster, contract)
    with clock.frozen(dt.datetime(2027, 1, 10, tzinfo=dt.UTC)), \
            pytest.raises(ValidationError) as refused:
        services.delivery_record(by=cluster.users["buyer_x"], call_off=call_off,
                                 note_number=" ", shipped_on=dt.date(2027, 1, 9),
                                 received_on=dt.date(2027, 1, 8), quantity=0)
    assert {"note_number", "received_on", "quantity"} <= set(refused.value.message_dict)
    issued = _issue(cluster, contract, month=FEB)
    with pytest.raises(ValidationError) as refused:
        delivered(cluster, issued, 10, dt.date(2027, 2, 3))
    assert "call_off" in refused.value.message_dict
    assert not Delivery.objects.exists()


def test_a_replacement_replaces_what_was_not_accepted(cluster, contract):
    call_off = accepted_call_off(cluster, contract, quantity=200)
    first = delivered(cluster, call_off, 200, dt.date(2027, 1, 15))
    with pytest.raises(ValidationError) as refused:
        delivered(cluster, call_off, 10, dt.date(2027, 1, 25), note="SJ-R", replaces=first)
    assert "replaces" in refused.value.message_dict  # not inspected yet
    Delivery.objects.filter(pk=first.pk).update(accepted_quantity=150, accepted_on=JAN)
    first.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        delivered(cluster, call_off, 51, dt.date(2027, 1, 25), note="SJ-R", replaces=first)
    assert "quantity" in refused.value.message_dict
    replacement = delivered(cluster, call_off, 50, dt.date(2027, 1, 25), note="SJ-R",
                            replaces=first)
    assert replacement.replaces == first and services.delivered_units(call_off) == 200


def _final_award(cluster):
    buyer, supplier = cluster.users["buyer_x"], cluster.users["supplier_a"]
    organisation_verify(by=SYSTEM, organisation=cluster.supplier_a)
    start = dt.datetime(2026, 11, 2, 2, tzinfo=dt.UTC)
    with clock.frozen(start):
        tender = tender_create(by=buyer, buyer=cluster.buyer_x, title="Blok rem KRL",
                               bid_deadline=start + dt.timedelta(days=1),
                               opening_time=start + dt.timedelta(days=1),
                               first_delivery_month=JAN)
        lot = lot_add(by=buyer, tender=tender, product="Blok rem P10", family="brake_block",
                      quantity=300,
                      unit_weight_kg=Decimal("9.5"), hps_unit_price=Decimal(500_000),
                      delivery_schedule=[100, 100, 100],
                      grade=MaterialGrade.objects.get(code="P10"))
        tender_publish(by=buyer, tender=tender)
        bid_submit(by=supplier, lot=lot, unit_price=450_000, quantity=300,
                   monthly_capacity=300)
    with clock.frozen(start + dt.timedelta(days=2)):
        tender_open(by=buyer, tender=tender)
        tender_evaluate(by=buyer, tender=tender)
        tender_award(by=buyer, tender=tender)
    return tender


def test_a_final_award_becomes_a_contract_per_supplier(cluster):
    tender = _final_award(cluster)
    with clock.frozen(dt.datetime(2026, 11, 5, tzinfo=dt.UTC)), \
            pytest.raises(ValidationError, match="sudah final"):
        services.contracts_from_award(by=cluster.users["buyer_x"], tender=tender)
    with pytest.raises(PermissionDenied):
        services.contracts_from_award(by=cluster.users["supplier_a"], tender=tender)
    [contract] = services.contracts_from_award(by=cluster.users["buyer_x"], tender=tender)
    item = contract.items.get()
    assert (contract.kind, contract.supplier, contract.tender) == (
        ContractKind.FRAMEWORK, cluster.supplier_a, tender)
    assert (item.quantity, item.unit_price, item.family, item.award.bid.bidder) == (
        300, Decimal(450_000), "brake_block", cluster.supplier_a)
    assert {m.month: m.units for m in item.months.all()} == {
        JAN: 100, FEB: 100, dt.date(2027, 3, 1): 100}
    assert (contract.starts_on, contract.ends_on) == (JAN, dt.date(2027, 3, 31))
    with pytest.raises(ValidationError, match="sudah masuk kontrak"):
        services.contracts_from_award(by=cluster.users["buyer_x"], tender=tender)
