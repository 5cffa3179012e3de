"""Every list page, every API list and the detail pages the load test walks (bench/) cost a
fixed number of queries, whatever the number of rows: each is read with few rows and with
many, within the same maximum, and with many no dearer than with few (a page that costs a
query a row, N+1, fails at national size and here first)."""

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import Decimal

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import Notification
from pasok.accounts.services import (
    api_token_create,
    organisation_create,
    organisation_update,
    organisation_verify,
    user_create,
)
from pasok.allocation import services as plans
from pasok.payments import services as payments
from pasok.suppliers.models import Product
from pasok.suppliers.services import profile_save
from pasok.tenders.services import (
    bid_submit,
    lot_add,
    question_ask,
    tender_create,
    tender_evaluate,
    tender_open,
    tender_publish,
)
from pasok.tkdn.services import certificate_record, worksheet_save
from tests.allocation.factories import add_members, solved
from tests.conftest import make_nib, make_npwp
from tests.contracts.conftest import signed_contract
from tests.contracts.factories import (
    call_off_page_rows,
    commitment_list_rows,
    contract_list_rows,
    contract_page_rows,
    partner_names_rows,
)
from tests.examples import INTERFACES_WORKSHEET
from tests.insights.factories import foundry_names_rows, handoff_page_rows, scenario_list_rows
from tests.inspection.factories import contract_of_products, deliveries, inspected
from tests.mediation.factories import event_page_rows, events_rows, follow_up_rows, funnel_rows
from tests.payments.factories import accepted_deliveries, invoices
from tests.rfqs.factories import (
    rfq_comparison_rows,
    rfq_invitation_rows,
    rfq_list_api_rows,
    rfq_list_rows,
    rfq_page_rows,
    rfq_supplier_names_rows,
)
from tests.web.test_permission_matrix import _text  # the page, the CSV or the XLSX

pytestmark = pytest.mark.django_db

FEW, MANY = 2, 12
_unique = itertools.count(1000)  # names and numbers no other row of a test has


@dataclass(frozen=True)
class Page:
    role: str
    url: str
    shows: str  # text of the last row built, to be sure the rows are on the page
    at: dt.datetime | None = None  # when it is read (a tender's stage follows the clock)


def assert_flat(client, cluster, django_assert_max_num_queries, build, maximum: int):
    """`build(n)` makes n rows and says which page shows them: read it with FEW and with
    MANY rows, each within `maximum` queries, and with MANY no dearer than with FEW."""
    counts = []
    for n in (FEW, MANY):
        page = build(cluster, n)
        client.force_login(cluster.users[page.role])
        with clock.frozen(page.at or clock.now()):
            client.get(page.url)  # the session and the per-process caches, warmed
            with django_assert_max_num_queries(maximum) as queries:
                response = client.get(page.url)
                body = _text(response)  # a streamed export reads its rows as it is sent
        assert response.status_code == 200, page.url
        assert page.shows in body, page.url
        counts.append(len(queries))
    assert counts[1] <= counts[0], f"{counts[0]} queries with {FEW} rows, {counts[1]} with {MANY}"


# Builders: n rows of one kind, and the page that lists them.

def _foundry(n: int, name: str, cooperative=None):
    org = organisation_create(by=SYSTEM, name=name, kind="supplier", nib=make_nib(n),
                              npwp=make_npwp(n), province="Jawa Tengah", regency="Klaten",
                              business_capital=Decimal(800_000_000), cooperative=cooperative)
    profile_save(by=SYSTEM, organisation=org, grades=["FCD450"], processes=["green_sand"],
                 fields={"weight_min_kg": Decimal(5), "weight_max_kg": Decimal(80),
                         "monthly_capacity_kg": 40_000},
                 certificates=[{"kind": "iso9001", "number": f"C-{n}"}])
    organisation_verify(by=SYSTEM, organisation=org)
    return org


def _foundries(cluster, n: int) -> str:
    names = [f"CV Pengecoran {next(_unique)}" for _ in range(n)]
    for name in names:
        _foundry(int(name.rsplit(" ", 1)[1]), name)
    return names[-1]


