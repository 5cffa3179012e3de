"""Partnership commitments as the allocation engine's partner floors. A buyer's commitment of
a share of its need to named foundries becomes, in a cooperative's plan whose lines that
buyer calls off (PlanLine.buyer is the buyer's name), a floor for each named foundry that is
a member of the plan: the committed share split evenly among them (the engine's floor is per
supplier, the commitment is to them together). A commitment to the cooperative as a whole
asks nothing of the split among its members; one of units a year is not a share and sets no
floor."""

import datetime as dt

from .models import PartnershipCommitment


def commitment_floors(*, buyers, members, first: dt.date, last: dt.date) -> dict:
    """(buyer name, member organisation id) → least share (0–1) from the commitments in force
    between `first` and `last` of the buyers named `buyers`, for the plan's `members`."""
    members = set(members)
    commitments = (PartnershipCommitment.objects
                   .filter(buyer__name__in=list(buyers), share_percent__isnull=False,
                           starts_on__lte=last, ends_on__gte=first)
                   .select_related("buyer").prefetch_related("partners"))
    floors: dict = {}
    for commitment in commitments:
        named = [p.pk for p in commitment.partners.all() if p.pk in members]
        for org in named:
            key = (commitment.buyer.name, org)
            share = float(commitment.share_percent) / 100 / len(named)
            floors[key] = max(floors.get(key, 0.0), share)
    return floors
