"""Tender pages. Thin: forms check shape, selectors read, services check and write.

Publishing, awarding (whole, in shares, as the optimiser proposes), cancelling and
withdrawing a bid take two POSTs: the first shows what will happen (the service's preview,
after all its checks), the second carries `confirm` and does it, so no JavaScript is needed
to ask "are you sure". A bid that is received redirects to its receipt (POST, redirect,
GET)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pasok import clock
from pasok.accounts import permissions
from pasok.rules.preference import PREFERENCE_PACKAGE_ABOVE, TKDN_MIN_FOR_PREFERENCE
from pasok.web.form_errors import Rows, add_service_errors, errors_by_field, in_row
from pasok.web.formatting import local_moment, localized_number, localized_rupiah
from pasok.web.paging import page_of
from pasok.web.shared_choices import SharedChoices

from . import capacity_warnings, documents, lifecycle, limits, selectors, services
from .addenda_text import change_lines
from .awarding import Method
from .evaluation_pdf import evaluation_pdf
from .exports import evaluation_xlsx
from .forms import (
    BidForm,
    CancelForm,
    DraftLotForm,
    DraftLotFormSet,
    LotForm,
    LotFormSet,
    MemberFormSet,
    SplitForm,
    TenderForm,
)
from .lifecycle import Action
from .models import Bid, ProposalStatus, SplitProposal, Status
from .proposals import stored
from .receipt_pdf import receipt_pdf

# The session key of the receipt just issued: its nonce is shown once, on the next GET.
FRESH_RECEIPT = "pasok.fresh_bid_receipt"
LIST_PAGE_SIZE = 50


def _confirmed(request) -> bool:
    return request.POST.get("confirm") == "1"


def _refused(request, exc: ValidationError, pk: int, to: str = "tenders:detail"):
    messages.error(request, " ".join(exc.messages))
    return redirect(to, pk=pk)


@login_required
def tender_list(request):
    # A year of tenders is thousands: a page at a time (the load test found the whole list
    # took seconds to render).
    page = page_of(selectors.tender_list(user=request.user), request.GET.get("page"),
                   LIST_PAGE_SIZE)
    return render(request, "tenders/list.html", {
        "page": page, "tenders": page.object_list,
        "may_create": permissions.may_create_tenders(request.user)})


def _save_lots(user, tender, lots) -> None:
    """The lot rows of a draft form: removed ones removed first (so the numbers stay in
    order), then changed ones saved and new ones added."""
    rows = [(i, form.cleaned_data) for i, form in enumerate(lots.forms)]
    for _i, data in rows:
        if data.get("DELETE") and data.get("id"):
            services.lot_remove(by=user, lot=selectors.lot_of(tender, data["id"]))
    for i, data in rows:
        if not data or data.get("DELETE") or not lots.forms[i].has_changed():
            continue
        fields = {name: data[name] for name in LotForm.base_fields}
        try:
            if data.get("id"):
                services.lot_update(by=user, lot=selectors.lot_of(tender, data["id"]), **fields)
            else:
                services.lot_add(by=user, tender=tender, **fields)
        except ValidationError as exc:
            raise in_row("lots", i, exc) from exc


def _draft(request, tender=None):
    """The new-tender page and the draft editor: the tender's fields and its lots, saved
    in one transaction (all or nothing)."""
    user = request.user
    data = request.POST if request.method == "POST" else None
    grades = {"choices": SharedChoices()}
    if tender is None:
        form = TenderForm(data)
        lots = LotFormSet(data, prefix="lot", form_kwargs=grades)
    else:
        form = TenderForm(data, initial=TenderForm.initial_of(tender))
        lots = DraftLotFormSet(data, prefix="lot", form_kwargs=grades, initial=[
            DraftLotForm.initial_of(lot) for lot in tender.lots.select_related("grade")])
    if data is not None and form.is_valid() and lots.is_valid():
        try:
            with transaction.atomic():
                if tender is None:
                    saved = services.tender_create(by=user, buyer=user.organisation,
                                                   **form.cleaned_data)
                else:
                    saved = services.tender_update(by=user, tender=tender, **form.cleaned_data)
                _save_lots(user, saved, lots)
        except ValidationError as exc:
            add_service_errors(form, exc, {"lots": Rows(lots, lots.forms)})
        else:
            messages.success(request, _("Draft saved. Check it, then publish."))
            return redirect("tenders:detail", pk=saved.pk)
    return render(request, "tenders/new.html", {"form": form, "lots": lots, "tender": tender,
                                                "limits": limits})


@login_required
def tender_new(request):
    if not permissions.may_create_tenders(request.user):
        raise PermissionDenied
    return _draft(request)


@login_required
def tender_edit(request, pk: int):
    tender = selectors.tender_get(user=request.user, pk=pk)
    if not permissions.may_manage_tender(request.user, tender):
        raise PermissionDenied
    if not lifecycle.allows(Action.EDIT, tender.status):
        messages.error(request, _("Only a draft can be changed; this tender is %(status)s.")
                       % {"status": tender.status_label})
        return redirect("tenders:detail", pk=pk)
    return _draft(request, tender)


@login_required
def tender_detail(request, pk: int):
    tender = selectors.tender_get(user=request.user, pk=pk)
    user, org = request.user, request.user.organisation
    status = tender.status
    services.tender_read(by=user, tender=tender)
    addenda = list(tender.addenda.all())
    latest = addenda[-1].number if addenda else 0
    own = selectors.own_bids(user=user, tender=tender)
    return render(request, "tenders/detail.html", {
        "tender": tender, "status": status, "Status": Status,
        "is_buyer": permissions.may_manage_tender(user, tender),
        # Only the supplier side bids: the "your bid" column is theirs.
        "supplier_side": org is not None and org.is_supplier_side,
        # Bidding and asking are for the supplier side's admins and staff, not its viewers.
        "may_bid": permissions.may_bid(user) and status == Status.PUBLISHED,
        "own_bids": own,
        "addenda": [(a, change_lines(a)) for a in addenda], "latest_addendum": latest,
        # Standing bids made before the latest addendum, to confirm (or replace).
        "unconfirmed": {lot for lot, b in own.items()
                        if b.withdrawn_at is None and b.addendum < latest},
        "award_final": (final := tender.award_final if status == Status.AWARDED else False),
        # A final award's contracts (pasok.contracts), and whether some award awaits one.
        "contracts": list(tender.contracts.visible_to(user).select_related("supplier"))
        if final else [],
        "may_contract": final and permissions.may_manage_tender(user, tender)
        and tender.lots.filter(awards__contract_item__isnull=True,
                               awards__isnull=False).exists(),
        "may_read_report": permissions.may_read_award_report(user, tender),
        "bid_counts": selectors.standing_bid_counts(user=user, tender=tender),
        "opened": list(selectors.opened_bids(user=user, tender=tender)),
        "cancel_form": CancelForm(),
        "follow_up": tender.follow_ups.filter(cancelled_at__isnull=True).first()
        if status == Status.AWARDED else None,
        "uncovered": any(lot.uncovered_quantity for lot in tender.lots.all()),
        # Not who asked; the tender (its related manager reads it back onto each question)
        # and the public id (the answer form) or each row costs a query.
        "questions": tender.questions.only("tender", "public_id", "text", "asked_at", "answer",
                                           "answered_at"),
    })


# The service's names for the bid's TKDN, all chosen in one field of the bid page.
_TKDN_CHOICE = dict.fromkeys(("certificate", "worksheet_version", "tkdn_from_members"),
                             "tkdn_source")


def _bid_overloads(lot, org, form, members, current) -> list:
    """The capacity warnings for the bid as typed (a valid form), else for the standing bid;
    none before anything is offered."""
    if form.is_bound:
        return capacity_warnings.for_bid(
            lot=lot, bidder_id=org.pk, quantity=form.cleaned_data["quantity"],
            monthly_capacity=form.cleaned_data["monthly_capacity"],
            members=[(row.organisation, row.quantity) for row in members.shares()]
            if members is not None else [])
    if current is not None and current.content is not None:
        return capacity_warnings.for_content(lot=lot, bidder_id=org.pk,
                                             content=current.content)
    return []


@login_required
def bid(request, pk: int, lot_pk: int):
    user = request.user
    tender = selectors.tender_get(user=user, pk=pk)
    lot = selectors.lot_of(tender, lot_pk)
    org = user.organisation
    if not permissions.may_bid(user):
        raise PermissionDenied
    cooperative = org.is_cooperative
    certificates, versions = selectors.tkdn_sources(user=user, organisation=org)
    current = selectors.own_bid(user=user, bid=selectors.own_bids(user=user, tender=tender)
                                .get(lot.pk))
    initial, member_rows = current.initial() if current else ({}, [])
    data = request.POST if request.method == "POST" else None
    form = BidForm(data, request.FILES or None, initial=initial, certificates=certificates,
                   versions=versions, documents=tender.required_documents,
                   cooperative=cooperative)
    members = None
    if cooperative:
        named = list(selectors.cooperative_members(cooperative=org))
        members = MemberFormSet(data, prefix="member", initial=member_rows, form_kwargs={
            "members": selectors.cooperative_members(cooperative=org),
            "sources": selectors.member_tkdn_sources(user=user, members=named),
            "choices": SharedChoices()})
    overloads = _bid_overloads(lot, org, form, members, current) if data is None else []
    if data is not None and form.is_valid() and (members is None or members.is_valid()):
        fields = {name: form.cleaned_data[name] for name in (
            "unit_price", "quantity", "total_price", "monthly_capacity", "origin",
            "siinas_registered")}
        try:
            placed, nonce = services.bid_submit(
                by=user, lot=lot, **fields, **form.source(), documents=form.uploads(),
                members=members.shares() if members else ())
        except ValidationError as exc:
            # What was typed, read before the service's errors make the form invalid.
            overloads = _bid_overloads(lot, org, form, members, current)
            rows = {"members": Rows(members, members.sent())} if members else None
            add_service_errors(form, exc, rows, renamed=_TKDN_CHOICE)
        else:
            request.session[FRESH_RECEIPT] = {"bid": placed.pk, "version": placed.version,
                                              "nonce": nonce}
            return redirect("tenders:bid-receipt", pk=tender.pk, bid_id=placed.public_id)
    return render(request, "tenders/bid.html", {
        "tender": tender, "lot": lot, "form": form, "members": members, "current": current,
        "verified": org.is_verified, "member_of_cooperative": org.cooperative_id is not None,
        "overloads": overloads})


@login_required
def bid_receipt(request, pk: int, bid_id):
    """The receipt right after a bid is received (POST, redirect, GET: a reload sends
    nothing again). Its nonce comes from the session, once; afterwards the bid's own page
    is where its receipt stays."""
    tender = selectors.tender_get(user=request.user, pk=pk)
    own = selectors.own_bid_get(user=request.user, tender=tender, public_id=bid_id)
    fresh = request.session.pop(FRESH_RECEIPT, None) or {}
    if (fresh.get("bid"), fresh.get("version")) != (own.bid.pk, own.bid.version) \
            or own.content is None:  # another bid's or version's, or withdrawn meanwhile
        return redirect("tenders:own-bid", pk=pk, bid_id=bid_id)
    return render(request, "tenders/receipt.html", {
        "tender": tender, "lot": own.bid.lot, "bid": own.bid, "nonce": fresh["nonce"],
        "own": own, "overloads": capacity_warnings.for_content(
            lot=own.bid.lot, bidder_id=own.bid.bidder_id, content=own.content)})


@login_required
def own_bid(request, pk: int, bid_id):
    """The bid the user's organisation sent, its documents and its history: for its own
    people only, before and after the deadline."""
    tender = selectors.tender_get(user=request.user, pk=pk)
    own = selectors.own_bid_get(user=request.user, tender=tender, public_id=bid_id)
    latest = tender.latest_addendum
    return render(request, "tenders/own_bid.html", {
        "tender": tender, "lot": own.bid.lot, "own": own, "latest_addendum": latest,
        "to_confirm": own.bid.withdrawn_at is None and own.bid.addendum < latest,
        "may_change": lifecycle.allows(Action.BID, tender.status)
        and permissions.may_change_own_bid(request.user, own.bid)})


@login_required
def own_bid_pdf(request, pk: int, bid_id):
    tender = selectors.tender_get(user=request.user, pk=pk)
    own = selectors.own_bid_get(user=request.user, tender=tender, public_id=bid_id)
    response = HttpResponse(receipt_pdf(tender, own), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="receipt-{tender.reference}-lot{own.bid.lot.number}'
        f'-v{own.bid.version}.pdf"')
    return response


@login_required
def bid_document(request, pk: int, document_id):
    """A bid's document, as a download, for whoever may see the bid; 404 for anyone else."""
    tender = selectors.tender_get(user=request.user, pk=pk)
    document, filename, data = selectors.bid_document_file(user=request.user, tender=tender,
                                                           public_id=document_id)
    return documents.download(document, filename, data)


