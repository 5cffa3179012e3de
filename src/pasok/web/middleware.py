from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.handlers.exception import response_for_exception
from django.http import Http404
from django.utils import timezone, translation


class LanguageMiddleware:
    """The language chosen with the switch on this browser (a cookie); without one, a
    signed-in person's own language (accounts.User.language, which the switch also sets, and
    which their e-mails speak); otherwise Bahasa Indonesia.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many phones in
    Indonesia are set to English; Pasok speaks Indonesian first."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.languages:
            user = getattr(request, "user", None)
            signed_in = user is not None and user.is_authenticated
            language = user.language if signed_in else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("Vary", "Cookie")
        return response


class TimeZoneMiddleware:
    """Moments on a signed-in person's pages in their organisation's zone (WIB, WITA, WIT);
    visitors see WIB, the zone of the capital and of the Ceper cluster."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            timezone.activate(user.time_zone)
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class NotFoundMiddleware:
    """A selector that finds nothing the user may see raises DoesNotExist; the page answers
    404, the same as for a row that does not exist at all (no hint that it does)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, ObjectDoesNotExist):
            return response_for_exception(request, Http404(str(exception)))
        return None
