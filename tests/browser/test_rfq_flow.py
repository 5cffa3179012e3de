"""On a phone, a private buyer's request for quotation from sending to the contract: buyer Y
sends it with its drawing to suppliers A and B (a wrong number first, shown again), A
quotes, the buyer sees nothing of it before the deadline, compares after it, orders samples,
records the first article (a row out of order refused), approves it and makes the contract.
axe-core scans every page and the error states."""

import datetime as dt

import pytest

from pasok import clock
from pasok.rfqs.models import FirstArticleInspection, Quotation, Rfq, SampleOrder
from tests.browser.conftest import assert_accessible, click_and_wait, sign_in
from tests.conftest import PASSWORD
from tests.tenders.files import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SENT = dt.datetime(2026, 12, 10, 2, tzinfo=dt.UTC)  # 09:00 WIB


def _as(page, role):
    page.context.clear_cookies()
    sign_in(page, f"{role}@example.id", PASSWORD)


def test_an_rfq_from_sending_to_the_contract_on_a_phone(phone, cluster, tmp_path):
    page = phone
    drawing = tmp_path / "tromol.pdf"
    drawing.write_bytes(PDF)
    with clock.frozen(SENT):
        _as(page, "buyer_y")
        page.goto("/rfqs/new/")
        page.fill("#id_part_name", "Tromol rem belakang")
        page.select_option("#id_family", "brake_drum")
        page.select_option("#id_grade", "FC200")
        page.fill("#id_unit_weight_kg", "12.5")  # English notation on an Indonesian page
        page.fill("#id_annual_volume", "24.000")
        page.fill("#id_target_unit_price", "350.000")
        page.fill("#id_deadline", "2026-12-17T16:00")
        page.set_input_files("#id_drawing", str(drawing))
        page.fill("#id_suppliers", "CV Logam Sejahtera; UD Cor Makmur")
        click_and_wait(page, "#send-rfq")
        assert page.is_visible(".error-summary, [role=alert]")
        assert page.input_value("#id_unit_weight_kg") == "12.5"
        assert_accessible(page)
        page.fill("#id_unit_weight_kg", "12,5")
        page.set_input_files("#id_drawing", str(drawing))
        click_and_wait(page, "#send-rfq")
    rfq = Rfq.objects.get()
    with clock.frozen(SENT + dt.timedelta(days=1)):
        _as(page, "supplier_a")
        page.goto(f"/rfqs/{rfq.public_id}/")
        click_and_wait(page, "#quote-link")
        page.fill("#id_unit_price", "337.500")
        page.fill("#id_lead_time_weeks", "6")
        page.fill("#id_monthly_capacity", "2.000")
        page.fill("#id_valid_until", "2027-03-31")
        click_and_wait(page, "#send-quotation")
        assert Quotation.objects.get().digest in page.inner_text("#own-quotation")
        _as(page, "buyer_y")
        page.goto(f"/rfqs/{rfq.public_id}/compare/")
        assert page.is_visible("#sealed") and "337.500" not in page.inner_text("main")
    with clock.frozen(rfq.deadline + dt.timedelta(hours=1)):
        _as(page, "buyer_y")
        page.goto(f"/rfqs/{rfq.public_id}/compare/")
        assert "Rp337.500" in page.inner_text("#comparison")
        page.fill("#id_quantity", "5")
        page.fill("#id_due_on", "2027-01-05")
        click_and_wait(page, "#order-samples")
    order = SampleOrder.objects.get()
    with clock.frozen(dt.datetime(2027, 1, 6, 2, tzinfo=dt.UTC)):
        _as(page, "buyer_y")
        page.goto(f"/rfqs/samples/{order.public_id}/first-article/")
        page.fill("#id_characteristics-0-name", "Diameter lubang")
        page.fill("#id_characteristics-0-lower", "52,05")
        page.fill("#id_characteristics-0-upper", "51,95")
        page.fill("#id_characteristics-0-measured", "52,01")
        page.select_option("#id_characteristics-1-kind", "hardness")
        page.fill("#id_characteristics-1-name", "Kekerasan HB")
        page.fill("#id_characteristics-1-lower", "197")
        page.fill("#id_characteristics-1-upper", "255")
        page.fill("#id_characteristics-1-measured", "220")
        click_and_wait(page, "#record-first-article")
        assert page.is_visible(".error-summary, [role=alert]")
        assert_accessible(page)
        page.fill("#id_characteristics-0-lower", "51,95")
        page.fill("#id_characteristics-0-upper", "52,05")
        click_and_wait(page, "#record-first-article")
        inspection = FirstArticleInspection.objects.get()
        assert inspection.passes
        page.select_option(f"#id_decide-{inspection.public_id}-decision", "approve")
        click_and_wait(page, ".decide-form button[type=submit]")
        click_and_wait(page, "#contract-make-link")
        page.fill("#id_starts_on", "2027-02")
        click_and_wait(page, "#make-contract")
    rfq.refresh_from_db()
    assert rfq.contract is not None and rfq.contract.items.get().quantity == 24_000
