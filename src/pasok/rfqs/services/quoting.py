"""Quotations: sealed like bids (pasok.tenders.sealing: encrypted content, a receipt digest
over it with a random nonce), replaced or withdrawn by their quoter until the deadline."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.actors import requires_actor
from pasok.accounts.models import Organisation, User
from pasok.audit.services import audit_record
from pasok.tenders import sealing

from .. import bounds
from ..content import QuotationContent
from ..models import Quotation, Rfq

MAX_NOTE = 2000


def _locked(rfq: Rfq) -> Rfq:
    """The RFQ's row, locked: a quotation racing the deadline, or two replacements of one,
    wait for each other."""
    return Rfq.objects.select_for_update().get(pk=rfq.pk)


def _require_open(rfq: Rfq) -> None:
    if not rfq.is_open(clock.now()):
        raise ValidationError(_("The deadline has passed; quotations are closed."))


_BOUNDS = {"unit_price": bounds.UNIT_PRICE, "lead_time_weeks": bounds.LEAD_TIME_WEEKS,
           "monthly_capacity": bounds.MONTHLY_CAPACITY}


@requires_actor
@transaction.atomic
def quotation_submit(*, by: User, rfq: Rfq, unit_price, lead_time_weeks: int,
                     monthly_capacity: int, valid_until: dt.date,
                     note: str = "") -> tuple[Quotation, str]:
    """Submit or replace the quotation of `by`'s organisation, invited to `rfq`. Returns it
    and the receipt's nonce (the digest is quotation.digest). The audit log records that it
    came in, never what it says."""
    rfq = _locked(rfq)
    if not permissions.may_quote(by):
        raise PermissionDenied
    supplier = Organisation.objects.get(pk=by.organisation_id)
    if not rfq.invitations.filter(supplier=supplier).exists():
        raise PermissionDenied
    _require_open(rfq)
    numbers = {"unit_price": unit_price, "lead_time_weeks": lead_time_weeks,
               "monthly_capacity": monthly_capacity}
    errors = {}
    for name, value in numbers.items():
        errors |= _BOUNDS[name].errors(name, value)
    if valid_until is None or valid_until < rfq.deadline.date():
        errors["valid_until"] = [_("A quotation stays valid at least until the deadline.")]
    if len(note) > MAX_NOTE:
        errors["note"] = [_("Keep the note to 2,000 characters.")]
    if errors:
        raise ValidationError(errors)
    unit_price, lead_time_weeks, monthly_capacity = (
        _BOUNDS[name].value(value) for name, value in numbers.items())
    nonce = sealing.new_nonce()
    content = QuotationContent(
        rfq=rfq.reference, supplier=supplier.pk, unit_price=unit_price,
        lead_time_weeks=lead_time_weeks, monthly_capacity=monthly_capacity,
        valid_until=valid_until, note=note.strip(), nonce=nonce).sealed()
    quotation = Quotation.objects.select_for_update().filter(rfq=rfq, supplier=supplier).first()
    if quotation is None:
        quotation = Quotation(rfq=rfq, supplier=supplier, version=0)
    quotation.submitted_by, quotation.sealed = by, sealing.seal(content)
    quotation.digest, quotation.submitted_at = sealing.digest(content), clock.now()
    quotation.version, quotation.withdrawn_at = quotation.version + 1, None
    quotation.save()
    audit_record(actor=by, action="quotation.submit", obj=quotation, organisation=supplier,
                 after={"rfq": rfq.reference, "digest": quotation.digest,
                        "version": quotation.version})
    return quotation, nonce


@requires_actor
@transaction.atomic
def quotation_withdraw(*, by: User, quotation: Quotation) -> Quotation:
    rfq = _locked(quotation.rfq)
    quotation = Quotation.objects.select_for_update().get(pk=quotation.pk)
    if not permissions.may_change_own_quotation(by, quotation):
        raise PermissionDenied
    _require_open(rfq)
    if quotation.withdrawn_at is not None:
        raise ValidationError(_("This quotation is already withdrawn."))
    quotation.withdrawn_at = clock.now()
    quotation.save(update_fields=["withdrawn_at"])
    audit_record(actor=by, action="quotation.withdraw", obj=quotation,
                 organisation=quotation.supplier, after={"withdrawn_at": quotation.withdrawn_at})
    return quotation
