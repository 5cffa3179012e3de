"""Invoices: issued by the contract's supplier on accepted deliveries, corrected by it (a
new version of the lines, never below what is paid). Every write locks the invoice row
first, as payments do, so a payment and a correction at once run one after the other.
An invoice's events are the supplier's (its document); a payment's the buyer's."""

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.actors import Actor, requires_actor
from pasok.audit.services import audit_record
from pasok.contracts.models import Contract, Delivery
from pasok.web.formatting import localized_rupiah

from ..models import Invoice
from .lines import due_on, priced_lines, total, write_lines
from .notices import tell_about_invoice
from .settling import settle

MAX_NUMBER_LENGTH = Invoice._meta.get_field("number").max_length


def locked_invoice(invoice: Invoice) -> Invoice:
    return (Invoice.objects.select_for_update(of=("self",))
            .select_related("contract__buyer", "contract__supplier").get(pk=invoice.pk))


def _snapshot(invoice: Invoice, lines: list[dict]) -> dict:
    return {"number": invoice.number, "amount": str(invoice.amount),
            "due_on": str(invoice.due_on), "version": invoice.version, "lines": lines}


def _stored_lines(invoice: Invoice) -> list[dict]:
    return [{"delivery": line.delivery.note_number, "quantity": line.quantity,
             "unit_price": str(line.unit_price), "amount": str(line.amount)}
            for line in invoice.lines.select_related("delivery")]


@requires_actor
@transaction.atomic
def invoice_issue(*, by: Actor, contract: Contract, number: str, issued_on: dt.date,
                  lines: Sequence[tuple[Delivery, int]]) -> Invoice:
    """An invoice of the contract's supplier over `lines` (delivery, units)."""
    contract = Contract.objects.select_related("supplier").get(pk=contract.pk)
    if not permissions.may_invoice(by, contract):
        raise PermissionDenied
    number = (number or "").strip()
    errors = {}
    if not number:
        errors["number"] = [_("Give your invoice's number.")]
    elif len(number) > MAX_NUMBER_LENGTH:
        errors["number"] = [_("An invoice number is at most %(n)s characters.")
                            % {"n": MAX_NUMBER_LENGTH}]
    elif Invoice.objects.filter(supplier_id=contract.supplier_id, number=number).exists():
        errors["number"] = [_("You have an invoice with this number already.")]
    if issued_on is None or issued_on > clock.today():
        errors["issued_on"] = [_("An invoice is dated today or earlier.")]
    try:
        priced = priced_lines(contract, lines)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        priced = []
    latest = max((line.delivery.accepted_on for line in priced), default=None)
    if "issued_on" not in errors and latest is not None and issued_on < latest:
        errors["issued_on"] = [_("An invoice follows the acceptance of its goods: date it "
                                 "%(day)s or later.") % {"day": latest}]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():  # the same number saved a moment ago by a colleague
            invoice = Invoice.objects.create(
                contract=contract, supplier_id=contract.supplier_id, number=number,
                issued_on=issued_on, amount=total(priced), due_on=due_on(contract, priced),
                created_at=clock.now(), created_by=by if getattr(by, "pk", None) else None)
    except IntegrityError:
        raise ValidationError({"number": [_("You have an invoice with this number "
                                            "already.")]}) from None
    write_lines(invoice, priced)
    audit_record(actor=by, action="invoice.issue", obj=invoice, organisation=contract.supplier,
                 after=_snapshot(invoice, [p.as_json() for p in priced]))
    tell_about_invoice(invoice, "issued")
    return invoice


@requires_actor
@transaction.atomic
def invoice_correct(*, by: Actor, invoice: Invoice,
                    lines: Sequence[tuple[Delivery, int]]) -> Invoice:
    """The invoice's lines replaced by `lines`: its amount and due date follow, its version
    goes up; never below what is paid already."""
    invoice = locked_invoice(invoice)
    contract = invoice.contract
    if not permissions.may_invoice(by, contract):
        raise PermissionDenied
    before = _snapshot(invoice, _stored_lines(invoice))
    priced = priced_lines(contract, lines, leaving_out=invoice)
    amount = total(priced)
    if amount < invoice.paid:
        raise ValidationError({"lines": [
            _("%(paid)s is paid already: the corrected invoice cannot be for less.")
            % {"paid": localized_rupiah(invoice.paid)}]})
    latest = max(line.delivery.accepted_on for line in priced)
    if latest > invoice.issued_on:
        raise ValidationError({"lines": [
            _("The invoice is dated %(issued)s: it covers goods accepted by then.")
            % {"issued": invoice.issued_on}]})
    if before["lines"] == [p.as_json() for p in priced]:
        raise ValidationError({"lines": [_("Nothing is changed.")]})
    invoice.lines.all().delete()
    write_lines(invoice, priced)
    invoice.amount, invoice.due_on = amount, due_on(contract, priced)
    invoice.version += 1
    invoice.corrected_at = clock.now()
    settle(invoice)
    invoice.save(update_fields=["amount", "due_on", "version", "corrected_at", "settled_on"])
    audit_record(actor=by, action="invoice.correct", obj=invoice, organisation=contract.supplier,
                 before=before, after=_snapshot(invoice, [p.as_json() for p in priced]))
    tell_about_invoice(invoice, "corrected")
    return invoice
