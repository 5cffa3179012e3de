"""KAI publishes a three-lot brake-block tender; the cooperative (on behalf of two named
members), two foundries and an import agent bid on every lot, uploading their documents; at
opening the exclusions, the cascade and the price preference decide, and on each lot the
right bid wins."""

import datetime as dt
from decimal import Decimal

import pytest

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.services import organisation_create, organisation_verify, user_create
from pasok.tenders.models import BidEvaluation, Tender
from pasok.tkdn.services import certificate_record
from tests.browser.conftest import click_and_wait, sign_in
from tests.conftest import PASSWORD, make_nib, make_npwp
from tests.tenders.files import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

T0 = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)  # 08:00 in Jakarta
OPENING = dt.datetime(2026, 12, 15, 4, 0, tzinfo=dt.UTC)  # 11:00 in Jakarta
LOTS = [("Blok rem gerbong barang", "11,5", "60.000", "112.000"),
        ("Blok rem kereta penumpang", "10,8", "40.000", "115.000"),
        ("Blok rem lokomotif", "13,2", "20.000", "128.000")]


def _people(cluster):
    second = organisation_create(by=SYSTEM, name="CV Cor Baja Lestari", kind="supplier",
                                 nib=make_nib(501), npwp=make_npwp(501), province="Jawa Tengah",
                                 regency="Klaten", cooperative=cluster.cooperative)
    for org in (cluster.supplier_a, cluster.supplier_b, cluster.cooperative, cluster.member,
                second):
        organisation_verify(by=SYSTEM, organisation=org)
    agent = organisation_create(by=SYSTEM, name="PT Impor Komposit Nusantara", kind="supplier",
                                nib=make_nib(500), npwp=make_npwp(500), province="DKI Jakarta",
                                regency="Jakarta Utara", annual_sales=Decimal(90_000_000_000))
    organisation_verify(by=SYSTEM, organisation=agent)
    user_create(by=SYSTEM, email="agent@example.id", full_name="Agen", password=PASSWORD,
                organisation=agent, org_role="admin")
    certificates = {}
    for org, tkdn in ((cluster.supplier_a, 45), (cluster.supplier_b, 20),
                      (cluster.cooperative, 50)):
        certificates[org.pk] = certificate_record(
            by=SYSTEM, organisation=org, regime="permenperin-35-2025", product="Blok rem",
            tkdn_percent=Decimal(tkdn), issued_on=dt.date(2026, 1, 5), number=f"{org.pk}/TKDN",
            verifier="PT Sucofindo (Persero)")
    return certificates, second


NIB = {"name": "NIB.pdf", "mimeType": "application/pdf", "buffer": PDF}


