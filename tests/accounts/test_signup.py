import re

import pytest
from django.core import mail
from django.urls import reverse

from pasok.accounts.models import Organisation, User
from pasok.audit.models import AuditEvent
from tests.conftest import make_nib, make_npwp

pytestmark = pytest.mark.django_db


def _signup_data(**overrides):
    data = {"full_name": "Sri Rahayu", "email": "sri@logam-rahayu.id",
            "password1": "besi-cor-ceper-2026", "password2": "besi-cor-ceper-2026",
            "name": "UD Logam Rahayu", "nib": make_nib(77), "npwp": make_npwp(77),
            "province": "Jawa Tengah", "regency": "Klaten", "district": "Ceper",
            "annual_sales": "1200000000"}
    data.update(overrides)
    return data


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
    link = re.search(r"http\S+/accounts/confirm/\S+/", mail.outbox[0].body)[0]
    assert not client.login(email="sri@logam-rahayu.id", password="besi-cor-ceper-2026")
    confirmed = client.get(link.split("8000", 1)[1])
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
    ("annual_sales", "-5"),
])
def test_bad_signup_names_the_field_and_writes_nothing(client, field, value):
    response = client.post(reverse("accounts:signup"), _signup_data(**{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
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

    user_create(by=None, email="staf@logam.id", full_name="Staf", password="rahasia-uji-123",
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
