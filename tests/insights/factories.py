"""Imported alternatives and local contracts to compare them with, for the insights tests
and the permission matrix."""

import dataclasses
import datetime as dt
from decimal import Decimal

from pasok import clock
from pasok.contracts import services as contracts
from pasok.contracts.models import ContractKind
from pasok.insights.services import alternative_record
from tests.contracts.conftest import SIGNED_AT, brake_block_terms

# After the test contracts' months (January to March 2027): within the 12 months back.
READ_AT = dt.datetime(2027, 4, 10, 3, 0, tzinfo=dt.UTC)

COMPOSITE = {"family": "brake_block", "product": "Blok rem komposit", "origin": "Tiongkok",
             "landed_price": Decimal(480_000), "service_life_months": Decimal(5),
             "local_service_life_months": Decimal(1), "standards": "UIC 541-4, EN 16452",
             "units_per_year": 100_000, "source": "Faktur impor 2026"}


def local_contract(cluster, *, unit_price=Decimal(110_000), quantity=600,
                   tkdn=Decimal(45), buyer="buyer_x"):
    """A signed brake-block contract of `buyer` with supplier A."""
    terms = brake_block_terms()
    item = dataclasses.replace(terms.items[0], unit_price=unit_price, quantity=quantity,
                               minimum_quantity=0, schedule={terms.starts_on: quantity})
    with clock.frozen(SIGNED_AT):
        contract = contracts.contract_create(
            by=cluster.users[buyer], buyer=getattr(cluster, buyer), supplier=cluster.supplier_a,
            title="Blok rem", kind=ContractKind.FRAMEWORK,
            terms=dataclasses.replace(terms, items=(item,)), tkdn_percent=tkdn)
        contracts.contract_sign(by=cluster.users[buyer], contract=contract)
        contracts.contract_sign(by=cluster.users["supplier_a"], contract=contract)
    return contract


def buyer_x_import(cluster, **changes):
    """Buyer X's own imported composite block."""
    return alternative_record(by=cluster.users["buyer_x"], recorded_for=cluster.buyer_x,
                              **(COMPOSITE | {"buyer": cluster.buyer_x} | changes))


def market_offer(cluster, **changes):
    """An offer on the market, recorded by the ministry."""
    return alternative_record(by=cluster.users["ministry"], recorded_for=cluster.ministry,
                              **(COMPOSITE | {"origin": "Australia", "units_per_year": None}
                                 | changes))


MATRIX_ARGS = ("import_x", "import_market")


def matrix_args(cluster, arg: str) -> list:
    """"import_x": buyer X's own imported alternative; "import_market": the ministry's
    record of an offer on the market."""
    return [(buyer_x_import if arg == "import_x" else market_offer)(cluster).public_id]
