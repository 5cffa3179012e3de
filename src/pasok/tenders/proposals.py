"""The optimiser's split proposal as kept (models.SplitProposal), read back for the pages
and the award without loading the engine (numpy and HiGHS load in the task worker only:
split_proposal)."""

from dataclasses import dataclass, field

from .models import ProposalStatus, SplitProposal


@dataclass
class LotProposal:
    number: int
    quantities: dict[int, int]                 # bid id → units
    short: int                                 # units no admissible bid could take
    bound_by: dict[int, list[str]] = field(default_factory=dict)  # bid id → rules


def stored(proposal: SplitProposal) -> list[LotProposal]:
    """The proposal as worked out (JSON keys back to bid ids); none unless it is done."""
    if proposal.status != ProposalStatus.DONE:
        return []
    return [LotProposal(p["number"], {int(b): q for b, q in p["quantities"].items()},
                        p["short"], {int(b): r for b, r in p["bound_by"].items()})
            for p in proposal.lots]
