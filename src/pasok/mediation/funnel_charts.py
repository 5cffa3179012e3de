"""The funnel page's charts (web.charts: SVG with its numbers as a table, and PNG, SVG and
CSV downloads): pairings reaching each stage, the headline stages month by month, and the
contracts' value per buyer. Each with the rows its CSV holds."""

from django.urls import reverse
from django.utils.translation import gettext as _

from pasok.web import charts
from pasok.web.formatting import localized_number

from .models import Stage
from .selectors import HEADLINE, Funnel

TONE = "bar-local"  # the brand colour (web/static/pasok/site.css)


def _urls(request, key: str) -> dict:
    """The chart's downloads, with the page's filters."""
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    return {f"{fmt}_url": reverse("mediation:funnel-export", args=[key, fmt]) + query
            for fmt in charts.FORMATS}


def _rupiah_millions(value):
    return _("Rp%(amount)s million") % {"amount": localized_number(value / 1_000_000, 1)}


def drawn(request, made: Funnel) -> dict:
    """Each chart by its key: (the chart, its CSV's columns, its CSV's rows)."""
    counts = made.total.counts
    stages = [(str(stage.label), count, TONE)
              for stage, count in zip(Stage, counts, strict=True)]
    monthly = [(str(Stage(s).label), [(m, made.monthly[s][m]) for m in made.months])
               for s in HEADLINE]
    values = [(row.label, row.value, TONE) for row in made.by_buyer if row.value]
    return {
        "stages": (
            charts.named_bars(stages, chart_id="chart-stages", title=_("Pairings by stage"),
                              description=_("How many pairings reached each stage: a later "
                                            "stage counts for every earlier one."),
                              label_heading=_("Stage"), value_heading=_("Pairings"),
                              **_urls(request, "stages")),
            [_("Stage"), _("Pairings")], [[label, n] for label, n, _t in stages]),
        "months": (
            charts.lines(monthly, chart_id="chart-months",
                         title=_("Stages reached by month"),
                         description=_("Meetings, RFQs, samples and orders: pairings "
                                       "reaching each stage, by the month they reached it."),
                         value_heading=_("Pairings"), **_urls(request, "months")),
            [_("Month"), *(name for name, _s in monthly)],
            [[m, *(made.monthly[s][m] for s in HEADLINE)] for m in made.months]),
        "value": (
            charts.named_bars(values, chart_id="chart-value",
                              title=_("Contracts' value by buyer"),
                              description=_("The value of the contracts that came of the "
                                            "pairings (items' price × quantity), per buyer."),
                              label_heading=_("Buyer"), value_heading=_("Value"),
                              format_value=_rupiah_millions, **_urls(request, "value")),
            [_("Buyer"), _("Value (Rp)")], [[label, v] for label, v, _t in values]),
    }
