"""An invoice's lines checked against what was accepted: each an accepted delivery of the
contract, at most the units of it not yet invoiced on the supplier's other invoices, priced
at its contract item's unit price for the month it was delivered (the agreed price, adjusted
by that month's indices under a price-adjustment clause: contracts.pricing). The deliveries
are locked, so two invoices of the same delivery at once cannot both take its last units."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils.translation import gettext as _

from pasok.contracts.models import Contract, Delivery
from pasok.contracts.pricing import unit_price_for
from pasok.months import month_start
from pasok.rules import payment_terms

from ..models import Invoice, InvoiceLine


@dataclass(frozen=True)
class PricedLine:
    delivery: Delivery
    quantity: int
    unit_price: Decimal
    amount: Decimal

    def as_json(self) -> dict:
        return {"delivery": self.delivery.note_number, "quantity": self.quantity,
                "unit_price": str(self.unit_price), "amount": str(self.amount)}


def invoiced_units(deliveries, *, leaving_out: Invoice | None = None) -> dict[int, int]:
    """Units of each delivery on invoices (but `leaving_out`), by delivery pk."""
    lines = InvoiceLine.objects.filter(delivery__in=deliveries)
    if leaving_out is not None:
        lines = lines.exclude(invoice=leaving_out)
    return dict(lines.values_list("delivery").annotate(n=Sum("quantity")))


def priced_lines(contract: Contract, lines: Sequence[tuple[Delivery, int]], *,
                 leaving_out: Invoice | None = None) -> list[PricedLine]:
    """The lines checked and priced; ValidationError naming `lines[i].quantity`,
    `lines[i].delivery` or `lines` when they do not hold."""
    if not lines:
        raise ValidationError({"lines": [_("Invoice at least one accepted delivery.")]})
    wanted = [getattr(d, "pk", None) for d, _q in lines]
    locked = {d.pk: d for d in Delivery.objects.select_for_update(of=("self",))
              .select_related("call_off__item__contract")
              .filter(pk__in=wanted, call_off__item__contract=contract).order_by("pk")}
    invoiced = invoiced_units(list(locked), leaving_out=leaving_out)
    errors, priced, seen = {}, [], set()
    for i, (delivery, quantity) in enumerate(lines):
        here = locked.get(getattr(delivery, "pk", None))
        if here is None:
            errors[f"lines[{i}].delivery"] = [_("Invoice deliveries of this contract.")]
            continue
        if here.pk in seen:
            errors[f"lines[{i}].delivery"] = [_("Each delivery goes on one line.")]
            continue
        seen.add(here.pk)
        if not here.accepted_quantity or here.accepted_on is None:
            errors[f"lines[{i}].delivery"] = [_("Only accepted goods are invoiced: this "
                                                "delivery has no accepted units.")]
            continue
        left = payment_terms.left_to_invoice(here.accepted_quantity, invoiced.get(here.pk, 0))
        if quantity is None or quantity < 1:
            errors[f"lines[{i}].quantity"] = [_("Invoice at least one unit.")]
        elif quantity > left:
            errors[f"lines[{i}].quantity"] = [
                _("Only %(left)s accepted units of this delivery are left to invoice.")
                % {"left": left}]
        else:
            # Bn "at the month of delivery" (rules.price_adjustment): the month it arrived.
            price = unit_price_for(here.call_off.item, month_start(here.received_on))
            priced.append(PricedLine(here, quantity, price,
                                     payment_terms.line_amount(quantity, price)))
    if errors:
        raise ValidationError(errors)
    return priced


def total(lines: Sequence[PricedLine]) -> Decimal:
    return sum((line.amount for line in lines), Decimal(0))


def due_on(contract: Contract, lines: Sequence[PricedLine]) -> dt.date:
    return payment_terms.invoice_due_date((line.delivery.accepted_on for line in lines),
                                          contract.payment_term_days)


def write_lines(invoice: Invoice, lines: Sequence[PricedLine]) -> None:
    InvoiceLine.objects.bulk_create(
        InvoiceLine(invoice=invoice, delivery=line.delivery, quantity=line.quantity,
                    unit_price=line.unit_price, amount=line.amount) for line in lines)
