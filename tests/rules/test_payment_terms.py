"""Payment terms (rules.payment_terms): the module's worked examples, invoices over several
deliveries, reminders, and properties of any dates and amounts."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pasok.rules.payment_terms import (
    days_late,
    due_date,
    invoice_due_date,
    lateness,
    left_to_invoice,
    left_to_pay,
    line_amount,
    reminder_due,
    settled_on,
)

ACCEPTED = dt.date(2027, 3, 3)
DUE = dt.date(2027, 4, 2)


def test_the_worked_examples():
    assert due_date(ACCEPTED, 30) == DUE
    assert days_late(DUE, dt.date(2027, 4, 2)) == 0
    assert days_late(DUE, dt.date(2027, 4, 12)) == 10
    assert lateness(Decimal(100), DUE, [], dt.date(2027, 4, 20)) == 18


def test_paid_in_parts_it_is_late_by_the_last_part():
    parts = [(dt.date(2027, 3, 30), Decimal(60)), (dt.date(2027, 4, 9), Decimal(40))]
    assert settled_on(Decimal(100), parts) == dt.date(2027, 4, 9)
    assert lateness(Decimal(100), DUE, parts, dt.date(2027, 5, 1)) == 7
    assert settled_on(Decimal(101), parts) is None  # still short


def test_an_invoice_of_several_deliveries_is_due_after_the_last_acceptance():
    days = [dt.date(2027, 1, 22), dt.date(2027, 1, 29), dt.date(2027, 1, 25)]
    assert invoice_due_date(days, 30) == dt.date(2027, 2, 28)
    with pytest.raises(ValueError):
        invoice_due_date([], 30)
    with pytest.raises(ValueError):
        due_date(ACCEPTED, 0)


def test_amounts_to_the_sen_and_what_is_left():
    assert line_amount(180, Decimal(450_000)) == Decimal("81000000.00")
    assert line_amount(3, Decimal("0.335")) == Decimal("1.01")  # 1,005 rounds half up
    assert left_to_invoice(100, 60) == 40 and left_to_invoice(100, 120) == 0
    assert left_to_pay(Decimal(100), Decimal(30)) == 70
    with pytest.raises(ValueError):
        line_amount(-1, Decimal(1))


def test_reminders_on_the_first_day_late_then_weekly():
    assert not reminder_due(DUE, DUE, None)  # on the due date it is not late
    assert reminder_due(DUE, DUE + dt.timedelta(days=1), None)
    reminded = DUE + dt.timedelta(days=1)
    assert not reminder_due(DUE, reminded + dt.timedelta(days=6), reminded)
    assert reminder_due(DUE, reminded + dt.timedelta(days=7), reminded)


days = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2040, 12, 31))
amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10**12), places=2)


@given(days, st.integers(1, 365), days)
def test_late_exactly_when_paid_after_the_due_date(accepted, term, paid):
    due = due_date(accepted, term)
    assert (due - accepted).days == term
    assert (days_late(due, paid) > 0) == (paid > due)
    assert days_late(due, paid) == max(0, (paid - due).days)


@given(st.lists(days, min_size=1, max_size=8), st.integers(1, 365))
def test_no_delivery_of_an_invoice_is_due_later_than_the_invoice(accepted, term):
    due = invoice_due_date(accepted, term)
    assert all(due_date(day, term) <= due for day in accepted)
    assert due in {due_date(day, term) for day in accepted}


@given(amounts, st.lists(st.tuples(days, amounts), max_size=8), days)
def test_settled_on_the_first_day_the_parts_reach_the_amount(amount, parts, today):
    day = settled_on(amount, parts)
    total = sum((a for _d, a in parts), Decimal(0))
    assert (day is None) == (total < amount)
    if day is not None:
        assert sum(a for d, a in parts if d <= day) >= amount
        assert sum(a for d, a in parts if d < day) < amount
    due = min(d for d, _a in parts) if parts else today
    assert lateness(amount, due, parts, today) == days_late(due, day or today)


@given(st.integers(0, 10**6), st.decimals(min_value=0, max_value=Decimal(10**9), places=2),
       st.integers(0, 10**6))
def test_a_line_is_its_units_times_the_price_and_never_over_invoiced(quantity, price, done):
    assert abs(line_amount(quantity, price) - quantity * price) < Decimal("0.005")
    assert 0 <= left_to_invoice(quantity, done) <= quantity
