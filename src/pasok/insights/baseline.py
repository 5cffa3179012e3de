"""The cluster as a scenario starts from it (rules.scenario's foundries): each foundry's
workers, and what it sells a month — its orders on Pasok by buyer and part family, averaged
over the last year of call-offs, and the rest of its reported annual sales as one line of
sales outside Pasok, so that the jobs a buyer's orders carry are their share of all the
foundry's work, not of the part Pasok sees.

Capacity used is what the foundries' bookings hold (insights.capacity_used), as the
dashboard counts it. Read in a fixed number of queries whatever the cluster's size.
`data_key` says which data a result was computed on: a scenario whose key changed since is
out of date."""

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.db.models import Count, F, Max, Q, Sum

from pasok.accounts.kinds import OrgKind
from pasok.accounts.models import Organisation
from pasok.contracts.models import CallOff, CallOffStatus
from pasok.months import add_months, month_start, month_starts
from pasok.rules import scenario
from pasok.rules.money import round_half_up
from pasok.suppliers.models import SupplierProfile

from . import capacity_used
from .models import RunStatus

WINDOW_MONTHS = 12
OUTSIDE = "outside"  # the buyer of a foundry's sales outside Pasok (buyers are ids: digits)
OUTSIDE_FAMILY = "other"
TWELVE = Decimal(12)


@dataclass(frozen=True)
class Line:
    """What one foundry sells one buyer of one family, for the page: kg and TKDN too."""
    unit_weight_kg: Decimal
    tkdn_percent: Decimal | None


@dataclass(frozen=True)
class Baseline:
    months: tuple[dt.date, ...]
    foundries: tuple[scenario.Foundry, ...]
    names: dict[str, str]  # foundry and buyer ids → their names
    capacity_kg: dict[str, int]  # a foundry's monthly melting capacity
    booked_kg: dict[str, Decimal]  # what its bookings hold of it a month, on average
    lines: dict[tuple[str, str, str], Line]  # (foundry, buyer, family) → weight, TKDN
    # Buyers bound by the obligation cascade of Perpres 16/2018 as amended (BUMN; a private
    # maker is not).
    bound_buyers: frozenset[str] = frozenset()

    def selling(self, buyer: str, family: str) -> tuple[scenario.Foundry, ...]:
        """The foundries that sell `buyer` parts of `family`: a substitution changes only
        theirs (the others' figures stay, so running it on these alone gives the same
        change, at a fraction of the cluster's size)."""
        return self._sellers.get((buyer, family), ())

    @cached_property
    def _sellers(self) -> dict[tuple[str, str], tuple[scenario.Foundry, ...]]:
        """(buyer, family) → the foundries that sell it, read once (the jobs table asks for
        every pair)."""
        found = defaultdict(list)
        for foundry in self.foundries:
            for pair in dict.fromkeys((p.buyer, p.family) for p in foundry.products):
                found[pair].append(foundry)
        return {pair: tuple(foundries) for pair, foundries in found.items()}

    def tkdn_of(self, buyer: str, family: str) -> Decimal | None:
        """The value-weighted TKDN of what `buyer` orders of `family` from the cluster."""
        value = weighted = Decimal(0)
        for foundry in self.foundries:
            for product in foundry.products:
                line = self.lines.get((foundry.id, product.buyer, product.family))
                if (product.buyer, product.family) != (buyer, family) or line is None \
                        or line.tkdn_percent is None:
                    continue
                worth = product.units_per_month * product.unit_price
                value += worth
                weighted += worth * line.tkdn_percent
        return weighted / value if value else None


def window(today: dt.date, months: int = WINDOW_MONTHS) -> tuple[dt.date, ...]:
    """The `months` whole months before this one: a year of orders, the seasons evened."""
    return tuple(month_starts(add_months(month_start(today), -months), months))


def scope_of(owner: Organisation | None) -> Organisation | None:
    """Whose foundries a scenario of `owner` is about: a cooperative's own members; None for
    the ministry (and a platform admin, of no organisation): every active foundry on Pasok."""
    return owner if owner is not None and owner.kind == OrgKind.COOPERATIVE else None


def _is_foundry_of(owner: Organisation | None, through: str = "") -> Q:
    """An organisation (reached `through` a relation, e.g. "maker__") is a foundry of
    `owner`'s scenarios. A join, not an IN over the foundries: PostgreSQL answers a year's
    orders of 100,000 foundries in half the time."""
    where = Q(**{f"{through}kind": OrgKind.SUPPLIER, f"{through}is_active": True,
                 f"{through}profile__isnull": False})
    if (scope := scope_of(owner)) is not None:
        where &= Q(**{f"{through}cooperative": scope})
    return where


def foundries_of(owner: Organisation | None):
    """The foundries a scenario of `owner` is about (scope_of)."""
    return Organisation.objects.filter(_is_foundry_of(owner))


def _call_offs(owner: Organisation | None, months: tuple[dt.date, ...]):
    """The orders of `owner`'s foundries in `months`."""
    return CallOff.objects.filter(_is_foundry_of(owner, "maker__"), month__gte=months[0],
                                  month__lte=months[-1])


