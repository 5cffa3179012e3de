from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.handlers.exception import response_for_exception
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header

API_PREFIX = "/api/"


class LanguageMiddleware:
    """Pages: the language chosen with the switch on this browser (a cookie); without one, a
    signed-in person's own language (accounts.User.language, which the switch also sets, and
    which their e-mails speak); otherwise Bahasa Indonesia. Django's LocaleMiddleware would
    follow the browser's Accept-Language, and many phones in Indonesia are set to English;
    Pasok speaks Indonesian first.

    The API (/api/): the language cookie, else the client's Accept-Language (Indonesian or
    English), else English, so an integration reads the same messages whatever the
    platform's default and may ask for Indonesian."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def _language(self, request) -> str:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language in self.languages:
            return language
        if request.path_info.startswith(API_PREFIX):
            return self._accepted(request.headers.get("Accept-Language", "")) or "en"
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user.language
        return settings.LANGUAGE_CODE

    def _accepted(self, header: str) -> str | None:
        for code, _quality in parse_accept_lang_header(header):  # best first
            base = code.split("-")[0]
            if base in self.languages:
                return base
        return None

    def __call__(self, request):
        language = self._language(request)
        request.LANGUAGE_CODE = language
        # Only for this request: the thread serves the next one (or the next test) afresh.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie", "Accept-Language")
                           if request.path_info.startswith(API_PREFIX) else ("Cookie",))
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


class MethodNotAllowedMiddleware:
    """A page that only answers a form (require_POST) opened by its address, a bookmark or
    a reload gets Django's empty 405, a blank page: show ours, with a way back. The API
    keeps its own answers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (response.status_code != 405 or response.content
                or request.path_info.startswith(API_PREFIX)):
            return response
        page = TemplateResponse(request, "405.html", status=405)
        page["Allow"] = response["Allow"]
        return page.render()
