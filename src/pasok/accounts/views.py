import contextlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_POST

from pasok import clock
from pasok.web import throttle, uploads
from pasok.web.form_errors import add_service_errors
from pasok.web.paging import page_of

from . import login_throttle, permissions, selectors, services
from .forms import (
    ApiTokenForm,
    EmailForm,
    LoginForm,
    NibDocumentForm,
    PasswordChangeForm,
    PersonForm,
    QueuedPasswordResetForm,
    SignupForm,
    VerifyForm,
)
from .models import ApiToken, Notification, Organisation, User

QUEUE_PAGE_SIZE = 50
# A new confirmation link, or a password-reset link: at most this many asks per client address
# and hour (then 429).
RESEND_LIMIT, RESEND_PERIOD = 10, 3600


def _asks_too_often(request, what: str) -> bool:
    return not throttle.allow(f"{what}:{throttle.client_address(request)}",
                              limit=RESEND_LIMIT, period=RESEND_PERIOD)


class PasswordResetView(auth_views.PasswordResetView):
    """"Forgot your password?" answers the same for any address. One connection asks at most
    RESEND_LIMIT times an hour; one account gets a link at most every few minutes
    (services.password_reset_link_due): neither floods a mailbox."""

    template_name = "accounts/password_reset.html"
    form_class = QueuedPasswordResetForm
    success_url = reverse_lazy("accounts:password-reset-done")

    def form_valid(self, form):
        if _asks_too_often(self.request, "password-reset"):
            return self.render_to_response(self.get_context_data(form=form, too_many=True),
                                           status=429)
        return super().form_valid(form)


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """Choosing a password from a reset or invitation link (services.password_changed)."""

    template_name = "accounts/password_reset_confirm.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(user=form.user)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """A signed-in person changes their password (the admin's "change password" comes here
    too); their API tokens are revoked (services.password_changed)."""

    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:tokens")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(user=form.user)
        messages.success(self.request, _("Your password is changed. Your API tokens no longer "
                                         "work: make new ones for your integrations."))
        return response


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def signup(request):
    form = SignupForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.supplier_signup(email=form.cleaned_data["email"],
                                     full_name=form.cleaned_data["full_name"],
                                     password=form.cleaned_data["password1"],
                                     nib_document=form.cleaned_data["nib_document"],
                                     language=request.LANGUAGE_CODE,
                                     **form.org_fields())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:  # the same page whether or not the address already had an account
            return render(request, "accounts/signup_sent.html",
                          {"email": form.cleaned_data["email"]})
    return render(request, "accounts/signup.html", {"form": form})


def confirm(request, token: str):
    try:
        services.user_confirm_email(token=token)
    except ValidationError as exc:
        return render(request, "accounts/confirm_failed.html", {"reason": " ".join(exc.messages)},
                      status=400)
    messages.success(request, _("Your e-mail is confirmed. You can sign in now."))
    return redirect("accounts:login")


def resend_confirmation(request):
    """A new confirmation link, by e-mail address. The answer is the same whether or not the
    address has an account waiting for its confirmation."""
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _asks_too_often(request, "resend-confirmation"):
            return render(request, "accounts/resend_confirmation.html",
                          {"form": form, "too_many": True}, status=429)
        services.confirmation_resend(email=form.cleaned_data["email"])
        return render(request, "accounts/resend_confirmation_sent.html",
                      {"email": form.cleaned_data["email"]})
    return render(request, "accounts/resend_confirmation.html", {"form": form})


@require_POST
def set_language(request):
    """Django's language switch; a signed-in person's choice is kept as their preference, so
    their e-mails and notifications speak it too."""
    response = i18n.set_language(request)
    if request.user.is_authenticated:
        # An unknown language: Django's view ignored it, and so does the preference.
        with contextlib.suppress(ValidationError):
            services.user_language_set(user=request.user,
                                       language=request.POST.get("language", ""))
    return response


@login_required
def tokens(request):
    form = ApiTokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = services.api_token_create(by=request.user,
                                                   name=form.cleaned_data["name"])
        form = ApiTokenForm()
    return render(request, "accounts/tokens.html", {
        "form": form, "secret": secret,
        "lifetime_days": settings.PASOK_API_TOKEN_DAYS,
        "tokens": ApiToken.objects.filter(user=request.user).order_by("-created_at"),
    })


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.api_token_revoke(by=request.user, token=token)
    messages.success(request, _("Token revoked."))
    return redirect("accounts:tokens")


@login_required
def sign_in_pauses(request):
    """Accounts and client addresses that may not sign in for a while (too many wrong
    passwords), for platform admins, who may lift an account's pause."""
    if not permissions.may_unlock_sign_in(request.user):
        raise PermissionDenied
    pauses = login_throttle.current_pauses()
    people_by_email = {person.email: person for person in User.objects.filter(
        email__in=[pause.key for pause in pauses["username"]]).select_related("organisation")}
    return render(request, "accounts/sign_in_pauses.html", {
        "accounts": [(pause, people_by_email.get(pause.key)) for pause in pauses["username"]],
        "addresses": pauses["ip_address"], "account_limit": settings.AXES_FAILURE_LIMIT,
        "address_limit": settings.PASOK_LOGIN_ADDRESS_FAILURES,
        "pause_minutes": settings.AXES_COOLOFF_TIME.total_seconds() // 60})


@login_required
@require_POST
def sign_in_unlock(request, pk: int):
    if not permissions.may_unlock_sign_in(request.user):
        raise PermissionDenied
    person = get_object_or_404(User.objects.visible_to(request.user), pk=pk)
    services.sign_in_unlock(by=request.user, person=person)
    messages.success(request, _("%(name)s may sign in again.") % {"name": person})
    return redirect("accounts:sign-in-pauses")


@login_required
def people(request):
    """The people of the user's organisation; its admins add colleagues here."""
    if request.user.organisation_id is None:
        raise PermissionDenied
    may_add = permissions.may_manage_colleagues(request.user)
    form = PersonForm(request.POST or None) if may_add else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.person_invite(by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:  # the same answer when the address has an account elsewhere
                messages.success(request, _("Invitation sent to %(email)s.")
                                 % {"email": form.cleaned_data["email"]})
                return redirect("accounts:people")
    members = User.objects.visible_to(request.user).filter(
        organisation_id=request.user.organisation_id).order_by("full_name")
    return render(request, "accounts/people.html", {"form": form, "members": members})


@login_required
@require_POST
def person_reinvite(request, pk: int):
    """An admin sends a colleague who has not chosen a password yet a new invitation."""
    person = get_object_or_404(User.objects.visible_to(request.user), pk=pk)
    try:
        services.person_reinvite(by=request.user, person=person)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("A new invitation went to %(email)s.")
                         % {"email": person.email})
    return redirect("accounts:people")


@login_required
def notifications(request):
    """The person's notices, newest first; opening the page marks them read."""
    items = list(Notification.objects.visible_to(request.user)[:100])
    Notification.objects.visible_to(request.user).filter(read_at__isnull=True).update(
        read_at=clock.now())
    return render(request, "accounts/notifications.html", {"items": items})


@login_required
def verification_queue(request):
    """Organisations waiting for someone to check their NIB document."""
    if not permissions.may_verify_organisations(request.user):
        raise PermissionDenied
    page = page_of(selectors.verification_queue(user=request.user), request.GET.get("page"),
                   QUEUE_PAGE_SIZE)
    return render(request, "accounts/verification_queue.html", {"page": page})


@login_required
def verify(request, pk: int):
    """The confirm step of a verification: what it means, the facts to check, a tick box."""
    org = selectors.organisation_for_verification(user=request.user, pk=pk)
    form = VerifyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_verify(by=request.user, organisation=org)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is now verified; its people have been told.")
                             % {"name": org.name})
            return redirect("accounts:verification")
    return render(request, "accounts/verify.html", {
        "org": org, "form": form, "document": getattr(org, "nib_document", None),
        "may_view_private": permissions.may(request.user, permissions.VIEW_PRIVATE, org)})


@login_required
def nib_document(request, pk: int):
    """The NIB document of organisation `pk`, for those who may see its private records."""
    document = selectors.nib_document_of(user=request.user, organisation_id=pk)
    return uploads.download(document, document.filename, bytes(document.data))


@login_required
def nib_document_upload(request, pk: int):
    """A new NIB document, from those who may change the organisation."""
    org = Organisation.objects.visible_to(request.user).get(pk=pk)
    if not org.is_supplier_side or not permissions.may(request.user, permissions.CHANGE, org):
        raise PermissionDenied
    form = NibDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.nib_document_upload(by=request.user, organisation=org,
                                         upload=form.cleaned_data["nib_document"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The NIB document is saved."))
            return redirect("suppliers:organisation", pk=org.pk)
    return render(request, "accounts/nib_document_upload.html", {
        "org": org, "form": form, "document": getattr(org, "nib_document", None)})
