import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import Organisation, User
from pasok.audit.models import AuditEvent
from tests.conftest import make_nib, make_npwp
from tests.tenders.files import NOT_A_PDF, PDF

pytestmark = pytest.mark.django_db


def nib_file(data: bytes = PDF, name: str = "NIB UD Logam Rahayu.pdf"):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def _signup_data(**overrides):
    data = {"full_name": "Sri Rahayu", "email": "sri@logam-rahayu.id",
            "password1": "besi-cor-ceper-2026", "password2": "besi-cor-ceper-2026",
            "name": "UD Logam Rahayu", "nib": make_nib(77), "npwp": make_npwp(77),
            "province": "Jawa Tengah", "regency": "Klaten", "district": "Ceper",
            "annual_sales": "1.200.000.000", "nib_document": nib_file()}
    data.update(overrides)
    return data


def confirmation_path(message) -> str:
    return re.search(r"http://[^/\s]+(/accounts/confirm/[^/\s]+/)", message.body)[1]


def test_signup_confirms_by_email_then_signs_in(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:signup"), _signup_data())
    assert response.status_code == 200
    assert "sri@logam-rahayu.id" in response.content.decode()
    user = User.objects.get(email="sri@logam-rahayu.id")
    assert not user.is_active
    org = user.organisation
    assert org.kind == "supplier" and org.verified_at is None and org.size_class == "micro"
    assert len(mail.outbox) == 1
    assert not client.login(email="sri@logam-rahayu.id", password="besi-cor-ceper-2026")
    confirmed = client.get(confirmation_path(mail.outbox[0]))
    assert confirmed.status_code == 302
    assert client.login(email="sri@logam-rahayu.id", password="besi-cor-ceper-2026")
    assert AuditEvent.objects.filter(action="user.confirm_email").count() == 1


def test_tampered_confirmation_link_is_refused(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:signup"), _signup_data())
    link = re.search(r"/accounts/confirm/(\S+)/", mail.outbox[0].body)[1]
    response = client.get(reverse("accounts:confirm", args=[link[:-2] + "xx"]))
    assert response.status_code == 400
    assert not User.objects.get(email="sri@logam-rahayu.id").is_active


@pytest.mark.parametrize(("field", "value"), [
    ("nib", "91200000"), ("nib", "91200000000AB"), ("npwp", "01.234.567.0-526.000"),
    ("npwp", "1234"), ("password2", "lain"), ("email", "bukan-email"),
    ("annual_sales", "-5"), ("annual_sales", "1.500,5"),
])
def test_bad_signup_names_the_field_and_writes_nothing(client, field, value):
    response = client.post(reverse("accounts:signup"), _signup_data(**{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors, response.context["form"].errors
    assert Organisation.objects.count() == 0 and User.objects.count() == 0
    assert len(mail.outbox) == 0
    if field not in ("password2",):
        assert value in response.content.decode()


def test_duplicate_nib_is_refused(client, cluster):
    response = client.post(reverse("accounts:signup"), _signup_data(nib=cluster.supplier_a.nib))
    assert "nib" in response.context["form"].errors
    assert not User.objects.filter(email="sri@logam-rahayu.id").exists()


def test_admin_invites_a_colleague_who_sets_a_password(client, cluster,
                                                        django_capture_on_commit_callbacks):
    client.login(email="supplier_a@example.id", password="rahasia-uji-123")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:people"), {
            "full_name": "Budi Santoso", "email": "budi@logam.id", "org_role": "staff"})
    assert response.status_code == 302
    budi = User.objects.get(email="budi@logam.id")
    assert budi.organisation == cluster.supplier_a and not budi.has_usable_password()
    link = re.search(r"http://\S+(/accounts/password/reset/\S+/)", mail.outbox[0].body)[1]
    client.logout()
    form_page = client.get(link, follow=True)
    response = client.post(form_page.redirect_chain[-1][0], {
        "new_password1": "cor-logam-aman-77", "new_password2": "cor-logam-aman-77"})
    assert response.status_code == 302
    assert client.login(email="budi@logam.id", password="cor-logam-aman-77")


def test_staff_cannot_invite(client, cluster):
    from pasok.accounts.services import user_create

    user_create(by=SYSTEM, email="staf@logam.id", full_name="Staf", password="rahasia-uji-123",
                organisation=cluster.supplier_a, org_role="staff")
    client.login(email="staf@logam.id", password="rahasia-uji-123")
    page = client.get(reverse("accounts:people"))
    assert page.status_code == 200 and page.context["form"] is None
    response = client.post(reverse("accounts:people"), {
        "full_name": "X", "email": "x@logam.id", "org_role": "admin"})
    assert response.status_code == 403
    assert not User.objects.filter(email="x@logam.id").exists()


def test_identifiers_are_accepted_as_printed(client, django_capture_on_commit_callbacks):
    digits = make_npwp(78)
    printed = f"{digits[0:2]}.{digits[2:5]}.{digits[5:8]}.{digits[8]}-{digits[9:12]}.{digits[12:]}"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:signup"), _signup_data(
            nib="9120 0000 0007 8", npwp=printed))
    assert response.status_code == 200 and "form" not in (response.context or {})
    org = Organisation.objects.get()
    assert (org.nib, org.npwp) == ("9120000000078", digits)


def test_unconfirmed_signups_are_hidden_and_give_their_nib_back(client, cluster):
    import datetime as dt

    from pasok import clock
    from pasok.suppliers.selectors import SearchCriteria, search_suppliers

    start = clock.now()
    with clock.frozen(start):
        client.post(reverse("accounts:signup"), _signup_data())
    hidden = search_suppliers(user=cluster.users["buyer_x"], criteria=SearchCriteria(
        text="rahayu"))
    assert not hidden.exists()
    with clock.frozen(start + dt.timedelta(days=1)):  # too early: the link still works
        retry = client.post(reverse("accounts:signup"), _signup_data(email="lain@rahayu.id"))
        assert "nib" in retry.context["form"].errors
    with clock.frozen(start + dt.timedelta(days=4)):
        client.post(reverse("accounts:signup"), _signup_data(email="lain@rahayu.id"))
    assert list(User.objects.filter(organisation__name="UD Logam Rahayu").values_list(
        "email", flat=True)) == ["lain@rahayu.id"]


def test_setting_a_password_is_audited(client, cluster, django_capture_on_commit_callbacks):
    from pasok.audit.models import AuditEvent

    client.login(email="supplier_a@example.id", password="rahasia-uji-123")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:people"), {
            "full_name": "Dewi", "email": "dewi@logam.id", "org_role": "viewer"})
    link = re.search(r"http://\S+(/accounts/password/reset/\S+/)", mail.outbox[0].body)[1]
    client.logout()
    form_page = client.get(link, follow=True)
    client.post(form_page.redirect_chain[-1][0], {
        "new_password1": "cor-logam-aman-88", "new_password2": "cor-logam-aman-88"})
    event = AuditEvent.objects.get(action="user.password_set")
    assert event.actor.email == "dewi@logam.id" and "cor-logam" not in str(event.after)


