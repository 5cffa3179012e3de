"""A framework contract in force between buyer_x (PT KAI) and supplier_a, signed by both,
with one item of 600 brake blocks over three months from January 2027; and helpers that
issue, accept and deliver call-offs under it. Shared by the contracts, inspection and
payments tests."""

import datetime as dt
from decimal import Decimal

import pytest

from pasok import clock
from pasok.contracts import services
from pasok.contracts.models import ContractKind
from pasok.contracts.terms import ContractTerms, ItemTerms

JAN, FEB, MAR = dt.date(2027, 1, 1), dt.date(2027, 2, 1), dt.date(2027, 3, 1)
SIGNED_AT = dt.datetime(2026, 12, 10, 3, 0, tzinfo=dt.UTC)


def brake_block_terms(**changes) -> ContractTerms:
    item = ItemTerms(number=1, product="Blok rem komposit besi cor P10",
                     unit_weight_kg=Decimal("9.50"), unit_price=Decimal(450_000),
                     quantity=600, minimum_quantity=300, family="brake_block", grade="P10",
                     schedule={JAN: 200, FEB: 200, MAR: 200})
    terms = ContractTerms(starts_on=JAN, ends_on=dt.date(2027, 3, 31), payment_term_days=30,
                          items=(item,))
    return ContractTerms(**{**terms.__dict__, **changes})


def signed_contract(cluster, terms=None, supplier=None):
    users = cluster.users
    with clock.frozen(SIGNED_AT):
        contract = services.contract_create(
            by=users["buyer_x"], buyer=cluster.buyer_x, supplier=supplier or cluster.supplier_a,
            title="Blok rem 2027", kind=ContractKind.FRAMEWORK,
            terms=terms or brake_block_terms())
        services.contract_sign(by=users["buyer_x"], contract=contract)
        signer = users["cooperative"] if supplier == cluster.cooperative else users["supplier_a"]
        services.contract_sign(by=signer, contract=contract)
    contract.refresh_from_db()
    return contract


def accepted_call_off(cluster, contract, month=JAN, quantity=200, maker=None):
    """A call-off issued on the month's first day and accepted by its maker."""
    users = cluster.users
    maker_user = {cluster.supplier_a.pk: "supplier_a", cluster.cooperative.pk: "cooperative"}
    with clock.frozen(dt.datetime.combine(month, dt.time(2), tzinfo=dt.UTC)):
        call_off = services.call_off_issue(by=users["buyer_x"], item=contract.items.get(),
                                           month=month, quantity=quantity, maker=maker)
        services.call_off_answer(by=users[maker_user[call_off.maker_id]], call_off=call_off,
                                 accept=True)
    call_off.refresh_from_db()
    return call_off


def delivered(cluster, call_off, quantity, received_on, note="SJ-001", replaces=None):
    with clock.frozen(dt.datetime.combine(received_on, dt.time(5), tzinfo=dt.UTC)):
        return services.delivery_record(
            by=cluster.users["buyer_x"], call_off=call_off, note_number=note,
            shipped_on=received_on - dt.timedelta(days=1), received_on=received_on,
            quantity=quantity, replaces=replaces)


@pytest.fixture
def contract(cluster):
    return signed_contract(cluster)
