"""API tokens expire (PASOK_API_TOKEN_DAYS), say so when refused, show their expiry, and are
all revoked when their owner's password is reset or changed."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from pasok import clock
from pasok.accounts.models import ApiToken
from pasok.accounts.services import api_token_create
from pasok.audit.models import AuditEvent
from pasok.audit.presenting import present
from pasok.web.formatting import local_moment
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "cor-logam-baru-2027"


def _me(client, secret, language="en"):
    return client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}",
                                             "Accept-Language": language})


def test_a_token_stops_working_when_it_expires(client, cluster):
    start = clock.now()
    with clock.frozen(start):
        token, secret = api_token_create(by=cluster.users["buyer_x"], name="erp")
    assert token.expires_at == start + dt.timedelta(days=settings.PASOK_API_TOKEN_DAYS)
    with clock.frozen(token.expires_at - dt.timedelta(seconds=1)):
        assert _me(client, secret).status_code == 200
    with clock.frozen(token.expires_at):
        refused = _me(client, secret)
        refused_id = _me(client, secret, language="id")
    assert refused.status_code == 401
    with translation.override("en"), timezone.override(timezone.get_default_timezone()):
        moment = local_moment(token.expires_at)
    assert refused.json() == {"detail": f"This API token expired on {moment}. Make a new one "
                                        "on the API tokens page."}
    assert "kedaluwarsa" in refused_id.json()["detail"]


def test_the_tokens_page_shows_when_each_expires(client, cluster):
    assert client.login(email="supplier_a@example.id", password=PASSWORD)
    token, _secret = api_token_create(by=cluster.users["supplier_a"], name="erp")
    page = client.get(reverse("accounts:tokens")).content.decode()
    assert local_moment(token.expires_at) in page
    assert "Token berlaku 90 hari sejak dibuat." in page
    with clock.frozen(token.expires_at):
        page = client.get(reverse("accounts:tokens")).content.decode()
    assert f"kedaluwarsa {local_moment(token.expires_at)}" in page


def _revocations(user):
    return AuditEvent.objects.filter(action="api_token.revoke_on_password", actor=user)


def test_a_password_reset_revokes_every_token(client, cluster, django_capture_on_commit_callbacks):
    person = cluster.users["supplier_a"]
    secrets = [api_token_create(by=person, name=name)[1] for name in ("erp", "gudang")]
    with django_capture_on_commit_callbacks(execute=False) as queued:
        client.post(reverse("accounts:password-reset"), {"email": person.email})
    assert mail.outbox == [] and len(queued) == 1  # sent by the worker, not the page
    queued[0]()
    link = re.search(r"http://\S+(/accounts/password/reset/\S+/)", mail.outbox[0].body)[1]
    form_page = client.get(link, follow=True)
    response = client.post(form_page.redirect_chain[-1][0], {
        "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert not ApiToken.objects.filter(user=person).exists()
    assert all(_me(client, secret).status_code == 401 for secret in secrets)
    assert _revocations(person).count() == 2
    assert AuditEvent.objects.filter(action="user.password_set", object_id=str(person.pk)
                                     ).exists()
    labels = sorted(_revocations(person).values_list("object_label", flat=True))
    assert [label.split(" (")[0] for label in labels] == ["erp", "gudang"]
    with translation.override("en"):
        sentences = sorted(view.sentence for view in present(
            _revocations(person).select_related("actor__organisation", "organisation"),
            reader=cluster.users["admin"]))
    assert sentences == [f"supplier_a (CV Logam Sejahtera) chose a new password, which revoked "
                         f"the API token {label}" for label in labels]


def test_changing_the_password_revokes_every_token(client, cluster):
    person = cluster.users["buyer_x"]
    _token, secret = api_token_create(by=person, name="erp")
    _other, other_secret = api_token_create(by=cluster.users["buyer_y"], name="erp")
    assert client.login(email=person.email, password=PASSWORD)
    # The admin's own "change password" leads here too.
    assert client.get("/admin/password_change/")["Location"] == reverse(
        "accounts:password-change")
    response = client.post(reverse("accounts:password-change"), {
        "old_password": PASSWORD, "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:tokens")
    assert "Token API Anda tidak berlaku lagi" in response.content.decode()
    integration = Client()  # not the browser, which is still signed in
    assert _me(integration, secret).status_code == 401
    assert _me(integration, other_secret).status_code == 200  # someone else's stays
    assert _revocations(person).count() == 1


def test_a_wrong_old_password_changes_nothing(client, cluster):
    person = cluster.users["buyer_x"]
    _token, secret = api_token_create(by=person, name="erp")
    assert client.login(email=person.email, password=PASSWORD)
    response = client.post(reverse("accounts:password-change"), {
        "old_password": "bukan-ini", "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD})
    assert response.status_code == 200 and "old_password" in response.context["form"].errors
    assert _me(Client(), secret).status_code == 200
    assert not _revocations(person).exists()
