"""Signing in with Django's model backend; the signed-in person of each request comes with
their organisation, which the menu, the time zone and nearly every permission read (one query
a request fewer: the load test's pages run 10–20)."""

from django.contrib.auth.backends import ModelBackend

from .models import User


class OrganisationBackend(ModelBackend):
    def get_user(self, user_id):
        user = User._default_manager.select_related("organisation").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
