"""On a phone, a framework contract through two months: the buyer issues January's
call-off, the supplier accepts it and records the delivery, the buyer inspects it at the
receiving dock and accepts it; February's lot fails on hardness, the supplier answers the
non-conformance report, the buyer accepts the corrective action, the replacement is
delivered and accepted. The supplier invoices January, the buyer pays it late. The
supplier's scorecard and the buyer's commitment tracker then show exactly that. axe-core
scans every page and the error states."""

import datetime as dt
from decimal import Decimal

import pytest

from pasok import clock
from pasok.contracts import services
from pasok.contracts.models import CallOff, Delivery
from tests.browser.conftest import assert_accessible, click_and_wait, sign_in
from tests.conftest import PASSWORD
from tests.contracts.conftest import contract  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _at(day: int, month: int) -> dt.datetime:
    return dt.datetime(2027, month, day, 2, tzinfo=dt.UTC)  # 09:00 WIB


def _as(page, role):
    page.context.clear_cookies()
    sign_in(page, f"{role}@example.id", PASSWORD)


def _call_off(page, framework, month: str, quantity: str):
    page.goto(f"/contracts/{framework.public_id}/")
    page.fill("#id_month", month)
    page.fill("#id_quantity", quantity)
    click_and_wait(page, "#issue-call-off")


def _accept_and_deliver(page, call_off, note, shipped, received, quantity):
    page.goto(f"/contracts/call-offs/{call_off.public_id}/")
    click_and_wait(page, "#accept-call-off")
    page.fill("#id_note_number", note)
    page.fill("#id_shipped_on", shipped)
    page.fill("#id_received_on", received)
    page.fill("#id_quantity", quantity)
    click_and_wait(page, "#record-delivery")


def _inspect(page, delivery, nonconforming: str, readings: str = ""):
    page.goto("/inspection/")
    click_and_wait(page, f"a[href='/inspection/deliveries/{delivery.public_id}/']")
    page.fill("#id_nonconforming", nonconforming)
    if readings:
        page.fill("#id_hardness_count", nonconforming)
        page.fill("#id_hardness_values", readings)
    click_and_wait(page, "#record-inspection")


