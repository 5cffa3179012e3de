"""The one clock. Every deadline and timestamp in Pasok reads `now()` so tests can set time
to the second (`pasok.clock.frozen`)."""

import contextlib
import datetime as dt
from collections.abc import Iterator

from django.utils import timezone

_frozen: dt.datetime | None = None


def now() -> dt.datetime:
    return _frozen if _frozen is not None else timezone.now()


def today() -> dt.date:
    return timezone.localdate(now())


@contextlib.contextmanager
def frozen(at: dt.datetime) -> Iterator[None]:
    """Fix the clock at `at` (timezone-aware) inside the block."""
    global _frozen
    if timezone.is_naive(at):
        raise ValueError("frozen() needs a timezone-aware datetime")
    previous, _frozen = _frozen, at
    try:
        yield
    finally:
        _frozen = previous
