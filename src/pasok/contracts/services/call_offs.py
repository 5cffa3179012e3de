"""Call-off orders (surat pesanan) under a contract in force: issued by the buyer for a
month, to the contract's supplier or one of a cooperative supplier's members, within what
the item has left; accepted (booking the maker's capacity) or declined with a reason by the
foundry that makes it."""

import calendar
import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.actors import Actor, requires_actor
from pasok.accounts.models import Organisation
from pasok.audit.services import audit_record
from pasok.counters import next_number, reference
from pasok.months import month_start

from ..models import CallOff, CallOffSource, CallOffStatus, ContractItem, Counter, Status
from .booking import refresh_contract_bookings
from .making import locked
from .notices import tell_about_call_off


def ordered_units(item: ContractItem) -> int:
    """Units of the item called off and not declined."""
    return item.call_offs.exclude(status=CallOffStatus.DECLINED).aggregate(
        n=Sum("quantity"))["n"] or 0


def _month_end(month: dt.date) -> dt.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


@requires_actor
@transaction.atomic
def call_off_issue(*, by: Actor, item: ContractItem, month: dt.date, quantity: int,
                   maker: Organisation | None = None, deliver_by: dt.date | None = None,
                   source: str = CallOffSource.HAND) -> CallOff:
    contract = locked(item.contract)
    if not permissions.may_manage_contract(by, contract):
        raise PermissionDenied
    item = ContractItem.objects.get(pk=item.pk, contract=contract)
    month = month_start(month)
    maker = maker or contract.supplier
    errors = {}
    if contract.version == 0:
        errors["month"] = [_("Orders follow once both parties have signed the contract.")]
    elif contract.status == Status.ENDED or not (
            month_start(contract.starts_on) <= month <= month_start(contract.ends_on)):
        errors["month"] = [_("The contract runs from %(start)s to %(end)s: no order outside "
                             "it.") % {"start": contract.starts_on, "end": contract.ends_on}]
    if maker.pk != contract.supplier_id and maker.cooperative_id != contract.supplier_id:
        errors["maker"] = [_("An order goes to the contract's supplier or, for a "
                             "cooperative, to one of its members.")]
    left = item.quantity - ordered_units(item)
    if quantity < 1:
        errors["quantity"] = [_("Order at least one unit.")]
    elif quantity > left:
        errors["quantity"] = [_("Only %(left)s units of this item are left to order.")
                              % {"left": left}]
    deliver_by = deliver_by or _month_end(month)
    if deliver_by < month or deliver_by > contract.ends_on:
        errors["deliver_by"] = [_("The delivery date lies between the order's month and the "
                                  "contract's end.")]
    if errors:
        raise ValidationError(errors)
    now = clock.now()
    call_off = CallOff.objects.create(
        reference=reference("SP", now.year, next_number(Counter, series="SP", year=now.year)),
        item=item, maker=maker, month=month, quantity=quantity, deliver_by=deliver_by,
        source=source, issued_at=now, issued_by=by if getattr(by, "pk", None) else None)
    audit_record(actor=by, action="call_off.issue", obj=call_off, organisation=contract.buyer,
                 after={"quantity": quantity, "month": str(month), "maker": maker.name})
    tell_about_call_off(call_off, "issued")
    return call_off


@requires_actor
@transaction.atomic
def call_off_answer(*, by: Actor, call_off: CallOff, accept: bool, reason: str = "") -> CallOff:
    call_off = CallOff.objects.select_for_update().select_related("item__contract").get(
        pk=call_off.pk)
    if not permissions.may_answer_call_off(by, call_off):
        raise PermissionDenied
    if call_off.status != CallOffStatus.ISSUED:
        raise ValidationError(_("This order is answered already."))
    if not accept and not reason.strip():
        raise ValidationError({"decline_reason": [_("Say why you decline the order.")]})
    call_off.status = CallOffStatus.ACCEPTED if accept else CallOffStatus.DECLINED
    call_off.decline_reason = "" if accept else reason.strip()
    call_off.answered_at, call_off.answered_by = clock.now(), by
    call_off.save(update_fields=["status", "decline_reason", "answered_at", "answered_by"])
    contract = call_off.item.contract
    audit_record(actor=by, action="call_off.accept" if accept else "call_off.decline",
                 obj=call_off, organisation=contract.buyer,
                 after={} if accept else {"decline_reason": call_off.decline_reason})
    if accept:
        refresh_contract_bookings(contract, by=by)
    tell_about_call_off(call_off, "answered")
    return call_off
