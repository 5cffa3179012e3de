"""Business matching pages: the events, an event with its participants and the pairings
the reader may see, the forms that record them (the ministry's), a pairing with its
stages, links and follow-ups, the open follow-ups with the overdue flagged, and the funnel
with its charts and their downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pasok import clock
from pasok.accounts import permissions, picking
from pasok.accounts.kinds import BUYER_KINDS, SUPPLIER_SIDE, OrgKind
from pasok.accounts.models import Organisation
from pasok.contracts.models import Contract
from pasok.rfqs.models import Rfq
from pasok.tenders.models import Tender
from pasok.web import charts
from pasok.web.form_errors import add_service_errors
from pasok.web.paging import page_of

from . import funnel_charts, selectors, services
from .forms import AdvanceForm, AttendanceForm, EventForm, FollowUpForm, LinkForm, PairingForm
from .models import Stage

PAGE_SIZE = 50


def _readers_only(user) -> None:
    if not permissions.may_read_mediation(user):
        raise PermissionDenied


def _runners_only(user) -> None:
    if not permissions.may_run_mediation(user):
        raise PermissionDenied


@login_required
def event_list(request):
    user = request.user
    _readers_only(user)
    page = page_of(selectors.event_list(user), request.GET.get("page"), PAGE_SIZE)
    return render(request, "mediation/list.html", {
        "page": page, "events": page.object_list,
        "may_run": permissions.may_run_mediation(user)})


def _organisers():
    return Organisation.objects.filter(kind=OrgKind.MINISTRY, is_active=True)


def _event_form(request, event=None):
    user = request.user
    _runners_only(user)
    initial = {"organiser": user.organisation_id} if event is None else {
        "title": event.title, "held_on": event.held_on, "place": event.place,
        "organiser": event.organiser_id, "families": event.families, "notes": event.notes}
    form = EventForm(request.POST if request.method == "POST" else None,
                     organisers=_organisers(), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if event is None:
                event = services.event_create(by=user, **form.cleaned_data)
                messages.success(request, _("Event recorded."))
            else:
                event = services.event_update(by=user, event=event, **form.cleaned_data)
                messages.success(request, _("Event changed."))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("mediation:event", public_id=event.public_id)
    return render(request, "mediation/event_form.html", {"form": form, "event": event})


@login_required
def event_new(request):
    return _event_form(request)


@login_required
def event_edit(request, public_id):
    return _event_form(request, selectors.event_get(request.user, public_id))


@login_required
def event_detail(request, public_id):
    user = request.user
    event = selectors.event_get(user, public_id)
    return render(request, "mediation/event.html", {
        "event": event, "participants": selectors.participants(user, event),
        "pairings": selectors.event_pairings(user, event),
        "may_run": permissions.may_run_mediation(user), "today": clock.today()})


def _taking_part():
    """Who may be put on an event's list: active buyers and supplier-side organisations."""
    return Organisation.objects.filter(kind__in=(*BUYER_KINDS, *SUPPLIER_SIDE), is_active=True)


