"""Contract pages: the list, a contract (terms, progress, versions and signatures, call-off
orders), a call-off order (answer, deliveries), amendments, documents and price indices
(partnership commitments: commitment_views.py)."""

import itertools
from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pasok.accounts import permissions
from pasok.accounts.models import Organisation
from pasok.rules.price_adjustment import Clause
from pasok.tenders import selectors as tender_selectors
from pasok.web import uploads
from pasok.web.form_errors import add_service_errors
from pasok.web.paging import page_of

from . import pricing, selectors, services
from .forms import (
    AmendmentForm,
    AnswerForm,
    CallOffForm,
    DeliveryForm,
    DocumentForm,
    IndicesForm,
    ItemAmendmentForm,
    PlanOrdersForm,
)
from .models import CallOffStatus, ContractDocument, Status
from .terms import rescheduled

LIST_PAGE_SIZE = 50


def _done(request, message: str, exc: ValidationError | None = None) -> bool:
    """Say how a one-button action went (the service's own words when refused)."""
    if exc is not None:
        messages.error(request, " ".join(exc.messages))
        return False
    messages.success(request, message)
    return True


def _small_form(request, form, act, message) -> None:
    """A small form on the contract page: `act(cleaned_data)` when it is valid, and what
    came of it said above the page (the form's own errors or the service's). `message`
    words the result of `act`."""
    try:
        if not form.is_valid():
            raise ValidationError(list(itertools.chain(*form.errors.values())))
        result = act(form.cleaned_data)
    except ValidationError as exc:
        _done(request, "", exc)
    else:
        _done(request, message(result))


@login_required
def contract_list(request):
    page = page_of(selectors.contract_list(user=request.user), request.GET.get("page"),
                   LIST_PAGE_SIZE)
    return render(request, "contracts/list.html", {"page": page, "contracts": page.object_list})


def _makers(contract) -> list[Organisation]:
    """Whom an order may go to: the supplier, and a cooperative supplier's members."""
    supplier = contract.supplier
    members = list(Organisation.objects.filter(cooperative=supplier, is_active=True)
                   .order_by("name")) if supplier.is_cooperative else []
    return [supplier, *members]


@login_required
def contract_detail(request, public_id):
    user = request.user
    contract = selectors.contract_get(user=user, public_id=public_id)
    manages = permissions.may_manage_contract(user, contract)
    progress = selectors.item_progress(contract)
    items = [p.item for p in progress]
    makers = _makers(contract) if manages else []
    form = CallOffForm(request.POST if request.method == "POST" else None, items=items,
                       makers=makers)
    if request.method == "POST":
        if not manages:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            item = next(i for i in items if i.pk == data["item"])
            maker = next(m for m in makers if m.pk == data["maker"])
            try:
                call_off = services.call_off_issue(
                    by=user, item=item, month=data["month"], quantity=data["quantity"],
                    maker=maker, deliver_by=data["deliver_by"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Call-off order %(ref)s issued; the supplier is "
                                            "told.") % {"ref": call_off.reference})
                return redirect("contracts:detail", public_id=public_id)
    versions = list(contract.versions.select_related(
        "buyer_signed_by", "supplier_signed_by").order_by("-number"))
    side = permissions.contract_side(user, contract)
    pending = next((v for v in versions if not v.signed and v.withdrawn_at is None), None)
    return render(request, "contracts/detail.html", {
        "contract": contract, "progress": progress, "versions": versions, "pending": pending,
        "may_sign": pending is not None and side is not None
        and getattr(pending, f"{side}_signed_at") is None,
        "manages": manages, "form": form,
        "may_order": manages and contract.version > 0 and contract.status != Status.ENDED,
        "may_amend": manages and contract.version > 0 and pending is None,
        "plan_form": PlanOrdersForm(items=items) if manages and contract.version > 0
        and contract.supplier.is_cooperative else None,
        "call_offs": selectors.call_offs_of(contract, user=user),
        "documents": contract.documents.defer("data"),
        "clause": (clause := Clause.of(contract.price_adjustment)),
        "indices": _indices_by_month(contract, progress) if clause else [],
        "indices_form": IndicesForm(components=[c.name for c in clause.components])
        if clause and manages else None,
        "document_form": DocumentForm()
        if permissions.may_add_contract_document(user, contract) else None})


