import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.audit.models import AuditEvent
from pasok.tkdn.models import TkdnCertificate, Worksheet, WorksheetVersion
from pasok.tkdn.selectors import certificates_of, offerable_certificates
from pasok.tkdn.services import certificate_record, default_valid_until
from pasok.tkdn.tasks import send_expiry_warnings
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

# docs/interfaces.md's example: TKDN 48.18% under Permenperin 35/2025, typed the Indonesian way.
EXAMPLE = {
    "material": [("Besi kasar (pig iron)", "6,2", "9.500", "0"),
                 ("Scrap baja lokal", "5,1", "6.200", "100"),
                 ("Pelat punggung baja", "1", "7.000", "48,5")],
    "labour": [("Operator cor", "14.000", "100")],
    "overhead": [("Listrik tungku induksi", "9.000", "100"),
                 ("Penyusutan mesin impor", "3.000", "0")],
}


def form_data(example=EXAMPLE, product="Blok rem besi cor", regime="permenperin-35-2025",
              initial=0):
    data = {"product": product, "regime": regime}
    for factor, rows in example.items():
        data[f"{factor}-TOTAL_FORMS"] = str(len(rows))
        data[f"{factor}-INITIAL_FORMS"] = str(initial)
        for i, row in enumerate(rows):
            keys = (("name", "quantity", "unit_price", "domestic_percent") if factor == "material"
                    else ("name", "cost", "domestic_percent"))
            for key, value in zip(keys, row, strict=True):
                data[f"{factor}-{i}-{key}"] = value
    return data


@pytest.fixture
def supplier(client, cluster):
    client.login(email="supplier_a@example.id", password=PASSWORD)
    return client


def _new(client, org, data):
    return client.post(reverse("tkdn:worksheet-new", args=[org.pk]), data)


def test_worksheet_result_advice_and_versions(supplier, cluster):
    response = _new(supplier, cluster.supplier_a, form_data())
    worksheet = Worksheet.objects.get()
    assert response["Location"] == reverse("tkdn:worksheet", args=[worksheet.public_id])
    page = supplier.get(response["Location"]).content.decode()
    assert "48,18%" in page
    assert "Besi kasar (pig iron)" in page and "93,48%" in page  # made fully domestic
    what_if = supplier.get(response["Location"], {"line": "material-0", "percent": "71"})
    assert "80,34%" in what_if.content.decode()
    # Editing shows the lines again; saving unchanged makes version 2 with the same value.
    edit = supplier.get(reverse("tkdn:worksheet-edit", args=[worksheet.public_id]))
    assert 'value="Scrap baja lokal"' in edit.content.decode()
    supplier.post(reverse("tkdn:worksheet-edit", args=[worksheet.public_id]),
                  form_data(initial=3))
    versions = list(WorksheetVersion.objects.order_by("number").values_list("number",
                                                                             "tkdn_percent"))
    assert versions == [(1, Decimal("48.18")), (2, Decimal("48.18"))]


@pytest.mark.parametrize(("field", "value", "where"), [
    ("material-0-unit_price", "-5", ("material", 0, "unit_price")),
    ("material-1-domestic_percent", "120", ("material", 1, "domestic_percent")),
    ("labour-0-cost", "abc", ("labour", 0, "cost")),
])
def test_bad_line_input_names_the_field_and_saves_nothing(supplier, cluster, field, value,
                                                           where):
    response = _new(supplier, cluster.supplier_a, {**form_data(), field: value})
    assert response.status_code == 200
    factor, index, name = where
    assert name in response.context["formsets"][factor].forms[index].errors
    assert f'value="{value}"' in response.content.decode()  # what was typed stays
    assert not Worksheet.objects.exists()


def test_empty_materials_and_zero_factor_are_refused(supplier, cluster):
    no_materials = form_data(example={**EXAMPLE, "material": []})
    response = _new(supplier, cluster.supplier_a, no_materials)
    assert response.context["form"].non_field_errors() == [
        "Bahan baku langsung: tidak boleh kosong"]
    zero_labour = form_data(example={**EXAMPLE, "labour": [("Operator", "0", "100")]})
    response = _new(supplier, cluster.supplier_a, zero_labour)
    assert response.context["form"].non_field_errors()[0].startswith("Tenaga kerja langsung:")
    assert not Worksheet.objects.exists()
    # The cost-based regime of 16/2011 does not weigh factors, so it accepts the same sheet.
    _new(supplier, cluster.supplier_a, {**zero_labour, "regime": "permenperin-16-2011"})
    assert Worksheet.objects.count() == 1


def test_xlsx_round_trip_gives_the_same_value(supplier, cluster):
    _new(supplier, cluster.supplier_a, form_data())
    worksheet = Worksheet.objects.get()
    exported = supplier.get(reverse("tkdn:worksheet-xlsx", args=[worksheet.public_id])).content
    assert load_workbook(io.BytesIO(exported)).sheetnames == ["info", "materials", "labour",
                                                              "overhead"]
    upload = io.BytesIO(exported)
    upload.name = "blok-rem.xlsx"
    response = supplier.post(reverse("tkdn:worksheet-import", args=[cluster.supplier_a.pk]),
                             {"file": upload, "worksheet": str(worksheet.public_id)})
    assert response.status_code == 302
    assert list(worksheet.versions.values_list("tkdn_percent", flat=True)) == [
        Decimal("48.18"), Decimal("48.18")]


