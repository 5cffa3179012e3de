"""Booked capacity: how many kilograms of an organisation's monthly capacity each source
holds in each calendar month, and so what is free. The one truth the profile, capability
search and the allocation engine read (docs/architecture.md "Booked capacity").

A source is named and turns its records into rows (organisation, month, kg): an awarded bid
(`award`, suppliers/award_bookings.py), a cooperative's plan in force (`plan`,
allocation/bookings.py), a signed contract's schedule and accepted call-off orders
(`contract`, contracts/bookings.py). The rows are stored (CapacityBooking, summed per
month in BookedMonth) and rebuilt by `bookings_refresh` whenever a record changes, in the
same transaction, audited."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from django.db import transaction
from django.db.models import Q, Sum
from django.utils.module_loading import import_string

from pasok.accounts.actors import Actor, requires_actor
from pasok.accounts.models import Organisation
from pasok.audit.services import audit_record

from .models import BookedMonth, CapacityBooking, SupplierProfile

SOURCES = (
    "pasok.suppliers.award_bookings.AwardSource",
    "pasok.allocation.bookings.PlanSource",
    "pasok.contracts.bookings.ContractSource",
)


@dataclass(frozen=True)
class Booked:
    """What one record of a source holds of one organisation in one month."""

    organisation_id: int
    month: dt.date
    ref_id: int
    kg: Decimal


@dataclass(frozen=True)
class Holder:
    """How a page names a record that books capacity: a title ("" for a reader who may not
    learn which record: the source's label says all), and a link for whoever may open it
    (None otherwise)."""

    title: str = ""
    url: str | None = None


class BookingSource:
    """A kind of record that books capacity. Subclasses give `name` (stored in each row),
    `label` (for people), `rows` and `holders`."""

    name: str
    label: str

    def rows(self, ref_ids: Iterable[int]) -> list[Booked]:
        """The bookings of these records as they are now (none for a record that no longer
        books anything)."""
        raise NotImplementedError

    def holders(self, *, user, ref_ids: Iterable[int]) -> dict[int, Holder]:
        """How each record is shown to `user`."""
        raise NotImplementedError


@cache
def sources() -> dict[str, BookingSource]:
    loaded = [import_string(path)() for path in SOURCES]
    return {source.name: source for source in loaded}


def source(name: str) -> BookingSource:
    return sources()[name]


def whole_kg(kg: Decimal) -> int:
    return int(kg.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _audited(bookings: dict[tuple, int], source_name: str) -> dict:
    """What the audit log keeps of a source's bookings: each one ("award 12 2027-01 345":
    source, organisation, month, record) and how many kg they hold together."""
    return {"bookings": sorted(f"{source_name} {org} {month:%Y-%m} {ref}"
                               for org, month, ref in bookings),
            "kg": sum(bookings.values())}


@requires_actor
@transaction.atomic
def bookings_refresh(*, source_name: str, ref_ids: Iterable[int], by: Actor, obj,
                     organisation: Organisation | None = None) -> None:
    """Rebuild the rows of these records of a source, and the monthly sums of every
    organisation they touch. `obj` and `organisation` are what the audit event is about
    (the tender, the plan)."""
    ref_ids = sorted(set(ref_ids))
    if not ref_ids:
        return
    booking_source = source(source_name)
    new = defaultdict(Decimal)
    for row in booking_source.rows(ref_ids):
        new[(row.organisation_id, row.month, row.ref_id)] += row.kg
    new = {key: whole_kg(kg) for key, kg in new.items() if whole_kg(kg) > 0}
    old_rows = CapacityBooking.objects.filter(source=source_name, ref_id__in=ref_ids)
    touched = {org for org, _month, _ref in new} | set(
        old_rows.values_list("organisation_id", flat=True))
    # Lock the organisations in one order, so two refreshes touching the same suppliers
    # rebuild their sums one after the other.
    list(Organisation.objects.select_for_update().filter(pk__in=touched).order_by("pk")
         .values_list("pk", flat=True))
    before = _audited({(r.organisation_id, r.month, r.ref_id): r.kg for r in old_rows},
                      source_name)
    old_rows.delete()
    CapacityBooking.objects.bulk_create(
        CapacityBooking(organisation_id=org, month=month, source=source_name, ref_id=ref,
                        kg=kg) for (org, month, ref), kg in sorted(new.items()))
    _resum(touched)
    after = _audited(new, source_name)
    if before != after:
        audit_record(actor=by, action="capacity.refresh", obj=obj, organisation=organisation,
                     before=before, after=after)


def _resum(organisation_ids: set[int]) -> None:
    BookedMonth.objects.filter(organisation_id__in=organisation_ids).delete()
    sums = (CapacityBooking.objects.filter(organisation_id__in=organisation_ids)
            .values("organisation_id", "month").annotate(total=Sum("kg")).order_by())
    BookedMonth.objects.bulk_create(
        BookedMonth(organisation_id=s["organisation_id"], month=s["month"], kg=s["total"])
        for s in sums)


@requires_actor
def capacity_bookings_refresh_for_tender(tender, *, by: Actor) -> None:
    """After an award (whole or split): the bookings of every bid of the tender."""
    bid_ids = tender.bids.values_list("pk", flat=True)
    bookings_refresh(source_name="award", ref_ids=bid_ids, by=by, obj=tender,
                     organisation=tender.buyer)


def booked(organisation_ids: Iterable[int], months: Iterable[dt.date], *,
           besides: Iterable[tuple[str, int]] = ()) -> dict[tuple[int, dt.date], int]:
    """kg booked per (organisation, month), leaving out the records `besides`
    ((source, ref id) pairs: a plan does not count against itself)."""
    rows = CapacityBooking.objects.filter(organisation_id__in=list(organisation_ids),
                                          month__in=list(months))
    for source_name, ref_id in besides:
        rows = rows.exclude(Q(source=source_name, ref_id=ref_id))
    sums = rows.values("organisation_id", "month").annotate(total=Sum("kg")).order_by()
    return {(s["organisation_id"], s["month"]): s["total"] for s in sums}


def free_kg(organisation_ids: Iterable[int], months: Iterable[dt.date]) -> dict[tuple, int]:
    """kg free per (organisation, month): the profile's monthly capacity less what every
    source books that month, never below 0."""
    organisation_ids, months = list(organisation_ids), list(months)
    capacity = dict(SupplierProfile.objects.filter(organisation_id__in=organisation_ids)
                    .values_list("organisation_id", "monthly_capacity_kg"))
    taken = booked(organisation_ids, months)
    return {(org, month): max(0, capacity.get(org, 0) - taken.get((org, month), 0))
            for org in organisation_ids for month in months}
