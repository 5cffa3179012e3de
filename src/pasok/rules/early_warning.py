"""Early warning of substitution (issue 13): a buyer whose orders of a part family from the
cluster fall while its total need of that family does not is likely buying it elsewhere,
most often imported.

Over one buyer's and family's monthly series (oldest first) of units ordered from the cluster
and units needed, the last `window` months are compared with the `window` months before, as
monthly averages: it warns when orders fell by at least `orders_fall` while the need fell by
less than `need_fall` (or rose). The defaults (below, with why) are Pasok's judgement, not a
regulation's; a caller may pass others.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

# A quarter against the quarter before: call-offs come monthly and move with maintenance
# cycles and holidays (Lebaran), so one month against the next is noise.
WINDOW_MONTHS = 3
# Orders down by a quarter: a cast-iron brake block lasts about a month of service, so orders
# follow the need closely; a quarter of a foundry's order book is more than a season moves it.
ORDERS_FALL = Decimal("0.25")
# Need down by less than a tenth counts as holding: reported needs and recorded imports are
# estimates, rounded by the buyer, and a tenth is within that.
NEED_FALL = Decimal("0.10")


@dataclass(frozen=True)
class Assessment:
    """Monthly averages of the earlier and the later window, and the verdict."""

    warns: bool
    orders_before: Decimal
    orders_after: Decimal
    need_before: Decimal
    need_after: Decimal

    @property
    def need_rose(self) -> bool:
        return self.need_after > self.need_before


def _fall(before: Decimal, after: Decimal) -> Decimal:
    """The share by which `after` is below `before` (negative when it rose; 0 from nothing)."""
    return (before - after) / before if before else Decimal(0)


def assess(ordered: Sequence, needed: Sequence, *, window: int = WINDOW_MONTHS,
           orders_fall: Decimal = ORDERS_FALL, need_fall: Decimal = NEED_FALL) -> Assessment:
    """`ordered` and `needed`: units a month, one value per month, the same months, oldest
    first (a month without orders is 0); only the last 2 × `window` months count."""
    n = len(ordered)
    if len(needed) != n:
        raise ValueError("ordered and needed cover different months")
    if window < 1 or n < 2 * window:
        raise ValueError(f"two windows of at least one month: {n} months for {window}")

    def average(series, start, end):
        return sum((Decimal(v) for v in series[start:end]), Decimal(0)) / window

    orders_before, orders_after = (average(ordered, n - 2 * window, n - window),
                                   average(ordered, n - window, n))
    need_before, need_after = (average(needed, n - 2 * window, n - window),
                               average(needed, n - window, n))
    warns = (orders_before > 0 and _fall(orders_before, orders_after) >= orders_fall
             and _fall(need_before, need_after) < need_fall)
    return Assessment(warns, orders_before, orders_after, need_before, need_after)