def _tenders(cluster, n: int) -> str:
    buyer, start = cluster.users["buyer_x"], clock.now()
    titles = [f"Blok rem {next(_unique)}" for _ in range(n)]
    for title in titles:
        tender = tender_create(by=buyer, buyer=cluster.buyer_x, title=title,
                               bid_deadline=start + dt.timedelta(days=7),
                               opening_time=start + dt.timedelta(days=8))
        lot_add(by=buyer, tender=tender, product="Blok rem", quantity=100,
                unit_weight_kg=Decimal(11), hps_unit_price=Decimal(100_000))
        tender_publish(by=buyer, tender=tender)
    return titles[-1]


T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
BIDDING, OPENING = T0 + dt.timedelta(days=1), T0 + dt.timedelta(days=8)


def _tender_with_bids(cluster, n: int, *, stage: str = "evaluated"):
    """A tender of n lots, bid on by suppliers A and B each, with n questions: published,
    or opened and evaluated."""
    buyer = cluster.users["buyer_x"]
    for org in (cluster.supplier_a, cluster.supplier_b):
        organisation_verify(by=SYSTEM, organisation=org)
    products = [f"Blok rem tipe {next(_unique)}" for _ in range(n)]
    with clock.frozen(T0):
        tender = tender_create(by=buyer, buyer=cluster.buyer_x, title="Blok rem gerbong",
                               bid_deadline=T0 + dt.timedelta(days=7), opening_time=OPENING,
                               split_award_allowed=True)
        for product in products:
            lot_add(by=buyer, tender=tender, product=product, quantity=100,
                    unit_weight_kg=Decimal(11), hps_unit_price=Decimal(100_000))
        tender_publish(by=buyer, tender=tender)
        for i, lot in enumerate(tender.lots.order_by("number")):
            question_ask(by=cluster.users["supplier_b"], tender=tender,
                         text=f"Pertanyaan {i}")
            for role, price in (("supplier_a", 95_000), ("supplier_b", 97_000)):
                bid_submit(by=cluster.users[role], lot=lot, unit_price=Decimal(price + i),
                           quantity=100, monthly_capacity=50)
    if stage == "evaluated":
        with clock.frozen(OPENING):
            tender_open(by=buyer, tender=tender)
            tender_evaluate(by=buyer, tender=tender)
    return tender, products[-1]


def tender_list(cluster, n):
    return Page("buyer_x", reverse("tenders:list"), _tenders(cluster, n))


def tender_list_api(cluster, n):
    return Page("buyer_x", "/api/v1/tenders", _tenders(cluster, n))


def tender_page(cluster, n):
    tender, product = _tender_with_bids(cluster, n)
    return Page("buyer_x", reverse("tenders:detail", args=[tender.pk]), product, OPENING)


def tender_page_of_a_bidder(cluster, n):
    """Before the opening: the bidder's own bids, lot by lot."""
    tender, product = _tender_with_bids(cluster, n, stage="published")
    return Page("supplier_a", reverse("tenders:detail", args=[tender.pk]), product, BIDDING)


def tender_draft_editor(cluster, n):
    """A draft of n lots, each row with its grade choice."""
    buyer, start = cluster.users["buyer_x"], clock.now()
    tender = tender_create(by=buyer, buyer=cluster.buyer_x, title="Blok rem",
                           bid_deadline=start + dt.timedelta(days=7),
                           opening_time=start + dt.timedelta(days=8))
    products = [f"Blok rem tipe {next(_unique)}" for _ in range(n)]
    for product in products:
        lot_add(by=buyer, tender=tender, product=product, quantity=100,
                unit_weight_kg=Decimal(11), hps_unit_price=Decimal(100_000))
    return Page("buyer_x", reverse("tenders:edit", args=[tender.pk]), products[-1])


def evaluation_page(cluster, n):
    tender, product = _tender_with_bids(cluster, n)
    return Page("buyer_x", reverse("tenders:evaluation", args=[tender.pk]), product, OPENING)


def bids_api(cluster, n):
    tender, _product = _tender_with_bids(cluster, n)
    last = tender.bids.order_by("pk").last()
    return Page("buyer_x", f"/api/v1/tenders/{tender.pk}/bids", str(last.public_id),
                OPENING)


def bid_form(cluster, n):
    """The bid form offers the bidder's TKDN certificates and worksheet versions."""
    tender, _product = _tender_with_bids(cluster, 1, stage="published")
    last = _tkdn_records(cluster.supplier_a, n)
    return Page("supplier_a", reverse("tenders:bid", args=[tender.pk, tender.lots.get().pk]),
                last, BIDDING)


