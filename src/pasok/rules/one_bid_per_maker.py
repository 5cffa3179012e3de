"""One maker, one bid per lot: a foundry that makes the goods of two bids on the same lot —
its own bid and a cooperative's bid naming it as a maker, or two cooperatives' bids naming
it — competes with itself. Of two such bids the later one (by when its standing version was
received) is set aside at the evaluation; the earlier stands.

Source: Pasok's own rule (design/DOMAIN.md cites no regulation for it). It is decided at
the evaluation, after the opening, and never by refusing a bid when it is submitted: a
refusal would tell one bidder that another has bid, which the seal forbids.

Read in the order received: a bid stands unless one of its makers is already a maker of a
bid that stands. A bid set aside does not count against the bids after it, so a maker in
several bids keeps exactly its earliest standing one."""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class LotBid:
    """One bid on a lot: its id, when its standing version was received (anything that
    orders: a moment), and who makes its goods (the bidder, or the members a cooperative's
    bid names)."""

    id: int
    received: Hashable
    makers: frozenset[int]


@dataclass(frozen=True)
class SetAside:
    """Why a bid is set aside: `maker` makes the goods of the earlier bid `earlier` too."""

    maker: int
    earlier: int


def set_aside(bids: Iterable[LotBid]) -> dict[int, SetAside]:
    """bid id → why, for every bid of one lot that the rule sets aside; the others stand.
    Ties in `received` go by id (the bid made first)."""
    standing: dict[int, int] = {}  # maker → the standing bid it makes
    found = {}
    for bid in sorted(bids, key=lambda b: (b.received, b.id)):
        shared = sorted(m for m in bid.makers if m in standing)
        if shared:
            found[bid.id] = SetAside(maker=shared[0], earlier=standing[shared[0]])
        else:
            standing.update(dict.fromkeys(bid.makers, bid.id))
    return found
