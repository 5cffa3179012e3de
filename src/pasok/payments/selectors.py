"""What pages and reminders read: a contract's deliveries with what is left to invoice of
each, and the overdue invoices (unpaid, past due) with their days late."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import IntegerField, Sum, Value
from django.db.models.functions import Coalesce

from pasok.contracts.models import Contract, Delivery
from pasok.rules import payment_terms

from .models import Invoice


def deliveries_to_invoice(user, contract: Contract):
    """The contract's inspected deliveries `user` may see, each with `invoiced` (units on
    invoices) and `left` (accepted units not yet invoiced), oldest first."""
    rows = (Delivery.objects.visible_to(user)
            .filter(call_off__item__contract=contract, accepted_quantity__isnull=False)
            .select_related("call_off__item__contract")
            .annotate(invoiced=Coalesce(Sum("invoice_lines__quantity"), Value(0),
                                        output_field=IntegerField()))
            .order_by("accepted_on", "pk"))
    rows = list(rows)
    for row in rows:
        row.left = payment_terms.left_to_invoice(row.accepted_quantity, row.invoiced)
    return rows


def overdue(invoices, today: dt.date):
    """Of `invoices`, the unpaid ones past their due date, the latest first."""
    return (invoices.filter(settled_on__isnull=True, due_on__lt=today)
            .select_related("contract__buyer", "supplier").order_by("due_on", "pk"))


def days_late(invoice: Invoice, today: dt.date) -> int:
    """By the day it was paid in full, or by today while it is not (settled_on is
    rules.payment_terms.settled_on of its payments, kept on the row)."""
    return payment_terms.days_late(invoice.due_on, invoice.settled_on or today)


@dataclass(frozen=True)
class Overdue:
    """One buyer's overdue invoices."""

    buyer_id: int
    invoices: tuple[Invoice, ...]

    def total_left(self):
        return sum(i.amount - i.paid for i in self.invoices)


def overdue_by_buyer(today: dt.date, invoices=None) -> list[Overdue]:
    """Every buyer's overdue invoices (all of them, for the system's reminders)."""
    found: dict[int, list[Invoice]] = {}
    for invoice in overdue(invoices if invoices is not None else Invoice.objects.all(), today):
        found.setdefault(invoice.contract.buyer_id, []).append(invoice)
    return [Overdue(buyer, tuple(rows)) for buyer, rows in found.items()]

