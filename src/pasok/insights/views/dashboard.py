"""The cluster at a glance (insights.dashboard's figures as charts): for the ministry and
platform admins over every foundry, for a cooperative's people over its members
(permissions.may_read_insights, insights_cooperative_id). Filtered by a GET form; each chart
downloads as CSV, SVG and PNG with the same filters."""

from decimal import Decimal

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.kinds import BUYER_KINDS
from pasok.accounts.models import Organisation, SizeClass
from pasok.contracts.forms import month_field
from pasok.months import add_months, month_start, months_between
from pasok.rules.scorecards import (
    SMALL_BUSINESS_TARGET_PERCENT,
    Measure,
    meets_small_business_target,
)
from pasok.suppliers.catalogue import PART_FAMILIES
from pasok.web import charts
from pasok.web.formatting import localized_number, localized_percent, localized_rupiah

from .. import dashboard as selectors
from ..warnings import substitution_warnings

WINDOW, LONGEST = 12, 36  # months: the default window, the longest one may ask for
STACKED_BUYERS = 5  # the buyers named in the revenue bars; the rest are summed
HUNDRED = Decimal(100)


class FilterForm(forms.Form):
    regency = forms.ChoiceField(label=gettext_lazy("Regency"), required=False)
    size_class = forms.ChoiceField(label=gettext_lazy("Size class"), required=False)
    family = forms.ChoiceField(label=gettext_lazy("Product family"), required=False)
    buyer = forms.TypedChoiceField(label=gettext_lazy("Buyer"), required=False, coerce=int,
                                   empty_value=None)
    first = month_field(gettext_lazy("From month"), required=False)
    last = month_field(gettext_lazy("To month"), required=False)

    def __init__(self, *args, regencies=(), buyers=(), **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self.fields["regency"].choices = every + [(r, r) for r in regencies]
        self.fields["size_class"].choices = every + list(SizeClass.choices)
        self.fields["family"].choices = every + list(PART_FAMILIES)
        self.fields["buyer"].choices = every + [(pk, name) for pk, name in buyers]

    def clean(self):
        data = super().clean()
        today = month_start(clock.today())
        last = month_start(data.get("last") or today)
        first = month_start(data.get("first") or add_months(last, 1 - WINDOW))
        if "first" in self.errors or "last" in self.errors:
            return data
        if first > last:
            self.add_error("first", _("The first month comes after the last."))
        elif months_between(first, last) >= LONGEST:
            self.add_error("first", _("At most %(months)s months at a time.")
                           % {"months": LONGEST})
        data["first"], data["last"] = first, last
        return data

    def filters(self) -> selectors.Filters:
        data = self.cleaned_data
        return selectors.Filters(first=data["first"], last=data["last"],
                                 regency=data.get("regency") or "",
                                 size_class=data.get("size_class") or "",
                                 family=data.get("family") or "", buyer_id=data.get("buyer"))


def _default_filters() -> selectors.Filters:
    last = month_start(clock.today())
    return selectors.Filters(first=add_months(last, 1 - WINDOW), last=last)


def _scope(request):
    if not permissions.may_read_insights(request.user):
        raise PermissionDenied
    cooperative_id = permissions.insights_cooperative_id(request.user)
    buyers = Organisation.objects.filter(kind__in=BUYER_KINDS).values_list("pk", "name")
    default = _default_filters()
    form = FilterForm(request.GET or None, regencies=selectors.regencies(cooperative_id),
                      buyers=list(buyers), initial={"first": default.first, "last": default.last})
    filters = form.filters() if form.is_valid() else default
    return cooperative_id, form, filters


def _percent(value):
    return localized_percent(value, 1)


def _days(value):
    return _("%(days)s days") % {"days": localized_number(value, 1)}


def _rupiah_millions(value):
    return _("Rp%(amount)s million") % {"amount": localized_number(value / 1_000_000, 1)}


def _urls(request, key: str) -> dict:
    """The chart's downloads, with the page's filters."""
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    return {f"{fmt}_url": reverse("insights:dashboard-export", args=[key, fmt]) + query
            for fmt in charts.FORMATS}


def _revenue_series(board: selectors.Dashboard) -> list[tuple[str, dict]]:
    """The largest buyers by name, the others summed."""
    named = [(b.name, b.months) for b in board.buyers[:STACKED_BUYERS]]
    rest = board.buyers[STACKED_BUYERS:]
    if rest:
        others = {}
        for buyer in rest:
            for month, value in buyer.months.items():
                others[month] = others.get(month, Decimal(0)) + value
        named.append((_("Other buyers"), others))
    return named


def _charts(request, board: selectors.Dashboard) -> dict:
    """Each chart by its key, with the rows its CSV holds."""
    months = board.months

    def one(key, title, description, measure, write, heading, **kw):
        return (charts.chart(measure.months, chart_id=f"chart-{key}", title=title,
                             description=description, value_heading=heading,
                             format_value=write, **_urls(request, key), **kw),
                [_("Month"), heading], [[m, v] for m, v in measure.months])
    made = {
        "utilisation": one(
            "utilisation", _("Capacity utilisation"),
            _("Melting capacity booked (awards, plans in force, contracts and call-off "
              "orders) as a share of the foundries' monthly melting capacity."),
            board.utilisation, _percent, _("Utilisation (%)")),
        "small-business": one(
            "small-business", _("Spend with micro and small business"),
            _("Share of the accepted goods' value bought from micro and small businesses "
              "and cooperatives, against the target of at least 40% (Inpres 2/2022); by "
              "the month received."),
            board.small_business, _percent, _("Share (%)"),
            target=SMALL_BUSINESS_TARGET_PERCENT, maximum=HUNDRED),
        "tkdn": one(
            "tkdn", _("TKDN of purchases"),
            _("Local content of the accepted goods, weighted by their value; by the month "
              "received."), board.tkdn, _percent, _("TKDN (%)"), maximum=HUNDRED),
        "days-late": one(
            "days-late", _("Days paid late, average"),
            _("Average days past the due date (acceptance plus the payment term) an "
              "invoice was paid, 0 when on time; unpaid ones count until today. By the "
              "month due."), board.days_late, _days, _("Days late")),
        "orders": one(
            "orders", _("Orders won"),
            _("Call-off orders not declined, by the month ordered."),
            Measure(board.orders_won, tuple(
                (m, board.orders.get(m, 0)) for m in months)),
            localized_number, _("Orders"), kind=charts.BAR),
    }
    quality = [(_("Lot acceptance rate"), board.lot_acceptance.months),
               (_("Partnership commitments kept"), board.commitments_kept.months)]
    made["quality"] = (
        charts.lines(quality, chart_id="chart-quality",
                     title=_("Lot acceptance and commitments kept"),
                     description=_("Share of inspected lots accepted whole, by the month "
                                   "received; share of the buyers' partnership commitments "
                                   "kept as of each month."),
                     value_heading="%", format_value=_percent, maximum=HUNDRED,
                     **_urls(request, "quality")),
        [_("Month"), *(f"{name} (%)" for name, _m in quality)],
        [[m, *(dict(series)[m] for _n, series in quality)] for m in months])
    revenue = _revenue_series(board)
    made["revenue"] = (
        charts.stacked(months, revenue, chart_id="chart-revenue",
                       title=_("Revenue by buyer"),
                       description=_("Call-off orders not declined, quantity times the unit "
                                     "price, by the month ordered, stacked by buyer."),
                       value_heading=_("Buyer"), format_value=_rupiah_millions,
                       **_urls(request, "revenue")),
        [_("Month"), *(f"{name} (Rp)" for name, _v in revenue)],
        [[m, *(values.get(m, 0) for _n, values in revenue)] for m in months])
    places = [(r.name or _("(no regency)"), r.foundries, r.latitude, r.longitude)
              for r in board.regencies]
    made["map"] = (
        charts.bubble_map(places, chart_id="chart-map", title=_("Foundries by regency"),
                          description=_("Each regency at the mean of its foundries' stored "
                                        "coordinates, the bubble's area by the number of "
                                        "foundries; over Natural Earth's coastline, on a "
                                        "grid of degrees of latitude and longitude."),
                          place_heading=_("Regency"), count_heading=_("Foundries"),
                          **_urls(request, "map")),
        [_("Regency"), _("Foundries"), _("Latitude"), _("Longitude")],
        [[name, n, lat, lon] for name, n, lat, lon in places])
    return made


def _overall(measure, write):
    return "–" if measure.overall is None else write(measure.overall)


@login_required
def dashboard(request):
    cooperative_id, form, filters = _scope(request)
    board = selectors.dashboard(filters, clock.today(), cooperative_id)
    made = _charts(request, board)
    share = board.small_business.overall
    warnings = None if not permissions.may_read_early_warnings(request.user) else [
        w for w in substitution_warnings(clock.today())
        if (not filters.family or w.family == filters.family)
        and (filters.buyer_id is None or w.buyer.pk == filters.buyer_id)]
    return render(request, "insights/dashboard/page.html", {
        "form": form, "board": board, "cooperative_scope": cooperative_id is not None,
        "warnings": warnings,
        "first": date_format(filters.first, "F Y"), "last": date_format(filters.last, "F Y"),
        "charts": {key.replace("-", "_"): chart for key, (chart, _c, _r) in made.items()},
        "revenue": localized_rupiah(board.revenue, 0),
        "utilisation": _overall(board.utilisation, _percent),
        "small_business": _overall(board.small_business, _percent),
        "small_business_met": meets_small_business_target(share),
        "target": _percent(SMALL_BUSINESS_TARGET_PERCENT),
        "tkdn": _overall(board.tkdn, _percent),
        "days_late": _overall(board.days_late, _days),
        "lot_acceptance": _overall(board.lot_acceptance, _percent),
        "commitments_kept": _overall(board.commitments_kept, _percent),
    })


@login_required
def dashboard_export(request, chart: str, fmt: str):
    """One chart as CSV, SVG or PNG, with the page's filters."""
    cooperative_id, _form, filters = _scope(request)
    if fmt not in charts.FORMATS:
        raise Http404
    made = _charts(request, selectors.dashboard(filters, clock.today(), cooperative_id))
    if chart not in made:
        raise Http404
    drawn, columns, rows = made[chart]
    prefix = _("cluster")  # the file's name: klaster-revenue-2026-04-2027-03.csv
    name = slugify(f"{prefix} {chart} {filters.first:%Y-%m} {filters.last:%Y-%m}")
    return charts.download(drawn, fmt, name, columns, rows)
