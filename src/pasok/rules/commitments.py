"""A buyer's partnership commitment (mitra tetap) kept month by month.

A commitment is either a share of the buyer's need of a part family ("at least 30% of our
brake-block need from these partners") or units a year ("12.000 brake blocks a year"). For
a share, a month's requirement is that share of the need the buyer reported for the month,
rounded up to whole units; for units a year, a twelfth of them each month (a commitment is
kept over the year, so months carry: what is ordered early counts later). Ordered means
called off from the partners, not declined. Kept so far = ordered ÷ required over the
months up to now, capped at 100%.

Worked example (share 30%): needs 1.000, 1.200, 800; ordered 300, 300, 300 → required 300,
360, 240 → kept, short by 60, kept (cumulative 900 of 900: 100% so far)."""

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class MonthKept:
    month: dt.date
    need: int | None  # None: the buyer did not report it (share commitments only)
    required: Decimal
    ordered: int
    cumulative_required: Decimal
    cumulative_ordered: int

    @property
    def kept(self) -> bool:
        """This month's requirement is met, counting what earlier months ordered beyond
        theirs."""
        return self.cumulative_ordered >= self.cumulative_required

    @property
    def shortfall(self) -> Decimal:
        return max(Decimal(0), self.cumulative_required - self.cumulative_ordered)


def required(need: int | None, *, share_percent: Decimal | None,
             units_per_year: int | None) -> Decimal:
    if (share_percent is None) == (units_per_year is None):
        raise ValueError("a commitment is a share of the need or units a year")
    if units_per_year is not None:
        return Decimal(units_per_year) / 12
    return Decimal(math.ceil(Decimal(need or 0) * share_percent / 100))


def track(months, needs: dict, ordered: dict, *, share_percent: Decimal | None = None,
          units_per_year: int | None = None) -> list[MonthKept]:
    """Each of `months` (in order) with its requirement and what was ordered."""
    rows, cum_required, cum_ordered = [], Decimal(0), 0
    for month in months:
        need = needs.get(month)
        wanted = required(need, share_percent=share_percent, units_per_year=units_per_year)
        cum_required += wanted
        cum_ordered += ordered.get(month, 0)
        rows.append(MonthKept(month, need, wanted, ordered.get(month, 0), cum_required,
                              cum_ordered))
    return rows


def kept_share(rows: list[MonthKept]) -> Decimal | None:
    """Ordered ÷ required over the months tracked, at most 1 (None: nothing required)."""
    if not rows or rows[-1].cumulative_required == 0:
        return None
    return min(Decimal(1), Decimal(rows[-1].cumulative_ordered) / rows[-1].cumulative_required)
