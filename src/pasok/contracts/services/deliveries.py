"""Deliveries against an accepted call-off order, partial allowed, never more than the
order has left (a replacement for goods not accepted does not count against it: it replaces
them)."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.actors import Actor, requires_actor
from pasok.audit.services import audit_record

from ..models import CallOff, CallOffStatus, Delivery


def delivered_units(call_off: CallOff) -> int:
    """Units delivered against the order, replacements left out."""
    return call_off.deliveries.filter(replaces__isnull=True).aggregate(
        n=Sum("quantity"))["n"] or 0


@requires_actor
@transaction.atomic
def delivery_record(*, by: Actor, call_off: CallOff, note_number: str, shipped_on: dt.date,
                    received_on: dt.date, quantity: int,
                    replaces: Delivery | None = None) -> Delivery:
    call_off = CallOff.objects.select_for_update().select_related("item__contract").get(
        pk=call_off.pk)
    contract = call_off.item.contract
    if not permissions.may_record_delivery(by, call_off, contract):
        raise PermissionDenied
    errors = {}
    if call_off.status != CallOffStatus.ACCEPTED:
        errors["call_off"] = [_("Goods are delivered against an accepted order.")]
    if not note_number.strip():
        errors["note_number"] = [_("Give the delivery note's number.")]
    if received_on < shipped_on:
        errors["received_on"] = [_("Goods cannot be received before they are shipped.")]
    if received_on > clock.today():
        errors["received_on"] = [_("A delivery is recorded once it has arrived.")]
    if replaces is not None:
        if replaces.call_off_id != call_off.pk or replaces.accepted_quantity is None:
            errors["replaces"] = [_("A replacement replaces an inspected delivery of this "
                                    "order.")]
        elif quantity > replaces.quantity - replaces.accepted_quantity:
            errors["quantity"] = [_("A replacement is at most the %(n)s units not accepted.")
                                  % {"n": replaces.quantity - replaces.accepted_quantity}]
    else:
        left = call_off.quantity - delivered_units(call_off)
        if quantity > left:
            errors["quantity"] = [_("Only %(left)s units of this order are left to deliver.")
                                  % {"left": left}]
    if quantity < 1:
        errors["quantity"] = [_("Deliver at least one unit.")]
    if errors:
        raise ValidationError(errors)
    delivery = Delivery.objects.create(
        call_off=call_off, note_number=note_number.strip(), shipped_on=shipped_on,
        received_on=received_on, quantity=quantity, replaces=replaces,
        recorded_at=clock.now(), recorded_by=by if getattr(by, "pk", None) else None)
    audit_record(actor=by, action="delivery.record", obj=delivery, organisation=contract.buyer,
                 after={"quantity": quantity, "note_number": delivery.note_number,
                        "received_on": str(received_on)})
    return delivery
