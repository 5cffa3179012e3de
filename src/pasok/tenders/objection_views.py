"""The objection period after an award (masa sanggah): the objections page, where a bidder
objects and the buyer answers, and the award report (Berita Acara Hasil Pemilihan) as PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pasok import clock
from pasok.accounts import permissions
from pasok.web.form_errors import add_service_errors

from . import selectors, services
from .award_report_pdf import award_report_pdf
from .forms import ObjectionForm
from .models import Objection


def _awarded(request, pk: int):
    tender = selectors.tender_get(user=request.user, pk=pk)
    if tender.awarded_at is None:
        raise PermissionDenied
    return tender


@login_required
def objections(request, pk: int):
    """The objection period and the objections the reader may see; a bidder objects here."""
    user = request.user
    tender = _awarded(request, pk)
    form = ObjectionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not permissions.may_object(user, tender):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.objection_file(by=user, tender=tender,
                                        reasons=form.cleaned_data["reasons"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Objection filed; the buyer is told and will "
                                            "answer it here."))
                return redirect("tenders:objections", pk=pk)
    visible = list(Objection.objects.visible_to(user).filter(tender=tender)
                   .select_related("bidder"))
    now = clock.now()
    return render(request, "tenders/objections.html", {
        "tender": tender, "objections": visible, "form": form,
        "period_open": tender.objections_open_at(now), "final": tender.award_final_at(now),
        "is_buyer": permissions.may_manage_tender(user, tender),
        "may_object": tender.objections_open_at(now) and permissions.may_object(user, tender)
        and not any(o.bidder_id == user.organisation_id for o in visible),
        "may_read_report": permissions.may_read_award_report(user, tender)})


@login_required
@require_POST
def objection_answer(request, pk: int, objection_id):
    tender = _awarded(request, pk)
    objection = (Objection.objects.visible_to(request.user).select_related("tender")
                 .get(tender=tender, public_id=objection_id))
    try:
        services.objection_answer(by=request.user, objection=objection,
                                  answer=request.POST.get("answer", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Answer sent to the objector."))
    return redirect("tenders:objections", pk=pk)


@login_required
def award_report(request, pk: int):
    tender = selectors.tender_get(user=request.user, pk=pk)
    if not permissions.may_read_award_report(request.user, tender):
        raise PermissionDenied
    lots = selectors.evaluations_by_lot(user=request.user, tender=tender)
    response = HttpResponse(award_report_pdf(tender, lots), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="award-report-{tender.reference}.pdf"')
    return response
