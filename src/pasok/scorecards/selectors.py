"""A supplier's and a buyer's scorecard, and a partnership commitment's tracker, read from
the contracts models in a fixed number of queries (the figures: rules.scorecards and
rules.commitments). Who may read them is the page's question (permissions.
may_read_scorecard); these read whatever they are asked for."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pasok.accounts.models import Organisation
from pasok.contracts.models import (
    CallOff,
    CallOffStatus,
    CommitmentNeed,
    Delivery,
    PartnershipCommitment,
)
from pasok.inspection.models import NonConformanceReport
from pasok.months import add_months, month_start, month_starts, months_between
from pasok.payments.models import Invoice
from pasok.rules import scorecards as rules
from pasok.rules.commitments import MonthKept, kept_share, track

WINDOW_MONTHS = 12
PERCENT, PPM, DAYS = "percent", "ppm", "days"
SUPPLIER, BUYER = "supplier", "buyer"


def window(today: dt.date, months: int = WINDOW_MONTHS) -> list[dt.date]:
    """The last `months` months, this one included, oldest first."""
    return month_starts(add_months(month_start(today), 1 - months), months)


@dataclass(frozen=True)
class Figure:
    key: str  # names its series in the CSV export (?series=<key>)
    title: Promise
    description: Promise  # how it is counted, for the chart's <desc> and the page
    unit: str  # PERCENT, PPM or DAYS
    measure: rules.Measure
    target: Decimal | None = None  # a percentage to reach (the 40% of Inpres 2/2022)


@dataclass(frozen=True)
class Scorecard:
    organisation: Organisation
    side: str  # SUPPLIER or BUYER
    months: list[dt.date]
    figures: list[Figure]

    def figure(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key), None)


def has_scorecard(organisation: Organisation) -> bool:
    """Suppliers, cooperatives and buyers have one; the ministry does not."""
    return organisation.is_supplier_side or organisation.is_buyer


# -- hooks for the apps not yet landed ---------------------------------------------------------

def ncr_responses(organisation: Organisation, since: dt.date) -> list[tuple]:
    """(opened, responded or None) of the non-conformance reports against `organisation`'s
    lots (those it made, or delivered under its contracts) opened since `since`, as days in
    the reader's zone."""
    reports = NonConformanceReport.objects.filter(
        Q(inspection__delivery__call_off__maker=organisation)
        | Q(inspection__delivery__call_off__item__contract__supplier=organisation),
        opened_at__date__gte=since).values_list("opened_at", "responded_at")
    return [(timezone.localdate(opened), timezone.localdate(responded) if responded else None)
            for opened, responded in reports]


def invoice_due_and_settled(organisation: Organisation, since: dt.date) -> list[tuple]:
    """(due on, settled on or None) of the invoices `organisation` owes as a buyer, due since
    `since` (pasok.payments: due = acceptance + the payment term; settled = the day the last
    payment covered it)."""
    return list(Invoice.objects.filter(contract__buyer=organisation, due_on__gte=since)
                .values_list("due_on", "settled_on"))


# -- reading the contracts models ----------------------------------------------------------------

def _received(delivery: Delivery) -> rules.Received:
    item = delivery.call_off.item
    return rules.Received(delivery.received_on, delivery.quantity, delivery.accepted_quantity,
                          item.unit_price, item.contract.tkdn_percent)


def _deliveries(parties: Q, since: dt.date):
    """Deliveries received since `since` under call-offs matching `parties`, with their
    item's price, their contract's TKDN and supplier (one query)."""
    return list(Delivery.objects.filter(
        parties, received_on__gte=since).select_related(
        "call_off__item__contract__supplier").order_by("received_on", "pk"))


def _supplier_side(organisation: Organisation, prefix: str = "") -> Q:
    """Call-offs the organisation answers for: those it makes, and those under its contracts
    (a cooperative's include its members')."""
    return (Q(**{f"{prefix}maker": organisation})
            | Q(**{f"{prefix}item__contract__supplier": organisation}))


