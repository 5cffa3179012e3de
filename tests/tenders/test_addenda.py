"""Addenda (adendum) to a published tender: what they may change, the notices to every
supplier that opened the tender or bid on it, and bids made before an addendum waiting for
their bidder's confirmation, else set aside at the evaluation."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import Notification
from pasok.accounts.services import organisation_verify
from pasok.audit.models import AuditEvent
from pasok.tenders import services
from pasok.tenders.models import Addendum, BidEventKind, TenderReader
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
DEADLINE = T0 + dt.timedelta(days=14)
OPENING = DEADLINE + dt.timedelta(hours=1)


@pytest.fixture
def tender(cluster):
    """Buyer X's published tender with one lot; suppliers A and B verified."""
    for org in (cluster.supplier_a, cluster.supplier_b):
        organisation_verify(by=SYSTEM, organisation=org)
    buyer = cluster.users["buyer_x"]
    with clock.frozen(T0):
        tender = services.tender_create(
            by=buyer, buyer=cluster.buyer_x, title="Blok rem 2027", bid_deadline=DEADLINE,
            opening_time=OPENING, required_documents=[])
        services.lot_add(by=buyer, tender=tender, product="Blok rem komposit K",
                         quantity=1000, unit_weight_kg=Decimal("11.5"),
                         hps_unit_price=Decimal(120_000))
        services.tender_publish(by=buyer, tender=tender)
    return tender


def _bid(cluster, role, tender, price=110_000):
    return services.bid_submit(by=cluster.users[role], lot=tender.lots.get(),
                               unit_price=Decimal(price), quantity=1000,
                               monthly_capacity=1000)[0]


def _issue(cluster, tender, at=T0 + dt.timedelta(days=1), **changes):
    with clock.frozen(at):
        return services.addendum_issue(by=cluster.users["buyer_x"], tender=tender,
                                       reason=changes.pop("reason", "Spesifikasi diperbarui"),
                                       **changes)


def _login(client, role):
    client.logout()
    assert client.login(email=f"{role}@example.id", password=PASSWORD)


def test_an_addendum_changes_documents_a_lot_and_extends_the_deadline(cluster, tender):
    lot = tender.lots.get()
    later = DEADLINE + dt.timedelta(days=7)
    first = _issue(cluster, tender, required_documents=["NIB", "Sertifikat TKDN"],
                   bid_deadline=later, opening_time=later + dt.timedelta(hours=1),
                   lots={lot.pk: {"quantity": 1200, "hps_unit_price": Decimal(125_000)}})
    tender.refresh_from_db()
    lot.refresh_from_db()
    assert first.number == 1 and tender.latest_addendum == 1
    assert tender.required_documents == ["NIB", "Sertifikat TKDN"]
    assert tender.bid_deadline == later and lot.quantity == 1200
    assert lot.hps_unit_price == 125_000
    assert {(c["field"], c["lot"]) for c in first.changes} == {
        ("required_documents", None), ("bid_deadline", None), ("opening_time", None),
        ("quantity", 1), ("hps_unit_price", 1)}
    assert {"field": "quantity", "lot": 1, "before": 1000, "after": 1200} in first.changes
    event = AuditEvent.objects.get(action="tender.addendum")
    assert event.after["number"] == 1 and event.actor == cluster.users["buyer_x"]
    second = _issue(cluster, tender, reason="Jadwal", bid_deadline=later + dt.timedelta(days=1),
                    opening_time=later + dt.timedelta(days=1))
    assert second.number == 2
    assert list(Addendum.objects.values_list("number", flat=True)) == [1, 2]


def test_an_addendum_may_correct_the_lots_family_and_says_it_in_words(cluster, tender):
    from pasok.tenders.addenda_text import change_lines

    lot = tender.lots.get()
    issued = _issue(cluster, tender, lots={lot.pk: {"family": "brake_block"}})
    lot.refresh_from_db()
    assert lot.family == "brake_block"
    assert change_lines(issued) == [
        "Lot 1, kelompok produk: Coran lainnya → Blok rem kereta api"]


@pytest.mark.parametrize(("changes", "field"), [
    ({"bid_deadline": DEADLINE - dt.timedelta(days=1)}, "bid_deadline"),
    ({"opening_time": OPENING - dt.timedelta(minutes=30)}, "opening_time"),
    ({"bid_deadline": OPENING + dt.timedelta(days=1)}, "opening_time"),  # opening before it
    ({"reason": " ", "required_documents": ["NIB"]}, "reason"),
])
def test_refusals_name_the_field(cluster, tender, changes, field):
    with pytest.raises(ValidationError) as refused:
        _issue(cluster, tender, **changes)
    assert field in refused.value.message_dict
    assert not Addendum.objects.exists()


