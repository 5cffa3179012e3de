import datetime as dt
import re
from collections import Counter
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory

from pasok import clock
from pasok.accounts.models import Organisation, User
from pasok.demo.cluster import (
    COOPERATIVE_NAME,
    DEFAULT_SEED,
    IMPORT_AGENT,
    TKDN_VERIFIERS,
    UNVERIFIED_FOUNDRIES,
    WORKSHEET_FOUNDRIES,
    load_cluster,
    plan_cluster,
    worksheet_tkdn,
)
from pasok.demo.logins import DEMO_LOGINS, DEMO_PASSWORD
from pasok.insights import opportunities
from pasok.rules.identifiers import normalize_nib, normalize_npwp
from pasok.rules.size_class import size_class
from pasok.suppliers.catalogue import GRADES, PROCESSES
from pasok.suppliers.models import BookedMonth, CapacityBooking, Certificate
from pasok.suppliers.part_catalogue import FAMILIES
from pasok.suppliers.selectors import SearchCriteria, capacity_calendar, search_suppliers
from pasok.tkdn.models import BmpDeclaration, TkdnCertificate, Worksheet
from pasok.tkdn.selectors import certificate_status
from pasok.tkdn.services import default_valid_until
from pasok.tkdn.tasks import certificates_due

TODAY = dt.date(2026, 3, 1)
SEEDS = (DEFAULT_SEED, 1, 7)
P35, P16 = "permenperin-35-2025", "permenperin-16-2011"
ANGGOTA = "anggota@demo.pasok.id"
TKDN_NUMBER = re.compile(r"\d{4}/SJ-IND\.8/TKDN/(\d{1,2})/(\d{4})")


@pytest.fixture(scope="module")
def plan():
    return plan_cluster(seed=DEFAULT_SEED, today=TODAY)


def _member(plan):
    """The foundry the demo member (anggota@) administers."""
    key = next(u.org_key for u in plan.users if u.email == ANGGOTA)
    return next(o for o in plan.organisations if o.key == key)


def _blocks(foundry) -> set[str]:
    return {p["name"] for p in foundry.profile.products if p["name"].startswith("Blok rem")}


def test_the_same_seed_gives_the_same_cluster_and_another_seed_another():
    first = plan_cluster(seed=DEFAULT_SEED, today=TODAY)
    assert first == plan_cluster(seed=DEFAULT_SEED, today=TODAY)
    assert first != plan_cluster(seed=DEFAULT_SEED + 1, today=TODAY)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_cluster_has_the_size_ceper_reports(seed):
    plan = plan_cluster(seed=seed, today=TODAY)
    assert 240 <= len(plan.foundries) <= 300
    assert 3_500 <= plan.workforce <= 4_900
    assert 135_000 <= plan.capacity_t_year <= 165_000
    assert 0.05 <= plan.workforce_women / plan.workforce <= 0.20


def test_sizes_are_skewed_and_capital_puts_each_foundry_in_its_class(plan):
    tiers = [f.tier for f in plan.foundries]
    assert (tiers.count("micro") + tiers.count("small")) / len(tiers) > 0.8
    assert 3 <= tiers.count("large") <= 10
    for foundry in plan.foundries:
        assert size_class(business_capital=foundry.fields["business_capital"]) == foundry.tier


def test_the_cooperative_holds_most_small_foundries(plan):
    small = [f for f in plan.foundries if f.tier in ("micro", "small")]
    assert sum(f.member for f in small) / len(small) > 0.6
    assert all(f.fields["regency"] == "Klaten" for f in plan.foundries if f.member)


def test_some_independent_foundries_wait_for_verification(plan):
    waiting = [f for f in plan.foundries if f.verifier is None]
    assert len(waiting) == UNVERIFIED_FOUNDRIES
    assert not any(f.member for f in waiting)
    assert all(f.verifier == "cooperative" for f in plan.foundries if f.member)


def test_a_buyer_finds_ductile_iron_foundries_in_klaten(plan):
    found = [f for f in plan.foundries
             if f.fields["regency"] == "Klaten" and "FCD450" in f.profile.grades
             and f.profile.fields["weight_min_kg"] <= 20 <= 60
             <= f.profile.fields["weight_max_kg"]]
    assert len(found) >= 15


