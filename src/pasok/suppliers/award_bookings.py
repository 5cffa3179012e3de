"""The `award` booking source: what an awarded bid holds of its maker's capacity.

Read only through the award's months (AwardedMonth) and the opened bid's content (a
cooperative's `members`), so new fields of either do not matter here.

- A supplier's awarded bid books, in each month, the units the award gave it that month
  (the award's own split over the lot's schedule) × the lot's unit weight.
- A cooperative's awarded bid books the members it named, each in proportion to the
  quantity it was named for, unless the cooperative's plan in force has a line delivering
  that lot (allocation.bookings.lots_planned): then the plan's allocation books it."""

from collections.abc import Iterable
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pasok.tenders.content import makers, named_members
from pasok.tenders.models import Bid, BidEvaluation, Tender

from .capacity import Booked, BookingSource, Holder


class AwardSource(BookingSource):
    name = "award"
    label = _("Tender award")

    def rows(self, ref_ids: Iterable[int]) -> list[Booked]:
        from pasok.allocation.bookings import lots_planned

        evaluations = list(BidEvaluation.objects.filter(bid_id__in=list(ref_ids), awarded=True)
                           .select_related("bid__bidder", "bid__lot")
                           .prefetch_related("awarded_months"))
        planned = lots_planned({e.bid.bidder_id for e in evaluations
                                if e.bid.bidder.kind == "cooperative"})
        rows = []
        for evaluation in evaluations:
            bid, lot = evaluation.bid, evaluation.bid.lot
            if (bid.bidder_id, lot.pk) in planned:
                continue
            for awarded in evaluation.awarded_months.all():
                kg = Decimal(awarded.units) * lot.unit_weight_kg
                rows += [Booked(org, awarded.month, bid.pk, kg * part) for org, part
                         in makers(bid.bidder_id, named_members(bid.opened_content))]
        return rows

    def holders(self, *, user, ref_ids: Iterable[int]) -> dict[int, Holder]:
        """The tender's reference and title with a link, for whoever may see the tender;
        for everyone else nothing but the source's label ("Tender award")."""
        bids = list(Bid.objects.filter(pk__in=list(ref_ids)).select_related("tender"))
        visible = set(Tender.objects.visible_to(user)
                      .filter(pk__in={b.tender_id for b in bids}).values_list("pk", flat=True))
        return {b.pk: Holder(f"{b.tender.reference} {b.tender.title}",
                             reverse("tenders:detail", args=[b.tender_id]))
                if b.tender_id in visible else Holder()
                for b in bids}
