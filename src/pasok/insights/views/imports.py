"""Imported alternatives: the list by part family with the headline comparison, recording
and correcting one, and the fair comparison with the local product (rules.import_threat)
stated plainly."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.kinds import BUYER_KINDS
from pasok.accounts.models import Organisation
from pasok.rules import import_threat
from pasok.rules.money import round_half_up
from pasok.web import charts
from pasok.web.form_errors import add_service_errors
from pasok.web.formatting import localized_rupiah

from .. import import_selectors as selectors
from .. import services
from ..import_forms import AlternativeForm, LocalPriceForm
from ..services.imports import FIELDS


def _readers_only(user) -> None:
    if not permissions.may_read_imports(user):
        raise PermissionDenied


def _compare(alternative, local_price, local_tkdn, km_per_month=None):
    return import_threat.compare(
        local_price=local_price, local_life_months=alternative.local_service_life_months,
        local_tkdn_percent=local_tkdn, import_price=alternative.landed_price,
        import_life_months=alternative.service_life_months,
        units_per_year=alternative.units_per_year, km_per_month=km_per_month)


@dataclass(frozen=True)
class Row:
    alternative: object
    local: selectors.LocalSide
    comparison: import_threat.Comparison | None

    @property
    def import_per_month(self) -> Decimal:
        return round_half_up(import_threat.cost_per_month(
            self.alternative.landed_price, self.alternative.service_life_months), 0)

    @property
    def local_per_month(self) -> Decimal | None:
        return round_half_up(self.comparison.local.per_month, 0) if self.comparison else None


@login_required
def alternative_list(request):
    user = request.user
    _readers_only(user)
    alternatives = list(selectors.alternative_list(user=user))
    sides = selectors.local_sides({(a.family, a.buyer_id) for a in alternatives},
                                  user=user, today=clock.today())
    rows = []
    for a in alternatives:
        local = sides[(a.family, a.buyer_id)]
        rows.append(Row(a, local, _compare(a, local.unit_price, local.tkdn_percent)
                        if local.unit_price else None))
    return render(request, "insights/imports/list.html", {
        "rows": rows, "may_record": permissions.may_record_imports(user),
        "threat": import_threat})


def _buyers(user):
    """The buyers a record may name: a buyer's people their own organisation (the service
    refuses another), the ministry any."""
    return permissions.buyers_an_import_may_name(
        user.organisation,
        Organisation.objects.filter(kind__in=BUYER_KINDS, is_active=True).order_by("name"))


def _save(form, save):
    """Run `save(data)` with the form's values; None when the form or the service refused."""
    if not form.is_valid():
        return None
    try:
        return save({name: form.cleaned_data[name] for name in FIELDS})
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


@login_required
def alternative_new(request):
    user = request.user
    if not permissions.may_record_imports(user):
        raise PermissionDenied
    buyers = _buyers(user)
    own = buyers.filter(pk=user.organisation_id).first()
    initial = {"buyer": own} if own is not None else {}
    form = AlternativeForm(request.POST if request.method == "POST" else None, buyers=buyers,
                           initial=initial)
    if request.method == "POST":
        saved = _save(form, lambda data: services.alternative_record(
            by=user, recorded_for=user.organisation, **data))
        if saved is not None:
            messages.success(request, _("Imported alternative recorded."))
            return redirect("insights:import", public_id=saved.public_id)
    return render(request, "insights/imports/form.html", {"form": form, "alternative": None})


@login_required
def alternative_edit(request, public_id):
    user = request.user
    _readers_only(user)
    alternative = selectors.alternative_get(user=user, public_id=public_id)
    if not permissions.may(user, permissions.CHANGE, alternative):
        raise PermissionDenied
    form = AlternativeForm(request.POST if request.method == "POST" else None,
                           buyers=_buyers(user),
                           initial={name: getattr(alternative, name) for name in FIELDS})
    if request.method == "POST":
        saved = _save(form, lambda data: services.alternative_update(
            by=user, alternative=alternative, **data))
        if saved is not None:
            messages.success(request, _("Imported alternative corrected."))
            return redirect("insights:import", public_id=public_id)
    return render(request, "insights/imports/form.html",
                  {"form": form, "alternative": alternative})