def test_corrupt_xlsx_is_refused(supplier, cluster):
    upload = io.BytesIO(b"PK\x03\x04 not really a workbook")
    upload.name = "rusak.xlsx"
    response = supplier.post(reverse("tkdn:worksheet-import", args=[cluster.supplier_a.pk]),
                             {"file": upload})
    assert response.status_code == 200 and "file" in response.context["form"].errors
    assert not Worksheet.objects.exists()


def test_buyers_see_certificates_but_not_cost_build_up(client, supplier, cluster):
    _new(supplier, cluster.supplier_a, form_data())
    certificate_record(by=cluster.users["supplier_a"], organisation=cluster.supplier_a,
                       regime="permenperin-35-2025", product="Blok rem", number="123/TKDN",
                       verifier="PT Sucofindo (Persero)", tkdn_percent=Decimal("48.18"),
                       issued_on=dt.date(2026, 1, 5))
    client.logout()
    client.login(email="buyer_x@example.id", password=PASSWORD)
    overview = client.get(reverse("tkdn:overview", args=[cluster.supplier_a.pk]))
    body = overview.content.decode()
    assert "123/TKDN" in body and "Blok rem besi cor" not in body
    worksheet = Worksheet.objects.get()
    assert client.get(reverse("tkdn:worksheet", args=[worksheet.public_id])).status_code == 404


def test_bmp_needs_evidence_and_is_capped(supplier, cluster):
    url = reverse("tkdn:bmp", args=[cluster.supplier_a.pk])
    response = supplier.post(url, {"esg": "on"})
    assert "esg__evidence" in response.context["form"].errors
    every = {}
    for code in ("labour_absorption", "new_investment", "partnership", "location", "esg"):
        every |= {code: "on", f"{code}__evidence": "Laporan 2025"}
    assert supplier.post(url, every).status_code == 302
    assert cluster.supplier_a.bmp.bmp_percent == Decimal(15)


def test_certificate_validity_defaults_and_rules(cluster):
    assert default_valid_until("permenperin-35-2025", dt.date(2026, 1, 10)) == dt.date(
        2031, 1, 9)
    assert default_valid_until("permenperin-16-2011", dt.date(2024, 2, 29)) == dt.date(
        2027, 2, 27)
    with pytest.raises(Exception) as exc:
        certificate_record(by=cluster.users["supplier_a"], organisation=cluster.supplier_a,
                           regime="permenperin-35-2025", product="Blok rem",
                           tkdn_percent=Decimal(50), issued_on=dt.date(2026, 1, 5))
    assert {"number", "verifier"} <= set(exc.value.message_dict)
    with pytest.raises(Exception) as exc:
        certificate_record(by=cluster.users["buyer_x"], organisation=cluster.supplier_a,
                           regime="permenperin-35-2025", product="Blok rem",
                           tkdn_percent=Decimal(50), issued_on=dt.date(2026, 1, 5),
                           self_declared=True)
    assert exc.type.__name__ == "PermissionDenied"
    assert not TkdnCertificate.objects.exists()


def _cert(cluster, valid_until, **kw):
    return certificate_record(by=SYSTEM, organisation=cluster.supplier_a,
                              regime="permenperin-16-2011", product=kw.pop("product", "Blok"),
                              tkdn_percent=Decimal(45), issued_on=dt.date(2024, 6, 1),
                              valid_until=valid_until, self_declared=True, **kw)


def test_the_audit_log_names_a_certificate_in_no_language(cluster):
    """The label is stored when the event is written and read later in any language: no
    translated word ("self-declared") and no percent in the writer's notation."""
    with translation.override("id"):
        _cert(cluster, dt.date(2027, 5, 31), product="Blok rem")
        certificate_record(by=SYSTEM, organisation=cluster.supplier_a, regime="permenperin-35-2025",
                           product="Blok rem", number="123/TKDN", verifier="PT Sucofindo",
                           tkdn_percent=Decimal("48.18"), issued_on=dt.date(2026, 1, 5))
    labels = AuditEvent.objects.filter(action="tkdn_certificate.record").values_list(
        "object_label", flat=True)
    assert set(labels) == {"Blok rem", "123/TKDN · Blok rem"}


