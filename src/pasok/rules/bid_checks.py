"""Price checks of an opened bid before the preference (Peraturan LKPP 12/2021 on the
procurement procedure, evaluation of price offers, under Perpres 16/2018):

- Arithmetic correction: where the total a bidder wrote differs from unit price × quantity,
  the unit price governs and the total is corrected.
- Owner-estimate ceiling: a bid whose corrected total is above the owner estimate (HPS) for
  the quantity offered is set aside.
"""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class PriceCheck:
    corrected_total: Decimal
    stated_total: Decimal | None
    corrected: bool
    above_owner_estimate: bool


def check_price(*, unit_price: Decimal, quantity: int, stated_total: Decimal | None,
                hps_unit_price: Decimal) -> PriceCheck:
    corrected_total = unit_price * quantity
    return PriceCheck(
        corrected_total=corrected_total,
        stated_total=stated_total,
        corrected=stated_total is not None and stated_total != corrected_total,
        above_owner_estimate=corrected_total > hps_unit_price * quantity,
    )
