"""Demo fulfilment: what runs after the award.

- INKA's awarded tender becomes a framework contract with its winner, signed by both, and
  its first month is called off.
- PT KAI's framework contract with Koperasi Batur Jaya (goods-wagon brake blocks, 6.000 a
  month for two years from a year ago, with a price-adjustment clause indexed to scrap and
  pig iron), signed by both: a year of call-offs to six member foundries, accepted and
  delivered. For the last three months KAI has called off half: it began buying imported
  composite blocks (demo/imports.py), the substitution the ministry's view warns of.
- KAI inspects every lot at its receiving dock (ISO 2859-1, AQL 2.5, level II). The second
  member's lot of the second month fails on hardness: a non-conformance report, answered,
  its corrective action accepted, the lot replaced and the replacement accepted. Its lot of
  the third month fails too and is sorted: two of five, so that member goes on tightened
  inspection, and back to normal after five lots accepted in a row.
- The cooperative invoices each month's accepted goods; KAI pays on time, except the fourth
  month's invoice, paid 12 days late; the last month's is still open.
- KAI's partnership commitment to the cooperative: at least 40% of its brake-block need for
  three years. KAI reports a need of 15.000 a month; it called off 6.000 until it began
  importing, 3.000 since: it is behind.

Written through the services, with the clock set to when each step happened."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import OrgRole, User
from pasok.accounts.services import user_create
from pasok.contracts import services
from pasok.contracts.models import ContractKind
from pasok.contracts.terms import ContractTerms, ItemTerms
from pasok.inspection import services as inspection
from pasok.inspection.models import NonconformityKind
from pasok.months import add_months, month_start
from pasok.payments import services as payments
from pasok.tenders.models import Tender

from .logins import DEMO_DOMAIN

MONTHS_PAST = 12
CONTRACT_MONTHS = 24
MONTHLY = 6_000
# Each month's call-offs: the demo member's, then the five largest other members' that cast
# P10 blocks, about in proportion to their melting capacity (some 40% of it).
SPLIT = (250, 1_250, 1_200, 1_200, 1_100, 1_000)
IMPORTING_SINCE = 9  # the month KAI began buying imported blocks: it calls off half since
NEED = 15_000  # KAI's monthly brake-block need, as it reports it
CLAUSE = {"fixed": "0.15", "components": [
    {"name": "besi tua (scrap)", "weight": "0.55", "base_index": "7800"},
    {"name": "besi kasar (pig iron)", "weight": "0.30", "base_index": "9200"}]}


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _admin_of(organisation) -> User:
    person = (User.objects.filter(organisation=organisation, org_role=OrgRole.ADMIN,
                                  is_active=True).order_by("pk").first())
    return person or user_create(
        by=SYSTEM, email=f"admin.{organisation.pk}@{DEMO_DOMAIN}", full_name="Admin",
        password=None, organisation=organisation, org_role=OrgRole.ADMIN)


def _inka_contract(users: dict, today: dt.date) -> None:
    inka = users[f"inka@{DEMO_DOMAIN}"]
    tender = Tender.objects.get(buyer=inka.organisation, awarded_at__isnull=False)
    with clock.frozen(_at(today - dt.timedelta(days=4), 10)):
        contracts = services.contracts_from_award(by=inka, tender=tender)
    for contract in contracts:
        with clock.frozen(_at(today - dt.timedelta(days=3), 11)):
            services.contract_sign(by=_admin_of(contract.buyer), contract=contract)
            services.contract_sign(by=_admin_of(contract.supplier), contract=contract)
        item = contract.items.order_by("number").first()
        first = item.months.order_by("month").first()
        with clock.frozen(_at(today - dt.timedelta(days=2), 9)):
            call_off = services.call_off_issue(by=inka, item=item, month=first.month,
                                               quantity=first.units)
            services.call_off_answer(by=_admin_of(call_off.maker), call_off=call_off,
                                     accept=True)


def _kai_contract(orgs: dict, users: dict, today: dt.date):
    kai, coop = users[f"kai@{DEMO_DOMAIN}"], users[f"koperasi@{DEMO_DOMAIN}"]
    first = add_months(month_start(today), -MONTHS_PAST)
    months = [add_months(first, i) for i in range(CONTRACT_MONTHS)]
    item = ItemTerms(number=1, product="Blok rem besi cor fosfor gerbong barang (UIC 832 P10)",
                     unit_weight_kg=Decimal("11.5"), unit_price=Decimal(98_000),
                     quantity=MONTHLY * CONTRACT_MONTHS,
                     minimum_quantity=MONTHLY * CONTRACT_MONTHS // 2, family="brake_block",
                     grade="P10", schedule=dict.fromkeys(months, MONTHLY))
    terms = ContractTerms(first, add_months(first, CONTRACT_MONTHS) - dt.timedelta(days=1), 30,
                          (item,), CLAUSE)
    with clock.frozen(_at(first - dt.timedelta(days=10), 10)):
        contract = services.contract_create(
            by=kai, buyer=orgs["kai"], supplier=orgs["cooperative"],
            title="Kontrak payung blok rem gerbong barang", kind=ContractKind.FRAMEWORK,
            terms=terms, tkdn_percent=Decimal("47.50"))
        services.contract_sign(by=kai, contract=contract)
        services.contract_sign(by=coop, contract=contract)
    return contract, first


def _indices(contract, first: dt.date, kai) -> None:
    """The clause's indices for each past month: scrap up 1% a month, pig iron flat."""
    for i in range(MONTHS_PAST):
        month = add_months(first, i)
        with clock.frozen(_at(add_months(month, 1), 8)):
            services.price_indices_record(by=kai, contract=contract, month=month, values={
                "besi tua (scrap)": Decimal(7800) * (1 + Decimal(i) / 100),
                "besi kasar (pig iron)": Decimal(9200)})