def test_about_sixty_foundries_cast_brake_blocks(plan):
    makers = [f for f in plan.foundries if "P10" in f.profile.grades]
    assert 45 <= len(makers) <= 80
    assert all(f.line == "brake_block" for f in makers)


def test_identifiers_are_valid_and_unique(plan):
    orgs = plan.organisations
    nibs = [o.fields["nib"] for o in orgs if o.fields.get("nib")]
    assert all(normalize_nib(n) == n for n in nibs)
    assert len(set(nibs)) == len(nibs)
    npwps = [o.fields["npwp"] for o in orgs if o.fields.get("npwp")]
    assert all(normalize_npwp(n) == n and len(n) == 15 for n in npwps)
    assert len(set(npwps)) == len(npwps)
    names = [o.fields["name"] for o in orgs]
    assert len(set(names)) == len(names)


def test_profiles_draw_on_the_catalogue_and_hold_together(plan):
    processes, grades = {c for c, _l in PROCESSES}, {c for c, _f in GRADES}
    for foundry in plan.foundries:
        profile, fields = foundry.profile, foundry.profile.fields
        assert set(profile.processes) <= processes
        assert {p["grade_id"] for p in profile.products} <= set(profile.grades) <= grades
        assert 0 < fields["weight_min_kg"] <= fields["weight_max_kg"]
        assert all(fields["weight_min_kg"] <= p["unit_weight_kg"] <= fields["weight_max_kg"]
                   for p in profile.products)
        assert fields["workforce_women"] < fields["workforce_total"]
        assert profile.furnaces and profile.products
        assert all(isinstance(f["tonnes_per_heat"], Decimal) for f in profile.furnaces)


def test_profiles_keep_only_iso_and_sni_certificates(plan):
    kinds = {c["kind"] for f in plan.foundries for c in f.profile.certificates}
    assert kinds == {"iso9001", "sni"}


@pytest.mark.parametrize("seed", SEEDS)
def test_tkdn_certificates_are_brake_blocks_dated_by_their_regime(seed):
    plan = plan_cluster(seed=seed, today=TODAY)
    certs = plan.tkdn_certificates
    assert 10 <= len(certs) <= 40
    for foundry in plan.foundries:
        for cert in foundry.tkdn_certificates:
            assert cert.product in _blocks(foundry)
            assert cert.regime == (P35 if cert.issued_on >= dt.date(2025, 12, 12) else P16)
            assert cert.valid_until == default_valid_until(cert.regime, cert.issued_on)
            assert Decimal(40) <= cert.tkdn_percent <= Decimal(65)
            assert cert.tkdn_percent.as_tuple().exponent == -2
            assert Decimal(0) <= cert.bmp_percent <= Decimal(8)
            if cert.self_declared:  # small industry declares its own
                assert (cert.number, cert.verifier) == ("", "")
                assert foundry.tier in ("micro", "small")
            else:
                month, year = TKDN_NUMBER.fullmatch(cert.number).groups()
                assert (int(month), int(year)) == (cert.issued_on.month, cert.issued_on.year)
                assert cert.verifier in TKDN_VERIFIERS
    numbers = [c.number for c in certs if c.number]
    assert len(set(numbers)) == len(numbers)
    assert {c.regime for c in certs} == {P35, P16}
    assert 0.25 <= sum(c.self_declared for c in certs) / len(certs) <= 0.4
    days_left = [(c.valid_until - TODAY).days for c in certs]
    assert 0.05 <= sum(d < 0 for d in days_left) / len(certs) <= 0.2
    assert sum(0 <= d <= 30 for d in days_left) >= 2
    assert sum(30 < d <= 90 for d in days_left) >= 2


def test_the_demo_member_keeps_worksheets_bmp_and_the_certificate_of_its_latest_version(plan):
    member = _member(plan)
    assert member.member and member.verifier == "cooperative"
    brake, cover = member.worksheets
    assert brake.product in _blocks(member)
    assert [v["regime"] for v in brake.versions] == [P35, P35]
    assert list(brake.saved_on) == sorted(brake.saved_on) and brake.saved_on[-1] < TODAY
    pig_iron = [[m["name"] for m in v["materials"] if m["name"].startswith("Besi kasar")]
                for v in brake.versions]
    assert pig_iron == [["Besi kasar (pig iron) impor"],
                        ["Besi kasar (pig iron) impor", "Besi kasar (pig iron) lokal"]]
    first, latest = (worksheet_tkdn(v) for v in brake.versions)
    assert Decimal(40) <= first < latest <= Decimal(65)
    assert cover.versions[0]["regime"] == P16
    assert cover.product in {p["name"] for p in member.profile.products}
    assert 2 <= len(member.bmp.claims) <= 3
    assert all(c["evidence"].strip() for c in member.bmp.claims)
    current = next(c for c in member.tkdn_certificates if c.worksheet)
    assert (current.worksheet, current.regime) == (brake.product, P35)
    assert current.tkdn_percent == latest == brake.tkdn_percent
    assert current.bmp_percent == member.bmp.bmp_percent > 0