def _fill(page, tender, lot, price, *, source=None, origin="domestic", siinas=False,
          nib=True, members=()):
    page.goto(f"/tenders/{tender.pk}/lots/{lot.pk}/bid/")
    page.fill("#id_unit_price", price)
    page.fill("#id_quantity", str(lot.quantity))
    page.fill("#id_monthly_capacity", str(lot.quantity // 10))
    page.select_option("#id_origin", origin)
    if source:
        page.select_option("#id_tkdn_source", source)
    if siinas:
        page.check("#id_siinas_registered")
    if nib:
        page.set_input_files("#id_document_0", NIB)
    for i, (member, quantity) in enumerate(members):
        if i >= 2:
            page.click("fieldset[data-prefix=member] .formset-add")
        page.select_option(f"#id_member-{i}-member", str(member.pk))
        page.fill(f"#id_member-{i}-quantity", str(quantity))


def _bid(page, tender, lot, price, **kw):
    _fill(page, tender, lot, price, **kw)
    click_and_wait(page, "#bid-form button[type=submit]")
    assert len(page.inner_text("#receipt-digest")) == 64


def test_three_lots_four_bidders_the_cascade_decides(phone, cluster):
    page = phone
    certificates, second = _people(cluster)
    cert = {org.pk: f"certificate:{c.pk}" for org, c in (
        (cluster.supplier_a, certificates[cluster.supplier_a.pk]),
        (cluster.supplier_b, certificates[cluster.supplier_b.pk]),
        (cluster.cooperative, certificates[cluster.cooperative.pk]))}
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
            page.select_option(f"#id_lot-{i}-family", "brake_block")
            page.fill(f"#id_lot-{i}-unit_weight_kg", weight)
            page.fill(f"#id_lot-{i}-quantity", quantity)
            page.fill(f"#id_lot-{i}-hps_unit_price", hps)
        click_and_wait(page, "#tender-form button[type=submit]")
        click_and_wait(page, "form[action$='/publish/'] button")
        assert "Umumkan tender ini?" in page.inner_text("h1")  # what will happen, first
        click_and_wait(page, "#confirm-button")
        assert page.inner_text("#tender-status") == "Diumumkan"
        page.context.clear_cookies()  # signs out
        tender = Tender.objects.get()
        lot1, lot2, lot3 = tender.lots.order_by("number")

        sign_in(page, "supplier_a@example.id", PASSWORD)
        a = cert[cluster.supplier_a.pk]
        _bid(page, tender, lot1, "109000", source=a)
        _bid(page, tender, lot2, "113000", source=a)
        _bid(page, tender, lot3, "130000", source=a)  # above the HPS of 128,000
        page.context.clear_cookies()

        sign_in(page, "supplier_b@example.id", PASSWORD)
        b = cert[cluster.supplier_b.pk]
        _bid(page, tender, lot1, "105000", source=b)
        _bid(page, tender, lot2, "100000", source=b, nib=False)  # no NIB uploaded
        _bid(page, tender, lot3, "121000", source=b)
        page.context.clear_cookies()

        sign_in(page, "cooperative@example.id", PASSWORD)
        _bid(page, tender, lot1, "104000", siinas=True,
             members=[(cluster.member, 40_000), (second, 20_000)])
        _bid(page, tender, lot2, "110000", source=cert[cluster.cooperative.pk],
             members=[(cluster.member, 25_000), (second, 15_000)])
        page.context.clear_cookies()

        sign_in(page, "agent@example.id", PASSWORD)
        # A wrong file first: refused next to its field, and what was typed stays.
        _fill(page, tender, lot1, "95000", origin="import", nib=False)
        page.set_input_files("#id_document_0", {"name": "NIB.pdf", "mimeType": "application/pdf",
                                                "buffer": b"GIF89a not a PDF at all"})
        click_and_wait(page, "#bid-form button[type=submit]")
        assert "NIB:" in page.inner_text("#bid-documents .field-error")
        assert page.input_value("#id_unit_price") == "95000"
        page.set_input_files("#id_document_0", NIB)
        click_and_wait(page, "#bid-form button[type=submit]")
        assert len(page.inner_text("#receipt-digest")) == 64
        _bid(page, tender, lot2, "98000", origin="import")
        _bid(page, tender, lot3, "100000", origin="import")
        page.context.clear_cookies()
    with clock.frozen(OPENING):
        sign_in(page, "buyer_x@example.id", PASSWORD)
        page.goto(f"/tenders/{tender.pk}/")
        for step in ("open", "evaluate"):
            click_and_wait(page, f"form[action$='/{step}/'] button")
        click_and_wait(page, "form[action$='/award/'] button")
        assert "Lot ini tertutup penuh." in page.inner_text("#confirmation")
        click_and_wait(page, "#confirm-button")
        page.goto(f"/tenders/{tender.pk}/evaluation/")
        table = page.inner_text("main")
        members = page.inner_text("main section:nth-of-type(2) .bid-members")
        nib = page.locator("main section:nth-of-type(1) a", has_text="NIB").first
        with page.expect_download() as download:
            nib.click()
        assert download.value.path().read_bytes() == PDF
    assert "pemenang" in table
    assert "UD Sinar Besi: 25.000" in members and "CV Cor Baja Lestari: 15.000" in members
    results = {(e.bid.lot.number, e.bid.bidder.name):
               (e.tier, e.admissible, e.rank, hasattr(e.bid, "award"),
                (e.exclusion or {}).get("code"))
               for e in BidEvaluation.objects.select_related("bid__bidder", "bid__lot",
                                                             "bid__award")}
    a, b = "CV Logam Sejahtera", "UD Cor Makmur"
    coop, agent = "Koperasi Batur Jaya", "PT Impor Komposit Nusantara"
    # Lot 1: TKDN 45% (TKDN + BMP >= 40) is tier a, so only tiers a and b are admissible:
    # the cheaper TKDN-20 bid (tier c), the SIINas-only cooperative (tier d) and the import
    # agent (import) may not win.
    assert results[1, a] == ("a", True, 1, True, None)
    assert results[1, b][:2] == ("c", False)
    assert results[1, coop][:2] == ("d", False)
    assert results[1, agent][:2] == ("import", False)
    # Lot 2: the cooperative's certified TKDN 50% earns the larger preference
    # (HEA 0.875 × 110,000 < 0.8875 × 113,000); B is set aside without its NIB.
    assert results[2, coop] == ("a", True, 1, True, None)
    assert results[2, a] == ("a", True, 2, False, None)
    assert results[2, b][4] == "missing_documents"
    assert results[2, agent][:2] == ("import", False)
    # Lot 3: A is above the owner estimate; no bid reaches TKDN 25%, so B's TKDN 20% (tier
    # c) is admissible and beats the cheaper import.
    assert results[3, a][4] == "above_owner_estimate"
    assert results[3, b] == ("c", True, 1, True, None)
    assert results[3, agent][:3] == ("import", False, None)
