"""Signing in is throttled by django-axes, its counts kept in the database (axes.AccessAttempt)
so that every app server shares them: per account (the e-mail address typed) and per client
address. Axes compares one count with one limit; here an address has its own, higher limit
(PASOK_LOGIN_ADDRESS_FAILURES), since an office signs in from one address. While either is
over its limit, sign-in is refused without looking at the password; the login page says until
when (forms.paused_error) and answers 429 with Retry-After (paused_response)."""

import datetime as dt
import math
from dataclasses import dataclass

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from pasok.web import throttle

from .models import User


def account_of(request, credentials: dict | None) -> str | None:
    """The account an attempt counts against: the e-mail address as the login form reads it
    (lower case), so "Sri@…" and "sri@…" are one account. Django's login forms send it as
    `username`, a test client's login as `email`."""
    credentials = credentials or {}
    typed = credentials.get("username") or credentials.get(User.USERNAME_FIELD)
    return User.objects.normalize_email(typed).lower() if typed else None


def address_of(request) -> str | None:
    """The client's address (pasok.web.throttle decides which); None when the request has
    none, as a test client's login has not."""
    return throttle.client_address(request) or None


def _failures(attempts) -> int:
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


def _release(moments_and_failures, limit: int) -> dt.datetime | None:
    """Failures, latest first: the moment of the attempt that brought them to `limit` (the
    pause ends a cool-off after it), or None when they stay below."""
    counted = 0
    for moment, failures in moments_and_failures:
        counted += failures
        if counted >= limit:
            return moment
    return None


def _limits() -> dict[str, int]:
    return {"username": settings.AXES_FAILURE_LIMIT,
            "ip_address": settings.PASOK_LOGIN_ADDRESS_FAILURES}


class LoginThrottle(AxesDatabaseHandler):
    """Axes's database handler with a limit for each of AXES_LOCKOUT_PARAMETERS (the account
    and the address)."""

    def _counted(self, request, credentials) -> dict:
        """parameter → (its attempts within the cool-off, its limit)."""
        attempts = self.get_user_attempts(request, credentials)
        return {parameter: (found, _limits()[parameter])
                for parameter, found in zip(settings.AXES_LOCKOUT_PARAMETERS, attempts,
                                            strict=True)}

    def get_failures(self, request, credentials=None) -> int:
        """What axes compares with AXES_FAILURE_LIMIT: the account's failures, or that whole
        limit once the address has reached its own, so that every account is refused there."""
        counted = self._counted(request, credentials)
        account = _failures(counted["username"][0])
        if _failures(counted["ip_address"][0]) >= settings.PASOK_LOGIN_ADDRESS_FAILURES:
            return max(account, settings.AXES_FAILURE_LIMIT)
        return account

    def paused_until(self, request, credentials=None) -> dt.datetime | None:
        """When signing in opens again for this account from this address (None: open)."""
        releases = [_release(attempts.order_by("-attempt_time").values_list(
                        "attempt_time", "failures_since_start"), limit)
                    for attempts, limit in self._counted(request, credentials).values()]
        releases = [moment for moment in releases if moment is not None]
        return max(releases) + get_cool_off(request) if releases else None


def paused_until(request, email: str | None) -> dt.datetime | None:
    handler = AxesProxyHandler.get_implementation()
    AxesProxyHandler.update_request(request)
    return handler.paused_until(request, {"username": email})


def paused_response(request, original_response, credentials):
    """Axes's answer to a refused sign-in: the login page, which says until when (its form
    asks `paused_until`), as 429 Too Many Requests with Retry-After."""
    until = paused_until(request, account_of(request, credentials))
    original_response.status_code = 429
    if until is not None:
        wait = (until - timezone.now()).total_seconds()
        original_response["Retry-After"] = str(max(1, math.ceil(wait)))
    return original_response


@dataclass(frozen=True)
class Pause:
    """Signing in paused for one account (an e-mail address) or one client address."""

    key: str
    failures: int
    until: dt.datetime


def current_pauses() -> dict[str, list[Pause]]:
    """The accounts ("username") and the client addresses ("ip_address") paused now, the
    longest pause first (one query)."""
    cool_off = get_cool_off()
    rows = AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off).order_by(
        "-attempt_time").values("username", "ip_address", "attempt_time", "failures_since_start")
    attempts: dict[str, dict[str, list]] = {parameter: {} for parameter in _limits()}
    for row in rows:
        for parameter, by_key in attempts.items():
            if row[parameter]:
                by_key.setdefault(row[parameter], []).append(
                    (row["attempt_time"], row["failures_since_start"]))
    pauses = {}
    for parameter, by_key in attempts.items():
        found = [Pause(key, sum(f for _moment, f in got), release + cool_off)
                 for key, got in by_key.items()
                 if (release := _release(got, _limits()[parameter])) is not None]
        pauses[parameter] = sorted(found, key=lambda pause: pause.until, reverse=True)
    return pauses