@pytest.mark.parametrize("seed", SEEDS)
def test_some_other_brake_block_foundries_keep_one_worksheet(seed):
    plan = plan_cluster(seed=seed, today=TODAY)
    member = _member(plan)
    others = [f for f in plan.foundries if f.worksheets and f.key != member.key]
    assert len(others) == WORKSHEET_FOUNDRIES
    for foundry in others:
        (sheet,) = foundry.worksheets
        (data,) = sheet.versions
        assert sheet.product in _blocks(foundry)
        assert Decimal(40) <= worksheet_tkdn(data) <= Decimal(65)
        # A block of 11–24 kg: about its own weight of iron and steel goes into the charge.
        unit_kg = next(float(p["unit_weight_kg"]) for p in foundry.profile.products
                       if p["name"] == sheet.product)
        metal = sum(m["quantity"] for m in data["materials"]
                    if m["name"].startswith(("Besi kasar", "Scrap")))
        assert 0.85 * unit_kg <= metal <= 1.1 * unit_kg
        assert all(isinstance(m["unit_price"], int) for m in data["materials"])


def test_every_demo_login_has_a_person(plan):
    assert [u.email for u in plan.users] == [email for _role, email in DEMO_LOGINS]


@pytest.mark.django_db
def test_the_command_loads_the_cluster_and_the_logins_work(settings):
    # A fast hasher: PBKDF2 would spend seconds on nine accounts made and nine checked.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    out = StringIO()
    call_command("demo", "--noinput", stdout=out)  # the test runner sets DEBUG off
    plan = plan_cluster(seed=DEFAULT_SEED, today=TODAY)
    agent = Organisation.objects.get(name=IMPORT_AGENT)
    assert agent.size_class == "large" and agent.verified_at is not None
    foundries = Organisation.objects.filter(kind="supplier").exclude(pk=agent.pk)
    assert foundries.count() == len(plan.foundries)
    assert Organisation.objects.get(kind="cooperative").members.count() == sum(
        f.member for f in plan.foundries)
    assert foundries.filter(verified_at=None).count() == UNVERIFIED_FOUNDRIES
    assert Organisation.objects.filter(kind__in=["bumn_buyer", "private_buyer"]).count() == 5
    coop_admin = User.objects.get(email="koperasi@demo.pasok.id")
    assert foundries.filter(cooperative__isnull=False, verified_by=coop_admin).exists()
    for _role, email in DEMO_LOGINS:
        signing_in = RequestFactory().post("/accounts/login/")  # the throttle needs a request
        assert authenticate(signing_in, email=email, password=DEMO_PASSWORD) is not None, email
        assert email in out.getvalue()
    assert "TKDN: " in out.getvalue()
    kai = User.objects.get(email="kai@demo.pasok.id")
    hits = search_suppliers(user=kai, criteria=SearchCriteria(text="FCD450, 20–60 kg, Klaten"))
    assert hits.count() >= 15
    # The INKA contract (from its award) and the cooperative's solved plan book capacity:
    # the demo member's profile shows less free than it can melt in the plan's months.
    assert CapacityBooking.objects.filter(source="contract").exists()
    assert not CapacityBooking.objects.filter(source="award").exists()  # the contract stands
    member = User.objects.get(email=ANGGOTA).organisation
    booked = BookedMonth.objects.filter(organisation=member)
    assert CapacityBooking.objects.filter(organisation=member, source="plan").exists()
    month = booked.order_by("-kg").first().month
    calendar = capacity_calendar(user=kai, organisation=member, first=month, months=1)
    assert calendar[0].free_kg < member.profile.monthly_capacity_kg


