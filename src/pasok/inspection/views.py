"""Inspection pages, phone-first for the receiving dock: the deliveries awaiting inspection
with each one's plan, the inspection form of one delivery (its result once inspected), a
non-conformance report, and the switching states."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pasok.accounts import permissions
from pasok.contracts.models import Delivery
from pasok.web.form_errors import add_service_errors
from pasok.web.paging import page_of

from . import selectors, services
from .forms import InspectionForm, NcrAnswerForm
from .models import Inspection, NonConformanceReport, Severity, SwitchingState


@login_required
def dock(request):
    if not permissions.may_use_receiving_dock(request.user):
        raise PermissionDenied
    page = page_of(selectors.awaiting_inspection(request.user), request.GET.get("page"), 50)
    severities = selectors.severities_of(page.object_list)
    rows = [(d, severity, Severity(severity).label, plan) for d in page.object_list
            for severity, plan in [selectors.planned(d, severities)]]
    return render(request, "inspection/dock.html", {"page": page, "rows": rows})


def _delivery(request, public_id):
    try:
        return (Delivery.objects.visible_to(request.user)
                .select_related("call_off__item__contract__buyer", "call_off__maker",
                                "replaces")
                .get(public_id=public_id))
    except Delivery.DoesNotExist:
        raise Http404 from None


@login_required
def inspect(request, public_id):
    """The form for a delivery not inspected yet; once inspected, its result."""
    delivery = _delivery(request, public_id)
    inspection = (Inspection.objects.filter(delivery=delivery)
                  .prefetch_related("findings").select_related("ncr").first())
    if inspection is not None:
        return render(request, "inspection/result.html",
                      {"delivery": delivery, "inspection": inspection})
    if not permissions.may_manage_contract(request.user, delivery.call_off.item.contract):
        raise PermissionDenied
    severity, plan = selectors.planned_for(delivery)
    form = InspectionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        findings, fields = form.findings()
        try:
            inspection = services.inspection_record(
                by=request.user, delivery=delivery,
                nonconforming=form.cleaned_data["nonconforming"], findings=findings,
                sorted_accepted_quantity=form.cleaned_data["sorted_accepted_quantity"])
        except ValidationError as exc:
            add_service_errors(form, exc, renamed=fields)
        else:
            messages.success(request, _("Lot accepted.") if inspection.accepted else
                             _("Lot not accepted: a non-conformance report is opened and "
                               "the supplier is told."))
            return redirect("inspection:inspect", public_id=delivery.public_id)
    return render(request, "inspection/inspect.html", {
        "delivery": delivery, "plan": plan, "severity": severity,
        "severity_label": Severity(severity).label, "form": form})


@login_required
def ncr(request, public_id):
    try:
        report = (NonConformanceReport.objects.visible_to(request.user)
                  .select_related("inspection__delivery__call_off__item__contract__buyer",
                                  "inspection__delivery__call_off__maker")
                  .get(public_id=public_id))
    except NonConformanceReport.DoesNotExist:
        raise Http404 from None
    user, delivery = request.user, report.inspection.delivery
    may_answer = (permissions.may_answer_ncr(user, delivery.call_off)
                  and report.corrective_action_accepted_at is None)
    may_accept = permissions.may_manage_contract(user, delivery.call_off.item.contract)
    form = NcrAnswerForm(request.POST if request.method == "POST" else None,
                         initial={"root_cause": report.root_cause,
                                  "corrective_action": report.corrective_action})
    if request.method == "POST":
        if not may_answer:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.ncr_respond(by=user, ncr=report, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Answer sent to the buyer."))
                return redirect("inspection:ncr", public_id=public_id)
    replacements = list(Delivery.objects.visible_to(user).filter(replaces=delivery)
                        .select_related("inspection"))
    return render(request, "inspection/ncr.html", {
        "ncr": report, "delivery": delivery, "form": form, "may_answer": may_answer,
        "may_accept": may_accept and report.responded_at is not None
        and report.corrective_action_accepted_at is None,
        "may_record_replacement": permissions.may_record_delivery(
            user, delivery.call_off, delivery.call_off.item.contract)
        and report.closed_at is None,
        "replacements": replacements})


@login_required
@require_POST
def ncr_accept(request, public_id):
    report = NonConformanceReport.objects.visible_to(request.user).filter(
        public_id=public_id).first()
    if report is None:
        raise Http404
    try:
        services.ncr_accept_corrective_action(by=request.user, ncr=report)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Corrective action accepted."))
    return redirect("inspection:ncr", public_id=public_id)


@login_required
def switching(request):
    states = list(selectors.switching_states(request.user))
    approvable = {s.pk for s in states
                  if permissions.may_approve_reduced_inspection(request.user, s)}
    return render(request, "inspection/switching.html",
                  {"states": states, "approvable": approvable})


@login_required
@require_POST
def reduced_approval(request, pk: int):
    state = SwitchingState.objects.visible_to(request.user).filter(pk=pk).first()
    if state is None:
        raise Http404
    services.reduced_inspection_approve(by=request.user, state=state,
                                        approved=request.POST.get("approved") == "1")
    messages.success(request, _("Approval of reduced inspection saved."))
    return redirect("inspection:switching")
