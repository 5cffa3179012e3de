"""The award report (Berita Acara Hasil Pemilihan) as PDF: built from the Award records, the
evaluated bids in rank order, the objection period and its outcome, in the reader's language;
for the buyer, the ministry and platform admins, only after the award."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from pasok import clock
from pasok.tenders import services
from pasok.tenders.models import Award
from tests.conftest import PASSWORD
from tests.tenders.test_evaluation_pdf import OPENING, pdf_text
from tests.tenders.test_evaluation_pdf import tender as tender  # the fixture, shared

AWARDED = OPENING + dt.timedelta(hours=1)
LATER = AWARDED + dt.timedelta(days=10)

pytestmark = pytest.mark.django_db


def _award(cluster, tender):
    buyer = cluster.users["buyer_x"]
    with clock.frozen(OPENING):
        services.tender_open(by=buyer, tender=tender)
        services.tender_evaluate(by=buyer, tender=tender)
    with clock.frozen(AWARDED):
        services.tender_award(by=buyer, tender=tender)


def _get(client, role, tender, at=LATER, language=None):
    client.logout()
    if role != "anonymous":
        assert client.login(email=f"{role}@example.id", password=PASSWORD)
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with clock.frozen(at):
        return client.get(reverse("tenders:award-report", args=[tender.pk]))


def test_the_report_in_indonesian_from_the_award_record(client, cluster, tender):
    _award(cluster, tender)
    award = Award.objects.get()
    response = _get(client, "buyer_x", tender)
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="award-report-{tender.reference}.pdf"')
    text = pdf_text(response.content)
    assert "Berita Acara Hasil Pemilihan" in text and tender.reference in text
    # The evaluated bids in rank order: the winner first, the excluded after.
    assert text.index("CV Logam Sejahtera") < text.index("UD Cor Makmur")
    assert "TKDN di bawah minimum 25,00%" in text
    # The award row as the Award record holds it.
    assert award.supplier.name == "CV Logam Sejahtera"
    assert "10.000" in text and "Rp118.000" in text and "Rp1.180.000.000" in text
    assert "45,00%" in text and "100,00%" in text and "peringkat 1 lot" in text
    assert "Masa sanggah" in text and "5 hari kalender" in text
    assert "Penetapan pemenang telah final." in text  # ten days on, nobody objected
    assert "Pokja Pemilihan" in text and "Nama dan tanda tangan" in text


def test_english_and_a_running_period(client, cluster, tender):
    _award(cluster, tender)
    text = pdf_text(_get(client, "buyer_x", tender, at=AWARDED + dt.timedelta(days=1),
                         language="en").content)
    assert "Award report" in text and "Evaluated bids, in rank order" in text
    assert "The objection period is running." in text and "Rp1,180,000,000" in text


def test_an_unanswered_objection_holds_the_award(client, cluster, tender):
    _award(cluster, tender)
    with clock.frozen(AWARDED + dt.timedelta(days=1)):
        services.objection_file(by=cluster.users["supplier_b"], tender=tender,
                                reasons="TKDN kami dihitung salah.")
    text = pdf_text(_get(client, "ministry", tender).content)
    assert "Penetapan pemenang menunggu jawaban sanggah." in text
    assert "Penyanggah" in text and "UD Cor Makmur" in text
    assert "TKDN kami dihitung salah." not in text  # the reasons stay on the page


@pytest.mark.parametrize(("role", "expected"), [
    ("anonymous", 302), ("buyer_x", 200), ("buyer_y", 404), ("supplier_a", 403),
    ("supplier_b", 403), ("ministry", 200), ("admin", 200)])
def test_for_the_buyer_the_ministry_and_admins(client, cluster, tender, role, expected):
    _award(cluster, tender)
    response = _get(client, role, tender)
    assert response.status_code == expected
    assert response.content.startswith(b"%PDF") == (expected == 200)


def test_refused_before_the_award(client, cluster, tender):
    buyer = cluster.users["buyer_x"]
    with clock.frozen(OPENING):
        services.tender_open(by=buyer, tender=tender)
        services.tender_evaluate(by=buyer, tender=tender)
    assert _get(client, "buyer_x", tender).status_code == 403