def test_a_framework_contract_runs_two_months_on_a_phone(phone, cluster, contract):  # noqa: F811
    page = phone
    commitment = services.commitment_sign(
        by=cluster.users["buyer_x"], buyer=cluster.buyer_x, partners=[cluster.supplier_a],
        family="brake_block", starts_on=dt.date(2027, 1, 1), ends_on=dt.date(2029, 12, 31),
        share_percent=Decimal(50))
    for month in (1, 2):
        services.commitment_need_record(by=cluster.users["buyer_x"], commitment=commitment,
                                        month=dt.date(2027, month, 1), units=500)

    # January: ordered, accepted, delivered, inspected and accepted.
    with clock.frozen(_at(4, 1)):
        _as(page, "buyer_x")
        _call_off(page, contract, "2027-01", "1.500")  # more than the 600 left: refused
        assert page.is_visible(".error-summary, [role=alert]")
        assert page.input_value("#id_quantity") == "1.500"
        assert_accessible(page)
        page.fill("#id_quantity", "200")
        click_and_wait(page, "#issue-call-off")
    january = CallOff.objects.get(month=dt.date(2027, 1, 1))
    with clock.frozen(_at(15, 1)):
        _as(page, "supplier_a")
        _accept_and_deliver(page, january, "SJ/01", "2027-01-14", "2027-01-15", "200")
        assert "menunggu pemeriksaan" in page.inner_text("main")
    with clock.frozen(_at(16, 1)):
        _as(page, "buyer_x")
        _inspect(page, january.deliveries.get(), "1")
        assert "diterima" in page.inner_text("#lot-result").lower()

    # The supplier invoices January's accepted lot; due 30 days after the acceptance.
    with clock.frozen(_at(17, 1)):
        _as(page, "supplier_a")
        page.goto(f"/contracts/{contract.public_id}/")
        click_and_wait(page, "#contract-invoices")
        click_and_wait(page, "#new-invoice")
        page.fill("#id_number", "INV/2027/001")
        page.fill("#id_issued_on", "2027-01-17")
        page.fill(f"#line-{january.deliveries.get().public_id} input[name$='quantity']", "200")
        click_and_wait(page, "#save-invoice")
        assert page.inner_text("#invoice-due").strip() == "15 Februari 2027"
        invoice_url = page.url

    # February: the lot fails on hardness; NCR answered, accepted, the lot replaced.
    with clock.frozen(_at(2, 2)):
        _as(page, "buyer_x")
        _call_off(page, contract, "2027-02", "200")
    february = CallOff.objects.get(month=dt.date(2027, 2, 1))
    with clock.frozen(_at(12, 2)):
        _as(page, "supplier_a")
        _accept_and_deliver(page, february, "SJ/02", "2027-02-11", "2027-02-12", "200")
    rejected = february.deliveries.get()
    with clock.frozen(_at(13, 2)):
        _as(page, "buyer_x")
        _inspect(page, rejected, "6", "262 259 266 258 261 264")
        assert "tidak diterima" in page.inner_text("#lot-result").lower()
        click_and_wait(page, "a[href^='/inspection/ncrs/']")
        ncr_url = page.url
    with clock.frozen(_at(14, 2)):
        _as(page, "supplier_a")
        page.goto(ncr_url)
        page.fill("#id_root_cause", "Pendinginan terlalu cepat setelah penuangan.")
        page.fill("#id_corrective_action", "Cetakan didinginkan 6 jam; uji kekerasan tiap 20 blok.")
        click_and_wait(page, "#send-answer")
    with clock.frozen(_at(15, 2)):
        _as(page, "buyer_x")
        page.goto(ncr_url)
        click_and_wait(page, "#accept-corrective-action")
    with clock.frozen(_at(20, 2)):
        _as(page, "supplier_a")
        page.goto(ncr_url)
        click_and_wait(page, "text=Catat pengiriman pengganti pada surat pesanan")
        page.fill("#id_note_number", "SJ/02-R")
        page.fill("#id_shipped_on", "2027-02-19")
        page.fill("#id_received_on", "2027-02-20")
        page.fill("#id_quantity", "200")
        click_and_wait(page, "#record-delivery")
    replacement = Delivery.objects.get(replaces=rejected)
    with clock.frozen(_at(21, 2)):
        _as(page, "buyer_x")
        _inspect(page, replacement, "0")
        assert "diterima" in page.inner_text("#lot-result").lower()
        page.goto(ncr_url)
        assert "ditutup" in page.inner_text("#ncr-state").lower()

    # KAI pays January's invoice on 1 March: 14 days late.
    with clock.frozen(_at(1, 3)):
        _as(page, "buyer_x")
        page.goto(invoice_url)
        page.fill("#id_amount", "90.000.000")
        page.fill("#id_paid_on", "2027-03-01")
        page.fill("#id_reference", "TRF-0301")
        click_and_wait(page, "#record-payment")
        assert "14" in page.inner_text("#invoice-days-late")
        page.goto(f"/scorecards/organisations/{cluster.buyer_x.pk}/")
        late = page.inner_text("tr[data-figure='days-late-average'] td.num")
        assert late.startswith("14"), late

    # The scorecard and the tracker say exactly that: 2 of 3 lots accepted whole; KAI
    # ordered 200 a month of the 250 it committed (50% of 500).
    with clock.frozen(_at(2, 3)):
        _as(page, "supplier_a")
        page.goto(f"/scorecards/organisations/{cluster.supplier_a.pk}/")
        lots = page.inner_text("tr[data-figure='lot-acceptance'] td.num")
        assert lots.startswith("66,7") or lots.startswith("67"), lots
        page.goto(f"/contracts/commitments/{commitment.public_id}/")
        assert page.inner_text("#kept-share") == "80%"  # 400 ordered of 500 required
        # The lists and the remaining pages, for axe-core's scan at phone and desktop size.
        for url in ("/contracts/", "/contracts/commitments/", "/inspection/switching/",
                    "/payments/overdue/"):
            page.goto(url)
        _as(page, "buyer_x")
        page.goto(f"/contracts/{contract.public_id}/amend/")
        assert page.is_visible("#propose-amendment")
