"""A cooperative's bid carries a TKDN: its own certificate or worksheet, or one built from the
named members' values (each from that member's own unexpired certificate or worksheet
version) weighted by their shares. The sealed content records the source and every member's
value; the receipt, the evaluation page, its PDF and its XLSX say how it was built."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.services import organisation_create, organisation_verify
from pasok.tenders import sealing
from pasok.tenders.bid_tkdn import MemberShare
from pasok.tenders.models import BidEvaluation
from pasok.tenders.services import (
    bid_submit,
    lot_add,
    tender_create,
    tender_evaluate,
    tender_open,
    tender_publish,
)
from pasok.tkdn.services import bmp_declare, certificate_record, worksheet_save
from tests.conftest import make_nib, make_npwp
from tests.tenders.test_evaluation_pdf import pdf_text
from tests.web.test_permission_matrix import BRAKE_BLOCK  # TKDN 25% (labour, overhead)

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
DEADLINE = T0 + dt.timedelta(days=7)
OPENING = DEADLINE + dt.timedelta(hours=1)
DURING = T0 + dt.timedelta(days=1)


def _cert(org, tkdn, bmp=0, issued=dt.date(2026, 1, 5), number=None):
    regime = "permenperin-35-2025" if issued >= dt.date(2025, 12, 12) else "permenperin-16-2011"
    return certificate_record(by=SYSTEM, organisation=org, regime=regime,
                              product="Blok rem", tkdn_percent=Decimal(tkdn),
                              bmp_percent=Decimal(bmp), issued_on=issued,
                              number=number or f"{org.pk}/TKDN/{tkdn}",
                              verifier="PT Sucofindo (Persero)")


@pytest.fixture
def second(cluster):
    return organisation_create(by=SYSTEM, name="CV Cor Baja Lestari", kind="supplier",
                               nib=make_nib(41), npwp=make_npwp(41), province="Jawa Tengah",
                               regency="Klaten", cooperative=cluster.cooperative)


@pytest.fixture
def tender(cluster, second):
    for org in (cluster.cooperative, cluster.member, second, cluster.supplier_a):
        organisation_verify(by=SYSTEM, organisation=org)
    buyer = cluster.users["buyer_x"]
    with clock.frozen(T0):
        tender = tender_create(by=buyer, buyer=cluster.buyer_x, title="Blok rem",
                               bid_deadline=DEADLINE, opening_time=OPENING,
                               min_tkdn_percent=Decimal(25))
        lot_add(by=buyer, tender=tender, product="Blok rem", quantity=1000,
                unit_weight_kg=Decimal(11), hps_unit_price=Decimal(100_000))
        return tender_publish(by=buyer, tender=tender)


def _coop_bid(cluster, tender, members, **kw):
    with clock.frozen(DURING):
        return bid_submit(by=cluster.users["cooperative"], lot=tender.lots.get(),
                          unit_price=95_000, quantity=1000, monthly_capacity=200,
                          members=members, **kw)[0]


def test_the_worked_example_from_two_members_certificates(cluster, tender, second):
    a = _cert(cluster.member, 45, bmp=6)
    b = _cert(second, 30, bmp=2)
    bid = _coop_bid(cluster, tender, [MemberShare(cluster.member.pk, 600, certificate_id=a.pk),
                                      MemberShare(second.pk, 400, certificate_id=b.pk)],
                    tkdn_from_members=True)
    content = sealing.unseal(bid.sealed)
    # (45 × 600 + 30 × 400) / 1000 = 39%; BMP (6 × 600 + 2 × 400) / 1000 = 4.4%.
    assert (content["tkdn_percent"], content["bmp_percent"]) == ("39.00", "4.40")
    assert content["tkdn_source"] == "members" and content["tkdn_document"] is None
    assert [(m["name"], m["tkdn_percent"], m["tkdn_source"]) for m in content["members"]] == [
        ("UD Sinar Besi", "45.00", f"certificate:{a.pk}"),
        ("CV Cor Baja Lestari", "30.00", f"certificate:{b.pk}")]
    assert content["members"][0]["tkdn_document"] == {
        "kind": "certificate", "number": a.number, "product": "Blok rem",
        "self_declared": False}
    assert sealing.digest(content) == bid.digest


def test_a_member_may_cite_its_worksheet_which_the_cooperative_reads(cluster, tender, second):
    a = _cert(cluster.member, 45, bmp=6)
    version = worksheet_save(by=SYSTEM, organisation=second, data=BRAKE_BLOCK)
    bmp_declare(by=SYSTEM, organisation=second,
                claims=[{"factor": "labour_absorption", "evidence": "BPJS 2026"}])  # 4%
    bid = _coop_bid(cluster, tender, [
        MemberShare(cluster.member.pk, 600, certificate_id=a.pk),
        MemberShare(second.pk, 400, worksheet_version_id=version.pk)], tkdn_from_members=True)
    content = sealing.unseal(bid.sealed)
    # (45 × 600 + 25 × 400) / 1000 = 37%; BMP (6 × 600 + 4 × 400) / 1000 = 5.2%.
    assert (content["tkdn_percent"], content["bmp_percent"]) == ("37.00", "5.20")
    assert content["members"][1]["tkdn_document"] == {
        "kind": "worksheet_version", "product": "Blok rem besi cor", "version": 1}


def test_the_cooperatives_own_certificate(cluster, tender, second):
    own = _cert(cluster.cooperative, 50, bmp=3)
    bid = _coop_bid(cluster, tender, [(cluster.member.pk, 600), (second.pk, 400)],
                    certificate_id=own.pk)
    content = sealing.unseal(bid.sealed)
    assert (content["tkdn_percent"], content["tkdn_source"]) == ("50.00",
                                                                 f"certificate:{own.pk}")
    assert all("tkdn_percent" not in m for m in content["members"])


def _refused(call) -> dict:
    with pytest.raises(ValidationError) as exc:
        call()
    return exc.value.message_dict


def test_every_member_value_must_be_that_members_own_and_current(cluster, tender, second):
    a = _cert(cluster.member, 45)
    old = _cert(second, 60, issued=dt.date(2022, 1, 4))  # 16/2011: three years, expired
    outsider = _cert(cluster.supplier_a, 70)
    cases = [
        ([MemberShare(cluster.member.pk, 600, certificate_id=a.pk),
          MemberShare(second.pk, 400)], "Pilih sertifikat TKDN atau lembar kerja CV Cor"),
        ([MemberShare(cluster.member.pk, 600, certificate_id=a.pk),
          MemberShare(second.pk, 400, certificate_id=a.pk)],
         "Bukan sertifikat milik CV Cor Baja Lestari."),
        ([MemberShare(cluster.member.pk, 600, certificate_id=outsider.pk),
          MemberShare(second.pk, 400, certificate_id=a.pk)],
         "Bukan sertifikat milik UD Sinar Besi."),
        ([MemberShare(cluster.member.pk, 600, certificate_id=a.pk),
          MemberShare(second.pk, 400, certificate_id=old.pk)],
         "Sertifikat CV Cor Baja Lestari sudah kedaluwarsa."),
    ]
    for members, message in cases:
        errors = _refused(lambda m=members: _coop_bid(cluster, tender, m,
                                                      tkdn_from_members=True))
        assert any(message in e for e in errors["members"]), errors
    # Member values without building the TKDN from them, or both at once: refused.
    rows = [MemberShare(cluster.member.pk, 600, certificate_id=a.pk),
            MemberShare(second.pk, 400, certificate_id=a.pk)]
    assert "members" in _refused(lambda: _coop_bid(cluster, tender, rows))
    own = _cert(cluster.cooperative, 50)
    assert "tkdn_from_members" in _refused(lambda: _coop_bid(
        cluster, tender, rows, tkdn_from_members=True, certificate_id=own.pk))
    with clock.frozen(DURING):
        assert "tkdn_from_members" in _refused(lambda: bid_submit(
            by=cluster.users["supplier_a"], lot=tender.lots.get(), unit_price=95_000,
            quantity=1000, monthly_capacity=200, tkdn_from_members=True))
    assert not tender.bids.exists()


def _weighted_and_evaluated(cluster, tender, second):
    a = _cert(cluster.member, 45, bmp=6)
    b = _cert(second, 30, bmp=2)
    _coop_bid(cluster, tender, [MemberShare(cluster.member.pk, 600, certificate_id=a.pk),
                                MemberShare(second.pk, 400, certificate_id=b.pk)],
              tkdn_from_members=True)
    buyer = cluster.users["buyer_x"]
    with clock.frozen(OPENING):
        tender_open(by=buyer, tender=tender)
        return tender_evaluate(by=buyer, tender=tender)


EXPLAINED = ("rata-rata tertimbang anggota: UD Sinar Besi 45,00% × 600, CV Cor Baja Lestari "
             "30,00% × 400 → 39,00%")


def test_the_weighted_tkdn_passes_the_minimum_and_is_explained_everywhere(client, cluster,
                                                                          tender, second):
    tender = _weighted_and_evaluated(cluster, tender, second)
    evaluation = BidEvaluation.objects.get()
    assert evaluation.exclusion is None and evaluation.rank == 1  # 39% ≥ the 25% minimum
    client.force_login(cluster.users["buyer_x"])
    with clock.frozen(OPENING):
        page = client.get(reverse("tenders:evaluation", args=[tender.pk])).content.decode()
        pdf = client.get(reverse("tenders:evaluation-pdf", args=[tender.pk])).content
        xlsx = client.get(reverse("tenders:evaluation-xlsx", args=[tender.pk])).content
    assert EXPLAINED in page
    text = pdf_text(pdf)
    assert "TKDN: rata-rata tertimbang anggota: UD Sinar Besi 45,00% × 600" in text
    assert "CV Cor Baja Lestari 30,00% × 400" in text and "39,00%" in text
    rows = list(load_workbook(io.BytesIO(xlsx)).active.iter_rows(values_only=True))
    assert rows[1][5] == "TKDN dari" and rows[2][5] == EXPLAINED


def test_the_receipt_and_the_bid_page_offer_and_show_the_members_values(client, cluster,
                                                                        tender, second):
    a = _cert(cluster.member, 45, bmp=6)
    b = _cert(second, 30, bmp=2)
    client.force_login(cluster.users["cooperative"])
    url = reverse("tenders:bid", args=[tender.pk, tender.lots.get().pk])
    with clock.frozen(DURING):
        page = client.get(url)
        body = page.content.decode()
        assert '<option value="members">' in body
        # Each member row offers every member's documents, grouped by member.
        assert '<optgroup label="UD Sinar Besi">' in body
        assert f'<option value="certificate:{a.pk}">Blok rem · 45,00% · {a.number}</option>' \
            in body
        receipt = client.post(url, {
            "unit_price": "95.000", "quantity": "1.000", "monthly_capacity": "200",
            "origin": "domestic", "tkdn_source": "members",
            "member-TOTAL_FORMS": "2", "member-INITIAL_FORMS": "0",
            "member-MIN_NUM_FORMS": "0", "member-MAX_NUM_FORMS": "1000",
            "member-0-member": cluster.member.pk, "member-0-quantity": "600",
            "member-0-tkdn_source": f"certificate:{a.pk}",
            "member-1-member": second.pk, "member-1-quantity": "400",
            "member-1-tkdn_source": f"certificate:{b.pk}"}, follow=True)
        assert "receipt-digest" in receipt.content.decode()
        assert EXPLAINED in receipt.content.decode()
        again = client.get(url)
    rows = again.context["members"]
    assert [f.initial["tkdn_source"] for f in rows.initial_forms] == [
        f"certificate:{a.pk}", f"certificate:{b.pk}"]
    assert again.context["form"].initial["tkdn_source"] == "members"


def test_a_missing_member_value_is_shown_above_the_member_rows(client, cluster, tender,
                                                               second):
    a = _cert(cluster.member, 45)
    client.force_login(cluster.users["cooperative"])
    url = reverse("tenders:bid", args=[tender.pk, tender.lots.get().pk])
    with clock.frozen(DURING):
        response = client.post(url, {
            "unit_price": "95.000", "quantity": "1.000", "monthly_capacity": "200",
            "origin": "domestic", "tkdn_source": "members",
            "member-TOTAL_FORMS": "2", "member-INITIAL_FORMS": "0",
            "member-MIN_NUM_FORMS": "0", "member-MAX_NUM_FORMS": "1000",
            "member-0-member": cluster.member.pk, "member-0-quantity": "600",
            "member-0-tkdn_source": f"certificate:{a.pk}",
            "member-1-member": second.pk, "member-1-quantity": "400"})
    (error,) = response.context["members"].non_form_errors()
    assert "CV Cor Baja Lestari" in error
    assert not tender.bids.exists()


def test_the_bid_forms_tkdn_choices_are_written_in_the_active_language(cluster):
    from pasok.tenders.forms import BidForm

    cert = _cert(cluster.supplier_a, "60.15")
    form = BidForm(certificates=[cert])
    labels = dict(form.fields["tkdn_source"].choices)
    assert labels[f"certificate:{cert.pk}"] == f"Blok rem · 60,15% · {cert.number}"
    assert "members" not in labels  # a supplier does not weigh members


def test_the_api_takes_the_members_values_the_same_way(client, cluster, tender, second):
    from pasok.accounts.services import api_token_create

    a = _cert(cluster.member, 45)
    b = _cert(second, 30)
    _token, secret = api_token_create(by=cluster.users["cooperative"], name="erp")
    with clock.frozen(DURING):
        response = client.post(
            f"/api/v1/tenders/{tender.pk}/lots/{tender.lots.get().pk}/bid",
            {"unit_price": "95000", "quantity": 1000, "monthly_capacity": 200,
             "tkdn_from_members": True,
             "members": [{"organisation_id": cluster.member.pk, "quantity": 600,
                          "certificate_id": a.pk},
                         {"organisation_id": second.pk, "quantity": 400,
                          "certificate_id": b.pk}]},
            content_type="application/json", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 201, response.content
    assert sealing.unseal(tender.bids.get().sealed)["tkdn_percent"] == "39.00"


def test_the_evaluation_page_in_a_bounded_number_of_queries(client, cluster, tender, second,
                                                            django_assert_max_num_queries):
    tender = _weighted_and_evaluated(cluster, tender, second)
    client.force_login(cluster.users["buyer_x"])
    with clock.frozen(OPENING), django_assert_max_num_queries(12):
        assert client.get(reverse("tenders:evaluation", args=[tender.pk])).status_code == 200
