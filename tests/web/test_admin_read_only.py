"""The admin is a read-only window: no registered model admin lets even a platform admin (a
superuser) add, change or delete anything, nor run an action; writes go through the
services, which check and audit them."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_no_model_admin_writes_for_a_platform_admin(cluster):
    request = RequestFactory().get("/admin/")
    request.user = cluster.users["admin"]
    assert request.user.is_superuser
    writers = {f"{model._meta.label}: {name}"
               for model, model_admin in admin.site._registry.items()
               for name, allowed in (
                   ("add", model_admin.has_add_permission(request)),
                   ("change", model_admin.has_change_permission(request)),
                   ("delete", model_admin.has_delete_permission(request)),
                   ("actions", bool(model_admin.get_actions(request))))
               if allowed}
    assert writers == set()
    assert len(admin.site._registry) >= 6  # the walk saw the admin


def test_groups_are_not_in_the_admin(client, cluster):
    """Django's group admin let a platform admin create groups, unaudited; Pasok's roles are
    not groups (accounts/permissions.py), so it is gone."""
    assert Group not in admin.site._registry
    assert client.login(email="admin@example.id", password=PASSWORD)
    client.post("/admin/auth/group/add/", {"name": "Penyusup"})
    assert not Group.objects.exists()
    assert "/admin/auth/group/" not in client.get(reverse("admin:index")).content.decode()
