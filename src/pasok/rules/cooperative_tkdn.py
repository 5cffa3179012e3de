"""TKDN and BMP of a cooperative's bid built from the members who make the goods.

A cooperative bids at one unit price for goods its named members make, each a number of
units. Its TKDN is then the combined TKDN of several products (Permenperin 35/2025; the
formula is rules.tkdn.combined_tkdn: Σ(TKDN_j × price_j) / Σ price_j) with price_j = units_j
× the bid's unit price. The unit price cancels, so the value-weighted and the
quantity-weighted TKDN coincide: each member's value weighted by the units it makes.

BMP (bobot manfaat perusahaan) is the benefit weight of the company that makes the goods, so
where the members' TKDN values are used their BMP values are weighted the same way (a
cooperative citing its own certificate or worksheet uses its own BMP, like any bidder).

The result is stated to two decimals, as a certificate states it, rounded down: a bid never
claims more local content than its members' values give.

Worked example: A 45% × 600 units, B 30% × 400 units → (45 × 600 + 30 × 400) / 1000 = 39%.
"""

from decimal import ROUND_DOWN, Decimal

from .tkdn import combined_tkdn

PLACES = Decimal("0.01")


def weighted_by_units(values: list[tuple[Decimal, int]]) -> Decimal:
    """Σ(value × units) / Σ units over (percent, units) pairs, to two decimals rounded
    down. Refuses a member making no units: it would be named for nothing."""
    if any(int(units) <= 0 for _value, units in values):
        raise ValueError("every member makes more than 0 units")
    exact = combined_tkdn([(Decimal(value), Decimal(int(units))) for value, units in values])
    return exact.quantize(PLACES, rounding=ROUND_DOWN)