@pytest.mark.django_db
def test_the_loaded_cluster_keeps_tkdn_records_through_the_services(plan):
    with clock.frozen(dt.datetime(2026, 3, 1, 2, tzinfo=dt.UTC)):  # 09:00 in Klaten
        load_cluster(plan)
    assert set(Certificate.objects.values_list("kind", flat=True)) == {
        "iso9001", "sni", "iatf16949"}
    # demo/markets.py: two foundries can make truck brake drums today, three lack machining.
    with clock.frozen(dt.datetime(2026, 3, 1, 2, tzinfo=dt.UTC)):
        drums = opportunities.reach(opportunities.cluster_scope(None), FAMILIES["brake_drum"])
    assert Certificate.objects.filter(kind="iatf16949").count() == 5
    assert (drums.today, drums.one_short["process:machining"]) == (2, 3)
    _the_demo_follows_the_matching_to_a_first_order()

    certs = list(TkdnCertificate.objects.exclude(organisation__name=IMPORT_AGENT))
    assert len(certs) == len(plan.tkdn_certificates)
    assert {c.regime for c in certs} == {P35, P16}
    assert any(c.self_declared and not c.number for c in certs)
    statuses = Counter(certificate_status(c, TODAY) for c in certs)
    assert statuses["expires_30"] >= 2 and statuses["expires_90"] >= 2 and statuses["expired"]
    assert len(certificates_due(TODAY)) >= 4  # the expiry warnings the demo sends

    anggota = User.objects.get(email=ANGGOTA)
    brake_plan = _member(plan).worksheets[0]
    brake = Worksheet.objects.get(organisation=anggota.organisation, product=brake_plan.product)
    versions = list(brake.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert {v.created_by for v in versions} == {anggota}
    assert [v.created_at.date() for v in versions] == list(brake_plan.saved_on)
    assert versions[0].tkdn_percent < versions[1].tkdn_percent
    assert anggota.organisation.worksheets.count() == 2
    bmp = BmpDeclaration.objects.get(organisation=anggota.organisation)
    assert 2 <= len(bmp.claims) <= 3 and bmp.bmp_percent > 0
    current = anggota.organisation.tkdn_certificates.get(worksheet_version__isnull=False)
    assert current.worksheet_version == versions[1]
    assert current.tkdn_percent == versions[1].tkdn_percent
    assert Worksheet.objects.exclude(organisation=anggota.organisation).count() == \
        WORKSHEET_FOUNDRIES

    # Tenders: KAI's is open for bids, with the cooperative's sealed bid on lot 1; INKA's
    # (open to all: composite blocks are accepted) has gone through opening and award, and
    # the member's certified bid won; the cooperative's cheaper one had no TKDN value and the
    # import agent's cheapest one a TKDN of 9.4%: both fell below the tender's 25% minimum.
    from pasok.rules.cooperative_tkdn import weighted_by_units
    from pasok.tenders import sealing
    from pasok.tenders.models import Award, Bid, BidEvaluation, Tender

    with clock.frozen(dt.datetime(2026, 3, 1, 2, tzinfo=dt.UTC)):
        statuses = {t.buyer.name: (t.status, t.lots.count()) for t in Tender.objects.all()}
    assert statuses == {"PT Kereta Api Indonesia (Persero)": ("published", 3),
                        "PT INKA (Persero)": ("awarded", 1)}
    winner = Award.objects.get().bid
    assert winner.bidder == anggota.organisation
    set_aside = {e.bid.bidder.name: e.exclusion["code"]
                 for e in BidEvaluation.objects.filter(bid__award__isnull=True)}
    assert set_aside == {COOPERATIVE_NAME: "tkdn_below_minimum",
                         IMPORT_AGENT: "tkdn_below_minimum"}
    assert all(bid.documents.filter(kind="NIB").exists() for bid in Bid.objects.all())
    # The cooperative's bids name two brake-block members each, never the member that bids
    # for itself; the shares add up to the bid.
    for bid in Bid.objects.filter(bidder__kind="cooperative"):
        content = bid.opened_content or sealing.unseal(bid.sealed)
        named = [m["organisation"] for m in content["members"]]
        assert len(named) == 2 and anggota.organisation_id not in named
        assert sum(m["quantity"] for m in content["members"]) == content["quantity"]
        assert Organisation.objects.filter(pk__in=named, cooperative=bid.bidder,
                                           profile__grades="P10").count() == 2
    assert Bid.objects.filter(bidder__kind="cooperative").count() == 2
    # On KAI's open tender the cooperative's TKDN is weighted from its two makers' own
    # certificates or worksheets, and it replaced the bid once: two receipts in its history.
    kai_bid = Bid.objects.get(bidder__kind="cooperative", opened_content__isnull=True)
    content = sealing.unseal(kai_bid.sealed)
    assert content["tkdn_source"] == "members"
    assert all(m["tkdn_source"] and m["tkdn_percent"] for m in content["members"])
    values = [(Decimal(m["tkdn_percent"]), m["quantity"]) for m in content["members"]]
    assert Decimal(content["tkdn_percent"]) == weighted_by_units(values) >= 25
    assert list(kai_bid.events.values_list("kind", "version")) == [("received", 1),
                                                                    ("received", 2)]

    # After the award: INKA's award is a contract in force with its winner, its first month
    # called off; KAI's framework contract with the cooperative has run a year, six members
    # called off and delivering each month; KAI committed 40% of its need.
    from pasok.contracts.models import CallOff, Contract, Delivery, PartnershipCommitment

    inka_contract = Contract.objects.get(tender__buyer__name="PT INKA (Persero)")
    assert inka_contract.supplier == anggota.organisation and inka_contract.version == 1
    assert inka_contract.items.get().award == Award.objects.get()
    kai_contract = Contract.objects.get(buyer__name="PT Kereta Api Indonesia (Persero)")
    assert kai_contract.supplier.kind == "cooperative" and kai_contract.version == 1
    assert CallOff.objects.filter(item__contract=kai_contract, status="accepted").count() == 72
    assert {c.maker.cooperative_id for c in CallOff.objects.filter(
        item__contract=kai_contract)} == {kai_contract.supplier_id}
    deliveries = Delivery.objects.filter(call_off__item__contract=kai_contract)
    assert deliveries.filter(replaces__isnull=True).count() == 72
    # Every lot inspected; two of the second member's failed on hardness (the first replaced
    # and the replacement accepted, the second sorted), so it went on tightened inspection,
    # and back to normal after five lots accepted in a row.
    from pasok.inspection.models import NonConformanceReport, SwitchingState

    assert not deliveries.filter(accepted_quantity__isnull=True).exists()
    [replacement] = deliveries.filter(replaces__isnull=False)
    assert replacement.accepted_quantity == replacement.quantity
    reports = NonConformanceReport.objects.order_by("opened_at")
    assert [r.closed_at is not None for r in reports] == [True, False]
    from pasok.inspection.models import Inspection

    second = replacement.call_off.maker
    lots = Inspection.objects.filter(delivery__call_off__maker=second,
                                     delivery__replaces__isnull=True).order_by("inspected_at")
    assert [i.severity[0] for i in lots] == list("nnn" + "t" * 5 + "n" * 4)
    assert SwitchingState.objects.get(supplier=second).severity == "normal"
    # Invoiced month by month on accepted goods; one paid 12 days late, the last still open.
    from pasok.payments.models import Invoice
    from pasok.rules.payment_terms import days_late

    invoices = list(Invoice.objects.filter(contract=kai_contract).order_by("issued_on"))
    assert len(invoices) == 12 and invoices[-1].settled_on is None
    assert [days_late(i.due_on, i.settled_on) for i in invoices[:-1]] == [0, 0, 0, 12] + [0] * 7
    commitment = PartnershipCommitment.objects.get()
    assert commitment.needs.count() == 12 and commitment.share_percent == 40
    # 40% of 15.000 a month is 6.000: KAI kept it for nine months, then began importing and
    # calls off 3.000: it is behind.
    from pasok.scorecards.selectors import commitment_tracker

    tracker = commitment_tracker(commitment, TODAY)
    assert [r.ordered for r in tracker.rows[:12]] == [6000] * 9 + [3000] * 3
    assert tracker.kept_share == Decimal(9 * 6000 + 3 * 3000) / Decimal(12 * 6000)


@pytest.mark.django_db
def test_the_command_refuses_a_database_that_is_not_empty(cluster):
    with pytest.raises(CommandError, match="empty database") as caught:
        call_command("demo", "--noinput", stdout=StringIO())
    assert caught.value.returncode == 2


@pytest.mark.django_db
def test_only_the_tender_still_open_for_bids_is_announced(plan,
                                                          django_capture_on_commit_callbacks):
    """The demo publishes INKA's tender in the past (it is awarded already): once the load
    commits, "new tender" news goes out for KAI's open tender only."""
    from django.core import mail

    from pasok.accounts.models import Notification
    from pasok.tenders.models import Tender

    with clock.frozen(dt.datetime(2026, 3, 1, 2, tzinfo=dt.UTC)), \
            django_capture_on_commit_callbacks(execute=True):
        load_cluster(plan)
    inka, kai = (Tender.objects.get(buyer__name=name).title
                 for name in ("PT INKA (Persero)", "PT Kereta Api Indonesia (Persero)"))
    news = [text for text in Notification.objects.filter(link__startswith="/tenders/")
            .values_list("text", flat=True) if kai in text or inka in text]
    assert news and all(kai in text for text in news)
    assert not any(inka in m.body and "/tenders/" in m.body for m in mail.outbox)
    # Of the contracts' past steps only what is still news goes out: the contracts signed,
    # not the proposals both have signed since, nor call-offs of months gone by.
    contract_news = Notification.objects.filter(link__startswith="/contracts/")
    assert contract_news.exists()
    assert not contract_news.filter(text__contains="tanda tangani").exists()
    # Nor the payments and the non-conformance reports of months ago; the invoice still open
    # is news to KAI.
    assert not Notification.objects.filter(link__startswith="/inspection/").exists()
    invoice_news = Notification.objects.filter(link__startswith="/payments/")
    assert invoice_news.exists() and not invoice_news.filter(text__contains="membayar").exists()


@pytest.mark.django_db
def test_the_ministry_keeps_the_issues_scenarios_and_each_computes(plan):
    from pasok.insights.models import Scenario
    from pasok.insights.services.scenarios import execute
    from pasok.suppliers.catalogue import load_into
    from pasok.suppliers.models import MaterialGrade, Process

    load_into(Process, MaterialGrade)  # a transactional test before may have flushed them
    with clock.frozen(dt.datetime(2026, 3, 1, 2, tzinfo=dt.UTC)):
        load_cluster(plan)
        assert Scenario.objects.count() == 4
        assert all(execute(s.pk) == "done" for s in Scenario.objects.all())
    half = Scenario.objects.get(name__startswith="KAI")
    # Half of KAI's blocks imported, though the cluster supplies them at TKDN 47,5%.
    [breach] = half.result["breaches"]
    assert breach["breach"] and breach["cluster_tkdn"] == 47.5
    assert half.result["change"]["revenue"] < 0 > half.result["change"]["direct_jobs"]
    drums = Scenario.objects.get(name__startswith="Astra")
    assert drums.result["change"]["revenue"] == 3_000 * 185_000
    combined = Scenario.objects.get(name__startswith="Gabungan")
    assert combined.result["breaches"][0]["value_per_month"] == breach["value_per_month"]


def _the_demo_follows_the_matching_to_a_first_order():
    """demo/markets.py: Otoparts' RFQ quoted twice, the cheaper's samples approved, the
    contract signed and its first order issued; the event's four pairings, one climbed to the
    contract, with an overdue follow-up."""
    from pasok.mediation.models import FollowUp, MediationEvent, Stage
    from pasok.rfqs.models import Decision, Quotation, Rfq

    rfq = Rfq.objects.get(buyer__name="PT Astra Otoparts Tbk")
    assert Quotation.objects.filter(rfq=rfq, withdrawn_at__isnull=True).count() == 2
    inspection = rfq.sample_orders.get().inspections.get()
    assert inspection.decision == Decision.APPROVED and inspection.passes
    assert rfq.contract.version == 1 and rfq.contract.items.get().call_offs.count() == 1
    event = MediationEvent.objects.get()
    buyers = {p.organisation.name for p in event.participants.filter(present=True)
              if p.organisation.is_buyer}
    assert buyers == {"PT Astra Otoparts Tbk", "PT Mitra Presisi Otomotif",
                      "PT Garuda Komponen Niaga"}
    assert sorted(p.stage for p in event.pairings.all()) == [1, 1, Stage.RFQ, Stage.CONTRACT]
    won = event.pairings.get(stage=Stage.CONTRACT)
    assert (won.rfq, won.contract) == (rfq, rfq.contract)
    assert FollowUp.objects.filter(done_at__isnull=True, due_on__lt=TODAY).count() == 1