def kai_makers(orgs: dict, users: dict) -> list:
    """The demo member, and the cooperative's largest other members that cast P10 blocks."""
    member = users[f"anggota@{DEMO_DOMAIN}"].organisation
    others = (orgs["cooperative"].members.filter(is_active=True, profile__grades="P10")
              .exclude(pk=member.pk).order_by("-profile__monthly_capacity_kg", "name"))
    return [member, *others[:len(SPLIT) - 1]]


def ordered(month_index: int, units: int) -> int:
    """What KAI calls off of a member's share in a month: half since it began importing."""
    return units // 2 if month_index >= IMPORTING_SINCE else units


def _call_offs(contract, makers, first: dt.date, kai) -> list:
    """A year of call-offs to the members, each accepted the next day and delivered in full
    mid-month."""
    item = contract.items.get()
    deliveries = []
    for i in range(MONTHS_PAST):
        month = add_months(first, i)
        for n, (maker, share) in enumerate(zip(makers, SPLIT, strict=True)):
            units = ordered(i, share)
            with clock.frozen(_at(month, 8)):
                call_off = services.call_off_issue(by=kai, item=item, month=month,
                                                   quantity=units, maker=maker)
            with clock.frozen(_at(month + dt.timedelta(days=1), 9)):
                services.call_off_answer(by=_admin_of(maker), call_off=call_off, accept=True)
            received = month + dt.timedelta(days=14 + n)
            with clock.frozen(_at(received, 13)):
                deliveries.append(services.delivery_record(
                    by=kai, call_off=call_off, note_number=f"SJ/{month:%y%m}/{n + 1:02d}",
                    shipped_on=received - dt.timedelta(days=1), received_on=received,
                    quantity=units))
    return deliveries


REJECTED = {(1, 1): None, (2, 1): 1_175}  # (month, member) → units accepted after sorting
HARD = ("262", "259", "266", "258", "261")  # HB, above the 197–255 HB of the specification


def _inspect(delivery, kai, *, rejected: bool, sorted_units=None):
    with clock.frozen(_at(delivery.received_on + dt.timedelta(days=1), 10)):
        plan = inspection.plan_for_delivery(delivery, inspection.switching_state_for(
            delivery).severity)
        found = plan.plan.accept + 2 if rejected else max(0, plan.plan.accept - 1)
        findings = [inspection.Finding(NonconformityKind.HARDNESS, found, HARD[:found])] \
            if found else []
        return inspection.inspection_record(by=kai, delivery=delivery, nonconforming=found,
                                            findings=findings,
                                            sorted_accepted_quantity=sorted_units)


