"""How much of a lot's delivery schedule bids can cover: pure code, no Django.

A bid offers a quantity in all and a monthly capacity. Where the lot has a monthly schedule,
a bid delivers at most its monthly capacity in each month and never more than the month
asks; where it has none, the lot is one period and only the quantity offered limits a bid
(as in split_proposal). Several bids on one lot share the months: whether their shares can
all be delivered is a flow problem (bids → months), solved exactly here by augmenting
paths. Months are filled earliest first, so what stays uncovered is the end of the
schedule, where a new tender can still deliver it."""

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Offer:
    """What one bid offers on a lot: units in all, and units a month (None: not bound by
    month, for a lot without a schedule)."""

    quantity: int
    monthly: int | None


def periods(schedule: Sequence[int], quantity: int) -> list[int]:
    """The lot's months as the cover sees them: the schedule, or one period of the whole
    quantity."""
    return [int(units) for units in schedule] or [int(quantity)]


def allocate(months: Sequence[int], supplies: Sequence[int],
             monthly: Sequence[int | None]) -> list[list[int]]:
    """x[i][m], the units bid i delivers in month m: as many of each bid's `supplies` as the
    months and the monthly caps allow in all (a maximum flow), the earliest months filled
    first (each month's flow is maximal given the months before it)."""
    n, count = len(supplies), len(months)
    source, sink = n + count, n + count + 1
    residual: dict[int, dict[int, int]] = {v: {} for v in range(n + count + 2)}

    def edge(a: int, b: int, capacity: int) -> None:
        residual[a][b] = residual[a].get(b, 0) + capacity
        residual[b].setdefault(a, 0)

    for i, supply in enumerate(supplies):
        edge(source, i, int(supply))
        for m, demand in enumerate(months):
            cap = int(demand) if monthly[i] is None else min(int(demand), int(monthly[i]))
            if cap > 0:
                edge(i, n + m, cap)
    # Augmenting into one more month at a time never takes flow from an earlier month
    # (a path ends at the sink and cannot pass through it), hence earliest months first.
    for m, demand in enumerate(months):
        edge(n + m, sink, int(demand))
        while (path := _shortest_path(residual, source, sink)) is not None:
            pushed = min(residual[a][b] for a, b in pairwise(path))
            for a, b in pairwise(path):
                residual[a][b] -= pushed
                residual[b][a] += pushed
    # The flow on bid → month is what its reverse edge (none of its own) has gained.
    return [[residual[n + m].get(i, 0) for m in range(count)] for i in range(n)]


def _shortest_path(residual, source: int, sink: int) -> list[int] | None:
    previous = {source: source}
    queue = deque([source])
    while queue:
        node = queue.popleft()
        for nxt, capacity in residual[node].items():
            if capacity > 0 and nxt not in previous:
                previous[nxt] = node
                if nxt == sink:
                    path = [sink]
                    while path[-1] != source:
                        path.append(previous[path[-1]])
                    return path[::-1]
                queue.append(nxt)
    return None


def deliverable(months: Sequence[int], offer: Offer) -> int:
    """The most one bid can deliver on its own: its quantity, within each month's demand
    and its monthly capacity."""
    per_month = (sum(int(d) for d in months) if offer.monthly is None
                 else sum(min(int(d), offer.monthly) for d in months))
    return min(offer.quantity, per_month)


def most_coverable(months: Sequence[int], offers: Sequence[Offer]) -> int:
    """The most the bids can deliver together (each within what it offered)."""
    flows = allocate(months, [o.quantity for o in offers], [o.monthly for o in offers])
    return sum(sum(row) for row in flows)


def uncovered(months: Sequence[int], flows: Sequence[Sequence[int]]) -> list[int]:
    """What each month still needs after the bids' deliveries."""
    return [int(d) - sum(row[m] for row in flows) for m, d in enumerate(months)]
