"""KAI publishes a three-lot brake-block tender; the cooperative, two foundries and an import
agent bid; at opening the cascade and the price preference decide, and the right bid wins."""

import datetime as dt
from decimal import Decimal

import pytest

from pasok import clock
from pasok.accounts.services import organisation_create, organisation_verify, user_create
from pasok.tenders.models import BidEvaluation, Tender
from pasok.tkdn.services import certificate_record
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD, make_nib, make_npwp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

T0 = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)  # 08:00 in Jakarta
OPENING = dt.datetime(2026, 12, 15, 4, 0, tzinfo=dt.UTC)  # 11:00 in Jakarta
LOTS = [("Blok rem gerbong barang", "11.5", "60000", "112000"),
        ("Blok rem kereta penumpang", "10.8", "40000", "115000"),
        ("Blok rem lokomotif", "13.2", "20000", "128000")]


def _people(cluster):
    for org in (cluster.supplier_a, cluster.supplier_b, cluster.cooperative):
        organisation_verify(by=None, organisation=org)
    agent = organisation_create(by=None, name="PT Impor Komposit Nusantara", kind="supplier",
                                nib=make_nib(500), npwp=make_npwp(500), province="DKI Jakarta",
                                regency="Jakarta Utara", annual_sales=Decimal(90_000_000_000))
    organisation_verify(by=None, organisation=agent)
    user_create(by=None, email="agent@example.id", full_name="Agen", password=PASSWORD,
                organisation=agent, org_role="admin")
    certificates = {}
    for org, tkdn in ((cluster.supplier_a, 45), (cluster.supplier_b, 20)):
        certificates[org.pk] = certificate_record(
            by=None, organisation=org, regime="permenperin-35-2025", product="Blok rem",
            tkdn_percent=Decimal(tkdn), issued_on=dt.date(2026, 1, 5), number=f"{org.pk}/TKDN",
            verifier="PT Sucofindo (Persero)")
    return certificates


def _bid(page, email, tender, lot, price, *, source=None, origin="domestic", siinas=False):
    sign_in(page, email, PASSWORD)
    page.goto(f"/tenders/{tender.pk}/lots/{lot.pk}/bid/")
    page.fill("#id_unit_price", price)
    page.fill("#id_quantity", str(lot.quantity))
    page.fill("#id_monthly_capacity", str(lot.quantity // 10))
    page.select_option("#id_origin", origin)
    if source:
        page.select_option("#id_tkdn_source", source)
    if siinas:
        page.check("#id_siinas_registered")
    page.check("input[name=documents]")
    page.click("#bid-form button[type=submit]")
    assert len(page.inner_text("#receipt-digest")) == 64
    page.context.clear_cookies()  # signs out


def test_three_lots_four_bidders_the_cascade_decides(phone, cluster):
    page = phone
    certificates = _people(cluster)
    with clock.frozen(T0):
        sign_in(page, "buyer_x@example.id", PASSWORD)
        page.goto("/tenders/new/")
        page.fill("#id_title", "Blok rem besi cor 2027")
        page.fill("#id_bid_deadline", "2026-12-15T10:00")
        page.fill("#id_opening_time", "2026-12-15T11:00")
        page.fill("#id_min_tkdn_percent", "0")
        page.uncheck("#id_small_business_reserved")
        page.fill("#id_reservation_exemption", "Terbuka bagi semua penyedia blok rem.")
        page.fill("#id_required_documents", "NIB")
        for i, (product, weight, quantity, hps) in enumerate(LOTS):
            if i:
                page.click("fieldset[data-prefix=lot] .formset-add")
            page.fill(f"#id_lot-{i}-product", product)
            page.fill(f"#id_lot-{i}-unit_weight_kg", weight)
            page.fill(f"#id_lot-{i}-quantity", quantity)
            page.fill(f"#id_lot-{i}-hps_unit_price", hps)
        page.click("#tender-form button[type=submit]")
        page.click("form[action$='/publish/'] button")
        assert page.inner_text("#tender-status") == "Diumumkan"
        page.context.clear_cookies()  # signs out
        tender = Tender.objects.get()
        lot = tender.lots.get(number=1)
        _bid(page, "supplier_a@example.id", tender, lot, "109000",
             source=f"certificate:{certificates[cluster.supplier_a.pk].pk}")
        _bid(page, "supplier_b@example.id", tender, lot, "105000",
             source=f"certificate:{certificates[cluster.supplier_b.pk].pk}")
        _bid(page, "cooperative@example.id", tender, lot, "104000", siinas=True)
        _bid(page, "agent@example.id", tender, lot, "95000", origin="import")
    with clock.frozen(OPENING):
        sign_in(page, "buyer_x@example.id", PASSWORD)
        page.goto(f"/tenders/{tender.pk}/")
        for step in ("open", "evaluate"):
            page.click(f"form[action$='/{step}/'] button")
        page.click("form[action$='/award/'] button")
        page.goto(f"/tenders/{tender.pk}/evaluation/")
        table = page.inner_text("main")
    assert "pemenang" in table
    results = {e.bid.bidder.name: (e.tier, e.admissible, e.rank, e.awarded)
               for e in BidEvaluation.objects.select_related("bid__bidder")}
    # TKDN 45% (TKDN + BMP >= 40) is tier a, so only tiers a and b are admissible: the
    # cheaper TKDN-20 bid (tier c), the SIINas-only cooperative (tier d) and the import
    # agent (import) may not win.
    assert results["CV Logam Sejahtera"] == ("a", True, 1, True)
    assert results["UD Cor Makmur"][:2] == ("c", False)
    assert results["Koperasi Batur Jaya"][:2] == ("d", False)
    assert results["PT Impor Komposit Nusantara"][:2] == ("import", False)
