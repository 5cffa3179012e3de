"""Pasok's URLs plus a page that fails, for the error page tests."""

from django.core.exceptions import SuspiciousOperation
from django.urls import path

from pasok.urls import urlpatterns as pasok_urls


def _fails(request):
    raise RuntimeError("a bug")


def _suspicious(request):
    raise SuspiciousOperation("tampered")


urlpatterns = [path("fails/", _fails), path("suspicious/", _suspicious), *pasok_urls]