def supplier_scorecard(organisation: Organisation, today: dt.date) -> Scorecard:
    months = window(today)
    since = months[0]
    call_offs = CallOff.objects.filter(
        _supplier_side(organisation), status=CallOffStatus.ACCEPTED,
        deliver_by__gte=since).prefetch_related("deliveries").order_by("deliver_by", "pk")
    orders = [rules.Order(c.quantity, c.deliver_by, tuple(
        rules.Received(d.received_on, d.quantity, d.accepted_quantity)
        for d in c.deliveries.all())) for c in call_offs]
    received = [_received(d) for d in _deliveries(_supplier_side(organisation, "call_off__"),
                                                  since)]
    return Scorecard(organisation, SUPPLIER, months, [
        Figure("on-time-in-full", _("On time in full"),
               _("Share of call-off orders whose accepted units, from deliveries received by "
                 "the order's delivery date, reach the quantity ordered; by the month of "
                 "that date."),
               PERCENT, rules.otif_rate(orders, months, today)),
        Figure("lot-acceptance", _("Lot acceptance rate"),
               _("Share of inspected deliveries accepted whole; by the month received."),
               PERCENT, rules.lot_acceptance_rate(received, months)),
        Figure("nonconforming-ppm", _("Nonconforming parts per million"),
               _("Units not accepted per million units inspected; by the month received."),
               PPM, rules.nonconforming_ppm(received, months)),
        Figure("ncr-response", _("NCR response time"),
               _("Average days from a non-conformance report's opening to the supplier's "
                 "response; by the month it was opened."),
               DAYS, rules.ncr_response_days(ncr_responses(organisation, since), months)),
        Figure("tkdn-delivered", _("TKDN of delivered goods"),
               _("Local content of the accepted goods, weighted by their value; by the month "
                 "received."),
               PERCENT, rules.tkdn_weighted(received, months)),
    ])


def buyer_scorecard(organisation: Organisation, today: dt.date) -> Scorecard:
    months = window(today)
    since = months[0]
    received = _deliveries(Q(call_off__item__contract__buyer=organisation), since)
    spends = [rules.spend(_received(d), size_class=d.call_off.item.contract.supplier.size_class,
                          is_cooperative=d.call_off.item.contract.supplier.is_cooperative)
              for d in received if d.inspected]
    average, worst = rules.payment_lateness(invoice_due_and_settled(organisation, since),
                                            months, today)
    return Scorecard(organisation, BUYER, months, [
        Figure("days-late-average", _("Days paid late, average"),
               _("Average days past the due date (acceptance plus the payment term) an "
                 "invoice was paid, 0 when on time; unpaid ones count until today. By the "
                 "month due."), DAYS, average),
        Figure("days-late-worst", _("Days paid late, worst"),
               _("The latest payment of the month's invoices, in days past the due date."),
               DAYS, worst),
        Figure("small-business-share", _("Spend with micro and small business"),
               _("Share of the accepted goods' value bought from micro and small businesses "
                 "and cooperatives, against the target of at least 40% (Inpres 2/2022); by "
                 "the month received."),
               PERCENT, rules.small_business_share(spends, months),
               target=rules.SMALL_BUSINESS_TARGET_PERCENT),
        Figure("tkdn-purchased", _("TKDN of purchases"),
               _("Local content of the accepted goods, weighted by their value; by the month "
                 "received."),
               PERCENT, rules.tkdn_weighted([_received(d) for d in received], months)),
        Figure("commitments-kept", _("Partnership commitments kept"),
               _("Share of the partnership commitments kept so far (ordered from the "
                 "partners at least what was promised, counted month by month)."),
               PERCENT, rules.commitments_kept(
                   [t.rows for t in commitment_trackers(organisation, today)], months)),
    ])


def scorecard(organisation: Organisation, today: dt.date) -> Scorecard:
    if organisation.is_buyer:
        return buyer_scorecard(organisation, today)
    return supplier_scorecard(organisation, today)


