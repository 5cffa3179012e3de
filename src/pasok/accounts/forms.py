from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from pasok.rules.identifiers import format_npwp
from pasok.web.formatting import local_moment
from pasok.web.links import base_url
from pasok.web.number_fields import MoneyField, model_formfield
from pasok.web.uploads import DocumentField

from . import login_throttle
from .models import Organisation, OrgRole, User
from .validators import clean_nib, clean_npwp


def paused_error(form: AuthenticationForm) -> ValidationError | None:
    """While signing in is paused for the address typed or from the client's address, a
    login form says until when, and nothing else: not even whether the password was right."""
    if not getattr(form.request, "axes_locked_out", False):
        return None
    until = login_throttle.paused_until(form.request, form.cleaned_data.get("username"))
    if until is None:  # the pause ended while this attempt was counted
        return None
    return ValidationError(
        _("Too many failed sign-ins with this e-mail address or from your connection. Try "
          "again after %(moment)s, or choose a new password with “Forgot your password?”."),
        params={"moment": local_moment(until)}, code="paused")


class LoginForm(AuthenticationForm):
    username = forms.EmailField(label=_("E-mail"), widget=forms.EmailInput(attrs={
        "autofocus": True, "autocomplete": "email"}))

    def get_invalid_login_error(self):
        """A sign-up that has not confirmed its e-mail address is told so, with the way to a
        new link — but only with the right password: to anyone else an unconfirmed account
        looks like none at all."""
        paused = paused_error(self)
        if paused is not None:
            return paused
        email = User.objects.normalize_email(self.cleaned_data.get("username", "")).lower()
        waiting = User.objects.awaiting_confirmation().filter(email=email).first()
        if waiting is None or not waiting.check_password(self.cleaned_data.get("password")):
            return super().get_invalid_login_error()
        return ValidationError(format_html(
            "{} <a href=\"{}\">{}</a>",
            _("Your e-mail address is not confirmed yet: open the link we sent to it."),
            reverse("accounts:resend-confirmation"), _("Get a new confirmation link.")),
            code="unconfirmed")


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's sign-in, paused the same way as the login page's."""

    def get_invalid_login_error(self):
        return paused_error(self) or super().get_invalid_login_error()


class QueuedPasswordResetForm(PasswordResetForm):
    """The reset link goes out as a background task, like all account mail: the page answers
    as fast for an address with an account as for one without, and the link is made by the
    worker, so no task record holds it."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        from .tasks import send_password_reset_email

        user_id, links = context["user"].pk, base_url()
        transaction.on_commit(lambda: send_password_reset_email.enqueue(user_id=user_id,
                                                                        base_url=links))


class IdentityFieldsMixin:
    """NIB and NPWP as people type them (dots, dashes, spaces: 01.234.567.8-901.000); stored
    as bare digits."""

    def _identifier(self, name, clean):
        value = self.cleaned_data.get(name, "")
        return clean(value) if value else (None if name == "nib" else "")

    def clean_nib(self):
        return self._identifier("nib", clean_nib)

    def clean_npwp(self):
        return self._identifier("npwp", clean_npwp)


class NpwpField(forms.CharField):
    """An NPWP of bare digits (as stored) shows the way tax documents print it:
    01.234.567.8-901.000; anything else shows as typed."""

    def prepare_value(self, value):
        return format_npwp(value) if isinstance(value, str) and value.isdigit() else value


def identity_fields():
    return {"nib": forms.CharField(label=_("NIB"), max_length=24, required=False),
            "npwp": NpwpField(label=_("NPWP"), max_length=24, required=False)}


def nib_document_field(**kwargs) -> DocumentField:
    return DocumentField(kind=_("NIB document"), label=_("NIB document"), help_text=_(
        "Your NIB print-out from OSS, for the verifier to check: PDF, JPEG or PNG, at most "
        "10 MB."), **kwargs)


class SignupForm(IdentityFieldsMixin, forms.ModelForm):
    """A foundry registers itself and its first administrator."""

    nib, npwp = identity_fields().values()
    nib_document = nib_document_field()
    business_capital = MoneyField(
        label=_("Business capital (Rp)"), required=False, max_digits=18, decimal_places=0,
        help_text=_("Without land and buildings, as registered for your NIB; it sets your "
                    "size class."))
    annual_sales = MoneyField(
        label=_("Annual sales (Rp)"), required=False, max_digits=18, decimal_places=0,
        help_text=_("Used for the size class when the capital is not given."))
    full_name = forms.CharField(label=_("Your full name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail"))
    password1 = forms.CharField(label=_("Password"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=_("Password again"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    class Meta:
        model = Organisation
        fields = ["name", "nib", "npwp", "business_capital", "annual_sales", "address",
                  "district", "regency", "province", "phone"]
        labels = {"name": _("Name of the business")}
        formfield_callback = staticmethod(model_formfield)

    field_order = ["full_name", "email", "password1", "password2", "name", "nib", "npwp",
                   "nib_document"]

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            try:
                password_validation.validate_password(p1)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        for required in ("nib", "npwp", "province", "regency"):
            if not data.get(required) and required not in self.errors:
                self.add_error(required, _("This field is required."))
        return data

    def validate_unique(self):
        """The service decides about the NIB: a stale unconfirmed sign-up gives it back."""

    def org_fields(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.Meta.fields}


class EmailForm(forms.Form):
    """Where to send a new confirmation link."""

    email = forms.EmailField(label=_("E-mail"), widget=forms.EmailInput(attrs={
        "autocomplete": "email"}))


class NibDocumentForm(forms.Form):
    nib_document = nib_document_field()


class VerifyForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I checked the NIB document: the business, its NIB and NPWP are as shown "
                "above, and its capital or sales put it in the size class shown."),
        error_messages={"required": _("Tick the box to confirm what you checked.")})


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100,
                           help_text=_("What the token is for, e.g. “ERP integration”."))


class PersonForm(forms.Form):
    """An organisation's admin adds a colleague; they set their own password from the
    invitation e-mail."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    org_role = forms.ChoiceField(label=_("Role"), choices=OrgRole.choices,
                                 initial=OrgRole.STAFF)
