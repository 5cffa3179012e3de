"""The signed-in person of a request comes with their organisation in one query
(pasok.accounts.backends)."""

import pytest
from django.contrib.auth import SESSION_KEY, get_user
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def _request_of(client, user):
    client.force_login(user)
    request = RequestFactory().get("/")
    request.session = client.session
    return request


def test_the_organisation_comes_with_the_user(cluster, client, django_assert_num_queries):
    request = _request_of(client, cluster.users["buyer_x"])
    with django_assert_num_queries(2):  # the session, the person with the organisation
        user = get_user(request)
        assert (user.org_kind, user.organisation.name) == (
            "bumn_buyer", "PT Kereta Api Indonesia (Persero)")


def test_a_deactivated_person_is_signed_out(cluster, client):
    person = cluster.users["supplier_a"]
    request = _request_of(client, person)
    person.is_active = False
    person.save(update_fields=["is_active"])
    assert not get_user(request).is_authenticated
    assert str(person.pk) == request.session[SESSION_KEY]
