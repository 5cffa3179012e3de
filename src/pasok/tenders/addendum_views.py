"""The addendum page (the buyer amends a published tender before its deadline) and the
bidder's confirmation of a standing bid against the latest addendum."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pasok.accounts import permissions
from pasok.web.form_errors import add_service_errors

from . import lifecycle, selectors, services
from .forms import AddendumForm, AddendumLotFormSet, DraftLotForm, LotForm
from .lifecycle import Action
from .models import Bid


def _changed_lots(lots) -> dict[int, dict]:
    """{lot id: its fields} of the lot rows the buyer changed."""
    return {form.cleaned_data["id"]: {name: form.cleaned_data[name]
                                      for name in LotForm.base_fields}
            for form in lots.forms if form.has_changed()}


def _moved(tender, name: str, typed) -> bool:
    """The buyer moved the moment: the form shows it to the minute, so a stored moment with
    seconds sent back unchanged is not an earlier one."""
    return typed != getattr(tender, name).replace(second=0, microsecond=0)


@login_required
def addendum(request, pk: int):
    user = request.user
    tender = selectors.tender_get(user=user, pk=pk)
    if not permissions.may_manage_tender(user, tender):
        raise PermissionDenied
    if not lifecycle.allows(Action.ADDENDUM, tender.status):
        messages.error(request, _("An addendum is issued while bids are open; the tender "
                                  "is %(status)s.") % {"status": tender.status_label})
        return redirect("tenders:detail", pk=pk)
    data = request.POST if request.method == "POST" else None
    form = AddendumForm(data, initial=AddendumForm.initial_of(tender))
    lot_rows = list(tender.lots.all())
    lots = AddendumLotFormSet(data, prefix="lot",
                              initial=[DraftLotForm.initial_of(lot) for lot in lot_rows])
    if data is not None and form.is_valid() and lots.is_valid():
        fields = form.cleaned_data
        try:
            issued = services.addendum_issue(
                by=user, tender=tender, reason=fields["reason"],
                required_documents=fields["required_documents"], lots=_changed_lots(lots),
                **{name: fields[name] for name in ("bid_deadline", "opening_time")
                   if _moved(tender, name, fields[name])})
        except services.LotRefused as exc:
            row = next(i for i, lot in enumerate(lot_rows) if lot.number == exc.number)
            add_service_errors(lots.forms[row], exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Addendum %(n)s issued; the suppliers are told.")
                             % {"n": issued.number})
            return redirect("tenders:detail", pk=pk)
    return render(request, "tenders/addendum.html", {
        "tender": tender, "form": form,
        # No rows when a POST lost its management form (the formset says so).
        "lots": zip(lot_rows, lots.forms, strict=False),
        "formset": lots})


@login_required
@require_POST
def bid_confirm(request, pk: int, bid_id):
    placed = (Bid.objects.visible_to(request.user).select_related("tender")
              .get(public_id=bid_id, tender_id=pk))
    try:
        services.bid_confirm(by=request.user, bid=placed)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your bid stands against addendum %(n)s.")
                         % {"n": placed.tender.latest_addendum})
    return redirect("tenders:own-bid", pk=pk, bid_id=bid_id)