def _rupiah(value: Decimal) -> str:
    return localized_rupiah(round_half_up(value, 0), 0)


def _shown(c: import_threat.Comparison) -> dict:
    """The comparison's figures as the page prints them: rupiah whole, months to 2 places."""
    rupiah = {"local_per_month": c.local.per_month, "import_per_month": c.imported.per_month,
              "local_hea_per_month": c.local.hea_per_month,
              "break_even_price": c.break_even_price,
              "break_even_price_with_preference": c.break_even_price_with_preference}
    if c.local.per_1000_km is not None:
        rupiah |= {"local_per_1000_km": c.local.per_1000_km,
                   "import_per_1000_km": c.imported.per_1000_km}
    return ({k: round_half_up(v, 0) for k, v in rupiah.items()}
            | {"break_even_life": round_half_up(c.break_even_life_months, 2),
               "break_even_life_with_preference":
                   round_half_up(c.break_even_life_with_preference_months, 2),
               "kp_percent": round_half_up(100 * c.local.kp, 2)})


def _comparison_asked(request, alternative):
    """The local side from the platform's contracts, or as the reader typed it (a price, a
    TKDN, kilometres a month), and the comparison on it (None without a local price)."""
    local = selectors.local_side_of(alternative, user=request.user, today=clock.today())
    asked = LocalPriceForm(request.GET or None)
    typed = asked.cleaned_data if asked.is_valid() else {}
    price = typed.get("local_price") or local.unit_price
    tkdn = typed.get("local_tkdn_percent")
    if tkdn is None:
        tkdn = local.tkdn_percent
    comparison = (_compare(alternative, price, tkdn, typed.get("km_per_month"))
                  if price else None)
    return local, asked, typed, comparison


def _cost_chart(request, alternative, comparison) -> charts.NamedChart:
    figures = [(_("Local product"), comparison.local.per_month, "bar-local")]
    if comparison.preference_applies:
        figures.append((_("Local product, judged with the preference"),
                        comparison.local.hea_per_month, "bar-preferred"))
    figures.append((_("Imported product"), comparison.imported.per_month, "bar-import"))
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    urls = {f"{fmt}_url": reverse("insights:import-chart",
                                  args=[alternative.public_id, fmt]) + query
            for fmt in charts.FORMATS}
    return charts.named_bars(
        figures, chart_id="cost-per-month", title=_("Cost per month of service"),
        description=_("What a month of service costs with each product: its unit price "
                      "divided by its service life."),
        label_heading=_("Product"), value_heading=_("Cost per month"), format_value=_rupiah,
        **urls)


@login_required
def alternative_detail(request, public_id):
    user = request.user
    _readers_only(user)
    alternative = selectors.alternative_get(user=user, public_id=public_id)
    local, asked, typed, comparison = _comparison_asked(request, alternative)
    return render(request, "insights/imports/detail.html", {
        "alternative": alternative, "local": local, "asked": asked,
        "typed_price": bool(typed.get("local_price")), "comparison": comparison,
        "shown": _shown(comparison) if comparison else None,
        "chart": _cost_chart(request, alternative, comparison) if comparison else None,
        "may_change": permissions.may(user, permissions.CHANGE, alternative),
        "threat": import_threat})


@login_required
def alternative_chart(request, public_id, fmt: str):
    """The cost-per-month chart as CSV (rupiah, whole), SVG or PNG, on the same figures as
    the page (its query: a typed local price)."""
    _readers_only(request.user)
    alternative = selectors.alternative_get(user=request.user, public_id=public_id)
    _local, _asked, _typed, comparison = _comparison_asked(request, alternative)
    if fmt not in charts.FORMATS or comparison is None:
        raise Http404
    chart = _cost_chart(request, alternative, comparison)
    name = slugify(f"{alternative.product} {_('cost per month')}")
    return charts.download(chart, fmt, name, [chart.label_heading, chart.value_heading],
                           chart.rows())