# --- numbers, the NIB document, the language -------------------------------------------------

def test_rupiah_is_read_the_indonesian_way(client, django_capture_on_commit_callbacks):
    """"200.000.000" is two hundred million in the Indonesian form (it was refused with a
    message about decimal places)."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:signup"), _signup_data(
            business_capital="200.000.000", annual_sales="Rp 1.200.000.000"))
    assert response.status_code == 200 and "form" not in (response.context or {})
    org = Organisation.objects.get()
    assert (org.business_capital, org.annual_sales) == (200_000_000, 1_200_000_000)
    assert org.size_class == "micro"


def test_rupiah_in_the_english_form(client):
    client.cookies["django_language"] = "en"
    response = client.post(reverse("accounts:signup"), _signup_data(
        business_capital="200,000,000", annual_sales=""))
    assert response.status_code == 200 and "form" not in (response.context or {})
    assert Organisation.objects.get().business_capital == 200_000_000


def test_the_nib_document_is_kept_with_the_signup(client):
    client.post(reverse("accounts:signup"), _signup_data())
    org = Organisation.objects.get()
    document = org.nib_document
    assert document.filename == "NIB UD Logam Rahayu.pdf"
    assert document.content_type == "application/pdf" and document.size == len(PDF)
    assert document.uploaded_by == User.objects.get(email="sri@logam-rahayu.id")
    assert AuditEvent.objects.filter(action="nib_document.upload",
                                     organisation_id=org.pk).exists()


@pytest.mark.parametrize(("upload", "message"), [
    (None, "Kolom ini wajib diisi"),
    (nib_file(NOT_A_PDF, "NIB.pdf"), "hanya berkas PDF, JPEG atau PNG"),
    (nib_file(PDF, "NIB.exe"), "hanya berkas PDF, JPEG atau PNG"),
])
def test_signup_without_an_acceptable_nib_document_is_refused(client, upload, message):
    data = _signup_data(nib_document=upload) if upload else {
        k: v for k, v in _signup_data().items() if k != "nib_document"}
    response = client.post(reverse("accounts:signup"), data)
    assert "nib_document" in response.context["form"].errors
    assert message in response.content.decode()
    assert "pilih dokumen NIB lagi" in response.content.decode() or upload is None
    assert not Organisation.objects.exists() and not User.objects.exists()


def test_a_document_over_10_mb_is_refused(client):
    big = nib_file(PDF + b"0" * (10 * 1024 * 1024))
    response = client.post(reverse("accounts:signup"), _signup_data(nib_document=big))
    assert "paling besar 10 MB" in " ".join(response.context["form"].errors["nib_document"])
    assert not Organisation.objects.exists()


def test_signup_keeps_the_page_language_for_the_person_and_the_mail(
        client, django_capture_on_commit_callbacks):
    client.cookies["django_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:signup"), _signup_data(annual_sales="1,200,000,000"))
    assert User.objects.get(email="sri@logam-rahayu.id").language == "en"
    assert mail.outbox[0].subject == "Confirm your Pasok account"
    assert "valid for three days" in mail.outbox[0].body


# --- a new confirmation link ------------------------------------------------------------------

def _signed_up(client, django_capture_on_commit_callbacks, start):
    from pasok import clock

    with clock.frozen(start), django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:signup"), _signup_data())
    mail.outbox.clear()


def _resend(client, django_capture_on_commit_callbacks, email, at):
    from pasok import clock

    with clock.frozen(at), django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("accounts:resend-confirmation"), {"email": email})


def test_an_expired_link_leads_to_a_new_one_that_works(client,
                                                       django_capture_on_commit_callbacks):
    import datetime as dt

    from pasok import clock

    start = clock.now()
    _signed_up(client, django_capture_on_commit_callbacks, start)
    old = confirmation_path(_first_confirmation(client, django_capture_on_commit_callbacks,
                                                start))
    with clock.frozen(start + dt.timedelta(days=4)):
        failed = client.get(old)
    assert failed.status_code == 400
    page = failed.content.decode()
    assert "kedaluwarsa" in page and reverse("accounts:resend-confirmation") in page
    response = _resend(client, django_capture_on_commit_callbacks, "SRI@logam-rahayu.id",
                       start + dt.timedelta(days=4))
    assert response.status_code == 200 and len(mail.outbox) == 1
    with clock.frozen(start + dt.timedelta(days=4, hours=1)):
        assert client.get(confirmation_path(mail.outbox[0])).status_code == 302
    assert User.objects.get(email="sri@logam-rahayu.id").is_active
    assert AuditEvent.objects.filter(action="user.confirmation_resend").count() == 1


def _first_confirmation(client, django_capture_on_commit_callbacks, at):
    """The link of a confirmation sent at `at` (the sign-up's own went to an outbox cleared
    by _signed_up)."""
    from pasok import clock
    from pasok.accounts.tasks import send_confirmation_email

    with clock.frozen(at):
        send_confirmation_email.call(user_id=User.objects.get().pk)
    return mail.outbox.pop()


def test_resending_reveals_nothing_and_waits_between_links(client,
                                                          django_capture_on_commit_callbacks):
    import datetime as dt

    from pasok import clock

    start = clock.now()
    _signed_up(client, django_capture_on_commit_callbacks, start)
    unknown = _resend(client, django_capture_on_commit_callbacks, "siapa@contoh.id",
                      start + dt.timedelta(minutes=10))
    known = _resend(client, django_capture_on_commit_callbacks, "sri@logam-rahayu.id",
                    start + dt.timedelta(minutes=10))
    assert unknown.status_code == known.status_code == 200

    def text(response):
        page = re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", response.content.decode())
        return page.replace("siapa@contoh.id", "EMAIL").replace("sri@logam-rahayu.id", "EMAIL")

    assert text(unknown) == text(known)
    assert [m.to for m in mail.outbox] == [["sri@logam-rahayu.id"]]
    _resend(client, django_capture_on_commit_callbacks, "sri@logam-rahayu.id",
            start + dt.timedelta(minutes=12))
    assert len(mail.outbox) == 1  # a link went out two minutes ago
    _resend(client, django_capture_on_commit_callbacks, "sri@logam-rahayu.id",
            start + dt.timedelta(minutes=16))
    assert len(mail.outbox) == 2


def test_no_confirmation_link_for_an_account_in_use(client, cluster,
                                                    django_capture_on_commit_callbacks):
    from pasok import clock

    _resend(client, django_capture_on_commit_callbacks, "supplier_a@example.id", clock.now())
    assert mail.outbox == []


def test_one_connection_may_ask_only_so_often(client, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    from pasok import clock
    from pasok.accounts.views import RESEND_LIMIT

    cache.clear()
    for _ in range(RESEND_LIMIT):
        ok = _resend(client, django_capture_on_commit_callbacks, "x@contoh.id", clock.now())
        assert ok.status_code == 200
    refused = _resend(client, django_capture_on_commit_callbacks, "x@contoh.id", clock.now())
    assert refused.status_code == 429
    assert "Terlalu banyak permintaan" in refused.content.decode()
    cache.clear()


def test_a_resent_link_keeps_the_nib_of_an_unconfirmed_signup(
        client, django_capture_on_commit_callbacks):
    """A sign-up gives its NIB back only once its latest link has expired."""
    import datetime as dt

    from pasok import clock

    start = clock.now()
    _signed_up(client, django_capture_on_commit_callbacks, start)
    _resend(client, django_capture_on_commit_callbacks, "sri@logam-rahayu.id",
            start + dt.timedelta(days=2))
    with clock.frozen(start + dt.timedelta(days=4)):
        retry = client.post(reverse("accounts:signup"), _signup_data(email="lain@rahayu.id"))
    assert "nib" in retry.context["form"].errors
    with clock.frozen(start + dt.timedelta(days=6)):
        client.post(reverse("accounts:signup"), _signup_data(email="lain@rahayu.id"))
    assert list(User.objects.values_list("email", flat=True)) == ["lain@rahayu.id"]


def test_the_signup_page_says_what_is_checked_once(client):
    page = client.get(reverse("accounts:signup")).content.decode()
    assert "dokumen NIB beserta nomor NIB dan NPWP-nya" in page
    assert "NIB, NIB" not in page


def test_the_login_page_offers_a_new_confirmation_link(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:resend-confirmation") in page


def test_signing_in_before_confirming_says_so_only_with_the_right_password(client):
    client.post(reverse("accounts:signup"), _signup_data())
    resend = f'<a href="{reverse("accounts:resend-confirmation")}">'

    def login_error(email, password) -> str:
        response = client.post(reverse("accounts:login"), {"username": email,
                                                            "password": password})
        assert response.status_code == 200  # not signed in
        page = response.content.decode()
        error = " ".join(response.context["form"].non_field_errors())
        assert error in page  # in the error summary, its link a link (never user input)
        return error

    error = login_error("Sri@Logam-Rahayu.id", "besi-cor-ceper-2026")
    assert "belum dikonfirmasi" in error and resend in error
    # A wrong password learns nothing: the same answer as for an address without account.
    error = login_error("sri@logam-rahayu.id", "salah-sandi-2026")
    assert "belum dikonfirmasi" not in error and resend not in error
    assert error == login_error("tak-ada@logam-rahayu.id", "salah-sandi-2026")


# --- a new invitation ------------------------------------------------------------------------

def _invite(client, django_capture_on_commit_callbacks, email="budi@logam.id"):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:people"), {
            "full_name": "Budi Santoso", "email": email, "org_role": "staff"})
    return User.objects.get(email=email)


def test_an_admin_resends_an_invitation_after_a_while(client, cluster,
                                                      django_capture_on_commit_callbacks):
    import datetime as dt

    from pasok import clock

    start = clock.now()
    client.login(email="supplier_a@example.id", password="rahasia-uji-123")
    with clock.frozen(start):
        budi = _invite(client, django_capture_on_commit_callbacks)
        page = client.get(reverse("accounts:people")).content.decode()
    assert reverse("accounts:person-reinvite", args=[budi.pk]) in page
    with clock.frozen(start + dt.timedelta(minutes=1)), \
            django_capture_on_commit_callbacks(execute=True):
        too_soon = client.post(reverse("accounts:person-reinvite", args=[budi.pk]),
                               follow=True)
    assert "tunggu" in too_soon.content.decode() and len(mail.outbox) == 1
    with clock.frozen(start + dt.timedelta(days=4)), \
            django_capture_on_commit_callbacks(execute=True):
        again = client.post(reverse("accounts:person-reinvite", args=[budi.pk]))
    assert again.status_code == 302 and len(mail.outbox) == 2
    assert mail.outbox[1].to == ["budi@logam.id"] and "supplier_a" in mail.outbox[1].body
    link = re.search(r"http://\S+(/accounts/password/reset/\S+/)", mail.outbox[1].body)[1]
    client.logout()
    with clock.frozen(start + dt.timedelta(days=4)):
        form_page = client.get(link, follow=True)
        assert form_page.context["validlink"]
    assert AuditEvent.objects.filter(action="user.reinvite", object_id=str(budi.pk)).exists()


def test_no_new_invitation_once_a_password_is_chosen(client, cluster):
    client.login(email="supplier_a@example.id", password="rahasia-uji-123")
    colleague = User.objects.create_user("siti@logam.id", "sudah-punya-sandi",
                                         full_name="Siti", organisation=cluster.supplier_a)
    response = client.post(reverse("accounts:person-reinvite", args=[colleague.pk]),
                           follow=True)
    assert "Lupa kata sandi" in response.content.decode()
    assert mail.outbox == []


def test_staff_cannot_resend_invitations(client, cluster, django_capture_on_commit_callbacks):
    from pasok.accounts.services import user_create

    client.login(email="supplier_a@example.id", password="rahasia-uji-123")
    budi = _invite(client, django_capture_on_commit_callbacks)
    user_create(by=SYSTEM, email="staf@logam.id", full_name="Staf", password="rahasia-uji-123",
                organisation=cluster.supplier_a, org_role="staff")
    client.login(email="staf@logam.id", password="rahasia-uji-123")
    assert client.post(reverse("accounts:person-reinvite",
                               args=[budi.pk])).status_code == 403


# --- whether an address has an account is nobody's business ---------------------------------

def _without_tokens(page: str, email: str) -> str:
    """A page with its CSRF tokens (new on every answer) and the address typed left out."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page).replace(email, "")


