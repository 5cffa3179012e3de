"""The objection period (masa sanggah) after a tender's award is announced (pengumuman
pemenang): Peraturan LKPP 12/2021 (pedoman pelaksanaan pengadaan melalui penyedia), Lampiran
II, tender of goods: bidders may object within 5 (lima) hari kalender after the announcement,
and SPSE schedules it that way. The award is final only once the period has passed (and,
Pasok's rule, every objection filed in it is answered).

Calendar days, counted as SPSE's schedule counts them: the day of the announcement is not
one; the period ends when the last of its days ends, at midnight in the announcement's own
time zone (WIB, WITA or WIT), weekends and holidays included.

Worked examples (WIB, 5 days):
- announced Tue 1 Dec 2026 10:00 → days 2–6 Dec → ends Mon 7 Dec 2026 00:00;
- announced Fri 4 Dec 2026 23:59 → days 5–9 Dec → ends Thu 10 Dec 2026 00:00;
- announced Thu 31 Dec 2026 08:00 → days 1–5 Jan → ends Wed 6 Jan 2027 00:00."""

import datetime as dt

DEFAULT_DAYS = 5  # Perlem LKPP 12/2021
MAX_DAYS = 30  # a buyer's longer period, within reason


def period_end(announced_at: dt.datetime, days: int = DEFAULT_DAYS) -> dt.datetime:
    """When the objection period of an award announced at `announced_at` (aware, in the
    buyer's zone) ends: midnight after the `days`-th calendar day following the
    announcement's day."""
    if announced_at.tzinfo is None:
        raise ValueError("the announcement's moment needs its time zone")
    if days < 1:
        raise ValueError("an objection period lasts at least a day")
    last_day = announced_at.date() + dt.timedelta(days=days)
    return dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(0),
                               tzinfo=announced_at.tzinfo)
