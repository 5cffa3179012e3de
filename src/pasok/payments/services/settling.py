"""An invoice's paid sum and settlement day, worked out again from its payments
(rules.payment_terms.settled_on) whenever a payment or a correction changes either side."""

from decimal import Decimal

from pasok.rules import payment_terms

from ..models import Invoice


def settle(invoice: Invoice) -> None:
    """Set `paid` and `settled_on` on the (locked) invoice from its payments; not saved."""
    payments = list(invoice.payments.values_list("paid_on", "amount"))
    invoice.paid = sum((amount for _day, amount in payments), Decimal(0))
    invoice.settled_on = payment_terms.settled_on(invoice.amount, payments)
