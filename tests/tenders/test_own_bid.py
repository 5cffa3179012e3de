"""What a bidder sees of its own bid: the bid it sent on a page of its own (its people only,
before and after the deadline), its receipt as a PDF, and its history — every version's
receipt and the withdrawal, as rows written by bid_submit and bid_withdraw."""

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import translation

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.services import organisation_verify, user_create
from pasok.tenders import sealing
from pasok.tenders.models import BidEvent
from pasok.tenders.services import (
    bid_submit,
    bid_withdraw,
    lot_add,
    tender_create,
    tender_open,
    tender_publish,
)
from pasok.web.formatting import localized_file_size
from tests.conftest import PASSWORD
from tests.tenders.files import nib_pdf
from tests.tenders.test_evaluation_pdf import pdf_text
from tests.tenders.test_sealed_bids import _cert

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)  # 09:00 WIB
DEADLINE = T0 + dt.timedelta(days=7)
OPENING = DEADLINE + dt.timedelta(hours=1)


@pytest.fixture
def tender(cluster):
    for org in (cluster.supplier_a, cluster.supplier_b):
        organisation_verify(by=SYSTEM, organisation=org)
    buyer = cluster.users["buyer_x"]
    with clock.frozen(T0):
        tender = tender_create(by=buyer, buyer=cluster.buyer_x, title="Blok rem",
                               bid_deadline=DEADLINE, opening_time=OPENING,
                               required_documents=["NIB"])
        lot_add(by=buyer, tender=tender, product="Blok rem", quantity=1000,
                unit_weight_kg=Decimal(11), hps_unit_price=Decimal(100_000))
        return tender_publish(by=buyer, tender=tender)


def _bid(cluster, tender, price, role="supplier_a", at=T0 + dt.timedelta(hours=1)):
    cert = _cert(cluster, cluster.users[role].organisation, 45)
    with clock.frozen(at):
        return bid_submit(by=cluster.users[role], lot=tender.lots.get(),
                          unit_price=Decimal(price), quantity=1000, monthly_capacity=250,
                          certificate_id=cert.pk, documents={"NIB": nib_pdf()})[0]


def test_every_version_and_the_withdrawal_are_rows_of_the_history(cluster, tender):
    first = _bid(cluster, tender, 97_000)
    digest_1 = first.digest
    second = _bid(cluster, tender, 96_500, at=T0 + dt.timedelta(hours=2))
    with clock.frozen(T0 + dt.timedelta(hours=3)):
        bid_withdraw(by=cluster.users["supplier_a"], bid=second)
    rows = list(BidEvent.objects.filter(bid=second).values_list("kind", "version", "digest",
                                                                 "at"))
    assert rows == [("received", 1, digest_1, T0 + dt.timedelta(hours=1)),
                    ("received", 2, second.digest, T0 + dt.timedelta(hours=2)),
                    ("withdrawn", 2, "", T0 + dt.timedelta(hours=3))]
    assert digest_1 != second.digest
    # Only the bidder's own people read the history.
    assert BidEvent.objects.visible_to(cluster.users["supplier_a"]).count() == 3
    for role in ("supplier_b", "buyer_x", "ministry", "admin"):
        assert not BidEvent.objects.visible_to(cluster.users[role]).exists(), role


def test_the_bid_page_of_its_own_before_and_after_the_deadline(client, cluster, tender):
    _bid(cluster, tender, 97_000)
    bid = _bid(cluster, tender, 96_500, at=T0 + dt.timedelta(hours=2))
    viewer = user_create(by=SYSTEM, email="viewer-a@example.id", full_name="Viewer A",
                         password=PASSWORD, organisation=cluster.supplier_a, org_role="viewer")
    url = reverse("tenders:own-bid", args=[tender.pk, bid.public_id])
    for moment in (T0 + dt.timedelta(days=1), DEADLINE + dt.timedelta(minutes=5)):
        client.force_login(viewer)  # any of its people, a viewer too
        with clock.frozen(moment):
            page = client.get(url).content.decode()
        assert "Rp96.500" in page and "1.000 pcs" in page and "250 pcs" in page
        assert "Rp96.500.000" in page  # total
        assert "Produk dalam negeri" in page and "NIB perusahaan.pdf" in page
        assert "45,00% dari sertifikat" in page
        assert "2 Desember 2026 11:00 WIB" not in page
        assert "1 Desember 2026 11:00 WIB" in page and "1 Desember 2026 10:00 WIB" in page
        assert page.count("<code class=\"digest\">") >= 3  # digest, nonce, history
        assert bid.digest in page
    for role in ("supplier_b", "cooperative", "buyer_x", "ministry", "admin"):
        client.force_login(cluster.users[role])
        for moment in (T0 + dt.timedelta(days=1), OPENING + dt.timedelta(minutes=5)):
            if moment > OPENING and tender.opened_at is None:
                with clock.frozen(OPENING):
                    tender_open(by=cluster.users["buyer_x"], tender=tender)
                tender.refresh_from_db()
            with clock.frozen(moment):
                assert client.get(url).status_code == 404, role
                pdf = reverse("tenders:own-bid-pdf", args=[tender.pk, bid.public_id])
                assert client.get(pdf).status_code == 404, role