def _orders(owner: Organisation | None, months: tuple[dt.date, ...]) -> dict:
    """(foundry, buyer, family) → units, value, kg and TKDN-weighted value of the call-offs
    in `months` (declined ones are not orders)."""
    rows = (_call_offs(owner, months).exclude(status=CallOffStatus.DECLINED)
            .values("maker_id", "item__contract__buyer_id", "item__family")
            .annotate(units=Sum("quantity"),
                      value=Sum(F("quantity") * F("item__unit_price")),
                      kg=Sum(F("quantity") * F("item__unit_weight_kg")),
                      tkdn=Sum(F("quantity") * F("item__unit_price")
                               * F("item__contract__tkdn_percent")),
                      # the value of the orders whose contract states a TKDN
                      tkdn_base=Sum(F("quantity") * F("item__unit_price"),
                                    filter=Q(item__contract__tkdn_percent__isnull=False)))
            .order_by())
    return {(str(r["maker_id"]), str(r["item__contract__buyer_id"]), r["item__family"]): r
            for r in rows}


def baseline(owner: Organisation | None, today: dt.date, *,
             touching: Iterable[str] | None = None) -> Baseline:
    """The whole cluster in scope; with `touching` (foundry ids), only the foundries that
    sell on Pasok and those: all the jobs table and a change's checks read, at a fraction
    of a national cluster (most of whose foundries have no orders on Pasok)."""
    months = window(today)
    foundries = foundries_of(owner)
    orders = _orders(owner, months)
    profiles = SupplierProfile.objects.filter(_is_foundry_of(owner, "organisation__"))
    if touching is not None:
        # Their ids, not a subquery: PostgreSQL plans "in these orders' makers or those"
        # over every foundry (170 ms on 100,000) and a list of a few thousand in 25.
        profiles = profiles.filter(
            organisation_id__in={int(f) for f, _b, _fam in orders}
            | {int(f) for f in touching if str(f).isdigit()})
    per_foundry = defaultdict(list)
    lines, names = {}, {}
    for (foundry, buyer, family), r in orders.items():
        units = Decimal(r["units"])
        per_foundry[foundry].append(scenario.Product(
            family=family, buyer=buyer, units_per_month=int(round_half_up(units / len(months), 0)),
            unit_price=round_half_up(Decimal(r["value"]) / units, 2)))
        lines[(foundry, buyer, family)] = Line(
            Decimal(r["kg"] or 0) / units,
            Decimal(r["tkdn"]) / Decimal(r["tkdn_base"]) if r["tkdn_base"] else None)
    buyers = {b for _f, b, _fam in orders}
    bound = set()
    for pk, name, kind in Organisation.objects.filter(pk__in=buyers).values_list(
            "pk", "name", "kind"):
        names[str(pk)] = name
        if kind == OrgKind.BUMN_BUYER:
            bound.add(str(pk))
    result, capacity = [], {}
    for pk, name, workers, kg, sales in (
            profiles.values_list("organisation_id", "organisation__name", "workforce_total",
                         "monthly_capacity_kg", "organisation__annual_sales")
            .order_by("organisation_id")):
        key = str(pk)
        names[key], capacity[key] = name, kg
        products = per_foundry.get(key, [])
        on_pasok = sum((p.units_per_month * p.unit_price for p in products), Decimal(0))
        outside = round_half_up(Decimal(sales) / TWELVE - on_pasok, 2) if sales else 0
        if outside > 0:
            products.append(scenario.Product(family=OUTSIDE_FAMILY, buyer=OUTSIDE,
                                             units_per_month=1, unit_price=outside))
        result.append(scenario.Foundry(id=key, workers=workers, products=tuple(products)))
    # A few foundries' bookings by their ids (a subquery over the cluster costs more).
    booked = capacity_used.booked_by_foundry(
        foundries if touching is None else [int(pk) for pk in capacity], months)
    return Baseline(months, tuple(result), names, capacity, booked, lines, frozenset(bound))


def data_key(owner: Organisation | None, today: dt.date) -> str:
    """A fingerprint of the data a baseline reads: the window, the call-offs in it (and their
    contracts' versions: an amendment may change a price), the bookings and the foundries'
    profiles and sales (three aggregate queries)."""
    months = window(today)
    foundries = foundries_of(owner)
    orders = _call_offs(owner, months).aggregate(
        n=Count("pk"), last=Max("pk"), answered=Max("answered_at"),
        declined=Count("pk", filter=Q(status=CallOffStatus.DECLINED)),
        versions=Sum("item__contract__version"))
    # Over the foundries joined to their profiles, not the profiles of the foundries (an IN
    # over every foundry, twice as long at 100,000).
    profiles = foundries.aggregate(
        n=Count("profile"), updated=Max("profile__updated_at"),
        workers=Sum("profile__workforce_total"), sales=Sum("annual_sales"))
    booked = capacity_used.fingerprint(foundries, months)
    text = repr((months[0], sorted(orders.items()), sorted(booked.items()),
                 sorted(profiles.items())))
    return hashlib.sha256(text.encode()).hexdigest()


def out_of_date(scenarios, today: dt.date) -> list:
    """The finished ones of `scenarios` (their owners read with them) whose data changed
    since they ran: the baseline key they keep is not today's. The key is computed once a
    scope (a cooperative's members, the whole cluster), however many scenarios share it."""
    keys, stale = {}, []
    for run in scenarios:
        if run.status not in (RunStatus.DONE, RunStatus.FAILED):
            continue
        scope = scope_of(run.owner)
        pk = getattr(scope, "pk", None)
        if pk not in keys:
            keys[pk] = data_key(scope, today)
        if run.baseline_key != keys[pk]:
            stale.append(run)
    return stale
