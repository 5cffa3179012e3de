"""Early warnings of substitution from the platform's own records (rules.early_warning): per
buyer and part family, month by month over the two windows before the current month,

- orders from the cluster: its call-offs not declined, by the call-off's month;
- total need: the largest of three things the platform knows of that month:
  - reported: the need the buyer reported under its partnership commitments (the largest,
    when two commitments cover the family);
  - bought: the cluster orders plus the imports the buyer buys now (ImportedAlternative
    with the buyer named and in use: units a year / 12, in local units, from the month it
    was recorded on; an alternative it could use is not need);
  - tendered: the delivery schedules of the buyer's tenders of the family that were
    published and not cancelled (the lot's family, as the buyer chose it), whatever came
    of them: a tender states the need when it is put out, and a fall in call-offs against
    it is the warning's case. A follow-up tender for what an award left uncovered restates
    part of its first tender's schedule, so only first tenders count.

The largest, not a sum: the three overlap. A tendered lot that was awarded comes back as
call-offs, an imported block may be what a reported need is met with, and a reported need
may be the tender's: adding them would count the same blocks twice or three times, and a
doubled need warns of a fall that is not there. The largest is a floor that each source
alone already shows.

The current month is left out: its call-offs are still coming in. Five queries, whatever the
number of buyers, tenders or lots. For the whole platform: the ministry's view."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts.models import Organisation
from pasok.contracts.models import CallOff, CallOffStatus, CommitmentNeed
from pasok.months import add_months, month_start, month_starts
from pasok.rules.early_warning import WINDOW_MONTHS, Assessment, assess
from pasok.rules.money import round_half_up
from pasok.suppliers.catalogue import PART_FAMILIES
from pasok.tenders.limits import MAX_SCHEDULE_MONTHS
from pasok.tenders.models import Lot
from pasok.web.formatting import localized_number

from .models import ImportedAlternative


@dataclass(frozen=True)
class BuyerWarning:
    buyer: Organisation
    family: str
    month: object  # the month it is detected in (its first day); the windows precede it
    figures: Assessment

    @property
    def family_label(self) -> str:
        return str(dict(PART_FAMILIES)[self.family])

    def sentence(self) -> str:
        """In plain words, in the active language, for the dashboard and the notice."""
        f = self.figures
        values = {"buyer": self.buyer.name, "family": self.family_label,
                  "before": localized_number(f.orders_before),
                  "after": localized_number(f.orders_after),
                  "need_before": localized_number(f.need_before),
                  "need": localized_number(f.need_after)}
        if f.need_rose:
            return _("%(buyer)s, %(family)s: orders from the cluster fell from %(before)s to "
                     "%(after)s units a month while the need rose from %(need_before)s to "
                     "%(need)s.") % values
        return _("%(buyer)s, %(family)s: orders from the cluster fell from %(before)s to "
                 "%(after)s units a month while the need stayed at about %(need)s.") % values

    def figures_record(self) -> dict:
        """The figures as EarlyWarning keeps them: monthly averages to the hundredth of a
        unit, as text (JSON has no decimals)."""
        f = self.figures
        return {name: str(round_half_up(getattr(f, name), 2))
                for name in ("orders_before", "orders_after", "need_before", "need_after")}


def substitution_warnings(today=None, *, window: int = WINDOW_MONTHS) -> list[BuyerWarning]:
    """The buyers and families that warn as of `today` (default: the app's today), by
    buyer name and family."""
    current = month_start(today or clock.today())
    months = month_starts(add_months(current, -2 * window), 2 * window)
    index = {month: i for i, month in enumerate(months)}
    in_windows = {"month__gte": months[0], "month__lt": current}

    def series():
        return [Decimal(0)] * len(months)

    ordered = defaultdict(series)
    for row in (CallOff.objects.exclude(status=CallOffStatus.DECLINED).filter(**in_windows)
                .values("item__contract__buyer", "item__family", "month").order_by()
                .annotate(units=Sum("quantity"))):
        key = (row["item__contract__buyer"], row["item__family"])
        ordered[key][index[row["month"]]] = Decimal(row["units"])
    reported = defaultdict(series)
    for row in (CommitmentNeed.objects.filter(**in_windows)
                .values("commitment__buyer", "commitment__family", "month").order_by()
                .annotate(units=Max("units"))):
        key = (row["commitment__buyer"], row["commitment__family"])
        reported[key][index[row["month"]]] = Decimal(row["units"])
    imported = defaultdict(series)
    for buyer, family, recorded_at, per_year, life, local_life in (
            ImportedAlternative.objects.filter(in_use=True, buyer__isnull=False,
                                               units_per_year__isnull=False)
            .values_list("buyer", "family", "recorded_at", "units_per_year",
                         "service_life_months", "local_service_life_months").order_by()):
        since = month_start(timezone.localdate(recorded_at))
        # In local units: a composite block lasting five months stands for five cast-iron
        # blocks of one month each.
        local_units = Decimal(per_year) / 12 * life / local_life
        for month, i in index.items():
            if month >= since:
                imported[(buyer, family)][i] += local_units

    tendered = _tendered(months, index, series)

    found = []
    for key, orders in ordered.items():
        need = [max(r, o + m, t) for r, o, m, t in zip(reported[key], orders, imported[key],
                                                       tendered[key], strict=True)]
        figures = assess(orders, need, window=window)
        if figures.warns:
            found.append((key, figures))
    buyers = Organisation.objects.in_bulk([buyer for (buyer, _family), _f in found])
    warnings = [BuyerWarning(buyers[buyer], family, current, figures)
                for (buyer, family), figures in found]
    return sorted(warnings, key=lambda w: (w.buyer.name, w.family))


def _tendered(months: list, index: dict, series) -> dict:
    """{(buyer, family): units a month} the buyers' first tenders, published and not
    cancelled, schedule for the months of the windows; in one query."""
    current = add_months(months[-1], 1)
    # Deliveries start no earlier than the opening's month (services.drafting), and a
    # schedule runs at most MAX_SCHEDULE_MONTHS: tenders outside both bounds deliver nothing
    # in the windows.
    earliest = add_months(months[0], 1 - MAX_SCHEDULE_MONTHS)
    lots = (Lot.objects.filter(tender__published_at__isnull=False,
                               tender__cancelled_at__isnull=True, tender__follows__isnull=True,
                               tender__opening_time__lt=_midnight(current))
            .filter(Q(tender__first_delivery_month__gte=earliest)
                    | Q(tender__first_delivery_month__isnull=True,
                        tender__opening_time__gte=_midnight(add_months(earliest, -1))))
            .select_related("tender")
            .only("family", "delivery_schedule", "tender__buyer",
                  "tender__first_delivery_month", "tender__opening_time"))
    tendered = defaultdict(series)
    for lot in lots:
        # A lot without a schedule is delivered at once (Lot.monthly_deliveries): a stock
        # bought, not a rate of use, and a tender has no contract period to spread it over.
        # As one month's need it would hide a fall or make one: it is left out.
        if not lot.delivery_schedule:
            continue
        for month, units in lot.monthly_deliveries():
            if month in index:
                tendered[(lot.tender.buyer_id, lot.family)][index[month]] += units
    return tendered


def _midnight(month):
    """The first moment of `month` in the app's time zone (the tenders' months are local)."""
    return timezone.make_aware(dt.datetime.combine(month, dt.time()))
