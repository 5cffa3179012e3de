"""An organisation's scorecard: its figures as monthly trend charts (web/charts.py) and as
CSV, for its own people, the ministry and platform admins (permissions.may_read_scorecard)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.models import Organisation
from pasok.web.charts import BAR, LINE, chart, series_csv_response
from pasok.web.formatting import localized_number, localized_percent

from . import selectors

HUNDRED = 100


def _readable(request, org_pk: int) -> Organisation:
    """404 for an organisation the person may not even see, 403 for one they see but whose
    scorecard is not theirs to read."""
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), pk=org_pk)
    if not selectors.has_scorecard(organisation):
        raise Http404
    if not permissions.may_read_scorecard(request.user, organisation):
        raise PermissionDenied
    return organisation


def _writer(unit: str):
    if unit == selectors.PERCENT:
        return lambda value: localized_percent(value, 1)
    if unit == selectors.PPM:
        return lambda value: localized_number(value)
    return lambda value: _("%(days)s days") % {"days": localized_number(value, 1)}


def _heading(figure: selectors.Figure) -> str:
    units = {selectors.PERCENT: "%", selectors.PPM: "ppm", selectors.DAYS: _("days")}
    return f"{figure.title} ({units[figure.unit]})"


def _chart(organisation, figure: selectors.Figure):
    write = _writer(figure.unit)
    csv_url = reverse("scorecards:organisation-csv", args=[organisation.pk])
    return {"figure": figure, "overall": None if figure.measure.overall is None
            else write(figure.measure.overall),
            "target": None if figure.target is None else write(figure.target),
            "met": None if figure.target is None or figure.measure.overall is None
            else figure.measure.overall >= figure.target,
            "chart": chart(figure.measure.months, chart_id=f"chart-{figure.key}",
                           title=str(figure.title), description=str(figure.description),
                           value_heading=_heading(figure), format_value=write,
                           kind=BAR if figure.unit == selectors.PPM else LINE,
                           maximum=HUNDRED if figure.unit == selectors.PERCENT else None,
                           csv_url=f"{csv_url}?series={figure.key}", target=figure.target)}


@login_required
def organisation_scorecard(request, org_pk: int):
    organisation = _readable(request, org_pk)
    card = selectors.scorecard(organisation, clock.today())
    return render(request, "scorecards/organisation.html", {
        "org": organisation, "card": card,
        "charts": [_chart(organisation, f) for f in card.figures],
        "first": date_format(card.months[0], "F Y"), "last": date_format(card.months[-1], "F Y"),
    })


@login_required
def organisation_scorecard_csv(request, org_pk: int):
    """Every figure of the scorecard per month, or the one `?series=` names."""
    organisation = _readable(request, org_pk)
    card = selectors.scorecard(organisation, clock.today())
    key = request.GET.get("series")
    figures = card.figures if not key else [card.figure(key)]
    if figures == [None]:
        raise Http404
    columns = [_("Month"), *(_heading(f) for f in figures)]
    rows = ([month, *(dict(f.measure.months)[month] for f in figures)] for month in card.months)
    name = slugify(f"{_('scorecard')} {organisation.name} {key or ''}")
    return series_csv_response(name, columns, rows)
