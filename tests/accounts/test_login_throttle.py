"""Signing in is throttled per account and per client address (django-axes, counted in the
database): wrong passwords pause signing in, the page says until when, a platform admin lifts
an account's pause, and the audit log says so."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from pasok.accounts.models import User
from pasok.audit.models import AuditEvent
from pasok.audit.presenting import present
from pasok.web.formatting import local_moment
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

OFFICE, ELSEWHERE = "203.0.113.7", "198.51.100.2"


def _sign_in(client, email, password, address=OFFICE, path="accounts:login"):
    return client.post(reverse(path), {"username": email, "password": password},
                       REMOTE_ADDR=address)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _pause_ends(email: str) -> dt.datetime:
    """The attempt that reached the account's limit is the latest one, so: it + the pause."""
    latest = AccessAttempt.objects.filter(username=email).latest("attempt_time").attempt_time
    return latest + settings.AXES_COOLOFF_TIME


def test_fifty_wrong_passwords_then_the_right_one_is_refused(client, cluster):
    for _ in range(50):
        _sign_in(client, "supplier_a@example.id", "tebakan-salah")
    response = _sign_in(client, "supplier_a@example.id", PASSWORD)
    assert response.status_code == 429 and not _signed_in(client)
    assert 0 < int(response["Retry-After"]) <= settings.AXES_COOLOFF_TIME.total_seconds()
    page = response.content.decode()
    assert "Terlalu banyak upaya masuk yang gagal" in page
    assert local_moment(_pause_ends("supplier_a@example.id")) in page
    # Counted in the database, where every app server reads them; refused attempts are not
    # counted, so the time the page names stays true.
    assert AccessAttempt.objects.aggregate(n=Sum("failures_since_start"))["n"] == (
        settings.AXES_FAILURE_LIMIT)


def test_the_pause_says_when_in_english_too(client, cluster):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _sign_in(client, "Supplier_A@example.id", "tebakan-salah")
    assert response.status_code == 429  # the attempt that reached the limit says so at once
    with translation.override("en"), timezone.override(timezone.get_default_timezone()):
        until = local_moment(_pause_ends("supplier_a@example.id"))
    assert ("Too many failed sign-ins with this e-mail address or from your connection. Try "
            f"again after {until}") in response.content.decode()


def test_a_short_run_of_typos_only_says_the_password_is_wrong(client, cluster):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _sign_in(client, "supplier_a@example.id", "tebakan-salah")
    assert response.status_code == 200 and "Terlalu banyak" not in response.content.decode()
    assert _sign_in(client, "supplier_a@example.id", PASSWORD).status_code == 302


def test_the_pause_ends_by_itself(client, cluster):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "supplier_a@example.id", "tebakan-salah")
    assert _sign_in(client, "supplier_a@example.id", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME)
    assert _sign_in(client, "supplier_a@example.id", PASSWORD).status_code == 302


def test_one_address_trying_many_accounts_is_paused_for_all(client, cluster):
    """Below every account's limit, one connection still runs out of tries."""
    for n in range(settings.PASOK_LOGIN_ADDRESS_FAILURES):
        _sign_in(client, f"tebakan{n}@example.id", "tebakan-salah")
    refused = _sign_in(client, "buyer_x@example.id", PASSWORD)
    assert refused.status_code == 429 and not _signed_in(client)
    # Elsewhere the same account signs in: the pause is the connection's.
    other = Client()
    assert _sign_in(other, "buyer_x@example.id", PASSWORD, address=ELSEWHERE).status_code == 302


def test_a_paused_sign_up_learns_nothing_of_its_password(client):
    """The "not confirmed yet" answer needs the right password; while paused no password is
    looked at, so it never comes."""
    from tests.accounts.test_signup import _signup_data

    client.post(reverse("accounts:signup"), _signup_data())
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "sri@logam-rahayu.id", "tebakan-salah")
    response = _sign_in(client, "sri@logam-rahayu.id", "besi-cor-ceper-2026")
    error = str(response.context["form"].non_field_errors())
    assert "belum dikonfirmasi" not in error and "Terlalu banyak" in error


def test_the_admin_sign_in_is_paused_the_same_way(client, cluster):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "admin@example.id", "tebakan-salah", path="admin:login")
    response = _sign_in(client, "admin@example.id", PASSWORD, path="admin:login")
    assert response.status_code == 429 and not _signed_in(client)
    assert "Terlalu banyak upaya masuk yang gagal" in response.content.decode()