def _indices_by_month(contract, progress) -> list[tuple]:
    """(month, {component: index}, [(item, adjusted unit price)]) for each month recorded."""
    by_month: dict = {}
    for row in contract.index_values.all():
        by_month.setdefault(row.month, {})[row.component] = row.value
    return [(month, values, [(p.item, pricing.unit_price_for(p.item, month)) for p in progress])
            for month, values in sorted(by_month.items())]


@login_required
@require_POST
def price_indices(request, public_id):
    contract = selectors.contract_get(user=request.user, public_id=public_id)
    if not permissions.may_manage_contract(request.user, contract):
        raise PermissionDenied
    clause = Clause.of(contract.price_adjustment)
    form = IndicesForm(request.POST, components=[c.name for c in clause.components]
                       if clause else [])
    _small_form(request, form, lambda data: services.price_indices_record(
        by=request.user, contract=contract, month=data["month"], values=form.values()),
        lambda _rows: _("Price indices recorded."))
    return redirect("contracts:detail", public_id=public_id)


@login_required
@require_POST
def contract_document_add(request, public_id):
    contract = selectors.contract_get(user=request.user, public_id=public_id)
    if not permissions.may_add_contract_document(request.user, contract):
        raise PermissionDenied
    _small_form(request, DocumentForm(request.POST, request.FILES),
                lambda data: services.contract_document_add(
                    by=request.user, contract=contract, title=data["title"],
                    upload=data["upload"]),
                lambda _document: _("Document added to the contract."))
    return redirect("contracts:detail", public_id=public_id)


@login_required
def contract_document(request, public_id, document_id):
    contract = selectors.contract_get(user=request.user, public_id=public_id)
    document = ContractDocument.objects.get(contract=contract, public_id=document_id)
    return uploads.download(document, document.filename, bytes(document.data))


@login_required
@require_POST
def contract_sign(request, public_id):
    contract = selectors.contract_get(user=request.user, public_id=public_id)
    try:
        version = services.contract_sign(by=request.user, contract=contract)
    except ValidationError as exc:
        _done(request, "", exc)
    else:
        _done(request, _("Version %(n)s signed.") % {"n": version.number}
              + (" " + _("It is in force.") if version.signed else ""))
    return redirect("contracts:detail", public_id=public_id)


@login_required
@require_POST
def contracts_from_award(request, pk: int):
    tender = tender_selectors.tender_get(user=request.user, pk=pk)
    try:
        made = services.contracts_from_award(by=request.user, tender=tender)
    except ValidationError as exc:
        _done(request, "", exc)
        return redirect("tenders:detail", pk=pk)
    _done(request, _("%(n)s contract(s) proposed to the awarded suppliers; sign them on "
                     "each contract's page.") % {"n": len(made)})
    return redirect("contracts:detail", public_id=made[0].public_id)


