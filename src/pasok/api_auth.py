"""API authentication: bearer tokens for integrations, the session for the browser."""

from ninja.security import HttpBearer, SessionAuth

from pasok import clock
from pasok.accounts.models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = (ApiToken.objects.select_related("user", "user__organisation")
                 .filter(digest=ApiToken.digest_of(token), user__is_active=True).first())
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=clock.now())
        request.user = found.user
        return found.user


API_AUTH = [TokenAuth(), SessionAuth()]
