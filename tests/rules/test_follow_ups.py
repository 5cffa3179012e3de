"""Reminders of business-matching follow-ups (rules.follow_ups)."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from pasok.rules.follow_ups import AHEAD, overdue, reminder_due

DUE = dt.date(2027, 6, 10)


def test_the_worked_examples():
    assert not reminder_due(DUE, dt.date(2027, 6, 6), None, done=False)
    assert reminder_due(DUE, dt.date(2027, 6, 7), None, done=False)
    assert not reminder_due(DUE, dt.date(2027, 6, 7), dt.date(2027, 6, 7), done=False)
    assert reminder_due(DUE, dt.date(2027, 6, 8), dt.date(2027, 6, 7), done=False)
    assert reminder_due(DUE, dt.date(2027, 6, 12), dt.date(2027, 6, 11), done=False)
    assert not reminder_due(DUE, dt.date(2027, 6, 12), None, done=True)
    assert overdue(DUE, dt.date(2027, 6, 11), done=False)
    assert not overdue(DUE, DUE, done=False)


@given(st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)), st.integers(-30, 30), st.booleans())
def test_at_most_once_a_day_and_never_once_done(today, days_left, done):
    due = today + dt.timedelta(days=days_left)
    assert not reminder_due(due, today, today, done)
    first = reminder_due(due, today, None, done)
    assert first == (not done and days_left <= AHEAD)
