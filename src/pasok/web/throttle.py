"""A simple rate limit for pages anyone can call that send mail (e.g. a new confirmation
link): at most `limit` calls per `period` seconds per key, counted in Django's cache. Each
web process has its own count with the default local-memory cache; a shared cache makes it
one count for all."""

import ipaddress

from django.conf import settings
from django.core.cache import cache


def allow(key: str, *, limit: int, period: int) -> bool:
    """Count one call for `key`; False once it is over `limit` within `period`."""
    cache_key = f"pasok-throttle:{key}"
    cache.add(cache_key, 0, timeout=period)
    try:
        calls = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=period)
        calls = 1
    return calls <= limit


def client_address(request) -> str:
    """The address the request came from. From a trusted proxy (PASOK_TRUSTED_PROXIES), the
    last address in X-Forwarded-For that is not one of them: what our proxies saw, not what a
    client wrote in the header before them. Anything there that is no address ends the
    walk: then the request is the last proxy's."""
    trusted = set(settings.PASOK_TRUSTED_PROXIES)
    address = request.META.get("REMOTE_ADDR", "")
    if address not in trusted and "*" not in trusted:
        return address
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed(forwarded):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return address
        if hop not in trusted:
            return hop
        address = hop
    return address
