"""New markets for the cluster (issue 14): how the part families of the catalogue rank, and
what a foundry's next step would open to it. Pasok's judgement, not a regulation's: the
Ministry's instruction is that "any other opportunity this industry can produce must be
pursued" (DOMAIN.md); these rules only order what the capability search found.

A family's requirements are keys: "grade", "weight", "process:<code>", "certificate:<kind>"
(insights/opportunities.py builds each from the capability search's own conditions).

- Reach: how many foundries can make the family today, then how many lack only one
  requirement (the nearest to making it), then the larger market.
- Size: the market a month (units × price), then reach.
- Next steps: a step is the requirements a foundry lacks for a family, at most
  `STEP_MOST` of them; the families one step opens are grouped, and the steps ranked by
  the distinct buyers they reach, then by the market they open, then by the fewer
  requirements they ask.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

STEP_MOST = 2  # three things missing at once is a new business, not a next step


@dataclass(frozen=True)
class Reach:
    """One family over a set of foundries."""

    family: str
    today: int  # foundries meeting every requirement
    one_short: Mapping[str, int]  # requirement → foundries lacking it alone
    free_kg: int  # a month, the foundries of `today` together, after what is booked
    typical_kg: Decimal  # the family's typical part
    market_a_month: Decimal  # rupiah

    @property
    def one_step_away(self) -> int:
        return sum(self.one_short.values())

    @property
    def free_units(self) -> int:
        """Typical parts a month the free capacity would melt (whole units)."""
        return int(Decimal(self.free_kg) // self.typical_kg) if self.typical_kg else 0

    @property
    def nearest(self) -> list[tuple[str, int]]:
        """The single requirements most foundries lack alone, most first."""
        return sorted(((k, n) for k, n in self.one_short.items() if n),
                      key=lambda kn: (-kn[1], kn[0]))


def by_reach(reaches: Iterable[Reach]) -> list[Reach]:
    return sorted(reaches, key=lambda r: (-r.today, -r.one_step_away, -r.market_a_month,
                                          r.family))


def by_size(reaches: Iterable[Reach]) -> list[Reach]:
    return sorted(reaches, key=lambda r: (-r.market_a_month, -r.today, -r.one_step_away,
                                          r.family))


RANKINGS = {"reach": by_reach, "size": by_size}


@dataclass(frozen=True)
class Step:
    """What a foundry would add (`needs`, none: it can offer them today), the families that
    opens and the buyers who buy them."""

    needs: tuple[str, ...]
    families: tuple[str, ...]
    buyers: frozenset = field(default_factory=frozenset)
    market_a_month: Decimal = Decimal(0)


def next_steps(missing: Mapping[str, Iterable[str]], buyers: Mapping[str, Iterable],
               markets: Mapping[str, Decimal]) -> list[Step]:
    """`missing`: family → the requirements the foundry lacks for it; `buyers`: family →
    the buyers of it; `markets`: family → its market a month. Steps of at most STEP_MOST
    requirements, the families each opens grouped; today's families first (no step)."""
    grouped: dict[tuple[str, ...], list[str]] = {}
    for family, lacks in missing.items():
        needs = tuple(sorted(set(lacks)))
        if len(needs) <= STEP_MOST:
            grouped.setdefault(needs, []).append(family)
    steps = [Step(needs, tuple(sorted(families)),
                  frozenset().union(*(buyers.get(f, ()) for f in families)),
                  sum((markets.get(f, Decimal(0)) for f in families), Decimal(0)))
             for needs, families in grouped.items()]
    return sorted(steps, key=lambda s: (bool(s.needs), -len(s.buyers), -s.market_a_month,
                                        len(s.needs), s.needs))

