"""Partnership commitments: a buyer signs one with the cluster's partners (a cooperative or
named foundries) and reports its need month by month; rules.commitments tracks it."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.actors import Actor, requires_actor
from pasok.accounts.models import Organisation
from pasok.audit.services import audit_record
from pasok.months import month_start
from pasok.suppliers.catalogue import PART_FAMILIES

from ..models import CommitmentNeed, Contract, PartnershipCommitment


@requires_actor
@transaction.atomic
def commitment_sign(*, by: Actor, buyer: Organisation, partners: list[Organisation],
                    family: str, starts_on: dt.date, ends_on: dt.date,
                    share_percent: Decimal | None = None,
                    units_per_year: int | None = None) -> PartnershipCommitment:
    if not permissions.may_manage_contract(by, Contract(buyer=buyer)):
        raise PermissionDenied
    errors = {}
    if not buyer.is_buyer:
        errors["buyer"] = [_("A commitment is a buyer's.")]
    if not partners or any(not p.is_supplier_side for p in partners):
        errors["partners"] = [_("Name the partners: a cooperative or foundries.")]
    if family not in dict(PART_FAMILIES):
        errors["family"] = [_("Choose a part family from the list.")]
    if (share_percent is None) == (units_per_year is None):
        errors["share_percent"] = [_("Commit either a share of the need or units a year.")]
    elif share_percent is not None and not 0 < share_percent <= 100:
        errors["share_percent"] = [_("The share is more than 0% and at most 100%.")]
    elif units_per_year is not None and units_per_year < 1:
        errors["units_per_year"] = [_("Commit at least one unit a year.")]
    if ends_on < starts_on:
        errors["ends_on"] = [_("A commitment cannot end before it starts.")]
    if errors:
        raise ValidationError(errors)
    commitment = PartnershipCommitment.objects.create(
        buyer=buyer, family=family, share_percent=share_percent, units_per_year=units_per_year,
        starts_on=month_start(starts_on), ends_on=ends_on, signed_at=clock.now(),
        signed_by=by if getattr(by, "pk", None) else None)
    commitment.partners.set(partners)
    audit_record(actor=by, action="commitment.sign", obj=commitment, organisation=buyer,
                 after={"partners": sorted(p.name for p in partners), "family": family,
                        "share_percent": str(share_percent) if share_percent else None,
                        "units_per_year": units_per_year})
    return commitment


@requires_actor
@transaction.atomic
def commitment_need_record(*, by: Actor, commitment: PartnershipCommitment, month: dt.date,
                           units: int) -> CommitmentNeed:
    """The buyer's need of the family in a month of the commitment (replacing what it
    reported before)."""
    commitment = PartnershipCommitment.objects.select_for_update().get(pk=commitment.pk)
    if not permissions.may(by, permissions.CHANGE, commitment):
        raise PermissionDenied
    month = month_start(month)
    if not commitment.starts_on <= month <= commitment.ends_on:
        raise ValidationError({"month": [_("The month lies within the commitment's period.")]})
    if units < 0:
        raise ValidationError({"units": [_("The need cannot be negative.")]})
    need, _created = CommitmentNeed.objects.update_or_create(
        commitment=commitment, month=month, defaults={"units": units})
    audit_record(actor=by, action="commitment.need", obj=commitment,
                 organisation=commitment.buyer, after={"month": str(month), "units": units})
    return need
