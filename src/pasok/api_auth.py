"""API authentication: bearer tokens for integrations, the session for the browser.

Neither checks a password, so neither needs the sign-in throttle: a token is 256 random bits
(guessing one is hopeless), and a session comes from the login page, which is throttled
(pasok.accounts.login_throttle)."""

from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from pasok import clock
from pasok.accounts.models import ApiToken
from pasok.web.formatting import local_moment


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = (ApiToken.objects.select_related("user", "user__organisation")
                 .filter(digest=ApiToken.digest_of(token), user__is_active=True).first())
        if found is None:
            return None
        if found.is_expired:
            raise AuthenticationError(message=_(
                "This API token expired on %(moment)s. Make a new one on the API tokens "
                "page.") % {"moment": local_moment(found.expires_at)})
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=clock.now())
        request.user = found.user
        return found.user


API_AUTH = [TokenAuth(), SessionAuth()]