@login_required
def attendance(request, public_id):
    user = request.user
    event = selectors.event_get(user, public_id)
    _runners_only(user)
    form = AttendanceForm(request.POST if request.method == "POST" else None,
                          organisations=_taking_part(),
                          suggest_url=reverse("mediation:organisation-names"))
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(by=user, event=event, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Attendance recorded."))
            return redirect("mediation:event", public_id=event.public_id)
    return render(request, "mediation/attendance.html", {"form": form, "event": event})


@login_required
def organisation_names(request):
    """The organisations an event's list may name whose names contain `q`."""
    _runners_only(request.user)
    return JsonResponse({"names": picking.suggestions(_taking_part(),
                                                      request.GET.get("q", ""))})


@login_required
def pairing_new(request, public_id):
    user = request.user
    event = selectors.event_get(user, public_id)
    _runners_only(user)
    listed = Organisation.objects.filter(mediation_participations__event=event)
    form = PairingForm(request.POST if request.method == "POST" else None,
                       buyers=listed.filter(kind__in=BUYER_KINDS),
                       suppliers=listed.filter(kind__in=SUPPLIER_SIDE))
    if request.method == "POST" and form.is_valid():
        try:
            pairing = services.pairing_add(by=user, event=event, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Pairing added."))
            return redirect("mediation:pairing", public_id=pairing.public_id)
    return render(request, "mediation/pairing_form.html", {"form": form, "event": event})


def _pairing_forms(request, pairing, posted: str | None):
    """The pairing page's three forms, the one `posted` bound to what was sent."""
    user = request.user

    def data(name):
        return request.POST if posted == name else None
    tenders = Tender.objects.visible_to(user).filter(buyer_id=pairing.buyer_id)
    sellers = [pairing.supplier_id, pairing.supplier.cooperative_id]
    contracts = Contract.objects.visible_to(user).filter(buyer_id=pairing.buyer_id,
                                                         supplier_id__in=sellers)
    rfqs = (Rfq.objects.visible_to(user)
            .filter(buyer_id=pairing.buyer_id, invitations__supplier_id__in=sellers)
            .distinct().order_by("-pk"))
    return {
        "advance": AdvanceForm(data("advance"), prefix="advance",
                               initial={"stage": min(pairing.stage + 1, Stage.CONTRACT),
                                        "reached_on": clock.today()}),
        "link": LinkForm(data("link"), prefix="link", tenders=tenders, rfqs=rfqs,
                         contracts=contracts,
                         initial={"tender": pairing.tender_id, "rfq": pairing.rfq_id,
                                  "contract": pairing.contract_id}),
        "follow_up": FollowUpForm(data("follow_up"), prefix="follow_up",
                                  owners=services.owners_for(pairing)),
    }


WRITES = {"advance": services.pairing_advance, "link": services.pairing_link,
          "follow_up": services.follow_up_add}
DONE = {"advance": _("Stage recorded."), "link": _("Links saved."),
        "follow_up": _("Follow-up added.")}


@login_required
def pairing_detail(request, public_id):
    user = request.user
    pairing = selectors.pairing_get(user, public_id)
    posted = request.POST.get("form") if request.method == "POST" else None
    if request.method == "POST":
        _runners_only(user)
        if posted not in WRITES:
            posted = None  # nothing this page writes: shown again
    forms = _pairing_forms(request, pairing, posted)
    if posted:
        form = forms[posted]
        if form.is_valid():
            try:
                WRITES[posted](by=user, pairing=pairing, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, str(DONE[posted]))
                return redirect("mediation:pairing", public_id=public_id)
    return render(request, "mediation/pairing.html", {
        "pairing": pairing, "stages": pairing.stages.order_by("stage"),
        "follow_ups": pairing.follow_ups.select_related("owner__organisation"),
        "forms": forms, "may_run": permissions.may_run_mediation(user),
        "user_pk": user.pk, "at_top": pairing.stage == Stage.CONTRACT})


@login_required
def follow_up_list(request):
    """Follow-ups not done, the earliest due first, the overdue flagged: the ministry's
    every one, others those of their own pairings."""
    user = request.user
    _readers_only(user)
    today = clock.today()
    overdue_only = request.GET.get("overdue") == "1"
    page = page_of(selectors.open_follow_ups(user, today, overdue_only=overdue_only),
                   request.GET.get("page"), PAGE_SIZE)
    return render(request, "mediation/follow_ups.html", {
        "page": page, "follow_ups": page.object_list, "today": today,
        "overdue_only": overdue_only, "may_run": permissions.may_run_mediation(user),
        "user_pk": user.pk})


@login_required
@require_POST
def follow_up_done(request, public_id):
    user = request.user
    follow_up = selectors.follow_up_get(user, public_id)
    try:
        services.follow_up_complete(by=user, follow_up=follow_up)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Follow-up marked done."))
    return redirect("mediation:pairing", public_id=follow_up.pairing.public_id)


def _funnel(request):
    """The funnel the page's filters ask for (an event's, a buyer's), with the filters."""
    user = request.user
    _readers_only(user)
    event = None
    wanted = request.GET.get("event", "")
    if wanted:
        try:
            event = selectors.event_get(user, wanted)
        except (ValidationError, selectors.MediationEvent.DoesNotExist):
            raise Http404 from None
    buyer = request.GET.get("buyer", "")
    buyer_id = int(buyer) if buyer.isdigit() else None
    return selectors.funnel_of(user, clock.today(), event=event, buyer_id=buyer_id), event


@login_required
def funnel(request):
    made, event = _funnel(request)
    return render(request, "mediation/funnel.html", {
        "funnel": made, "event": event, "stages": list(Stage),
        "charts": {key.replace("-", "_"): picture for key, (picture, _c, _r)
                   in funnel_charts.drawn(request, made).items()},
        "buyer": request.GET.get("buyer", "")})


@login_required
def funnel_export(request, chart: str, fmt: str):
    made, _event = _funnel(request)
    drawn = funnel_charts.drawn(request, made)
    if chart not in drawn or fmt not in charts.FORMATS:
        raise Http404
    picture, columns, rows = drawn[chart]
    name = slugify(f"{_('business matching')} {chart} {clock.today():%Y-%m-%d}")
    return charts.download(picture, fmt, name, columns, rows)