def test_an_addendum_that_changes_nothing_is_refused(cluster, tender):
    lot = tender.lots.get()
    with pytest.raises(ValidationError, match="tidak mengubah apa pun"):
        _issue(cluster, tender, required_documents=[], bid_deadline=DEADLINE,
               lots={lot.pk: {"quantity": 1000}})


def test_a_lot_change_refused_names_its_lot_and_field(cluster, tender):
    lot = tender.lots.get()
    with pytest.raises(services.LotRefused) as refused:
        _issue(cluster, tender, lots={lot.pk: {"quantity": 10, "delivery_schedule": [5, 4]}})
    assert refused.value.number == 1 and "delivery_schedule" in refused.value.message_dict
    lot.refresh_from_db()
    assert lot.quantity == 1000


def test_only_the_buyer_and_only_before_the_deadline(cluster, tender):
    with pytest.raises(PermissionDenied), clock.frozen(T0):
        services.addendum_issue(by=cluster.users["buyer_y"], tender=tender, reason="x",
                                required_documents=["NIB"])
    with pytest.raises(ValidationError, match="selama penawaran dibuka"):
        _issue(cluster, tender, at=DEADLINE, required_documents=["NIB"])


def test_readers_and_bidders_are_told_in_their_language(client, cluster, tender,
                                                        django_capture_on_commit_callbacks):
    with clock.frozen(T0):
        _bid(cluster, "supplier_a", tender)
        _login(client, "supplier_b")  # B only opens the tender page
        assert client.get(reverse("tenders:detail", args=[tender.pk])).status_code == 200
        _login(client, "buyer_x")  # the buyer's own reading is not a supplier's
        client.get(reverse("tenders:detail", args=[tender.pk]))
    assert set(TenderReader.objects.values_list("organisation", flat=True)) == {
        cluster.supplier_b.pk}
    english = cluster.users["supplier_b"]
    english.language = "en"
    english.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        _issue(cluster, tender, required_documents=["NIB"])
    notes = dict(Notification.objects.values_list("user__email", "text"))
    # Everyone at the two suppliers: supplier A's staff and viewer read of it too.
    assert set(notes) == {"supplier_a@example.id", "staff_a@example.id", "viewer_a@example.id",
                          "supplier_b@example.id"}
    assert "adendum 1" in notes["supplier_a@example.id"]
    assert "addendum 1" in notes["supplier_b@example.id"]
    assert "confirm" in notes["supplier_b@example.id"]


def test_the_tender_page_shows_the_addenda_in_order(client, cluster, tender):
    _issue(cluster, tender, required_documents=["NIB"])
    _issue(cluster, tender, reason="Perpanjangan jadwal",
           bid_deadline=DEADLINE + dt.timedelta(days=3),
           opening_time=OPENING + dt.timedelta(days=3))
    _login(client, "supplier_b")
    with clock.frozen(T0 + dt.timedelta(days=2)):
        html = client.get(reverse("tenders:detail", args=[tender.pk])).content.decode()
    assert html.index("Adendum 1") < html.index("Adendum 2")
    assert "Dokumen yang disyaratkan: – → NIB" in html and "Perpanjangan jadwal" in html
    assert ("Batas akhir penawaran: 15 Desember 2026 09:00 WIB → 18 Desember 2026 09:00 WIB"
            in html)


def test_a_bid_before_the_addendum_is_flagged_and_confirmed(client, cluster, tender):
    with clock.frozen(T0):
        bid = _bid(cluster, "supplier_a", tender)
    sealed, digest = bytes(bid.sealed), bid.digest
    _issue(cluster, tender, required_documents=["NIB"])
    _login(client, "supplier_a")
    at = T0 + dt.timedelta(days=2)
    with clock.frozen(at):
        detail = client.get(reverse("tenders:detail", args=[tender.pk])).content.decode()
        own = client.get(reverse("tenders:own-bid", args=[tender.pk, bid.public_id]))
    assert "konfirmasi terhadap adendum 1" in detail
    assert 'id="confirm-bid"' in own.content.decode()
    with clock.frozen(at):
        response = client.post(reverse("tenders:bid-confirm", args=[tender.pk, bid.public_id]))
        assert response.status_code == 302
        again = client.get(reverse("tenders:own-bid", args=[tender.pk, bid.public_id]))
    bid.refresh_from_db()
    assert bid.addendum == 1 and bytes(bid.sealed) == sealed and bid.digest == digest
    event = bid.events.get(kind=BidEventKind.CONFIRMED)
    assert (event.addendum, event.version, event.digest) == (1, 1, digest)
    assert AuditEvent.objects.filter(action="bid.confirm").count() == 1
    assert 'id="confirm-bid"' not in again.content.decode()
    with pytest.raises(ValidationError, match="sudah berlaku"), clock.frozen(at):
        services.bid_confirm(by=cluster.users["supplier_a"], bid=bid)


