"""The objection period after an award (masa sanggah): a bidder objects once, with its
reasons, while it runs; the buyer answers; the award is final once the period has passed and
every objection is answered. Who reads objections, and who is told."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import Notification
from pasok.accounts.services import organisation_verify
from pasok.audit.models import AuditEvent
from pasok.rules.objection_period import period_end
from pasok.tenders import services
from pasok.tenders.models import Objection
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
DEADLINE = T0 + dt.timedelta(days=14)
OPENING = DEADLINE + dt.timedelta(hours=1)
AWARDED = OPENING + dt.timedelta(hours=1)  # 15 Dec 2026 11:00 WIB
PERIOD_END = dt.datetime(2026, 12, 21, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
DURING = AWARDED + dt.timedelta(days=2)


@pytest.fixture
def tender(cluster):
    """Buyer X's tender awarded to supplier A (the lower price) over supplier B; the
    cooperative did not bid."""
    for org in (cluster.supplier_a, cluster.supplier_b):
        organisation_verify(by=SYSTEM, organisation=org)
    buyer = cluster.users["buyer_x"]
    with clock.frozen(T0):
        tender = services.tender_create(by=buyer, buyer=cluster.buyer_x, title="Blok rem",
                                        bid_deadline=DEADLINE, opening_time=OPENING)
        lot = services.lot_add(by=buyer, tender=tender, product="Blok rem", quantity=100,
                               unit_weight_kg=Decimal(11), hps_unit_price=Decimal(100_000))
        services.tender_publish(by=buyer, tender=tender)
        for role, price in (("supplier_a", 90_000), ("supplier_b", 95_000)):
            services.bid_submit(by=cluster.users[role], lot=lot, unit_price=Decimal(price),
                                quantity=100, monthly_capacity=100)
    with clock.frozen(OPENING):
        services.tender_open(by=buyer, tender=tender)
        services.tender_evaluate(by=buyer, tender=tender)
    with clock.frozen(AWARDED):
        services.tender_award(by=buyer, tender=tender)
    tender.refresh_from_db()
    return tender


def _object(cluster, tender, role="supplier_b", at=DURING, reasons="Harga A tidak wajar."):
    with clock.frozen(at):
        return services.objection_file(by=cluster.users[role], tender=tender, reasons=reasons)


def _answer(cluster, objection, at=DURING + dt.timedelta(days=1)):
    with clock.frozen(at):
        return services.objection_answer(by=cluster.users["buyer_x"], objection=objection,
                                         answer="Harga sudah dievaluasi kewajarannya.")


def test_the_period_is_the_rules_five_calendar_days(tender):
    assert tender.objection_days == 5
    assert tender.objection_period_end == PERIOD_END
    assert tender.objection_period_end == period_end(timezone.localtime(AWARDED))
    assert tender.objections_open_at(PERIOD_END - dt.timedelta(seconds=1))
    assert not tender.objections_open_at(PERIOD_END)


def test_the_period_ends_at_midnight_in_the_buyers_zone(cluster, tender):
    """A buyer in Papua (WIT): its midnight, whichever zone the reader is in."""
    cluster.buyer_x.province = "Papua"
    cluster.buyer_x.save(update_fields=["province"])
    tender.refresh_from_db()
    wit = dt.timezone(dt.timedelta(hours=9))
    with timezone.override(ZoneInfo("Asia/Jakarta")):
        assert tender.objection_period_end == dt.datetime(2026, 12, 21, 0, 0, tzinfo=wit)


def test_final_once_the_period_passed_and_every_objection_is_answered(cluster, tender):
    assert not tender.award_final_at(DURING)
    assert tender.award_final_at(PERIOD_END)  # nobody objected
    objection = _object(cluster, tender)
    assert not tender.award_final_at(PERIOD_END)  # one objection waits for its answer
    _answer(cluster, objection)
    assert not tender.award_final_at(DURING + dt.timedelta(days=1))  # the period runs
    assert tender.award_final_at(PERIOD_END)


def test_a_bidder_objects_once_and_the_buyer_is_told(cluster, tender,
                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        objection = _object(cluster, tender)
    assert objection.bidder == cluster.supplier_b
    # Everyone at the buyer: its admin, staff and viewer.
    assert set(Notification.objects.values_list("user__email", flat=True)) == {
        "buyer_x@example.id", "staff_x@example.id", "viewer_x@example.id"}
    assert "UD Cor Makmur" in Notification.objects.filter(user__email="buyer_x@example.id"
                                                          ).get().text
    assert AuditEvent.objects.filter(action="tender.object").count() == 1
    with pytest.raises(ValidationError, match="satu kali"):
        _object(cluster, tender, reasons="Lagi.")
    assert Objection.objects.count() == 1


@pytest.mark.parametrize("role", ["cooperative", "buyer_x", "ministry"])
def test_only_a_bidder_of_the_tender_objects(cluster, tender, role):
    with pytest.raises(PermissionDenied):
        _object(cluster, tender, role=role)


def test_no_objection_after_the_period_nor_without_reasons(cluster, tender):
    with pytest.raises(ValidationError, match="berakhir"):
        _object(cluster, tender, at=PERIOD_END)
    with pytest.raises(ValidationError) as refused:
        _object(cluster, tender, reasons="  ")
    assert "reasons" in refused.value.message_dict


def test_the_buyer_answers_once_and_the_objector_is_told(cluster, tender,
                                                         django_capture_on_commit_callbacks):
    objection = _object(cluster, tender)
    with pytest.raises(PermissionDenied), clock.frozen(DURING):
        services.objection_answer(by=cluster.users["supplier_a"], objection=objection,
                                  answer="x")
    with pytest.raises(ValidationError) as empty, clock.frozen(DURING):
        services.objection_answer(by=cluster.users["buyer_x"], objection=objection,
                                  answer=" ")
    assert "answer" in empty.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        answered = _answer(cluster, objection)
    assert answered.answered_by == cluster.users["buyer_x"]
    assert list(Notification.objects.values_list("user__email", flat=True)) == [
        "supplier_b@example.id"]
    with pytest.raises(ValidationError, match="sudah dijawab"):
        _answer(cluster, objection)


@pytest.mark.parametrize(("role", "sees"), [
    ("supplier_b", True), ("supplier_a", False), ("cooperative", False), ("buyer_x", True),
    ("ministry", True), ("admin", True)])
def test_who_reads_an_objection(client, cluster, tender, role, sees):
    _object(cluster, tender, reasons="Alasan sanggah rahasia")
    assert client.login(email=f"{role}@example.id", password=PASSWORD)
    with clock.frozen(DURING):
        response = client.get(reverse("tenders:objections", args=[tender.pk]))
    assert response.status_code == 200
    assert ("Alasan sanggah rahasia" in response.content.decode()) == sees


def test_the_page_files_an_objection_and_reshows_errors(client, cluster, tender):
    assert client.login(email="supplier_b@example.id", password=PASSWORD)
    url = reverse("tenders:objections", args=[tender.pk])
    with clock.frozen(DURING):
        page = client.get(url).content.decode()
        assert 'id="objection-form"' in page and "21 Desember 2026 00:00 WIB" in page
        assert client.post(url, {"reasons": ""}).status_code == 200
        assert client.post(url, {"reasons": "Harga A di bawah kewajaran."}).status_code == 302
        after = client.get(url).content.decode()
    assert "Harga A di bawah kewajaran." in after and 'id="objection-form"' not in after


def test_the_buyer_answers_on_the_page(client, cluster, tender):
    objection = _object(cluster, tender)
    assert client.login(email="buyer_x@example.id", password=PASSWORD)
    with clock.frozen(DURING):
        response = client.post(reverse("tenders:objection-answer",
                                       args=[tender.pk, objection.public_id]),
                               {"answer": "Sudah diklarifikasi."})
    assert response.status_code == 302
    objection.refresh_from_db()
    assert objection.answer == "Sudah diklarifikasi."


def test_follow_ups_and_the_tender_page_still_work_during_the_period(client, cluster, tender):
    assert client.login(email="buyer_x@example.id", password=PASSWORD)
    with clock.frozen(DURING):
        html = client.get(reverse("tenders:detail", args=[tender.pk])).content.decode()
    assert "Sanggah sampai" in html and reverse("tenders:award-report",
                                                args=[tender.pk]) in html
    lot = tender.lots.get()
    assert lot.covered_quantity == 100  # the award stands as it did before the period