@login_required
@require_POST
def bid_withdraw(request, pk: int, bid_id):
    """Withdraw the organisation's bid, after a confirmation page that says what happens."""
    placed = (Bid.objects.visible_to(request.user).select_related("tender", "lot")
              .get(public_id=bid_id, tender_id=pk))
    try:
        if _confirmed(request):
            services.bid_withdraw(by=request.user, bid=placed)
        else:
            services.bid_withdraw_preview(by=request.user, bid=placed)
    except ValidationError as exc:
        return _refused(request, exc, pk)
    if _confirmed(request):
        messages.success(request, _("Bid withdrawn."))
        return redirect("tenders:detail", pk=pk)
    tender = placed.tender
    return _confirm(request, tender, heading=_("Withdraw this bid?"),
                    action=reverse("tenders:bid-withdraw", args=[pk, bid_id]),
                    button=_("Withdraw the bid"), danger=True,
                    back=reverse("tenders:own-bid", args=[pk, bid_id]), consequences=[
        _("Your bid on lot %(lot)s (version %(version)s, received %(received)s) is withdrawn: "
          "it is never opened, and its files are deleted.") % {
            "lot": placed.lot.number, "version": placed.version,
            "received": local_moment(placed.submitted_at)},
        _("You may bid on this lot again until the deadline, %(deadline)s.") % {
            "deadline": local_moment(tender.bid_deadline)}])


