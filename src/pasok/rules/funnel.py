"""A conversion funnel of business matching (issue 14: meetings → RFQs → samples → orders).

No regulation sets it: it is the sales-pipeline arithmetic the ministry asked for. Stages are
ordered 1, 2, … n; a pairing at stage k has passed every stage up to k, so it counts for
each of them (`reached`), and it reached stage s on the earliest day recorded for any stage
≥ s (`reached_on`: a pairing recorded straight at "first order" reached "RFQ issued" that
day too). A step's conversion is the share of the previous stage's count that went on; the
overall conversion the share of the first stage's.

Worked example: pairings at stages [1, 1, 2, 3, 5] over 6 stages reach [5, 3, 2, 1, 1, 0];
from 5 meetings 3 got an RFQ (60%), 2 of those samples (66.67%), …; overall 20% got to a
first order."""

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

HUNDRED = Decimal(100)


def reached(highest: Iterable[int], stages: int) -> list[int]:
    """How many pairings reached each stage 1..`stages`, given each one's highest."""
    counts = [0] * stages
    for top in highest:
        if not 1 <= top <= stages:
            raise ValueError(f"stage {top} is outside 1..{stages}")
        for s in range(top):
            counts[s] += 1
    return counts


def reached_on(days: Mapping[int, dt.date], stage: int) -> dt.date | None:
    """The day a pairing with `days` (stage → day recorded) reached `stage`: the earliest
    day of a recorded stage at or above it; None when it has not."""
    return min((day for s, day in days.items() if s >= stage), default=None)


def _percent(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (HUNDRED * part / whole).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass(frozen=True)
class Step:
    count: int
    from_previous: Decimal | None  # % of the previous stage's count; None for the first
    overall: Decimal | None  # % of the first stage's count


def conversion(counts: Sequence[int]) -> list[Step]:
    """Each stage's count with its conversion from the one before and from the first.
    Counts must not grow from one stage to the next (a later stage implies the earlier)."""
    if any(c < 0 for c in counts):
        raise ValueError("counts are not negative")
    if any(later > earlier for earlier, later in pairwise(counts)):
        raise ValueError("a later stage cannot count more than an earlier one")
    first = counts[0] if counts else 0
    return [Step(c, None if i == 0 else _percent(c, counts[i - 1]), _percent(c, first))
            for i, c in enumerate(counts)]
