"""The switching rules (ISO 2859-1 clause 9, rules.sampling.switching) kept across a
supplier's deliveries of one product to one buyer."""

import datetime as dt
from dataclasses import replace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pasok.accounts.actors import SYSTEM
from pasok.inspection.models import Inspection, SwitchingState
from pasok.inspection.services import (
    ncr_accept_corrective_action,
    ncr_respond,
    plan_for_delivery,
    reduced_inspection_approve,
)
from tests.contracts.conftest import FEB, brake_block_terms, signed_contract

from .factories import deliveries, inspected

pytestmark = pytest.mark.django_db


def _inspect_in_turn(cluster, lots, rejected: set[int]):
    """Inspect each lot a day apart; the lots numbered in `rejected` (from 0) with one
    nonconforming unit more than their plan's Ac."""
    results = []
    for i, lot in enumerate(lots):
        at = dt.datetime(2027, 2, 1, 3, tzinfo=dt.UTC) + dt.timedelta(days=i)
        severity = SwitchingState.objects.filter(supplier=cluster.supplier_a).values_list(
            "severity", flat=True).first() or "normal"
        plan = plan_for_delivery(lot, severity)
        results.append(inspected(cluster, lot, plan.plan.reject if i in rejected else 0, at=at))
    return results


def test_two_rejections_of_five_tighten_inspection(cluster, contract):
    lots = deliveries(cluster, contract, [40] * 5)
    results = _inspect_in_turn(cluster, lots, rejected={1, 3})
    # Lot of 40 at level II is D; normal at AQL 2.5 points up to C: n = 5, Ac 0. Tightened:
    # D, n = 8, Ac 0.
    assert [(r.severity, r.code_letter, r.sample_size, r.accept_number) for r in results] == [
        ("normal", "D", 5, 0)] * 4 + [("tightened", "D", 8, 0)]
    state = SwitchingState.objects.get()
    assert (state.severity, state.accepted_run, state.rejected_on_tightened) == (
        "tightened", 1, 0)


def test_five_acceptances_on_tightened_go_back_to_normal(cluster, contract):
    lots = deliveries(cluster, contract, [25] * 8)
    _inspect_in_turn(cluster, lots[:2], rejected={0, 1})
    assert SwitchingState.objects.get().severity == "tightened"
    results = _inspect_in_turn(cluster, lots[2:], rejected=set())
    assert [r.severity for r in results] == ["tightened"] * 5 + ["normal"]


def test_five_rejections_on_tightened_discontinue_until_the_corrective_action(cluster,
                                                                               contract):
    lots = deliveries(cluster, contract, [25] * 8)
    _inspect_in_turn(cluster, lots[:7], rejected=set(range(7)))
    state = SwitchingState.objects.get()
    assert state.severity == "discontinued"
    with pytest.raises(ValidationError) as refused:
        inspected(cluster, lots[7], 0)
    assert "delivery" in refused.value.message_dict
    assert Inspection.objects.count() == 7
    last = Inspection.objects.get(delivery=lots[6]).ncr
    ncr_respond(by=cluster.users["supplier_a"], ncr=last, root_cause="Pasir cetak basah.",
                corrective_action="Kadar air pasir diukur tiap shift.")
    ncr_accept_corrective_action(by=cluster.users["buyer_x"], ncr=last)
    state.refresh_from_db()
    assert (state.severity, state.rejected_on_tightened) == ("tightened", 0)  # 9.4
    assert inspected(cluster, lots[7], 0).severity == "tightened"


def test_reduced_inspection_waits_for_the_buyers_approval(cluster, contract):
    # A lot of 20 is C: n = 5, Ac 0, so each accepted lot adds 2 to the switching score.
    lots = deliveries(cluster, contract, [20] * 10) + deliveries(cluster, contract, [20] * 7,
                                                                 month=FEB)
    _inspect_in_turn(cluster, lots[:15], rejected=set())
    state = SwitchingState.objects.get()
    assert (state.severity, state.score) == ("normal", 30)  # reduced, were it approved
    with pytest.raises(PermissionDenied):
        reduced_inspection_approve(by=cluster.users["supplier_a"], state=state)
    reduced_inspection_approve(by=cluster.users["buyer_x"], state=state)
    results = _inspect_in_turn(cluster, lots[15:], rejected=set())
    assert [r.severity for r in results] == ["normal", "reduced"]
    state.refresh_from_db()
    assert state.severity == "reduced"
    reduced_inspection_approve(by=SYSTEM, state=state, approved=False)
    state.refresh_from_db()
    assert (state.severity, state.score, state.reduced_approved) == ("normal", 0, False)


def test_each_supplier_buyer_and_product_has_its_own_state(cluster, contract):
    terms = brake_block_terms()
    other_item = replace(terms.items[0], product="Blok rem komposit K")
    other = signed_contract(cluster, terms=brake_block_terms(items=(other_item,)))
    _inspect_in_turn(cluster, deliveries(cluster, contract, [25] * 2), rejected={0, 1})
    assert inspected(cluster, deliveries(cluster, other, [25])[0], 0).severity == "normal"
    assert sorted(SwitchingState.objects.values_list("product", "severity")) == [
        ("Blok rem komposit K", "normal"), ("Blok rem komposit besi cor P10", "tightened")]
