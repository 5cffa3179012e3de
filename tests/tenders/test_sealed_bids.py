"""The tender life cycle at the service level, and the seal: nobody but the bidder reads a
bid before opening — not the buyer, the ministry, the platform admin, the audit log or a
database dump."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import translation

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.services import organisation_verify
from pasok.audit.models import AuditEvent
from pasok.tenders import sealing
from pasok.tenders.content import BidContent
from pasok.tenders.models import Award, AwardRule, Bid, BidEvaluation, Status, Tender
from pasok.tenders.services import (
    bid_content_for,
    bid_submit,
    bid_withdraw,
    lot_add,
    tender_award,
    tender_cancel,
    tender_create,
    tender_evaluate,
    tender_open,
    tender_publish,
)
from pasok.tkdn.models import TkdnCertificate
from pasok.tkdn.services import certificate_record
from tests.tenders.files import nib_pdf

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
DEADLINE = T0 + dt.timedelta(days=14)
OPENING = DEADLINE + dt.timedelta(hours=1)


@pytest.fixture
def tender(cluster):
    for org in (cluster.supplier_a, cluster.supplier_b, cluster.member, cluster.cooperative):
        organisation_verify(by=SYSTEM, organisation=org)
    buyer = cluster.users["buyer_x"]
    with clock.frozen(T0):
        tender = tender_create(by=buyer, buyer=cluster.buyer_x, title="Blok rem 2027",
                               bid_deadline=DEADLINE, opening_time=OPENING,
                               min_tkdn_percent=Decimal(25), required_documents=["NIB"])
        lot_add(by=buyer, tender=tender, product="Blok rem komposit K", quantity=10_000,
                unit_weight_kg=Decimal("11.5"), hps_unit_price=Decimal(120_000),
                delivery_schedule=[5000, 5000])
        return tender_publish(by=buyer, tender=tender)


def _cert(cluster, org, tkdn):
    """The bidder's certificate of this TKDN, recorded by its first bid: a certificate number
    is recorded once."""
    number = f"{org.pk}/TKDN/{tkdn}"
    return TkdnCertificate.objects.filter(number=number).first() or certificate_record(
        by=SYSTEM, organisation=org, regime="permenperin-35-2025", product="Blok rem",
        tkdn_percent=Decimal(tkdn), bmp_percent=Decimal(6), issued_on=dt.date(2026, 1, 5),
        number=number, verifier="PT Sucofindo (Persero)")


def _bid(cluster, role, tender, price, tkdn=None, **kw):
    org = cluster.users[role].organisation
    cert = _cert(cluster, org, tkdn) if tkdn is not None else None
    files = {kind: nib_pdf() for kind in tender.required_documents}
    return bid_submit(by=cluster.users[role], lot=tender.lots.get(), unit_price=Decimal(price),
                      quantity=kw.pop("quantity", 10_000), monthly_capacity=5000,
                      certificate_id=cert.pk if cert else None,
                      documents=kw.pop("documents", files), **kw)


def test_status_follows_the_clock_to_the_second(tender):
    assert tender.status_at(DEADLINE - dt.timedelta(seconds=1)) == Status.PUBLISHED
    assert tender.status_at(DEADLINE) == Status.CLOSED


def test_no_bid_one_second_after_the_deadline(cluster, tender):
    with clock.frozen(DEADLINE - dt.timedelta(seconds=1)):
        _bid(cluster, "supplier_a", tender, 110_000, tkdn=45)
    with clock.frozen(DEADLINE), pytest.raises(ValidationError):
        _bid(cluster, "supplier_b", tender, 100_000, tkdn=45)
    assert Bid.objects.count() == 1


def test_the_seal_holds_until_opening(cluster, tender):
    with clock.frozen(T0 + dt.timedelta(days=1)):
        bid, nonce = _bid(cluster, "supplier_a", tender, 109_500, tkdn=45)
    # Only the bidder's people see the bid at all.
    for role in ("buyer_x", "buyer_y", "ministry", "admin", "supplier_b", "cooperative"):
        assert not Bid.objects.visible_to(cluster.users[role]).exists(), role
        with pytest.raises(PermissionDenied):
            bid_content_for(user=cluster.users[role], bid=bid)
    assert bid_content_for(user=cluster.users["supplier_a"], bid=bid)["unit_price"] == "109500"
    # At rest the row holds ciphertext; the price appears nowhere in the table or the log.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM tenders_bid")
        row = " ".join(str(bytes(v)) if isinstance(v, memoryview | bytes) else str(v)
                       for v in cursor.fetchone())
    assert "109500" not in row and "109.500" not in row
    logged = " ".join(str(e.after) for e in AuditEvent.objects.filter(action="bid.submit"))
    assert "109500" not in logged and bid.digest in logged
    # The receipt: the digest is SHA-256 of the canonical content, nonce included.
    content = sealing.unseal(bid.sealed)
    assert content["nonce"] == nonce and sealing.digest(content) == bid.digest


def test_replace_and_withdraw_until_the_deadline(cluster, tender):
    with clock.frozen(T0 + dt.timedelta(days=1)):
        first, _n = _bid(cluster, "supplier_a", tender, 115_000, tkdn=45)
        second, _n = _bid(cluster, "supplier_a", tender, 112_000, tkdn=45)
        assert second.pk == first.pk and second.version == 2 and second.digest != first.digest
        bid_withdraw(by=cluster.users["supplier_a"], bid=second)
    with clock.frozen(DEADLINE + dt.timedelta(seconds=1)), pytest.raises(ValidationError):
        bid_withdraw(by=cluster.users["supplier_a"], bid=second)


@pytest.mark.parametrize(("change", "field"), [
    ({"quantity": 10_001}, "quantity"),
    ({"quantity": 0}, "quantity"),
])
def test_bad_bids_are_refused(cluster, tender, change, field):
    with clock.frozen(T0), pytest.raises(ValidationError) as exc:
        _bid(cluster, "supplier_a", tender, 100_000, tkdn=45, **change)
    assert field in exc.value.message_dict
    with clock.frozen(T0), pytest.raises(ValidationError) as exc:
        _bid(cluster, "supplier_a", tender, 0)
    assert "unit_price" in exc.value.message_dict
    assert not Bid.objects.exists()


def test_expired_certificate_and_unverified_supplier_are_refused(cluster, tender):
    old = certificate_record(by=SYSTEM, organisation=cluster.supplier_a,
                             regime="permenperin-16-2011", product="Blok rem",
                             tkdn_percent=Decimal(50), issued_on=dt.date(2022, 1, 1),
                             self_declared=True)
    with clock.frozen(T0), pytest.raises(ValidationError) as exc:
        bid_submit(by=cluster.users["supplier_a"], lot=tender.lots.get(), unit_price=100,
                   quantity=10, monthly_capacity=10, certificate_id=old.pk)
    assert "certificate" in exc.value.message_dict
    from pasok.accounts.services import organisation_create, user_create
    from tests.conftest import make_nib, make_npwp

    fresh = organisation_create(by=SYSTEM, name="UD Baru", kind="supplier", nib=make_nib(90),
                                npwp=make_npwp(90), province="Jawa Tengah", regency="Klaten")
    user = user_create(by=SYSTEM, email="baru@x.id", full_name="Baru", password=None,
                       organisation=fresh, org_role="admin")
    with clock.frozen(T0), pytest.raises(ValidationError, match="belum terverifikasi"):
        bid_submit(by=user, lot=tender.lots.get(), unit_price=100, quantity=10,
                   monthly_capacity=10)


def test_opening_evaluation_and_award(cluster, tender):
    with clock.frozen(T0 + dt.timedelta(days=2)):
        a, _n = _bid(cluster, "supplier_a", tender, 118_000, tkdn=45)   # tier a, HEA lower
        b, _n = _bid(cluster, "supplier_b", tender, 110_000, tkdn=20)   # below the minimum
        m, _n = _bid(cluster, "cooperative", tender, 119_500, tkdn=30, documents={},
                     members=[(cluster.member.pk, 10_000)])              # missing NIB
    buyer = cluster.users["buyer_x"]
    with clock.frozen(DEADLINE + dt.timedelta(minutes=30)), pytest.raises(ValidationError):
        tender_open(by=buyer, tender=tender)  # before the opening time
    with clock.frozen(OPENING):
        tender_open(by=buyer, tender=tender)
        tender_evaluate(by=buyer, tender=tender)
        tender_award(by=buyer, tender=tender)
    # After opening the buyer and the other bidders read the bids; outsiders still do not.
    assert Bid.objects.visible_to(cluster.users["buyer_x"]).count() == 3
    assert Bid.objects.visible_to(cluster.users["supplier_b"]).count() == 3
    assert not Bid.objects.visible_to(cluster.users["buyer_y"]).exists()
    assert bid_content_for(user=cluster.users["buyer_x"], bid=a)["unit_price"] == "118000"
    evaluations = {e.bid_id: e for e in BidEvaluation.objects.all()}
    assert evaluations[b.pk].exclusion == {"code": "tkdn_below_minimum", "minimum": "25.00"}
    assert evaluations[m.pk].excluded_reason == "dokumen kurang: NIB"
    winner = evaluations[a.pk]
    assert (winner.tier, winner.rank) == ("a", 1)
    # The award's record: what the bid said, copied once, and the rule that chose it.
    award = Award.objects.get()
    assert (award.bid_id, award.supplier_id, award.lot_id) == (a.pk, a.bidder_id, a.lot_id)
    assert (award.quantity, award.unit_price, award.value) == (
        10_000, Decimal("118000.00"), Decimal("1180000000.00"))
    assert (award.tkdn_percent, award.share, award.rule) == (
        Decimal("45.00"), Decimal("1.000000"), AwardRule.RANK_ONE)
    assert award.awarded_at == Tender.objects.get(pk=tender.pk).awarded_at
    # KP = 45% × 25% = 0.1125 → HEA = 0.8875 × 118,000 × 10,000.
    assert winner.hea == Decimal("1047250000.00")
    tender.refresh_from_db()
    assert tender.status == Status.AWARDED


def test_award_and_cancel_cannot_both_win(cluster, tender):
    buyer = cluster.users["buyer_x"]
    with clock.frozen(T0):
        tender_cancel(by=buyer, tender=tender, reason="Spesifikasi berubah")
        with pytest.raises(ValidationError):
            _bid(cluster, "supplier_a", tender, 100_000, tkdn=45)
        with pytest.raises(ValidationError):
            tender_cancel(by=buyer, tender=tender, reason="lagi")


def test_small_business_reservation(cluster):
    buyer = cluster.users["buyer_x"]
    with clock.frozen(T0):
        tender = tender_create(by=buyer, buyer=cluster.buyer_x, title="Blok rem",
                               bid_deadline=DEADLINE, opening_time=OPENING,
                               small_business_reserved=False)
        lot_add(by=buyer, tender=tender, product="Blok rem", quantity=100,
                unit_weight_kg=Decimal(11), hps_unit_price=Decimal(100_000))
        with pytest.raises(ValidationError) as exc, translation.override("en"):
            tender_publish(by=buyer, tender=tender)
    assert "up to Rp15 billion is reserved" in exc.value.message_dict["reservation_exemption"][0]
    assert Tender.objects.get().published_at is None
    with pytest.raises(PermissionDenied):
        tender_create(by=cluster.users["supplier_a"], buyer=cluster.buyer_x, title="x",
                      bid_deadline=DEADLINE, opening_time=OPENING)


def test_results_and_reminders_reach_the_bidders(cluster, tender,
                                                django_capture_on_commit_callbacks):
    from pasok.accounts.models import Notification
    from pasok.tenders.tasks import send_deadline_reminders

    with clock.frozen(T0 + dt.timedelta(days=2)):
        _bid(cluster, "supplier_a", tender, 118_000, tkdn=45)
        _bid(cluster, "supplier_b", tender, 119_000, tkdn=45)
    with clock.frozen(DEADLINE - dt.timedelta(hours=3)):
        assert send_deadline_reminders.call() == 1
        assert send_deadline_reminders.call() == 0  # once per tender
    buyer = cluster.users["buyer_x"]
    with clock.frozen(OPENING), django_capture_on_commit_callbacks(execute=True):
        tender_open(by=buyer, tender=tender)
        tender_evaluate(by=buyer, tender=tender)
        tender_award(by=buyer, tender=tender)
    texts = dict(Notification.objects.filter(text__contains="lot 1").values_list(
        "user__email", "text"))
    assert texts["supplier_a@example.id"].endswith(
        "penawaran Anda menang untuk 10.000 dari 10.000 unit lot ini.")
    assert "peringkat 2" in texts["supplier_b@example.id"]


def test_split_award_by_hand_checks_the_shares(cluster):
    from pasok.tenders.services import tender_award_split

    for org in (cluster.supplier_a, cluster.supplier_b):
        organisation_verify(by=SYSTEM, organisation=org)
    buyer = cluster.users["buyer_x"]
    with clock.frozen(T0):
        tender = tender_create(by=buyer, buyer=cluster.buyer_x, title="Blok rem",
                               bid_deadline=DEADLINE, opening_time=OPENING,
                               split_award_allowed=True)
        lot = lot_add(by=buyer, tender=tender, product="Blok rem", quantity=100,
                      unit_weight_kg=Decimal(11), hps_unit_price=Decimal(110_000))
        tender = tender_publish(by=buyer, tender=tender)
        a, _n = _bid(cluster, "supplier_a", tender, 100_000, tkdn=45, quantity=60)
        b, _n = _bid(cluster, "supplier_b", tender, 101_000, tkdn=45, quantity=70)
    with clock.frozen(OPENING):
        tender_open(by=buyer, tender=tender)
        tender_evaluate(by=buyer, tender=tender)
        for shares in ({a.pk: 60, b.pk: 50}, {a.pk: 61, b.pk: 39}, {a.pk: 60}):
            with pytest.raises(ValidationError):
                tender_award_split(by=buyer, tender=tender, quantities=shares)
        tender_award_split(by=buyer, tender=tender, quantities={a.pk: 60, b.pk: 40})
    shares = dict(Award.objects.values_list("bid_id", "quantity"))
    assert shares == {a.pk: 60, b.pk: 40}
    assert set(Award.objects.values_list("rule", "share")) == {
        (AwardRule.HAND_SPLIT, Decimal("0.600000")), (AwardRule.HAND_SPLIT, Decimal("0.400000"))}
    assert Tender.objects.get(pk=tender.pk).status == Status.AWARDED
    assert lot.quantity == 100


def test_bids_above_the_owner_estimate_are_set_aside_and_totals_corrected(cluster, tender):
    with clock.frozen(T0 + dt.timedelta(days=1)):
        over, _n = _bid(cluster, "supplier_a", tender, 121_000, tkdn=45)  # HPS is 120,000
        fair, _n = _bid(cluster, "supplier_b", tender, 119_000, tkdn=45,
                        total_price=Decimal(1_191_000_000))  # miswritten; unit price counts
    buyer = cluster.users["buyer_x"]
    with clock.frozen(OPENING):
        tender_open(by=buyer, tender=tender)
        tender_evaluate(by=buyer, tender=tender)
    evaluations = {e.bid_id: e for e in BidEvaluation.objects.all()}
    assert evaluations[over.pk].exclusion["code"] == "above_owner_estimate"
    assert evaluations[fair.pk].rank == 1
    # HEA on the corrected total: (1 − 0.45 × 0.25) × 119,000 × 10,000.
    assert evaluations[fair.pk].hea == Decimal("1056125000.00")


def test_a_submitted_bid_seals_exactly_its_terms(cluster, tender):
    with clock.frozen(T0):
        bid, nonce = _bid(cluster, "supplier_a", tender, "118000.50", tkdn=45)
    raw = sealing.unseal(bid.sealed)
    read = BidContent.of(raw)
    assert (read.unit_price, read.quantity, read.tkdn_percent, read.nonce) == (
        Decimal("118000.50"), 10_000, Decimal("45.00"), nonce)
    assert read.sealed() == {**raw, "unit_price": Decimal("118000.50"),
                             "tkdn_percent": Decimal("45.00"),
                             "bmp_percent": Decimal(raw["bmp_percent"])}
    assert sealing.digest(read.sealed()) == bid.digest


def test_who_sees_opened_bids_is_asked_without_multiplying_rows(cluster):
    """A join through the tender's bids multiplied every bid by its tender's bids and needed
    DISTINCT over the sealed columns: 2 s a page for a 200-bid tender."""
    sql = str(Bid.objects.visible_to(cluster.users["supplier_b"]).query).upper()
    assert "DISTINCT" not in sql and ' JOIN "TENDERS_BID"' not in sql
