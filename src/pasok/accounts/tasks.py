"""Background work of the accounts app (django-tasks; `pasok db_worker` runs it). Every mail is
written in its recipient's language and time zone (notices.py); links go to the address
captured when the work was queued (`base_url`)."""

from collections.abc import Callable

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_tasks import task

from pasok.web.formatting import local_moment
from pasok.web.links import absolute

from .models import Organisation, User
from .notices import Text, notify, people_of, send_email


def _mail(user_id: int, *, subject: Text, body: Text, **values: Callable[[User], str]) -> None:
    """One account mail to person `user_id`: `body` % their name and `values`, each made
    from the person (e.g. a link for them)."""
    user = User.objects.select_related("organisation").get(pk=user_id)
    filled = {"name": user.full_name, **{key: make(user) for key, make in values.items()}}
    send_email(user, subject=subject, body=lambda: body() % filled)


def _password_link(base_url: str | None) -> Callable[[User], str]:
    """A link to choose a password (Django's reset token: it stops working once used)."""
    return lambda user: absolute(reverse("accounts:password-reset-confirm", args=[
        urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)]),
        base_url)


def _page(name: str, base_url: str | None) -> Callable[[User], str]:
    return lambda _user: absolute(reverse(name), base_url)


@task()
def send_confirmation_email(*, user_id: int, base_url: str | None = None) -> None:
    from .services import confirmation_token

    _mail(user_id, subject=lambda: _("Confirm your Pasok account"), body=lambda: _(
        "Hello %(name)s,\n\nOpen this link to confirm your e-mail address and activate your "
        "Pasok account:\n%(link)s\n\nThe link is valid for three days; if it has expired, "
        "ask for a new one at %(resend)s\n\nYour organisation stays unverified until a "
        "ministry officer or your cooperative has checked its NIB document.\n"),
        link=lambda user: absolute(reverse("accounts:confirm", args=[confirmation_token(user)]),
                                   base_url),
        resend=_page("accounts:resend-confirmation", base_url))


@task()
def send_invitation_email(*, user_id: int, invited_by: str,
                          base_url: str | None = None) -> None:
    """A person added by their organisation's admin chooses a password through this link."""
    _mail(user_id, subject=lambda: _("You are invited to Pasok"), body=lambda: _(
        "Hello %(name)s,\n\n%(by)s added you to %(org)s on Pasok. Open this link to choose "
        "your password:\n%(link)s\n\nThe link is valid for three days; if it has expired, "
        "ask %(by)s to send the invitation again.\n"),
        by=lambda _user: invited_by, org=lambda user: user.organisation.name,
        link=_password_link(base_url))


@task()
def send_password_reset_email(*, user_id: int, base_url: str | None = None) -> None:
    """"Forgot your password?": the link is made here, so no task record holds it."""
    _mail(user_id, subject=lambda: _("A new Pasok password"), body=lambda: _(
        "Hello %(name)s,\n\nOpen this link to choose a new Pasok password:\n%(link)s\n\n"
        "Your API tokens stop working once you have chosen it. If you did not ask for "
        "this, ignore this e-mail.\n"), link=_password_link(base_url))


@task()
def send_signup_attempt_notice(*, user_id: int, base_url: str | None = None) -> None:
    """Someone signed up with the address of an existing account: nothing was made, and the
    address's owner hears of it (the page answered as for a new address)."""
    _mail(user_id, subject=lambda: _("Someone tried to register on Pasok with your address"),
          body=lambda: _(
              "Hello %(name)s,\n\nSomeone tried to register a business on Pasok with your "
              "e-mail address, which already has an account; nothing was registered. If it "
              "was you, sign in at %(login)s or choose a new password at %(reset)s\n\nIf it "
              "was not you, you need not do anything.\n"),
          login=_page("accounts:login", base_url), reset=_page("accounts:password-reset", base_url))


@task()
def send_invitation_attempt_notice(*, user_id: int, invited_by: str,
                                   base_url: str | None = None) -> None:
    """An admin tried to add the address of an account in another organisation to theirs:
    nothing changed, and the admin was not told that the address has an account."""
    _mail(user_id, subject=lambda: _("Someone tried to add your address to their organisation "
                                     "on Pasok"), body=lambda: _(
        "Hello %(name)s,\n\n%(by)s tried to add your e-mail address to their organisation on "
        "Pasok. Your address already has an account, so nothing changed, and they were not "
        "told so. An address belongs to one account: if you are to work for them on "
        "Pasok, tell them another address to use.\n\nIf you do not know them, you need not "
        "do anything. Sign in at %(login)s\n"),
        by=lambda _user: invited_by, login=_page("accounts:login", base_url))


@task()
def send_verification_notice(*, organisation_id: int, base_url: str | None = None) -> int:
    """The organisation's people learn that it is verified, by whom and when."""
    org = Organisation.objects.select_related("verified_by__organisation").get(
        pk=organisation_id)
    return notify(
        people_of(organisation=org),
        subject=lambda: _("%(org)s is verified on Pasok") % {"org": org.name},
        text=lambda: _("%(org)s is verified: %(verifier)s checked its NIB document and details "
                       "on %(moment)s. Buyers now see it as a verified supplier.") % {
            "org": org.name, "moment": local_moment(org.verified_at),
            "verifier": org.verified_by.name_with_organisation},
        link=reverse("suppliers:organisation", args=[org.pk]),
        base_url=base_url,
    )
