from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.handlers.exception import response_for_exception
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

from pasok.web.file_limits import limit_text
from pasok.web.formatting import localized_file_size

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


def request_too_large_message(size: int | None) -> str:
    limit = limit_text(settings.PASOK_MAX_REQUEST_BYTES)
    if size is None:
        return _("The request is larger than %(limit)s; at most %(limit)s is accepted in one "
                 "request.") % {"limit": limit}
    return _("The request is %(size)s; at most %(limit)s is accepted in one request.") % {
        "size": localized_file_size(size), "limit": limit}


class RequestSizeMiddleware:
    """A request larger than PASOK_MAX_REQUEST_BYTES (by its Content-Length) answers 413
    before anything reads its body: Django would spool a 300 MB upload to disk for a form
    to read back into memory. The API answers JSON (`{"detail": ...}`), pages a page. After
    the language middleware, so the answer is in the reader's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0
        if size <= settings.PASOK_MAX_REQUEST_BYTES:
            return self.get_response(request)
        message = request_too_large_message(size)
        if request.path_info.startswith(API_PREFIX):
            return JsonResponse({"detail": message}, status=413)
        return TemplateResponse(request, "413.html", {"message": message}, status=413).render()