def test_a_platform_admin_lifts_an_accounts_pause(client, cluster, django_assert_num_queries):
    stranger = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(stranger, "supplier_a@example.id", "tebakan-salah")
    for n in range(settings.PASOK_LOGIN_ADDRESS_FAILURES):
        _sign_in(stranger, f"tebakan{n}@example.id", "tebakan-salah", address=ELSEWHERE)
    assert client.login(email="admin@example.id", password=PASSWORD)
    url = reverse("accounts:sign-in-pauses")
    # session, user, the attempts, the people they name, unread notifications
    with django_assert_num_queries(5):
        page = client.get(url).content.decode()
    assert "supplier_a@example.id" in page and ELSEWHERE in page
    person = cluster.users["supplier_a"]
    unlock = reverse("accounts:sign-in-unlock", args=[person.pk])
    assert unlock in page
    assert client.post(unlock).status_code == 302
    assert not AccessAttempt.objects.filter(username="supplier_a@example.id").exists()
    assert _sign_in(Client(), "supplier_a@example.id", PASSWORD).status_code == 302
    event = AuditEvent.objects.get(action="user.sign_in_unlock")
    with translation.override("en"):
        (view,) = present(AuditEvent.objects.filter(pk=event.pk).select_related(
            "actor__organisation", "organisation"), reader=cluster.users["admin"])
    assert view.sentence == ("admin lifted the pause on signing in to the account of "
                             "supplier_a")
    assert [(c.label, c.before, c.after) for c in view.changes] == [
        ("Failed sign-ins", "5", "0")]


def test_nobody_else_lifts_a_pause(client, cluster):
    from django.core.exceptions import PermissionDenied

    from pasok.accounts.services import sign_in_unlock

    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(Client(), "supplier_a@example.id", "tebakan-salah")
    for role in ("supplier_a", "ministry"):
        with pytest.raises(PermissionDenied):
            sign_in_unlock(by=cluster.users[role], person=cluster.users["supplier_a"])
    assert AccessAttempt.objects.filter(username="supplier_a@example.id").exists()
    assert not AuditEvent.objects.filter(action="user.sign_in_unlock").exists()


def test_accounts_are_counted_by_their_lower_case_address():
    from pasok.accounts.login_throttle import account_of

    assert account_of(None, {"username": "Sri@Logam-Rahayu.ID"}) == "sri@logam-rahayu.id"
    assert account_of(None, {User.USERNAME_FIELD: "Sri@X.id"}) == "sri@x.id"
    assert account_of(None, {}) is None


@pytest.mark.parametrize(("remote", "forwarded", "client"), [
    ("203.0.113.7", "", "203.0.113.7"),
    ("203.0.113.7", "10.0.0.1", "203.0.113.7"),  # not a proxy of ours: its header is ignored
    ("127.0.0.1", "", "127.0.0.1"),
    ("127.0.0.1", "203.0.113.7", "203.0.113.7"),  # our proxy saw the client
    ("127.0.0.1", "1.2.3.4, 203.0.113.7", "203.0.113.7"),  # what the client wrote comes first
    ("127.0.0.1", "203.0.113.7, ::1", "203.0.113.7"),  # two proxies of ours
    ("127.0.0.1", "bukan-alamat", "127.0.0.1"),
])
def test_the_client_address_is_the_one_our_proxies_saw(rf, remote, forwarded, client):
    from pasok.web.throttle import client_address

    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == client


def test_behind_our_proxy_each_client_has_its_own_count(cluster):
    proxy = Client()
    for n in range(settings.PASOK_LOGIN_ADDRESS_FAILURES):
        proxy.post(reverse("accounts:login"), {"username": f"t{n}@example.id", "password": "x"},
                   REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=OFFICE)
    signed_in = proxy.post(reverse("accounts:login"), {"username": "buyer_x@example.id",
                                                       "password": PASSWORD},
                           REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=ELSEWHERE)
    assert signed_in.status_code == 302


def test_the_address_signs_in_however_it_is_typed(client, cluster):
    wrong = _sign_in(client, "Supplier_A@Example.ID", "tebakan-salah").content.decode()
    assert "Kata sandi membedakan huruf besar dan kecil; alamatnya tidak." in wrong
    assert _sign_in(client, "Supplier_A@Example.ID", PASSWORD).status_code == 302
    assert _signed_in(client)
    admin = Client()
    admin.post(reverse("admin:login"), {"username": "ADMIN@example.id", "password": PASSWORD},
               REMOTE_ADDR=OFFICE)
    assert _signed_in(admin)


def test_both_spellings_count_against_one_account(client, cluster):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "Supplier_A@example.id" if n % 2 else "supplier_a@EXAMPLE.id",
                 "tebakan-salah", address=f"198.51.100.{n + 10}")  # not the address's count
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {
        "supplier_a@example.id"}
    assert _sign_in(client, "SUPPLIER_A@example.id", PASSWORD).status_code == 429
    assert not _signed_in(client)