_STEPS = {
    "open": (services.tender_open, _("Bids opened.")),
    "evaluate": (services.tender_evaluate, _("Evaluated.")),
}


@login_required
@require_POST
def step(request, pk: int, action: str):
    """Open or evaluate: one button each on the tender page (nothing to confirm: both
    only follow the rules)."""
    tender = selectors.tender_get(user=request.user, pk=pk)
    service, done = _STEPS[action]
    try:
        service(by=request.user, tender=tender)
    except ValidationError as exc:
        return _refused(request, exc, pk)
    messages.success(request, done)
    return redirect("tenders:detail", pk=pk)


def _confirm(request, tender, **context):
    """The confirmation page: what will happen, and the button that does it."""
    return render(request, "tenders/confirm.html", {
        "tender": tender, "back": reverse("tenders:detail", args=[tender.pk]), **context})


@login_required
@require_POST
def publish(request, pk: int):
    tender = selectors.tender_get(user=request.user, pk=pk)
    if _confirmed(request):
        try:
            services.tender_publish(by=request.user, tender=tender)
        except ValidationError as exc:
            return _refused(request, exc, pk)
        messages.success(request, _("Published."))
        return redirect("tenders:detail", pk=pk)
    try:
        preview = services.publish_preview(by=request.user, tender=tender)
    except ValidationError as exc:
        return _refused(request, exc, pk)
    lots = list(tender.lots.all())
    return _confirm(request, tender, heading=_("Publish this tender?"),
                    action=reverse("tenders:publish", args=[pk]),
                    button=_("Publish the tender"), consequences=[
        _("Every supplier and cooperative sees the tender and its %(n)s lot(s), worth "
          "%(value)s (HPS).") % {"n": localized_number(len(lots)),
                                 "value": localized_rupiah(tender.package_value)},
        _("%(n)s supplier(s) whose profile fits a lot are told today.")
        % {"n": localized_number(preview.notified)},
        _("Bids are accepted until %(deadline)s and stay sealed until the opening at "
          "%(opening)s.") % {"deadline": local_moment(tender.bid_deadline),
                             "opening": local_moment(tender.opening_time)},
        _("The tender and its lots can no longer be changed; you can still cancel it.")])