def bid_form_of_a_cooperative(cluster, n):
    """A cooperative's bid form with its current bid's n member rows."""
    tender, _product = _tender_with_bids(cluster, 1, stage="published")
    organisation_verify(by=SYSTEM, organisation=cluster.cooperative)
    members = [_foundry(number, f"UD Anggota {number}", cooperative=cluster.cooperative)
               for number in itertools.islice(_unique, n)]
    lot = tender.lots.get()
    with clock.frozen(BIDDING):
        bid_submit(by=cluster.users["cooperative"], lot=lot, unit_price=Decimal(95_000),
                   quantity=5 * n, monthly_capacity=50, siinas_registered=True,
                   members=[(member.pk, 5) for member in members])
    return Page("cooperative", reverse("tenders:bid", args=[tender.pk, lot.pk]),
                members[-1].name, BIDDING)


def supplier_search(cluster, n):
    return Page("buyer_x", reverse("suppliers:search") + "?grade=FCD450",
                _foundries(cluster, n))


def supplier_search_api(cluster, n):
    return Page("buyer_x", "/api/v1/suppliers", _foundries(cluster, n))


def supplier_export_csv(cluster, n):
    return Page("buyer_x", reverse("suppliers:export-csv"), _foundries(cluster, n))


def supplier_export_xlsx(cluster, n):
    return Page("buyer_x", reverse("suppliers:export-xlsx"), _foundries(cluster, n))


def supplier_page(cluster, n):
    """A supplier with n products, n certificates and n TKDN records."""
    org = _foundry(next(_unique), f"CV Profil {next(_unique)}")
    names = [f"Produk {next(_unique)}" for _ in range(n)]
    profile_save(by=SYSTEM, organisation=org,
                 certificates=[{"kind": "iso9001", "number": f"ISO-{name}"} for name in names],
                 furnaces=[{"kind": "induction", "tonnes_per_heat": Decimal(1), "count": 1}
                           for _ in names])
    Product.objects.bulk_create(Product(profile=org.profile, name=name) for name in names)
    _tkdn_records(org, n)
    return Page("buyer_x", reverse("suppliers:organisation", args=[org.pk]), names[-1])


def _tkdn_records(org, n: int) -> str:
    """n worksheets and n certificates of the organisation; the last product's name."""
    products = [f"Blok rem seri {next(_unique)}" for _ in range(n)]
    for product in products:
        version = worksheet_save(by=SYSTEM, organisation=org,
                                 data={**INTERFACES_WORKSHEET, "product": product})
        certificate_record(by=SYSTEM, organisation=org, regime="permenperin-35-2025",
                           product=product, tkdn_percent=Decimal(48),
                           issued_on=dt.date(2026, 1, 5), self_declared=True,
                           worksheet_version=version)
    return products[-1]


def tkdn_overview(cluster, n):
    last = _tkdn_records(cluster.supplier_a, n)
    return Page("supplier_a", reverse("tkdn:overview", args=[cluster.supplier_a.pk]), last)


def worksheets_api(cluster, n):
    last = _tkdn_records(cluster.supplier_a, n)
    return Page("supplier_a", f"/api/v1/tkdn/suppliers/{cluster.supplier_a.pk}/worksheets",
                last)


def certificates_api(cluster, n):
    last = _tkdn_records(cluster.supplier_a, n)
    return Page("buyer_x", f"/api/v1/tkdn/suppliers/{cluster.supplier_a.pk}/certificates",
                last)


def audit_events(cluster, n):
    phones = [f"0812{next(_unique)}" for _ in range(n)]
    for phone in phones:
        organisation_update(by=cluster.users["admin"], organisation=cluster.supplier_a,
                            phone=phone)
    return Page("supplier_a", reverse("audit:list"), phones[-1])


def notifications(cluster, n):
    person = cluster.users["supplier_a"]
    texts = [f"Tender baru {next(_unique)}" for _ in range(n)]
    Notification.objects.bulk_create(Notification(user=person, text=text, link="/",
                                                   created_at=clock.now()) for text in texts)
    return Page("supplier_a", reverse("accounts:notifications"), texts[-1])


