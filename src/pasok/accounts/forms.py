from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import forms as auth_forms
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


# What browsers may fill in for a person about themselves and their business (WCAG 1.3.5),
# by field name; a form sets those of its fields (with_autocomplete).
AUTOCOMPLETE = {
    "full_name": "name", "email": "email", "name": "organization", "address": "street-address",
    "district": "address-level3", "regency": "address-level2", "province": "address-level1",
    "phone": "tel",
}


def with_autocomplete(form: forms.BaseForm, **tokens: str) -> None:
    """Sets `autocomplete` on the form's fields named in AUTOCOMPLETE, or in `tokens`."""
    for name, token in {**AUTOCOMPLETE, **tokens}.items():
        if name in form.fields:
            form.fields[name].widget.attrs["autocomplete"] = token


class SummaryTakesFocus:
    """A form shown again after a failed submit (a valid one leads elsewhere): the error
    summary above it takes the focus (site.js), so no field may take it with `autofocus`
    first — else a screen reader starts past what went wrong."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            for field in self.fields.values():
                field.widget.attrs.pop("autofocus", None)


def email_address(typed: str) -> str:
    """An e-mail address as accounts store it: lower case, so that "Sri@X.id" is "sri@x.id"."""
    return User.objects.normalize_email(typed).lower()


class LoginForm(SummaryTakesFocus, AuthenticationForm):
    username = forms.EmailField(label=_("E-mail"), widget=forms.EmailInput(attrs={
        "autofocus": True, "autocomplete": "username"}))
    # Django's says both fields may be case-sensitive; the address is not.
    error_messages = {**AuthenticationForm.error_messages, "invalid_login": _(
        "Enter a correct e-mail address and password. The password is case-sensitive; the "
        "address is not.")}

    def clean_username(self):
        """Accounts are stored in lower case (UserManager, user_create): the address signs in
        however it is typed (throttling counts it the same way, login_throttle.account_of)."""
        return email_address(self.cleaned_data["username"])

    def get_invalid_login_error(self):
        """A sign-up that has not confirmed its e-mail address is told so, with the way to a
        new link — but only with the right password: to anyone else an unconfirmed account
        looks like none at all."""
        paused = paused_error(self)
        if paused is not None:
            return paused
        email = email_address(self.cleaned_data.get("username", ""))
        waiting = User.objects.awaiting_confirmation().filter(email=email).first()
        if waiting is None or not waiting.check_password(self.cleaned_data.get("password")):
            return super().get_invalid_login_error()
        return ValidationError(format_html(
            "{} <a href=\"{}\">{}</a>",
            _("Your e-mail address is not confirmed yet: open the link we sent to it."),
            reverse("accounts:resend-confirmation"), _("Get a new confirmation link.")),
            code="unconfirmed")


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's sign-in, paused the same way as the login page's, the address in any case."""

    def clean_username(self):
        return email_address(self.cleaned_data["username"])

    def get_invalid_login_error(self):
        return paused_error(self) or super().get_invalid_login_error()


class QueuedPasswordResetForm(PasswordResetForm):
    """The reset link goes out as a background task, like all account mail: the page answers
    as fast for an address with an account as for one without, and the link is made by the
    worker, so no task record holds it."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        from .services import password_reset_link_due
        from .tasks import send_password_reset_email

        if not password_reset_link_due(user=context["user"]):
            return  # one link went out a few minutes ago: no flood of mail to one address
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


class PasswordChangeForm(SummaryTakesFocus, auth_forms.PasswordChangeForm):
    """Django's, without its autofocus once the form shows errors."""


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_autocomplete(self)

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

    # A colleague's name and address, not the admin's own: nothing for the browser to fill in.
    full_name = forms.CharField(label=_("Full name"), max_length=200,
                                widget=forms.TextInput(attrs={"autocomplete": "off"}))
    email = forms.EmailField(label=_("E-mail"), widget=forms.EmailInput(attrs={
        "autocomplete": "off"}))
    org_role = forms.ChoiceField(label=_("Role"), choices=OrgRole.choices,
                                 initial=OrgRole.STAFF)