@login_required
@require_POST
def cancel(request, pk: int):
    tender = selectors.tender_get(user=request.user, pk=pk)
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        if _confirmed(request):
            services.tender_cancel(by=request.user, tender=tender, reason=reason)
        else:
            services.cancel_preview(by=request.user, tender=tender, reason=reason)
    except ValidationError as exc:
        return _refused(request, exc, pk)
    if _confirmed(request):
        messages.success(request, _("Tender cancelled."))
        return redirect("tenders:detail", pk=pk)
    consequences = [_("The tender ends for everyone; it cannot be reopened."),
                    _("Reason given: %(reason)s") % {"reason": reason.strip()}]
    if tender.opened_at is None and tender.published_at is not None:
        consequences.insert(1, _("Bids that came in stay sealed and are never opened."))
    return _confirm(request, tender, heading=_("Cancel this tender?"),
                    action=reverse("tenders:cancel", args=[pk]),
                    button=_("Cancel the tender"), hidden=[("reason", reason)],
                    consequences=consequences, danger=True)


def _award(request, tender, method: Method, service, quantities=None, split_form=None):
    """Preview or make an award; on a refusal of the shares, the evaluation page again
    with the errors next to the shares."""
    user, pk = request.user, tender.pk
    arguments = {} if quantities is None else {"quantities": quantities}
    if _confirmed(request):
        accept = request.POST.get("accept_shortfall") == "1"
        try:
            service(by=user, tender=tender, accept_shortfall=accept, **arguments)
        except ValidationError as exc:
            if "accept_shortfall" not in errors_by_field(exc):
                return _refused(request, exc, pk, "tenders:evaluation"
                                if method != Method.WHOLE else "tenders:detail")
            shortfall_error = _("Tick the box to award a partial cover, or go back.")
        else:
            messages.success(request, _("Awarded.") if method == Method.WHOLE
                             else _("Awarded in shares."))
            return redirect("tenders:detail", pk=pk)
    else:
        shortfall_error = ""
    try:
        plan = services.award_preview(by=user, tender=tender, method=method,
                                      quantities=quantities)
    except ValidationError as exc:
        if split_form is not None and lifecycle.allows(Action.AWARD, tender.status) \
                and tender.split_award_allowed:
            add_service_errors(split_form, exc)
            return _evaluation_page(request, tender.pk, split_form)
        return _refused(request, exc, pk, "tenders:evaluation"
                        if method != Method.WHOLE else "tenders:detail")
    hidden = split_form.posted() if split_form is not None else []
    return _confirm(request, tender, heading=_("Award this tender?"), plan=plan,
                    overloads=capacity_warnings.for_award(plan),
                    action=request.path, button=_("Award"), hidden=hidden,
                    shortfall_error=shortfall_error,
                    back=reverse("tenders:evaluation" if method != Method.WHOLE
                                 else "tenders:detail", args=[pk]))


