"""A simple rate limit for pages anyone can call that send mail (e.g. a new confirmation
link): at most `limit` calls per `period` seconds per key, counted in Django's cache. Each
web process has its own count with the default local-memory cache; a shared cache makes it
one count for all."""

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
    """The address the request came from (the proxy's, behind one that does not pass it on)."""
    return request.META.get("REMOTE_ADDR", "")
