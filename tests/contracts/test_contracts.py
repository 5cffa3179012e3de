"""Contracts: made by hand or from a final award, signed by both parties (the first version
in force), amended by a new version both sign, with bad terms refused field by field."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pasok import clock
from pasok.audit.models import AuditEvent
from pasok.contracts import services
from pasok.contracts.models import Contract, ContractKind, ContractVersion, Status
from pasok.contracts.terms import rescheduled
from pasok.suppliers.models import BookedMonth

from .conftest import FEB, JAN, MAR, SIGNED_AT, accepted_call_off, brake_block_terms


def _create(cluster, **kw):
    with clock.frozen(SIGNED_AT):
        return services.contract_create(
            by=cluster.users["buyer_x"], buyer=cluster.buyer_x, supplier=cluster.supplier_a,
            title="Blok rem 2027", kind=ContractKind.FRAMEWORK,
            terms=kw.pop("terms", brake_block_terms()), **kw)


def test_a_contract_is_in_force_once_both_parties_have_signed(cluster):
    contract = _create(cluster)
    assert contract.reference == "KTR-2026-00001" and contract.status == Status.UNSIGNED
    services.contract_sign(by=cluster.users["supplier_a"], contract=contract)
    contract.refresh_from_db()
    assert contract.version == 0
    services.contract_sign(by=cluster.users["buyer_x"], contract=contract)
    contract.refresh_from_db()
    assert contract.version == 1
    assert contract.status_on(dt.date(2026, 12, 31)) == Status.SIGNED
    assert contract.status_on(FEB) == Status.ACTIVE
    assert contract.status_on(dt.date(2027, 4, 1)) == Status.ENDED
    signed = AuditEvent.objects.filter(action="contract.sign").order_by("pk")
    assert [(e.actor_id, e.after["side"]) for e in signed] == [
        (cluster.users["supplier_a"].pk, "supplier"), (cluster.users["buyer_x"].pk, "buyer")]


def test_only_each_partys_admin_signs_for_it(cluster):
    contract = _create(cluster)
    for role in ("supplier_b", "buyer_y", "ministry", "admin", "staff_x", "viewer_a"):
        with pytest.raises(PermissionDenied):
            services.contract_sign(by=cluster.users[role], contract=contract)
    services.contract_sign(by=cluster.users["buyer_x"], contract=contract)
    with pytest.raises(ValidationError, match="sudah menandatangani versi ini"):
        services.contract_sign(by=cluster.users["buyer_x"], contract=contract)


def test_signing_books_the_schedule_and_accepted_call_offs_replace_it(cluster, contract):
    booked = {b.month: b.kg for b in BookedMonth.objects.filter(organisation=cluster.supplier_a)}
    assert booked == {JAN: 1900, FEB: 1900, MAR: 1900}  # 200 × 9.50 kg a month
    accepted_call_off(cluster, contract, month=JAN, quantity=150)
    booked = {b.month: b.kg for b in BookedMonth.objects.filter(organisation=cluster.supplier_a)}
    assert booked == {JAN: 1425, FEB: 1900, MAR: 1900}


def test_bad_terms_are_refused_each_under_its_field_and_nothing_is_written(cluster):
    terms = brake_block_terms(ends_on=dt.date(2026, 12, 1), payment_term_days=0)
    terms = terms.with_item(1, quantity=100, minimum_quantity=200, unit_price=Decimal(0))
    with pytest.raises(ValidationError) as refused:
        _create(cluster, terms=terms)
    fields = refused.value.message_dict
    assert {"ends_on", "payment_term_days", "items.1.minimum_quantity", "items.1.unit_price",
            "items.1.schedule"} <= set(fields)
    assert not Contract.objects.exists() and not ContractVersion.objects.exists()


def test_a_price_adjustment_clause_that_does_not_add_up_is_refused(cluster):
    clause = {"fixed": "0.30", "components": [{"name": "scrap", "weight": "0.50",
                                               "base_index": "8000"}]}
    with pytest.raises(ValidationError) as refused:
        _create(cluster, terms=brake_block_terms(price_adjustment=clause))
    assert "price_adjustment" in refused.value.message_dict
    clause["components"].append({"name": "pig iron", "weight": "0.20", "base_index": "10000"})
    assert _create(cluster, terms=brake_block_terms(price_adjustment=clause)).price_adjustment \
        == clause


def test_an_amendment_takes_effect_when_both_have_signed_it(cluster, contract):
    terms = services.terms_of(contract)
    item = terms.items[0]
    amended = terms.with_item(1, quantity=800, unit_price=Decimal(460_000),
                              schedule=rescheduled(item.schedule, 800))
    version = services.contract_amend(by=cluster.users["buyer_x"], contract=contract,
                                      terms=amended, reason="Tambahan kebutuhan Maret")
    assert version.number == 2
    assert contract.items.get().quantity == 600  # the terms in force stay
    with pytest.raises(ValidationError, match="menunggu tanda tangan"):
        services.contract_amend(by=cluster.users["buyer_x"], contract=contract, terms=amended,
                                reason="lagi")
    services.contract_sign(by=cluster.users["buyer_x"], contract=contract)
    services.contract_sign(by=cluster.users["supplier_a"], contract=contract)
    contract.refresh_from_db()
    item = contract.items.get()
    assert (contract.version, item.quantity, item.unit_price) == (2, 800, Decimal(460_000))
    assert {m.month: m.units for m in item.months.all()} == {JAN: 200, FEB: 200, MAR: 400}
    booked = {b.month: b.kg for b in BookedMonth.objects.filter(organisation=cluster.supplier_a)}
    assert booked[MAR] == 3800


def test_an_amendment_cannot_cut_below_what_is_ordered(cluster, contract):
    accepted_call_off(cluster, contract, month=JAN, quantity=200)
    terms = services.terms_of(contract)
    cut = terms.with_item(1, quantity=150, minimum_quantity=0,
                          schedule=rescheduled(terms.items[0].schedule, 150))
    with pytest.raises(ValidationError) as refused:
        services.contract_amend(by=cluster.users["buyer_x"], contract=contract, terms=cut,
                                reason="Kurangi")
    assert "items.1.quantity" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.contract_amend(by=cluster.users["buyer_x"], contract=contract, terms=terms,
                                reason=" ")
    assert "reason" in refused.value.message_dict


def test_only_the_buyers_side_amends(cluster, contract):
    terms = services.terms_of(contract)
    for role in ("supplier_a", "ministry", "viewer_x", "buyer_y"):
        with pytest.raises(PermissionDenied):
            services.contract_amend(by=cluster.users[role], contract=contract, terms=terms,
                                    reason="x")


def test_rescheduling_moves_the_last_months():
    schedule = {JAN: 200, FEB: 200, MAR: 200}
    assert rescheduled(schedule, 700) == {JAN: 200, FEB: 200, MAR: 300}
    assert rescheduled(schedule, 300) == {JAN: 200, FEB: 100, MAR: 0}
    assert rescheduled({}, 5) == {}