# -- partnership commitments ---------------------------------------------------------------------

@dataclass(frozen=True)
class Tracker:
    commitment: PartnershipCommitment
    rows: list[MonthKept]

    @property
    def kept_share(self) -> Decimal | None:
        return kept_share(self.rows)


def _months_to_date(commitment: PartnershipCommitment, today: dt.date) -> list[dt.date]:
    first, last = commitment.starts_on, min(commitment.ends_on, today)
    return month_starts(first, max(0, months_between(first, last) + 1))


def _partners_of(commitments) -> dict[int, set[int]]:
    """Each commitment's partners and the members of its partner cooperatives (two
    queries for any number of commitments)."""
    through = PartnershipCommitment.partners.through.objects.filter(
        partnershipcommitment__in=commitments).values_list(
        "partnershipcommitment_id", "organisation_id")
    partners = defaultdict(set)
    for commitment_id, organisation_id in through:
        partners[commitment_id].add(organisation_id)
    named = set().union(*partners.values())
    members = defaultdict(set)
    for member_id, cooperative_id in Organisation.objects.filter(
            cooperative_id__in=named).values_list("pk", "cooperative_id"):
        members[cooperative_id].add(member_id)
    return {c: ids.union(*(members[i] for i in ids)) for c, ids in partners.items()}


def _ordered_by_month(commitment, partner_ids: set[int], ordered_rows) -> dict[dt.date, int]:
    """Units the buyer ordered of the commitment's family from the partners, per month:
    `ordered_rows` (call-offs not declined, summed per buyer, family, maker, contract
    supplier and month), made by a partner or under a partner's contract."""
    ordered = defaultdict(int)
    for buyer_id, family, maker_id, supplier_id, month, units in ordered_rows:
        if (family == commitment.family and buyer_id == commitment.buyer_id
                and (maker_id in partner_ids or supplier_id in partner_ids)):
            ordered[month] += units
    return ordered


def _trackers(commitments: list[PartnershipCommitment], today: dt.date) -> list[Tracker]:
    if not commitments:
        return []
    partners = _partners_of(commitments)
    needs = defaultdict(dict)
    for need in CommitmentNeed.objects.filter(commitment__in=commitments):
        needs[need.commitment_id][need.month] = need.units
    # Summed in the database: a year of a large buyer's orders is thousands of call-offs.
    ordered_rows = list(CallOff.objects.filter(
        item__contract__buyer__in={c.buyer_id for c in commitments},
        item__family__in={c.family for c in commitments},
        month__gte=min(month_start(c.starts_on) for c in commitments),
        month__lte=max(c.ends_on for c in commitments)).exclude(
        status=CallOffStatus.DECLINED).values_list(
        "item__contract__buyer_id", "item__family", "maker_id", "item__contract__supplier_id",
        "month").annotate(units=Sum("quantity")).order_by())
    trackers = []
    for c in commitments:
        months = _months_to_date(c, today)
        ordered = _ordered_by_month(c, partners.get(c.pk, set()), ordered_rows)
        trackers.append(Tracker(c, track(months, needs[c.pk], ordered,
                                         share_percent=c.share_percent,
                                         units_per_year=c.units_per_year)))
    return trackers


def commitment_tracker(commitment: PartnershipCommitment, today: dt.date) -> Tracker:
    """The commitment month by month from its start to today (or its end): what was
    required, ordered from the partners and kept (rules.commitments.track); `.kept_share`
    is kept so far. Four queries."""
    return _trackers([commitment], today)[0]


def trackers_of(commitments, today: dt.date) -> list[Tracker]:
    """These commitments tracked (a list page's rows), in five queries for any number."""
    return _trackers(list(commitments), today)


def commitment_trackers(buyer: Organisation, today: dt.date) -> list[Tracker]:
    """Every commitment of the buyer that has started, tracked (five queries for any
    number)."""
    return _trackers(list(PartnershipCommitment.objects.filter(
        buyer=buyer, starts_on__lte=today).order_by("starts_on", "pk")), today)
