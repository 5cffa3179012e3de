"""Background work of the accounts app (django-tasks; `pasok db_worker` runs it)."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import User


@task()
def send_confirmation_email(*, user_id: int) -> None:
    from .services import confirmation_token

    user = User.objects.get(pk=user_id)
    link = settings.PASOK_BASE_URL + reverse("accounts:confirm",
                                             args=[confirmation_token(user)])
    with translation.override(settings.LANGUAGE_CODE):
        send_mail(
            subject=_("Confirm your Pasok account"),
            message=_("Hello %(name)s,\n\nOpen this link to confirm your e-mail address and "
                      "activate your Pasok account:\n%(link)s\n\nThe link is valid for three "
                      "days. Your organisation stays unverified until a ministry officer or "
                      "your cooperative verifies it.\n") % {"name": user.full_name, "link": link},
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user.email],
        )


@task()
def send_invitation_email(*, user_id: int, invited_by: str) -> None:
    """A person added by their organisation's admin chooses a password through this link."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = User.objects.select_related("organisation").get(pk=user_id)
    link = settings.PASOK_BASE_URL + reverse("accounts:password-reset-confirm", args=[
        urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)])
    with translation.override(settings.LANGUAGE_CODE):
        send_mail(
            subject=_("You are invited to Pasok"),
            message=_("Hello %(name)s,\n\n%(by)s added you to %(org)s on Pasok. Open this link "
                      "to choose your password:\n%(link)s\n") % {
                "name": user.full_name, "by": invited_by, "org": user.organisation.name,
                "link": link},
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user.email],
        )
