"""The address links in e-mails point to.

In order: `PASOK_BASE_URL` when it is set (production names its public address there);
else the address of the request that caused the mail (so a `make run` on another port gets
links to that port); else the address `pasok run` serves at (its worker and the commands it
runs, which have no request), which is http://127.0.0.1:8000 by default.

A request's address is safe to echo: Django refuses a Host header outside ALLOWED_HOSTS before
any view runs. Work queued by a request takes the address with it (`base_url()` when
queuing), because the worker that sends the mail has no request."""

import contextvars

from django.conf import settings

_request: contextvars.ContextVar = contextvars.ContextVar("pasok_request", default=None)


def base_url() -> str:
    """Scheme, host and port (no trailing slash) for links made now."""
    if settings.PASOK_BASE_URL:
        return settings.PASOK_BASE_URL.rstrip("/")
    request = _request.get()
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return settings.PASOK_SERVED_URL.rstrip("/")


def absolute(path: str, base: str | None = None) -> str:
    """`path` on `base` (as captured when the work was queued), or on `base_url()`."""
    return (base or base_url()).rstrip("/") + path


def served_url(addrport: str) -> str:
    """The address `pasok run --addrport` serves at, as a browser on this machine reaches it:
    "8123" → http://127.0.0.1:8123, "0.0.0.0:8000" → http://127.0.0.1:8000."""
    host, _sep, port = addrport.rpartition(":")
    host = host.strip("[]")
    if host in ("", "0.0.0.0", "::"):  # noqa: S104 — reading the bind address, not binding
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


class BaseUrlMiddleware:
    """Remembers the request's own address while it is handled (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
