"""Warnings, never refusals: where a bid, if it won all it offers, or an award would ask more
of a foundry in a month than it has free — its monthly capacity less what is booked already
(suppliers/capacity.py). The bidder reads them on the bid page and the receipt, the buyer on
the award's confirmation page. The kilograms are those an award books: units a month ×
the lot's unit weight, a cooperative's spread over the members its bid names."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from pasok.accounts.models import Organisation
from pasok.suppliers.capacity import free_kg, whole_kg

from . import cover
from .awarding import AwardPlan
from .content import BidContent, makers
from .models import Lot


@dataclass(frozen=True)
class Overload:
    """A maker that would need more than it has free in one month."""

    organisation: str
    month: dt.date
    needed_kg: int
    free_kg: int

    @property
    def short_kg(self) -> int:
        return self.needed_kg - self.free_kg


def _overloads(load: dict[tuple[int, dt.date], Decimal]) -> list[Overload]:
    """The (organisation, month) loads in kg that exceed what is free, by name and month."""
    load = {key: whole_kg(kg) for key, kg in load.items() if kg > 0}
    free = free_kg({org for org, _month in load}, {month for _org, month in load})
    names = dict(Organisation.objects.filter(pk__in={org for org, _month in load})
                 .values_list("pk", "name"))
    found = [Overload(names[org], month, kg, free[(org, month)])
             for (org, month), kg in load.items() if kg > free[(org, month)]]
    return sorted(found, key=lambda o: (o.organisation, o.month))


def _add(load, bidder_id: int, members, lot: Lot, month: dt.date, units: int) -> None:
    kg = Decimal(units) * lot.unit_weight_kg
    for org, part in makers(bidder_id, members):
        load[(org, month)] += kg * part


def for_bid(*, lot: Lot, bidder_id: int, quantity: int, monthly_capacity: int,
            members: Iterable[tuple[int, int]] = ()) -> list[Overload]:
    """Were the bid awarded all it offers: its units filled into the lot's months as an
    award fills them (cover.py, at most its monthly capacity a month where the lot has a
    schedule), and the months its makers ((member, units) pairs of a cooperative) lack."""
    deliveries = lot.monthly_deliveries()
    monthly = monthly_capacity if lot.delivery_schedule else None
    (row,) = cover.allocate([units for _month, units in deliveries], [quantity], [monthly])
    load: dict = defaultdict(Decimal)
    members = list(members)
    for (month, _asked), units in zip(deliveries, row, strict=True):
        _add(load, bidder_id, members, lot, month, units)
    return _overloads(load)


def for_content(*, lot: Lot, bidder_id: int, content: BidContent) -> list[Overload]:
    """for_bid of a bid as it was sealed (the receipt, the standing bid)."""
    return for_bid(lot=lot, bidder_id=bidder_id, quantity=content.quantity,
                   monthly_capacity=content.monthly_capacity,
                   members=[(m.organisation, m.quantity) for m in content.members])


def for_award(plan: AwardPlan) -> list[Overload]:
    """The months the plan's awardees (their makers) lack, all lots of the award together."""
    load: dict = defaultdict(Decimal)
    for lot_award in plan.lots:
        for share in lot_award.shares:
            bid = share.evaluation.bid
            members = bid.terms.member_units
            for month, units in share.deliveries:
                _add(load, bid.bidder_id, members, lot_award.lot, month, units)
    return _overloads(load)
