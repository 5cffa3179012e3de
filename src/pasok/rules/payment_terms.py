"""When an invoice is due and how late it was paid.

The term is the contract's own number of calendar days after the goods were accepted
(DOMAIN.md: a per-contract value, measured against; BUMN are urged, not bound, to match the
14 working days PP 7/2021 sets for government contracts with micro and small businesses —
not applied here as a rule). Due date = acceptance date + term. A payment on the due date is
on time; each calendar day after it is a day late. An invoice paid in parts is late by its
last part's lateness (it was not paid until then); an unpaid one is late by today's.

Worked examples: accepted 3 Mar 2027, 30 days → due 2 Apr 2027; paid 2 Apr → 0 days late;
paid 12 Apr → 10 days late; unpaid on 20 Apr → 18 days late (and counting)."""

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal


def due_date(accepted_on: dt.date, term_days: int) -> dt.date:
    if term_days < 1:
        raise ValueError("a payment term is at least one day")
    return accepted_on + dt.timedelta(days=term_days)


def days_late(due_on: dt.date, paid_on: dt.date) -> int:
    """0 when paid on or before the due date."""
    return max(0, (paid_on - due_on).days)


def settled_on(amount: Decimal, payments: Iterable[tuple[dt.date, Decimal]]) -> dt.date | None:
    """The day the payments (day, amount) first add up to `amount`; None while short."""
    paid = Decimal(0)
    for day, part in sorted(payments):
        paid += part
        if paid >= amount:
            return day
    return None


def lateness(amount: Decimal, due_on: dt.date, payments, today: dt.date) -> int:
    """Days late of an invoice: by the day it was settled, or by today while it is not."""
    day = settled_on(amount, payments)
    return days_late(due_on, day if day is not None else today)


# -- invoices: what may be invoiced and what is left to pay ---------------------------------
# Issue 12: an invoice is on accepted quantity only (invoiced value ≤ accepted value) and
# payments never exceed it (paid ≤ invoiced). An invoice of several deliveries is due a term
# after the last of them was accepted: before then not all of it was accepted.

def invoice_due_date(accepted_days: Iterable[dt.date], term_days: int) -> dt.date:
    """Due date of an invoice over deliveries accepted on `accepted_days`: a term after the
    latest of them."""
    days = list(accepted_days)
    if not days:
        raise ValueError("an invoice covers at least one accepted delivery")
    return due_date(max(days), term_days)


def line_amount(quantity: int, unit_price: Decimal) -> Decimal:
    """Quantity × unit price, to the sen (half up, as every rupiah amount in Pasok)."""
    if quantity < 0 or unit_price < 0:
        raise ValueError("quantities and prices are not negative")
    return (Decimal(quantity) * Decimal(unit_price)).quantize(Decimal("0.01"),
                                                              rounding=ROUND_HALF_UP)


def left_to_invoice(accepted: int, invoiced: int) -> int:
    """Units of a delivery still to invoice (never negative: more is never invoiced)."""
    return max(0, accepted - invoiced)


def left_to_pay(amount: Decimal, paid: Decimal) -> Decimal:
    return max(Decimal(0), amount - paid)


# Reminders of an overdue invoice: on the first day late, then every week while it is unpaid
# (Pasok's own cadence; a buyer's people are told, not nagged daily).
REMINDER_EVERY_DAYS = 7


def reminder_due(due_on: dt.date, today: dt.date, last_reminded_on: dt.date | None,
                 every_days: int = REMINDER_EVERY_DAYS) -> bool:
    """True when an unpaid invoice due on `due_on` is to be reminded of today."""
    if days_late(due_on, today) == 0:
        return False
    return last_reminded_on is None or (today - last_reminded_on).days >= every_days
