"""Calendar months, as plans, delivery schedules and capacity bookings count them: a month
is the date of its first day."""

import datetime as dt


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(first: dt.date, n: int) -> dt.date:
    index = first.month - 1 + n
    return dt.date(first.year + index // 12, index % 12 + 1, 1)


def month_starts(first: dt.date, months: int) -> list[dt.date]:
    """The first days of `months` consecutive months from `first`'s month."""
    return [add_months(first, i) for i in range(months)]


def months_between(first: dt.date, later: dt.date) -> int:
    """How many months `later`'s month is after `first`'s (0: the same month)."""
    return (later.year - first.year) * 12 + later.month - first.month
