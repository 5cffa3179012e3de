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
from decimal import Decimal


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
