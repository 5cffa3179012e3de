"""The opportunity finder's pages (insights.opportunities): the catalogue's families ranked
over the cluster (the ministry, platform admins) or a cooperative's members, with what the
members could make together; a foundry's own next steps; a family's page."""

from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pasok.accounts import permissions
from pasok.rules import opportunities as rules
from pasok.suppliers.part_catalogue import FAMILIES, PART_CATALOGUE, SOURCES
from pasok.web import charts
from pasok.web.formatting import localized_number

from .. import opportunities as selectors


class RankForm(forms.Form):
    rank = forms.ChoiceField(label=gettext_lazy("Rank by"), required=False, choices=[
        ("reach", gettext_lazy("reach: foundries able today, then one step away")),
        ("size", gettext_lazy("size: the market a month"))])

    def ranking(self) -> str:
        return (self.cleaned_data.get("rank") if self.is_valid() else "") or "reach"


def _reader(user):
    if not permissions.may_find_opportunities(user):
        raise PermissionDenied


def _cluster_view(user) -> bool:
    """The cluster's (or the members') figures, rather than a foundry's own next steps."""
    return permissions.may_read_insights(user)


def _chart(request, reaches) -> charts.NamedChart:
    figures = []
    for r in reaches:
        label = FAMILIES[r.family].label
        figures.append((_("%(family)s: today") % {"family": label}, r.today, "bar-local"))
        figures.append((_("%(family)s: one step away") % {"family": label},
                        r.one_step_away, "bar-import"))
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    urls = {f"{fmt}_url": reverse("insights:opportunities-chart", args=[fmt]) + query
            for fmt in charts.FORMATS}
    return charts.named_bars(
        figures, chart_id="opportunity-reach", title=_("Foundries for each part family"),
        description=_("How many foundries can make each part family today, and how many "
                      "lack one requirement alone."),
        label_heading=_("Part family"), value_heading=_("Foundries"), **urls)


def _ranked(request, user):
    asked = RankForm(request.GET or None)
    reaches = rules.RANKINGS[asked.ranking()](
        selectors.cluster_reach(permissions.insights_cooperative_id(user)))
    return asked, reaches


def _steps(organisation):
    buyers = selectors.buyers_by_family()
    markets = {f.code: f.market_a_month for f in PART_CATALOGUE}
    steps = rules.next_steps(selectors.missing_for(organisation), buyers, markets)
    named = {f.code: selectors.labels(f) for f in PART_CATALOGUE}
    return [{"step": s, "families": [FAMILIES[code] for code in s.families],
             "needs": [named[s.families[0]][key] for key in s.needs]} for s in steps]


@login_required
def opportunity_list(request):
    user = request.user
    _reader(user)
    if not _cluster_view(user):
        return render(request, "insights/opportunities/own.html", {
            "steps": _steps(user.organisation), "sources": SOURCES})
    asked, reaches = _ranked(request, user)
    cooperative_id = permissions.insights_cooperative_id(user)
    rows = [{"reach": r, "family": FAMILIES[r.family],
             "nearest": [(selectors.labels(FAMILIES[r.family])[k], n) for k, n in r.nearest],
             # "What could our members make together?" (a query a family)
             "together": (selectors.members_together(cooperative_id, FAMILIES[r.family])
                          if cooperative_id is not None else None)}
            for r in reaches]
    return render(request, "insights/opportunities/list.html", {
        "asked": asked, "rows": rows, "chart": _chart(request, reaches), "sources": SOURCES,
        "members_only": cooperative_id is not None})


@login_required
def opportunity_chart(request, fmt: str):
    user = request.user
    _reader(user)
    if not _cluster_view(user) or fmt not in charts.FORMATS:
        raise Http404
    _asked, reaches = _ranked(request, user)
    chart = _chart(request, reaches)
    return charts.download(chart, fmt, "opportunities",
                           [chart.label_heading, chart.value_heading], chart.rows())


def _search_link(family) -> str:
    criteria = selectors.search_criteria(family)
    query = [("process", p) for p in criteria.processes]
    query += [("grade", g) for g in criteria.grades]
    query += [("weight_min", localized_number(criteria.weight_min, 2)),
              ("weight_max", localized_number(criteria.weight_max, 2))]
    if criteria.certificate:
        query.append(("certificate", criteria.certificate))
    return f"{reverse('suppliers:search')}?{urlencode(query)}"


@login_required
def opportunity_detail(request, family: str):
    user = request.user
    _reader(user)
    if family not in FAMILIES:
        raise Http404
    entry = FAMILIES[family]
    context = {"family": entry, "requirements": selectors.requirements(entry),
               "sources": SOURCES}
    if _cluster_view(user):
        cooperative_id = permissions.insights_cooperative_id(user)
        context.update(
            reach=selectors.reach(selectors.cluster_scope(cooperative_id), entry),
            able=selectors.able_today(cooperative_id, entry),
            short=selectors.one_short(cooperative_id, entry),
            search_url=_search_link(entry) if permissions.may_search_suppliers(user) else "",
            together=(selectors.members_together(cooperative_id, entry)
                      if cooperative_id is not None else None))
    else:  # a foundry's people (may_find_opportunities)
        lacks = selectors.missing_for(user.organisation)[family]
        named = selectors.labels(entry)
        context["lacks"] = [named[key] for key in lacks]
    return render(request, "insights/opportunities/detail.html", context)