def test_signing_up_with_an_address_in_use_answers_as_for_a_new_one(
        client, cluster, django_capture_on_commit_callbacks):
    from pasok.accounts.models import NibDocument

    def counts():
        return [model.objects.count() for model in (Organisation, User, NibDocument,
                                                     AuditEvent)]

    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        taken = client.post(reverse("accounts:signup"), _signup_data(
            email="Supplier_A@example.id"))
    assert counts() == before  # nothing made, nothing recorded
    (notice,) = mail.outbox
    assert notice.to == ["supplier_a@example.id"] and "sudah memiliki akun" in notice.body
    assert reverse("accounts:password-reset") in notice.body
    with django_capture_on_commit_callbacks(execute=True):
        new = client.post(reverse("accounts:signup"), _signup_data(nib=make_nib(79),
                                                                   npwp=make_npwp(79)))
    assert taken.status_code == new.status_code == 200
    assert (_without_tokens(taken.content.decode(), "Supplier_A@example.id")
            == _without_tokens(new.content.decode(), "sri@logam-rahayu.id"))


def test_an_address_in_use_with_a_bad_nib_gets_the_same_error_as_a_new_one(client, cluster):
    def errors(email):
        response = client.post(reverse("accounts:signup"), _signup_data(
            email=email, nib=cluster.supplier_b.nib))
        return response.context["form"].errors

    assert errors("supplier_a@example.id") == errors("baru@logam-rahayu.id")
    assert "email" not in errors("supplier_a@example.id")
    assert mail.outbox == []