def test_expired_values_are_not_offered_and_warnings_go_once(cluster):
    now = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)
    today = now.date()
    expired = _cert(cluster, today - dt.timedelta(days=1), product="lama")
    soon = _cert(cluster, today + dt.timedelta(days=25), product="segera")
    later = _cert(cluster, today + dt.timedelta(days=80), product="nanti")
    with clock.frozen(now):
        offered = set(offerable_certificates(user=cluster.users["supplier_a"],
                                             organisation=cluster.supplier_a))
        statuses = {c.product: c.status for c in certificates_of(
            user=cluster.users["supplier_a"], organisation=cluster.supplier_a)}
        assert send_expiry_warnings.call() == 2
        assert send_expiry_warnings.call() == 0  # each window warns once
    assert offered == {soon, later} and expired not in offered
    assert statuses == {"lama": "expired", "segera": "expires_30", "nanti": "expires_90"}
    assert len(mail.outbox) == 2 and "supplier_a@example.id" in mail.outbox[0].to
    later.refresh_from_db()
    assert later.reminded_days == 90
    with clock.frozen(now + dt.timedelta(days=55)):  # "nanti" is now 25 days away
        assert send_expiry_warnings.call() == 1


@pytest.mark.parametrize(("regime", "issued", "until", "field"), [
    ("permenperin-16-2011", dt.date(2026, 1, 5), None, "regime"),
    ("permenperin-35-2025", dt.date(2025, 6, 1), None, "regime"),
    ("permenperin-35-2025", dt.date(2026, 1, 5), dt.date(2046, 1, 5), "valid_until"),
    ("permenperin-35-2025", dt.date(2026, 1, 5), dt.date(2025, 1, 5), "valid_until"),
])
def test_certificate_dates_follow_the_regime(cluster, regime, issued, until, field):
    with pytest.raises(Exception) as exc:
        certificate_record(by=SYSTEM, organisation=cluster.supplier_a, regime=regime,
                           product="Blok rem", tkdn_percent=Decimal(50), issued_on=issued,
                           valid_until=until, self_declared=True)
    assert field in exc.value.message_dict
    assert not TkdnCertificate.objects.exists()


def _verified_cert(organisation, number, issued_on=dt.date(2026, 1, 5)):
    return certificate_record(by=SYSTEM, organisation=organisation, regime="permenperin-35-2025",
                              product="Blok rem", number=number, verifier="PT Sucofindo",
                              tkdn_percent=Decimal(50), issued_on=issued_on)


def test_a_certificate_number_is_recorded_once_and_never_ahead_of_its_issue(cluster):
    _verified_cert(cluster.supplier_a, "123/TKDN")
    cases = [(cluster.supplier_a, "123/tkdn", clock.today(), "already recorded for this"),
             (cluster.supplier_b, " 123/TKDN ", clock.today(), "another supplier"),
             (cluster.supplier_b, "124/TKDN", clock.today() + dt.timedelta(days=1), "future")]
    for organisation, number, issued_on, message in cases:
        with pytest.raises(ValidationError) as exc, translation.override("en"):
            _verified_cert(organisation, number, issued_on)
        field = "issued_on" if message == "future" else "number"
        assert message in exc.value.message_dict[field][0]
    assert TkdnCertificate.objects.count() == 1
    # The database refuses it too, whatever the case of its letters.
    with pytest.raises(IntegrityError), transaction.atomic():
        TkdnCertificate.objects.create(
            organisation=cluster.supplier_b, number="123/tkdn", regime="permenperin-35-2025",
            product="Blok rem", tkdn_percent=Decimal(50), issued_on=dt.date(2026, 1, 5),
            valid_until=dt.date(2031, 1, 4), created_at=clock.now())


def test_the_certificate_form_names_a_number_already_recorded(supplier, cluster):
    _verified_cert(cluster.supplier_b, "777/TKDN")
    response = supplier.post(reverse("tkdn:certificate-new", args=[cluster.supplier_a.pk]), {
        "number": "777/TKDN", "verifier": "PT Sucofindo", "regime": "permenperin-35-2025",
        "product": "Blok rem", "tkdn_percent": "50", "bmp_percent": "0",
        "issued_on": "2026-01-05"})
    assert response.status_code == 200
    assert "pemasok lain" in response.context["form"].errors["number"][0]


def test_the_supplier_chooses_how_uncertified_material_counts(supplier, cluster):
    response = _new(supplier, cluster.supplier_a, {**form_data(), "uncertified": "foreign"})
    page = supplier.get(response["Location"]).content.decode()
    assert "21,25%" in page  # scrap and backing plate count 0 without certificates
    assert Worksheet.objects.get().latest.data["uncertified"] == "foreign"


def test_a_version_keeps_the_weights_it_was_computed_with(supplier, cluster, monkeypatch):
    from pasok.rules import tkdn

    _new(supplier, cluster.supplier_a, form_data())
    worksheet = Worksheet.objects.get()
    assert worksheet.latest.data["weights"] == {"material": "0.75", "labour": "0.10",
                                                "overhead": "0.15"}
    # Should the regulation's weights be corrected, the saved version still reads 48.18%.
    monkeypatch.setitem(tkdn.WEIGHTS, tkdn.Regime.P35_2025,
                        {"material": Decimal("0.7"), "labour": Decimal("0.15"),
                         "overhead": Decimal("0.15")})
    page = supplier.get(reverse("tkdn:worksheet", args=[worksheet.public_id])).content.decode()
    assert "48,18%" in page
    assert "93,48%" in page  # the advice, computed with the stored 0.75/0.10/0.15