def test_the_receipt_as_pdf(client, cluster, tender):
    first = _bid(cluster, tender, 97_000)
    digest_1 = first.digest
    bid = _bid(cluster, tender, 96_500, at=T0 + dt.timedelta(hours=2))
    nonce = sealing.unseal(bid.sealed)["nonce"]
    client.force_login(cluster.users["supplier_a"])
    with clock.frozen(T0 + dt.timedelta(days=1)):
        response = client.get(reverse("tenders:own-bid-pdf", args=[tender.pk, bid.public_id]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="receipt-{tender.reference}-lot1-v2.pdf"')
    text = pdf_text(response.content)
    assert "Bukti terima penawaran" in text and "CV Logam Sejahtera" in text
    assert bid.digest in text and digest_1 in text and nonce in text
    assert "1 Desember 2026 11:00 WIB" in text and "Rp96.500" in text
    assert "Riwayat penawaran ini" in text and "halaman 1 dari" in text


def test_the_bid_page_unseals_the_standing_bid_once(client, cluster, tender):
    bid = _bid(cluster, tender, 97_000)
    client.force_login(cluster.users["supplier_a"])
    url = reverse("tenders:bid", args=[tender.pk, bid.lot_id])
    with clock.frozen(T0 + dt.timedelta(days=1)), \
            mock.patch("pasok.tenders.selectors.sealing.unseal",
                       wraps=sealing.unseal) as unseal:
        page = client.get(url)
    assert unseal.call_count == 1  # main unsealed it twice (documents, then initial values)
    assert page.context["form"].initial["unit_price"] == Decimal(97_000)
    assert "NIB perusahaan.pdf" in page.content.decode()


def test_the_pages_of_a_bid_in_a_bounded_number_of_queries(client, cluster, tender,
                                                           django_assert_max_num_queries):
    bid = _bid(cluster, tender, 97_000)
    for at in range(2, 6):  # five versions in its history
        _bid(cluster, tender, 97_000 - at, at=T0 + dt.timedelta(hours=at))
    with clock.frozen(T0):
        for n in range(3):  # more tenders on the list
            more = tender_create(by=cluster.users["buyer_x"], buyer=cluster.buyer_x,
                                 title=f"Tender {n}", bid_deadline=DEADLINE,
                                 opening_time=OPENING)
            lot_add(by=cluster.users["buyer_x"], tender=more, product="Blok", quantity=10,
                    unit_weight_kg=Decimal(1), hps_unit_price=Decimal(1000))
            tender_publish(by=cluster.users["buyer_x"], tender=more)
    client.force_login(cluster.users["supplier_a"])
    with clock.frozen(T0 + dt.timedelta(days=1)):
        with django_assert_max_num_queries(9):
            assert client.get(reverse("tenders:own-bid", args=[tender.pk, bid.public_id])
                              ).status_code == 200
        # 11: with the supplier's reader row (addenda reach it) and the addenda.
        with django_assert_max_num_queries(11):
            assert client.get(reverse("tenders:detail", args=[tender.pk])).status_code == 200
        with django_assert_max_num_queries(6):
            assert client.get(reverse("tenders:list")).status_code == 200


def test_the_detail_page_links_the_bid_and_its_receipt_page(client, cluster, tender):
    bid = _bid(cluster, tender, 97_000)
    client.force_login(cluster.users["supplier_a"])
    with clock.frozen(T0 + dt.timedelta(days=1)):
        page = client.get(reverse("tenders:detail", args=[tender.pk])).content.decode()
    assert reverse("tenders:own-bid", args=[tender.pk, bid.public_id]) in page


def _post_bid(client, tender, price="97000"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.tenders.files import PDF

    return client.post(reverse("tenders:bid", args=[tender.pk, tender.lots.get().pk]), {
        "unit_price": price, "quantity": "1000", "monthly_capacity": "250",
        "origin": "domestic",
        "document_0": SimpleUploadedFile("nib.pdf", PDF, "application/pdf")})


def test_the_receipt_is_a_get_after_a_redirect_and_a_reload_sends_nothing(client, cluster,
                                                                         tender):
    """POST, redirect, GET: reloading the receipt cannot send the bid again. The receipt's
    nonce comes once from the session; after that the bid's own page keeps the receipt."""
    client.force_login(cluster.users["supplier_a"])
    with clock.frozen(T0 + dt.timedelta(hours=2)):
        posted = _post_bid(client, tender)
        bid = tender.bids.get()
        receipt_url = reverse("tenders:bid-receipt", args=[tender.pk, bid.public_id])
        assert (posted.status_code, posted["Location"]) == (302, receipt_url)
        receipt = client.get(receipt_url)
        body = receipt.content.decode()
        assert receipt.status_code == 200 and bid.digest in body
        assert sealing.unseal(bid.sealed)["nonce"] in body
        again = client.get(receipt_url)  # the reload
        assert again["Location"] == reverse("tenders:own-bid", args=[tender.pk, bid.public_id])
    bid.refresh_from_db()
    assert bid.version == 1 and BidEvent.objects.filter(bid=bid).count() == 1
    # A receipt of another version is not shown from an older session entry either.
    with clock.frozen(T0 + dt.timedelta(hours=3)):
        _post_bid(client, tender, price="96000")
        session = client.session
        session["pasok.fresh_bid_receipt"]["version"] = 1
        session.save()
        assert client.get(receipt_url).status_code == 302
    with clock.frozen(T0 + dt.timedelta(hours=4)):  # nor of a bid withdrawn meanwhile
        _post_bid(client, tender, price="95000")
        bid_withdraw(by=cluster.users["supplier_a"], bid=bid)
        assert client.get(receipt_url).status_code == 302


def test_the_receipt_page_is_the_bidders_alone(client, cluster, tender):
    bid = _bid(cluster, tender, 97_000)
    url = reverse("tenders:bid-receipt", args=[tender.pk, bid.public_id])
    for role in ("supplier_b", "buyer_x", "ministry", "admin"):
        client.force_login(cluster.users[role])
        session = client.session
        session["pasok.fresh_bid_receipt"] = {"bid": bid.pk, "version": 1, "nonce": "x"}
        session.save()
        with clock.frozen(T0 + dt.timedelta(hours=2)):
            assert client.get(url).status_code == 404, role


def test_withdrawing_asks_first_and_says_what_happens(client, cluster, tender):
    bid = _bid(cluster, tender, 97_000)
    client.force_login(cluster.users["supplier_a"])
    url = reverse("tenders:bid-withdraw", args=[tender.pk, bid.public_id])
    with clock.frozen(T0 + dt.timedelta(hours=2)):
        detail = client.get(reverse("tenders:detail", args=[tender.pk])).content.decode()
        assert f'action="{url}"' in detail
        asked = client.post(url)
        bid.refresh_from_db()
        assert asked.status_code == 200 and bid.withdrawn_at is None
        body = asked.content.decode()
        assert 'id="confirm-button"' in body and 'name="confirm" value="1"' in body
        assert reverse("tenders:own-bid", args=[tender.pk, bid.public_id]) in body  # go back
        assert "versi 1" in body and "8 Desember 2026 09:00 WIB" in body  # and the deadline
        done = client.post(url, {"confirm": "1"})
    bid.refresh_from_db()
    assert done["Location"] == reverse("tenders:detail", args=[tender.pk])
    assert bid.withdrawn_at is not None and not bid.documents.exists()
    with clock.frozen(T0 + dt.timedelta(hours=3)):  # once withdrawn, nothing to confirm
        again = client.post(url, follow=True)
    assert "sudah ditarik" in again.content.decode()


def test_the_your_bid_column_is_the_supplier_sides_alone(client, cluster, tender):
    """A buyer, the ministry and platform admins never bid: the column is not theirs."""
    _bid(cluster, tender, 97_000)
    with translation.override("id"):
        column = f'data-label="{translation.gettext("Your bid")}"'
    for role, shown in (("supplier_a", True), ("supplier_b", True), ("cooperative", True),
                        ("buyer_x", False), ("ministry", False), ("admin", False)):
        client.force_login(cluster.users[role])
        with clock.frozen(T0 + dt.timedelta(days=1)):
            page = client.get(reverse("tenders:detail", args=[tender.pk])).content.decode()
        assert (column in page) == shown, role


def test_file_sizes_read_in_the_readers_notation(client, cluster, tender):
    """The attached file's size on the bid page and the bid's own page: 1,5 KB written the
    Indonesian way (web.formatting), never Django's filesizeformat."""
    bid = _bid(cluster, tender, 97_000)
    size = localized_file_size(bid.documents.get().size)
    client.force_login(cluster.users["supplier_a"])
    with clock.frozen(T0 + dt.timedelta(days=1)):
        for url in (reverse("tenders:bid", args=[tender.pk, tender.lots.get().pk]),
                    reverse("tenders:own-bid", args=[tender.pk, bid.public_id])):
            assert f"({size})" in client.get(url).content.decode(), url
