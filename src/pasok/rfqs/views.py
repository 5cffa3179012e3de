"""Requests for quotation: the list, a new RFQ, its page (the quoter's own quotation and
its receipt, the sample orders and first articles), the quote form, the comparison after
the deadline, the sample order, the first-article results, the decision and the
contract."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pasok import clock
from pasok.accounts import permissions, picking
from pasok.accounts.models import Organisation
from pasok.web import uploads
from pasok.web.form_errors import Rows, add_service_errors

from . import selectors, services
from .forms import (
    CharacteristicFormSet,
    ContractForm,
    DecisionForm,
    InspectionForm,
    QuotationForm,
    RfqForm,
    SampleOrderForm,
)
from .models import Invite, Status


def _choosable(user):
    """Whom a buyer's RFQ may be sent to: the supplier side it sees, active."""
    if not permissions.may_create_rfqs(user):
        return Organisation.objects.none()
    return Organisation.objects.visible_to(user).supplier_side().filter(is_active=True)


def _status(rfq, now):
    return Status(rfq.status_at(now, sampled=rfq.sampled, approved=rfq.approved))


@login_required
def rfq_list(request):
    now = clock.now()
    rows = [(rfq, _status(rfq, now)) for rfq in selectors.rfq_list(user=request.user)]
    return render(request, "rfqs/list.html", {
        "rows": rows, "may_create": permissions.may_create_rfqs(request.user)})