def people(cluster, n):
    names = [f"Rekan {next(_unique)}" for _ in range(n)]
    for name in names:
        user_create(by=SYSTEM, email=f"{name.split()[1]}@example.id", full_name=name,
                    password=None, organisation=cluster.supplier_a)
    return Page("supplier_a", reverse("accounts:people"), names[-1])


def verification_queue(cluster, n):
    names = [f"UD Antre {next(_unique)}" for _ in range(n)]
    for name in names:
        number = int(name.rsplit(" ", 1)[1])
        org = organisation_create(by=SYSTEM, name=name, kind="supplier", nib=make_nib(number),
                                  npwp=make_npwp(number), province="Jawa Tengah",
                                  regency="Klaten")
        user_create(by=SYSTEM, email=f"antre{number}@example.id", full_name=name,
                    password=None, organisation=org)
    return Page("ministry", reverse("accounts:verification"), names[-1])


def sign_in_pauses(cluster, n):
    """n people paused after too many wrong passwords."""
    names = [f"Terkunci {next(_unique)}" for _ in range(n)]
    for name in names:
        email = f"{name.split()[1]}@example.id"
        user_create(by=SYSTEM, email=email, full_name=name, password=None,
                    organisation=cluster.supplier_a)
        AccessAttempt.objects.create(username=email, ip_address="203.0.113.9",
                                     user_agent="", get_data="", post_data="",
                                     http_accept="", path_info="/accounts/login/",
                                     failures_since_start=settings.AXES_FAILURE_LIMIT,
                                     attempt_time=timezone.now())
    return Page("admin", reverse("accounts:sign-in-pauses"), names[-1])


def api_tokens(cluster, n):
    names = [f"erp-{next(_unique)}" for _ in range(n)]
    for name in names:
        api_token_create(by=cluster.users["supplier_a"], name=name)
    return Page("supplier_a", reverse("accounts:tokens"), names[-1])


def plan_list(cluster, n):
    titles = [f"Rencana {next(_unique)}" for _ in range(n)]
    for title in titles:
        plans.plan_save(by=cluster.users["cooperative"], cooperative=cluster.cooperative,
                        fields={"title": title, "first_month": dt.date(2026, 1, 1),
                                "months": 2, "unmet_penalty": Decimal(500_000)},
                        lines=[], members=[])
    return Page("cooperative", reverse("allocation:list"), titles[-1])


def _solved_plan(cluster, n: int):
    """A plan of n members and n lines, every member offering every line, solved."""
    by = cluster.users["cooperative"]
    start = next(_unique) * 100
    members = add_members(cluster.cooperative,
                          names=[f"UD Anggota {start + i}" for i in range(n)], start=start)
    products = [f"Blok rem {start + i}" for i in range(n)]
    plan = plans.plan_save(
        by=by, cooperative=cluster.cooperative,
        fields={"title": f"Rencana {start}", "first_month": dt.date(2026, 1, 1), "months": 3,
                "unmet_penalty": Decimal(1_000_000)},
        lines=[{"buyer": "PT KAI", "product": product, "demand": [50],
                "unit_weight_kg": Decimal(10), "max_share_percent": Decimal(100)}
               for product in products],
        members=[{"organisation": m, "capacity_kg": None} for m in members])
    plans.offers_save(by=by, plan=plan, offers=[
        {"line": line, "member": member, "unit_cost": Decimal(90_000 + i), "min_lot": 0,
         "floor_percent": None}
        for line in plan.lines.all() for i, member in enumerate(plan.members.all())])
    return plan, solved(plan, by), products[-1], members[-1].name


def plan_page(cluster, n):
    plan, _run, product, _member = _solved_plan(cluster, n)
    return Page("cooperative", reverse("allocation:plan", args=[plan.public_id]), product)


def plan_edit(cluster, n):
    plan, _run, product, _member = _solved_plan(cluster, n)
    return Page("cooperative", reverse("allocation:edit", args=[plan.public_id]), product)


def plan_offers(cluster, n):
    plan, _run, _product, member = _solved_plan(cluster, n)
    return Page("cooperative", reverse("allocation:offers", args=[plan.public_id]), member)


def run_page(cluster, n):
    plan, run, _product, member = _solved_plan(cluster, n)
    return Page("cooperative", reverse("allocation:run", args=[plan.public_id, run.number]),
                member)


