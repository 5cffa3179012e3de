"""What every tender write checks first: who runs the tender (accounts.permissions), its
row locked, the lifecycle's answer (lifecycle.TRANSITIONS) as the error people read."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from pasok.accounts.actors import Actor
from pasok.accounts.permissions import may_manage_tender

from .. import lifecycle
from ..lifecycle import Action
from ..models import (
    Status,
    Tender,
)


def locked(tender: Tender) -> Tender:
    return Tender.objects.select_for_update().get(pk=tender.pk)


def managed(by: Actor, tender: Tender, action: Action, message: str | None = None) -> Tender:
    """The tender locked, for a write of its buyer's (PermissionDenied for anyone else) that
    the lifecycle allows now."""
    tender = locked(tender)
    if not may_manage_tender(by, tender):
        raise PermissionDenied
    require_allowed(tender, action, message)
    return tender


def require_allowed(tender: Tender, action: Action, message: str | None = None) -> None:
    """The lifecycle's answer (lifecycle.TRANSITIONS) as the error people read."""
    try:
        lifecycle.require(action, tender.status)
    except lifecycle.NotAllowed as refused:
        raise ValidationError((message or _("Not possible while the tender is %(status)s."))
                              % {"status": Status(refused.stage).label}) from refused
