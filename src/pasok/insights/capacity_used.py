"""Capacity used: the kilograms booked on Pasok (suppliers.capacity's BookedMonth: awarded
bids, cooperative plans in force, contracts and their call-offs) against the foundries'
monthly melting capacity. One reading for the dashboard (the cluster, month by month) and
for the scenarios' baseline (each foundry, averaged over the window), so that both say the
same figure."""

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Count, Sum

from pasok.suppliers.models import BookedMonth

HUNDRED = Decimal(100)


def _booked(foundries, first: dt.date, last: dt.date):
    return BookedMonth.objects.filter(organisation__in=foundries, month__gte=first,
                                      month__lte=last)


def booked_by_month(foundries, first: dt.date, last: dt.date) -> dict[dt.date, int]:
    """Month → kg booked of the `foundries` (a queryset), months without bookings left out."""
    rows = _booked(foundries, first, last).values("month").annotate(kg=Sum("kg")).order_by()
    return {r["month"]: r["kg"] for r in rows}


def booked_by_foundry(foundries, months: Sequence[dt.date]) -> dict[str, Decimal]:
    """Foundry id (as text) → kg booked a month, averaged over `months` (a month without
    bookings counts as 0); `foundries` a queryset or ids."""
    rows = (_booked(foundries, months[0], months[-1]).values("organisation_id")
            .annotate(kg=Sum("kg")).order_by())
    return {str(r["organisation_id"]): Decimal(r["kg"]) / len(months) for r in rows}


def fingerprint(foundries, months: Sequence[dt.date]) -> dict:
    """What changes when any booking in the window does (for a scenario's data key)."""
    return _booked(foundries, months[0], months[-1]).aggregate(n=Count("pk"), kg=Sum("kg"))


def percent(kg, capacity_kg) -> Decimal | None:
    """kg ÷ capacity, in % (None without capacity)."""
    return None if not capacity_kg else Decimal(kg) * HUNDRED / capacity_kg
