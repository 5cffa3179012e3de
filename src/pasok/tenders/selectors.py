"""Reads of tenders and bids, always through the permission querysets."""

from pasok.tkdn.models import WorksheetVersion
from pasok.tkdn.selectors import offerable_certificates

from .models import Bid, Tender


def tenders_for(*, user):
    return (Tender.objects.visible_to(user).select_related("buyer")
            .prefetch_related("lots"))


def tender_get(*, user, pk: int) -> Tender:
    return tenders_for(user=user).get(pk=pk)


def own_bids(*, user, tender: Tender) -> dict[int, Bid]:
    """The user's organisation's bids on `tender`, by lot id."""
    if user.organisation_id is None:
        return {}
    bids = Bid.objects.visible_to(user).filter(tender=tender, bidder_id=user.organisation_id)
    return {bid.lot_id: bid for bid in bids}


def opened_bids(*, user, tender: Tender):
    """Every bid of an opened tender the user may see, with its evaluation."""
    return (Bid.objects.visible_to(user).filter(tender=tender, opened_content__isnull=False)
            .select_related("bidder", "lot", "evaluation").order_by("lot__number", "pk"))


def evaluations_by_lot(*, user, tender: Tender) -> list[tuple]:
    """[(lot, [bids ranked first, then the rest, excluded last])] for the evaluation page."""
    bids = list(opened_bids(user=user, tender=tender))

    def order(bid):
        e = getattr(bid, "evaluation", None)
        if e is None:
            return (3, 0)
        if e.exclusion:
            return (2, 0)
        return (0, e.rank) if e.rank else (1, 0)

    return [(lot, sorted((b for b in bids if b.lot_id == lot.pk), key=order))
            for lot in tender.lots.all()]


def tkdn_sources(*, user, organisation):
    """What a bid may cite for its TKDN: unexpired certificates and worksheet versions."""
    certificates = offerable_certificates(user=user, organisation=organisation)
    versions = (WorksheetVersion.objects.filter(worksheet__organisation=organisation)
                .select_related("worksheet").order_by("worksheet__product", "-number"))
    return certificates, versions


