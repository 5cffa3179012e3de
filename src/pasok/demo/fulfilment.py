"""Demo fulfilment: what runs after the award.

- INKA's awarded tender becomes a framework contract with its winner, signed by both, and
  its first month is called off.
- PT KAI's framework contract with Koperasi Batur Jaya (goods-wagon brake blocks, 1.000 a
  month for a year from six months ago, with a price-adjustment clause indexed to scrap and
  pig iron), signed by both: six months of call-offs to two member foundries, accepted and
  delivered.
- KAI's partnership commitment to the cooperative: at least 40% of its brake-block need for
  three years. KAI reports a need of 2.600 a month and calls off 1.000: it is behind.

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
from pasok.months import add_months, month_start
from pasok.tenders.models import Tender

from .logins import DEMO_DOMAIN

MONTHS_PAST = 6
MONTHLY = 1_000
SPLIT = (600, 400)  # the demo member's share of each month, then the second member's
NEED = 2_600  # KAI's monthly brake-block need, as it reports it
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
    months = [add_months(first, i) for i in range(12)]
    item = ItemTerms(number=1, product="Blok rem besi cor fosfor gerbong barang (UIC 832 P10)",
                     unit_weight_kg=Decimal("11.5"), unit_price=Decimal(98_000),
                     quantity=MONTHLY * 12, minimum_quantity=MONTHLY * 9,
                     family="brake_block", grade="P10", schedule=dict.fromkeys(months, MONTHLY))
    terms = ContractTerms(first, add_months(first, 12) - dt.timedelta(days=1), 30, (item,),
                          CLAUSE)
    with clock.frozen(_at(first - dt.timedelta(days=10), 10)):
        contract = services.contract_create(
            by=kai, buyer=orgs["kai"], supplier=orgs["cooperative"],
            title="Kontrak payung blok rem gerbong barang", kind=ContractKind.FRAMEWORK,
            terms=terms, tkdn_percent=Decimal("47.50"))
        services.contract_sign(by=kai, contract=contract)
        services.contract_sign(by=coop, contract=contract)
    return contract, first


def _kai_makers(orgs: dict, users: dict):
    """The demo member, and the cooperative's next member that casts P10 blocks."""
    member = users[f"anggota@{DEMO_DOMAIN}"].organisation
    second = (orgs["cooperative"].members.filter(is_active=True, profile__grades="P10")
              .exclude(pk=member.pk).order_by("name").first())
    return member, second


def _call_offs(contract, makers, first: dt.date, kai) -> list:
    """Six months of call-offs to the two members, each accepted the next day and
    delivered in full mid-month."""
    item = contract.items.get()
    deliveries = []
    for i in range(MONTHS_PAST):
        month = add_months(first, i)
        for n, (maker, units) in enumerate(zip(makers, SPLIT, strict=True)):
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
    _call_offs(contract, _kai_makers(orgs, users), first, kai)
    _commitment(orgs, kai, first)
