from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pasok import clock
from pasok.accounts.models import Organisation
from pasok.web.form_errors import add_service_errors, errors_by_field

from . import documents, selectors, services
from .evaluation_pdf import evaluation_pdf
from .exports import evaluation_xlsx
from .forms import BidForm, CancelForm, LotFormSet, MemberFormSet, TenderForm
from .models import Bid, Status


@login_required
def tender_list(request):
    tenders = selectors.tenders_for(user=request.user)
    return render(request, "tenders/list.html", {
        "tenders": tenders, "now": clock.now(),
        "may_create": request.user.organisation_id is not None
        and request.user.organisation.is_buyer and request.user.can_write_for_org,
    })


@login_required
def tender_new(request):
    user = request.user
    if not (user.organisation_id and user.organisation.is_buyer and user.can_write_for_org):
        raise PermissionDenied
    form = TenderForm(request.POST or None)
    lots = LotFormSet(request.POST or None, prefix="lot")
    if request.method == "POST" and form.is_valid() and lots.is_valid():
        try:
            with transaction.atomic():
                tender = services.tender_create(by=user, buyer=user.organisation,
                                                **form.cleaned_data)
                for lot in lots.forms:
                    if lot.has_changed():
                        services.lot_add(by=user, tender=tender, **lot.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Draft saved. Check it, then publish."))
            return redirect("tenders:detail", pk=tender.pk)
    return render(request, "tenders/new.html", {"form": form, "lots": lots})


@login_required
def tender_detail(request, pk: int):
    tender = selectors.tender_get(user=request.user, pk=pk)
    org = request.user.organisation
    is_buyer = org is not None and tender.buyer_id == org.pk
    return render(request, "tenders/detail.html", {
        "tender": tender, "status": tender.status, "Status": Status,
        "is_buyer": is_buyer or request.user.is_platform_admin,
        "may_bid": (org is not None and org.is_supplier_side
                    and tender.status == Status.PUBLISHED),
        "own_bids": selectors.own_bids(user=request.user, tender=tender),
        "opened": list(selectors.opened_bids(user=request.user, tender=tender)),
        "cancel_form": CancelForm(),
        "questions": tender.questions.only("text", "asked_at", "answer", "answered_at"),
    })


@login_required
def bid(request, pk: int, lot_pk: int):
    tender = selectors.tender_get(user=request.user, pk=pk)
    lot = tender.lots.get(pk=lot_pk)
    org = request.user.organisation
    if org is None or not org.is_supplier_side or not request.user.can_write_for_org:
        raise PermissionDenied
    certificates, versions = selectors.tkdn_sources(user=request.user, organisation=org)
    current = selectors.own_bids(user=request.user, tender=tender).get(lot.pk)
    initial, member_rows = selectors.replacement_initial(user=request.user, bid=current)
    data = request.POST if request.method == "POST" else None
    form = BidForm(data, request.FILES or None, initial=initial, certificates=certificates,
                   versions=versions, documents=tender.required_documents)
    members = MemberFormSet(data, prefix="member", initial=member_rows, form_kwargs={
        "members": selectors.cooperative_members(cooperative=org),
    }) if org.kind == "cooperative" else None
    if data is not None and form.is_valid() and (members is None or members.is_valid()):
        fields = {name: form.cleaned_data[name] for name in (
            "unit_price", "quantity", "total_price", "monthly_capacity", "origin",
            "siinas_registered")}
        try:
            placed, nonce = services.bid_submit(
                by=request.user, lot=lot, **fields, **form.source(),
                documents=form.uploads(), members=members.shares() if members else ())
        except ValidationError as exc:
            errors = errors_by_field(exc)
            if members is not None and "members" in errors:
                members.non_form_errors().extend(errors.pop("members"))
            if errors:
                add_service_errors(form, ValidationError(errors))
        else:
            return render(request, "tenders/receipt.html", {
                "tender": tender, "lot": lot, "bid": placed, "nonce": nonce})
    return render(request, "tenders/bid.html", {
        "tender": tender, "lot": lot, "form": form, "members": members, "current": current,
        "attached": selectors.own_bid_documents(user=request.user, bid=current),
        "organisation": Organisation.objects.get(pk=org.pk)})


@login_required
def bid_document(request, pk: int, document_pk: int):
    """A bid's document, as a download, for whoever may see the bid; 404 for anyone else."""
    tender = selectors.tender_get(user=request.user, pk=pk)
    document, filename, data = selectors.bid_document_file(user=request.user, tender=tender,
                                                           pk=document_pk)
    return documents.download(document, filename, data)


@login_required
@require_POST
def bid_withdraw(request, pk: int, bid_pk: int):
    placed = Bid.objects.visible_to(request.user).get(pk=bid_pk, tender_id=pk)
    try:
        services.bid_withdraw(by=request.user, bid=placed)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Bid withdrawn."))
    return redirect("tenders:detail", pk=pk)


_STEPS = {
    "publish": (services.tender_publish, _("Published.")),
    "open": (services.tender_open, _("Bids opened.")),
    "evaluate": (services.tender_evaluate, _("Evaluated.")),
    "award": (services.tender_award, _("Awarded.")),
}


@login_required
@require_POST
def step(request, pk: int, action: str):
    """Publish, open, evaluate or award: one button each on the tender page."""
    tender = selectors.tender_get(user=request.user, pk=pk)
    service, done = _STEPS[action]
    try:
        service(by=request.user, tender=tender)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("tenders:detail", pk=pk)


@login_required
@require_POST
def ask(request, pk: int):
    tender = selectors.tender_get(user=request.user, pk=pk)
    try:
        services.question_ask(by=request.user, tender=tender,
                              text=request.POST.get("text", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Question sent. The answer will be shown to every "
                                    "bidder, without your name."))
    return redirect("tenders:detail", pk=pk)


@login_required
@require_POST
def answer(request, pk: int, question_pk: int):
    tender = selectors.tender_get(user=request.user, pk=pk)
    question = tender.questions.get(pk=question_pk)
    try:
        services.question_answer(by=request.user, question=question,
                                 answer=request.POST.get("answer", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("tenders:detail", pk=pk)


@login_required
@require_POST
def cancel(request, pk: int):
    tender = selectors.tender_get(user=request.user, pk=pk)
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.tender_cancel(by=request.user, tender=tender, reason=reason)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Tender cancelled."))
    return redirect("tenders:detail", pk=pk)


def _evaluation_context(request, pk):
    tender = selectors.tender_get(user=request.user, pk=pk)
    if tender.evaluated_at is None:
        raise PermissionDenied
    lots = selectors.evaluations_by_lot(user=request.user, tender=tender)
    if not any(bids for _lot, bids in lots):
        raise PermissionDenied
    return tender, lots


@login_required
def evaluation(request, pk: int):
    tender, lots = _evaluation_context(request, pk)
    may_split = (tender.split_award_allowed and tender.status == Status.EVALUATED
                 and (request.user.is_platform_admin
                      or request.user.organisation_id == tender.buyer_id))
    context = {"tender": tender, "lots": lots, "may_split": may_split}
    if may_split:
        context |= _split_proposal_context(tender)
    return render(request, "tenders/evaluation.html", context)


def _split_proposal_context(tender) -> dict:
    """The optimiser's split, to prefill the share inputs, with what held each bid."""
    from .split_proposal import propose_split  # numpy and HiGHS load when first needed

    rule_names = {"capacity": _("monthly capacity offered"), "share": _("quantity offered"),
                  "cost": _("evaluated price")}
    proposals = propose_split(tender)
    return {
        "proposed": {bid: q for p in proposals for bid, q in p.quantities.items()},
        "held_by": {bid: ", ".join(str(rule_names.get(r, r)) for r in rules)
                    for p in proposals for bid, rules in p.bound_by.items()},
        "uncovered": {p.number: p.short for p in proposals if p.short},
    }


@login_required
@require_POST
def award_optimised(request, pk: int):
    tender = selectors.tender_get(user=request.user, pk=pk)
    try:
        services.tender_award_optimised(by=request.user, tender=tender)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("tenders:evaluation", pk=pk)
    messages.success(request, _("Awarded in shares."))
    return redirect("tenders:detail", pk=pk)


@login_required
@require_POST
def award_split(request, pk: int):
    tender = selectors.tender_get(user=request.user, pk=pk)
    try:
        quantities = {int(key.removeprefix("share-")): int(value or 0)
                      for key, value in request.POST.items() if key.startswith("share-")}
    except ValueError:
        messages.error(request, _("Shares are whole numbers of units."))
        return redirect("tenders:evaluation", pk=pk)
    try:
        services.tender_award_split(by=request.user, tender=tender, quantities=quantities)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("tenders:evaluation", pk=pk)
    messages.success(request, _("Awarded in shares."))
    return redirect("tenders:detail", pk=pk)


@login_required
def evaluation_export(request, pk: int):
    tender, lots = _evaluation_context(request, pk)
    return evaluation_xlsx(tender, lots)


@login_required
def evaluation_pdf_view(request, pk: int):
    tender, lots = _evaluation_context(request, pk)
    response = HttpResponse(evaluation_pdf(tender, lots), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="evaluation-{tender.reference}.pdf"'
    return response
