"""The scorecards app's menu entry (pasok.shell.navigation gathers it): one's own
organisation's scorecard. The ministry and platform admins open others' from their pages."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pasok.accounts import permissions
from pasok.shell.navigation import Entry

from .selectors import has_scorecard


def _own_scorecard(user) -> bool:
    return (user.organisation_id is not None and has_scorecard(user.organisation)
            and permissions.may_read_scorecard(user, user.organisation))


ENTRIES = [
    Entry(65, _("Scorecard"),
          lambda user: reverse("scorecards:organisation", args=[user.organisation_id]),
          shown=_own_scorecard),
]
