"""The worksheet editor and the pages around it speak the reader's language: numbers typed
the Indonesian way (1.500, 48,5), the rules' errors next to their row and field in words,
stored figures shown as the language writes them, constraints named in words."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.rules.tkdn import ERRORS
from pasok.tkdn.models import TkdnCertificate, Worksheet
from pasok.tkdn.services import certificate_record, worksheet_save
from pasok.tkdn.texts import _ERRORS
from tests.examples import INTERFACES_WORKSHEET
from tests.tkdn.test_pages import EXAMPLE, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def supplier(client, cluster):
    client.force_login(cluster.users["supplier_a"])
    return client


def _new(client, org, data):
    return client.post(reverse("tkdn:worksheet-new", args=[org.pk]), data)


def _in_english(data: dict) -> dict:
    """The same form typed on the English page: 6.2 and 9,500 instead of 6,2 and 9.500."""
    return {k: v.translate(str.maketrans(".,", ",.")) if any(c.isdigit() for c in v) else v
            for k, v in data.items()}


def _with_imports(data: dict, *, pig_iron="0", machine="0") -> dict:
    return data | {"material-0-origin": "import", "material-0-domestic_percent": pig_iron,
                   "overhead-1-category": "machine_imported",
                   "overhead-1-domestic_percent": machine}


def test_every_rule_error_has_words_for_people():
    assert set(_ERRORS) == set(ERRORS)


def test_a_worksheet_with_imports_saves_and_its_page_and_pdf_answer(supplier, cluster):
    response = _new(supplier, cluster.supplier_a, _with_imports(form_data()))
    worksheet = Worksheet.objects.get()
    assert response["Location"] == reverse("tkdn:worksheet", args=[worksheet.public_id])
    page = supplier.get(response["Location"]).content.decode()
    assert "48,18%" in page and "93,48%" in page  # the advice: pig iron made domestic
    pdf = supplier.get(reverse("tkdn:worksheet-pdf", args=[worksheet.public_id]))
    assert pdf.status_code == 200
    what_if = supplier.get(response["Location"], {"line": "overhead-1", "percent": "100"})
    assert "51,93%" in what_if.content.decode()  # a domestic machine instead


@pytest.mark.parametrize(("language", "pig_iron", "machine"), [
    ("id", "harus 0 untuk barang impor", "harus 0 untuk mesin impor"),
    ("en", "must be 0 for an import", "must be 0 for an imported machine"),
])
def test_a_priced_import_is_refused_next_to_its_field(supplier, cluster, language, pig_iron,
                                                      machine):
    supplier.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    typed = form_data() if language == "id" else _in_english(form_data())
    response = _new(supplier, cluster.supplier_a, _with_imports(typed, pig_iron="10"))
    row = response.context["formsets"]["material"].forms[0]
    assert row.errors == {"domestic_percent": [pig_iron]}
    assert 'value="10"' in response.content.decode()  # what was typed stays
    response = _new(supplier, cluster.supplier_a, _with_imports(typed, machine="20"))
    assert response.context["formsets"]["overhead"].forms[1].errors == {
        "domestic_percent": [machine]}
    assert not Worksheet.objects.exists()


def test_a_factor_error_is_told_in_english_too(supplier, cluster):
    supplier.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = _new(supplier, cluster.supplier_a,
                    _in_english(form_data(example={**EXAMPLE, "labour": []})))
    assert response.context["form"].non_field_errors() == [
        "Direct labour: these lines total 0; Permenperin 35/2025 weighs every factor, so each "
        "needs a cost"]


def test_numbers_are_typed_the_indonesian_way(supplier, cluster):
    english = _new(supplier, cluster.supplier_a, {**form_data(), "material-0-quantity": "6.2"})
    errors = english.context["formsets"]["material"].forms[0].errors["quantity"]
    assert "6,2" in errors[0]  # refused, with the value written the Indonesian way
    assert 'value="6.2"' in english.content.decode()
    assert not Worksheet.objects.exists()
    _new(supplier, cluster.supplier_a, {**form_data(), "labour-0-cost": "14.000"})
    assert Worksheet.objects.get().latest.data["labour"][0]["cost"] == 14000


def test_the_editor_shows_stored_figures_the_readers_way(supplier, cluster):
    data = {**INTERFACES_WORKSHEET, "materials": [
        {**INTERFACES_WORKSHEET["materials"][0], "unit_price": "9500.5"},
        *INTERFACES_WORKSHEET["materials"][1:]]}
    version = worksheet_save(by=SYSTEM, organisation=cluster.supplier_a, data=data)
    edit = supplier.get(reverse("tkdn:worksheet-edit", args=[version.worksheet.public_id]))
    body = edit.content.decode()
    assert 'value="9.500,5"' in body and 'value="48,5"' in body
    assert 'type="number"' not in body
    supplier.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = supplier.get(reverse("tkdn:worksheet-edit", args=[version.worksheet.public_id])).content
    assert b'value="9,500.5"' in body


def test_the_what_if_reads_an_indonesian_percent(supplier, cluster):
    version = worksheet_save(by=SYSTEM, organisation=cluster.supplier_a,
                             data=INTERFACES_WORKSHEET)
    url = reverse("tkdn:worksheet", args=[version.worksheet.public_id])
    body = supplier.get(url, {"line": "material-0", "percent": "71,0"}).content.decode()
    assert "80,34%" in body and 'id="what-if-answer"' in body
    refused = supplier.get(url, {"line": "material-0", "percent": "71.5"})
    assert 'id="what-if-answer"' not in refused.content.decode()
    assert "71,5" in refused.context["what_if_form"].errors["percent"][0]


def test_the_what_if_says_whether_it_raises_or_lowers_tkdn(supplier, cluster):
    version = worksheet_save(by=SYSTEM, organisation=cluster.supplier_a,
                             data=INTERFACES_WORKSHEET)
    url = reverse("tkdn:worksheet", args=[version.worksheet.public_id])

    def answer(line, percent):
        body = supplier.get(url, {"line": line, "percent": percent}).content.decode()
        return re.sub(r"\s+", " ", re.search(r'id="what-if-answer"[^>]*>(.*?)</p>', body,
                                              re.S).group(1))

    assert "menaikkan TKDN menjadi <strong>80,34%" in answer("material-0", "71")
    # The steel back plate is 48,5% domestic today: a 20% product pulls TKDN down.
    assert "menurunkan TKDN menjadi" in answer("material-2", "20")
    assert "TKDN tetap <strong>48,18%" in answer("material-2", "48,5")


def test_bmp_saved_message_prints_the_number_the_readers_way(supplier, cluster):
    response = supplier.post(reverse("tkdn:bmp", args=[cluster.supplier_a.pk]), {
        "esg": "on", "esg__evidence": "Laporan ESG 2025", "domestic_brand": "on",
        "domestic_brand__evidence": "Merek terdaftar"}, follow=True)
    assert "BMP disimpan: 3,00%." in response.content.decode()


def test_a_certificate_percent_is_typed_with_a_comma(supplier, cluster):
    with clock.frozen(dt.datetime(2026, 2, 1, 2, 0, tzinfo=dt.UTC)):
        response = supplier.post(
            reverse("tkdn:certificate-new", args=[cluster.supplier_a.pk]),
            {"self_declared": "on", "regime": "permenperin-35-2025", "product": "Blok rem",
             "tkdn_percent": "48,18", "bmp_percent": "2,5", "issued_on": "2026-01-05"})
    assert response.status_code == 302
    cert = TkdnCertificate.objects.get()
    assert (cert.tkdn_percent, cert.bmp_percent) == (Decimal("48.18"), Decimal("2.5"))


@pytest.mark.parametrize(("change", "message"), [
    ({"tkdn_percent": Decimal(120)}, "TKDN harus antara 0% dan 100%."),
    ({"bmp_percent": Decimal(20)}, "BMP harus antara 0% dan 15%."),
    ({"valid_until": dt.date(2025, 1, 1)},
     "Tanggal kedaluwarsa lebih awal daripada tanggal terbit."),
    ({"self_declared": False, "number": ""},
     "Sertifikat terverifikasi memiliki nomor; jika tidak ada, tandai nilai ini sebagai "
     "deklarasi mandiri."),
])
def test_constraints_are_named_in_words(cluster, change, message):
    cert = certificate_record(by=SYSTEM, organisation=cluster.supplier_a,
                              regime="permenperin-35-2025", product="Blok rem",
                              tkdn_percent=Decimal(50), issued_on=dt.date(2026, 1, 5),
                              self_declared=True)
    for field, value in change.items():
        setattr(cert, field, value)
    with translation.override("id"), pytest.raises(ValidationError) as exc:
        cert.validate_constraints()
    with translation.override("id"):
        assert exc.value.messages == [message]


def test_the_overview_reads_in_a_fixed_number_of_queries(supplier, cluster,
                                                          django_assert_max_num_queries):
    for n in range(4):
        worksheet_save(by=SYSTEM, organisation=cluster.supplier_a,
                       data={**INTERFACES_WORKSHEET, "product": f"Blok rem {n}"})
        certificate_record(by=SYSTEM, organisation=cluster.supplier_a,
                           regime="permenperin-35-2025", product=f"Blok rem {n}",
                           tkdn_percent=Decimal(48), issued_on=dt.date(2026, 1, 5),
                           self_declared=True)
    with django_assert_max_num_queries(12):
        page = supplier.get(reverse("tkdn:overview", args=[cluster.supplier_a.pk]))
    assert page.content.decode().count('data-label="TKDN"') == 8
