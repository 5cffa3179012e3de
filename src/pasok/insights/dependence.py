"""The jobs that depend on each buyer's orders of each part family: what the cluster would
lose if the buyer bought all of it elsewhere — the scenario "substitute, share 1" of
rules.scenario, so this table and a saved scenario can never disagree."""

from dataclasses import dataclass
from decimal import Decimal

from pasok.rules import scenario
from pasok.rules.multipliers import DEFAULT

from .baseline import OUTSIDE, Baseline


@dataclass(frozen=True)
class Dependence:
    buyer: str
    buyer_name: str
    family: str
    revenue: Decimal  # a month
    foundries: int
    direct_jobs: Decimal
    indirect_jobs: Decimal
    induced_jobs: Decimal

    @property
    def all_jobs(self) -> Decimal:
        return self.direct_jobs + self.indirect_jobs + self.induced_jobs


def jobs_by_buyer(base: Baseline, multipliers: scenario.Multipliers = DEFAULT.multipliers
                  ) -> list[Dependence]:
    """Largest first: every (buyer, family) the cluster sells to on Pasok."""
    pairs = sorted({(p.buyer, p.family) for f in base.foundries for p in f.products
                    if p.buyer != OUTSIDE})
    rows = []
    for buyer, family in pairs:
        outcome = scenario.run(base.selling(buyer, family),
                               [scenario.Substitute(buyer, family, Decimal(1))], multipliers)
        makers = sum(1 for f in outcome.foundries if f.revenue_after != f.revenue_before)
        rows.append(Dependence(buyer, base.names.get(buyer, buyer), family,
                               -outcome.revenue_change, makers, -outcome.direct_jobs,
                               -outcome.indirect_jobs, -outcome.induced_jobs))
    return sorted(rows, key=lambda r: -r.direct_jobs)
