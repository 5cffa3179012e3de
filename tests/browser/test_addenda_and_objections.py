"""On a phone: the buyer amends a published tender (a lot's schedule refused, then fixed);
the bidder whose bid came before sees it flagged and confirms it. After the award a bidder
objects (the empty form refused first) and the buyer answers. axe-core scans every page and
the error states."""

import datetime as dt
from decimal import Decimal

import pytest

from pasok import clock
from pasok.tenders.models import Objection
from tests.browser.conftest import assert_accessible, click_and_wait, sign_in
from tests.conftest import PASSWORD
from tests.tenders.test_addenda import T0
from tests.tenders.test_addenda import tender as published  # noqa: F401 (the fixture)
from tests.tenders.test_objections import DURING
from tests.tenders.test_objections import tender as awarded  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_buyer_amends_and_the_bidder_confirms(phone, cluster, published):  # noqa: F811
    from pasok.tenders.services import bid_submit

    lot = published.lots.get()
    with clock.frozen(T0):
        bid, _nonce = bid_submit(by=cluster.users["supplier_a"], lot=lot,
                                 unit_price=Decimal(110_000), quantity=1000,
                                 monthly_capacity=1000)
    page = phone
    with clock.frozen(T0 + dt.timedelta(days=1)):
        sign_in(page, "buyer_x@example.id", PASSWORD)
        page.goto(f"/tenders/{published.pk}/")
        click_and_wait(page, "#addendum-link")
        page.fill("#id_reason", "Jadwal pengiriman dibagi dua bulan.")
        page.fill("#id_lot-0-delivery_schedule", "600 500")
        click_and_wait(page, "#issue-addendum")
        assert page.is_visible(".error-summary, [role=alert]")
        assert_accessible(page)
        page.fill("#id_lot-0-delivery_schedule", "500 500")
        click_and_wait(page, "#issue-addendum")
        page.wait_for_url(f"**/tenders/{published.pk}/")
        assert "Jadwal pengiriman dibagi dua bulan." in page.inner_text("#addenda")
        page.context.clear_cookies()

        sign_in(page, "supplier_a@example.id", PASSWORD)
        page.goto(f"/tenders/{published.pk}/")
        click_and_wait(page, "text=konfirmasi terhadap adendum 1")
        click_and_wait(page, "#confirm-bid")
        assert page.locator("#confirm-bid").count() == 0
        assert "dikonfirmasi terhadap adendum" in page.inner_text("#bid-history")
    bid.refresh_from_db()
    assert bid.addendum == 1


def test_a_bidder_objects_and_the_buyer_answers(phone, cluster, awarded):  # noqa: F811
    page = phone
    with clock.frozen(DURING):
        sign_in(page, "supplier_b@example.id", PASSWORD)
        page.goto(f"/tenders/{awarded.pk}/")
        click_and_wait(page, "a[href$='/objections/']")
        click_and_wait(page, "#file-objection")
        assert page.is_visible(".error-summary, [role=alert]")
        assert_accessible(page)
        page.fill("#id_reasons", "Harga pemenang di bawah kewajaran.")
        click_and_wait(page, "#file-objection")
        assert "Harga pemenang di bawah kewajaran." in page.inner_text("main")
        page.context.clear_cookies()

        sign_in(page, "buyer_x@example.id", PASSWORD)
        page.goto(f"/tenders/{awarded.pk}/objections/")
        objection = Objection.objects.get()
        page.fill(f"#answer-{objection.public_id}", "Harga sudah diklarifikasi.")
        click_and_wait(page, "text=Kirim jawaban")
        assert "Harga sudah diklarifikasi." in page.inner_text("main")
    objection.refresh_from_db()
    assert objection.answered_at is not None
