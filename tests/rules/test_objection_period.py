"""The objection period (rules.objection_period): the worked examples of Perlem LKPP 12/2021's
five calendar days, and properties of any announcement."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pasok.rules.objection_period import DEFAULT_DAYS, period_end

WIB, WIT = ZoneInfo("Asia/Jakarta"), ZoneInfo("Asia/Jayapura")


@pytest.mark.parametrize(("announced", "ends"), [
    (dt.datetime(2026, 12, 1, 10, 0), dt.datetime(2026, 12, 7, 0, 0)),
    (dt.datetime(2026, 12, 4, 23, 59), dt.datetime(2026, 12, 10, 0, 0)),
    (dt.datetime(2026, 12, 31, 8, 0), dt.datetime(2027, 1, 6, 0, 0)),  # over the new year
])
def test_the_worked_examples(announced, ends):
    assert period_end(announced.replace(tzinfo=WIB)) == ends.replace(tzinfo=WIB)


def test_midnight_is_the_zones_own():
    """The same moment announced in Papua ends two hours earlier (WIT is UTC+9)."""
    moment = dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.UTC)
    in_wib, in_wit = period_end(moment.astimezone(WIB)), period_end(moment.astimezone(WIT))
    assert in_wib - in_wit == dt.timedelta(hours=2)


def test_a_moment_without_zone_or_a_period_without_days_is_refused():
    with pytest.raises(ValueError):
        period_end(dt.datetime(2026, 12, 1, 10, 0))
    with pytest.raises(ValueError):
        period_end(dt.datetime(2026, 12, 1, 10, 0, tzinfo=WIB), 0)


@given(st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2040, 1, 1)),
       st.integers(1, 30), st.sampled_from([WIB, WIT]))
def test_the_period_is_its_days_and_the_rest_of_the_announcement_day(naive, days, zone):
    announced = naive.replace(tzinfo=zone)
    end = period_end(announced, days)
    assert end.time() == dt.time(0) and end.tzinfo is zone
    # Never shorter than the days in full, never longer than one more day.
    assert dt.timedelta(days=days) < end - announced <= dt.timedelta(days=days + 1)
    assert (end.date() - announced.date()).days == days + 1


@given(st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2040, 1, 1)),
       st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=40)))
def test_a_later_announcement_never_ends_earlier(naive, later):
    first = naive.replace(tzinfo=WIB)
    assert period_end(first) <= period_end(first + later)


def test_the_default_is_the_regulations_five_days():
    announced = dt.datetime(2026, 12, 1, 10, 0, tzinfo=WIB)
    assert DEFAULT_DAYS == 5 and period_end(announced) == period_end(announced, 5)