@login_required
def contract_amend(request, public_id):
    user = request.user
    contract = selectors.contract_get(user=user, public_id=public_id)
    if not permissions.may_manage_contract(user, contract):
        raise PermissionDenied
    terms = services.terms_of(contract)
    sent = request.POST if request.method == "POST" else None
    form = AmendmentForm(sent, initial={"ends_on": terms.ends_on,
                                        "payment_term_days": terms.payment_term_days})
    rows = [(item, ItemAmendmentForm(sent, prefix=f"item-{item.number}", initial={
        "unit_price": item.unit_price, "quantity": item.quantity,
        "minimum_quantity": item.minimum_quantity, "family": item.family}))
        for item in terms.items]
    if sent is not None and form.is_valid() and all(f.is_valid() for _i, f in rows):
        changed = replace(
            terms, ends_on=form.cleaned_data["ends_on"],
            payment_term_days=form.cleaned_data["payment_term_days"],
            items=tuple(replace(item, **f.cleaned_data,
                                schedule=rescheduled(item.schedule, f.cleaned_data["quantity"]))
                        for item, f in rows))
        try:
            version = services.contract_amend(by=user, contract=contract, terms=changed,
                                              reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
            _into_items(rows, exc)
        else:
            messages.success(request, _("Amendment %(n)s proposed; it takes effect once both "
                                        "parties have signed it.") % {"n": version.number})
            return redirect("contracts:detail", public_id=public_id)
    return render(request, "contracts/amend.html", {"contract": contract, "form": form,
                                                    "rows": rows})


def _into_items(rows, exc: ValidationError) -> None:
    """An error under `items.N.field` onto item N's row."""
    if not hasattr(exc, "error_dict"):
        return
    for key, errors in exc.error_dict.items():
        parts = key.split(".")
        if parts[0] == "items" and len(parts) == 3:
            for item, f in rows:
                if str(item.number) == parts[1] and parts[2] in f.fields:
                    f.add_error(parts[2], errors)


@login_required
@require_POST
def call_offs_from_plan(request, public_id):
    """The month's orders to the cooperative's members, as its plan in force allocates."""
    contract = selectors.contract_get(user=request.user, public_id=public_id)
    if not permissions.may_manage_contract(request.user, contract):
        raise PermissionDenied
    _small_form(request, PlanOrdersForm(request.POST, items=contract.items.all()),
                lambda data: services.call_offs_from_plan(
                    by=request.user, item=contract.items.get(pk=data["item"]),
                    month=data["month"]),
                lambda made: _("%(n)s call-off order(s) issued to the members from the plan.")
                % {"n": len(made)})
    return redirect("contracts:detail", public_id=public_id)


@login_required
def call_off_detail(request, public_id):
    user = request.user
    call_off = selectors.call_off_get(user=user, public_id=public_id)
    contract = call_off.item.contract
    may_deliver = (call_off.status == CallOffStatus.ACCEPTED
                   and permissions.may_record_delivery(user, call_off, contract))
    rejected = [d for d in call_off.deliveries.all()
                if d.inspected and d.accepted_quantity < d.quantity]
    form = DeliveryForm(request.POST if request.method == "POST" else None, rejected=rejected,
                        initial={"replaces": request.GET.get("replaces")})
    if request.method == "POST":
        if not may_deliver:
            raise PermissionDenied
        if form.is_valid():
            data = dict(form.cleaned_data)
            replaced = data.pop("replaces", None)
            data["replaces"] = next((d for d in rejected if str(d.public_id) == replaced), None)
            try:
                services.delivery_record(by=user, call_off=call_off, **data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Delivery recorded; it awaits inspection."))
                return redirect("contracts:call_off", public_id=public_id)
    return render(request, "contracts/call_off.html", {
        "call_off": call_off, "contract": contract, "form": form, "may_deliver": may_deliver,
        "answer_form": AnswerForm(),
        "may_answer": call_off.status == CallOffStatus.ISSUED
        and permissions.may_answer_call_off(user, call_off),
        "delivered": services.delivered_units(call_off)})


@login_required
@require_POST
def call_off_answer(request, public_id):
    call_off = selectors.call_off_get(user=request.user, public_id=public_id)
    accept = request.POST.get("answer") == "accept"
    try:
        services.call_off_answer(by=request.user, call_off=call_off, accept=accept,
                                 reason=request.POST.get("decline_reason", ""))
    except ValidationError as exc:
        _done(request, "", exc)
    else:
        _done(request, _("Order accepted: your capacity for the month is booked.") if accept
              else _("Order declined; the buyer is told why."))
    return redirect("contracts:call_off", public_id=public_id)