def receiving_dock(cluster, n):
    note = f"SJ{next(_unique)}"
    deliveries(cluster, signed_contract(cluster), [10] * n, note=note)
    return Page("buyer_x", reverse("inspection:dock"), f"{note}-{n:03}")


def switching_states(cluster, n):
    products = [f"Blok rem tipe {next(_unique)}" for _ in range(n)]
    contract = contract_of_products(cluster, products)
    for item in contract.items.all():
        inspected(cluster, deliveries(cluster, contract, [10], item=item)[0], 0)
    return Page("supplier_a", reverse("inspection:switching"), products[-1])


def _contract_months(cluster, n: int) -> None:
    """n call-offs under a new brake-block contract of supplier A with PT KAI, each
    delivered in time and inspected (20 of the last not accepted), and for PT KAI n
    partnership commitments with a need reported."""
    from pasok.contracts.models import Delivery
    from pasok.contracts.services import commitment_need_record, commitment_sign
    from tests.contracts.conftest import JAN, accepted_call_off, delivered, signed_contract

    contract = signed_contract(cluster)
    for i in range(n):
        month = JAN.replace(month=1 + i % 3)
        call_off = accepted_call_off(cluster, contract, month, quantity=20)
        delivery = delivered(cluster, call_off, 20, month.replace(day=10), note=f"SJ-{i}")
        Delivery.objects.filter(pk=delivery.pk).update(  # as inspection would
            accepted_quantity=0 if i == n - 1 else 20, accepted_on=month.replace(day=11))
    for partner in itertools.islice(itertools.cycle(
            (cluster.supplier_a, cluster.cooperative, cluster.supplier_b)), n):
        commitment = commitment_sign(by=cluster.users["buyer_x"], buyer=cluster.buyer_x,
                                     partners=[partner], family="brake_block", starts_on=JAN,
                                     ends_on=dt.date(2027, 12, 31), share_percent=Decimal(20))
        commitment_need_record(by=cluster.users["buyer_x"], commitment=commitment, month=JAN,
                               units=100)


SCORECARD_READ = dt.datetime(2027, 4, 10, 3, 0, tzinfo=dt.UTC)


def supplier_scorecard(cluster, n):
    _contract_months(cluster, n)
    return Page("supplier_a", reverse("scorecards:organisation", args=[cluster.supplier_a.pk]),
                'data-figure="lot-acceptance"', SCORECARD_READ)


def buyer_scorecard(cluster, n):
    _contract_months(cluster, n)
    return Page("buyer_x", reverse("scorecards:organisation", args=[cluster.buyer_x.pk]),
                'data-figure="commitments-kept"', SCORECARD_READ)


def buyer_scorecard_csv(cluster, n):
    _contract_months(cluster, n)
    return Page("buyer_x", reverse("scorecards:organisation-csv", args=[cluster.buyer_x.pk]),
                "2027-01", SCORECARD_READ)
def _tendered_need(cluster, n: int) -> None:
    """n published brake-block tenders of PT KAI, each of one lot delivered from January
    2027 (the early warnings read them as need)."""
    buyer = cluster.users["buyer_x"]
    with clock.frozen(T0):
        for i in range(n):
            tender = tender_create(by=buyer, buyer=cluster.buyer_x, title=f"Blok rem {i}",
                                   bid_deadline=T0 + dt.timedelta(days=7), opening_time=OPENING,
                                   first_delivery_month=dt.date(2027, 1, 1))
            lot_add(by=buyer, tender=tender, product="Blok rem", family="brake_block",
                    quantity=300, unit_weight_kg=Decimal(11), hps_unit_price=Decimal(100_000),
                    delivery_schedule=[100, 100, 100])
            tender_publish(by=buyer, tender=tender)


def cluster_dashboard(cluster, n):
    """n foundries, and n months of orders, lots, invoices, commitments and tenders
    (above)."""
    _foundries(cluster, n)
    _contract_months(cluster, n)
    _invoiced_contract(cluster, n)
    _tendered_need(cluster, n)
    return Page("ministry", reverse("insights:dashboard"), 'data-figure="commitments-kept"',
                SCORECARD_READ)


