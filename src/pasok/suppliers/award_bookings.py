"""The `award` booking source: what an awarded bid holds of its maker's capacity.

Read only through the Award record, its months (AwardedMonth) and who makes the opened
bid's goods (a cooperative's named members: Bid.makers).

- A supplier's awarded bid books, in each month, the units the award gave it that month
  (the award's own split over the lot's schedule) × the lot's unit weight.
- A cooperative's awarded bid books the members it named, each in proportion to the
  quantity it was named for, unless the cooperative's plan in force has a line delivering
  that lot (allocation.bookings.lots_planned): then the plan's allocation books it.
- An award in a signed contract books nothing: the contract does (contracts/bookings.py)."""

from collections.abc import Iterable
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pasok.tenders.models import Award, Bid, Tender

from .capacity import Booked, BookingSource, Holder


class AwardSource(BookingSource):
    name = "award"
    label = _("Tender award")

    def rows(self, ref_ids: Iterable[int]) -> list[Booked]:
        from pasok.allocation.bookings import lots_planned

        awards = list(Award.objects.filter(bid_id__in=list(ref_ids))
                      .exclude(contract_item__contract__version__gte=1)
                      .select_related("bid", "supplier", "lot").prefetch_related("months"))
        planned = lots_planned({a.supplier_id for a in awards
                                if a.supplier.is_cooperative})
        rows = []
        for award in awards:
            if (award.supplier_id, award.lot_id) in planned:
                continue
            for awarded in award.months.all():
                kg = Decimal(awarded.units) * award.lot.unit_weight_kg
                rows += [Booked(org, awarded.month, award.bid_id, kg * part)
                         for org, part in award.bid.makers()]
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