def test_forgot_password_answers_the_same_for_any_address(client, cluster,
                                                          django_capture_on_commit_callbacks):
    def ask(email):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("accounts:password-reset"), {"email": email},
                               follow=True).content.decode()

    assert (_without_tokens(ask("supplier_a@example.id"), "supplier_a@example.id")
            == _without_tokens(ask("tak-ada@example.id"), "tak-ada@example.id"))
    assert [m.to for m in mail.outbox] == [["supplier_a@example.id"]]


def test_forgot_password_mails_one_account_at_most_every_few_minutes(
        client, cluster, django_capture_on_commit_callbacks):
    import datetime as dt

    from pasok import clock

    def ask(email, at):
        with clock.frozen(at), django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("accounts:password-reset"), {"email": email},
                               follow=True).content.decode()

    start = clock.now()
    pages = [ask("supplier_a@example.id", start + dt.timedelta(seconds=n)) for n in range(5)]
    assert [m.to for m in mail.outbox] == [["supplier_a@example.id"]]  # no flood
    assert len({_without_tokens(page, "supplier_a@example.id") for page in pages}) == 1
    assert (_without_tokens(pages[-1], "supplier_a@example.id")
            == _without_tokens(ask("tak-ada@example.id", start), "tak-ada@example.id"))
    ask("supplier_a@example.id", start + dt.timedelta(minutes=6))
    assert len(mail.outbox) == 2


