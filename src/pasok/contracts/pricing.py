"""The unit price an item is invoiced at for a month: the contract's price as agreed, or,
under a price-adjustment clause, that price adjusted by the month's recorded indices
(rules.price_adjustment). Until every component's index of the month is recorded the agreed
price stands."""

import datetime as dt
from decimal import Decimal

from pasok.rules.price_adjustment import Clause

from .models import ContractItem, PriceIndexValue


def indices_of(contract, month: dt.date) -> dict[str, Decimal]:
    return dict(PriceIndexValue.objects.filter(contract=contract, month=month)
                .values_list("component", "value"))


def unit_price_for(item: ContractItem, month: dt.date) -> Decimal:
    clause = Clause.of(item.contract.price_adjustment)
    if clause is None:
        return item.unit_price
    indices = indices_of(item.contract, month)
    if any(c.name not in indices for c in clause.components):
        return item.unit_price
    return clause.adjusted(item.unit_price, indices)
