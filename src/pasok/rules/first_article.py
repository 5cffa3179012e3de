"""Whether a first article (the sample a buyer orders before the series) passes: every
characteristic measured within its specification limits, and which fail by how much.

Basis: AIAG, "Production Part Approval Process (PPAP)", 4th edition (2006), elements
"Dimensional Results" (every characteristic on the drawing measured, each result against
its specification) and "Records of Material / Performance Test Results" (chemistry and
mechanical properties such as hardness against the drawing's specification). This is the
automotive industry's practice (IATF 16949 customers ask for it), not a regulation: a
private buyer is not bound by the Perpres, and approval stays the buyer's decision.

A limit may be one-sided (hardness "at least 200 HB": a lower limit only); a limit is
inclusive (a measured value equal to it passes). A characteristic with no limit at all, or
a lower limit above its upper one, is not a specification and is refused.

Worked examples: a bore Ø 52,00 (51,95–52,05) measured 52,08 fails, 0,03 above the upper
limit; hardness 197–255 HB measured 190 fails, 7 below; carbon 3,40–3,80 % measured 3,62
passes; a first article passes only when all of its characteristics pass."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

KINDS = ("dimension", "hardness", "chemistry")
BELOW, ABOVE = "below", "above"


@dataclass(frozen=True)
class Characteristic:
    kind: str  # one of KINDS
    name: str
    measured: Decimal
    lower: Decimal | None = None
    upper: Decimal | None = None
    nominal: Decimal | None = None  # shown beside the limits; the limits decide


@dataclass(frozen=True)
class Failure:
    characteristic: Characteristic
    side: str  # BELOW the lower limit or ABOVE the upper one
    by: Decimal  # how far outside the limit, always more than 0


@dataclass(frozen=True)
class Verdict:
    failures: tuple[Failure, ...]

    @property
    def passes(self) -> bool:
        return not self.failures


def check(characteristic: Characteristic) -> None:
    """ValueError when `characteristic` is not a specification one can measure against."""
    c = characteristic
    if c.kind not in KINDS:
        raise ValueError(f"unknown kind of characteristic {c.kind!r}")
    if c.lower is None and c.upper is None:
        raise ValueError(f"{c.name}: give a lower limit, an upper limit or both")
    if c.lower is not None and c.upper is not None and c.lower > c.upper:
        raise ValueError(f"{c.name}: the lower limit is above the upper limit")


def failure(characteristic: Characteristic) -> Failure | None:
    """How `characteristic` falls outside its limits, or None when within them."""
    check(characteristic)
    c = characteristic
    if c.lower is not None and c.measured < c.lower:
        return Failure(c, BELOW, c.lower - c.measured)
    if c.upper is not None and c.measured > c.upper:
        return Failure(c, ABOVE, c.measured - c.upper)
    return None


def judge(characteristics: Iterable[Characteristic]) -> Verdict:
    """The verdict on a first article: it passes when it has at least one characteristic
    and every one is within its limits."""
    rows = list(characteristics)
    if not rows:
        raise ValueError("a first article is judged on at least one characteristic")
    return Verdict(tuple(f for c in rows if (f := failure(c)) is not None))
