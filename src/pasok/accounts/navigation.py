"""The accounts app's menu entries (pasok.shell.navigation gathers them)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pasok.shell.navigation import Entry, to

from . import permissions
from .models import Notification


def _notifications(user) -> str:
    unread = Notification.objects.visible_to(user).filter(read_at__isnull=True).count()
    return _("Notifications (%(n)s)") % {"n": unread} if unread else _("Notifications")


ENTRIES = [
    Entry(20, _("My organisation"),
          lambda user: reverse("suppliers:organisation", args=[user.organisation_id]),
          shown=lambda user: user.organisation_id is not None),
    Entry(30, _("People"), to("accounts:people"),
          shown=lambda user: user.organisation_id is not None),
    Entry(80, _("Verification"), to("accounts:verification"),
          shown=permissions.may_verify_organisations),
    Entry(100, _("Paused sign-ins"), to("accounts:sign-in-pauses"),
          shown=permissions.may_unlock_sign_in),
    Entry(120, _("API tokens"), to("accounts:tokens")),
    Entry(130, _notifications, to("accounts:notifications")),
]
