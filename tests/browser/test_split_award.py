"""The buyer, on a phone, opens the evaluation of a tender that allows split awards: the
share inputs come filled with the optimiser's proposal (cheapest evaluated price first,
each bid within what it offered) and one click awards it."""

import pytest

from pasok import clock
from pasok.tenders.models import BidEvaluation, Status, Tender
from tests.browser.conftest import ARTIFACTS, sign_in
from tests.conftest import PASSWORD
from tests.tenders.test_sealed_bids import _bid
from tests.tenders.test_split_proposal import T0, _open_and_evaluate, _tender

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_buyer_awards_the_optimisers_split(phone, cluster):
    with clock.frozen(T0):
        tender = _tender(cluster, schedule=[], quantity=100)
        a, _ = _bid(cluster, "supplier_a", tender, 100_000, tkdn=45, quantity=60)
        b, _ = _bid(cluster, "supplier_b", tender, 101_000, tkdn=45, quantity=70)
    _open_and_evaluate(cluster, tender)
    page = phone
    sign_in(page, "buyer_x@example.id", PASSWORD)
    page.goto(f"/tenders/{tender.pk}/evaluation/")
    assert page.input_value(f"input[name=share-{a.pk}]") == "60"
    assert page.input_value(f"input[name=share-{b.pk}]") == "40"
    assert "jumlah yang ditawarkan" in page.inner_text("main")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "split-award-phone.png"), full_page=True)
    page.click("text=Tetapkan pemenang sesuai usulan pengoptimal")
    page.wait_for_url(f"**/tenders/{tender.pk}/")
    assert Tender.objects.get(pk=tender.pk).status == Status.AWARDED
    shares = dict(BidEvaluation.objects.values_list("bid_id", "awarded_quantity"))
    assert shares == {a.pk: 60, b.pk: 40}
