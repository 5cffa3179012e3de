from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pasok import clock
from pasok.web.form_errors import add_service_errors

from . import services
from .forms import ApiTokenForm, LoginForm, PersonForm, SignupForm
from .models import ApiToken, Notification, User


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """Choosing a password from a reset or invitation link; the audit log records it."""

    template_name = "accounts/password_reset_confirm.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_set_record(user=form.user)
        return response


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def signup(request):
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.supplier_signup(email=form.cleaned_data["email"],
                                     full_name=form.cleaned_data["full_name"],
                                     password=form.cleaned_data["password1"],
                                     **form.org_fields())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
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
def people(request):
    """The people of the user's organisation; its admins add colleagues here."""
    if request.user.organisation_id is None:
        raise PermissionDenied
    form = PersonForm(request.POST or None) if request.user.is_org_admin else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.person_invite(by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Invitation sent to %(email)s.")
                                 % {"email": form.cleaned_data["email"]})
                return redirect("accounts:people")
    members = User.objects.visible_to(request.user).filter(
        organisation_id=request.user.organisation_id).order_by("full_name")
    return render(request, "accounts/people.html", {"form": form, "members": members})


@login_required
def notifications(request):
    """The person's notices, newest first; opening the page marks them read."""
    items = list(Notification.objects.visible_to(request.user)[:100])
    Notification.objects.visible_to(request.user).filter(read_at__isnull=True).update(
        read_at=clock.now())
    return render(request, "accounts/notifications.html", {"items": items})
