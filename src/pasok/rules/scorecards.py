"""Scorecards: how each side of a contract keeps its word, as figures over a period and
month by month. Pure: the inputs are plain records (the scorecards app reads them from the
contracts, inspection and payments models).

Supplier
- On time in full (OTIF): a call-off order is on time in full when the units *accepted* from
  the deliveries *received* by its deliver-by date reach the quantity ordered (the usual
  supply-chain measure, e.g. ASCM SCOR "orders delivered in full, on the date committed";
  here "in full" counts what passed inspection, not what arrived). An order is judged once it
  is in full, or once its date has passed with every delivery received by then inspected;
  until then it is pending and counted nowhere. Month: the deliver-by date's.
- Lot acceptance rate: inspected deliveries (each inspected as one lot, ISO 2859-1:1999)
  accepted whole ÷ inspected deliveries; a lot sorted and partly accepted is not accepted
  whole.
  Month: the day it was received.
- Nonconforming parts per million (PPM, as automotive supplier monitoring counts delivered
  product quality, IATF 16949:2016 clause 8.4.2.4): units not accepted ÷ units inspected ×
  1,000,000.
- NCR response time: days from a non-conformance report's opening to the supplier's response
  (root cause and corrective action, ISO 9001:2015 clause 10.2), averaged over the answered
  ones. Month: the opening's.
- TKDN of delivered goods: the accepted goods' TKDN weighted by their value (accepted units ×
  unit price), the way a combined TKDN weights its parts by their cost (Permenperin 16/2011,
  Ketentuan dan Tata Cara Penghitungan TKDN); goods without a known TKDN are left out of
  both sums.
Buyer
- Days paid late: per invoice, days from its due date (acceptance + the contract's payment
  term) to its settlement, 0 when paid on time; an unpaid invoice past due counts the days
  up to today (it is still getting later), one not yet due is not counted. Average and worst.
  Month: the due date's.
- Share of spend with micro and small businesses and cooperatives (rules.small_business,
  PP 7/2021 size classes) against the target of Inpres 2/2022: at least 40% of the
  goods-and-services budget of ministries, regions and BUMN. Spend: the value of the goods
  accepted. Month: the day they were received.
- TKDN of purchases: as for a supplier's delivered goods, over the buyer's.
- Partnership commitments kept (rules.commitments): of the buyer's commitments with something
  required, the share kept so far (ordered ≥ required, cumulatively); per month, the share of
  those tracked that month that were kept as of it.

Every figure is a percentage (0–100), parts per million or days, as a Decimal; None when there
is nothing to measure (no lot inspected, no order judged)."""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from . import payment_terms
from .commitments import MonthKept, kept_share
from .small_business import micro_small_or_cooperative

HUNDRED, MILLION = Decimal(100), Decimal(1_000_000)
SMALL_BUSINESS_TARGET_PERCENT = Decimal(40)  # Inpres 2/2022: at least 40%
SECONDS_A_DAY = Decimal(86_400)


def month_of(moment: dt.date) -> dt.date:
    """The month (its first day) of a date or a moment."""
    return dt.date(moment.year, moment.month, 1)


@dataclass(frozen=True)
class Measure:
    """A figure over the whole window and for each of its months (None: nothing to
    measure)."""

    overall: Decimal | None
    months: tuple[tuple[dt.date, Decimal | None], ...]


@dataclass(frozen=True)
class Received:
    """A delivery (lot): `accepted` None until it is inspected."""

    received_on: dt.date
    quantity: int
    accepted: int | None
    unit_price: Decimal = Decimal(0)
    tkdn_percent: Decimal | None = None

    @property
    def inspected(self) -> bool:
        return self.accepted is not None

    @property
    def accepted_value(self) -> Decimal:
        return Decimal(self.accepted or 0) * self.unit_price


@dataclass(frozen=True)
class Order:
    """A call-off order the supplier accepted, with its deliveries (replacements too)."""

    quantity: int
    deliver_by: dt.date
    deliveries: tuple[Received, ...] = ()


@dataclass(frozen=True)
class Spend:
    """Goods a buyer accepted from one supplier, and whether the supplier is a micro or small
    business or a cooperative."""

    received_on: dt.date
    value: Decimal
    small_business: bool


def spend(received: Received, *, size_class: str | None, is_cooperative: bool) -> Spend:
    return Spend(received.received_on, received.accepted_value, micro_small_or_cooperative(
        size_class=size_class, is_cooperative=is_cooperative))


def measure(rows: Iterable, months: Sequence[dt.date], month_key: Callable,
            figure: Callable[[list], Decimal | None]) -> Measure:
    """`figure` of the rows whose month (`month_key`) is in the window, and of each month's."""
    window = set(months)
    by_month = defaultdict(list)
    for row in rows:
        month = month_of(month_key(row))
        if month in window:
            by_month[month].append(row)
    inside = [row for month in months for row in by_month.get(month, [])]
    return Measure(figure(inside), tuple((m, figure(by_month.get(m, []))) for m in months))


def _percent(part, whole) -> Decimal | None:
    return None if not whole else Decimal(part) * HUNDRED / Decimal(whole)


@dataclass(frozen=True)
class Tally:
    """A ratio's part and whole over many rows of one month, summed in the database (the
    cluster dashboard's GROUP BY, where reading every row would not answer in time)."""

    month: dt.date
    part: Decimal
    whole: Decimal


