"""What every tender write checks first: who runs the tender, its row locked, the
lifecycle's answer (lifecycle.TRANSITIONS) as the error people read."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from pasok.accounts.models import User

from .. import lifecycle
from ..lifecycle import Action
from ..models import (
    Status,
    Tender,
)


def may_manage(by: User, tender_or_buyer) -> bool:
    """The buyer's admins and staff, and platform admins, run a tender (a Tender or a buyer)."""
    buyer_id = getattr(tender_or_buyer, "buyer_id", getattr(tender_or_buyer, "pk", None))
    return by.is_platform_admin or (by.can_write_for_org and by.organisation_id == buyer_id)


def locked(tender: Tender) -> Tender:
    return Tender.objects.select_for_update().get(pk=tender.pk)


def require_allowed(tender: Tender, action: Action, message: str | None = None) -> None:
    """The lifecycle's answer (lifecycle.TRANSITIONS) as the error people read."""
    try:
        lifecycle.require(action, tender.status)
    except lifecycle.NotAllowed as refused:
        raise ValidationError((message or _("Not possible while the tender is %(status)s."))
                              % {"status": Status(refused.stage).label}) from refused
