"""The contracts tests' framework contract (buyer X buys 600 brake blocks from supplier A)
and a lot of 200 delivered under it (tests/inspection/factories.py has the helpers)."""

import pytest

from tests.contracts.conftest import signed_contract

from .factories import deliveries


@pytest.fixture
def contract(cluster):
    return signed_contract(cluster)


@pytest.fixture
def lot_of_200(cluster, contract):
    return deliveries(cluster, contract, [200])[0]