def ratio(tallies: Iterable[Tally], months, scale: Decimal = HUNDRED) -> Measure:
    """Σ part ÷ Σ whole × `scale`, over the window and each month: the figure the row-by-row
    measures below give (the lot acceptance rate from whole lots and inspected lots, a
    weighted TKDN from the TKDN-weighted value and the value, an average from a sum and a
    count), from sums."""
    def figure(rows):
        whole = sum((Decimal(t.whole) for t in rows), Decimal(0))
        return None if not whole else sum((Decimal(t.part) for t in rows), Decimal(0)) \
            * scale / whole
    return measure(tallies, months, lambda t: t.month, figure)


# -- supplier --------------------------------------------------------------------------------

def on_time_in_full(order: Order, today: dt.date) -> bool | None:
    """True or False once the order can be judged, None while it is pending."""
    on_time = [d for d in order.deliveries if d.received_on <= order.deliver_by]
    if sum(d.accepted or 0 for d in on_time) >= order.quantity:
        return True
    if today <= order.deliver_by or any(not d.inspected for d in on_time):
        return None
    return False


def otif_rate(orders: Iterable[Order], months, today: dt.date) -> Measure:
    judged = [(o, on_time_in_full(o, today)) for o in orders]
    judged = [(o, verdict) for o, verdict in judged if verdict is not None]
    return measure(judged, months, lambda j: j[0].deliver_by,
                   lambda rows: _percent(sum(1 for _o, ok in rows if ok), len(rows)))


def _inspected(deliveries: Iterable[Received]) -> list[Received]:
    return [d for d in deliveries if d.inspected]


def lot_acceptance_rate(deliveries: Iterable[Received], months) -> Measure:
    return measure(_inspected(deliveries), months, lambda d: d.received_on, lambda rows: _percent(
        sum(1 for d in rows if d.accepted == d.quantity), len(rows)))


def nonconforming_ppm(deliveries: Iterable[Received], months) -> Measure:
    def ppm(rows):
        inspected = sum(d.quantity for d in rows)
        rejected = sum(d.quantity - d.accepted for d in rows)
        return None if not inspected else Decimal(rejected) * MILLION / inspected
    return measure(_inspected(deliveries), months, lambda d: d.received_on, ppm)


def _days(start: dt.date, end: dt.date) -> Decimal:
    """Days between two dates (whole) or two moments (with their fraction)."""
    return Decimal((end - start).total_seconds()) / SECONDS_A_DAY


def _average(values: list[Decimal]) -> Decimal | None:
    return sum(values, Decimal(0)) / len(values) if values else None


def ncr_response_days(pairs: Iterable[tuple[dt.date, dt.date | None]], months) -> Measure:
    """`pairs`: (opened, responded or None while unanswered)."""
    answered = [(opened, responded) for opened, responded in pairs if responded is not None]
    return measure(answered, months, lambda p: p[0],
                   lambda rows: _average([_days(o, r) for o, r in rows]))


def tkdn_weighted(deliveries: Iterable[Received], months) -> Measure:
    def weighted(rows):
        value = sum((d.accepted_value for d in rows), Decimal(0))
        if not value:
            return None
        return sum((d.accepted_value * d.tkdn_percent for d in rows), Decimal(0)) / value
    known = [d for d in _inspected(deliveries) if d.tkdn_percent is not None]
    return measure(known, months, lambda d: d.received_on, weighted)


# -- buyer -----------------------------------------------------------------------------------

def days_late(due_on: dt.date, settled_on: dt.date | None, today: dt.date) -> int | None:
    """Days an invoice was (or is, unpaid) paid late (rules.payment_terms); None when not yet
    due and unpaid."""
    if settled_on is None and today <= due_on:
        return None
    return payment_terms.days_late(due_on, settled_on or today)


def payment_lateness(pairs: Iterable[tuple[dt.date, dt.date | None]], months,
                     today: dt.date) -> tuple[Measure, Measure]:
    """(average, worst) days paid late; `pairs`: (due on, settled on or None)."""
    late = [(due, days_late(due, settled, today)) for due, settled in pairs]
    late = [(due, days) for due, days in late if days is not None]
    average = measure(late, months, lambda p: p[0],
                      lambda rows: _average([Decimal(d) for _due, d in rows]))
    worst = measure(late, months, lambda p: p[0],
                    lambda rows: Decimal(max(d for _due, d in rows)) if rows else None)
    return average, worst


def small_business_share(spends: Iterable[Spend], months) -> Measure:
    def share(rows):
        return _percent(sum((s.value for s in rows if s.small_business), Decimal(0)),
                        sum((s.value for s in rows), Decimal(0)))
    return measure(spends, months, lambda s: s.received_on, share)


def meets_small_business_target(share_percent: Decimal | None) -> bool | None:
    return None if share_percent is None else share_percent >= SMALL_BUSINESS_TARGET_PERCENT


def commitments_kept(tracked: Iterable[list[MonthKept]], months) -> Measure:
    """`tracked`: each commitment's rows (rules.commitments.track) over the window."""
    tracked = [rows for rows in tracked if kept_share(rows) is not None]
    window = list(months)
    overall = _percent(sum(1 for rows in tracked if kept_share(rows) == 1), len(tracked))

    def in_month(month):
        rows = [r for rows in tracked for r in rows
                if r.month == month and r.cumulative_required > 0]
        return _percent(sum(1 for r in rows if r.kept), len(rows))
    return Measure(overall, tuple((m, in_month(m)) for m in window))
