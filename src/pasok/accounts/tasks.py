"""Background work of the accounts app (django-tasks; `pasok db_worker` runs it). Every mail is
written in its recipient's language and time zone (notices.py); links go to the address
captured when the work was queued (`base_url`)."""

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_tasks import task

from pasok.web.formatting import local_moment
from pasok.web.links import absolute

from .models import Organisation, User
from .notices import notify, send_email


@task()
def send_confirmation_email(*, user_id: int, base_url: str | None = None) -> None:
    from .services import confirmation_token

    user = User.objects.select_related("organisation").get(pk=user_id)
    link = absolute(reverse("accounts:confirm", args=[confirmation_token(user)]), base_url)
    resend = absolute(reverse("accounts:resend-confirmation"), base_url)
    send_email(
        user,
        subject=lambda: _("Confirm your Pasok account"),
        body=lambda: _(
            "Hello %(name)s,\n\nOpen this link to confirm your e-mail address and activate your "
            "Pasok account:\n%(link)s\n\nThe link is valid for three days; if it has expired, "
            "ask for a new one at %(resend)s\n\nYour organisation stays unverified until a "
            "ministry officer or your cooperative has checked its NIB document.\n"
        ) % {"name": user.full_name, "link": link, "resend": resend},
    )


@task()
def send_invitation_email(*, user_id: int, invited_by: str,
                          base_url: str | None = None) -> None:
    """A person added by their organisation's admin chooses a password through this link."""
    user = User.objects.select_related("organisation").get(pk=user_id)
    link = absolute(reverse("accounts:password-reset-confirm", args=[
        urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)]),
        base_url)
    send_email(
        user,
        subject=lambda: _("You are invited to Pasok"),
        body=lambda: _(
            "Hello %(name)s,\n\n%(by)s added you to %(org)s on Pasok. Open this link to choose "
            "your password:\n%(link)s\n\nThe link is valid for three days; if it has expired, "
            "ask %(by)s to send the invitation again.\n"
        ) % {"name": user.full_name, "by": invited_by, "org": user.organisation.name,
             "link": link},
    )


@task()
def send_verification_notice(*, organisation_id: int, base_url: str | None = None) -> int:
    """The organisation's people learn that it is verified, by whom and when."""
    org = Organisation.objects.select_related("verified_by__organisation").get(
        pk=organisation_id)
    people = User.objects.filter(organisation=org, is_active=True).select_related(
        "organisation")
    return notify(
        people,
        subject=lambda: _("%(org)s is verified on Pasok") % {"org": org.name},
        text=lambda: _("%(org)s is verified: %(verifier)s checked its NIB document and details "
                       "on %(moment)s. Buyers now see it as a verified supplier.") % {
            "org": org.name, "moment": local_moment(org.verified_at),
            "verifier": org.verified_by.name_with_organisation},
        link=reverse("suppliers:organisation", args=[org.pk]),
        base_url=base_url,
    )