def test_only_its_bidder_confirms_and_only_while_bids_are_open(cluster, tender):
    with clock.frozen(T0):
        bid = _bid(cluster, "supplier_a", tender)
    _issue(cluster, tender, required_documents=["NIB"])
    with pytest.raises(PermissionDenied), clock.frozen(T0 + dt.timedelta(days=2)):
        services.bid_confirm(by=cluster.users["supplier_b"], bid=bid)
    with pytest.raises(ValidationError), clock.frozen(DEADLINE):
        services.bid_confirm(by=cluster.users["supplier_a"], bid=bid)


def test_an_unconfirmed_bid_is_set_aside_at_the_evaluation(cluster, tender):
    with clock.frozen(T0):
        stale = _bid(cluster, "supplier_a", tender, price=100_000)
        confirmed = _bid(cluster, "supplier_b", tender, price=115_000)
    _issue(cluster, tender, reason="Gambar teknis", lots={
        tender.lots.get().pk: {"drawing_reference": "BR-2027-K rev. B"}})
    with clock.frozen(T0 + dt.timedelta(days=2)):
        services.bid_confirm(by=cluster.users["supplier_b"], bid=confirmed)
    buyer = cluster.users["buyer_x"]
    with clock.frozen(OPENING):
        services.tender_open(by=buyer, tender=tender)
        services.tender_evaluate(by=buyer, tender=tender)
    stale.refresh_from_db()
    confirmed.refresh_from_db()
    assert stale.evaluation.exclusion == {"code": "not_confirmed", "addendum": 1}
    assert stale.evaluation.excluded_reason == "tidak dikonfirmasi terhadap adendum 1"
    assert confirmed.evaluation.rank == 1


def test_a_bid_made_or_replaced_after_the_addendum_stands_against_it(cluster, tender):
    with clock.frozen(T0):
        _bid(cluster, "supplier_a", tender)
    _issue(cluster, tender, required_documents=["NIB"])
    with clock.frozen(T0 + dt.timedelta(days=2)):
        replaced = _bid(cluster, "supplier_a", tender, price=109_000)
        fresh = _bid(cluster, "supplier_b", tender)
    assert (replaced.addendum, fresh.addendum) == (1, 1)


def test_the_addendum_page_issues_and_reshows_errors(client, cluster, tender):
    lot = tender.lots.get()
    _login(client, "buyer_x")
    url = reverse("tenders:addendum", args=[tender.pk])
    form = {"reason": "Kuantitas ditambah", "bid_deadline": "2026-12-15T09:00",
            "opening_time": "2026-12-15T10:00", "required_documents": "",
            "lot-TOTAL_FORMS": "1", "lot-INITIAL_FORMS": "1", "lot-0-id": str(lot.pk),
            "lot-0-product": lot.product, "lot-0-family": lot.family,
            "lot-0-unit_weight_kg": "11,50",
            "lot-0-quantity": "1.200", "lot-0-unit": "pcs", "lot-0-hps_unit_price": "120.000",
            "lot-0-delivery_schedule": "600 500"}
    with clock.frozen(T0 + dt.timedelta(days=1)):
        assert client.get(url).status_code == 200
        refused = client.post(url, form)
        assert refused.status_code == 200
        html = refused.content.decode()
        assert "1.200" in html and "Kuantitas ditambah" in html  # what was typed
        assert "error-summary" in html or "errorlist" in html
        form["lot-0-delivery_schedule"] = "600 600"
        done = client.post(url, form)
    assert done.status_code == 302
    lot.refresh_from_db()
    assert lot.quantity == 1200 and lot.delivery_schedule == [600, 600]
    assert tender.addenda.get().number == 1


def test_the_page_leaves_a_deadline_with_seconds_alone(client, cluster, tender):
    """A deadline stored with seconds reads back to the minute in the form; sent back
    unchanged it is not an earlier deadline."""
    type(tender).objects.filter(pk=tender.pk).update(
        bid_deadline=DEADLINE + dt.timedelta(seconds=30))
    _login(client, "buyer_x")
    with clock.frozen(T0 + dt.timedelta(days=1)):
        response = client.post(reverse("tenders:addendum", args=[tender.pk]), {
            "reason": "Dokumen", "bid_deadline": "2026-12-15T09:00",
            "opening_time": "2026-12-15T10:00", "required_documents": "NIB",
            "lot-TOTAL_FORMS": "0", "lot-INITIAL_FORMS": "0"})
    assert response.status_code == 302
    tender.refresh_from_db()
    assert tender.bid_deadline == DEADLINE + dt.timedelta(seconds=30)
    assert tender.addenda.get().changes == [{"field": "required_documents", "lot": None,
                                             "before": [], "after": ["NIB"]}]
