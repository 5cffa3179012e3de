"""The verification queue, the confirm step, the NIB document (kept private), and the news to
the organisation's people."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import Notification, Organisation
from pasok.accounts.services import (
    nib_document_upload,
    organisation_create,
    organisation_verify,
    supplier_signup,
)
from pasok.audit.models import AuditEvent
from tests.conftest import PASSWORD, make_nib, make_npwp, page_scripts
from tests.tenders.files import PNG, nib_pdf

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)


def _login(client, role):
    assert client.login(email=f"{role}@example.id", password=PASSWORD)


def _signup(n, name, *, at, province="Jawa Tengah", language="id"):
    with clock.frozen(at):
        return supplier_signup(email=f"admin{n}@contoh.id", full_name=f"Pemilik {n}",
                               password="besi-cor-ceper-2026", nib_document=nib_pdf(name),
                               language=language, name=name, nib=make_nib(n), npwp=make_npwp(n),
                               province=province, regency="Klaten")


def _confirm(user):
    Organisation.objects.filter(pk=user.organisation_id).update(is_active=True)
    type(user).objects.filter(pk=user.pk).update(is_active=True)


def _names(response):
    return [org.name for org in response.context["page"].object_list]


def test_the_queue_puts_confirmed_signups_first_and_shows_unconfirmed_ones_as_such(
        client, cluster):
    waiting = _signup(60, "UD Menunggu Konfirmasi", at=T0)
    first = _signup(61, "UD Paling Lama", at=T0 + dt.timedelta(hours=1))
    later = _signup(62, "UD Baru Daftar", at=T0 + dt.timedelta(hours=2))
    _confirm(first)
    _confirm(later)
    organisation_verify(by=SYSTEM, organisation=cluster.supplier_b)
    _login(client, "ministry")
    response = client.get(reverse("accounts:verification"))
    names = _names(response)
    assert names.index("UD Paling Lama") < names.index("UD Baru Daftar") < names.index(
        "UD Menunggu Konfirmasi")
    assert "UD Cor Makmur" not in names  # verified already
    assert "PT Kereta Api Indonesia (Persero)" not in names  # buyers are not verified
    page = response.content.decode()
    assert "email belum dikonfirmasi" in page
    assert reverse("accounts:nib-document", args=[waiting.organisation_id]) in page
    assert reverse("accounts:verify", args=[first.organisation_id]) in page
    assert reverse("accounts:verify", args=[waiting.organisation_id]) not in page
    assert make_nib(61) in page


def test_a_cooperative_queues_only_its_own_members(client, cluster):
    _confirm(_signup(63, "UD Bukan Anggota", at=T0))
    _login(client, "cooperative")
    assert _names(client.get(reverse("accounts:verification"))) == ["UD Sinar Besi"]


@pytest.mark.parametrize("role", ["supplier_a", "buyer_x"])
def test_others_have_no_queue(client, cluster, role):
    _login(client, role)
    assert client.get(reverse("accounts:verification")).status_code == 403
    assert "/accounts/verification/" not in client.get("/").content.decode()


def test_the_queue_reads_in_a_fixed_number_of_queries(client, cluster,
                                                      django_assert_max_num_queries):
    for n in range(70, 82):
        user = _signup(n, f"UD Antre {n}", at=T0)
        if n % 2:
            _confirm(user)
    _login(client, "ministry")
    client.get(reverse("accounts:verification"))  # the session, warmed
    with django_assert_max_num_queries(8):
        response = client.get(reverse("accounts:verification"))
    assert len(_names(response)) >= 12


def test_the_confirm_step_says_what_verifying_means_and_needs_the_tick(client, cluster):
    _login(client, "ministry")
    url = reverse("accounts:verify", args=[cluster.supplier_a.pk])
    page = client.get(url).content.decode()
    assert "Apa arti verifikasi" in page and page_scripts(page) == ["/static/pasok/site.js"]
    assert "Rp800.000.000" in page  # the capital behind the size class
    refused = client.post(url, {})
    assert refused.status_code == 200 and "confirm" in refused.context["form"].errors
    cluster.supplier_a.refresh_from_db()
    assert cluster.supplier_a.verified_at is None


def test_verifying_tells_the_organisations_people_in_their_language(
        client, cluster, django_capture_on_commit_callbacks):
    from pasok.accounts.services import user_create

    english = user_create(by=SYSTEM, email="staff-en@example.id", full_name="Staff",
                          password=PASSWORD, organisation=cluster.supplier_a,
                          org_role="staff", language="en")
    _login(client, "ministry")
    with clock.frozen(T0), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:verify", args=[cluster.supplier_a.pk]),
                               {"confirm": "on"})
    assert response.status_code == 302
    cluster.supplier_a.refresh_from_db()
    assert cluster.supplier_a.verified_by == cluster.users["ministry"]
    by_person = {m.to[0]: m for m in mail.outbox}
    assert set(by_person) == {"supplier_a@example.id", "staff-en@example.id",
                              "staff_a@example.id", "viewer_a@example.id"}
    indonesian = by_person["supplier_a@example.id"]
    assert indonesian.subject == "CV Logam Sejahtera terverifikasi di Pasok"
    assert "2 Maret 2026 09:00 WIB" in indonesian.body
    assert "ministry (Kementerian Perindustrian)" in indonesian.body
    assert "2 March 2026 09:00 WIB" in by_person["staff-en@example.id"].body
    assert Notification.objects.filter(user=english, text__startswith="CV Logam Sejahtera is "
                                       "verified").exists()


def test_the_system_verifies_silently(cluster, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        organisation_verify(by=SYSTEM, organisation=cluster.supplier_b)
        organisation_verify(by=cluster.users["ministry"], organisation=cluster.member,
                            notify=False)
    assert mail.outbox == [] and not Notification.objects.exists()


def test_an_unconfirmed_signup_cannot_be_verified(cluster):
    user = _signup(64, "UD Belum Konfirmasi", at=T0)
    with pytest.raises(ValidationError):
        organisation_verify(by=cluster.users["ministry"], organisation=user.organisation)
    assert Organisation.objects.get(pk=user.organisation_id).verified_at is None


def test_the_nib_document_downloads_as_an_attachment(client, cluster):
    nib_document_upload(by=SYSTEM, organisation=cluster.supplier_a, upload=nib_pdf())
    _login(client, "ministry")
    response = client.get(reverse("accounts:nib-document", args=[cluster.supplier_a.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == nib_pdf().data


def test_a_new_document_makes_a_verified_organisation_unverified(client, cluster):
    org = organisation_verify(by=cluster.users["ministry"], organisation=cluster.supplier_a,
                              notify=False)
    nib_document_upload(by=SYSTEM, organisation=org, upload=nib_pdf("pertama"))
    org.refresh_from_db()
    assert org.verified_at is not None  # a first document adds to what was checked
    _login(client, "supplier_a")
    url = reverse("accounts:nib-document-upload", args=[org.pk])
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(url, {"nib_document": SimpleUploadedFile("NIB.png", PNG)})
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.verified_at is None and org.nib_document.content_type == "image/png"
    event = AuditEvent.objects.filter(action="nib_document.upload").latest("id")
    assert event.before["filename"] == "NIB perusahaan.pdf" and event.after["verified_at"] is None


def test_organisation_page_links_the_document_only_for_those_who_may_open_it(client, cluster):
    nib_document_upload(by=SYSTEM, organisation=cluster.supplier_a, upload=nib_pdf())
    link = reverse("accounts:nib-document", args=[cluster.supplier_a.pk])
    page = reverse("suppliers:organisation", args=[cluster.supplier_a.pk])
    _login(client, "supplier_a")
    assert link in client.get(page).content.decode()
    _login(client, "buyer_x")
    assert link not in client.get(page).content.decode()
    assert client.get(link).status_code == 404


def test_organisations_made_without_a_signup_have_no_document(cluster):
    org = organisation_create(by=SYSTEM, name="UD Impor", kind="supplier", nib=make_nib(65),
                              npwp=make_npwp(65), province="Jawa Tengah", regency="Klaten")
    assert not hasattr(Organisation.objects.get(pk=org.pk), "nib_document")