@login_required
def rfq_new(request):
    user = request.user
    if not permissions.may_create_rfqs(user):
        raise PermissionDenied
    form = RfqForm(request.POST or None, request.FILES or None, suppliers=_choosable(user),
                   suggest_url=reverse("rfqs:supplier-names"))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["suppliers"] = data["suppliers"] or []
        try:
            rfq = services.rfq_send(by=user, buyer=user.organisation, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Request for quotation sent."))
            return redirect("rfqs:detail", public_id=rfq.public_id)
    return render(request, "rfqs/new.html", {"form": form, "invite_chosen": Invite.CHOSEN})


@login_required
def supplier_names(request):
    """The organisations an RFQ may be sent to whose names contain `q`."""
    if not permissions.may_create_rfqs(request.user):
        raise PermissionDenied
    return JsonResponse({"names": picking.suggestions(_choosable(request.user),
                                                      request.GET.get("q", ""))})


@login_required
def rfq_detail(request, public_id):
    user = request.user
    rfq = selectors.rfq_get(user=user, public_id=public_id)
    now = clock.now()
    own = selectors.own_quotation(user=user, rfq=rfq)
    buyer_side = permissions.may_compare_quotations(user, rfq)
    manages = permissions.may_manage_rfq(user, rfq)
    samples = list(selectors.sample_orders(user=user, rfq=rfq))
    for order in samples:
        for inspection in order.inspections.all():
            if manages and not inspection.decision:
                inspection.decision_form = _decision_form(None, inspection)
    return render(request, "rfqs/detail.html", {
        "rfq": rfq, "status": _status(rfq, now), "open": rfq.is_open(now),
        "own": own, "own_terms": own.terms if own and not own.withdrawn_at else None,
        "may_quote": permissions.may_quote(user) and rfq.invitations.filter(
            supplier_id=user.organisation_id).exists(),
        "buyer_side": buyer_side, "manages": manages,
        "invitations": selectors.invitations(rfq=rfq) if buyer_side else None,
        "has_drawing": selectors.has_drawing(rfq),
        "samples": samples})


def _decision_form(data, inspection):
    """One per first article: the page may show several, each its own fields' ids."""
    return DecisionForm(data, prefix=f"decide-{inspection.public_id}")


@login_required
def drawing(request, public_id):
    rfq = selectors.rfq_get(user=request.user, public_id=public_id)
    document = selectors.drawing_get(user=request.user, rfq=rfq)
    return uploads.download(document, document.filename, bytes(document.data))


@login_required
def quote(request, public_id):
    user = request.user
    rfq = selectors.rfq_get(user=user, public_id=public_id)
    if not permissions.may_quote(user):
        raise PermissionDenied
    own = selectors.own_quotation(user=user, rfq=rfq)
    initial = {}
    if own is not None and own.withdrawn_at is None:
        terms = own.terms
        initial = {"unit_price": terms.unit_price, "lead_time_weeks": terms.lead_time_weeks,
                   "monthly_capacity": terms.monthly_capacity,
                   "valid_until": terms.valid_until, "note": terms.note}
    form = QuotationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.quotation_submit(by=user, rfq=rfq, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Quotation received, sealed until the deadline."))
            return redirect("rfqs:detail", public_id=rfq.public_id)
    return render(request, "rfqs/quote.html", {"rfq": rfq, "form": form, "own": own})


@login_required
@require_POST
def withdraw(request, public_id):
    user = request.user
    rfq = selectors.rfq_get(user=user, public_id=public_id)
    own = selectors.own_quotation(user=user, rfq=rfq)
    if own is None:
        raise PermissionDenied
    try:
        services.quotation_withdraw(by=user, quotation=own)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Quotation withdrawn."))
    return redirect("rfqs:detail", public_id=rfq.public_id)


def _sample_form(data, rows):
    return SampleOrderForm(data, quotations=[
        (str(r.quotation.public_id), r.quotation.supplier.name) for r in rows])


@login_required
def compare(request, public_id):
    """The standing quotations side by side: for the buyer's people, from the deadline
    (before it the Quotation rule gives them none). A sample order is placed here."""
    user = request.user
    rfq = selectors.rfq_get(user=user, public_id=public_id)
    if not permissions.may_compare_quotations(user, rfq):
        raise PermissionDenied
    rows = selectors.comparison(user=user, rfq=rfq)
    manages = permissions.may_manage_rfq(user, rfq)
    form = _sample_form(request.POST or None, rows)
    if request.method == "POST":
        if not manages:
            raise PermissionDenied
        if form.is_valid():
            chosen = next(r.quotation for r in rows
                          if str(r.quotation.public_id) == form.cleaned_data["quotation"])
            try:
                order = services.sample_order(by=user, rfq=rfq, quotation=chosen,
                                              quantity=form.cleaned_data["quantity"],
                                              due_on=form.cleaned_data["due_on"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Samples ordered from %(supplier)s.") % {
                    "supplier": order.quotation.supplier.name})
                return redirect("rfqs:detail", public_id=rfq.public_id)
    return render(request, "rfqs/compare.html", {
        "rfq": rfq, "rows": rows, "open": rfq.is_open(clock.now()), "form": form,
        "manages": manages})


@login_required
def first_article(request, public_id):
    """The first article's measurements for a sample order (a formset of
    characteristics)."""
    user = request.user
    order = selectors.sample_order_get(user=user, public_id=public_id)
    rfq = order.rfq
    if not permissions.may_manage_rfq(user, rfq):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = InspectionForm(data, initial={"inspected_on": clock.today()})
    rows = CharacteristicFormSet(data, prefix="characteristics")
    if data is not None and form.is_valid() and rows.is_valid():
        sent = [f for f in rows.forms if f.has_changed()]
        try:
            services.first_article_record(
                by=user, sample_order=order, inspected_on=form.cleaned_data["inspected_on"],
                characteristics=[f.cleaned_data for f in sent])
        except ValidationError as exc:
            add_service_errors(form, exc, {"characteristics": Rows(rows, sent)})
        else:
            messages.success(request, _("First-article results recorded."))
            return redirect("rfqs:detail", public_id=rfq.public_id)
    return render(request, "rfqs/first_article.html", {
        "rfq": rfq, "order": order, "form": form, "rows": rows})


@login_required
@require_POST
def decide(request, public_id):
    user = request.user
    inspection = selectors.inspection_get(user=user, public_id=public_id)
    rfq = inspection.sample_order.rfq
    if not permissions.may_manage_rfq(user, rfq):
        raise PermissionDenied
    form = _decision_form(request.POST, inspection)
    if form.is_valid():
        try:
            services.first_article_decide(by=user, inspection=inspection,
                                          approve=form.cleaned_data["decision"] == "approve",
                                          note=form.cleaned_data["note"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Decision recorded."))
    else:
        messages.error(request, _("Choose to approve or to reject the first article."))
    return redirect("rfqs:detail", public_id=rfq.public_id)


@login_required
def make_contract(request, public_id):
    user = request.user
    rfq = selectors.rfq_get(user=user, public_id=public_id)
    if not permissions.may_manage_rfq(user, rfq):
        raise PermissionDenied
    form = ContractForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contract = services.rfq_contract_make(by=user, rfq=rfq, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Contract proposed: both parties sign it next."))
            return redirect("contracts:detail", public_id=contract.public_id)
    return render(request, "rfqs/contract.html", {"rfq": rfq, "form": form})
