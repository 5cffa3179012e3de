"""Partnership commitments: the list (a buyer signs one here) and a commitment with the
need its buyer reports month by month."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions, picking
from pasok.accounts.models import Organisation
from pasok.scorecards.selectors import commitment_tracker, trackers_of
from pasok.web.charts import BAR, chart
from pasok.web.form_errors import add_service_errors
from pasok.web.formatting import localized_percent

from . import selectors, services
from .forms import CommitmentForm, NeedForm


def _partners(user):
    """Whom a buyer's commitment may name: the supplier side it sees, active."""
    if not permissions.may_create_contracts(user):
        return Organisation.objects.none()
    return Organisation.objects.visible_to(user).supplier_side().filter(is_active=True)


@login_required
def commitment_list(request):
    user = request.user
    may_sign = permissions.may_create_contracts(user)
    form = CommitmentForm(request.POST if request.method == "POST" else None,
                          partners=_partners(user),
                          suggest_url=reverse("contracts:partner-names"))
    if request.method == "POST":
        if not may_sign:
            raise PermissionDenied
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                commitment = services.commitment_sign(by=user, buyer=user.organisation,
                                                      **data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Partnership commitment signed."))
                return redirect("contracts:commitment", public_id=commitment.public_id)
    return render(request, "contracts/commitments.html", {
        "trackers": trackers_of(selectors.commitment_list(user=user), clock.today()),
        "form": form,
        "may_sign": may_sign})


@login_required
def commitment_detail(request, public_id):
    user = request.user
    commitment = selectors.commitment_get(user=user, public_id=public_id)
    may_report = permissions.may(user, permissions.CHANGE, commitment)
    form = NeedForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not may_report:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.commitment_need_record(by=user, commitment=commitment,
                                                **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Need recorded."))
                return redirect("contracts:commitment", public_id=public_id)
    tracker = commitment_tracker(commitment, clock.today())
    return render(request, "contracts/commitment.html", {
        "commitment": commitment, "form": form, "may_report": may_report, "tracker": tracker,
        "chart": chart([(r.month, 100 * r.cumulative_ordered / r.cumulative_required
                         if r.cumulative_required else None) for r in tracker.rows],
                       chart_id="commitment-kept", kind=BAR, target=Decimal(100),
                       title=_("Kept so far, month by month"),
                       description=_("Units ordered from the partners as a share of the units "
                                     "the commitment required, counted from its start."),
                       value_heading=_("Kept so far"),
                       format_value=lambda v: localized_percent(v, 0))})


@login_required
def partner_names(request):
    """The organisations a commitment may name whose names contain `q`."""
    if not permissions.may_create_contracts(request.user):
        raise PermissionDenied
    return JsonResponse({"names": picking.suggestions(_partners(request.user),
                                                      request.GET.get("q", ""))})