@login_required
@require_POST
def award(request, pk: int):
    tender = selectors.tender_get(user=request.user, pk=pk)
    return _award(request, tender, Method.WHOLE, services.tender_award)


@login_required
@require_POST
def award_optimised(request, pk: int):
    tender = selectors.tender_get(user=request.user, pk=pk)
    return _award(request, tender, Method.OPTIMISED, services.tender_award_optimised)


@login_required
@require_POST
def award_split(request, pk: int):
    tender = selectors.tender_get(user=request.user, pk=pk)
    if not permissions.may_manage_tender(request.user, tender):
        raise PermissionDenied
    form = SplitForm(request.POST, bids=_admissible_bids(request.user, tender))
    if not form.is_valid():
        return _evaluation_page(request, tender.pk, form)
    return _award(request, tender, Method.SPLIT, services.tender_award_split,
                  quantities=form.quantities(), split_form=form)


@login_required
@require_POST
def follow_up(request, pk: int):
    """A new draft for what the award left uncovered; the buyer checks it, then publishes."""
    tender = selectors.tender_get(user=request.user, pk=pk)
    try:
        new = services.tender_follow_up(by=request.user, tender=tender)
    except ValidationError as exc:
        return _refused(request, exc, pk)
    messages.success(request, _("A new draft tender holds the uncovered quantities: check "
                                "its dates and lots, then publish it."))
    return redirect("tenders:edit", pk=new.pk)


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
def answer(request, pk: int, question_id):
    tender = selectors.tender_get(user=request.user, pk=pk)
    question = tender.questions.get(public_id=question_id)
    try:
        services.question_answer(by=request.user, question=question,
                                 answer=request.POST.get("answer", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("tenders:detail", pk=pk)


def _evaluation_context(request, pk):
    tender = selectors.tender_get(user=request.user, pk=pk)
    if tender.evaluated_at is None:
        raise PermissionDenied
    lots = selectors.evaluations_by_lot(user=request.user, tender=tender)
    if not any(bids for _lot, bids in lots):
        raise PermissionDenied
    return tender, lots


def _admissible_bids(user, tender) -> list[Bid]:
    return [b for b in selectors.opened_bids(user=user, tender=tender)
            if getattr(b, "evaluation", None) is not None and b.evaluation.admissible]


def _may_split(user, tender) -> bool:
    return (tender.split_award_allowed and lifecycle.allows(Action.AWARD, tender.status)
            and permissions.may_manage_tender(user, tender))


def _evaluation_page(request, pk: int, split_form=None):
    """The evaluation page, read afresh (after a refused award too)."""
    tender, lots = _evaluation_context(request, pk)
    context = {"tender": tender, "lots": lots, "may_split": _may_split(request.user, tender),
               "preference": {"tkdn": TKDN_MIN_FOR_PREFERENCE,
                              "above": PREFERENCE_PACKAGE_ABOVE}}
    if context["may_split"]:
        context |= _split_proposal_context(tender)
        bids = [b for _lot, found in lots for b in found
                if b.evaluation and b.evaluation.admissible]
        context["split_form"] = split_form or SplitForm(bids=bids,
                                                        proposed=context["proposed"])
    return render(request, "tenders/evaluation.html", context)


@login_required
def evaluation(request, pk: int):
    return _evaluation_page(request, pk)


def _split_proposal_context(tender) -> dict:
    """The optimiser's split as the background task worked it out (queued now for a tender
    evaluated before proposals were kept), to prefill the share inputs, with what held each
    bid; while it is worked out, where it stands."""
    rule_names = {"capacity": _("monthly capacity offered"), "share": _("quantity offered"),
                  "cost": _("evaluated price")}
    proposal = services.split_proposal_queue(tender=tender)
    proposals = stored(proposal)
    return {
        "proposal": proposal, "proposal_elapsed": _elapsed(proposal),
        "proposal_stages": [(s, s.label) for s in (ProposalStatus.QUEUED,
                                                   ProposalStatus.SOLVING)],
        "proposed": {bid: q for p in proposals for bid, q in p.quantities.items()},
        "held_by": {bid: ", ".join(str(rule_names.get(r, r)) for r in rules)
                    for p in proposals for bid, rules in p.bound_by.items()},
        "uncovered": {p.number: p.short for p in proposals if p.short},
    }


def _elapsed(proposal) -> int:
    return int(((proposal.finished_at or clock.now()) - proposal.queued_at).total_seconds())


@login_required
def split_proposal_progress(request, pk: int):
    """Where the optimiser's proposal stands (progress.js), for those who may split."""
    tender = selectors.tender_get(user=request.user, pk=pk)
    if not _may_split(request.user, tender):
        raise PermissionDenied
    proposal = SplitProposal.objects.get(tender=tender)  # queued by the page it follows
    return JsonResponse({"status": proposal.status, "label": proposal.get_status_display(),
                         "elapsed": _elapsed(proposal), "finished": proposal.finished})


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