def test_one_connection_asks_for_password_links_only_so_often(client, cluster):
    from pasok.accounts.views import RESEND_LIMIT

    for n in range(RESEND_LIMIT):
        assert client.post(reverse("accounts:password-reset"), {
            "email": f"orang{n}@example.id"}).status_code == 302
    refused = client.post(reverse("accounts:password-reset"), {"email": "lagi@example.id"})
    assert refused.status_code == 429 and "Terlalu banyak permintaan" in refused.content.decode()


def test_inviting_an_address_in_use_elsewhere_answers_as_for_a_new_one(
        cluster, django_capture_on_commit_callbacks):
    from django.contrib.messages import get_messages
    from django.test import Client

    def invite(email):
        admin = Client()
        admin.login(email="supplier_a@example.id", password="rahasia-uji-123")
        before = (User.objects.count(), AuditEvent.objects.count())
        with django_capture_on_commit_callbacks(execute=True):
            response = admin.post(reverse("accounts:people"), {
                "full_name": "Budi Santoso", "email": email, "org_role": "staff"})
        made = (User.objects.count() - before[0], AuditEvent.objects.count() - before[1])
        said = [str(m).replace(email, "…") for m in get_messages(response.wsgi_request)]
        return response.status_code, response["Location"], said, made

    taken, new = invite("Buyer_X@example.id"), invite("budi@logam.id")
    assert taken[:3] == new[:3]
    assert taken[3] == (0, 0) and new[3][0] == 1  # nothing made, nothing recorded
    buyer = User.objects.get(email="buyer_x@example.id")
    assert buyer.organisation == cluster.buyer_x and buyer.org_role == "admin"
    notice, invitation = mail.outbox
    assert notice.to == ["buyer_x@example.id"] and invitation.to == ["budi@logam.id"]
    assert "CV Logam Sejahtera" in notice.body and "/accounts/password/reset/" not in notice.body


def test_one_of_the_admins_own_people_is_refused_with_the_reason(client, cluster):
    client.login(email="supplier_a@example.id", password="rahasia-uji-123")
    response = client.post(reverse("accounts:people"), {
        "full_name": "Lagi", "email": "supplier_a@example.id", "org_role": "staff"})
    assert response.status_code == 200 and "email" in response.context["form"].errors