def cluster_dashboard_export(cluster, n):
    _foundries(cluster, n)
    _contract_months(cluster, n)
    return Page("cooperative", reverse("insights:dashboard-export", args=["revenue", "csv"]),
                "2027-01", SCORECARD_READ)


def _invoiced_contract(cluster, n):
    """A new contract of buyer X with supplier A, n accepted deliveries and an invoice of
    each."""
    contract = signed_contract(cluster)
    deliveries = accepted_deliveries(cluster, contract, n)
    return contract, deliveries, invoices(cluster, contract, deliveries,
                                          prefix=f"INV{next(_unique)}")


def contract_invoices(cluster, n):
    contract, _deliveries, made = _invoiced_contract(cluster, n)
    return Page("supplier_a", reverse("payments:contract", args=[contract.public_id]),
                made[-1].number)


def invoice_page(cluster, n):
    """An invoice of n deliveries, paid in n parts."""
    contract = signed_contract(cluster)
    deliveries = accepted_deliveries(cluster, contract, n)
    with clock.frozen(dt.datetime(2027, 2, 2, 3, 0, tzinfo=dt.UTC)):
        invoice = payments.invoice_issue(
            by=cluster.users["supplier_a"], contract=contract, number=f"INV{next(_unique)}",
            issued_on=dt.date(2027, 2, 1), lines=[(d, d.accepted_quantity) for d in deliveries])
        for i in range(n):
            payments.payment_record(by=cluster.users["buyer_x"], invoice=invoice,
                                    amount=Decimal(1000), paid_on=dt.date(2027, 2, 2),
                                    reference=f"TRF-{i}")
    return Page("buyer_x", reverse("payments:invoice", args=[invoice.public_id]),
                deliveries[-1].note_number)


def overdue_invoices(cluster, n):
    _contract, _deliveries, made = _invoiced_contract(cluster, n)
    return Page("buyer_x", reverse("payments:overdue"), made[-1].number,
                at=dt.datetime(2027, 4, 1, 3, 0, tzinfo=dt.UTC))


def imported_alternatives(cluster, n):
    """n imported alternatives, buyer X's own and the market's by turns, and a contract of
    buyer X to compare them with."""
    from tests.insights.factories import READ_AT, buyer_x_import, local_contract, market_offer

    local_contract(cluster)
    made = [(buyer_x_import if i % 2 else market_offer)(cluster, product=f"Blok rem {i}")
            for i in range(n)]
    return Page("ministry", reverse("insights:imports"), made[-1].product, READ_AT)


def opportunities_rows(cluster, n):
    """n foundries that can make agricultural parts (FCD450, 5–80 kg, ISO 9001)."""
    _foundries(cluster, n)
    return Page("ministry", reverse("insights:opportunities"), "Komponen alat dan mesin")


def opportunities_of_members_rows(cluster, n):
    """n members of the cooperative; its page asks what they could make together."""
    for _ in range(n):
        _foundry(next(_unique), f"UD Anggota {next(_unique)}", cooperative=cluster.cooperative)
    return Page("cooperative", reverse("insights:opportunities"), "Anggota kami bersama-sama")


def opportunity_rows(cluster, n):
    """n more foundries able to make agricultural parts (the builds add up)."""
    from pasok.accounts.models import Organisation

    _foundries(cluster, n)
    able = Organisation.objects.filter(name__startswith="CV Pengecoran").count()
    return Page("ministry", reverse("insights:opportunity", args=["agri_parts"]),
                f"{able} pengecoran dapat membuatnya hari ini")


def next_steps_rows(cluster, n):
    """Supplier A's next steps (P10 would open brake blocks), with n tenders of buyer X's
    brake blocks published."""
    _tenders(cluster, n)
    return Page("supplier_a", reverse("insights:opportunities"), "Dengan kelas bahan P10")


