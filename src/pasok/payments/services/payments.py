"""Payments of an invoice, recorded by the buyer's side: partial allowed, never more than is
left to pay, dated between the invoice and today. The invoice row is locked first (as for a
correction), so paid ≤ invoiced holds whatever runs at the same moment."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.actors import Actor, requires_actor
from pasok.audit.services import audit_record
from pasok.web.formatting import localized_rupiah

from ..models import Invoice, Payment
from .invoices import locked_invoice
from .notices import tell_about_invoice
from .settling import settle

MAX_REFERENCE_LENGTH = Payment._meta.get_field("reference").max_length


@requires_actor
@transaction.atomic
def payment_record(*, by: Actor, invoice: Invoice, amount: Decimal, paid_on: dt.date,
                   reference: str) -> Payment:
    invoice = locked_invoice(invoice)
    if not permissions.may_record_payment(by, invoice):
        raise PermissionDenied
    reference = (reference or "").strip()
    left = invoice.amount - invoice.paid
    errors = {}
    if amount is None or amount <= 0:
        errors["amount"] = [_("A payment is more than nothing.")]
    elif amount != amount.quantize(Decimal("0.01")):
        errors["amount"] = [_("Amounts are in rupiah and sen: at most two decimals.")]
    elif amount > left:
        errors["amount"] = [_("Only %(left)s is left to pay on this invoice.")
                            % {"left": localized_rupiah(left)}]
    if paid_on is None or paid_on > clock.today():
        errors["paid_on"] = [_("Record a payment once it is made: today or earlier.")]
    elif paid_on < invoice.issued_on:
        errors["paid_on"] = [_("A payment follows its invoice, dated %(day)s.")
                             % {"day": invoice.issued_on}]
    if not reference:
        errors["reference"] = [_("Give the transfer's reference.")]
    elif len(reference) > MAX_REFERENCE_LENGTH:
        errors["reference"] = [_("A reference is at most %(n)s characters.")
                               % {"n": MAX_REFERENCE_LENGTH}]
    if errors:
        raise ValidationError(errors)
    payment = Payment.objects.create(
        invoice=invoice, amount=amount, paid_on=paid_on, reference=reference,
        recorded_at=clock.now(), recorded_by=by if getattr(by, "pk", None) else None)
    settle(invoice)
    invoice.save(update_fields=["paid", "settled_on"])
    audit_record(actor=by, action="payment.record", obj=invoice,
                 organisation=invoice.contract.buyer,
                 after={"amount": str(amount), "paid_on": str(paid_on), "reference": reference,
                        "paid": str(invoice.paid),
                        "settled_on": str(invoice.settled_on) if invoice.settled_on else None})
    tell_about_invoice(invoice, "paid")
    return payment
