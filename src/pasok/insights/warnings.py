"""Early warnings of substitution from the platform's own records (rules.early_warning): per
buyer and part family, month by month over the two windows before the current month,

- orders from the cluster: its call-offs not declined, by the call-off's month;
- total need: the larger of what the platform knows of that month: the need the buyer
  reported under its partnership commitments (the largest, when two commitments cover the
  family), and the cluster orders plus the imports it recorded (ImportedAlternative with the
  buyer named: units a year / 12, from the month it was recorded on).

The current month is left out: its call-offs are still coming in. Four queries, whatever the
number of buyers. For the whole platform: the ministry's view."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts.models import Organisation
from pasok.contracts.models import CallOff, CallOffStatus, CommitmentNeed
from pasok.months import add_months, month_start, month_starts
from pasok.rules.early_warning import WINDOW_MONTHS, Assessment, assess
from pasok.rules.money import round_half_up
from pasok.suppliers.catalogue import PART_FAMILIES
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
            ImportedAlternative.objects.filter(buyer__isnull=False, units_per_year__isnull=False)
            .values_list("buyer", "family", "recorded_at", "units_per_year",
                         "service_life_months", "local_service_life_months").order_by()):
        since = month_start(timezone.localdate(recorded_at))
        # In local units: a composite block lasting five months stands for five cast-iron
        # blocks of one month each.
        local_units = Decimal(per_year) / 12 * life / local_life
        for month, i in index.items():
            if month >= since:
                imported[(buyer, family)][i] += local_units

    found = []
    for key, orders in ordered.items():
        need = [max(r, o + m) for r, o, m in zip(reported[key], orders, imported[key],
                                                 strict=True)]
        figures = assess(orders, need, window=window)
        if figures.warns:
            found.append((key, figures))
    buyers = Organisation.objects.in_bulk([buyer for (buyer, _family), _f in found])
    warnings = [BuyerWarning(buyers[buyer], family, current, figures)
                for (buyer, family), figures in found]
    return sorted(warnings, key=lambda w: (w.buyer.name, w.family))
