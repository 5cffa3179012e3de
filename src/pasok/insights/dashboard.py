"""The cluster at a glance: the foundries, their capacity and load, and what buyers order
from them, month by month, aggregated in the database (GROUP BY month, buyer, regency) in a
fixed number of queries whatever the data's size.

The scope is the whole cluster (every foundry) or one cooperative's members; the filters
narrow the foundries (regency, size class) and the orders (product family, buyer) over a
window of months. The figures are counted as the scorecards count them
(rules.scorecards, rules.payment_terms, scorecards.selectors' commitment trackers):
- revenue: call-off orders not declined, quantity × the item's unit price, by the order's
  month and the contract's buyer; the foundry is the order's maker;
- utilisation: kg booked ÷ the foundries' monthly melting capacity (insights.capacity_used,
  as the scenarios count it);
- lots accepted whole, TKDN of the accepted goods weighted by value, the share of that
  value bought from micro and small businesses and cooperatives: by the month received;
- days paid late: by the month due; commitments kept: the buyers' partnership commitments
  whose partners include a foundry in scope."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, DecimalField, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import Coalesce, TruncMonth

from pasok.accounts.kinds import OrgKind
from pasok.accounts.models import Organisation
from pasok.contracts.models import CallOff, CallOffStatus, Delivery, PartnershipCommitment
from pasok.months import add_months, month_start, month_starts, months_between
from pasok.payments.models import Invoice, InvoiceLine
from pasok.rules import scorecards as rules
from pasok.rules.size_class import SizeClass, is_small_business
from pasok.scorecards.selectors import trackers_of

from . import capacity_used

HUNDRED = Decimal(100)
SMALL_CLASSES = [c.value for c in SizeClass if is_small_business(c)]
MONEY = DecimalField(max_digits=24, decimal_places=2)
MONEY_TKDN = DecimalField(max_digits=30, decimal_places=4)


@dataclass(frozen=True)
class Filters:
    first: dt.date  # the window's first month
    last: dt.date  # its last month
    regency: str = ""
    size_class: str = ""
    family: str = ""
    buyer_id: int | None = None

    @property
    def months(self) -> list[dt.date]:
        return month_starts(self.first, months_between(self.first, self.last) + 1)


@dataclass(frozen=True)
class Regency:
    name: str
    foundries: int
    latitude: Decimal | None  # the mean of its foundries' stored coordinates
    longitude: Decimal | None


@dataclass(frozen=True)
class Buyer:
    id: int
    name: str
    revenue: Decimal
    months: dict[dt.date, Decimal]


@dataclass
class Dashboard:
    filters: Filters
    months: list[dt.date]
    foundries: int = 0
    members: int = 0  # foundries that are members of a cooperative
    workforce: int = 0
    women: int = 0
    capacity_kg: int = 0  # a month's melting capacity of the foundries in scope
    regencies: list[Regency] = field(default_factory=list)
    booked_kg: dict[dt.date, int] = field(default_factory=dict)
    orders: dict[dt.date, int] = field(default_factory=dict)
    buyers: list[Buyer] = field(default_factory=list)
    lot_acceptance: rules.Measure | None = None
    tkdn: rules.Measure | None = None
    small_business: rules.Measure | None = None
    days_late: rules.Measure | None = None
    commitments_kept: rules.Measure | None = None

    @property
    def utilisation(self) -> rules.Measure:
        """kg booked ÷ capacity, % (None without capacity)."""
        total = sum(self.booked_kg.get(m, 0) for m in self.months)
        return rules.Measure(
            capacity_used.percent(Decimal(total) / len(self.months), self.capacity_kg),
            tuple((m, capacity_used.percent(self.booked_kg.get(m, 0), self.capacity_kg))
                  for m in self.months))

    @property
    def revenue(self) -> Decimal:
        return sum((b.revenue for b in self.buyers), Decimal(0))

    @property
    def orders_won(self) -> int:
        return sum(self.orders.values())


def foundries(cooperative_id: int | None, *, regency: str = "", size_class: str = ""):
    """The foundries in scope: a cooperative's members, or every foundry of the cluster
    (active ones, as the scenarios' baseline counts them); the opportunity finder's too."""
    rows = Organisation.objects.filter(kind=OrgKind.SUPPLIER, is_active=True)
    if cooperative_id is not None:
        rows = rows.filter(cooperative_id=cooperative_id)
    if regency:
        rows = rows.filter(regency=regency)
    if size_class:
        rows = rows.filter(size_class=size_class)
    return rows


def _orders(call_offs, filters: Filters, prefix: str = ""):
    """Narrowed to the product family and buyer chosen."""
    if filters.family:
        call_offs = call_offs.filter(**{f"{prefix}item__family": filters.family})
    if filters.buyer_id:
        call_offs = call_offs.filter(**{f"{prefix}item__contract__buyer_id": filters.buyer_id})
    return call_offs


def _fill_foundries(board: Dashboard, scope) -> None:
    """Counts, workforce, capacity and the map's regencies: one query grouped by regency."""
    rows = (scope.values("regency").annotate(
        n=Count("pk"), members=Count("pk", filter=Q(cooperative__isnull=False)),
        workforce=Coalesce(Sum("profile__workforce_total"), 0),
        women=Coalesce(Sum("profile__workforce_women"), 0),
        capacity=Coalesce(Sum("profile__monthly_capacity_kg"), 0),
        latitude=Avg("latitude"), longitude=Avg("longitude")).order_by("regency"))
    for r in rows:
        board.foundries += r["n"]
        board.members += r["members"]
        board.workforce += r["workforce"]
        board.women += r["women"]
        board.capacity_kg += r["capacity"]
        board.regencies.append(Regency(r["regency"], r["n"], r["latitude"], r["longitude"]))


def _fill_revenue(board: Dashboard, scope, filters: Filters) -> None:
    rows = (_orders(CallOff.objects.filter(maker__in=scope, month__gte=filters.first,
                                           month__lte=filters.last), filters)
            .exclude(status=CallOffStatus.DECLINED)
            .values("month", "item__contract__buyer_id", "item__contract__buyer__name")
            .annotate(n=Count("pk"), value=Sum(ExpressionWrapper(
                F("quantity") * F("item__unit_price"), output_field=MONEY))).order_by())
    buyers = {}
    for r in rows:
        board.orders[r["month"]] = board.orders.get(r["month"], 0) + r["n"]
        key = r["item__contract__buyer_id"]
        buyers.setdefault(key, (r["item__contract__buyer__name"], {}))[1][r["month"]] = (
            Decimal(r["value"]))
    board.buyers = sorted((Buyer(pk, name, sum(months.values(), Decimal(0)), months)
                           for pk, (name, months) in buyers.items()),
                          key=lambda b: (-b.revenue, b.name))


VALUE = ExpressionWrapper(F("accepted_quantity") * F("call_off__item__unit_price"),
                          output_field=MONEY)


def _received(filters: Filters, **where):
    """Accepted deliveries received in the window, narrowed by family and buyer."""
    return _orders(Delivery.objects.filter(
        accepted_quantity__isnull=False, received_on__gte=filters.first,
        received_on__lt=add_months(filters.last, 1), **where), filters, "call_off__").annotate(
        m=TruncMonth("received_on")).values("m")


def _fill_deliveries(board: Dashboard, scope, filters: Filters) -> None:
    """Lots and TKDN of the foundries' accepted goods, per month received; the
    small-business share of all that their buyers accepted (Inpres 2/2022's 40% is of a
    buyer's whole spend, whoever supplied it)."""
    small = (Q(call_off__item__contract__supplier__size_class__in=SMALL_CLASSES)
             | Q(call_off__item__contract__supplier__kind=OrgKind.COOPERATIVE))
    known = Q(call_off__item__contract__tkdn_percent__isnull=False)
    rows = (_received(filters, call_off__maker__in=scope).annotate(
            lots=Count("pk"), whole=Count("pk", filter=Q(accepted_quantity=F("quantity"))),
            known=Sum(VALUE, filter=known),
            weighted=Sum(ExpressionWrapper(
                F("accepted_quantity") * F("call_off__item__unit_price")
                * F("call_off__item__contract__tkdn_percent"), output_field=MONEY_TKDN),
                filter=known)).order_by())
    by_month = {r["m"]: r for r in rows}
    buyers = CallOff.objects.filter(maker__in=scope).values("item__contract__buyer_id")
    for r in (_received(filters, call_off__item__contract__buyer_id__in=buyers)
              .annotate(value=Sum(VALUE), small=Sum(VALUE, filter=small)).order_by()):
        by_month.setdefault(r["m"], {}).update(value=r["value"], small=r["small"])

    def tallied(part, whole, scale=HUNDRED):
        return rules.ratio([rules.Tally(m, r.get(part) or 0, r.get(whole) or 0)
                            for m, r in by_month.items()], board.months, scale)
    board.lot_acceptance = tallied("whole", "lots")
    board.tkdn = tallied("weighted", "known", scale=1)
    board.small_business = tallied("small", "value")


def _fill_lateness(board: Dashboard, scope, filters: Filters, today: dt.date) -> None:
    """Invoices for the foundries' deliveries, grouped by (due, settled): a year holds a few
    thousand pairs at most, each counted by rules.scorecards.days_late, averaged over the
    invoices."""
    lines = _orders(InvoiceLine.objects.filter(delivery__call_off__maker__in=scope), filters,
                    "delivery__call_off__")
    invoices = Invoice.objects.filter(due_on__gte=filters.first,
                                      due_on__lt=add_months(filters.last, 1),
                                      pk__in=lines.values("invoice_id"))
    pairs = invoices.values("due_on", "settled_on").annotate(n=Count("pk")).order_by()
    late = []
    for p in pairs:
        days = rules.days_late(p["due_on"], p["settled_on"], today)
        if days is not None:
            late.append(rules.Tally(month_start(p["due_on"]), days * p["n"], p["n"]))
    board.days_late = rules.ratio(late, board.months, scale=1)


def _fill_commitments(board: Dashboard, scope, filters: Filters, today: dt.date) -> None:
    partners = PartnershipCommitment.partners.through.objects
    commitments = PartnershipCommitment.objects.filter(
        Q(pk__in=partners.filter(organisation__in=scope).values("partnershipcommitment_id"))
        | Q(pk__in=partners.filter(organisation__members__in=scope)
            .values("partnershipcommitment_id")), starts_on__lte=today)
    if filters.family:
        commitments = commitments.filter(family=filters.family)
    if filters.buyer_id:
        commitments = commitments.filter(buyer_id=filters.buyer_id)
    trackers = trackers_of(commitments.order_by("starts_on", "pk"), today)
    board.commitments_kept = rules.commitments_kept([t.rows for t in trackers], board.months)


def dashboard(filters: Filters, today: dt.date, cooperative_id: int | None = None) -> Dashboard:
    """The figures of the foundries in scope over the window (about ten queries)."""
    board = Dashboard(filters, filters.months)
    scope = foundries(cooperative_id, regency=filters.regency, size_class=filters.size_class)
    _fill_foundries(board, scope)
    board.booked_kg = capacity_used.booked_by_month(scope, filters.first, filters.last)
    _fill_revenue(board, scope, filters)
    _fill_deliveries(board, scope, filters)
    _fill_lateness(board, scope, filters, today)
    _fill_commitments(board, scope, filters, today)
    return board


def regencies(cooperative_id: int | None) -> list[str]:
    """The regencies the filter offers: those of the foundries in scope."""
    rows = Organisation.objects.filter(kind=OrgKind.SUPPLIER, is_active=True).exclude(regency="")
    if cooperative_id is not None:
        rows = rows.filter(cooperative_id=cooperative_id)
    return list(rows.values_list("regency", flat=True).distinct().order_by("regency"))
