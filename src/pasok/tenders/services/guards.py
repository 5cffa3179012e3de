"""What every tender write checks first: who runs the tender (accounts.permissions), its
row locked, the lifecycle's answer (lifecycle.TRANSITIONS) as the error people read."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .. import lifecycle
from ..lifecycle import Action
from ..models import (
    Status,
    Tender,
)


def locked(tender: Tender) -> Tender:
    return Tender.objects.select_for_update().get(pk=tender.pk)


def require_allowed(tender: Tender, action: Action, message: str | None = None) -> None:
    """The lifecycle's answer (lifecycle.TRANSITIONS) as the error people read."""
    try:
        lifecycle.require(action, tender.status)
    except lifecycle.NotAllowed as refused:
        raise ValidationError((message or _("Not possible while the tender is %(status)s."))
                              % {"status": Status(refused.stage).label}) from refused
