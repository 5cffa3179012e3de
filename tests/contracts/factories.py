"""Contract rows for the permission matrix (tests/web/test_permission_matrix.py)."""

import datetime as dt
from decimal import Decimal

from pasok import clock
from pasok.contracts import services
from pasok.contracts.models import ContractKind

from .conftest import JAN, SIGNED_AT, accepted_call_off, brake_block_terms, signed_contract


def matrix_args(cluster, arg: str) -> list:
    """"contract": buyer X's framework contract with supplier A, signed; "contract_unsigned":
    one signed by no one; "call_off": an order under the signed one, not yet answered;
    "call_off_accepted": one accepted; "commitment": buyer X's commitment to the
    cooperative."""
    if arg == "contract_unsigned":
        with clock.frozen(SIGNED_AT):
            contract = services.contract_create(
                by=cluster.users["buyer_x"], buyer=cluster.buyer_x, supplier=cluster.supplier_a,
                title="Blok rem", kind=ContractKind.FRAMEWORK, terms=brake_block_terms())
        return [contract.public_id]
    if arg == "commitment":
        commitment = services.commitment_sign(
            by=cluster.users["buyer_x"], buyer=cluster.buyer_x, partners=[cluster.cooperative],
            family="brake_block", starts_on=JAN, ends_on=dt.date(2029, 12, 31),
            share_percent=Decimal(30))
        return [commitment.public_id]
    contract = signed_contract(cluster)
    if arg == "contract":
        return [contract.public_id]
    if arg == "call_off_accepted":
        return [accepted_call_off(cluster, contract).public_id]
    with clock.frozen(dt.datetime.combine(JAN, dt.time(2), tzinfo=dt.UTC)):
        call_off = services.call_off_issue(by=cluster.users["buyer_x"],
                                           item=contract.items.get(), month=JAN, quantity=100)
    return [call_off.public_id]