# The page, and the most queries it may cost (with FEW rows and with MANY): a page counts the
# session, the signed-in person and the menu's unread notices; an API call the first two.
# A tender page reads its addenda; a supplier's also records that it read the tender
# (TenderReader, for the addenda's notices). A plan page asks which months its call-offs were
# issued for (the re-plan's months already ordered, contracts.services.plan_orders); a
# contract page reads its documents and its price indices; the commitments page tracks each
# (scorecards.selectors.trackers_of: four queries for any number).
PAGES = {
    tender_list: 4, tender_list_api: 4, tender_draft_editor: 8, tender_page: 11,
    tender_page_of_a_bidder: 10, evaluation_page: 8, bids_api: 6, bid_form: 12,
    bid_form_of_a_cooperative: 18,
    supplier_search: 6, supplier_search_api: 4, supplier_export_csv: 5,
    supplier_export_xlsx: 5, supplier_page: 13,
    tkdn_overview: 10, worksheets_api: 5, certificates_api: 4,
    audit_events: 7, notifications: 5, people: 4, verification_queue: 4, api_tokens: 4,
    sign_in_pauses: 5,
    plan_list: 4, plan_page: 16, plan_edit: 14, plan_offers: 8, run_page: 6,
    contract_list_rows: 4, contract_page_rows: 10, call_off_page_rows: 6,
    commitment_list_rows: 9,
    partner_names_rows: 4,  # the organisations named like what was typed
    receiving_dock: 5, switching_states: 4,
    # A scorecard reads the organisation, then a supplier's call-offs with their deliveries
    # and the deliveries of the months, and its NCRs; a buyer's deliveries, its invoices and
    # its commitments with their partners, partners' members, needs and call-offs.
    supplier_scorecard: 8, buyer_scorecard: 11, buyer_scorecard_csv: 10,
    contract_invoices: 6, invoice_page: 6, overdue_invoices: 4,
    # The scenarios, and the baseline of the jobs table: the call-offs, their buyers'
    # names, the foundries' profiles and bookings; whether the data changed since they ran
    # (three aggregates a scope: the whole cluster, a cooperative's members) and which of
    # those out of date the reader may compute again; the foundries counted.
    scenario_list_rows: 15,
    # The foundries whose names contain what was typed (the first twenty).
    foundry_names_rows: 4,
    # A new order handed to the allocation engine: the scenario, its hand-off and the
    # organisations its order names, whether the reader may change it; the proposal's rows
    # are the stored result's.
    handoff_page_rows: 7,
    # The imported alternatives, and the local side of each family from the contracts: the
    # cluster's and the named buyers' (insights.import_selectors.local_sides: two queries).
    imported_alternatives: 6,
    # New markets: whether the kept counts are of today's data (two aggregates) and the
    # counts; a cooperative's list also asks, a family, what its members could make
    # together; a family's page the foundries able and those short of each requirement
    # (agricultural parts: three); a foundry's next steps its gaps (one query) and the buyers
    # of each family (six sources).
    opportunities_rows: 3 + 3, opportunities_of_members_rows: 3 + 3 + 11,
    opportunity_rows: 3 + 3 + 1 + 3, next_steps_rows: 3 + 1 + 6,
    # The cluster dashboard: the session, the person, the menu's notices; the filter's
    # regencies and buyers, the foundries by regency, booked months, orders by month and
    # buyer, lots by month, invoices by (due, settled) and the commitments tracked
    # (scorecards.selectors.trackers_of: four queries), the early warnings (orders, needs,
    # imports, tenders: insights.warnings), the buyers' whole accepted spend (the
    # small-business share). Its export: no menu, no warnings.
    cluster_dashboard: 20, cluster_dashboard_export: 15,
    # Requests for quotation: the list (whether each is sampled and approved: two
    # subqueries); the comparison unseals each quotation it reads (no query) and asks
    # whether each quoter holds the certificate in the same query; an RFQ's page reads
    # whom it invited and its sample orders with their first articles and characteristics.
    rfq_list_rows: 4, rfq_invitation_rows: 4, rfq_comparison_rows: 5, rfq_page_rows: 10,
    rfq_supplier_names_rows: 4, rfq_list_api_rows: 4,
    # Business matching: the events (one query with their counts), an event with its
    # participants and pairings (their stages and follow-ups with owners: two prefetches),
    # the open follow-ups, and the funnel (the pairings, their stages, the linked
    # contracts' values and deliveries).
    events_rows: 6, event_page_rows: 10, follow_up_rows: 6, funnel_rows: 10,
}


@pytest.mark.parametrize("build", list(PAGES), ids=lambda build: build.__name__)
def test_queries_do_not_grow_with_rows(client, cluster, django_assert_max_num_queries, build):
    assert_flat(client, cluster, django_assert_max_num_queries, build, PAGES[build])
