"""What the mediation pages and reminders read: events, their participants and pairings
with stages, links and follow-ups, the overdue follow-ups, and the conversion funnel
(rules.funnel) over the pairings a person may see: per stage, per month of reaching, per
buyer and per event, with the value of the contracts that came of them and their
deliveries."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Prefetch, Q, Sum

from pasok.contracts.models import Contract, ContractItem, Delivery
from pasok.months import add_months, month_start, month_starts
from pasok.rules import follow_ups, funnel

from .models import FollowUp, MediationEvent, Pairing, Participant, Stage, StageReached

STAGES = len(Stage)
# The stages the funnel over time draws: meetings → RFQs → samples → orders.
HEADLINE = (Stage.INTEREST, Stage.RFQ, Stage.SAMPLES, Stage.FIRST_ORDER)
MONTHS = 12


def event_list(user):
    """The events `user` may see, the latest first, with how many organisations came."""
    return (MediationEvent.objects.visible_to(user).select_related("organiser")
            .annotate(came=Count("participants", filter=Q(participants__present=True)),
                      listed=Count("participants"))
            .order_by("-held_on", "-pk"))


def event_get(user, public_id) -> MediationEvent:
    return (MediationEvent.objects.visible_to(user).select_related("organiser")
            .get(public_id=public_id))


def participants(user, event: MediationEvent):
    return (Participant.objects.visible_to(user).filter(event=event)
            .select_related("organisation").order_by("organisation__kind", "organisation__name"))


def _pairings(user):
    return Pairing.objects.visible_to(user).select_related(
        "event", "buyer", "supplier", "tender", "rfq", "contract")


def event_pairings(user, event: MediationEvent) -> list[Pairing]:
    """The event's pairings `user` may see, with their stages and follow-ups (each marked
    `overdue`)."""
    return list(_pairings(user).filter(event=event).prefetch_related(
        "stages", Prefetch("follow_ups",
                           queryset=FollowUp.objects.select_related("owner__organisation"))))


def pairing_get(user, public_id) -> Pairing:
    return _pairings(user).select_related("event__organiser").get(public_id=public_id)


def follow_up_get(user, public_id) -> FollowUp:
    return (FollowUp.objects.visible_to(user)
            .select_related("pairing__event__organiser", "owner").get(public_id=public_id))


def open_follow_ups(user, today: dt.date, *, overdue_only: bool = False):
    """Follow-ups not done that `user` may see, the earliest due first."""
    rows = FollowUp.objects.visible_to(user).filter(done_at__isnull=True)
    if overdue_only:
        rows = rows.filter(due_on__lt=today)
    return rows.select_related("pairing__event", "pairing__buyer", "pairing__supplier",
                               "owner__organisation").order_by("due_on", "pk")


def follow_ups_to_remind(today: dt.date) -> list[FollowUp]:
    """Every follow-up whose owner is reminded today (rules.follow_ups), for the system."""
    near = (FollowUp.objects.filter(done_at__isnull=True,
                                    due_on__lte=today + dt.timedelta(days=follow_ups.AHEAD))
            .select_related("pairing__event__organiser", "pairing__buyer", "pairing__supplier",
                            "owner__organisation").order_by("owner_id", "due_on", "pk"))
    return [f for f in near if f.owner.is_active
            and follow_ups.reminder_due(f.due_on, today, f.reminded_on, done=False)]


# -- the funnel --------------------------------------------------------------------------

@dataclass
class FunnelRow:
    """One slice of the funnel (everything, a buyer, an event)."""

    key: object
    label: str
    highest: list[int] = field(default_factory=list)  # each pairing's stage
    contracts: set[int] = field(default_factory=set)
    value: Decimal = Decimal(0)
    deliveries: int = 0
    units_delivered: int = 0

    @property
    def counts(self) -> list[int]:
        return funnel.reached(self.highest, STAGES)

    @property
    def steps(self) -> list[tuple[Stage, funnel.Step]]:
        """Each stage with its count and conversions."""
        return list(zip(Stage, funnel.conversion(self.counts), strict=True))


@dataclass
class Funnel:
    total: FunnelRow
    by_buyer: list[FunnelRow]
    by_event: list[FunnelRow]
    months: list[dt.date]
    # stage → month → pairings that reached it that month
    monthly: dict[int, dict[dt.date, int]]


def _contract_figures(user, ids: set[int]) -> tuple[dict, dict]:
    """Each contract's value (its items' price × quantity) and (deliveries, units) of the
    contracts `user` may see."""
    seen = Contract.objects.visible_to(user).filter(pk__in=ids).values("pk")
    values = dict(ContractItem.objects.filter(contract__in=seen).values("contract_id")
                  .annotate(v=Sum(F("unit_price") * F("quantity"))).values_list("contract_id",
                                                                                "v"))
    delivered = {row["call_off__item__contract_id"]: (row["n"], row["units"]) for row in
                 Delivery.objects.visible_to(user)
                 .filter(call_off__item__contract__in=seen)
                 .values("call_off__item__contract_id")
                 .annotate(n=Count("pk"), units=Sum("quantity"))}
    return values, delivered


def funnel_of(user, today: dt.date, *, event: MediationEvent | None = None,
              buyer_id: int | None = None) -> Funnel:
    """The pairings `user` may see (of `event`, of `buyer_id` when given) counted by the
    stages they reached, over the twelve months up to `today`'s, per buyer and per event."""
    pairings = _pairings(user)
    if event is not None:
        pairings = pairings.filter(event=event)
    if buyer_id is not None:
        pairings = pairings.filter(buyer_id=buyer_id)
    pairings = list(pairings.order_by("event__held_on", "pk"))
    days: dict[int, dict[int, dt.date]] = {}
    for pairing_id, stage, day in (StageReached.objects.filter(pairing__in=[p.pk for p in
                                                                            pairings])
                                   .values_list("pairing_id", "stage", "reached_on")):
        days.setdefault(pairing_id, {})[stage] = day
    months = month_starts(add_months(month_start(today), 1 - MONTHS), MONTHS)
    monthly = {s: dict.fromkeys(months, 0) for s in HEADLINE}
    total = FunnelRow(None, "")
    buyers: dict[int, FunnelRow] = {}
    events: dict[int, FunnelRow] = {}
    for p in pairings:
        rows = (total, buyers.setdefault(p.buyer_id, FunnelRow(p.buyer_id, p.buyer.name)),
                events.setdefault(p.event_id, FunnelRow(p.event, p.event.title)))
        for row in rows:
            row.highest.append(p.stage)
            if p.contract_id:
                row.contracts.add(p.contract_id)
        for s in HEADLINE:
            day = funnel.reached_on(days.get(p.pk, {}), s)
            if day is not None and month_start(day) in monthly[s]:
                monthly[s][month_start(day)] += 1
    values, delivered = _contract_figures(user, total.contracts)
    for row in (total, *buyers.values(), *events.values()):
        row.value = sum((values.get(c, Decimal(0)) for c in row.contracts), Decimal(0))
        row.deliveries = sum(delivered.get(c, (0, 0))[0] for c in row.contracts)
        row.units_delivered = sum(delivered.get(c, (0, 0))[1] for c in row.contracts)
    return Funnel(total, sorted(buyers.values(), key=lambda r: r.label),
                  list(events.values())[::-1], months, monthly)
