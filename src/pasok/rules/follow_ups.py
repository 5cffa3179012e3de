"""When the owner of a business-matching follow-up (tindak lanjut) is reminded: while it is
not done, from `AHEAD` days before its due date and every day it is overdue, at most once a
day. Pasok's own choice (issue 14 asks for reminders and overdue flags), like the invoice
reminders of rules.payment_terms.

Worked examples (due 10 June): on 6 June no reminder; on 7 June one (3 days ahead); reminded
on 7 June, none again that day, one on 8 June; on 12 June one (2 days overdue); done, none."""

import datetime as dt

AHEAD = 3  # days before the due date the first reminder goes out


def overdue(due_on: dt.date, today: dt.date, done: bool) -> bool:
    return not done and due_on < today


def reminder_due(due_on: dt.date, today: dt.date, reminded_on: dt.date | None,
                 done: bool) -> bool:
    if done or (reminded_on is not None and reminded_on >= today):
        return False
    return (due_on - today).days <= AHEAD