def _inspections(deliveries, kai, maker_admin) -> None:
    """Every lot inspected the day after it came; the rejected one of month 1 replaced."""
    for index, delivery in enumerate(deliveries):
        month, member = divmod(index, len(SPLIT))
        key = (month, member)
        done = _inspect(delivery, kai, rejected=key in REJECTED,
                        sorted_units=REJECTED.get(key))
        if key not in REJECTED:
            continue
        ncr, person = done.ncr, maker_admin(delivery.call_off.maker)
        answered = delivery.received_on + dt.timedelta(days=3)
        with clock.frozen(_at(answered, 9)):
            inspection.ncr_respond(
                by=person, ncr=ncr,
                root_cause="Laju pendinginan terlalu cepat setelah penuangan: kekerasan naik.",
                corrective_action="Cetakan dibiarkan dingin di pasir 6 jam sebelum dibongkar; "
                                  "uji kekerasan tiap 20 blok.")
        if month != 1:
            continue  # the later report awaits the buyer's acceptance
        with clock.frozen(_at(answered + dt.timedelta(days=1), 10)):
            inspection.ncr_accept_corrective_action(by=kai, ncr=ncr)
        again = answered + dt.timedelta(days=5)
        delivery.refresh_from_db()  # inspected: what it accepted
        with clock.frozen(_at(again, 13)):
            replacement = services.delivery_record(
                by=kai, call_off=delivery.call_off, note_number=f"{delivery.note_number}-R",
                shipped_on=again - dt.timedelta(days=1), received_on=again,
                quantity=delivery.quantity, replaces=delivery)
        _inspect(replacement, kai, rejected=False)


PAID_LATE = 3  # the month whose invoice KAI pays late, by LATE_DAYS
LATE_DAYS = 12


def _invoices(contract, first: dt.date, coop, kai) -> None:
    """An invoice a month over its accepted deliveries, the day after the last acceptance."""
    deliveries = list(contract.items.get().call_offs.all().prefetch_related("deliveries")
                      .order_by("month"))
    for i in range(MONTHS_PAST):
        month = add_months(first, i)
        accepted = [d for c in deliveries if c.month == month for d in c.deliveries.all()
                    if d.accepted_quantity]
        issued = max(d.accepted_on for d in accepted) + dt.timedelta(days=1)
        with clock.frozen(_at(issued, 14)):
            invoice = payments.invoice_issue(
                by=coop, contract=contract, number=f"INV/BJ/{month:%Y%m}",
                issued_on=issued, lines=[(d, d.accepted_quantity) for d in accepted])
        if i == MONTHS_PAST - 1:
            continue  # the last month's invoice is still open
        paid = invoice.due_on + dt.timedelta(days=LATE_DAYS if i == PAID_LATE else -2)
        with clock.frozen(_at(paid, 10)):
            payments.payment_record(by=kai, invoice=invoice, amount=invoice.amount,
                                    paid_on=paid, reference=f"KAI-TRF-{month:%y%m}")


def _commitment(orgs: dict, kai, first: dt.date) -> None:
    with clock.frozen(_at(first - dt.timedelta(days=20), 10)):
        commitment = services.commitment_sign(
            by=kai, buyer=orgs["kai"], partners=[orgs["cooperative"]], family="brake_block",
            starts_on=first, ends_on=add_months(first, 36) - dt.timedelta(days=1),
            share_percent=Decimal(40))
    for i in range(MONTHS_PAST):
        month = add_months(first, i)
        with clock.frozen(_at(add_months(month, 1), 9)):
            services.commitment_need_record(by=kai, commitment=commitment, month=month,
                                            units=NEED)


def load_fulfilment(*, orgs: dict, users: dict, today: dt.date) -> None:
    _inka_contract(users, today)
    contract, first = _kai_contract(orgs, users, today)
    kai = users[f"kai@{DEMO_DOMAIN}"]
    deliveries = _call_offs(contract, kai_makers(orgs, users), first, kai)
    _indices(contract, first, kai)
    _inspections(deliveries, kai, _admin_of)
    _invoices(contract, first, users[f"koperasi@{DEMO_DOMAIN}"], kai)
    _commitment(orgs, kai, first)
